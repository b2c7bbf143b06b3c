//! Property tests (issue 7): conservation, permutation invariance,
//! period and region invariance, idempotence. Case counts are bounded so the
//! default `cargo test` stays fast; the library API is used where it can be,
//! the binary where the property is about the files it writes.

use crate::util::{read_csv, TestDir};
use casualty_atlas::aggregate::{Aggregate, Tally};
use casualty_atlas::ingest::{read_bytes, Item};
use casualty_atlas::model::{GeoPrecision, Incident};
use casualty_atlas::period::{Granularity, Period};
use casualty_atlas::region::{Assigner, Level, Region, RegionSet, Slot};
use geo::{polygon, MultiPolygon};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

// ---- generated incident tables ----

/// One generated row: valid, or broken in one known way.
#[derive(Debug, Clone)]
enum Row {
    Ok {
        lon: f64,
        lat: f64,
        day: u32,
        month: u32,
        year: i32,
        best: Option<u32>,
        spread: u32,
        admin1_precision: bool,
    },
    BadDate,
    NegativeToll,
    NoLocation,
}

fn row() -> impl Strategy<Value = Row> {
    // coordinates on a 0.25° lattice, so region borders are hit on purpose
    let ok = (
        -2i32..19,
        -2i32..11,
        1u32..29,
        1u32..13,
        2019i32..2022,
        proptest::option::weighted(0.85, 0u32..60),
        0u32..5,
        proptest::bool::weighted(0.15),
    )
        .prop_map(|(x, y, day, month, year, best, spread, a1)| Row::Ok {
            lon: f64::from(x) * 0.25,
            lat: f64::from(y) * 0.25,
            day,
            month,
            year,
            best,
            spread,
            admin1_precision: a1,
        });
    prop_oneof![
        8 => ok,
        1 => Just(Row::BadDate),
        1 => Just(Row::NegativeToll),
        1 => Just(Row::NoLocation),
    ]
}

const HEADER: &str =
    "id,date,place,admin1,geo_precision,lat,lon,deaths_low,deaths_best,deaths_high\n";

/// The admin-1 name a generated point lies in (codes A < B break border ties
/// towards A, the same way in both sets).
fn admin1_of(lon: f64, lat: f64) -> Option<&'static str> {
    if !(0.0..=2.0).contains(&lat) {
        return None;
    }
    if (0.0..=2.0).contains(&lon) {
        Some("Alpha")
    } else if (2.0..=4.0).contains(&lon) {
        Some("Bravo")
    } else {
        None
    }
}

fn csv_line(i: usize, prefix: &str, r: &Row) -> String {
    let id = format!("{prefix}{i:03}");
    match r {
        Row::Ok {
            lon,
            lat,
            day,
            month,
            year,
            best,
            spread,
            admin1_precision,
        } => {
            let (low, high) = match best {
                Some(b) => (
                    b.saturating_sub(*spread).to_string(),
                    (b + spread).to_string(),
                ),
                None => (String::new(), String::new()),
            };
            let best = best.map(|b| b.to_string()).unwrap_or_default();
            let (admin1, prec) = match (admin1_precision, admin1_of(*lon, *lat)) {
                (true, Some(a)) => (a, "admin1"),
                _ => ("", "place"),
            };
            format!("{id},{year}-{month:02}-{day:02},P{i},{admin1},{prec},{lat},{lon},{low},{best},{high}\n")
        }
        Row::BadDate => format!("{id},2020-13-45,P{i},,place,1,1,1,1,1\n"),
        Row::NegativeToll => format!("{id},2020-01-01,P{i},,place,1,1,-3,-3,-3\n"),
        Row::NoLocation => format!("{id},2020-01-01,,,place,,,1,1,1\n"),
    }
}

fn table(prefix: &str, rows: &[Row]) -> String {
    let mut s = HEADER.to_string();
    for (i, r) in rows.iter().enumerate() {
        s.push_str(&csv_line(i, prefix, r));
    }
    s
}

fn read_table(text: &str) -> (Vec<Incident>, usize, u64) {
    let mut incidents = Vec::new();
    let mut rejected = 0;
    let records = match read_bytes(Path::new("p.csv"), text.as_bytes(), &mut |it| match it {
        Item::Incident(i) => incidents.push(*i),
        Item::Reject(_) => rejected += 1,
    }) {
        Ok(st) => st.records,
        Err(_) => 0,
    };
    (incidents, rejected, records)
}

// ---- test polygons: admin-2 tiles admin-1 exactly ----

fn rect(
    name: &str,
    code: &str,
    parent: Option<&str>,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
) -> Region {
    Region {
        name: name.into(),
        code: code.into(),
        country: None,
        parent: parent.map(String::from),
        geometry: MultiPolygon::new(vec![polygon![
            (x: x0, y: y0), (x: x1, y: y0), (x: x1, y: y1), (x: x0, y: y1)
        ]]),
    }
}

fn sets() -> &'static (RegionSet, RegionSet) {
    static SETS: OnceLock<(RegionSet, RegionSet)> = OnceLock::new();
    SETS.get_or_init(|| {
        let mut a1 = RegionSet::new(
            Level::Admin1,
            vec![
                rect("Alpha", "A", None, 0.0, 0.0, 2.0, 2.0),
                rect("Bravo", "B", None, 2.0, 0.0, 4.0, 2.0),
            ],
        );
        let mut a2 = RegionSet::new(
            Level::Admin2,
            vec![
                rect("Alpha West", "A1", Some("Alpha"), 0.0, 0.0, 1.0, 2.0),
                rect("Alpha East", "A2", Some("Alpha"), 1.0, 0.0, 2.0, 2.0),
                rect("Bravo South", "B1", Some("Bravo"), 2.0, 0.0, 4.0, 1.0),
                rect("Bravo North", "B2", Some("Bravo"), 2.0, 1.0, 4.0, 2.0),
            ],
        );
        a1.tolerance_km = 0.0;
        a2.tolerance_km = 0.0;
        (a1, a2)
    })
}

fn aggregate(incidents: &[Incident], set: &RegionSet, g: Granularity) -> Aggregate {
    let (a1, _) = sets();
    let asg = Assigner {
        regions: set,
        admin1: Some(a1),
        overlap: casualty_atlas::region::Overlap::First,
    };
    let slots: Vec<Slot> = incidents.iter().map(|i| asg.slot(i)).collect();
    Aggregate::build(incidents, &slots, g)
}

fn sum<'a>(ts: impl IntoIterator<Item = &'a Tally>) -> Tally {
    let mut acc = Tally::default();
    for t in ts {
        acc.merge(t);
    }
    acc
}

fn year_of(p: &Period) -> Option<i32> {
    use chrono::Datelike;
    p.start().map(|d| d.year())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Rows in = incidents + rejects; deaths in = deaths in every table.
    #[test]
    fn conservation(rows in proptest::collection::vec(row(), 1..40)) {
        let (incidents, rejected, records) = read_table(&table("r", &rows));
        prop_assert_eq!(records as usize, rows.len());
        prop_assert_eq!(incidents.len() + rejected, rows.len());
        let ok: Vec<&Row> = rows.iter().filter(|r| matches!(r, Row::Ok { .. })).collect();
        prop_assert_eq!(incidents.len(), ok.len());
        let best_in: u64 = ok
            .iter()
            .map(|r| match r { Row::Ok { best, .. } => best.unwrap_or(0) as u64, _ => 0 })
            .sum();
        let (a1, a2) = sets();
        for set in [a1, a2] {
            let agg = aggregate(&incidents, set, Granularity::Month);
            prop_assert_eq!(agg.grand.events as usize, incidents.len());
            prop_assert_eq!(agg.grand.deaths_best, best_in);
            prop_assert_eq!(sum(agg.cells.values()), agg.grand);
            prop_assert_eq!(sum(agg.totals.values()), agg.grand);
            prop_assert_eq!(sum(agg.period_totals.values()), agg.grand);
            // and in the written table
            let dir = tempfile::tempdir().expect("tmp");
            let p = dir.path().join("agg.csv");
            casualty_atlas::export::table::write_aggregates(&p, &agg, set).expect("write");
            let (h, body) = read_csv(&p);
            let c = crate::util::col(&h, "deaths_best");
            let e = crate::util::col(&h, "events");
            let deaths: u64 = body.iter().map(|r| r[c].parse::<u64>().expect("n")).sum();
            let events: u64 = body.iter().map(|r| r[e].parse::<u64>().expect("n")).sum();
            prop_assert_eq!(deaths, best_in);
            prop_assert_eq!(events as usize, incidents.len());
        }
    }

    /// Sum over the months of a year = the year; per slot.
    #[test]
    fn months_sum_to_years(rows in proptest::collection::vec(row(), 1..40)) {
        let (incidents, _, _) = read_table(&table("m", &rows));
        let (a1, _) = sets();
        let by_month = aggregate(&incidents, a1, Granularity::Month);
        let by_year = aggregate(&incidents, a1, Granularity::Year);
        let mut folded: BTreeMap<(Slot, Option<i32>), Tally> = BTreeMap::new();
        for ((slot, p), t) in &by_month.cells {
            folded.entry((slot.clone(), year_of(p))).or_default().merge(t);
        }
        let years: BTreeMap<(Slot, Option<i32>), Tally> = by_year
            .cells
            .iter()
            .map(|((s, p), t)| ((s.clone(), year_of(p)), *t))
            .collect();
        prop_assert_eq!(folded, years);
        prop_assert_eq!(by_month.grand, by_year.grand);
    }

    /// Sum over admin-2 regions + unallocated = admin-1, per admin-1 region.
    #[test]
    fn admin2_sums_to_admin1(rows in proptest::collection::vec(row(), 1..40)) {
        let (incidents, _, _) = read_table(&table("a", &rows));
        let (a1, a2) = sets();
        let agg1 = aggregate(&incidents, a1, Granularity::Year);
        let agg2 = aggregate(&incidents, a2, Granularity::Year);
        let mut up: BTreeMap<String, Tally> = BTreeMap::new();
        for (slot, t) in &agg2.totals {
            let key = match slot {
                Slot::Region(i) => a2.regions()[*i].parent.clone().unwrap_or_default(),
                Slot::Unallocated(parent) => parent.clone(),
                other => format!("{other:?}"),
            };
            up.entry(key).or_default().merge(t);
        }
        let mut down: BTreeMap<String, Tally> = BTreeMap::new();
        for (slot, t) in &agg1.totals {
            let key = match slot {
                Slot::Region(i) => a1.regions()[*i].name.clone(),
                Slot::Unallocated(parent) => parent.clone(),
                other => format!("{other:?}"),
            };
            down.entry(key).or_default().merge(t);
        }
        prop_assert_eq!(up, down);
    }
}

// ---- the binary: order and re-reading ----

fn report(t: &TestDir, inputs: &[&str], out: &str) -> crate::util::Outcome {
    let mut args = vec!["report"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["-o", out, "--no-charts", "--no-html", "--by", "admin1"]);
    let o = t.run(&args);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    o
}

/// The summary's totals line: "N incident(s): E event(s), deaths low/best/high a/b/c".
fn totals_line(stderr: &str) -> String {
    stderr
        .lines()
        .find(|l| l.contains("deaths low/best/high"))
        .unwrap_or("")
        .to_string()
}

/// Rows placed in the Sahel (inside the embedded admin-1 polygons), two
/// sources, with near-duplicates across them so dedup has work to do.
fn sahel(rows: &[Row], prefix: &str) -> String {
    let moved: Vec<Row> = rows
        .iter()
        .map(|r| match r {
            Row::Ok {
                lon,
                lat,
                day,
                month,
                year,
                best,
                spread,
                ..
            } => Row::Ok {
                lon: -4.0 + lon * 0.2,
                lat: 13.0 + lat * 0.3,
                day: *day,
                month: *month,
                year: *year,
                best: *best,
                spread: *spread,
                admin1_precision: false,
            },
            other => other.clone(),
        })
        .collect();
    table(prefix, &moved)
}

fn shuffled(text: &str, seed: u64) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    let mut rng = crate::util::Rng(seed | 1);
    for i in (1..lines.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        lines.swap(i, j);
    }
    let mut s = format!("{header}\n");
    for l in lines {
        s.push_str(l);
        s.push('\n');
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Input order (rows and files) changes no output byte, dedup included.
    #[test]
    fn input_order_changes_no_output_byte(
        rows in proptest::collection::vec(row(), 2..30),
        seed in any::<u64>(),
    ) {
        let t = TestDir::new();
        let a = sahel(&rows, "a");
        // the second source repeats every other event of the first
        let b_rows: Vec<Row> = rows.iter().step_by(2).cloned().collect();
        let b = sahel(&b_rows, "b");
        t.write("one/a.csv", &a);
        t.write("one/b.csv", &b);
        t.write("two/a.csv", shuffled(&a, seed));
        t.write("two/b.csv", shuffled(&b, seed ^ 0x9e37_79b9));
        let o1 = report(&t, &["one/a.csv", "one/b.csv"], "out1");
        let o2 = report(&t, &["two/b.csv", "two/a.csv"], "out2");
        prop_assert_eq!(o1.code, o2.code);
        if !rows.iter().any(|r| matches!(r, Row::Ok { .. })) {
            // no usable record in either order: exit 2 and nothing written
            prop_assert_eq!(o1.code, 2, "{}", o1.stderr);
            prop_assert!(!t.join("out1").exists() && !t.join("out2").exists());
            return Ok(());
        }
        for f in [
            "aggregates_admin1_month.csv",
            "regions_admin1.geojson",
            "regions_admin1_month.geojson",
        ] {
            let x = t.read(&format!("out1/{f}"));
            let y = t.read(&format!("out2/{f}"));
            prop_assert!(x == y, "{} differs with the input order", f);
        }
    }

    /// Reading the tool's own incidents.csv / incidents.geojson back gives
    /// the same totals.
    #[test]
    fn output_read_back_gives_the_same_totals(rows in proptest::collection::vec(row(), 1..30)) {
        let t = TestDir::new();
        t.write("in.csv", sahel(&rows, "i"));
        let first = report(&t, &["in.csv"], "out");
        if !rows.iter().any(|r| matches!(r, Row::Ok { .. })) {
            // no usable record: exit 2 and nothing written (issue 18, item 7)
            prop_assert_eq!(first.code, 2, "{}", first.stderr);
            prop_assert!(!t.join("out").exists());
            return Ok(());
        }
        let want = totals_line(&first.stderr);
        prop_assert!(!want.is_empty(), "{}", first.stderr);
        for back in ["out/incidents.csv", "out/incidents.geojson"] {
            let again = report(&t, &[back], "again");
            prop_assert_eq!(&totals_line(&again.stderr), &want, "{} re-read: {}", back, again.stderr);
        }
    }
}

#[test]
fn generated_rows_hit_every_kind_of_slot() {
    // the generators reach borders, unallocated and unassigned records
    let rows = vec![
        Row::Ok {
            lon: 2.0,
            lat: 1.0,
            day: 1,
            month: 1,
            year: 2020,
            best: Some(1),
            spread: 0,
            admin1_precision: false,
        },
        Row::Ok {
            lon: 1.0,
            lat: 1.0,
            day: 1,
            month: 1,
            year: 2020,
            best: Some(2),
            spread: 0,
            admin1_precision: true,
        },
        Row::Ok {
            lon: -0.5,
            lat: 1.0,
            day: 1,
            month: 1,
            year: 2020,
            best: None,
            spread: 0,
            admin1_precision: false,
        },
    ];
    let (incidents, rejected, _) = read_table(&table("k", &rows));
    assert_eq!((incidents.len(), rejected), (3, 0));
    assert_eq!(incidents[1].geo_precision, Some(GeoPrecision::Admin1));
    let (_, a2) = sets();
    let agg = aggregate(&incidents, a2, Granularity::Year);
    assert!(
        agg.totals.contains_key(&Slot::Unallocated("Alpha".into())),
        "{:?}",
        agg.totals
    );
    assert!(
        agg.totals.contains_key(&Slot::Unassigned),
        "{:?}",
        agg.totals
    );
}
