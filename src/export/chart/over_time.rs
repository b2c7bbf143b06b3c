//! `deaths_over_time`: best-estimate deaths per period as bars stacked by the
//! regions with the most deaths (the rest as "other regions", leftovers as
//! "not allocated to a region"), low–high whiskers on each period's total,
//! and a second panel with the number of events per period.

use super::{
    axes, draw_empty, draw_text, fit_text, fmt_int, fmt_tick, frame, hatch, split_legend,
    text_width, truncate, with_range, Canvas, Ctx, DrawResult, Legend, Plane, Prepared, Tally,
    CATEGORICAL, INK, LEFTOVER, OTHER,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::collections::BTreeMap;

/// Regions drawn in their own colour; the rest are summed as "other".
const TOP: usize = 6;

/// One stacked series.
struct Series<'a> {
    label: String,
    color: RGBColor,
    hatched: bool,
    codes: Vec<&'a str>,
}

fn series<'a>(data: &Prepared<'a>) -> Vec<Series<'a>> {
    let mut totals: BTreeMap<&'a str, Tally> = BTreeMap::new();
    for ((_, code), t) in &data.dated {
        totals.entry(*code).or_default().add(t);
    }
    let mut regular: Vec<(&'a str, Tally)> = Vec::new();
    let mut leftover: Vec<&'a str> = Vec::new();
    for (code, t) in totals {
        if data.kind_of(code).is_region() {
            regular.push((code, t));
        } else {
            leftover.push(code);
        }
    }
    regular.sort_by(|a, b| {
        b.1.best
            .cmp(&a.1.best)
            .then_with(|| data.name_of(a.0).cmp(data.name_of(b.0)))
            .then_with(|| a.0.cmp(b.0))
    });
    let mut out = Vec::new();
    let top = if regular.len() > TOP + 1 {
        TOP
    } else {
        regular.len()
    };
    for (i, (code, _)) in regular.iter().take(top).enumerate() {
        out.push(Series {
            label: data.name_of(code).to_string(),
            color: CATEGORICAL[i % CATEGORICAL.len()],
            hatched: false,
            codes: vec![*code],
        });
    }
    let rest: Vec<&'a str> = regular.iter().skip(top).map(|(c, _)| *c).collect();
    if !rest.is_empty() {
        out.push(Series {
            label: format!("Other regions ({})", rest.len()),
            color: OTHER,
            hatched: false,
            codes: rest,
        });
    }
    if !leftover.is_empty() {
        out.push(Series {
            label: "Not in any region".to_string(),
            color: LEFTOVER,
            hatched: true,
            codes: leftover,
        });
    }
    out
}

/// The deaths and events per period: `totals[i]` for period `i`, and
/// `rows[i][s]` the best-estimate deaths series `s` stacks in it.
struct Stacks {
    totals: Vec<Tally>,
    rows: Vec<Vec<u64>>,
}

fn stacks(data: &Prepared, series: &[Series]) -> Stacks {
    let n = data.periods.len();
    let mut totals = vec![Tally::default(); n];
    let mut rows = vec![vec![0u64; series.len()]; n];
    for ((i, code), t) in &data.dated {
        if let Some(tot) = totals.get_mut(*i) {
            tot.add(t);
        }
        if let Some(si) = series.iter().position(|s| s.codes.contains(code)) {
            if let Some(row) = rows.get_mut(*i) {
                row[si] = row[si].saturating_add(t.best);
            }
        }
    }
    Stacks { totals, rows }
}

/// How the deaths panel drew its whiskers and how wide a period is, for the
/// events panel and the legend.
struct Marks {
    whisker: ShapeStyle,
    bar_px: i32,
}

/// The events line and its markers.
const EVENTS_COLOR: RGBColor = RGBColor(0, 0, 0);

fn subtitle(data: &Prepared) -> String {
    with_range(
        &format!(
            "Best-estimate deaths per {}, stacked by {} region; whiskers: low–high estimate of each total",
            data.granularity_text(),
            data.level_text()
        ),
        " · ",
        data,
    )
}

/// The undated deaths, the partial last period, the credits.
fn footer(data: &Prepared, partial: Option<&(String, chrono::NaiveDate)>) -> String {
    let mut footer = String::new();
    if data.undated.best > 0 || data.undated.events > 0 {
        footer.push_str(&format!(
            "Not on the time axis: {} deaths ({}–{}) in {} undated incident{}.\n",
            fmt_int(data.undated.best),
            fmt_int(data.undated.whisker().0),
            fmt_int(data.undated.whisker().1),
            fmt_int(data.undated.events),
            if data.undated.events == 1 { "" } else { "s" }
        ));
    }
    if let Some((label, to)) = partial {
        footer.push_str(&format!(
            "The last {} ({label}) is partial: the data end on {} (bar marked \"partial\"; it is not a fall).\n",
            data.granularity_text(),
            to.format("%-d %b %Y")
        ));
    }
    footer.push_str(&data.credits());
    footer
}

pub(crate) fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let Canvas { root, ctx, data } = *c;
    let partial = partial_last(data);
    let body = frame(
        root,
        ctx,
        &format!("{} over time", data.title()),
        &subtitle(data),
        &footer(data, partial.as_ref()),
    )?;
    if data.periods.is_empty() {
        return draw_empty(&body, ctx, "No dated incidents to show");
    }
    let series = series(data);
    let stacks = stacks(data, &series);
    let (plot, legend, legend_w) = split_legend(&body, 0.2, 120);
    let (_, ph) = plot.dim_in_pixel();
    let (top, bottom) = plot.split_vertically((f64::from(ph) * 0.66) as u32);
    let marks = deaths_panel(c, &top, &series, &stacks, partial.is_some())?;
    let r = events_panel(c, &bottom, &stacks.totals, marks.bar_px)?;
    draw_legend(c, &legend, legend_w, &series, &marks, r)
}

/// One of the two panels, its axes drawn: `n` periods across (one unit
/// each), `0..ymax` up with `y_labels` ticks and `y_desc`; the lower panel
/// (`x_desc` given) has room for the period labels under it.
fn panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    ctx: &Ctx,
    n: usize,
    (ymax, y_labels, y_desc): (f64, usize, &str),
    x_desc: Option<&str>,
) -> Result<Plane<'a, DB>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let mut builder = ChartBuilder::on(area);
    builder
        .margin_right(ctx.px(16.0, 4.0))
        .y_label_area_size(ctx.px(120.0, 40.0));
    match x_desc {
        Some(_) => builder
            .margin_top(ctx.px(8.0, 2.0))
            .x_label_area_size(ctx.x_label_area()),
        None => builder
            .margin_bottom(ctx.px(12.0, 2.0))
            .x_label_area_size(0),
    };
    let mut chart = builder.build_cartesian_2d(-0.5..n as f64 - 0.5, 0.0..ymax)?;
    let tick = |v: &f64| fmt_tick(*v);
    let mut mesh = chart.configure_mesh();
    axes(&mut mesh, ctx)
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(y_labels)
        .y_label_formatter(&tick)
        .y_desc(y_desc);
    if let Some(x) = x_desc {
        mesh.x_desc(x);
    }
    mesh.draw()?;
    Ok(chart)
}

/// The upper panel: the stacked bars, the partial mark, the whiskers.
fn deaths_panel<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    stacks: &Stacks,
    partial: bool,
) -> Result<Marks, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let ctx = c.ctx;
    let totals = &stacks.totals;
    let ymax = totals
        .iter()
        .map(|t| t.whisker().1.max(t.best))
        .max()
        .unwrap_or(0)
        .max(1) as f64
        * 1.08;
    let y = (ymax, 6, "Deaths (best estimate)");
    let mut chart = panel(area, ctx, totals.len(), y, None)?;
    let half = 0.4_f64.min(0.5 - 0.5 / (ctx.w as f64)).max(0.05);
    draw_bars(c, &mut chart, series, &stacks.rows, half)?;
    if partial {
        mark_partial(c, &mut chart, totals, ymax, half)?;
    }
    draw_whiskers(c, &mut chart, totals, half)
}

/// The stacked bars, `half` a period wide on each side of its centre.
fn draw_bars<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    chart: &mut Plane<'_, DB>,
    series: &[Series],
    rows: &[Vec<u64>],
    half: f64,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    for (i, row) in rows.iter().enumerate() {
        let x = i as f64;
        let mut base = 0u64;
        for (si, &v) in row.iter().enumerate() {
            if v == 0 {
                continue;
            }
            let top_v = base.saturating_add(v);
            let s = &series[si];
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - half, base as f64), (x + half, top_v as f64)],
                s.color.filled(),
            )))?;
            if s.hatched {
                let a = chart.backend_coord(&(x - half, base as f64));
                let b = chart.backend_coord(&(x + half, top_v as f64));
                hatch(c.root, a, b, c.ctx.px(8.0, 4.0), RGBColor(235, 235, 235))?;
            }
            base = top_v;
        }
    }
    Ok(())
}

/// A partial last period: outlined and labelled, so a short month does not
/// read as a collapse.
fn mark_partial<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    chart: &mut Plane<'_, DB>,
    totals: &[Tally],
    ymax: f64,
    half: f64,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let ctx = c.ctx;
    let i = totals.len() - 1;
    let x = i as f64;
    let top_v = totals[i].best.max(1) as f64;
    let dash_top = (top_v * 1.0).max(ymax * 0.12);
    chart.draw_series(std::iter::once(Rectangle::new(
        [(x - half, 0.0), (x + half, dash_top)],
        ShapeStyle::from(&INK.mix(0.6)).stroke_width(1),
    )))?;
    let (px, py) = chart.backend_coord(&(x, dash_top));
    draw_text(
        c.root,
        "partial",
        (px, py - ctx.px(4.0, 1.0)),
        &ctx.text(ctx.tick_size() * 0.85),
        (HPos::Center, VPos::Bottom),
    )
}

/// The low–high whiskers on the totals; on narrow bars they thin out so
/// they do not hide the bars.
fn draw_whiskers<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    chart: &mut Plane<'_, DB>,
    totals: &[Tally],
    half: f64,
) -> Result<Marks, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let ctx = c.ctx;
    let bar_px = {
        let a = chart.backend_coord(&(0.0, 0.0));
        let b = chart.backend_coord(&(1.0, 0.0));
        (b.0 - a.0).abs()
    };
    let cap = if bar_px >= 14 { half * 0.45 } else { 0.0 };
    let whisker = if bar_px >= 14 {
        ShapeStyle::from(&INK).stroke_width(ctx.px(2.0, 1.0) as u32)
    } else {
        ShapeStyle::from(&INK.mix(0.55)).stroke_width(1)
    };
    for (i, t) in totals.iter().enumerate() {
        let (lo, hi) = t.whisker();
        if hi <= lo {
            continue;
        }
        let x = i as f64;
        let (lo, hi) = (lo as f64, hi as f64);
        chart.draw_series([
            PathElement::new(vec![(x, lo), (x, hi)], whisker),
            PathElement::new(vec![(x - cap, lo), (x + cap, lo)], whisker),
            PathElement::new(vec![(x - cap, hi), (x + cap, hi)], whisker),
        ])?;
    }
    Ok(Marks { whisker, bar_px })
}

/// The lower panel: events per period as a line (with markers while they
/// stay apart) and the period labels; returns the markers' radius (0: none).
fn events_panel<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    area: &DrawingArea<DB, Shift>,
    totals: &[Tally],
    bar_px: i32,
) -> Result<i32, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let Canvas { ctx, data, .. } = *c;
    let emax = totals.iter().map(|t| t.events).max().unwrap_or(0).max(1) as f64 * 1.15;
    let x_desc = format!("Period ({})", data.granularity_text());
    let mut ev = panel(area, ctx, totals.len(), (emax, 4, "Events"), Some(&x_desc))?;
    ev.draw_series(LineSeries::new(
        totals
            .iter()
            .enumerate()
            .map(|(i, t)| (i as f64, t.events as f64)),
        ShapeStyle::from(&EVENTS_COLOR).stroke_width(ctx.px(2.5, 1.0) as u32),
    ))?;
    let r = if bar_px >= 10 { ctx.px(4.0, 2.0) } else { 0 };
    if r > 0 {
        ev.draw_series(
            totals
                .iter()
                .enumerate()
                .map(|(i, t)| Circle::new((i as f64, t.events as f64), r, EVENTS_COLOR.filled())),
        )?;
    }
    period_labels(c, &ev)?;
    Ok(r)
}

/// Period labels under the events panel, thinned to fit and falling on
/// calendar boundaries (every January, every 13th week, ...), not wherever
/// the data happen to start.
fn period_labels<DB: DrawingBackend>(c: &Canvas<'_, DB>, ev: &Plane<'_, DB>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let Canvas { root, ctx, data } = *c;
    let tick = ctx.text(ctx.tick_size());
    let n = data.periods.len();
    let label_px = data
        .periods
        .iter()
        .map(|p| text_width(root, &truncate(&p.label, 24), &tick))
        .max()
        .unwrap_or(0)
        + ctx.px(18.0, 6.0);
    let label_px = f64::from(label_px.max(1));
    let (pw, _) = ev.plotting_area().dim_in_pixel();
    let need = ((n as f64 * label_px / f64::from(pw.max(1))).ceil() as i64).max(1);
    let granularity = crate::period::Granularity::parse(&data.input.granularity);
    let step = label_step(granularity, need);
    let tick_len = ctx.px(6.0, 2.0);
    for (i, p) in data.periods.iter().enumerate() {
        let ord = match granularity {
            Some(g) => calendar_ordinal(p.start, g),
            None => i as i64,
        };
        if ord.rem_euclid(step) != 0 {
            continue;
        }
        // a coarser period among finer ones (a year-only row, "2019", in a
        // monthly chart) starts where a finer one does: its label would
        // print over that one's
        if granularity.is_some_and(|g| !is_regular(p, g)) {
            continue;
        }
        let (px, py) = ev.backend_coord(&(i as f64, 0.0));
        root.draw(&PathElement::new(
            vec![(px, py), (px, py + tick_len)],
            ShapeStyle::from(&INK).stroke_width(1),
        ))?;
        draw_text(
            root,
            &truncate(&p.label, 24),
            (px, py + tick_len + ctx.px(4.0, 1.0)),
            &tick,
            (HPos::Center, VPos::Top),
        )?;
    }
    Ok(())
}

/// The legend: the series (top of the stack first), the whisker, the
/// events line.
fn draw_legend<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    column: &DrawingArea<DB, Shift>,
    column_w: u32,
    series: &[Series],
    marks: &Marks,
    r: i32,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let ctx = c.ctx;
    let wstyle = marks.whisker;
    let mut lg = Legend::new(column, ctx, (20.0, 4.0));
    let lst = lg.label_style();
    let max_label = column_w as i32 - ctx.px(20.0, 4.0) - lg.text_x;
    lg.heading("Deaths by region")?;
    for s in series.iter().rev() {
        let label = fit_text(&lg.area, &s.label, &lst, max_label);
        let mark = |a: &DrawingArea<DB, Shift>, p0, p1| {
            if s.hatched {
                hatch(a, p0, p1, ctx.px(6.0, 3.0), RGBColor(235, 235, 235))
            } else {
                Ok(())
            }
        };
        lg.row(s.color, mark, &label)?;
    }
    lg.y += lg.line_h / 2;
    let whisker = |a: &DrawingArea<DB, Shift>, (x0, y0): (i32, i32), (x1, y1): (i32, i32)| {
        let (cx, q) = ((x0 + x1) / 2, (x1 - x0) / 4);
        a.draw(&PathElement::new(vec![(cx, y0), (cx, y1)], wstyle))?;
        a.draw(&PathElement::new(vec![(cx - q, y0), (cx + q, y0)], wstyle))?;
        a.draw(&PathElement::new(vec![(cx - q, y1), (cx + q, y1)], wstyle))?;
        Ok(())
    };
    lg.mark_row(whisker, "Low–high range")?;
    let events = |a: &DrawingArea<DB, Shift>, (x0, y0): (i32, i32), (x1, y1): (i32, i32)| {
        let mid = (x0 + x1) / 2;
        let ymid = (y0 + y1) / 2;
        a.draw(&PathElement::new(
            vec![(x0, ymid), (x1, ymid)],
            ShapeStyle::from(&EVENTS_COLOR).stroke_width(ctx.px(2.5, 1.0) as u32),
        ))?;
        if r > 0 {
            a.draw(&Circle::new((mid, ymid), r, EVENTS_COLOR.filled()))?;
        }
        Ok(())
    };
    lg.mark_row(events, "Events (lower panel)")
}

/// True when `p` is a period of the chart's granularity (not a coarser one,
/// such as the year-only row `2019` in a monthly chart).
fn is_regular(p: &super::PeriodCol, g: crate::period::Granularity) -> bool {
    crate::period::Period::of(p.start, g).to_string() == p.label
}

/// The last period's label and the data's last day, when the data end
/// before that period does (a month that is not over, or not fully
/// reported).
fn partial_last(data: &Prepared) -> Option<(String, chrono::NaiveDate)> {
    let g = crate::period::Granularity::parse(&data.input.granularity)?;
    let last = data.periods.last()?;
    let (_, data_end) = data.date_range?;
    let end = crate::period::Period::of(last.start, g).end()?;
    (crate::period::Period::of(last.start, g).to_string() == last.label
        && data_end >= last.start
        && data_end < end)
        .then(|| (last.label.clone(), data_end))
}

/// A period's position on its calendar: months since year 0, ISO-ish weeks
/// since day 1, and so on, so label steps can be aligned to it.
fn calendar_ordinal(d: chrono::NaiveDate, g: crate::period::Granularity) -> i64 {
    use crate::period::Granularity as G;
    use chrono::Datelike;
    let y = i64::from(d.year());
    let m = i64::from(d.month0());
    match g {
        G::Day => i64::from(d.num_days_from_ce()),
        // Weeks start on Monday; day 1 of the common era was a Monday.
        G::Week => i64::from(d.num_days_from_ce() - 1).div_euclid(7),
        G::Month => y * 12 + m,
        G::Quarter => y * 4 + m / 3,
        G::Year => y,
    }
}

/// The smallest calendar-friendly label step of at least `need` periods.
fn label_step(g: Option<crate::period::Granularity>, need: i64) -> i64 {
    use crate::period::Granularity as G;
    let steps: &[i64] = match g {
        Some(G::Day) => &[1, 2, 7, 14, 28, 91, 182, 364],
        Some(G::Week) => &[1, 2, 4, 13, 26, 52, 104, 260],
        Some(G::Month) => &[1, 2, 3, 6, 12, 24, 60, 120],
        Some(G::Quarter) => &[1, 2, 4, 8, 20, 40],
        Some(G::Year) | None => &[1, 2, 5, 10, 20, 50, 100],
    };
    steps
        .iter()
        .copied()
        .find(|&s| s >= need)
        .unwrap_or_else(|| need.max(1))
}

#[cfg(test)]
mod ux_tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// Issue 18 item 14: a last month the data do not cover to its end is
    /// marked partial; a complete one is not.
    #[test]
    fn partial_last_period_is_found() {
        let mut input = super::super::tests::sample();
        input.date_range = Some((day(2023, 1, 1), day(2024, 12, 15)));
        let data = Prepared::new(&input);
        assert_eq!(
            partial_last(&data),
            Some(("2024-12".to_string(), day(2024, 12, 15)))
        );
        input.date_range = Some((day(2023, 1, 1), day(2024, 12, 31)));
        let data = Prepared::new(&input);
        assert_eq!(partial_last(&data), None);
    }

    /// Issue 18 item 14: a year-only row among months gets no label of its
    /// own (it printed over its January's).
    #[test]
    fn coarser_periods_are_not_labelled() {
        use crate::period::Granularity;
        let month = super::super::PeriodCol {
            label: "2019-01".into(),
            start: day(2019, 1, 1),
        };
        let year = super::super::PeriodCol {
            label: "2019".into(),
            start: day(2019, 1, 1),
        };
        assert!(is_regular(&month, Granularity::Month));
        assert!(!is_regular(&year, Granularity::Month));
        assert!(is_regular(&year, Granularity::Year));
    }
}
