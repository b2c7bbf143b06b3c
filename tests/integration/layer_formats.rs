//! `--layer-format`: the region × period layer as GeoJSON, GeoPackage and
//! FlatGeobuf holds the same rows as the aggregates table; GDAL opens each
//! (checked with `ogrinfo` when it is installed, reported as skipped otherwise).

use crate::util::{col, read_csv, sample_incidents, TestDir};
use std::collections::BTreeMap;

type Rows = BTreeMap<(String, String), [i64; 4]>;

fn run(t: &TestDir, format: &str) {
    let sample = sample_incidents().display().to_string();
    let out = format!("out_{format}");
    let o = t.run(&[
        "report",
        &sample,
        "-o",
        &out,
        "--no-charts",
        "--no-html",
        "--quiet",
        "--layer-format",
        format,
    ]);
    assert_eq!(o.code, 0, "{format}: {}", o.stderr);
}

/// (code, period) -> events, deaths low/best/high, from the aggregates CSV.
fn table_rows(t: &TestDir, dir: &str) -> Rows {
    let (h, rows) = read_csv(&t.join(&format!("{dir}/aggregates_admin1_month.csv")));
    let (c, p) = (col(&h, "code"), col(&h, "period"));
    let n = |r: &Vec<String>, name: &str| r[col(&h, name)].parse::<i64>().expect(name);
    rows.iter()
        .map(|r| {
            (
                (r[c].clone(), r[p].clone()),
                [
                    n(r, "events"),
                    n(r, "deaths_low"),
                    n(r, "deaths_best"),
                    n(r, "deaths_high"),
                ],
            )
        })
        .collect()
}

fn ogrinfo() -> bool {
    std::process::Command::new("ogrinfo")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn geopackage_holds_each_polygon_once_and_the_rows_of_the_table() {
    let t = TestDir::new();
    run(&t, "gpkg");
    let path = t.join("out_gpkg/regions_admin1_month.gpkg");
    assert!(!t.join("out_gpkg/regions_admin1_month.geojson").exists());
    let want = table_rows(&t, "out_gpkg");
    let db = rusqlite::Connection::open(&path).expect("open gpkg");
    let mut got = Rows::new();
    let mut st = db
        .prepare("SELECT code, period, events, deaths_low, deaths_best, deaths_high, period_start FROM regions_admin1_month")
        .expect("the view");
    let rows = st
        .query_map([], |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
                r.get::<_, Option<String>>(6)?,
            ))
        })
        .expect("query");
    for row in rows {
        let (k, v, start) = row.expect("row");
        if k.1 != "undated" {
            let s = start.expect("a dated period has a start");
            assert!(s.len() == 10 && s.starts_with(&k.1[..4]), "{k:?} {s}");
        }
        got.insert(k, v);
    }
    assert_eq!(got, want);
    // each polygon once: the geometry table has one row per slot
    let slots: i64 = db
        .query_row("SELECT count(*) FROM admin1_regions", [], |r| r.get(0))
        .expect("count");
    let distinct = want
        .keys()
        .map(|k| &k.0)
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(slots as usize, distinct.len());
    assert!(
        want.len() > distinct.len(),
        "the sample spans several months"
    );
    let kind: String = db
        .query_row(
            "SELECT data_type FROM gpkg_contents WHERE table_name = 'regions_admin1_month'",
            [],
            |r| r.get(0),
        )
        .expect("registered");
    assert_eq!(kind, "features");

    if !ogrinfo() {
        eprintln!("skipped: ogrinfo not found (apt-get install gdal-bin): GeoPackage not opened with GDAL");
        return;
    }
    let out = std::process::Command::new("ogrinfo")
        .args(["-so"])
        .arg(&path)
        .arg("regions_admin1_month")
        .output()
        .expect("ogrinfo");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(&format!("Feature Count: {}", want.len())),
        "{text}"
    );
    for field in [
        "period_start: Date",
        "period_end: Date",
        "events: Integer64",
        "Multi Polygon",
    ] {
        assert!(text.contains(field), "ogrinfo lacks `{field}`:\n{text}");
    }
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("ERROR"), "{err}");
}

#[test]
fn flatgeobuf_has_a_feature_per_region_and_columns_per_period() {
    let t = TestDir::new();
    run(&t, "fgb");
    let path = t.join("out_fgb/regions_admin1_month.fgb");
    let bytes = std::fs::read(&path).expect("fgb written");
    assert_eq!(&bytes[..3], b"fgb", "FlatGeobuf magic bytes");
    let want = table_rows(&t, "out_fgb");
    if !ogrinfo() {
        eprintln!("skipped: ogrinfo not found (apt-get install gdal-bin): FlatGeobuf not opened with GDAL");
        return;
    }
    let out = std::process::Command::new("ogrinfo")
        .args(["-al", "-q", "-geom=SUMMARY"])
        .arg(&path)
        .output()
        .expect("ogrinfo");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    // every region row with a polygon: its events in its period's column
    let mut checked = 0;
    let mut code = String::new();
    let mut values: BTreeMap<(String, String), i64> = BTreeMap::new();
    for line in text.lines() {
        let l = line.trim();
        if let Some(c) = l.strip_prefix("code (String) = ") {
            code = c.to_string();
        } else if let Some(rest) = l.strip_prefix("events_") {
            let (period, v) = rest.split_once(" (Integer64) = ").expect(l);
            values.insert((code.clone(), period.to_string()), v.parse().expect(l));
        }
    }
    for ((c, p), v) in &want {
        if c.starts_with("unallocated") || c == "unassigned" || c.starts_with("named:") {
            continue;
        }
        assert_eq!(values.get(&(c.clone(), p.clone())), Some(&v[0]), "{c} {p}");
        checked += 1;
    }
    assert!(checked > 5, "{checked}");
    let regions = want
        .keys()
        .filter(|k| !k.0.contains(':') && k.0 != "unassigned")
        .map(|k| &k.0)
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(text.matches("OGRFeature(").count(), regions.len(), "{text}");
}

#[test]
fn auto_keeps_geojson_for_small_layers() {
    let t = TestDir::new();
    run(&t, "auto");
    assert!(t.join("out_auto/regions_admin1_month.geojson").exists());
    assert!(!t.join("out_auto/regions_admin1_month.gpkg").exists());
    let sample = sample_incidents().display().to_string();
    let o = t.run(&["report", &sample, "-o", "bad", "--layer-format", "shp"]);
    assert_ne!(o.code, 0);
    assert!(o.stderr.contains("--layer-format"), "{}", o.stderr);
}
