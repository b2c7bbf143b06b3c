//! 10,000 random incidents over known polygons: every aggregate is checked
//! against an independent brute-force computation, and totals are conserved
//! for every level and period.

use crate::util::{col, read_csv, rect_regions, Rng, TestDir};
use casualty_atlas::aggregate::Aggregate;
use casualty_atlas::model::{DatePrecision, GeoPrecision, Incident};
use casualty_atlas::period::Granularity;
use casualty_atlas::region::{Assigner, Level, RegionSet};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::path::Path;

/// Nine 1°×1° squares with a gap column between x=2 and x=2.5.
const RECTS: &[(&str, &str, f64, f64, f64, f64)] = &[
    ("Alpha", "A1", 0.0, 10.0, 1.0, 11.0),
    ("Bravo", "A2", 1.0, 10.0, 2.0, 11.0),
    ("Charlie", "A3", 2.5, 10.0, 3.5, 11.0),
    ("Delta", "B1", 0.0, 11.0, 1.0, 12.0),
    ("Écho", "B2", 1.0, 11.0, 2.0, 12.0),
    ("Foxtrot", "B3", 2.5, 11.0, 3.5, 12.0),
    ("Golf", "C1", 0.0, 12.0, 1.0, 13.0),
    ("Hôtel", "C2", 1.0, 12.0, 2.0, 13.0),
    ("India", "C3", 2.5, 12.0, 3.5, 13.0),
];

fn random_incidents(n: usize, seed: u64) -> Vec<Incident> {
    let mut rng = Rng(seed);
    let day0 = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap();
    (0..n)
        .map(|k| {
            let mut i = Incident::new(format!("r{k}"), "random.csv");
            // keep clear of the shared borders (0.001° margin) so the
            // brute force needs no tie-break rule
            let mut lon = rng.range(-0.5, 4.0);
            let mut lat = rng.range(9.5, 13.5);
            if (lon - lon.round()).abs() < 1e-3 || (lon - 2.5).abs() < 1e-3 {
                lon += 0.01;
            }
            if (lat - lat.round()).abs() < 1e-3 {
                lat += 0.01;
            }
            i.point = Some(casualty_atlas::model::Point::new(lon, lat));
            i.geo_precision = Some(match rng.below(20) {
                0 => GeoPrecision::Admin1,
                1 => GeoPrecision::Country,
                _ => GeoPrecision::Place,
            });
            if i.geo_precision == Some(GeoPrecision::Admin1) {
                i.admin1 = Some("Somewhere".into());
            }
            if rng.below(25) != 0 {
                let d = day0 + chrono::Duration::days(rng.below(5113) as i64);
                i.date_start = Some(d);
                i.date_end = Some(d);
                i.date_precision = DatePrecision::Day;
            }
            match rng.below(10) {
                0 => {} // unknown toll
                1 => {
                    let b = rng.below(50) as u32;
                    i.deaths.best = Some(b); // open high
                }
                _ => {
                    let b = rng.below(40) as u32;
                    let l = b - (rng.below(b as u64 + 1) as u32);
                    i.deaths.low = Some(l);
                    i.deaths.best = Some(b);
                    i.deaths.high = Some(b + rng.below(20) as u32);
                }
            }
            i
        })
        .collect()
}

/// Independent period label for a date.
fn label(d: NaiveDate, g: Granularity) -> String {
    match g {
        Granularity::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        Granularity::Week => format!("{}-W{:02}", d.iso_week().year(), d.iso_week().week()),
        Granularity::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Granularity::Quarter => format!("{}-Q{}", d.year(), d.month().div_ceil(3)),
        Granularity::Year => format!("{}", d.year()),
    }
}

fn haversine(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = 6371.0088;
    let (x1, y1, x2, y2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((y2 - y1) / 2.0).sin().powi(2) + y1.cos() * y2.cos() * ((x2 - x1) / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().asin()
}

/// Brute force: which rectangle holds the point (linear scan), else the
/// nearest one within 5 km (distance to the clamped point), else none.
fn rect_of(lon: f64, lat: f64) -> Option<&'static str> {
    if let Some(r) = RECTS
        .iter()
        .find(|(_, _, x0, y0, x1, y1)| lon > *x0 && lon < *x1 && lat > *y0 && lat < *y1)
    {
        return Some(r.1);
    }
    let mut best: Option<(f64, &'static str)> = None;
    for (_, code, x0, y0, x1, y1) in RECTS {
        let q = (lon.clamp(*x0, *x1), lat.clamp(*y0, *y1));
        let d = haversine((lon, lat), q);
        if d <= 5.0 && best.is_none_or(|(bd, bc)| d < bd || (d == bd && *code < bc)) {
            best = Some((d, code));
        }
    }
    best.map(|b| b.1)
}

type Sums = [u64; 6]; // events, low, best, high, open, unknown

fn add(s: &mut Sums, i: &Incident) {
    s[0] += 1;
    match i.deaths.best {
        None => s[5] += 1,
        Some(b) => {
            s[1] += i.deaths.low.unwrap_or(b) as u64;
            s[2] += b as u64;
            s[3] += i.deaths.high.unwrap_or(b) as u64;
            if i.deaths.high.is_none() {
                s[4] += 1;
            }
        }
    }
}

fn brute(incidents: &[Incident], level: &str, g: Granularity) -> BTreeMap<(String, String), Sums> {
    let mut m: BTreeMap<(String, String), Sums> = BTreeMap::new();
    for i in incidents {
        let (lon, lat) = (i.lon().unwrap(), i.lat().unwrap());
        let code = match (level, i.geo_precision) {
            ("rects", Some(GeoPrecision::Country)) => "unallocated:unknown".to_string(),
            ("rects", _) => rect_of(lon, lat)
                .map(String::from)
                .unwrap_or_else(|| "unassigned".into()),
            (_, Some(GeoPrecision::Admin1)) => "unallocated:Somewhere".to_string(),
            (_, Some(GeoPrecision::Country)) => "unallocated:unknown".to_string(),
            (grid, _) => {
                let size: f64 = grid.trim_start_matches("grid").parse().unwrap();
                let row = ((lat + 90.0) / size).floor() as i64;
                let col = ((lon + 180.0) / size).floor() as i64;
                if size == 0.5 {
                    (row * 720 + col + 1).to_string()
                } else {
                    format!("r{row}c{col}")
                }
            }
        };
        let period = i
            .date_start
            .map(|d| label(d, g))
            .unwrap_or_else(|| "undated".into());
        add(m.entry((code, period)).or_default(), i);
    }
    m
}

fn tool(
    incidents: &[Incident],
    set: &RegionSet,
    g: Granularity,
) -> BTreeMap<(String, String), Sums> {
    let a = Assigner {
        regions: set,
        admin1: None,
        overlap: casualty_atlas::region::Overlap::First,
    };
    let slots: Vec<_> = incidents.iter().map(|i| a.slot(i)).collect();
    let agg = Aggregate::build(incidents, &slots, g);
    let mut m = BTreeMap::new();
    for ((slot, period), t) in &agg.cells {
        let info = casualty_atlas::export::layers::describe(slot, set);
        let prev = m.insert(
            (info.code, period.to_string()),
            [
                t.events,
                t.deaths_low,
                t.deaths_best,
                t.deaths_high,
                t.open_high,
                t.unknown_toll,
            ],
        );
        assert!(prev.is_none(), "two rows for one key");
    }
    m
}

fn rect_set() -> RegionSet {
    RegionSet::from_geojson_str(
        Level::File {
            path: "rects.geojson".into(),
            field: None,
        },
        &rect_regions(RECTS),
        Path::new("rects.geojson"),
        None,
    )
    .unwrap()
}

#[test]
fn every_cell_matches_brute_force_for_every_level_and_period() {
    let incidents = random_incidents(10_000, 0x5eed);
    let total: Sums = incidents.iter().fold([0; 6], |mut s, i| {
        add(&mut s, i);
        s
    });
    let levels: Vec<(&str, RegionSet)> = vec![
        ("rects", rect_set()),
        ("grid0.5", RegionSet::new(Level::Grid(0.5), vec![])),
        ("grid1", RegionSet::new(Level::Grid(1.0), vec![])),
    ];
    for (name, set) in &levels {
        for g in Granularity::ALL {
            let got = tool(&incidents, set, g);
            let want = brute(&incidents, name, g);
            assert_eq!(got.len(), want.len(), "{name}/{g:?}: row count");
            for (k, v) in &want {
                if got.get(k) != Some(v) {
                    let (code, p) = k;
                    let culprits: Vec<_> = incidents
                        .iter()
                        .filter(|i| {
                            i.date_start.map(|d| label(d, g)).as_deref() == Some(p.as_str())
                        })
                        .map(|i| {
                            (
                                i.lon(),
                                i.lat(),
                                i.geo_precision,
                                rect_of(i.lon().unwrap(), i.lat().unwrap()),
                                set.locate(i.lon().unwrap(), i.lat().unwrap())
                                    .map(|r| set.regions()[r].code.clone()),
                            )
                        })
                        .collect();
                    panic!("{name}/{g:?}: row {k:?} {code}: got {:?} want {v:?}; incidents of that period: {culprits:?}", got.get(k));
                }
            }
            // conservation
            let sum = got.values().fold([0u64; 6], |mut s, v| {
                for j in 0..6 {
                    s[j] += v[j];
                }
                s
            });
            assert_eq!(sum, total, "{name}/{g:?}: totals not conserved");
        }
    }
}

#[test]
fn month_sums_equal_year_sums() {
    let incidents = random_incidents(3_000, 42);
    let set = rect_set();
    let months = tool(&incidents, &set, Granularity::Month);
    let years = tool(&incidents, &set, Granularity::Year);
    let mut folded: BTreeMap<(String, String), Sums> = BTreeMap::new();
    for ((code, p), v) in months {
        let y = if p == "undated" {
            p
        } else {
            p[..4].to_string()
        };
        let e = folded.entry((code, y)).or_default();
        for j in 0..6 {
            e[j] += v[j];
        }
    }
    assert_eq!(folded, years);
}

#[test]
fn report_tables_match_brute_force_end_to_end() {
    let t = TestDir::new();
    let incidents = random_incidents(10_000, 7);
    let mut w = csv::Writer::from_path(t.join("random.csv")).unwrap();
    w.write_record([
        "id",
        "lat",
        "lon",
        "geo_precision",
        "admin1",
        "date_start",
        "deaths_low",
        "deaths_best",
        "deaths_high",
    ])
    .unwrap();
    for i in &incidents {
        let o = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_default();
        w.write_record([
            i.id.clone(),
            format!("{}", i.lat().unwrap()),
            format!("{}", i.lon().unwrap()),
            i.geo_precision.unwrap().as_str().to_string(),
            i.admin1.clone().unwrap_or_default(),
            i.date_start.map(|d| d.to_string()).unwrap_or_default(),
            o(i.deaths.low),
            o(i.deaths.best),
            o(i.deaths.high),
        ])
        .unwrap();
    }
    w.flush().unwrap();
    t.write("rects.geojson", rect_regions(RECTS));
    let out = t.run(&[
        "report",
        "random.csv",
        "--by",
        "rects.geojson",
        "--period",
        "month",
        "-o",
        "out",
        "--quiet",
        "--no-charts",
    ]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let (h, rows) = read_csv(&t.join("out/aggregates_rects_month.csv"));
    let want = brute(&incidents, "rects", Granularity::Month);
    let mut got: BTreeMap<(String, String), Sums> = BTreeMap::new();
    for r in &rows {
        let v = |c: &str| r[col(&h, c)].parse::<u64>().unwrap();
        got.insert(
            (r[col(&h, "code")].clone(), r[col(&h, "period")].clone()),
            [
                v("events"),
                v("deaths_low"),
                v("deaths_best"),
                v("deaths_high"),
                v("open_high"),
                v("unknown_toll"),
            ],
        );
    }
    // the unallocated rows of the CSV name the admin-1 the record gave
    let want: BTreeMap<_, _> = want
        .into_iter()
        .map(|((c, p), v)| {
            (
                (
                    if c == "unallocated:unknown" {
                        "unallocated:unknown".into()
                    } else {
                        c
                    },
                    p,
                ),
                v,
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn raster_accelerated_locate_agrees_with_the_exact_path() {
    use casualty_atlas::gazetteer::Gazetteer;
    use geo::CoordsIter;
    let g = Gazetteer::default_embedded().unwrap();
    let set = RegionSet::from_geojson_str(
        Level::Admin1,
        &g.admin1_geojson,
        Path::new("admin1.geojson"),
        None,
    )
    .unwrap();
    assert!(
        set.len() > 20,
        "shipped admin-1 set has {} regions",
        set.len()
    );
    let mut rng = Rng(99);
    let mut checked = 0;
    for _ in 0..100_000 {
        let (lon, lat) = (rng.range(-13.0, 16.5), rng.range(9.0, 25.5));
        assert_eq!(
            set.locate(lon, lat),
            set.locate_exact(lon, lat),
            "at {lon},{lat}"
        );
        checked += 1;
    }
    // every vertex (points on the boundary) and midpoints of edges
    for r in set.regions() {
        let pts: Vec<_> = r.geometry.coords_iter().collect();
        for w in pts.windows(2).step_by(7) {
            for (x, y) in [
                (w[0].x, w[0].y),
                ((w[0].x + w[1].x) / 2.0, (w[0].y + w[1].y) / 2.0),
            ] {
                assert_eq!(set.locate(x, y), set.locate_exact(x, y), "at {x},{y}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100_000);
}

#[test]
fn overlapping_polygons_count_once_by_default_and_in_each_with_overlap_all() {
    // two squares overlapping on [1, 2] x [10, 11], and a third apart
    let rects: &[(&str, &str, f64, f64, f64, f64)] = &[
        ("West", "W", 0.0, 10.0, 2.0, 11.0),
        ("East", "E", 1.0, 10.0, 3.0, 11.0),
        ("North", "N", 0.0, 12.0, 3.0, 13.0),
    ];
    let t = TestDir::new();
    t.write("zones.geojson", rect_regions(rects));
    let mut rng = Rng(11);
    let mut body = String::from("id,date,lat,lon,deaths\n");
    let mut want_first: BTreeMap<String, u64> = BTreeMap::new();
    let mut want_all: BTreeMap<String, u64> = BTreeMap::new();
    for k in 0..5000 {
        let (lon, lat) = (rng.range(-0.5, 3.5), rng.range(9.5, 13.5));
        let d = rng.below(9);
        body.push_str(&format!("z{k},2020-05-05,{lat},{lon},{d}\n"));
        let inside: Vec<&str> = rects
            .iter()
            .filter(|(_, _, x0, y0, x1, y1)| lon > *x0 && lon < *x1 && lat > *y0 && lat < *y1)
            .map(|r| r.1)
            .collect();
        for c in &inside {
            *want_all.entry(c.to_string()).or_default() += d;
        }
        // first by code order: E < N < W
        if let Some(c) = inside.iter().min() {
            *want_first.entry(c.to_string()).or_default() += d;
        }
    }
    t.write("z.csv", body);
    for (mode, want) in [("first", &want_first), ("all", &want_all)] {
        for stream in ["never", "always"] {
            let out = format!("o_{mode}_{stream}");
            let r = t.run(&[
                "report",
                "z.csv",
                "--by",
                "zones.geojson",
                "--overlap",
                mode,
                "--stream",
                stream,
                "--tolerance-km",
                "0",
                "-o",
                &out,
                "--quiet",
                "--no-charts",
                "--no-html",
            ]);
            assert_eq!(r.code, 0, "{}", r.stderr);
            let (h, rows) = read_csv(&t.join(&format!("{out}/aggregates_zones_month.csv")));
            let mut got: BTreeMap<String, u64> = BTreeMap::new();
            for row in rows.iter().filter(|r| r[col(&h, "kind")] == "region") {
                *got.entry(row[col(&h, "code")].clone()).or_default() +=
                    row[col(&h, "deaths_best")].parse::<u64>().unwrap();
            }
            assert_eq!(&got, want, "--overlap {mode} --stream {stream}");
        }
    }
    assert!(
        want_all.values().sum::<u64>() > want_first.values().sum::<u64>(),
        "the test must have points in the overlap"
    );
}
