//! `deaths_by_region`: one horizontal bar of best-estimate deaths per region,
//! largest first, with low–high whiskers. Leftover buckets (unallocated,
//! unassigned, undated) get their own hatched bars at the bottom with their
//! share of all deaths, so nothing is hidden.

use super::{
    axes, draw_empty, draw_text, fit_text, fmt_int, fmt_tick, frame, hatch, text_width, with_range,
    Canvas, DrawResult, Plane, Prepared, RegionKind, Tally, CATEGORICAL, INK, LEFTOVER, MUTED,
    OTHER,
};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Region,
    Other,
    Leftover,
}

struct Row {
    label: String,
    tally: Tally,
    style: Style,
}

fn rows(data: &Prepared, max_rows: usize) -> Vec<Row> {
    let mut regular: Vec<&super::RegionSeries> = data
        .input
        .regions
        .iter()
        .filter(|r| r.kind.is_region())
        .collect();
    regular.sort_by(super::RegionSeries::most_deaths_first);
    let mut leftover: Vec<&super::RegionSeries> = data
        .input
        .regions
        .iter()
        .filter(|r| !r.kind.is_region())
        .filter(|r| r.events > 0 || r.deaths_best > 0 || r.deaths_high > 0)
        .collect();
    leftover.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.code.cmp(&b.code))
    });
    // regions with no incident at all: one line, not a row each
    let empty = regular
        .iter()
        .filter(|r| r.events == 0 && r.deaths_best == 0 && r.deaths_high == 0)
        .count();
    regular.retain(|r| r.events > 0 || r.deaths_best > 0 || r.deaths_high > 0);
    let room = max_rows
        .saturating_sub(leftover.len() + usize::from(empty > 0))
        .max(2);
    let mut out = Vec::new();
    let shown = if regular.len() > room {
        room - 1
    } else {
        regular.len()
    };
    for r in regular.iter().take(shown) {
        out.push(Row {
            label: r.name.clone(),
            tally: Tally::of_region(r),
            style: Style::Region,
        });
    }
    let rest = &regular[shown..];
    if !rest.is_empty() {
        let mut t = Tally::default();
        for r in rest {
            t.add(&Tally::of_region(r));
        }
        out.push(Row {
            label: format!("Other regions ({})", rest.len()),
            tally: t,
            style: Style::Other,
        });
    }
    if empty > 0 {
        out.push(Row {
            label: format!(
                "{empty} region{} with no incident",
                if empty == 1 { "" } else { "s" }
            ),
            tally: Tally::default(),
            style: Style::Other,
        });
    }
    for r in leftover {
        let what = match r.kind {
            RegionKind::Unallocated => "not allocated",
            RegionKind::Unassigned => "outside all regions",
            RegionKind::Undated => "undated",
            RegionKind::Region => "",
        };
        let label = if r.name.trim().is_empty() {
            what.to_string()
        } else {
            r.name.clone()
        };
        out.push(Row {
            label,
            tally: Tally::of_region(r),
            style: Style::Leftover,
        });
    }
    out
}

/// How far a row's bar or whisker reaches.
fn extent(r: &Row) -> f64 {
    r.tally.whisker().1.max(r.tally.best) as f64
}

/// Where the rows are drawn: the value axis (and where a catch-all bar is
/// cut), the name column, the bars' half height, the sum the leftover
/// shares are of.
struct Layout {
    /// A catch-all bar ("other regions", "unallocated") much longer than
    /// every region would squash them: it is cut here, with a break mark
    /// and a note.
    clip_at: Option<f64>,
    /// The value axis' end, with room on the right for the value labels.
    xmax: f64,
    /// The name column's width, and the gap on each side of a name.
    name_w: i32,
    gap: i32,
    /// Half a bar's height, in rows.
    half: f64,
    /// Best-estimate deaths of all rows.
    total: u64,
}

impl Layout {
    fn new<DB: DrawingBackend>(c: &Canvas<'_, DB>, rows: &[Row], body_w: u32) -> Self {
        let Canvas { root, ctx, .. } = *c;
        let tick = ctx.text(ctx.tick_size());
        let gap = ctx.px(12.0, 3.0);
        let widest = rows
            .iter()
            .map(|r| text_width(root, &r.label, &tick))
            .max()
            .unwrap_or(0);
        let name_w = (widest + 2 * gap).clamp(ctx.px(80.0, 30.0), (f64::from(body_w) * 0.3) as i32);
        let max_region = rows
            .iter()
            .filter(|r| r.style == Style::Region)
            .map(extent)
            .fold(0.0, f64::max);
        let max_all = rows.iter().map(extent).fold(1.0, f64::max);
        let clip_at = (max_region > 0.0 && max_all > 1.6 * max_region).then_some(max_region * 1.25);
        let axis_max = clip_at.unwrap_or(max_all);
        Layout {
            clip_at,
            xmax: axis_max * 1.45,
            name_w,
            gap,
            half: 0.34,
            total: rows
                .iter()
                .fold(0u64, |acc, r| acc.saturating_add(r.tally.best)),
        }
    }

    /// `v` cut at the clip, if any.
    fn cut(&self, v: f64) -> f64 {
        self.clip_at.map_or(v, |c| v.min(c))
    }
}

pub(crate) fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let Canvas { root, ctx, data } = *c;
    let subtitle = with_range(
        &format!(
            "Best-estimate deaths per {} region, with low–high range; hatched bars: incidents not in any region",
            data.level_text()
        ),
        " · ",
        data,
    );
    let body = frame(
        root,
        ctx,
        &format!("{} by region", data.title()),
        &subtitle,
        &data.credits(),
    )?;
    let (bw, bh) = body.dim_in_pixel();
    let min_row = f64::from(ctx.px(30.0, 13.0));
    let max_rows = ((f64::from(bh) - f64::from(ctx.px(90.0, 30.0))) / min_row)
        .floor()
        .max(3.0) as usize;
    let rows = rows(data, max_rows);
    if rows.is_empty() {
        return draw_empty(&body, ctx, "No regions to show");
    }
    let n = rows.len();
    let lay = Layout::new(c, &rows, bw);
    let mut chart = ChartBuilder::on(&body)
        .margin_right(ctx.px(16.0, 4.0))
        .y_label_area_size(lay.name_w)
        .x_label_area_size(ctx.x_label_area())
        .build_cartesian_2d(0.0..lay.xmax, 0.0..n as f64)?;
    let mut mesh = chart.configure_mesh();
    axes(&mut mesh, ctx)
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(6)
        .x_label_formatter(&|v| fmt_tick(*v))
        .x_desc("Deaths (best estimate; whiskers: low–high)")
        .draw()?;
    // A thin rule between the regions and the leftover buckets.
    if let Some(first) = rows.iter().position(|r| r.style == Style::Leftover) {
        if first > 0 {
            let y = (n - first) as f64;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(0.0, y), (lay.xmax, y)],
                ShapeStyle::from(&MUTED).stroke_width(1),
            )))?;
        }
    }
    for (i, row) in rows.iter().enumerate() {
        // Row 0 at the top.
        let yc = (n - i) as f64 - 0.5;
        let paint = RowPaint {
            c,
            lay: &lay,
            row,
            yc,
        };
        paint.bar(&mut chart)?;
        paint.text(&chart)?;
    }
    Ok(())
}

/// Whether the row's bar or whisker is cut at the clip.
fn is_cut(lay: &Layout, row: &Row) -> bool {
    lay.clip_at
        .is_some_and(|c| row.tally.best as f64 > c || extent(row) > c)
}

/// One row of the chart: where it stands and what it shows.
struct RowPaint<'p, 'a, DB: DrawingBackend> {
    c: &'p Canvas<'a, DB>,
    lay: &'p Layout,
    row: &'p Row,
    /// The row's centre on the y axis.
    yc: f64,
}

impl<DB: DrawingBackend> RowPaint<'_, '_, DB>
where
    DB::ErrorType: 'static,
{
    /// The row's bar (hatched and outlined for a leftover bucket), its
    /// whisker, and a break mark where it is cut.
    fn bar(&self, chart: &mut Plane<'_, DB>) -> DrawResult {
        let Self { c, lay, row, yc } = *self;
        let Canvas { root, ctx, .. } = *c;
        let half = lay.half;
        let full_best = row.tally.best as f64;
        let best = lay.cut(full_best);
        let (fill, outline) = match row.style {
            Style::Region => (CATEGORICAL[0], None),
            Style::Other => (OTHER, None),
            Style::Leftover => (RGBColor(240, 240, 240), Some(LEFTOVER)),
        };
        if row.tally.best > 0 {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, yc - half), (best, yc + half)],
                fill.filled(),
            )))?;
        }
        if let Some(o) = outline {
            let a = chart.backend_coord(&(0.0, yc - half));
            let b = chart.backend_coord(&(best, yc + half));
            if b.0 > a.0 {
                hatch(root, a, b, ctx.px(7.0, 3.0), o)?;
            }
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, yc - half), (best, yc + half)],
                ShapeStyle::from(&o).stroke_width(ctx.px(1.5, 1.0) as u32),
            )))?;
        }
        let wstyle = ShapeStyle::from(&INK).stroke_width(ctx.px(2.0, 1.0) as u32);
        let (lo, hi) = row.tally.whisker();
        let cap = half * 0.5;
        let (lo, hi) = (lo as f64, hi as f64);
        if hi > lo && lay.cut(lo) == lo {
            chart.draw_series([
                PathElement::new(vec![(lo, yc), (lay.cut(hi), yc)], wstyle),
                PathElement::new(vec![(lo, yc - cap), (lo, yc + cap)], wstyle),
            ])?;
            if lay.cut(hi) == hi {
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(hi, yc - cap), (hi, yc + cap)],
                    wstyle,
                )))?;
            }
        }
        if is_cut(lay, row) && full_best > best {
            // Break mark: two white slashes across the end of the bar.
            let (bx, top) = chart.backend_coord(&(best * 0.94, yc + half));
            let (_, bottom) = chart.backend_coord(&(best, yc - half));
            let slant = ((bottom - top) / 3).max(2);
            let mark = ShapeStyle::from(&WHITE).stroke_width(ctx.px(4.0, 2.0) as u32);
            for off in [0, ctx.px(10.0, 4.0)] {
                root.draw(&PathElement::new(
                    vec![(bx + off - slant, bottom + 1), (bx + off + slant, top - 1)],
                    mark,
                ))?;
            }
        }
        Ok(())
    }

    /// The row's name on the left and its value right of the whisker.
    fn text(&self, chart: &Plane<'_, DB>) -> DrawResult {
        let Self { c, lay, row, yc } = *self;
        let Canvas { root, ctx, .. } = *c;
        let tick = ctx.text(ctx.tick_size());
        let (px, py) = chart.backend_coord(&(0.0, yc));
        let name_st = if row.style == Style::Region {
            tick.clone()
        } else {
            tick.color(&MUTED)
        };
        draw_text(
            root,
            &fit_text(root, &row.label, &name_st, lay.name_w - 2 * lay.gap),
            (px - lay.gap, py),
            &name_st,
            (HPos::Right, VPos::Center),
        )?;
        if row.tally == Tally::default() {
            // the line of regions with no incident says it in its name
            return Ok(());
        }
        let end = lay
            .cut(row.tally.whisker().1 as f64)
            .max(lay.cut(row.tally.best as f64));
        let (ex, _) = chart.backend_coord(&(end, yc));
        let value_st = ctx.text(ctx.small_size()).color(&MUTED);
        // The longest wording that fits before the right edge.
        let room = ctx.w as i32 - (ex + ctx.px(10.0, 3.0)) - ctx.px(8.0, 2.0);
        let candidates = value_wordings(lay, row);
        let value = candidates
            .iter()
            .find(|c| text_width(root, c, &value_st) <= room)
            .unwrap_or(&candidates[3])
            .clone();
        draw_text(
            root,
            &value,
            (ex + ctx.px(10.0, 3.0), py),
            &value_st,
            (HPos::Left, VPos::Center),
        )
    }
}

/// A row's value, longest wording first: best estimate, range, events, and
/// whether the bar is cut or what share of the deaths a leftover bucket has.
fn value_wordings(lay: &Layout, row: &Row) -> [String; 4] {
    let best_text = fmt_int(row.tally.best);
    let (wl, wh) = row.tally.whisker();
    let range = if wl != wh {
        format!(" ({}–{})", fmt_int(wl), fmt_int(wh))
    } else {
        String::new()
    };
    let mut extra = String::new();
    if is_cut(lay, row) {
        extra.push_str(" · bar cut");
    }
    if row.style == Style::Leftover && lay.total > 0 {
        let pct = row.tally.best as f64 * 100.0 / lay.total as f64;
        extra.push_str(&format!(" · {pct:.1}% of deaths"));
    }
    let events = format!(
        ", {} event{}",
        fmt_int(row.tally.events),
        if row.tally.events == 1 { "" } else { "s" }
    );
    [
        format!("{best_text}{range}{events}{extra}"),
        format!("{best_text}{range}{extra}"),
        format!("{best_text}{extra}"),
        best_text,
    ]
}

#[cfg(test)]
mod ux_tests {
    use super::*;

    /// Issue 18 item 15: regions with no incident are one line, not a row
    /// of "0, 0 events" each.
    #[test]
    fn regions_with_no_incident_are_one_line() {
        let mut input = super::super::tests::sample();
        for k in 0..13 {
            let mut r = input.regions[0].clone();
            r.name = format!("Quiet {k}");
            r.code = format!("ML-Q{k}");
            r.events = 0;
            r.deaths_low = 0;
            r.deaths_best = 0;
            r.deaths_high = 0;
            r.kind = RegionKind::Region;
            input.regions.push(r);
        }
        let data = Prepared::new(&input);
        let rows = rows(&data, 40);
        let zero: Vec<&Row> = rows
            .iter()
            .filter(|r| r.tally == Tally::default())
            .collect();
        assert_eq!(
            zero.len(),
            1,
            "{:?}",
            rows.iter().map(|r| &r.label).collect::<Vec<_>>()
        );
        assert_eq!(zero[0].label, "13 regions with no incident");
    }
}
