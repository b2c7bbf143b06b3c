//! The PNG drawing backend: plotters' `BitMapBackend` with our own text
//! rasteriser.
//!
//! plotters 0.3.7 draws `ab_glyph` text without each glyph's left side
//! bearing and with a baseline guessed from the font size, which spaces
//! digits unevenly ("2 024") and sets text a little off its anchor. This
//! wrapper lays text out with `ab_glyph` directly, from the embedded faces
//! only, and hands every other call to the bitmap backend unchanged.

use super::{FONT_BOLD, FONT_REGULAR};
use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
};
use std::sync::OnceLock;

type Inner<'a> = BitMapBackend<'a>;
type Err<'a> = DrawingErrorKind<<Inner<'a> as DrawingBackend>::ErrorType>;

/// The embedded faces, parsed once.
fn faces() -> Option<&'static (FontRef<'static>, FontRef<'static>)> {
    static FACES: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let regular = FontRef::try_from_slice(FONT_REGULAR).ok()?;
            let bold = FontRef::try_from_slice(FONT_BOLD).ok()?;
            Some((regular, bold))
        })
        .as_ref()
}

fn face_for(style: FontStyle) -> Option<&'static FontRef<'static>> {
    let (regular, bold) = faces()?;
    Some(match style {
        FontStyle::Bold => bold,
        _ => regular,
    })
}

/// Horizontal layout of one line: glyph ids with pen positions, total advance
/// and the scaled ascent/descent.
struct Line {
    glyphs: Vec<(ab_glyph::GlyphId, f32)>,
    width: f32,
    ascent: f32,
    descent: f32,
}

fn layout(font: &FontRef<'static>, size: f64, text: &str) -> Line {
    let scaled = font.as_scaled(PxScale::from(size.max(1.0) as f32));
    let mut pen = 0.0f32;
    let mut prev: Option<ab_glyph::GlyphId> = None;
    let mut glyphs = Vec::with_capacity(text.len());
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            pen += scaled.kern(p, id);
        }
        glyphs.push((id, pen));
        pen += scaled.h_advance(id);
        prev = Some(id);
    }
    Line {
        glyphs,
        width: pen,
        ascent: scaled.ascent(),
        descent: scaled.descent(),
    }
}

/// Size of `text` in pixels: advance width and ascent − descent.
fn measure(style: FontStyle, size: f64, text: &str) -> Option<(u32, u32)> {
    let font = face_for(style)?;
    let line = layout(font, size, text);
    Some((
        line.width.ceil().max(0.0) as u32,
        (line.ascent - line.descent).ceil().max(0.0) as u32,
    ))
}

/// A `BitMapBackend` whose text comes from the embedded faces.
pub(crate) struct Raster<'a> {
    inner: Inner<'a>,
}

impl<'a> Raster<'a> {
    /// Draws into an RGB buffer of `w × h × 3` bytes.
    pub fn with_buffer(buf: &'a mut [u8], size: (u32, u32)) -> Self {
        Self {
            inner: BitMapBackend::with_buffer(buf, size),
        }
    }
}

impl<'a> DrawingBackend for Raster<'a> {
    type ErrorType = <Inner<'a> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Err<'a>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Err<'a>> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Err<'a>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Err<'a>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Err<'a>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Err<'a>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Err<'a>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Err<'a>> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), Err<'a>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), Err<'a>> {
        match measure(style.style(), style.size(), text) {
            Some(wh) => Ok(wh),
            None => self.inner.estimate_text_size(text, style),
        }
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), Err<'a>> {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        let Some(font) = face_for(style.style()) else {
            return self.inner.draw_text(text, style, pos);
        };
        let size = style.size();
        let line = layout(font, size, text);
        let scale = PxScale::from(size.max(1.0) as f32);
        let width = line.width.round() as i32;
        let height = (line.ascent - line.descent).round() as i32;
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            plotters_backend::text_anchor::HPos::Left => 0,
            plotters_backend::text_anchor::HPos::Right => -width,
            plotters_backend::text_anchor::HPos::Center => -width / 2,
        };
        let dy = match anchor.v_pos {
            plotters_backend::text_anchor::VPos::Top => 0,
            plotters_backend::text_anchor::VPos::Center => -height / 2,
            plotters_backend::text_anchor::VPos::Bottom => -height,
        };
        let trans = style.transform();
        let (w, h) = self.get_size();
        for (id, x) in &line.glyphs {
            let glyph = id.with_scale_and_position(scale, point(*x, line.ascent));
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let b = outline.px_bounds();
            let (bx, by) = (b.min.x as i32, b.min.y as i32);
            let mut result = Ok(());
            outline.draw(|gx, gy, coverage| {
                if result.is_err() || coverage <= 0.0 {
                    return;
                }
                let (tx, ty) = trans.transform(bx + gx as i32 + dx, by + gy as i32 + dy);
                let (px, py) = (pos.0 + tx, pos.1 + ty);
                if px < 0 || py < 0 || px >= w as i32 || py >= h as i32 {
                    return;
                }
                let c = BackendColor {
                    alpha: color.alpha * f64::from(coverage.min(1.0)),
                    rgb: color.rgb,
                };
                result = self.inner.draw_pixel((px, py), c);
            });
            result?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_evenly_spaced() {
        // Tabular digits: every advance is the same, and a "1" keeps its
        // left side bearing, so "2024" is not drawn as "2 024".
        let Some(font) = face_for(FontStyle::Normal) else {
            panic!("embedded font does not parse")
        };
        let line = layout(font, 20.0, "2024");
        let xs: Vec<f32> = line.glyphs.iter().map(|(_, x)| *x).collect();
        let steps: Vec<f32> = xs.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(
            steps.iter().all(|s| (s - steps[0]).abs() < 0.01),
            "{steps:?}"
        );
        assert!(measure(FontStyle::Bold, 20.0, "Ségou").is_some_and(|(w, h)| w > 30 && h >= 20));
    }
}
