//! `index.html`: one self-contained report page (no network, no tile server,
//! no framework) with the map, the period control, the tables, the charts and
//! the method.
//!
//! The page is built from the same [`ChartInput`] the charts draw, plus the
//! incidents held in memory (for the tooltips and the incidents table). The
//! region polygons are projected as the PNG map projects them (equirectangular,
//! x = lon · cos(mean latitude)), simplified with Ramer–Douglas–Peucker at
//! [`SIMPLIFY_PX`] pixels and written as inline SVG with one `<path>` per
//! region, coloured with [`class_breaks`] / [`class_palette`] so the page and
//! `map.png` agree. The data the script needs travels as one JSON blob in a
//! `<script type="application/json">` element; the script reads it with
//! `JSON.parse` and builds every element from data with `createElement` and
//! `textContent`, never `innerHTML`. A Content-Security-Policy forbids every
//! network fetch.
//!
//! The same input gives the same bytes: nothing here reads the clock, and
//! every list is written in a sorted order.

use super::chart::{render_bytes, ChartFormat, ChartInput, ChartKind, ChartOptions, RegionKind};
use super::style::{
    class_breaks, class_labels, class_of, class_palette, fmt_int, BBox, Projection, NO_DEATHS_COLOR,
};
use crate::error::Result;
use crate::model::Incident;
use geo::{Area, BoundingRect, MapCoords, Simplify};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

/// The page's style sheet.
const CSS: &str = include_str!("page.css");
/// The page's script (plain ES2017, no framework).
const JS: &str = include_str!("page.js");

/// At most this many incidents are drawn and listed; beyond it the page keeps
/// the ones with the highest best estimates and says so (all are counted in
/// the totals either way).
pub const MAX_LISTED: usize = 10_000;
/// Evidence sentences longer than this (in characters) are cut with an
/// ellipsis on the page; `incidents.csv` has them whole.
pub const MAX_EVIDENCE_CHARS: usize = 300;
/// Characters of evidence the page holds over all listed incidents: with
/// many incidents each sentence is cut shorter (to no less than
/// [`MIN_EVIDENCE_CHARS`]), so the file stays small.
pub const EVIDENCE_BUDGET: usize = 2_000_000;
/// The shortest cut of an evidence sentence.
pub const MIN_EVIDENCE_CHARS: usize = 120;
/// From this many drawn incidents on, circles are drawn fainter and smaller.
pub const DENSE_DOTS: usize = 1_000;

/// How many characters of each evidence sentence the page keeps for `listed`
/// incidents.
///
/// # Examples
/// ```
/// use casualty_atlas::export::html::evidence_cap;
/// assert_eq!(evidence_cap(100), 300);
/// assert_eq!(evidence_cap(10_000), 200);
/// assert_eq!(evidence_cap(1_000_000), 120);
/// ```
pub fn evidence_cap(listed: usize) -> usize {
    (EVIDENCE_BUDGET / listed.max(1)).clamp(MIN_EVIDENCE_CHARS, MAX_EVIDENCE_CHARS)
}
/// Width of the map's SVG coordinate space.
pub const MAP_WIDTH: f64 = 1000.0;
/// Largest height of the map's SVG coordinate space.
pub const MAP_MAX_HEIGHT: f64 = 700.0;
/// Ramer–Douglas–Peucker tolerance for region outlines, in map pixels.
pub const SIMPLIFY_PX: f64 = 0.5;
/// Size of the charts embedded in the page (SVG, so they scale).
pub const CHART_SIZE: (u32, u32) = (1200, 750);

/// An embedded chart whose SVG is larger than this is embedded as PNG.
pub const MAX_SVG_BYTES: usize = 150_000;

/// How the extractor reads vague quantities in articles.
pub const VAGUE_QUANTITIES: [(&str, u32); 4] = [
    ("tens", 10),
    ("dozens", 12),
    ("hundreds", 100),
    ("several", 3),
];

/// Where one incident is counted at the page's level. The texts are
/// shared: every incident of a region (of a period) holds the same one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncidentRow {
    /// The code of its row in [`ChartInput::regions`].
    pub region_code: Arc<str>,
    /// Its period label, as in [`crate::export::chart::PeriodCell::period_label`].
    pub period: Arc<str>,
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct PageInput<'a> {
    /// The charts' input for the level shown (regions, cells, attribution, notes).
    pub chart: &'a ChartInput,
    /// The incidents held in memory, in input order.
    pub incidents: &'a [Incident],
    /// `rows[i]` places `incidents[i]`; missing entries leave it unplaced.
    pub rows: &'a [IncidentRow],
    /// Records rejected (errors), as in `rejects.csv`.
    pub rejected: usize,
    /// Records accounted for elsewhere (duplicate actor rows).
    pub duplicates: usize,
    /// Incidents left out by `--from/--to`.
    pub filtered_out: usize,
    /// Incidents counted in the totals but not held one by one (streamed tables).
    pub not_held: u64,
    /// The run's input files (file names only).
    pub inputs: Vec<String>,
    /// Embed the charts (`None`: a note says they were not drawn).
    pub charts: bool,
}

/// Writes the page to `path` atomically.
///
/// # Examples
/// ```
/// use casualty_atlas::export::chart::ChartInput;
/// use casualty_atlas::export::html::{write_page, PageInput};
/// let dir = tempfile::tempdir().unwrap();
/// let chart = ChartInput::default();
/// let input = PageInput { chart: &chart, incidents: &[], rows: &[], rejected: 0, duplicates: 0,
///     filtered_out: 0, not_held: 0, inputs: vec![], charts: false };
/// let p = dir.path().join("index.html");
/// write_page(&p, &input).unwrap();
/// assert!(std::fs::read_to_string(&p).unwrap().starts_with("<!DOCTYPE html>"));
/// ```
pub fn write_page(path: &Path, input: &PageInput<'_>) -> Result<()> {
    let page = render_page(input)?;
    super::write_atomic(path, page.as_bytes())
}

/// Builds the page.
///
/// # Examples
/// ```
/// use casualty_atlas::export::chart::ChartInput;
/// use casualty_atlas::export::html::{render_page, PageInput};
/// let chart = ChartInput { title: "Deaths <b>".into(), ..ChartInput::default() };
/// let input = PageInput { chart: &chart, incidents: &[], rows: &[], rejected: 2, duplicates: 0,
///     filtered_out: 0, not_held: 0, inputs: vec!["a.csv".into()], charts: false };
/// let html = render_page(&input).unwrap();
/// assert!(html.contains("Deaths &lt;b&gt;"));
/// assert!(!html.contains("Deaths <b>"));
/// ```
pub fn render_page(input: &PageInput<'_>) -> Result<String> {
    let periods = periods(input);
    let index = Index::new(input, &periods);
    let listed = listed_incidents(input.incidents);
    let map = MapSvg::build(input, &listed);
    let open = index.open_highs(input);
    let by_period = index.by_period(input.chart);
    let (doc_list, incidents) = index.incidents_json(input, &listed);
    let data = json!({
        "periods": periods.iter().map(|(l, _)| l).collect::<Vec<_>>(),
        "regions": regions_json(input.chart, &by_period, &open, &map),
        "classes": classes(input.chart, &by_period),
        "zero": hex(NO_DEATHS_COLOR),
        "docs": doc_list,
        "incidents": incidents,
        "held": input.incidents.len(),
        "not_held": input.not_held,
        "undrawn": map.undrawn,
    });
    let data = script_json(&data)?;
    page_markup(input, &periods, &map, &listed, &data)
}

/// Per region and period: events, deaths low, best and high.
type PeriodSums = Vec<BTreeMap<usize, [u64; 4]>>;

/// Incidents with an open-ended high ("at least N") per region (period
/// `None`) and per region and period.
type OpenHighs = BTreeMap<(usize, Option<usize>), u64>;

/// Where a period label and a region code stand in the page's lists.
struct Index<'a> {
    period: BTreeMap<&'a str, usize>,
    region: BTreeMap<&'a str, usize>,
}

impl<'a> Index<'a> {
    fn new(input: &PageInput<'a>, periods: &'a [(String, Option<chrono::NaiveDate>)]) -> Self {
        let period = periods
            .iter()
            .enumerate()
            .map(|(i, (label, _))| (label.as_str(), i))
            .collect();
        let mut region: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, r) in input.chart.regions.iter().enumerate() {
            region.entry(r.code.as_str()).or_insert(i);
        }
        Index { period, region }
    }

    fn open_highs(&self, input: &PageInput<'_>) -> OpenHighs {
        let mut open = OpenHighs::new();
        for (i, inc) in input.incidents.iter().enumerate() {
            if !inc.deaths.open_high() {
                continue;
            }
            let Some(row) = input.rows.get(i) else {
                continue;
            };
            let Some(&r) = self.region.get(&*row.region_code) else {
                continue;
            };
            *open.entry((r, None)).or_default() += 1;
            if let Some(&p) = self.period.get(&*row.period) {
                *open.entry((r, Some(p))).or_default() += 1;
            }
        }
        open
    }

    fn by_period(&self, chart: &ChartInput) -> PeriodSums {
        let mut by_period: PeriodSums = vec![BTreeMap::new(); chart.regions.len()];
        for c in &chart.cells {
            let (Some(&r), Some(&p)) = (
                self.region.get(c.region_code.as_str()),
                self.period.get(c.period_label.as_str()),
            ) else {
                continue;
            };
            let e = by_period[r].entry(p).or_insert([0; 4]);
            e[0] += c.events;
            e[1] += c.deaths_low;
            e[2] += c.deaths_best;
            e[3] += c.deaths_high;
        }
        by_period
    }

    /// The listed incidents as rows, with their document names interned
    /// (the names, then the rows).
    fn incidents_json<'i>(
        &self,
        input: &PageInput<'i>,
        listed: &[usize],
    ) -> (Vec<&'i str>, Vec<Value>) {
        let mut docs: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in listed {
            let n = docs.len();
            docs.entry(&*input.incidents[i].doc).or_insert(n);
        }
        let mut doc_list: Vec<&str> = vec![""; docs.len()];
        for (d, i) in &docs {
            doc_list[*i] = d;
        }
        let cap = evidence_cap(listed.len());
        let incidents = listed
            .iter()
            .map(|&i| {
                let inc = &input.incidents[i];
                let row = input.rows.get(i);
                let region = row.and_then(|r| self.region.get(&*r.region_code).copied());
                let period = row.and_then(|r| self.period.get(&*r.period).copied());
                json!([
                    inc.id,
                    docs.get(&*inc.doc).copied().unwrap_or(0),
                    place_text(inc),
                    date_text(inc),
                    inc.deaths.low,
                    inc.deaths.best,
                    inc.deaths.high,
                    inc.article()
                        .evidence
                        .as_deref()
                        .map(|e| truncate(e.trim(), cap)),
                    period,
                    region,
                ])
            })
            .collect();
        (doc_list, incidents)
    }
}

/// Region rows, with per-period sums and open-ended highs.
fn regions_json(
    chart: &ChartInput,
    by_period: &PeriodSums,
    open: &OpenHighs,
    map: &MapSvg,
) -> Vec<Value> {
    chart
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut p = Map::new();
            for (pi, t) in &by_period[i] {
                let o = open.get(&(i, Some(*pi))).copied().unwrap_or(0);
                p.insert(pi.to_string(), json!([t[0], t[1], t[2], t[3], o]));
            }
            json!({
                "name": r.name,
                "code": r.code,
                "kind": kind_name(r.kind),
                "mapped": map.path_of.contains_key(&i),
                "t": [r.events, r.deaths_low, r.deaths_best, r.deaths_high,
                      open.get(&(i, None)).copied().unwrap_or(0)],
                "p": p,
            })
        })
        .collect()
}

/// Classes: over the region totals (as map.png), and over every region ×
/// period value (shared by all periods, as map_by_year.png).
fn classes(chart: &ChartInput, by_period: &PeriodSums) -> Value {
    let totals: Vec<u64> = chart
        .regions
        .iter()
        .filter(|r| r.kind == RegionKind::Region)
        .map(|r| r.deaths_best)
        .collect();
    let per_period: Vec<u64> = chart
        .regions
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RegionKind::Region)
        .flat_map(|(i, _)| by_period[i].values().map(|t| t[2]))
        .collect();
    json!({
        "all": classes_json(&class_breaks(&totals)),
        "period": classes_json(&class_breaks(&per_period)),
    })
}

/// Periods of the report, sorted by start with undated last: (label, start).
fn periods(input: &PageInput<'_>) -> Vec<(String, Option<chrono::NaiveDate>)> {
    let mut seen: BTreeMap<&str, Option<chrono::NaiveDate>> = BTreeMap::new();
    for c in &input.chart.cells {
        seen.entry(c.period_label.as_str())
            .or_insert(c.period_start);
    }
    for r in input.rows {
        if !r.period.is_empty() && !seen.contains_key(&*r.period) {
            seen.insert(&*r.period, None);
        }
    }
    let mut v: Vec<(String, Option<chrono::NaiveDate>)> =
        seen.into_iter().map(|(l, s)| (l.to_string(), s)).collect();
    v.sort_by(|a, b| {
        a.1.is_none()
            .cmp(&b.1.is_none())
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.0.cmp(&b.0))
    });
    v
}

/// The periods with no incident between two listed ones (first and last
/// label), so the period control says the months it skips are empty.
fn empty_between(
    g: crate::period::Granularity,
    prev_start: chrono::NaiveDate,
    start: chrono::NaiveDate,
) -> Option<(String, String)> {
    use crate::period::Period;
    let after = Period::of(prev_start, g).end()?.succ_opt()?;
    let before = start.pred_opt()?;
    if after > before || Period::of(after, g).start()? >= start {
        return None;
    }
    Some((
        Period::of(after, g).to_string(),
        Period::of(before, g).to_string(),
    ))
}

#[cfg(test)]
mod ux_tests {
    use super::empty_between;
    use crate::period::Granularity;
    use chrono::NaiveDate;

    /// Issue 18 item 15: the period control says which periods between two
    /// listed ones are empty.
    #[test]
    fn gaps_between_periods_are_named() {
        let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        assert_eq!(
            empty_between(Granularity::Month, d(2017, 10), d(2019, 1)),
            Some(("2017-11".to_string(), "2018-12".to_string()))
        );
        assert_eq!(
            empty_between(Granularity::Month, d(2017, 10), d(2017, 11)),
            None
        );
    }
}

/// Indices of the incidents drawn and listed, in input order: all of them,
/// or the [`MAX_LISTED`] with the highest best estimates.
fn listed_incidents(incidents: &[Incident]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..incidents.len()).collect();
    if idx.len() > MAX_LISTED {
        idx.sort_by(|&a, &b| {
            incidents[b]
                .deaths
                .best
                .cmp(&incidents[a].deaths.best)
                .then(a.cmp(&b))
        });
        idx.truncate(MAX_LISTED);
        idx.sort_unstable();
    }
    idx
}

fn kind_name(k: RegionKind) -> &'static str {
    match k {
        RegionKind::Region => "region",
        RegionKind::Unallocated => "unallocated",
        RegionKind::Unassigned => "unassigned",
        RegionKind::Undated => "undated",
    }
}

fn classes_json(breaks: &[u64]) -> Value {
    json!({
        "breaks": breaks,
        "colors": class_palette(breaks.len()).into_iter().map(hex).collect::<Vec<_>>(),
        "labels": class_labels(breaks),
    })
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn place_text(inc: &Incident) -> String {
    [&inc.place, &inc.admin2, &inc.admin1, &inc.country]
        .into_iter()
        .flatten()
        .find(|s| !s.trim().is_empty())
        .cloned()
        .unwrap_or_default()
}

fn date_text(inc: &Incident) -> String {
    let Some(start) = inc.date_start else {
        return String::new();
    };
    let mut s = start.format("%Y-%m-%d").to_string();
    if let Some(end) = inc.date_end.filter(|e| *e != start) {
        let _ = write!(s, " to {}", end.format("%Y-%m-%d"));
    }
    let p = inc.date_precision.as_str();
    if p != "day" {
        let _ = write!(s, " ({p})");
    }
    s
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// JSON safe inside a `<script>` element: `<`, `>` and `&` (so `</script>`
/// and `<!--` cannot occur) and the JavaScript line separators are written
/// as `\uXXXX` escapes, which `JSON.parse` reads back unchanged. They can
/// only occur inside strings, so the replacement never touches structure.
fn script_json(v: &Value) -> Result<String> {
    let s = serde_json::to_string(v).map_err(|e| crate::error::Error::Usage(e.to_string()))?;
    let mut out = String::with_capacity(s.len() + 64);
    for ch in s.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// How many records the page lists in its review section (all of them are
/// in review.csv).
const REVIEW_LISTED: usize = 200;

/// "To check before publishing": the records an analyst should look at
/// first (competing or vague figures, unresolved places, inferred dates,
/// plausibility flags), each with its reasons and the figures the text gave.
fn review_section(h: &mut String, incidents: &[Incident]) {
    let queue: Vec<&Incident> = incidents
        .iter()
        .filter(|i| crate::export::table::needs_review(i))
        .collect();
    if queue.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<section id=\"review-section\">\n<h2>To check before publishing ({})</h2>\n<p class=\"note\">Records whose toll came from competing or vague figures, whose place is unresolved, whose date was worked out, or that a plausibility check flagged. review.csv lists them all.</p>",
        fmt_int(queue.len() as u64)
    );
    h.push_str("<table id=\"review-table\"><thead><tr><th scope=\"col\">Record</th><th scope=\"col\">Place</th><th scope=\"col\">Date</th><th scope=\"col\" class=\"n\">Deaths (low–best–high)</th><th scope=\"col\">Why</th><th scope=\"col\">Figures in the text</th></tr></thead><tbody>\n");
    let n = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_else(|| "?".into());
    for i in queue.iter().take(REVIEW_LISTED) {
        let mut why: Vec<String> = i.article().review.clone();
        why.extend(crate::export::table::review_flags(i).map(|f| f.to_string()));
        let figures = match &i.article().toll_rule {
            Some(rule) => format!("{} → {rule}", i.article().toll_candidates.join("; ")),
            None => String::new(),
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}–{}–{}</td><td>{}</td><td>{}</td></tr>",
            escape(&i.id),
            escape(i.place.as_deref().unwrap_or("")),
            i.date_start.map(|d| d.to_string()).unwrap_or_default(),
            n(i.deaths.low),
            n(i.deaths.best),
            n(i.deaths.high),
            escape(&why.join("; ")),
            escape(&figures)
        );
    }
    h.push_str("</tbody></table>\n");
    if queue.len() > REVIEW_LISTED {
        let _ = writeln!(
            h,
            "<p class=\"note\">The first {REVIEW_LISTED} are listed here; review.csv has all {}.</p>",
            fmt_int(queue.len() as u64)
        );
    }
    h.push_str("</section>\n");
}

/// Text escaped for HTML element content and quoted attribute values.
///
/// # Examples
/// ```
/// use casualty_atlas::export::html::escape;
/// assert_eq!(escape(r#"<script>"a" & 'b'"#), "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Standard base64 (RFC 4648, padded).
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(A[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The map

/// The map's markup and what it left out.
struct MapSvg {
    /// `<svg>…</svg>`, empty when there is nothing to map.
    markup: String,
    /// Region row → drawn.
    path_of: BTreeMap<usize, ()>,
    /// Listed incidents with a location outside the map's extent.
    undrawn: usize,
    /// Listed incidents with no location.
    unlocated: usize,
}

/// One decimal, no trailing `.0`, no negative zero.
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.1}");
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

impl MapSvg {
    fn build(input: &PageInput<'_>, listed: &[usize]) -> Self {
        let chart = input.chart;
        let mut out = MapSvg {
            markup: String::new(),
            path_of: BTreeMap::new(),
            undrawn: 0,
            unlocated: 0,
        };
        // Regions with a polygon, largest first (enclosed ones end on top).
        let mut mapped: Vec<(usize, &geo::MultiPolygon<f64>, f64)> = chart
            .regions
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let g = r.geometry.as_ref()?;
                let a = g.unsigned_area();
                Some((i, g, if a.is_finite() { a } else { 0.0 }))
            })
            .collect();
        mapped.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        let bounds = if mapped.is_empty() {
            BBox::of_points(listed.iter().filter_map(|&i| input.incidents[i].lon_lat()))
        } else {
            BBox::of_points(
                mapped
                    .iter()
                    .filter_map(|(_, g, _)| g.bounding_rect())
                    .flat_map(|r| [(r.min().x, r.min().y), (r.max().x, r.max().y)]),
            )
        };
        let located = listed
            .iter()
            .filter(|&&i| input.incidents[i].lon_lat().is_some())
            .count();
        out.unlocated = listed.len() - located;
        let Some(bbox) = bounds else {
            return out;
        };
        // Padded by 2 % and to at least 0.5° a side, as the PNG map.
        let bbox = bbox.padded(0.02);
        let proj = Projection::fit_corner(bbox, (MAP_WIDTH, MAP_MAX_HEIGHT));
        let (vw, vh) = proj.size();
        let (vw, vh) = (vw.ceil(), vh.ceil());

        let mut s = String::new();
        let _ = write!(
            s,
            r#"<svg id="map" viewBox="0 0 {} {}" role="img" aria-labelledby="map-title"><title id="map-title">Map of {} regions filled by best-estimate deaths, with incidents as circles</title><g id="regions">"#,
            num(vw),
            num(vh),
            escape(&chart.level)
        );
        let breaks = class_breaks(
            &chart
                .regions
                .iter()
                .filter(|r| r.kind == RegionKind::Region)
                .map(|r| r.deaths_best)
                .collect::<Vec<_>>(),
        );
        let palette = class_palette(breaks.len());
        for (i, g, _) in &mapped {
            let r = &chart.regions[*i];
            let d = path_data(g, &proj);
            let fill = class_of(r.deaths_best, &breaks)
                .and_then(|c| palette.get(c).copied())
                .unwrap_or(NO_DEATHS_COLOR);
            let _ = write!(
                s,
                r#"<path data-r="{i}" tabindex="0" aria-label="{}" fill="{}" d="{d}"/>"#,
                escape(&r.name),
                hex(fill)
            );
            out.path_of.insert(*i, ());
        }
        out.undrawn = incident_dots(&mut s, input, listed, &bbox, &proj);
        out.markup = s;
        out
    }
}

/// The incidents' circles (area proportional to deaths, largest drawn
/// first) closing the map's region group, into `s`; returns how many
/// located incidents fall outside `bbox` and are not drawn.
fn incident_dots(
    s: &mut String,
    input: &PageInput<'_>,
    listed: &[usize],
    bbox: &BBox,
    proj: &Projection,
) -> usize {
    let dots: Vec<(usize, usize, f64, f64)> = listed
        .iter()
        .enumerate()
        .filter_map(|(li, &i)| {
            let (lon, lat) = input.incidents[i].lon_lat()?;
            Some((li, i, lon, lat))
        })
        .collect();
    let (dots, outside): (Vec<_>, Vec<_>) = dots.into_iter().partition(|d| bbox.contains(d.2, d.3));
    s.push_str(if dots.len() >= DENSE_DOTS {
        r#"</g><g id="incidents" class="dense">"#
    } else {
        r#"</g><g id="incidents">"#
    });
    let crowd = (150.0 / dots.len().max(1) as f64)
        .powf(0.35)
        .clamp(0.3, 1.0);
    let r_max = 14.0 * crowd;
    let r_min = 2.0_f64.min(r_max);
    let dmax = dots
        .iter()
        .filter_map(|d| input.incidents[d.1].deaths.best)
        .max()
        .unwrap_or(1)
        .max(1);
    let mut sized: Vec<(f64, usize, f64, f64, bool)> = dots
        .iter()
        .map(|&(li, i, lon, lat)| {
            let best = input.incidents[i].deaths.best.unwrap_or(0);
            let f = (f64::from(best).sqrt() / f64::from(dmax).sqrt()).clamp(0.0, 1.0);
            let r = if best == 0 {
                r_min
            } else {
                r_min + f * (r_max - r_min)
            };
            let (x, y) = proj.xy(lon, lat);
            (r, li, x, y, best > 0)
        })
        .collect();
    sized.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (r, li, x, y, known) in sized {
        let class = if known { "" } else { r#" class="z""# };
        let _ = write!(
            s,
            r#"<circle data-i="{li}"{class} cx="{}" cy="{}" r="{}"/>"#,
            num(x),
            num(y),
            num(r)
        );
    }
    s.push_str("</g></svg>");
    outside.len()
}

/// SVG path data for a region: every ring of every polygon, projected,
/// simplified and rounded; a region too small to keep a ring becomes a
/// small square at its first point, so every mapped region has a shape.
fn path_data(g: &geo::MultiPolygon<f64>, proj: &Projection) -> String {
    let projected = g.map_coords(|c| {
        let (x, y) = proj.xy(c.x, c.y);
        geo::Coord { x, y }
    });
    let simple = projected.simplify(SIMPLIFY_PX);
    let mut d = String::new();
    let ring_out = |ring: &geo::LineString<f64>, d: &mut String| {
        let mut pts: Vec<(String, String)> = Vec::with_capacity(ring.0.len());
        for c in ring.coords() {
            if !c.x.is_finite() || !c.y.is_finite() {
                continue;
            }
            let p = (num(c.x), num(c.y));
            if pts.last() != Some(&p) {
                pts.push(p);
            }
        }
        if pts.len() > 1 && pts.first() == pts.last() {
            pts.pop();
        }
        if pts.len() < 3 {
            return;
        }
        for (j, (x, y)) in pts.iter().enumerate() {
            d.push(match j {
                0 => 'M',
                1 => 'L',
                _ => ' ',
            });
            let _ = write!(d, "{x} {y}");
        }
        d.push('Z');
    };
    for poly in &simple {
        ring_out(poly.exterior(), &mut d);
        for hole in poly.interiors() {
            ring_out(hole, &mut d);
        }
    }
    if d.is_empty() {
        if let Some(c) = projected
            .iter()
            .flat_map(|p| p.exterior().coords())
            .find(|c| c.x.is_finite() && c.y.is_finite())
        {
            let _ = write!(d, "M{} {}h2v2h-2Z", num(c.x - 1.0), num(c.y - 1.0));
        }
    }
    d
}

// ---------------------------------------------------------------------------
// The page

fn page_markup(
    input: &PageInput<'_>,
    periods: &[(String, Option<chrono::NaiveDate>)],
    map: &MapSvg,
    listed: &[usize],
    data: &str,
) -> Result<String> {
    let chart = input.chart;
    let title = if chart.title.trim().is_empty() {
        "Casualty atlas report".to_string()
    } else {
        chart.title.clone()
    };
    let level = if chart.level.is_empty() {
        "region".to_string()
    } else {
        chart.level.clone()
    };
    let mut h = String::with_capacity(64 * 1024 + data.len() + map.markup.len());
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    h.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(h, "<title>{}</title>", escape(&title));
    let _ = writeln!(h, "<style>\n{CSS}</style>\n</head>\n<body>");

    page_header(&mut h, chart, &title, &level);
    h.push_str("<main>\n");
    review_section(&mut h, input.incidents);
    period_controls(&mut h, input, periods);
    totals_section(&mut h, input);
    map_section(&mut h, input, map, listed);
    tables_section(&mut h);
    charts_section(&mut h, input)?;
    h.push_str("</section>\n</main>\n");

    footer(&mut h, input);
    let _ = writeln!(
        h,
        "<script type=\"application/json\" id=\"atlas-data\">{data}</script>"
    );
    let _ = writeln!(h, "<script>\n{JS}</script>\n</body>\n</html>");
    Ok(h)
}

/// The page's header: its title and what it shows.
fn page_header(h: &mut String, chart: &ChartInput, title: &str, level: &str) {
    let _ = write!(h, "<header>\n<h1>{}</h1>\n<p class=\"sub\">", escape(title));
    let mut sub = format!("Deaths by {level} region");
    if !chart.granularity.is_empty() {
        let _ = write!(sub, " and {}", chart.granularity);
    }
    if let Some((a, b)) = chart.date_range {
        let _ = write!(
            sub,
            ", {} to {}",
            a.format("%Y-%m-%d"),
            b.format("%Y-%m-%d")
        );
    }
    let _ = writeln!(
        h,
        "{}. Hover or tap a region or a circle for details.</p>\n</header>",
        escape(&sub)
    );
}

/// The period control: a slider, previous and next, and a list of the
/// periods (empty stretches between them named).
fn period_controls(
    h: &mut String,
    input: &PageInput<'_>,
    periods: &[(String, Option<chrono::NaiveDate>)],
) {
    h.push_str("<section id=\"controls\" aria-label=\"Period\">\n");
    let _ = writeln!(
        h,
        "<label for=\"period-range\">Period</label> <button type=\"button\" id=\"prev\" aria-label=\"Previous period\">&#9664;</button> <input type=\"range\" id=\"period-range\" min=\"0\" max=\"{}\" step=\"1\" value=\"0\"> <button type=\"button\" id=\"next\" aria-label=\"Next period\">&#9654;</button> <select id=\"period-select\" aria-label=\"Period\"><option value=\"0\">All periods</option>",
        periods.len()
    );
    let gran = crate::period::Granularity::parse(&input.chart.granularity);
    for (i, (label, start)) in periods.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|k| periods[k].1);
        let text = match (gran, prev, start) {
            (Some(g), Some(p), Some(s)) => match empty_between(g, p, *s) {
                Some((a, b)) if a == b => format!("{label} (nothing in {a})"),
                Some((a, b)) => format!("{label} (nothing from {a} to {b})"),
                None => label.clone(),
            },
            _ => label.clone(),
        };
        let _ = write!(h, "<option value=\"{}\">{}</option>", i + 1, escape(&text));
    }
    h.push_str("</select> <strong id=\"period-label\">All periods</strong>\n</section>\n");
}

/// The totals, filled for all periods (the script updates them).
fn totals_section(h: &mut String, input: &PageInput<'_>) {
    let chart = input.chart;
    let t = chart.regions.iter().fold([0u64; 4], |mut a, r| {
        a[0] += r.events;
        a[1] += r.deaths_low;
        a[2] += r.deaths_best;
        a[3] += r.deaths_high;
        a
    });
    let leftover = |k: RegionKind| {
        chart
            .regions
            .iter()
            .filter(|r| r.kind == k)
            .map(|r| r.events)
            .sum::<u64>()
    };
    h.push_str("<section id=\"totals\" aria-live=\"polite\"><dl>\n");
    let _ = writeln!(
        h,
        "<div><dt>Events</dt><dd id=\"t-events\">{}</dd></div>",
        fmt_int(t[0])
    );
    let _ = writeln!(
        h,
        "<div><dt>Deaths (best estimate)</dt><dd id=\"t-best\">{}</dd></div>",
        fmt_int(t[2])
    );
    let _ = writeln!(
        h,
        "<div><dt>Low–high</dt><dd id=\"t-range\">{}–{}</dd></div>",
        fmt_int(t[1]),
        fmt_int(t[3])
    );
    let _ = writeln!(
        h,
        "<div><dt>Unallocated events</dt><dd id=\"t-unalloc\">{}</dd></div>",
        fmt_int(leftover(RegionKind::Unallocated))
    );
    let _ = writeln!(
        h,
        "<div><dt>Unassigned events</dt><dd id=\"t-unassigned\">{}</dd></div>",
        fmt_int(leftover(RegionKind::Unassigned))
    );
    let _ = writeln!(
        h,
        "<div><dt>Rejected records</dt><dd id=\"t-rejected\">{}</dd></div>",
        fmt_int(input.rejected as u64)
    );
    h.push_str("</dl></section>\n");
}

/// The map, the legend's place and the notes on what is not drawn.
fn map_section(h: &mut String, input: &PageInput<'_>, map: &MapSvg, listed: &[usize]) {
    h.push_str("<section id=\"map-section\">\n<div id=\"map-wrap\">\n");
    if map.markup.is_empty() {
        h.push_str("<p class=\"empty\">No region boundaries or located incidents to map.</p>\n");
    } else {
        h.push_str(&map.markup);
        h.push('\n');
    }
    h.push_str("<div id=\"tip\" role=\"status\" hidden></div>\n</div>\n<div id=\"legend\" aria-label=\"Legend\"></div>\n");
    let mut notes: Vec<String> = Vec::new();
    notes.extend(counted(
        map.undrawn,
        "incident(s) located outside the mapped regions' extent are not drawn.",
    ));
    notes.extend(counted(
        map.unlocated,
        "incident(s) without coordinates are not drawn (they are in the tables).",
    ));
    if input.incidents.len() > listed.len() {
        notes.push(format!(
            "The page draws and lists the {} incidents with the highest best estimates; the other {} are counted in every total and listed in incidents.csv.",
            fmt_int(listed.len() as u64),
            fmt_int((input.incidents.len() - listed.len()) as u64)
        ));
    }
    let cut = evidence_cap(listed.len());
    if input.incidents.iter().any(|i| {
        i.article()
            .evidence
            .as_deref()
            .is_some_and(|e| e.trim().chars().count() > cut)
    }) {
        notes.push(format!(
            "Evidence sentences longer than {cut} characters are cut short here; incidents.csv has them whole."
        ));
    }
    if input.not_held > 0 {
        notes.push(format!(
            "{} incident(s) from streamed tables are counted in every total but not drawn or listed one by one.",
            fmt_int(input.not_held)
        ));
    }
    for n in &notes {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(n));
    }
    h.push_str("</section>\n");
}

/// The regions' and incidents' tables, empty: the script fills them.
fn tables_section(h: &mut String) {
    h.push_str("<section id=\"regions-section\">\n<h2>Regions</h2>\n<p class=\"note\">Sorted by best-estimate deaths for the selected period; rows in italics are not regions: incidents located only to a coarser unit (unallocated) or outside every region (unassigned).</p>\n");
    h.push_str("<table id=\"region-table\"><thead><tr><th scope=\"col\">Region</th><th scope=\"col\" class=\"n\">Events</th><th scope=\"col\" class=\"n\">Deaths (best)</th><th scope=\"col\" class=\"n\">Low–high</th></tr></thead><tbody></tbody></table>\n<p id=\"region-note\" class=\"note\"></p>\n</section>\n");
    h.push_str("<section id=\"incidents-section\">\n<h2>Incidents</h2>\n<p class=\"note\">Click or tap a region on the map to list only its incidents.</p>\n<p id=\"incident-note\" class=\"note\"></p>\n<button type=\"button\" id=\"clear-region\" hidden>Show every region</button>\n");
    h.push_str("<table id=\"incident-table\"><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Place</th><th scope=\"col\">Region</th><th scope=\"col\" class=\"n\">Deaths (low–best–high)</th><th scope=\"col\">Source</th><th scope=\"col\">Evidence</th></tr></thead><tbody></tbody></table>\n<button type=\"button\" id=\"more\" hidden>Show more</button>\n</section>\n");
    h.push_str("<noscript><p class=\"note\">The map above shows all periods; the period control, the details on hover and the tables need JavaScript.</p></noscript>\n");
}

/// The charts section's heading and charts, inline (its closing tag is the
/// caller's).
fn charts_section(h: &mut String, input: &PageInput<'_>) -> Result<()> {
    let chart = input.chart;
    h.push_str("<section id=\"charts\">\n<h2>Charts</h2>\n");
    if input.charts {
        let opts = ChartOptions {
            width: CHART_SIZE.0,
            height: CHART_SIZE.1,
            format: ChartFormat::Svg,
        };
        for (kind, alt) in [
            (ChartKind::DeathsOverTime, "Deaths over time by region"),
            (
                ChartKind::DeathsByRegion,
                "Deaths by region with low–high intervals",
            ),
            (
                ChartKind::MapByYear,
                "Maps of deaths by region, one per year or period",
            ),
        ] {
            // SVG stays sharp; a chart with many shapes (the small-multiple
            // maps) is far smaller as PNG.
            let mut bytes = render_bytes(kind, chart, &opts)?;
            let mut mime = "image/svg+xml";
            if bytes.len() > MAX_SVG_BYTES {
                let png = ChartOptions {
                    format: ChartFormat::Png,
                    ..opts
                };
                bytes = render_bytes(kind, chart, &png)?;
                mime = "image/png";
            }
            let _ = writeln!(
                h,
                "<figure><img alt=\"{alt}\" width=\"{}\" height=\"{}\" src=\"data:{mime};base64,{}\"><figcaption>{alt} (also written as {}).</figcaption></figure>",
                CHART_SIZE.0,
                CHART_SIZE.1,
                base64(&bytes),
                kind.stem()
            );
        }
    } else {
        h.push_str("<p class=\"note\">Charts were not drawn for this run (--no-charts).</p>\n");
    }
    Ok(())
}

fn footer(h: &mut String, input: &PageInput<'_>) {
    let chart = input.chart;
    h.push_str("<footer>\n<h2>Sources and method</h2>\n");
    if !chart.attribution.is_empty() {
        let _ = writeln!(
            h,
            "<p><strong>Attribution.</strong> {}</p>",
            escape(&chart.attribution)
        );
    }
    let _ = write!(h, "<p><strong>Input files.</strong> ");
    if input.inputs.is_empty() {
        h.push_str("none");
    } else {
        let names: Vec<String> = input.inputs.iter().map(|n| escape(n)).collect();
        h.push_str(&names.join(", "));
    }
    h.push_str(".</p>\n<p><strong>Counting rules.</strong></p>\n<ul>\n");
    for rule in [
        "Every incident counts as one event in exactly one row: its region, an “unallocated within …” row when it is located only to a coarser unit than the level (e.g. a country), or “unassigned” when it lies outside every region or could not be located. Summing every row gives the totals.",
        "Deaths follow UCDP practice: low, best and high estimates. A missing low counts as the best. An open-ended toll (“at least N”) has no high: it counts at its best estimate in the high column, so the high is a floor wherever such incidents occur.",
        "An incident with an unknown toll counts as an event with no deaths.",
        "Undated incidents are counted in the “undated” period (and in “all periods”); an incident dated to a range of days counts in the period of its first day.",
        "Map classes are quantiles of the regions' best-estimate deaths, as on map.png; for a single period the classes are shared by all periods, as on map_by_year.png, so colours compare across periods.",
    ] {
        let _ = writeln!(h, "<li>{}</li>", escape(rule));
    }
    let vague: Vec<String> = VAGUE_QUANTITIES
        .iter()
        .map(|(w, n)| format!("“{w}” = {n}"))
        .collect();
    let _ = writeln!(
        h,
        "<li>{}</li>",
        escape(&format!(
            "Vague quantities in articles are read as numbers: {}.",
            vague.join(", ")
        ))
    );
    h.push_str("</ul>\n");
    let mut counts = vec![format!(
        "{} record(s) rejected (see rejects.csv)",
        fmt_int(input.rejected as u64)
    )];
    counts.extend(counted(input.duplicates, "duplicate row(s) counted once"));
    counts.extend(counted(
        input.filtered_out,
        "incident(s) outside --from/--to left out",
    ));
    let _ = writeln!(h, "<p id=\"counts\">{}.</p>", escape(&counts.join("; ")));
    for n in &chart.notes {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(n));
    }
    let _ = writeln!(
        h,
        "<p>Made with casualty-atlas {}. This page needs no network: everything is in this one file.</p>\n</footer>",
        escape(env!("CARGO_PKG_VERSION"))
    );
}

/// "`n` `what`" with `n` written out, when `n` is not zero.
fn counted(n: usize, what: &str) -> Option<String> {
    (n > 0).then(|| format!("{} {what}", fmt_int(n as u64)))
}

#[cfg(test)]
mod tests;
