//! `map`: regions filled by best-estimate deaths (classes from
//! [`class_breaks`](super::class_breaks), ColorBrewer YlOrRd), incidents as
//! circles sized by deaths, region labels at an interior point; and
//! `map_by_year`: the same choropleth as small multiples, one per year (or
//! per period when the data span a single year), on shared classes.
//!
//! Projection: equirectangular, x = lon · cos(mean latitude), y = lat, fitted
//! into the panel with the aspect ratio kept.

use super::{
    draw_empty, draw_text, fit_text, frame, split_legend, text_width, truncate, with_range, ylorrd,
    Canvas, Ctx, DrawResult, IncidentDot, Legend, Prepared, RegionKind, RegionSeries,
};
use crate::export::style::{
    class_breaks, class_labels, class_of, fmt_int, nice_ceil, BBox, Projection, NO_DEATHS_COLOR,
};
use chrono::Datelike;
use geo::{Area, BoundingRect, InteriorPoint};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::collections::BTreeMap;

/// Colour for regions with no deaths.
const ZERO: RGBColor = RGBColor(NO_DEATHS_COLOR[0], NO_DEATHS_COLOR[1], NO_DEATHS_COLOR[2]);
/// Region outlines.
const EDGE: RGBColor = RGBColor(120, 120, 120);
/// Country borders.
const BORDER: RGBColor = RGBColor(45, 45, 45);
/// Incident circles.
const DOT: RGBColor = RGBColor(8, 48, 107);

/// Regions with a polygon, largest first (so enclosed ones are drawn on top).
fn mapped<'a>(data: &Prepared<'a>) -> Vec<&'a RegionSeries> {
    let mut v: Vec<(&RegionSeries, f64)> = data
        .input
        .regions
        .iter()
        .filter_map(|r| {
            let g = r.geometry.as_ref()?;
            let a = g.unsigned_area();
            Some((r, if a.is_finite() { a } else { 0.0 }))
        })
        .collect();
    v.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| a.0.code.cmp(&b.0.code))
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    v.into_iter().map(|(r, _)| r).collect()
}

fn regions_bbox(regions: &[&RegionSeries]) -> Option<BBox> {
    BBox::of_points(regions.iter().flat_map(|r| {
        r.geometry
            .iter()
            .flat_map(|g| g.bounding_rect())
            .flat_map(|rect| [(rect.min().x, rect.min().y), (rect.max().x, rect.max().y)])
    }))
}

fn fill_for(value: u64, breaks: &[u64], colors: &[RGBColor]) -> RGBColor {
    match class_of(value, breaks) {
        None => ZERO,
        Some(i) => colors.get(i).copied().unwrap_or(ZERO),
    }
}

/// A ring in pixels, with non-finite points dropped and runs of points that
/// land on the same pixel merged (small panels need far fewer vertices).
fn pixel_ring(proj: &Projection, ring: &geo::LineString<f64>) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(ring.0.len());
    for c in ring.coords() {
        if !c.x.is_finite() || !c.y.is_finite() {
            continue;
        }
        let p = proj.px(c.x, c.y);
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

/// Fills and outlines the regions on `area` with `proj`.
fn draw_regions<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    proj: &Projection,
    regions: &[(&RegionSeries, u64)],
    breaks: &[u64],
    colors: &[RGBColor],
    edge_w: u32,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let edge = ShapeStyle::from(&EDGE).stroke_width(edge_w);
    for (r, value) in regions {
        let Some(g) = &r.geometry else { continue };
        let fill = fill_for(*value, breaks, colors);
        for poly in &g.0 {
            let ring = pixel_ring(proj, poly.exterior());
            if ring.len() < 3 {
                continue;
            }
            area.draw(&Polygon::new(ring.clone(), fill.filled()))?;
            for hole in poly.interiors() {
                let h = pixel_ring(proj, hole);
                if h.len() >= 3 {
                    area.draw(&Polygon::new(h.clone(), WHITE.filled()))?;
                    area.draw(&PathElement::new(h, edge))?;
                }
            }
            area.draw(&PathElement::new(ring, edge))?;
        }
    }
    // country borders over the region borders, darker and wider
    let border = ShapeStyle::from(&BORDER).stroke_width(edge_w + 1);
    let just: Vec<&RegionSeries> = regions.iter().map(|(r, _)| *r).collect();
    for run in country_borders(&just) {
        let mut px: Vec<(i32, i32)> = Vec::with_capacity(run.len());
        for (x, y) in run {
            let p = proj.px(x, y);
            if px.last() != Some(&p) {
                px.push(p);
            }
        }
        if px.len() >= 2 {
            area.draw(&PathElement::new(px, border))?;
        }
    }
    Ok(())
}

/// The country of a region code (`ML-5` → `ML`), when it follows that form.
fn country_of_code(code: &str) -> Option<&str> {
    let (cc, rest) = code.split_once('-')?;
    (cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_uppercase()) && !rest.is_empty()).then_some(cc)
}

/// The parts of the regions' outlines that are country borders, as runs of
/// lon/lat points: edges no other region shares (the map's outer edge) or
/// shares only with a region of another country. Empty unless every region
/// has a country code (`ML-5`), there are two countries or more, and the
/// polygons share their vertices (a border drawn from edges that do not
/// match would be every edge).
fn country_borders(regions: &[&RegionSeries]) -> Vec<Vec<(f64, f64)>> {
    type Pt = (i64, i64);
    let key = |x: f64, y: f64| -> Pt { ((x * 1e6).round() as i64, (y * 1e6).round() as i64) };
    let seg = |a: Pt, b: Pt| if a <= b { (a, b) } else { (b, a) };
    let with_geom: Vec<(&str, &geo::MultiPolygon<f64>)> = regions
        .iter()
        .filter_map(|r| Some((country_of_code(&r.code)?, r.geometry.as_ref()?)))
        .collect();
    let countries: std::collections::BTreeSet<&str> = with_geom.iter().map(|(c, _)| *c).collect();
    if countries.len() < 2
        || with_geom.len() != regions.iter().filter(|r| r.geometry.is_some()).count()
    {
        return Vec::new();
    }
    // segment -> (regions holding it, its first country, seen in another country)
    type Seg = ((i64, i64), (i64, i64));
    // segment -> (regions holding it, its first country, seen in another)
    let mut segs: std::collections::HashMap<Seg, (u32, &str, bool)> =
        std::collections::HashMap::new();
    let rings = |g: &'_ geo::MultiPolygon<f64>| -> Vec<Vec<(f64, f64)>> {
        g.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(|r| r.coords().map(|c| (c.x, c.y)).collect())
            .collect()
    };
    for (cc, g) in &with_geom {
        for ring in rings(g) {
            for w in ring.windows(2) {
                let k = seg(key(w[0].0, w[0].1), key(w[1].0, w[1].1));
                let e = segs.entry(k).or_insert((0, cc, false));
                e.0 += 1;
                e.2 |= e.1 != *cc;
            }
        }
    }
    let shared = segs.values().filter(|v| v.0 >= 2).count();
    if segs.is_empty() || (shared as f64) < 0.2 * segs.len() as f64 {
        return Vec::new();
    }
    let mut runs = Vec::new();
    for (_, g) in &with_geom {
        for ring in rings(g) {
            let mut run: Vec<(f64, f64)> = Vec::new();
            for w in ring.windows(2) {
                let k = seg(key(w[0].0, w[0].1), key(w[1].0, w[1].1));
                let on_border = segs.get(&k).is_some_and(|v| v.0 == 1 || v.2);
                if on_border {
                    if run.is_empty() {
                        run.push(w[0]);
                    }
                    run.push(w[1]);
                } else if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
            if !run.is_empty() {
                runs.push(run);
            }
        }
    }
    runs
}

/// Region names at an interior point on a translucent box, most deaths
/// first; a label that would overlap one already placed, or leave the area,
/// is skipped.
fn draw_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    proj: &Projection,
    regions: &[&RegionSeries],
    style: &TextStyle<'_>,
    pad: i32,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (mw, mh) = area.dim_in_pixel();
    let mut order: Vec<&RegionSeries> = regions.to_vec();
    order.sort_by(RegionSeries::most_deaths_first);
    let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
    for r in order {
        let Some(g) = &r.geometry else { continue };
        let Some(pt) = g.interior_point() else {
            continue;
        };
        if !pt.x().is_finite() || !pt.y().is_finite() {
            continue;
        }
        let name = truncate(r.name.trim(), 28);
        if name.is_empty() {
            continue;
        }
        let (cx, cy) = proj.px(pt.x(), pt.y());
        let Ok((tw, th)) = area.estimate_text_size(&name, style) else {
            continue;
        };
        let (tw, th) = (tw as i32, th as i32);
        // A name much wider than its region would sit on its neighbours.
        if let Some(bb) = g.bounding_rect() {
            let (x0, _) = proj.px(bb.min().x, bb.min().y);
            let (x1, _) = proj.px(bb.max().x, bb.max().y);
            if f64::from(tw) > 1.5 * f64::from((x1 - x0).abs()) {
                continue;
            }
        }
        let rect = (
            cx - tw / 2 - pad,
            cy - th / 2 - pad,
            cx + tw / 2 + pad,
            cy + th / 2 + pad,
        );
        if rect.0 < 0 || rect.1 < 0 || rect.2 > mw as i32 || rect.3 > mh as i32 {
            continue;
        }
        if placed
            .iter()
            .any(|p| rect.0 < p.2 && p.0 < rect.2 && rect.1 < p.3 && p.1 < rect.3)
        {
            continue;
        }
        placed.push(rect);
        area.draw(&Rectangle::new(
            [(rect.0, rect.1), (rect.2, rect.3)],
            WHITE.mix(0.72).filled(),
        ))?;
        draw_text(area, &name, (cx, cy), style, (HPos::Center, VPos::Center))?;
    }
    Ok(())
}

/// Legend: class swatches and the classing note; `lg.y` ends below them.
fn draw_class_legend<DB: DrawingBackend>(
    lg: &mut Legend<'_, DB>,
    ctx: &Ctx,
    breaks: &[u64],
    colors: &[RGBColor],
    heading: &str,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    lg.heading(heading)?;
    let mut items: Vec<(RGBColor, String)> = vec![(ZERO, "0".to_string())];
    for (c, l) in colors.iter().zip(class_labels(breaks)) {
        items.push((*c, l));
    }
    let edge = ShapeStyle::from(&EDGE).stroke_width(1);
    for (c, l) in items {
        lg.row(
            c,
            |a, p0, p1| {
                a.draw(&Rectangle::new([p0, p1], edge))?;
                Ok(())
            },
            &l,
        )?;
    }
    let note = ctx.text(ctx.small_size()).color(&super::MUTED);
    draw_text(
        &lg.area,
        "classes: quantiles",
        (0, lg.y),
        &note,
        (HPos::Left, VPos::Top),
    )?;
    lg.y += lg.line_h;
    Ok(())
}

/// Largest circle radius: smaller when there are many incidents, so a dense
/// area stays readable rather than turning into one blot.
fn max_radius(ctx: &Ctx, count: usize) -> f64 {
    let crowd = (150.0 / count.max(1) as f64).powf(0.35).clamp(0.45, 1.0);
    f64::from(ctx.px(20.0, 5.0)) * crowd
}

/// Radius of an incident circle (area proportional to deaths).
fn radius(ctx: &Ctx, deaths: Option<u64>, dmax: u64, r_max: f64) -> i32 {
    let r_min = f64::from(ctx.px(3.0, 1.5)).min(r_max);
    match deaths {
        None | Some(0) => r_min as i32,
        Some(d) => {
            let f = ((d as f64).sqrt() / (dmax.max(1) as f64).sqrt()).clamp(0.0, 1.0);
            (r_min + f * (r_max - r_min)).round() as i32
        }
    }
}

/// Leftover buckets that cannot be mapped, as footnote lines.
fn unmapped_note(data: &Prepared) -> String {
    let mut parts = Vec::new();
    let mut buckets: Vec<&RegionSeries> = data
        .input
        .regions
        .iter()
        .filter(|r| {
            (r.geometry.is_none() || !r.kind.is_region()) && (r.deaths_best > 0 || r.events > 0)
        })
        .collect();
    buckets.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| b.deaths_best.cmp(&a.deaths_best))
            .then_with(|| a.name.cmp(&b.name))
    });
    let n = buckets.len();
    for r in buckets.iter().take(4) {
        parts.push(format!(
            "{}: {} deaths",
            truncate(&r.name, 40),
            fmt_int(r.deaths_best)
        ));
    }
    if n > 4 {
        parts.push(format!("{} more", n - 4));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("Not on the map: {}.", parts.join("; "))
    }
}

fn footer(data: &Prepared) -> String {
    let note = unmapped_note(data);
    if note.is_empty() {
        data.credits()
    } else {
        format!("{note}\n{}", data.credits())
    }
}

/// The incidents with a usable lon/lat.
fn located<'a>(data: &Prepared<'a>) -> Vec<&'a IncidentDot> {
    data.input
        .incidents
        .iter()
        .filter(|d| d.lon.is_finite() && d.lat.is_finite() && d.lat.abs() <= 90.0)
        .collect()
}

pub(crate) fn draw_map<DB: DrawingBackend>(c: &Canvas<'_, DB>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let Canvas { root, ctx, data } = *c;
    let title = with_range(data.title(), ", ", data);
    let subtitle = format!(
        "Best-estimate deaths by {} region; circles: incidents, area proportional to deaths",
        data.level_text()
    );
    let regions = mapped(data);
    let located = located(data);
    let bbox =
        regions_bbox(&regions).or_else(|| BBox::of_points(located.iter().map(|d| (d.lon, d.lat))));
    let Some(bbox) = bbox else {
        let body = frame(root, ctx, &title, &subtitle, &footer(data))?;
        return draw_empty(
            &body,
            ctx,
            "No region boundaries or located incidents to map",
        );
    };
    let bbox = bbox.padded(0.02);
    // The map shows the regions' extent; a stray point far away is counted
    // in the footer rather than shrinking every region to a speck.
    let (dots, outside): (Vec<&IncidentDot>, Vec<&IncidentDot>) = located
        .into_iter()
        .partition(|d| bbox.contains(d.lon, d.lat));
    let mut foot = footer(data);
    if !outside.is_empty() {
        foot = format!(
            "{} incidents located outside the mapped regions' extent are not drawn.\n{foot}",
            fmt_int(outside.len() as u64)
        );
    }
    let body = frame(root, ctx, &title, &subtitle, &foot)?;

    let (map_area, legend, _) = split_legend(&body, 0.2, 120);
    let proj = Projection::fit(bbox, map_area.dim_in_pixel());
    let values: Vec<u64> = data
        .input
        .regions
        .iter()
        .filter(|r| r.kind == RegionKind::Region)
        .map(|r| r.deaths_best)
        .collect();
    let breaks = class_breaks(&values);
    let colors = ylorrd(breaks.len());
    let with_values: Vec<(&RegionSeries, u64)> =
        regions.iter().map(|r| (*r, r.deaths_best)).collect();
    draw_regions(
        &map_area,
        &proj,
        &with_values,
        &breaks,
        &colors,
        ctx.px(1.5, 1.0) as u32,
    )?;
    let dots = Dots::new(ctx, &dots);
    dots.draw(&map_area, &proj)?;
    let label_st = ctx.bold(ctx.small_size());
    draw_labels(&map_area, &proj, &regions, &label_st, ctx.px(4.0, 1.0))?;

    let mut lg = Legend::new(&legend, ctx, (20.0, 4.0));
    draw_class_legend(&mut lg, ctx, &breaks, &colors, "Deaths (best est.)")?;
    if !dots.sized.is_empty() {
        dots.draw_legend(ctx, &lg.area, lg.y)?;
    }
    Ok(())
}

/// The incident circles, area proportional to deaths.
struct Dots<'a> {
    /// Each incident with its radius, largest first so small ones stay
    /// visible.
    sized: Vec<(i32, &'a IncidentDot)>,
    /// The most deaths of one incident (the largest circle).
    dmax: u64,
    r_max: f64,
}

/// A circle's fill, its edge, the edge of a circle with no known toll, and
/// the light rim that keeps circles apart from dark fills.
fn dot_styles() -> (ShapeStyle, ShapeStyle, ShapeStyle, ShapeStyle) {
    (
        DOT.mix(0.35).filled(),
        ShapeStyle::from(&DOT.mix(0.9)).stroke_width(1),
        ShapeStyle::from(&DOT).stroke_width(1),
        ShapeStyle::from(&WHITE.mix(0.6)).stroke_width(1),
    )
}

impl<'a> Dots<'a> {
    fn new(ctx: &Ctx, dots: &[&'a IncidentDot]) -> Self {
        let dmax = dots.iter().filter_map(|d| d.deaths_best).max().unwrap_or(1);
        let r_max = max_radius(ctx, dots.len());
        let mut sized: Vec<(i32, &IncidentDot)> = dots
            .iter()
            .map(|d| (radius(ctx, d.deaths_best, dmax, r_max), *d))
            .collect();
        sized.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.lon.total_cmp(&b.1.lon))
                .then_with(|| a.1.lat.total_cmp(&b.1.lat))
        });
        Dots { sized, dmax, r_max }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        proj: &Projection,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (dot_fill, dot_edge, unknown_edge, halo) = dot_styles();
        for (r, d) in &self.sized {
            let p = proj.px(d.lon, d.lat);
            match d.deaths_best {
                Some(x) if x > 0 => {
                    area.draw(&Circle::new(p, *r, dot_fill))?;
                    area.draw(&Circle::new(p, *r + 1, halo))?;
                    area.draw(&Circle::new(p, *r, dot_edge))?;
                }
                _ => area.draw(&Circle::new(p, *r, unknown_edge))?,
            }
        }
        Ok(())
    }

    /// The circle sizes in the legend column `lg`, from `y` down: the
    /// largest toll, a quarter of it, 1, and a circle of unknown toll.
    fn draw_legend<DB: DrawingBackend>(
        &self,
        ctx: &Ctx,
        lg: &DrawingArea<DB, Shift>,
        mut y: i32,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (dot_fill, dot_edge, unknown_edge, _) = dot_styles();
        let (dmax, r_max) = (self.dmax, self.r_max);
        y += ctx.px(24.0, 6.0);
        draw_text(
            lg,
            "Incidents (deaths)",
            (0, y),
            &ctx.bold(ctx.tick_size()),
            (HPos::Left, VPos::Top),
        )?;
        y += ctx.px(40.0, 12.0);
        let st = ctx.text(ctx.tick_size());
        let mut samples: Vec<u64> = vec![dmax];
        let mid = nice_ceil(dmax / 4).max(1);
        if mid < dmax {
            samples.push(mid);
        }
        if dmax > 1 && mid > 1 {
            samples.push(1);
        }
        let r_col = f64::from(ctx.px(20.0, 5.0)) as i32;
        for v in samples {
            let r = radius(ctx, Some(v), dmax, r_max);
            let c = (r_col, y);
            lg.draw(&Circle::new(c, r, dot_fill))?;
            lg.draw(&Circle::new(c, r, dot_edge))?;
            draw_text(
                lg,
                &fmt_int(v),
                (2 * r_col + ctx.px(10.0, 3.0), y),
                &st,
                (HPos::Left, VPos::Center),
            )?;
            y += (2 * r_col).max(ctx.px(30.0, 10.0)) + ctx.px(6.0, 2.0);
        }
        if self
            .sized
            .iter()
            .any(|(_, d)| d.deaths_best.unwrap_or(0) == 0)
        {
            let r = radius(ctx, None, dmax, r_max);
            lg.draw(&Circle::new((r_col, y), r, unknown_edge))?;
            draw_text(
                lg,
                "toll unknown or 0",
                (2 * r_col + ctx.px(10.0, 3.0), y),
                &st,
                (HPos::Left, VPos::Center),
            )?;
        }
        Ok(())
    }
}

/// One small-multiple panel: its label and best-estimate deaths by region code.
type Panel<'a> = (String, BTreeMap<&'a str, u64>);

/// Panels for the small multiples, and how many there were before capping.
fn panels<'a>(data: &Prepared<'a>) -> (Vec<Panel<'a>>, usize) {
    let mut by_year: BTreeMap<i32, BTreeMap<&str, u64>> = BTreeMap::new();
    for ((i, code), t) in &data.dated {
        if let Some(p) = data.periods.get(*i) {
            let e = by_year
                .entry(p.start.year())
                .or_default()
                .entry(*code)
                .or_insert(0);
            *e = e.saturating_add(t.best);
        }
    }
    // every year between the first and the last gets its panel: a year with
    // no incident is shown empty, not skipped
    if let (Some(&first), Some(&last)) = (by_year.keys().next(), by_year.keys().next_back()) {
        for y in first..=last {
            by_year.entry(y).or_default();
        }
    }
    const MAX_PANELS: usize = 12;
    let mut out: Vec<Panel<'a>> =
        if by_year.len() <= 1 && data.periods.len() > 1 && data.periods.len() <= MAX_PANELS {
            let mut v: Vec<Panel<'a>> = data
                .periods
                .iter()
                .map(|p| (p.label.clone(), BTreeMap::new()))
                .collect();
            for ((i, code), t) in &data.dated {
                if let Some((_, m)) = v.get_mut(*i) {
                    let e = m.entry(*code).or_insert(0);
                    *e = e.saturating_add(t.best);
                }
            }
            v
        } else {
            by_year
                .into_iter()
                .map(|(y, m)| (y.to_string(), m))
                .collect()
        };
    let total = out.len();
    if out.len() > MAX_PANELS {
        out.drain(..out.len() - MAX_PANELS);
    }
    (out, total)
}

pub(crate) fn draw_small_multiples<DB: DrawingBackend>(c: &Canvas<'_, DB>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let Canvas { root, ctx, data } = *c;
    let (panels, total) = panels(data);
    let by = if panels.len() == total && total > 0 && data.periods.len() == total && total > 1 {
        data.granularity_text().to_string()
    } else {
        "year".to_string()
    };
    let mut subtitle = format!(
        "Best-estimate deaths by {} region and {by}; same classes in every panel",
        data.level_text()
    );
    if panels.len() < total {
        subtitle = format!("{subtitle}; last {} of {total} shown", panels.len());
    }
    let title = with_range(&format!("{} by {by}", data.title()), ", ", data);
    let body = frame(root, ctx, &title, &subtitle, &footer(data))?;
    let regions = mapped(data);
    let Some(bbox) = regions_bbox(&regions) else {
        return draw_empty(&body, ctx, "No region boundaries to map");
    };
    if panels.is_empty() {
        return draw_empty(&body, ctx, "No dated incidents to show");
    }
    let all: Vec<u64> = panels
        .iter()
        .flat_map(|(_, m)| {
            m.iter()
                .filter(|(c, _)| data.kind_of(c) == RegionKind::Region)
                .map(|(_, v)| *v)
        })
        .collect();
    let breaks = class_breaks(&all);
    let sheet = Sheet {
        bbox: bbox.padded(0.02),
        mapped_codes: regions
            .iter()
            .filter(|r| r.kind.is_region())
            .map(|r| r.code.as_str())
            .collect(),
        colors: ylorrd(breaks.len()),
        breaks,
        regions,
        show_labels: false,
    };
    let (bw, bh) = body.dim_in_pixel();
    let (grid, legend, legend_w) = split_legend(&body, 0.18, 110);
    let (gw, gh) = (f64::from(bw.saturating_sub(legend_w)), f64::from(bh));
    let head = f64::from(ctx.px(34.0, 12.0));
    let n = panels.len();
    let (cols, scale) = grid_columns(n, (gw, gh), head, sheet.bbox.aspect());
    let cells = grid.split_evenly((n.div_ceil(cols), cols));
    // Names only where panels are big enough to hold a few of them.
    let sheet = Sheet {
        show_labels: scale >= f64::from(ctx.px(220.0, 120.0)),
        ..sheet
    };
    for ((label, values), cell) in panels.iter().zip(cells.iter()) {
        sheet.draw_panel(ctx, cell, head, label, values)?;
    }
    let mut lg = Legend::new(&legend, ctx, (16.0, 4.0));
    draw_class_legend(
        &mut lg,
        ctx,
        &sheet.breaks,
        &sheet.colors,
        "Deaths (best est.)",
    )?;
    Ok(())
}

/// The column count that gives the largest panels for `n` panels of
/// `aspect` (with a heading `head` high) in a `w` × `h` grid, and the
/// panels' height at that count.
fn grid_columns(n: usize, (gw, gh): (f64, f64), head: f64, aspect: f64) -> (usize, f64) {
    let mut best = (1usize, 0.0f64);
    for cols in 1..=n {
        let rows = n.div_ceil(cols);
        let cw = gw / cols as f64;
        let ch = gh / rows as f64 - head;
        let scale = (cw / aspect).min(ch).max(0.0);
        if scale > best.1 {
            best = (cols, scale);
        }
    }
    best
}

/// What every small-multiple panel shares: the extent, the regions, the
/// classes and their colours.
struct Sheet<'a> {
    bbox: BBox,
    regions: Vec<&'a RegionSeries>,
    mapped_codes: std::collections::BTreeSet<&'a str>,
    breaks: Vec<u64>,
    colors: Vec<RGBColor>,
    show_labels: bool,
}

impl Sheet<'_> {
    /// One panel in `cell`: its heading (`head` high), then the regions
    /// coloured by `values`.
    fn draw_panel<DB: DrawingBackend>(
        &self,
        ctx: &Ctx,
        cell: &DrawingArea<DB, Shift>,
        head: f64,
        label: &str,
        values: &BTreeMap<&str, u64>,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let head_st = ctx.bold(ctx.tick_size());
        let (cw, _) = cell.dim_in_pixel();
        let room = cw as i32 - ctx.px(8.0, 2.0);
        let (head_text, sum) = self.panel_heading(label, values);
        let head_text = if text_width(cell, &head_text, &head_st) <= room {
            head_text
        } else {
            fit_text(cell, &format!("{label}: {}", fmt_int(sum)), &head_st, room)
        };
        draw_text(
            cell,
            &head_text,
            (cw as i32 / 2, 0),
            &head_st,
            (HPos::Center, VPos::Top),
        )?;
        let m = cell.margin(
            head as i32,
            ctx.px(6.0, 1.0),
            ctx.px(6.0, 1.0),
            ctx.px(6.0, 1.0),
        );
        let proj = Projection::fit(self.bbox, m.dim_in_pixel());
        let with_values: Vec<(&RegionSeries, u64)> = self
            .regions
            .iter()
            .map(|r| (*r, values.get(r.code.as_str()).copied().unwrap_or(0)))
            .collect();
        draw_regions(&m, &proj, &with_values, &self.breaks, &self.colors, 1)?;
        if self.show_labels {
            let panel_label_st = ctx.text(ctx.small_size() * 0.85);
            draw_labels(&m, &proj, &self.regions, &panel_label_st, 2)?;
        }
        Ok(())
    }

    /// A panel's heading ("2024: 1,234 deaths (12 not mapped)") and its
    /// deaths.
    fn panel_heading(&self, label: &str, values: &BTreeMap<&str, u64>) -> (String, u64) {
        let sum = values
            .iter()
            .fold(0u64, |acc, (_, v)| acc.saturating_add(*v));
        let unmapped = values
            .iter()
            .filter(|(c, _)| !self.mapped_codes.contains(*c))
            .fold(0u64, |acc, (_, v)| acc.saturating_add(*v));
        let mut head_text = match sum {
            0 if values.is_empty() => format!("{label}: no incident"),
            1 => format!("{label}: 1 death"),
            _ => format!("{label}: {} deaths", fmt_int(sum)),
        };
        if unmapped > 0 {
            head_text = format!("{head_text} ({} not mapped)", fmt_int(unmapped));
        }
        (head_text, sum)
    }
}

#[cfg(test)]
mod ux_tests {
    use super::*;
    use geo::polygon;

    fn sq(code: &str, x0: f64, x1: f64) -> RegionSeries {
        RegionSeries {
            name: code.into(),
            code: code.into(),
            events: 0,
            deaths_low: 0,
            deaths_best: 0,
            deaths_high: 0,
            geometry: Some(geo::MultiPolygon(vec![polygon![
                (x: x0, y: 10.0), (x: x1, y: 10.0), (x: x1, y: 11.0), (x: x0, y: 11.0), (x: x0, y: 10.0),
            ]])),
            kind: RegionKind::Region,
        }
    }

    /// Issue 18 item 15: country borders are told from region borders: the
    /// edge between two regions of one country is not a country border, the
    /// edge between two countries is.
    #[test]
    fn country_borders_leave_out_edges_inside_a_country() {
        let (a, b, c) = (
            sq("ML-1", 0.0, 1.0),
            sq("ML-2", 1.0, 2.0),
            sq("NE-1", 2.0, 3.0),
        );
        let runs = country_borders(&[&a, &b, &c]);
        let on = |x: f64| {
            runs.iter()
                .flat_map(|r| r.windows(2))
                .any(|w| w[0].0 == x && w[1].0 == x)
        };
        assert!(!on(1.0), "ML-1 | ML-2 is inside Mali: {runs:?}");
        assert!(on(2.0), "ML-2 | NE-1 is a country border: {runs:?}");
        assert!(on(0.0) && on(3.0), "the outer edges are borders");
        // codes without a country: no emphasis at all
        let (x, y) = (sq("r1", 0.0, 1.0), sq("r2", 1.0, 2.0));
        assert!(country_borders(&[&x, &y]).is_empty());
    }

    /// Issue 18 item 15: a year with no incident gets an empty panel in
    /// map_by_year, not silence.
    #[test]
    fn years_without_incidents_get_their_panel() {
        let mut input = super::super::tests::sample();
        // move the second year's cells two years on: 2023, (2024 empty), 2025
        for c in &mut input.cells {
            if let Some(d) = c.period_start {
                if d.year() == 2024 {
                    let nd = chrono::NaiveDate::from_ymd_opt(2025, d.month(), 1).unwrap_or(d);
                    c.period_start = Some(nd);
                    c.period_label = format!("2025-{:02}", d.month());
                }
            }
        }
        let data = Prepared::new(&input);
        let (panels, _) = panels(&data);
        let labels: Vec<&str> = panels.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["2023", "2024", "2025"]);
        assert!(panels[1].1.is_empty());
    }
}
