//! Charts: deaths over time, deaths by region, a choropleth map with the
//! incidents on it, and small-multiple maps by year, as PNG or SVG.
//!
//! The input is plain data ([`ChartInput`]), filled by the caller from the
//! aggregates; this module knows nothing of the rest of the pipeline. Text is
//! drawn with an embedded DejaVu Sans (see `src/export/chart/fonts/LICENSE`), registered
//! with plotters' `ab_glyph` renderer, so no system font or fontconfig is ever
//! consulted. The same input gives the same bytes: nothing here reads the
//! clock, and every list is drawn in a sorted order.
//!
//! Map classes come from [`class_breaks`], which the QGIS style sidecar and
//! the HTML page can call to get the very same classes.

mod by_region;
mod map;
mod over_time;
mod raster;

use crate::error::{Error, Result};
use crate::export::style::{class_palette, fmt_int};
use chrono::{Datelike, NaiveDate};
use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What a row of [`ChartInput::regions`] stands for.
///
/// Rows should not overlap: every incident is counted in exactly one row, so
/// the "share of deaths" printed next to leftover bars is right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegionKind {
    /// A real region (or grid cell), with a polygon when one is known.
    Region,
    /// Incidents located only to a coarser unit than the level (e.g. "Mali"),
    /// so not allocated to one region. One row per parent unit is fine.
    Unallocated,
    /// Incidents outside every region, or not located at all.
    Unassigned,
    /// Incidents with no usable date, for a caller that keeps them out of the
    /// region rows. Usually undated incidents stay in their region's row and
    /// their cells carry `period_start: None` instead: the time chart then
    /// states them in its footer.
    Undated,
}

impl RegionKind {
    /// Whether this row is a real region rather than a bucket of leftovers.
    pub fn is_region(self) -> bool {
        self == Self::Region
    }
}

/// Totals for one region (or one leftover bucket) over the whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionSeries {
    /// Display name, as written (accents kept: "Ségou").
    pub name: String,
    /// Stable code; [`PeriodCell::region_code`] refers to it.
    pub code: String,
    /// Number of incidents.
    pub events: u64,
    /// Low estimate of deaths.
    pub deaths_low: u64,
    /// Best estimate of deaths.
    pub deaths_best: u64,
    /// High estimate of deaths.
    pub deaths_high: u64,
    /// The region's outline in WGS84 lon/lat (x = lon, y = lat); `None` for
    /// leftover buckets or regions without a polygon.
    pub geometry: Option<geo::MultiPolygon<f64>>,
    /// Real region or leftover bucket.
    pub kind: RegionKind,
}

impl RegionSeries {
    /// Most best-estimate deaths first, then by name and code: the order of
    /// the bars and of the map's labels.
    pub(crate) fn most_deaths_first(a: &&Self, b: &&Self) -> std::cmp::Ordering {
        b.deaths_best
            .cmp(&a.deaths_best)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.code.cmp(&b.code))
    }
}

/// Totals for one region in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodCell {
    /// The period as shown on axes ("2024-03", "2024-W13", "2024").
    pub period_label: String,
    /// First day of the period; `None` for undated incidents.
    pub period_start: Option<NaiveDate>,
    /// The [`RegionSeries::code`] this cell belongs to.
    pub region_code: String,
    /// Number of incidents.
    pub events: u64,
    /// Low estimate of deaths.
    pub deaths_low: u64,
    /// Best estimate of deaths.
    pub deaths_best: u64,
    /// High estimate of deaths.
    pub deaths_high: u64,
}

/// One located incident, drawn as a circle on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IncidentDot {
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Best estimate of deaths, when known.
    pub deaths_best: Option<u64>,
}

/// Everything the charts draw.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartInput {
    /// Main title, e.g. "Deaths in Mali, Burkina Faso and Niger".
    pub title: String,
    /// Region level, e.g. "admin1".
    pub level: String,
    /// Period granularity, e.g. "month".
    pub granularity: String,
    /// One row per region and per leftover bucket.
    pub regions: Vec<RegionSeries>,
    /// Region × period totals.
    pub cells: Vec<PeriodCell>,
    /// Located incidents for the map.
    pub incidents: Vec<IncidentDot>,
    /// Source and data attribution for the footer.
    pub attribution: String,
    /// Caveats printed above the attribution on every chart, one line each
    /// (e.g. "High estimates are floors for 12 incidents with open-ended tolls").
    pub notes: Vec<String>,
    /// First and last day covered, for titles.
    pub date_range: Option<(NaiveDate, NaiveDate)>,
}

/// Image format of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartFormat {
    /// Raster PNG (RGB, 8 bit).
    #[default]
    Png,
    /// SVG with text as `<text>` elements.
    Svg,
}

impl ChartFormat {
    /// File extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
        }
    }
}

/// Size and format of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartOptions {
    /// Width in pixels (64..=8192).
    pub width: u32,
    /// Height in pixels (64..=8192).
    pub height: u32,
    /// PNG or SVG.
    pub format: ChartFormat,
}

impl Default for ChartOptions {
    fn default() -> Self {
        Self {
            width: 1600,
            height: 1000,
            format: ChartFormat::Png,
        }
    }
}

/// The charts [`render_all`] writes, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChartKind {
    /// `deaths_over_time`: stacked bars by period with an events panel.
    DeathsOverTime,
    /// `deaths_by_region`: horizontal bars by region with low–high whiskers.
    DeathsByRegion,
    /// `map`: choropleth of deaths with incident circles.
    Map,
    /// `map_by_year`: small-multiple choropleths by year (or by period).
    MapByYear,
}

impl ChartKind {
    /// All charts, in the order they are written.
    pub const ALL: [ChartKind; 4] = [
        Self::DeathsOverTime,
        Self::DeathsByRegion,
        Self::Map,
        Self::MapByYear,
    ];

    /// File name in `format`, e.g. `map.svg`.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::export::chart::{ChartFormat, ChartKind};
    /// assert_eq!(ChartKind::MapByYear.file_name(ChartFormat::Png), "map_by_year.png");
    /// ```
    pub fn file_name(self, format: ChartFormat) -> String {
        format!("{}.{}", self.stem(), format.extension())
    }

    /// File stem, e.g. `deaths_over_time`.
    pub fn stem(self) -> &'static str {
        match self {
            Self::DeathsOverTime => "deaths_over_time",
            Self::DeathsByRegion => "deaths_by_region",
            Self::Map => "map",
            Self::MapByYear => "map_by_year",
        }
    }
}

/// Draws every chart into `out_dir` (`deaths_over_time`, `deaths_by_region`,
/// `map`, `map_by_year`, with the extension of `opts.format`), each written
/// atomically, and returns the paths in that order.
///
/// Empty input still gives every file, each saying there is nothing to show.
///
/// # Examples
/// ```
/// use casualty_atlas::export::chart::{render_all, ChartFormat, ChartInput, ChartOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let opts = ChartOptions { width: 320, height: 200, format: ChartFormat::Svg };
/// let paths = render_all(&ChartInput::default(), &opts, dir.path()).unwrap();
/// assert_eq!(paths.len(), 4);
/// assert!(paths[0].ends_with("deaths_over_time.svg"));
/// ```
pub fn render_all(input: &ChartInput, opts: &ChartOptions, out_dir: &Path) -> Result<Vec<PathBuf>> {
    // drawn on a thread each, written in order: the first chart that fails
    // stops the writing there, as drawing them one by one did
    let drawn: Vec<Result<Vec<u8>>> = std::thread::scope(|s| {
        let handles: Vec<_> = ChartKind::ALL
            .iter()
            .map(|&kind| s.spawn(move || render_bytes(kind, input, opts)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    ChartKind::ALL
        .iter()
        .zip(drawn)
        .map(|(&kind, bytes)| write_one(kind, bytes, opts, out_dir))
        .collect()
}

/// Draws one chart into `out_dir` and returns its path.
///
/// # Examples
/// ```
/// use casualty_atlas::export::chart::{render_one, ChartInput, ChartKind, ChartOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let opts = ChartOptions { width: 320, height: 200, ..ChartOptions::default() };
/// let p = render_one(ChartKind::Map, &ChartInput::default(), &opts, dir.path()).unwrap();
/// assert!(p.ends_with("map.png"));
/// ```
pub fn render_one(
    kind: ChartKind,
    input: &ChartInput,
    opts: &ChartOptions,
    out_dir: &Path,
) -> Result<PathBuf> {
    write_one(kind, render_bytes(kind, input, opts), opts, out_dir)
}

/// Writes a drawn chart into `out_dir` (a drawing error names the file).
fn write_one(
    kind: ChartKind,
    bytes: Result<Vec<u8>>,
    opts: &ChartOptions,
    out_dir: &Path,
) -> Result<PathBuf> {
    let path = out_dir.join(kind.file_name(opts.format));
    let bytes = bytes.map_err(|e| match e {
        Error::Chart { message, .. } => Error::Chart {
            path: path.clone(),
            message,
        },
        other => other,
    })?;
    crate::export::write_atomic(&path, &bytes)?;
    Ok(path)
}

/// Smallest and largest accepted width or height, in pixels.
pub const SIZE_LIMITS: (u32, u32) = (64, 8192);

/// Draws one chart and returns the file's bytes (PNG or SVG).
///
/// A width or height outside [`SIZE_LIMITS`] is an [`Error::Usage`].
///
/// # Examples
/// ```
/// use casualty_atlas::export::chart::{render_bytes, ChartFormat, ChartInput, ChartKind, ChartOptions};
/// let opts = ChartOptions { width: 320, height: 200, format: ChartFormat::Png };
/// let png = render_bytes(ChartKind::DeathsByRegion, &ChartInput::default(), &opts).unwrap();
/// assert!(png.starts_with(b"\x89PNG"));
/// let bad = ChartOptions { width: 0, ..opts };
/// assert!(render_bytes(ChartKind::Map, &ChartInput::default(), &bad).is_err());
/// ```
pub fn render_bytes(kind: ChartKind, input: &ChartInput, opts: &ChartOptions) -> Result<Vec<u8>> {
    let (min, max) = SIZE_LIMITS;
    let (w, h) = (opts.width, opts.height);
    if !(min..=max).contains(&w) || !(min..=max).contains(&h) {
        return Err(Error::Usage(format!(
            "chart size {w}×{h} px is out of range ({min} to {max} px on each side)"
        )));
    }
    let family = font_family()?;
    draw_bytes(kind, input, opts, family).map_err(|message| Error::Chart {
        path: PathBuf::from(kind.file_name(opts.format)),
        message,
    })
}

fn draw_bytes(
    kind: ChartKind,
    input: &ChartInput,
    opts: &ChartOptions,
    family: &'static str,
) -> std::result::Result<Vec<u8>, String> {
    let (w, h) = (opts.width, opts.height);
    let ctx = Ctx::new(w, h, family);
    let data = Prepared::new(input);
    match opts.format {
        ChartFormat::Png => {
            let len = (w as usize) * (h as usize) * 3;
            let mut buf = vec![0u8; len];
            {
                let root = raster::Raster::with_buffer(&mut buf, (w, h)).into_drawing_area();
                draw_on(kind, &root, &ctx, &data)?;
            }
            encode_png(&buf, w, h).map_err(|e| e.to_string())
        }
        ChartFormat::Svg => {
            let mut s = String::new();
            {
                let root = SVGBackend::with_string(&mut s, (w, h)).into_drawing_area();
                draw_on(kind, &root, &ctx, &data)?;
            }
            Ok(s.into_bytes())
        }
    }
}

/// The PNG of an RGB image: what `png`'s encoder writes (Sub filter,
/// default compression, one IDAT chunk), made without its cost per row:
/// its writer compresses a row at a time, and every write zeroes the
/// compressor's 32 KB output buffer. Here the rows are filtered as it
/// filters them into one buffer, compressed by the same deflate in one
/// write (the stream does not depend on how the input is cut), and written
/// as the same chunks.
fn encode_png(rgb: &[u8], w: u32, h: u32) -> std::result::Result<Vec<u8>, png::EncodingError> {
    fn header(
        out: &mut Vec<u8>,
        w: u32,
        h: u32,
    ) -> std::result::Result<png::Writer<&mut Vec<u8>>, png::EncodingError> {
        let mut enc = png::Encoder::new(out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Default);
        enc.write_header()
    }
    let mut out = Vec::new();
    let row = w as usize * 3;
    if row == 0 || rgb.len() != row * h as usize {
        // (png's own path, for its error)
        let mut writer = header(&mut out, w, h)?;
        writer.write_image_data(rgb)?;
        writer.finish()?;
        return Ok(out);
    }
    let mut filtered = Vec::with_capacity((row + 1) * h as usize);
    for line in rgb.chunks_exact(row) {
        filtered.push(png::FilterType::Sub as u8);
        filtered.extend_from_slice(&line[..3]);
        filtered.extend(line[3..].iter().zip(line).map(|(c, p)| c.wrapping_sub(*p)));
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut z, &filtered)?;
    let data = z.finish()?;
    {
        let mut writer = header(&mut out, w, h)?;
        writer.write_chunk(png::chunk::IDAT, &data)?;
        writer.finish()?;
    }
    Ok(out)
}

/// Result of a drawing routine.
pub(crate) type DrawResult = std::result::Result<(), Box<dyn std::error::Error>>;

/// What every chart draws with: the area, the sizes and fonts, the data.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    pub(crate) root: &'a DrawingArea<DB, Shift>,
    pub(crate) ctx: &'a Ctx,
    pub(crate) data: &'a Prepared<'a>,
}

/// Draws chart `kind` on `root` and presents it (the PNG and the SVG path).
fn draw_on<DB: DrawingBackend>(
    kind: ChartKind,
    root: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    data: &Prepared,
) -> std::result::Result<(), String>
where
    DB::ErrorType: 'static,
{
    draw_chart(kind, &Canvas { root, ctx, data }).map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

fn draw_chart<DB: DrawingBackend>(kind: ChartKind, c: &Canvas<'_, DB>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    c.root.fill(&WHITE)?;
    match kind {
        ChartKind::DeathsOverTime => over_time::draw(c),
        ChartKind::DeathsByRegion => by_region::draw(c),
        ChartKind::Map => map::draw_map(c),
        ChartKind::MapByYear => map::draw_small_multiples(c),
    }
}

// ---------------------------------------------------------------------------
// Font

/// The embedded regular face (DejaVu Sans, Bitstream Vera licence).
pub static FONT_REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
/// The embedded bold face (DejaVu Sans Bold, Bitstream Vera licence).
pub static FONT_BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");
/// The family name the embedded faces are registered under. Raster text
/// looks it up only among the registered faces; SVG output writes it as the
/// CSS `font-family` list, so a viewer without DejaVu Sans falls back to a
/// sans-serif face rather than its default serif.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

/// Registers the embedded faces with plotters (once per process) and returns
/// the family name to draw with.
///
/// # Examples
/// ```
/// use casualty_atlas::export::chart::{font_family, FONT_FAMILY};
/// assert_eq!(font_family().unwrap(), FONT_FAMILY);
/// ```
pub fn font_family() -> Result<&'static str> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT_REGULAR).is_ok()
            && plotters::style::register_font(FONT_FAMILY, FontStyle::Bold, FONT_BOLD).is_ok()
    });
    if ok {
        Ok(FONT_FAMILY)
    } else {
        Err(Error::Usage(
            "the embedded chart font could not be loaded".into(),
        ))
    }
}

// ---------------------------------------------------------------------------
// Drawing context: sizes scaled to the canvas

/// Sizes and fonts for one canvas.
pub(crate) struct Ctx {
    pub w: u32,
    pub h: u32,
    /// Scale relative to 1600×1000.
    pub s: f64,
    pub family: &'static str,
}

impl Ctx {
    fn new(w: u32, h: u32, family: &'static str) -> Self {
        let s = (f64::from(w) / 1600.0).min(f64::from(h) / 1000.0);
        Self { w, h, s, family }
    }

    /// A pixel length scaled to the canvas, at least `min`.
    pub fn px(&self, base: f64, min: f64) -> i32 {
        (base * self.s).max(min).round() as i32
    }

    /// Font size in pixels for a base size at 1600×1000, never below 9 px.
    pub fn size(&self, base: f64) -> f64 {
        (base * self.s).max(9.0).round()
    }

    pub fn text(&self, base: f64) -> TextStyle<'static> {
        TextStyle::from((self.family, self.size(base)).into_font()).color(&INK)
    }

    pub fn bold(&self, base: f64) -> TextStyle<'static> {
        TextStyle::from(
            (self.family, self.size(base))
                .into_font()
                .style(FontStyle::Bold),
        )
        .color(&INK)
    }

    /// Height below an x axis for tick labels and the axis description.
    pub fn x_label_area(&self) -> i32 {
        (self.size(self.tick_size()) + self.size(self.label_size()) * 1.25) as i32
            + self.px(18.0, 6.0)
    }

    pub fn title_size(&self) -> f64 {
        34.0
    }
    pub fn label_size(&self) -> f64 {
        22.0
    }
    pub fn tick_size(&self) -> f64 {
        19.0
    }
    pub fn small_size(&self) -> f64 {
        16.0
    }
}

/// Near-black for text and lines.
pub(crate) const INK: RGBColor = RGBColor(33, 33, 33);
/// Mid grey for secondary text.
pub(crate) const MUTED: RGBColor = RGBColor(96, 96, 96);
/// Light grey for gridlines and empty regions.
pub(crate) const FAINT: RGBColor = RGBColor(225, 225, 225);

/// Okabe–Ito colours (colour-blind safe), without black, in drawing order.
pub(crate) const CATEGORICAL: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(240, 228, 66),  // yellow
];
/// "Other regions" in stacked charts.
pub(crate) const OTHER: RGBColor = RGBColor(187, 187, 187);
/// Leftover buckets (unallocated, unassigned, undated).
pub(crate) const LEFTOVER: RGBColor = RGBColor(110, 110, 110);

/// [`class_palette`] as plotters colours.
pub(crate) fn ylorrd(n: usize) -> Vec<RGBColor> {
    class_palette(n)
        .into_iter()
        .map(|[r, g, b]| RGBColor(r, g, b))
        .collect()
}

// ---------------------------------------------------------------------------
// Numbers and text

/// Axis tick formatter for non-negative counts.
pub(crate) fn fmt_tick(v: f64) -> String {
    if !v.is_finite() || v < 0.0 {
        return String::new();
    }
    if v.fract().abs() > 1e-9 && v < 10.0 {
        return format!("{v:.1}");
    }
    fmt_int(v.round() as u64)
}

/// Cuts `s` to `max` characters with an ellipsis.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Width of `text` in pixels as drawn with `style` (0 when it cannot be measured).
pub(crate) fn text_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
) -> i32 {
    area.estimate_text_size(text, style)
        .map(|(w, _)| w as i32)
        .unwrap_or(0)
}

/// `text`, cut with an ellipsis until it fits in `max_px` pixels.
pub(crate) fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    max_px: i32,
) -> String {
    let n = text.chars().count();
    if text_width(area, text, style) <= max_px {
        return text.to_string();
    }
    let mut keep = n;
    while keep > 1 {
        keep -= 1;
        let t = truncate(text, keep);
        if text_width(area, &t, style) <= max_px {
            return t;
        }
    }
    truncate(text, 1)
}

/// The period covered, for titles: "Jan 2023 – Dec 2024".
pub(crate) fn range_text(data: &Prepared) -> Option<String> {
    let (a, b) = data.date_range?;
    let fmt = |d: NaiveDate| format!("{} {}", d.format("%-d %b"), d.year());
    Some(format!("{} – {}", fmt(a), fmt(b)))
}

/// `text` with the period covered ([`range_text`]) after `sep`, when known:
/// the preamble of every chart's title or subtitle.
pub(crate) fn with_range(text: &str, sep: &str, data: &Prepared) -> String {
    match range_text(data) {
        Some(r) => format!("{text}{sep}{r}"),
        None => text.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Legends

/// Splits a chart's body into the plot and the legend column on its right
/// (`frac` of the width, at least `min` pixels); returns the column's width.
pub(crate) fn split_legend<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    frac: f64,
    min: u32,
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>, u32) {
    let (bw, _) = body.dim_in_pixel();
    let legend_w = ((f64::from(bw) * frac) as u32).max(min);
    let (plot, legend) = body.split_horizontally(bw.saturating_sub(legend_w));
    (plot, legend, legend_w)
}

/// The legend column's rows: swatch size, line height and where labels
/// start, with the y of the next row.
pub(crate) struct Legend<'a, DB: DrawingBackend> {
    pub(crate) area: DrawingArea<DB, Shift>,
    ctx: &'a Ctx,
    /// Swatch side.
    pub(crate) sw: i32,
    /// One row's height.
    pub(crate) line_h: i32,
    /// The labels' left edge.
    pub(crate) text_x: i32,
    /// Top of the next row.
    pub(crate) y: i32,
}

impl<'a, DB: DrawingBackend> Legend<'a, DB>
where
    DB::ErrorType: 'static,
{
    /// The legend in `column`, inside its margins (`bottom` as
    /// [`Ctx::px`]'s base and minimum).
    pub(crate) fn new(column: &DrawingArea<DB, Shift>, ctx: &'a Ctx, bottom: (f64, f64)) -> Self {
        let sw = ctx.px(22.0, 8.0);
        Legend {
            area: column.margin(ctx.px(8.0, 2.0), 0, ctx.px(bottom.0, bottom.1), 0),
            ctx,
            sw,
            line_h: ctx.px(34.0, 12.0),
            text_x: sw + ctx.px(10.0, 3.0),
            y: 0,
        }
    }

    /// The labels' style.
    pub(crate) fn label_style(&self) -> TextStyle<'static> {
        self.ctx.text(self.ctx.tick_size())
    }

    /// A bold heading, then a row's height down.
    pub(crate) fn heading(&mut self, text: &str) -> DrawResult {
        draw_text(
            &self.area,
            text,
            (0, self.y),
            &self.ctx.bold(self.ctx.tick_size()),
            (HPos::Left, VPos::Top),
        )?;
        self.y += self.line_h;
        Ok(())
    }

    /// A swatch filled with `fill`, `mark` drawn over it (an edge,
    /// hatching), and its label; then a row's height down.
    pub(crate) fn row(
        &mut self,
        fill: RGBColor,
        mark: impl FnOnce(&DrawingArea<DB, Shift>, (i32, i32), (i32, i32)) -> DrawResult,
        label: &str,
    ) -> DrawResult {
        let (y, sw) = (self.y, self.sw);
        self.area
            .draw(&Rectangle::new([(0, y), (sw, y + sw)], fill.filled()))?;
        self.mark_row(mark, label)
    }

    /// `mark` drawn in the swatch's square (a whisker, a line), and its
    /// label; then a row's height down.
    pub(crate) fn mark_row(
        &mut self,
        mark: impl FnOnce(&DrawingArea<DB, Shift>, (i32, i32), (i32, i32)) -> DrawResult,
        label: &str,
    ) -> DrawResult {
        let (y, sw) = (self.y, self.sw);
        mark(&self.area, (0, y), (sw, y + sw))?;
        draw_text(
            &self.area,
            label,
            (self.text_x, y + sw / 2),
            &self.label_style(),
            (HPos::Left, VPos::Center),
        )?;
        self.y += self.line_h;
        Ok(())
    }
}

/// A chart's plotting plane: f64 on both axes.
pub(crate) type Plane<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Every chart's axes: tick labels and descriptions in the house sizes,
/// gridlines faint, axis lines in ink; the caller adds which axis has what.
pub(crate) fn axes<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    ctx: &Ctx,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.label_style(ctx.text(ctx.tick_size()))
        .axis_desc_style(ctx.text(ctx.label_size()))
        .light_line_style(WHITE)
        .bold_line_style(FAINT)
        .axis_style(INK)
}

/// Draws `text` with its anchor at `pos`.
pub(crate) fn draw_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    pos: (i32, i32),
    style: &TextStyle<'_>,
    anchor: (HPos, VPos),
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let st = style.pos(Pos::new(anchor.0, anchor.1));
    area.draw_text(text, &st, pos)?;
    Ok(())
}

/// Title (bold), optional subtitle, and footer; returns the area between.
pub(crate) fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    title: &str,
    subtitle: &str,
    footer: &str,
) -> std::result::Result<DrawingArea<DB, Shift>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let pad = ctx.px(28.0, 6.0);
    let title_st = ctx.bold(ctx.title_size());
    let sub_st = ctx.text(ctx.label_size()).color(&MUTED);
    let foot_st = ctx.text(ctx.small_size()).color(&MUTED);
    let t_h = ctx.size(ctx.title_size()) as i32;
    let s_h = ctx.size(ctx.label_size()) as i32;
    let f_h = ctx.size(ctx.small_size()) as i32;
    let max_w = ctx.w as i32 - 2 * pad;
    let mut y = pad;
    let title = fit_text(root, title, &title_st, max_w);
    draw_text(root, &title, (pad, y), &title_st, (HPos::Left, VPos::Top))?;
    y += t_h + ctx.px(10.0, 2.0);
    for line in wrap(root, subtitle, &sub_st, max_w).iter().take(3) {
        draw_text(root, line, (pad, y), &sub_st, (HPos::Left, VPos::Top))?;
        y += s_h + ctx.px(6.0, 1.0);
    }
    if !subtitle.is_empty() {
        y += ctx.px(4.0, 1.0);
    }
    let h = ctx.h as i32;
    let mut bottom = pad / 2;
    if !footer.is_empty() {
        let lines: Vec<String> = footer
            .lines()
            .filter(|l| !l.trim().is_empty())
            .flat_map(|l| wrap(root, l.trim(), &foot_st, max_w))
            .collect();
        let line_h = f_h + ctx.px(6.0, 1.0);
        let n = lines.len() as i32;
        for (i, line) in lines.iter().enumerate() {
            let ly = h - pad / 2 - (n - i as i32) * line_h;
            draw_text(root, line, (pad, ly), &foot_st, (HPos::Left, VPos::Top))?;
        }
        bottom = pad / 2 + n * line_h + ctx.px(8.0, 2.0);
    }
    let body = root.margin(y + ctx.px(8.0, 2.0), bottom, pad, pad);
    Ok(body)
}

/// Splits `text` at spaces into lines no wider than `max_px` (a single word
/// wider than that gets a line of its own).
pub(crate) fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    max_px: i32,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if !cur.is_empty() && text_width(area, &candidate, style) > max_px {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Draws a centred "nothing to show" message.
pub(crate) fn draw_empty<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    message: &str,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (w, h) = area.dim_in_pixel();
    let st = ctx.text(ctx.label_size()).color(&MUTED);
    draw_text(
        area,
        message,
        (w as i32 / 2, h as i32 / 2),
        &st,
        (HPos::Center, VPos::Center),
    )
}

/// Diagonal hatching inside a pixel rectangle (for leftover buckets).
pub(crate) fn hatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    step: i32,
    color: RGBColor,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (x0, x1) = (x0.min(x1), x0.max(x1));
    let (y0, y1) = (y0.min(y1), y0.max(y1));
    let step = step.max(3);
    let style = ShapeStyle::from(&color).stroke_width(1);
    let mut c = x0 + y0 + step;
    while c < x1 + y1 {
        // Line x + y = c clipped to the rectangle.
        let xa = x0.max(c - y1);
        let xb = x1.min(c - y0);
        if xa <= xb {
            area.draw(&PathElement::new(vec![(xa, c - xa), (xb, c - xb)], style))?;
        }
        c += step;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Prepared data

/// Most periods the time axis is filled out to (gaps are left as they are
/// beyond that, e.g. days over decades).
const MAX_FILLED_PERIODS: usize = 10_000;

/// One dated period on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PeriodCol {
    pub label: String,
    pub start: NaiveDate,
}

/// The input, sorted and indexed once for all charts.
pub(crate) struct Prepared<'a> {
    pub input: &'a ChartInput,
    /// Dated periods, ascending by start then label.
    pub periods: Vec<PeriodCol>,
    /// Cells by (period index, region code) for dated cells.
    pub dated: BTreeMap<(usize, &'a str), Tally>,
    /// Undated totals (all regions).
    pub undated: Tally,
    /// Region code → (name, kind), first row wins.
    pub names: BTreeMap<&'a str, (&'a str, RegionKind)>,
    /// First and last day covered: the input's, or the periods'.
    pub date_range: Option<(NaiveDate, NaiveDate)>,
}

/// Summed counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub events: u64,
    pub low: u64,
    pub best: u64,
    pub high: u64,
}

impl Tally {
    pub fn add_cell(&mut self, c: &PeriodCell) {
        self.events = self.events.saturating_add(c.events);
        self.low = self.low.saturating_add(c.deaths_low);
        self.best = self.best.saturating_add(c.deaths_best);
        self.high = self.high.saturating_add(c.deaths_high);
    }
    pub fn add(&mut self, o: &Tally) {
        self.events = self.events.saturating_add(o.events);
        self.low = self.low.saturating_add(o.low);
        self.best = self.best.saturating_add(o.best);
        self.high = self.high.saturating_add(o.high);
    }
    pub fn of_region(r: &RegionSeries) -> Self {
        Self {
            events: r.events,
            low: r.deaths_low,
            best: r.deaths_best,
            high: r.deaths_high,
        }
    }
    /// Low and high put in order around best, so whiskers are never inverted.
    pub fn whisker(&self) -> (u64, u64) {
        let lo = self.low.min(self.best).min(self.high);
        let hi = self.high.max(self.best).max(self.low);
        (lo, hi)
    }
}

impl<'a> Prepared<'a> {
    fn new(input: &'a ChartInput) -> Self {
        let mut keys: BTreeMap<(NaiveDate, &str), ()> = BTreeMap::new();
        let mut extra: Vec<(NaiveDate, String)> = Vec::new();
        for c in &input.cells {
            if let Some(d) = c.period_start {
                keys.insert((d, c.period_label.as_str()), ());
            }
        }
        let granularity = crate::period::Granularity::parse(&input.granularity);
        // Periods with no incident still get their (empty) slot on the time
        // axis, so a quiet month is not silently dropped.
        if let (Some(g), Some(((first, _), ())), Some(((last, _), ()))) =
            (granularity, keys.first_key_value(), keys.last_key_value())
        {
            let (first, last) = (*first, *last);
            let mut filled: BTreeMap<(NaiveDate, String), ()> = BTreeMap::new();
            let mut d = first;
            while d <= last && filled.len() <= MAX_FILLED_PERIODS {
                let p = crate::period::Period::of(d, g);
                let (Some(start), Some(end)) = (p.start(), p.end()) else {
                    break;
                };
                filled.insert((start, p.to_string()), ());
                match end.succ_opt() {
                    Some(next) if next > d => d = next,
                    _ => break,
                }
            }
            if filled.len() <= MAX_FILLED_PERIODS {
                let have: std::collections::BTreeSet<NaiveDate> =
                    keys.keys().map(|(d, _)| *d).collect();
                for ((start, label), ()) in &filled {
                    if !have.contains(start) {
                        extra.push((*start, label.clone()));
                    }
                }
            }
        }
        let mut all: BTreeMap<(NaiveDate, &str), ()> = keys.clone();
        for (d, l) in &extra {
            all.insert((*d, l.as_str()), ());
        }
        let periods: Vec<PeriodCol> = all
            .keys()
            .map(|(d, l)| PeriodCol {
                label: (*l).to_string(),
                start: *d,
            })
            .collect();
        let index: BTreeMap<(NaiveDate, &str), usize> =
            all.keys().enumerate().map(|(i, k)| (*k, i)).collect();
        let mut dated: BTreeMap<(usize, &str), Tally> = BTreeMap::new();
        let mut undated = Tally::default();
        for c in &input.cells {
            match c.period_start {
                Some(d) => {
                    if let Some(&i) = index.get(&(d, c.period_label.as_str())) {
                        dated
                            .entry((i, c.region_code.as_str()))
                            .or_default()
                            .add_cell(c);
                    }
                }
                None => undated.add_cell(c),
            }
        }
        let mut names = BTreeMap::new();
        for r in &input.regions {
            names
                .entry(r.code.as_str())
                .or_insert((r.name.as_str(), r.kind));
        }
        let date_range = input.date_range.or_else(|| {
            let first = periods.first()?.start;
            let last = periods.last()?.start;
            let last_end = granularity
                .and_then(|g| crate::period::Period::of(last, g).end())
                .unwrap_or(last);
            Some((first.min(last_end), first.max(last_end)))
        });
        Self {
            input,
            periods,
            dated,
            undated,
            names,
            date_range,
        }
    }

    /// Display name of a region code (the code itself when unknown).
    pub fn name_of(&self, code: &'a str) -> &'a str {
        self.names.get(code).map(|(n, _)| *n).unwrap_or(code)
    }

    /// Kind of a region code (`Region` when unknown).
    pub fn kind_of(&self, code: &str) -> RegionKind {
        self.names
            .get(code)
            .map(|(_, k)| *k)
            .unwrap_or(RegionKind::Region)
    }

    /// Subtitle pieces shared by the charts: level and granularity.
    pub fn level_text(&self) -> String {
        let level = if self.input.level.is_empty() {
            "region"
        } else {
            self.input.level.as_str()
        };
        level.to_string()
    }

    pub fn granularity_text(&self) -> &str {
        if self.input.granularity.is_empty() {
            "period"
        } else {
            self.input.granularity.as_str()
        }
    }

    /// The caller's notes and the attribution, one per line, for footers.
    pub fn credits(&self) -> String {
        let mut lines: Vec<&str> = self
            .input
            .notes
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .collect();
        lines.push(self.input.attribution.trim());
        lines.join("\n")
    }

    pub fn title(&self) -> &str {
        if self.input.title.trim().is_empty() {
            "Conflict deaths"
        } else {
            self.input.title.as_str()
        }
    }
}

#[cfg(test)]
mod tests;
