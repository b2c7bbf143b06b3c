//! `deaths_over_time`: best-estimate deaths per period as bars stacked by the
//! regions with the most deaths (the rest as "other regions", leftovers as
//! "not allocated to a region"), low–high whiskers on each period's total,
//! and a second panel with the number of events per period.

use super::{
    draw_empty, draw_text, fit_text, fmt_int, fmt_tick, frame, hatch, split_legend, text_width,
    truncate, with_range, Canvas, DrawResult, Legend, Prepared, Tally, CATEGORICAL, FAINT, INK,
    LEFTOVER, OTHER,
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

pub(crate) fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let Canvas { root, ctx, data } = *c;
    let gran = data.granularity_text();
    let subtitle = with_range(
        &format!(
            "Best-estimate deaths per {gran}, stacked by {} region; whiskers: low–high estimate of each total",
            data.level_text()
        ),
        " · ",
        data,
    );
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
    let partial = partial_last(data);
    if let Some((label, to)) = &partial {
        footer.push_str(&format!(
            "The last {} ({label}) is partial: the data end on {} (bar marked \"partial\"; it is not a fall).\n",
            data.granularity_text(),
            to.format("%-d %b %Y")
        ));
    }
    footer.push_str(&data.credits());
    let body = frame(
        root,
        ctx,
        &format!("{} over time", data.title()),
        &subtitle,
        &footer,
    )?;
    let n = data.periods.len();
    if n == 0 {
        return draw_empty(&body, ctx, "No dated incidents to show");
    }
    let series = series(data);

    // Totals per period and per (series, period).
    let mut totals = vec![Tally::default(); n];
    let mut stacks = vec![vec![0u64; series.len()]; n];
    for ((i, code), t) in &data.dated {
        if let Some(tot) = totals.get_mut(*i) {
            tot.add(t);
        }
        if let Some(si) = series.iter().position(|s| s.codes.contains(code)) {
            if let Some(row) = stacks.get_mut(*i) {
                row[si] = row[si].saturating_add(t.best);
            }
        }
    }
    let ymax = totals
        .iter()
        .map(|t| t.whisker().1.max(t.best))
        .max()
        .unwrap_or(0)
        .max(1) as f64
        * 1.08;
    let emax = totals.iter().map(|t| t.events).max().unwrap_or(0).max(1) as f64 * 1.15;

    let (plot, legend, legend_w) = split_legend(&body, 0.2, 120);
    let (_, ph) = plot.dim_in_pixel();
    let (top, bottom) = plot.split_vertically((f64::from(ph) * 0.66) as u32);

    let y_area = ctx.px(120.0, 40.0);
    let tick = ctx.text(ctx.tick_size());
    let desc = ctx.text(ctx.label_size());
    let x0 = -0.5;
    let x1 = n as f64 - 0.5;

    // Deaths panel.
    let mut chart = ChartBuilder::on(&top)
        .margin_right(ctx.px(16.0, 4.0))
        .margin_bottom(ctx.px(12.0, 2.0))
        .y_label_area_size(y_area)
        .x_label_area_size(0)
        .build_cartesian_2d(x0..x1, 0.0..ymax)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| fmt_tick(*v))
        .y_desc("Deaths (best estimate)")
        .label_style(tick.clone())
        .axis_desc_style(desc.clone())
        .light_line_style(WHITE)
        .bold_line_style(FAINT)
        .axis_style(INK)
        .draw()?;
    let half = 0.4_f64.min(0.5 - 0.5 / (ctx.w as f64)).max(0.05);
    for (i, row) in stacks.iter().enumerate() {
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
                hatch(root, a, b, ctx.px(8.0, 4.0), RGBColor(235, 235, 235))?;
            }
            base = top_v;
        }
    }
    // A partial last period: outlined and labelled, so a short month does
    // not read as a collapse.
    if partial.is_some() {
        let i = n - 1;
        let x = i as f64;
        let top_v = totals[i].best.max(1) as f64;
        let dash_top = (top_v * 1.0).max(ymax * 0.12);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x - half, 0.0), (x + half, dash_top)],
            ShapeStyle::from(&INK.mix(0.6)).stroke_width(1),
        )))?;
        let (px, py) = chart.backend_coord(&(x, dash_top));
        draw_text(
            root,
            "partial",
            (px, py - ctx.px(4.0, 1.0)),
            &ctx.text(ctx.tick_size() * 0.85),
            (HPos::Center, VPos::Bottom),
        )?;
    }
    // Whiskers on the totals.
    let bar_px = {
        let a = chart.backend_coord(&(0.0, 0.0));
        let b = chart.backend_coord(&(1.0, 0.0));
        (b.0 - a.0).abs()
    };
    let cap = if bar_px >= 14 { half * 0.45 } else { 0.0 };
    // On narrow bars the whiskers thin out so they do not hide the bars.
    let wstyle = if bar_px >= 14 {
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
            PathElement::new(vec![(x, lo), (x, hi)], wstyle),
            PathElement::new(vec![(x - cap, lo), (x + cap, lo)], wstyle),
            PathElement::new(vec![(x - cap, hi), (x + cap, hi)], wstyle),
        ])?;
    }

    // Events panel.
    let x_area = ctx.x_label_area();
    let mut ev = ChartBuilder::on(&bottom)
        .margin_right(ctx.px(16.0, 4.0))
        .margin_top(ctx.px(8.0, 2.0))
        .y_label_area_size(y_area)
        .x_label_area_size(x_area)
        .build_cartesian_2d(x0..x1, 0.0..emax)?;
    ev.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(4)
        .y_label_formatter(&|v| fmt_tick(*v))
        .y_desc("Events")
        .x_desc(format!("Period ({gran})"))
        .label_style(tick.clone())
        .axis_desc_style(desc.clone())
        .light_line_style(WHITE)
        .bold_line_style(FAINT)
        .axis_style(INK)
        .draw()?;
    let ev_color = RGBColor(0, 0, 0);
    ev.draw_series(LineSeries::new(
        totals
            .iter()
            .enumerate()
            .map(|(i, t)| (i as f64, t.events as f64)),
        ShapeStyle::from(&ev_color).stroke_width(ctx.px(2.5, 1.0) as u32),
    ))?;
    // Markers only while they stay apart.
    let r = if bar_px >= 10 { ctx.px(4.0, 2.0) } else { 0 };
    if r > 0 {
        ev.draw_series(
            totals
                .iter()
                .enumerate()
                .map(|(i, t)| Circle::new((i as f64, t.events as f64), r, ev_color.filled())),
        )?;
    }

    // Period labels under the events panel, thinned to fit.
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
        // Labels fall on calendar boundaries (every January, every 13th
        // week, ...), not wherever the data happen to start.
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

    // Legend.
    let mut lg = Legend::new(&legend, ctx, (20.0, 4.0));
    let lst = lg.label_style();
    let max_label = legend_w as i32 - ctx.px(20.0, 4.0) - lg.text_x;
    lg.heading("Deaths by region")?;
    // Same order as the stack, top of the stack first.
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
            ShapeStyle::from(&ev_color).stroke_width(ctx.px(2.5, 1.0) as u32),
        ))?;
        if r > 0 {
            a.draw(&Circle::new((mid, ymid), r, ev_color.filled()))?;
        }
        Ok(())
    };
    lg.mark_row(events, "Events (lower panel)")?;
    Ok(())
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
