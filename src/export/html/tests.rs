use super::*;
use crate::export::chart::{PeriodCell, RegionSeries};
use chrono::NaiveDate;
use geo::{polygon, MultiPolygon};

fn square(x0: f64, y0: f64, s: f64) -> MultiPolygon<f64> {
    MultiPolygon::new(vec![polygon![
        (x: x0, y: y0), (x: x0 + s, y: y0), (x: x0 + s, y: y0 + s), (x: x0, y: y0 + s), (x: x0, y: y0)
    ]])
}

fn region(
    name: &str,
    code: &str,
    best: u64,
    g: Option<MultiPolygon<f64>>,
    kind: RegionKind,
) -> RegionSeries {
    RegionSeries {
        name: name.into(),
        code: code.into(),
        events: u64::from(best > 0),
        deaths_low: best,
        deaths_best: best,
        deaths_high: best,
        geometry: g,
        kind,
    }
}

fn cell(label: &str, start: Option<NaiveDate>, code: &str, best: u64) -> PeriodCell {
    PeriodCell {
        period_label: label.into(),
        period_start: start,
        region_code: code.into(),
        events: 1,
        deaths_low: best,
        deaths_best: best,
        deaths_high: best,
    }
}

fn sample() -> (ChartInput, Vec<Incident>, Vec<IncidentRow>) {
    let d = |m| NaiveDate::from_ymd_opt(2024, m, 1);
    let chart = ChartInput {
        title: "Deaths".into(),
        level: "admin1".into(),
        granularity: "month".into(),
        regions: vec![
            region(
                "Alpha <script>alert(\"x\")</script>",
                "A",
                10,
                Some(square(0.0, 10.0, 1.0)),
                RegionKind::Region,
            ),
            region(
                "Beta",
                "B",
                0,
                Some(square(1.0, 10.0, 1.0)),
                RegionKind::Region,
            ),
            region("unassigned", "unassigned", 2, None, RegionKind::Unassigned),
        ],
        cells: vec![
            cell("2024-02", d(2), "A", 4),
            cell("2024-01", d(1), "A", 6),
            cell("undated", None, "unassigned", 2),
        ],
        attribution: "Boundaries: test & co".into(),
        ..ChartInput::default()
    };
    let mut a = Incident::new("a1", "doc</script>.txt");
    a.place = Some("Place <img src=x onerror=alert(1)> \"q\" 'r'".into());
    a.point = Some(crate::model::Point::new(0.5, 10.5));
    a.deaths.best = Some(6);
    a.article_mut().evidence = Some("six killed <!-- and </script> too".into());
    let mut b = Incident::new("b1", "d.csv");
    b.point = Some(crate::model::Point::new(0.6, 10.6));
    b.deaths.best = Some(4);
    let rows = vec![
        IncidentRow {
            region_code: "A".into(),
            period: "2024-01".into(),
        },
        IncidentRow {
            region_code: "A".into(),
            period: "2024-02".into(),
        },
    ];
    (chart, vec![a, b], rows)
}

fn page(chart: &ChartInput, inc: &[Incident], rows: &[IncidentRow]) -> String {
    render_page(&PageInput {
        chart,
        incidents: inc,
        rows,
        rejected: 3,
        duplicates: 0,
        filtered_out: 0,
        not_held: 0,
        inputs: vec!["in<put>.csv".into()],
        charts: false,
    })
    .unwrap()
}

#[test]
fn data_never_becomes_markup() {
    let (chart, inc, rows) = sample();
    let html = page(&chart, &inc, &rows);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<!-- and"));
    assert!(html.contains("in&lt;put&gt;.csv"));
    // exactly the two script elements of the page, each closed once
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.matches("</script>").count(), 2);
    // the JSON blob reads back to the original strings
    let start = html.find("id=\"atlas-data\">").unwrap() + "id=\"atlas-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let v: Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(
        v["incidents"][0][2],
        "Place <img src=x onerror=alert(1)> \"q\" 'r'"
    );
    assert_eq!(v["docs"][0], "doc</script>.txt");
    assert_eq!(v["periods"], json!(["2024-01", "2024-02", "undated"]));
}

#[test]
fn one_path_per_mapped_region_with_png_colours() {
    let (chart, inc, rows) = sample();
    let html = page(&chart, &inc, &rows);
    assert_eq!(html.matches("<path data-r=").count(), 2);
    assert_eq!(html.matches("<circle data-i=").count(), 2);
    let b = class_breaks(&[10, 0]);
    let c = class_palette(b.len());
    assert!(html.contains(&format!("fill=\"{}\"", hex(c[0]))));
    assert!(html.contains(&format!("fill=\"{}\"", hex(NO_DEATHS_COLOR))));
}

#[test]
fn same_input_same_bytes() {
    let (chart, inc, rows) = sample();
    assert_eq!(page(&chart, &inc, &rows), page(&chart, &inc, &rows));
}

#[test]
fn tiny_regions_keep_a_shape() {
    let (mut chart, inc, rows) = sample();
    chart.regions.push(region(
        "Dot",
        "D",
        1,
        Some(square(0.2, 10.2, 1e-6)),
        RegionKind::Region,
    ));
    let html = page(&chart, &inc, &rows);
    assert_eq!(html.matches("<path data-r=").count(), 3);
    assert!(html.contains("h2v2h-2Z"));
}

#[test]
fn listing_is_capped_by_toll() {
    let incs: Vec<Incident> = (0..MAX_LISTED + 5)
        .map(|i| {
            let mut x = Incident::new(format!("i{i}"), "d");
            x.deaths.best = Some((i % 7) as u32);
            x
        })
        .collect();
    let l = listed_incidents(&incs);
    assert_eq!(l.len(), MAX_LISTED);
    assert!(l.windows(2).all(|w| w[0] < w[1]));
    let dropped: Vec<usize> = (0..incs.len())
        .filter(|i| l.binary_search(i).is_err())
        .collect();
    assert!(dropped.iter().all(|&i| incs[i].deaths.best == Some(0)));
}

#[test]
fn base64_matches_rfc4648() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foo"), "Zm9v");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
}

#[test]
fn numbers_are_short() {
    assert_eq!(num(1.04), "1");
    assert_eq!(num(-0.01), "0");
    assert_eq!(num(12.345), "12.3");
}
