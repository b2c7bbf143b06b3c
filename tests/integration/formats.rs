//! Issue 5: the field's formats. ACLED and UCDP GED exports in (fixtures in
//! their exact column layouts, with their quirks), QGIS-ready layers out,
//! provenance kept apart, and every written table read back to the same
//! totals. Expectations are computed here from the fixture rows, the way an
//! analyst would with a group-by, never copied from the tool's output.

use crate::util::{col, read_csv, repo, TestDir};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Region names compared as an analyst would: accents, case and the unit
/// word aside, and the English spelling of Tombouctou.
fn norm(s: &str) -> String {
    let t: String = s
        .nfd()
        .filter(|c| c.is_ascii())
        .collect::<String>()
        .to_lowercase()
        .replace('-', " ");
    let t = t.trim();
    let t = [" region", " cercle", " province", " department"]
        .iter()
        .fold(t.to_string(), |acc, w| {
            acc.strip_suffix(w).map(str::to_string).unwrap_or(acc)
        });
    match t.as_str() {
        "timbuktu" => "tombouctou".into(),
        _ => t,
    }
}

/// Rows of a CSV as maps, skipping HXL hashtag rows as HDX users do.
fn records(path: &Path) -> Vec<BTreeMap<String, String>> {
    let (h, rows) = read_csv(path);
    rows.into_iter()
        .filter(|r| !r.iter().all(|f| f.is_empty() || f.starts_with('#')))
        .map(|r| h.iter().cloned().zip(r).collect())
        .collect()
}

fn acled_date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d %B %Y"))
        .unwrap_or_else(|e| panic!("fixture date {s:?}: {e}"))
}

/// (region, period) → [events, low, best, high] from an aggregates table.
type Table = BTreeMap<(String, String), [u64; 4]>;

fn table(path: &Path) -> Table {
    let (h, rows) = read_csv(path);
    let (r, p) = (col(&h, "region"), col(&h, "period"));
    let cs = ["events", "deaths_low", "deaths_best", "deaths_high"].map(|c| col(&h, c));
    let mut out = Table::new();
    for row in rows {
        let e = out.entry((norm(&row[r]), row[p].clone())).or_default();
        for (k, c) in cs.iter().enumerate() {
            e[k] += row[*c].parse::<u64>().expect("count");
        }
    }
    out
}

fn run_ok(t: &TestDir, args: &[&str]) {
    let out = t.run(args);
    assert_eq!(
        out.code, 0,
        "{args:?}\nstdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
}

fn report(t: &TestDir, inputs: &[&Path], extra: &[&str], out: &str) {
    let mut args: Vec<&str> = vec!["report"];
    let ins: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    args.extend(ins.iter().map(String::as_str));
    args.extend(["-o", out, "--no-charts", "--quiet"]);
    args.extend(extra);
    run_ok(t, &args);
}

/// The pandas computation, by hand: one row per `event_id_cnty`, grouped by
/// the export's own `admin1` and the month of `event_date`, `fatalities` summed.
fn acled_groupby(paths: &[PathBuf]) -> (Table, usize, usize) {
    let mut out = Table::new();
    let mut seen = BTreeSet::new();
    let mut rows = 0;
    for p in paths {
        for r in records(p) {
            rows += 1;
            if !seen.insert(r["event_id_cnty"].clone()) {
                continue;
            }
            let month = acled_date(&r["event_date"]).format("%Y-%m").to_string();
            let f: u64 = r["fatalities"].parse().expect("fatalities");
            let e = out.entry((norm(&r["admin1"]), month)).or_default();
            e[0] += 1;
            for v in &mut e[1..] {
                *v += f;
            }
        }
    }
    (out, seen.len(), rows)
}

#[test]
fn acled_exports_equal_a_groupby_on_their_own_admin1_and_month() {
    let t = TestDir::new();
    let files = [fixture("acled_monadic.csv"), fixture("acled_hdx.csv")];
    report(&t, &[&files[0], &files[1]], &["--period", "month"], "out");
    let (expected, events, rows) = acled_groupby(&files);
    assert_eq!(events, 13, "fixture events");
    assert_eq!(table(&t.join("out/aggregates_admin1_month.csv")), expected);

    // the repeated actor rows are listed, as benign duplicates, and nothing else
    let (h, rej) = read_csv(&t.join("out/rejects.csv"));
    assert_eq!(rej.len(), rows - events);
    assert!(rej
        .iter()
        .all(|r| r[col(&h, "reason")].starts_with("duplicate: another actor row")));

    // Menaka (a region since 2016) joins the Ménaka polygon of the shipped
    // COD-AB regions by its accent-free spelling; its events are not moved into Gao
    let (h, agg) = read_csv(&t.join("out/aggregates_admin1_month.csv"));
    let menaka: Vec<_> = agg.iter().filter(|r| r[0] == "Ménaka").collect();
    assert_eq!(menaka.len(), 2, "Ménaka in Feb and Dec 2020");
    assert!(menaka
        .iter()
        .all(|r| r[col(&h, "kind")] == "region" && r[col(&h, "code")] == "ML10"));
    let gj: serde_json::Value =
        serde_json::from_str(&t.read("out/regions_admin1.geojson")).expect("geojson");
    let feats = gj["features"].as_array().expect("features");
    let m = feats
        .iter()
        .find(|f| f["properties"]["name"] == "Ménaka")
        .expect("Ménaka feature");
    assert!(!m["geometry"].is_null());
    assert_eq!(m["properties"]["deaths_best"], 27);
    // names of the export that match a polygon land in it: Segou, Tombouctou, Tillaberi
    for (name, deaths) in [("Ségou", 5), ("Tombouctou", 3), ("Tillabéri", 99)] {
        let f = feats
            .iter()
            .find(|f| f["properties"]["name"] == name)
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(f["properties"]["deaths_best"], deaths, "{name}");
        assert_eq!(f["properties"]["kind"], "region");
    }
}

/// UCDP's own grouping: `adm_1` (unit word aside) where the event is known
/// to the region (where_prec ≤ 4, or 5 with an `adm_1`), else unallocated
/// within the country; month of `date_start`; best, low, high summed as given.
fn ucdp_groupby(path: &Path) -> Table {
    let cc = |c: &str| match c {
        "Mali" => "ml",
        "Burkina Faso" => "bf",
        "Niger" => "ne",
        other => panic!("{other}"),
    };
    let mut out = Table::new();
    for r in records(path) {
        let wp: u8 = r["where_prec"].parse().expect("where_prec");
        let region = if wp <= 5 && !r["adm_1"].is_empty() {
            norm(&r["adm_1"])
        } else {
            format!("unallocated within {}", cc(&r["country"]))
        };
        let month = r["date_start"][..7].to_string();
        let e = out.entry((region, month)).or_default();
        e[0] += 1;
        for (k, c) in ["low", "best", "high"].iter().enumerate() {
            e[k + 1] += r[*c].parse::<u64>().expect("count");
        }
    }
    out
}

#[test]
fn ucdp_ged_rows_keep_their_quirks() {
    let t = TestDir::new();
    let f = fixture("ucdp_ged.csv");
    report(
        &t,
        &[&f],
        &["--period", "month", "--by", "admin1,admin2,grid:0.5"],
        "out",
    );
    assert_eq!(
        table(&t.join("out/aggregates_admin1_month.csv")),
        ucdp_groupby(&f)
    );

    // best outside [low, high] (even low > high): kept as given, flagged
    let (h, inc) = read_csv(&t.join("out/incidents.csv"));
    let row = |id: &str| {
        inc.iter()
            .find(|r| r[col(&h, "id")] == id)
            .unwrap_or_else(|| panic!("incident {id}"))
    };
    let q = row("990003");
    let est: Vec<&str> = ["deaths_low", "deaths_best", "deaths_high"]
        .iter()
        .map(|c| q[col(&h, c)].as_str())
        .collect();
    assert_eq!(est, ["42", "41", "41"]);
    assert!(q[col(&h, "flags")].contains("best_outside_low_high"));

    // precision codes written back as UCDP/ACLED-style columns
    let codes = |id: &str| {
        let r = row(id);
        ["where_prec", "date_prec", "time_precision"].map(|c| r[col(&h, c)].clone())
    };
    assert_eq!(codes("990001"), ["1", "1", "1"]);
    assert_eq!(codes("990007"), ["3", "3", "2"]); // cercle, week
    assert_eq!(codes("990006"), ["4", "1", "1"]); // region
    assert_eq!(codes("990005"), ["6", "4", "3"]); // larger area, no adm_1; month
    assert_eq!(codes("990004"), ["6", "1", "1"]); // country

    // where_prec >= 3 is never pinned to a grid cell, >= 4 never to a cercle;
    // the cells are the PRIO-GRID cells UCDP itself gives
    let fixture_rows = records(&f);
    let (h, grid) = read_csv(&t.join("out/aggregates_grid0.5_month.csv"));
    let cells: BTreeSet<String> = grid
        .iter()
        .filter(|r| r[col(&h, "kind")] == "cell")
        .map(|r| r[col(&h, "code")].clone())
        .collect();
    let want: BTreeSet<String> = fixture_rows
        .iter()
        .filter(|r| r["where_prec"].parse::<u8>().expect("wp") <= 2)
        .map(|r| r["priogrid_gid"].clone())
        .collect();
    assert_eq!(cells, want);
    let (h, a2) = read_csv(&t.join("out/aggregates_admin2_month.csv"));
    let in_cercles: u64 = a2
        .iter()
        .filter(|r| r[col(&h, "kind")] == "region")
        .map(|r| r[col(&h, "events")].parse::<u64>().expect("events"))
        .sum();
    let fine = fixture_rows
        .iter()
        .filter(|r| r["where_prec"].parse::<u8>().expect("wp") <= 3)
        .count() as u64;
    assert!(
        in_cercles <= fine,
        "{in_cercles} events in cercles, only {fine} known that well"
    );
    for r in a2
        .iter()
        .filter(|r| r[col(&h, "region")].contains("within ML"))
    {
        assert_eq!(r[col(&h, "kind")], "unallocated");
    }
}

#[test]
fn sources_are_kept_apart_and_sum_to_the_totals() {
    let t = TestDir::new();
    // events of their own (no report of them in the exports, so nothing merges)
    let own = t.write(
        "own.csv",
        "id,place,lat,lon,date,deaths\nx1,Sévaré,14.5333,-4.0833,2020-10-05,2\nx2,Kidal,18.4411,1.4078,2021-06-01,1\n",
    );
    let acled = fixture("acled_monadic.csv");
    let ucdp = fixture("ucdp_ged.csv");
    report(&t, &[&acled, &ucdp, &own], &["--period", "month"], "out");
    let (h, rows) = read_csv(&t.join("out/aggregates_admin1_month_by_source.csv"));
    let (s, e, b) = (col(&h, "source"), col(&h, "events"), col(&h, "deaths_best"));
    let mut per_source: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for r in &rows {
        let x = per_source.entry(r[s].clone()).or_default();
        x.0 += r[e].parse::<u64>().expect("events");
        x.1 += r[b].parse::<u64>().expect("deaths");
    }
    let (acled_tab, acled_events, _) = acled_groupby(&[acled]);
    let acled_deaths: u64 = acled_tab.values().map(|v| v[2]).sum();
    let ucdp_rows = records(&ucdp);
    let ucdp_deaths: u64 = ucdp_rows
        .iter()
        .map(|r| r["best"].parse::<u64>().expect("best"))
        .sum();
    let want: BTreeMap<String, (u64, u64)> = [
        ("acled".to_string(), (acled_events as u64, acled_deaths)),
        ("incidents".to_string(), (2, 3)),
        ("ucdp".to_string(), (ucdp_rows.len() as u64, ucdp_deaths)),
    ]
    .into();
    assert_eq!(per_source, want);

    // conservation: the sources of each row sum to that row of the main table
    let mut summed = Table::new();
    let cs = ["events", "deaths_low", "deaths_best", "deaths_high"].map(|c| col(&h, c));
    for r in &rows {
        let x = summed
            .entry((norm(&r[col(&h, "region")]), r[col(&h, "period")].clone()))
            .or_default();
        for (k, c) in cs.iter().enumerate() {
            x[k] += r[*c].parse::<u64>().expect("count");
        }
    }
    assert_eq!(summed, table(&t.join("out/aggregates_admin1_month.csv")));

    // every incident keeps its dataset and id
    let (h, inc) = read_csv(&t.join("out/incidents.csv"));
    let ids: BTreeSet<(String, String, String)> = inc
        .iter()
        .map(|r| {
            (
                r[col(&h, "source")].clone(),
                r[col(&h, "doc")].clone(),
                r[col(&h, "id")].clone(),
            )
        })
        .collect();
    assert!(ids.contains(&(
        "acled".into(),
        "acled_monadic.csv".into(),
        "MLI90003".into()
    )));
    assert!(ids.contains(&("ucdp".into(), "ucdp_ged.csv".into(), "990004".into())));
    assert!(ids.contains(&("incidents".into(), "own.csv".into(), "x1".into())));
}

fn ogrinfo() -> bool {
    std::process::Command::new("ogrinfo")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The report over the three fixture event files, by month, in `out/`.
fn fixture_layers() -> TestDir {
    let t = TestDir::new();
    let files = [
        fixture("acled_monadic.csv"),
        fixture("acled_hdx.csv"),
        fixture("ucdp_ged.csv"),
    ];
    report(
        &t,
        &[&files[0], &files[1], &files[2]],
        &["--period", "month"],
        "out",
    );
    t
}

#[test]
fn layers_open_in_qgis_with_dates_and_the_map_classes() {
    let t = fixture_layers();

    // the style sidecar: valid XML, graduated on deaths_best, the PNG map's classes
    let qml = t.read("out/regions_admin1.qml");
    // QGIS writes a DOCTYPE line; the parser is told to allow it
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(&qml, opts).expect("regions_admin1.qml is XML");
    let renderer = doc
        .descendants()
        .find(|n| n.has_tag_name("renderer-v2"))
        .expect("renderer");
    assert_eq!(renderer.attribute("type"), Some("graduatedSymbol"));
    assert_eq!(renderer.attribute("attr"), Some("deaths_best"));
    let gj: serde_json::Value =
        serde_json::from_str(&t.read("out/regions_admin1.geojson")).expect("geojson");
    let values: Vec<u64> = gj["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter(|f| {
            f["properties"]["kind"] != "unallocated" && f["properties"]["kind"] != "unassigned"
        })
        .map(|f| f["properties"]["deaths_best"].as_u64().expect("deaths"))
        .collect();
    let breaks = casualty_atlas::export::style::class_breaks(&values);
    assert!(breaks.len() >= 3, "{breaks:?}");
    let palette = casualty_atlas::export::style::class_palette(breaks.len());
    let uppers: Vec<u64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("range"))
        .map(|n| {
            n.attribute("upper")
                .and_then(|u| u.parse::<f64>().ok())
                .expect("upper") as u64
        })
        .collect();
    let mut want = vec![0];
    want.extend(&breaks);
    assert_eq!(uppers, want);
    let colours: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("Option") && n.attribute("name") == Some("color"))
        .filter_map(|n| n.attribute("value").map(String::from))
        .collect();
    let mut want = vec!["242,242,242,255".to_string()];
    want.extend(palette.iter().map(|[r, g, b]| format!("{r},{g},{b},255")));
    assert_eq!(colours, want);

    // incident coordinates no finer than the location: ACLED geo_precision 3
    // (a region) gets 2 decimals, a village 5 at most
    let inc: serde_json::Value =
        serde_json::from_str(&t.read("out/incidents.geojson")).expect("incidents");
    let coords = |id: &str| -> Vec<String> {
        let f = inc["features"]
            .as_array()
            .expect("features")
            .iter()
            .find(|f| f["properties"]["id"] == id)
            .unwrap_or_else(|| panic!("{id}"));
        f["geometry"]["coordinates"]
            .as_array()
            .expect("point")
            .iter()
            .map(|c| c.to_string())
            .collect()
    };
    assert_eq!(coords("MLI90005"), ["0.5", "15.66"]);
    assert_eq!(coords("MLI90001"), ["-2.9498", "15.0029"]);

    // kepler.gl's time field has a time part
    let per: serde_json::Value =
        serde_json::from_str(&t.read("out/regions_admin1_month.geojson")).expect("periods");
    let dt = per["features"][0]["properties"]["datetime"]
        .as_str()
        .expect("datetime")
        .to_string();
    assert!(dt.len() == 19 && dt.ends_with("T00:00:00"), "{dt}");
}

/// GDAL reads the period fields as dates (the layer) and through the `.csvt`
/// sidecars (the tables). Needs `ogrinfo`: `.ci/run` runs it when GDAL is
/// there (it installs gdal-bin when it can) and says "skipped" otherwise.
#[test]
#[ignore = "needs ogrinfo (apt-get install gdal-bin); .ci/run runs it when present"]
fn layers_have_date_types_for_gdal() {
    assert!(
        ogrinfo(),
        "ogrinfo not found (apt-get install gdal-bin): this test cannot run without it"
    );
    let t = fixture_layers();
    let out = std::process::Command::new("ogrinfo")
        .args(["-al", "-so"])
        .arg(t.join("out/regions_admin1_month.geojson"))
        .output()
        .expect("ogrinfo");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    for field in [
        "period_start: Date",
        "period_end: Date",
        "datetime: DateTime",
    ] {
        assert!(text.contains(field), "ogrinfo lacks `{field}`:\n{text}");
    }
    // the tables too, through their .csvt sidecars
    for table in [
        "aggregates_admin1_month.csv",
        "aggregates_admin1_month_by_source.csv",
    ] {
        let out = std::process::Command::new("ogrinfo")
            .args(["-al", "-so"])
            .arg(t.join(&format!("out/{table}")))
            .output()
            .expect("ogrinfo");
        let text = String::from_utf8_lossy(&out.stdout);
        for field in [
            "period_start: Date",
            "period_end: Date",
            "deaths_best: Integer",
        ] {
            assert!(
                text.contains(field),
                "{table}: ogrinfo lacks `{field}`:\n{text}"
            );
        }
    }
}

#[test]
fn written_incidents_read_back_to_the_same_tables() {
    let t = TestDir::new();
    let files = [
        fixture("acled_monadic.csv"),
        fixture("acled_hdx.csv"),
        fixture("ucdp_ged.csv"),
    ];
    let by = ["--period", "month", "--by", "admin1,grid:0.5"];
    report(&t, &[&files[0], &files[1], &files[2]], &by, "a");
    report(&t, &[&t.join("a/incidents.csv")], &by, "b");
    report(&t, &[&t.join("a/incidents.geojson")], &by, "c");
    for name in [
        "aggregates_admin1_month.csv",
        "aggregates_admin1_month_by_source.csv",
        "aggregates_grid0.5_month.csv",
        "regions_admin1.qml",
    ] {
        let a = t.read(&format!("a/{name}"));
        assert_eq!(a, t.read(&format!("b/{name}")), "{name} from incidents.csv");
        assert_eq!(
            a,
            t.read(&format!("c/{name}")),
            "{name} from incidents.geojson"
        );
    }
    // and the region × period layer reads back as a table of the same totals
    let per: serde_json::Value =
        serde_json::from_str(&t.read("a/regions_admin1_month.geojson")).expect("layer");
    let mut from_layer = Table::new();
    for f in per["features"].as_array().expect("features") {
        let p = &f["properties"];
        let e = from_layer
            .entry((
                norm(p["name"].as_str().expect("name")),
                p["period"].as_str().expect("period").to_string(),
            ))
            .or_default();
        for (k, c) in ["events", "deaths_low", "deaths_best", "deaths_high"]
            .iter()
            .enumerate()
        {
            e[k] += p[*c].as_u64().expect("count");
        }
    }
    assert_eq!(from_layer, table(&t.join("a/aggregates_admin1_month.csv")));
}

#[test]
fn a_record_keeps_its_own_country() {
    let t = TestDir::new();
    // a global export: a Nigerian event whose point lies in Niger's Diffa, one
    // in Niger, and one in Nigeria that swapped would fall in Niger
    let f = t.write(
        "global.csv",
        "id,place,lat,lon,country,date,deaths\n\
         ng1,Near the border,13.3154,12.6113,Nigeria,2015-02-09,8\n\
         ne1,Diffa,13.3154,12.6113,Niger,2015-02-10,3\n\
         ng2,Lake Chad shore,11.1036,13.7130,NG,2015-03-01,5\n",
    );
    report(&t, &[&f], &["--period", "year"], "out");
    let (h, rows) = read_csv(&t.join("out/aggregates_admin1_year.csv"));
    let got: BTreeMap<String, u64> = rows
        .iter()
        .map(|r| {
            (
                r[col(&h, "region")].clone(),
                r[col(&h, "deaths_best")].parse().expect("n"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("Diffa".to_string(), 3), ("unassigned".to_string(), 13)].into()
    );
    let (_, rej) = read_csv(&t.join("out/rejects.csv"));
    assert!(rej.is_empty(), "{rej:?}");
}

#[test]
fn ucdp_ged_as_geojson_reads_like_the_csv() {
    let t = TestDir::new();
    let csv_path = fixture("ucdp_ged.csv");
    // the GeoJSON copies of GED: the columns as properties, lat/lon in the geometry
    let feats: Vec<serde_json::Value> = records(&csv_path)
        .into_iter()
        .map(|r| {
            let lon: f64 = r["longitude"].parse().expect("lon");
            let lat: f64 = r["latitude"].parse().expect("lat");
            let props: serde_json::Map<String, serde_json::Value> = r
                .into_iter()
                .filter(|(k, _)| !["latitude", "longitude", "geom_wkt"].contains(&k.as_str()))
                .map(|(k, v)| match v.parse::<i64>() {
                    Ok(n) => (k, serde_json::json!(n)),
                    Err(_) => (k, serde_json::json!(v)),
                })
                .collect();
            serde_json::json!({"type": "Feature", "properties": props,
                "geometry": {"type": "Point", "coordinates": [lon, lat]}})
        })
        .collect();
    let gj = t.write(
        "ged.geojson",
        serde_json::json!({"type": "FeatureCollection", "features": feats}).to_string(),
    );
    report(&t, &[&csv_path], &["--period", "month"], "from_csv");
    report(&t, &[&gj], &["--period", "month"], "from_geojson");
    assert_eq!(
        t.read("from_csv/aggregates_admin1_month.csv"),
        t.read("from_geojson/aggregates_admin1_month.csv")
    );
    let (h, inc) = read_csv(&t.join("from_geojson/incidents.csv"));
    let q = inc
        .iter()
        .find(|r| r[col(&h, "id")] == "990003")
        .expect("990003");
    assert!(q[col(&h, "flags")].contains("best_outside_low_high"));
    assert_eq!(q[col(&h, "admin1")], "Centre Nord");
}
