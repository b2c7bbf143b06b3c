//! The command line as a user meets it: the README's main command, exit
//! statuses, query, geocode, byte-identical reruns.

use crate::util::{col, read_csv, sample_incidents, TestDir};

const OUTPUTS: &[&str] = &[
    "incidents.geojson",
    "incidents.csv",
    "regions_admin1.geojson",
    "regions_admin1_month.geojson",
    "aggregates_admin1_month.csv",
    "rejects.csv",
];

#[test]
fn report_on_the_shipped_sample_writes_every_output() {
    let t = TestDir::new();
    let s = sample_incidents();
    let out = t.run(&["report", s.to_str().unwrap(), "-o", "out"]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    for f in OUTPUTS {
        assert!(t.join("out").join(f).is_file(), "missing {f}");
    }
    // the summary goes to stderr, nothing to stdout
    assert!(out.stderr.contains("incident(s)"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    // the sample's tolls add up in the table
    let (h, rows) = read_csv(&t.join("out/aggregates_admin1_month.csv"));
    let best: u64 = rows
        .iter()
        .map(|r| r[col(&h, "deaths_best")].parse::<u64>().unwrap())
        .sum();
    let (sh, srows) = read_csv(&s);
    let want: u64 = srows
        .iter()
        .filter_map(|r| r[col(&sh, "deaths_best")].parse::<u64>().ok())
        .sum();
    assert_eq!(best, want);
}

#[test]
fn identical_input_gives_identical_bytes() {
    let t = TestDir::new();
    let s = sample_incidents();
    let s = s.to_str().unwrap();
    assert_eq!(t.run(&["report", s, "-o", "a", "--quiet"]).code, 0);
    assert_eq!(
        t.run(&["report", s, "-o", "b", "--quiet", "--by", "admin1"])
            .code,
        0
    );
    for f in OUTPUTS {
        assert_eq!(
            t.read(&format!("a/{f}")),
            t.read(&format!("b/{f}")),
            "{f} differs between runs"
        );
    }
}

#[test]
fn year_only_dates_are_not_pinned_to_january() {
    let t = TestDir::new();
    t.write(
        "y.csv",
        "id,date,lat,lon,deaths\na,2019,14.5,-4.2,5\nb,2019-01-15,14.5,-4.2,1\n",
    );
    let out = t.run(&[
        "report", "y.csv", "-o", "out", "--by", "grid:0.5", "--quiet",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (h, rows) = read_csv(&t.join("out/aggregates_grid0.5_month.csv"));
    let periods: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[col(&h, "period")].clone(),
                r[col(&h, "deaths_best")].clone(),
            )
        })
        .collect();
    assert!(
        periods.contains(&("2019".into(), "5".into())),
        "{periods:?}"
    );
    assert!(
        periods.contains(&("2019-01".into(), "1".into())),
        "{periods:?}"
    );
}

#[test]
fn query_radius_box_and_nearest() {
    let t = TestDir::new();
    t.write(
        "q.csv",
        "id,date,lat,lon,deaths\nnear,2020-01-01,14.35,-3.61,1\nmid,2020-01-01,14.80,-3.61,1\nfar,2020-01-01,16.27,-0.04,1\n",
    );
    // 0.45° of latitude is about 50 km
    let r = t.run(&[
        "query",
        "q.csv",
        "--near",
        "14.35,-3.61",
        "--radius",
        "40",
        "--quiet",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("\"near\"")
            && !r.stdout.contains("\"mid\"")
            && !r.stdout.contains("\"far\""),
        "{}",
        r.stdout
    );
    let r = t.run(&[
        "query",
        "q.csv",
        "--near",
        "14.35,-3.61",
        "--radius",
        "60",
        "--quiet",
    ]);
    assert_eq!(r.stdout.lines().count(), 2);
    let r = t.run(&["query", "q.csv", "--bbox", "-1,15,1,17", "--quiet"]);
    assert!(
        r.stdout.contains("\"far\"") && r.stdout.lines().count() == 1,
        "{}",
        r.stdout
    );
    let r = t.run(&[
        "query",
        "q.csv",
        "--near",
        "16,0",
        "--nearest",
        "1",
        "--quiet",
    ]);
    assert!(
        r.stdout.contains("\"far\"") && r.stdout.lines().count() == 1,
        "{}",
        r.stdout
    );
    let r = t.run(&["query", "q.csv", "--near", "14", "--radius", "5"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--near"), "{}", r.stderr);
}

#[test]
fn bad_flags_exit_2_with_a_hint() {
    let t = TestDir::new();
    let s = sample_incidents();
    let s = s.to_str().unwrap();
    let r = t.run(&["report", s, "--period", "fortnight"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--period"), "{}", r.stderr);
    let r = t.run(&["report", s, "--from", "25/03/2024"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("hint:"), "{}", r.stderr);
    let r = t.run(&["report", s, "--by", "grid:abc"]);
    assert_eq!(r.code, 2);
}

/// (name, expected lat, expected lon) of places the geocoder must find.
const KNOWN: &[(&str, f64, f64)] = &[
    ("Kimparana", 12.842, -4.924),
    ("Segou", 13.44, -6.26),
    ("Ségou", 13.44, -6.26),
    ("Tombouctou", 16.77, -3.01),
    ("Timbuktu", 16.77, -3.01),
];

fn first_candidate(out: &str) -> (f64, f64) {
    let line = out
        .lines()
        .nth(1)
        .unwrap_or_else(|| panic!("no candidate in {out}"));
    let f: Vec<&str> = line.split('\t').collect();
    (f[4].parse().unwrap(), f[5].parse().unwrap())
}

fn check_known(t: &TestDir, extra: &[&str]) {
    for (name, lat, lon) in KNOWN {
        let mut args = vec!["geocode", name];
        args.extend_from_slice(extra);
        let r = t.run(&args);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let (la, lo) = first_candidate(&r.stdout);
        assert!(
            (la - lat).abs() < 0.05 && (lo - lon).abs() < 0.05,
            "{name} resolved to {la},{lo}: {}",
            r.stdout
        );
        assert!(
            r.stdout.contains("name matches")
                || r.stdout.contains("alternate name")
                || r.stdout.contains("spelling within"),
            "the why column: {}",
            r.stdout
        );
    }
}

#[test]
fn geocode_known_places_with_the_shipped_gazetteer() {
    let t = TestDir::new();
    check_known(&t, &[]);
    let r = t.run(&["geocode", "Xqzzyville"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no place matches"), "{}", r.stderr);
}

#[test]
#[ignore = "needs the GeoNames dumps in ../shared/data; .ci/run runs it when present"]
fn gazetteer_import_from_geonames_dumps() {
    let shared =
        crate::util::shared().expect("../shared is not present: this test cannot run without it");
    let g = shared.join("data/gazetteer");
    let b = shared.join("data/boundaries");
    assert!(
        g.join("ML.txt").exists(),
        "../shared/data/gazetteer/ML.txt is not present: this test cannot run without it"
    );
    let t = TestDir::new();
    let s = |p: std::path::PathBuf| p.to_string_lossy().into_owned();
    let args: Vec<String> = vec![
        "gazetteer".into(),
        "import".into(),
        s(g.join("ML.txt")),
        "--admin1-codes".into(),
        s(g.join("admin1CodesASCII.txt")),
        "--admin2-codes".into(),
        s(g.join("admin2Codes.txt")),
        "--admin1-polygons".into(),
        s(b.join("mli_adm1.geojson")),
        "--admin2-polygons".into(),
        s(b.join("mli_adm2.geojson")),
        "--out".into(),
        "gz".into(),
        "--quiet".into(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = t.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    check_known(&t, &["--gazetteer", "gz"]);
    // the imported admin-2 polygons make --by admin2 work
    t.write("k.csv", "id,date,place,deaths\nk1,2020-08-10,Kimparana,2\n");
    let r = t.run(&[
        "report",
        "k.csv",
        "--gazetteer",
        "gz",
        "--by",
        "admin2",
        "-o",
        "out",
        "--quiet",
        "--no-charts",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (h, rows) = read_csv(&t.join("out/aggregates_admin2_month.csv"));
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0][col(&h, "region")],
        "San",
        "Kimparana lies in the San cercle: {rows:?}"
    );
}

#[test]
fn merging_shard_tables_equals_one_run_over_all_the_data() {
    let t = TestDir::new();
    let mut rng = crate::util::Rng(77);
    let header = "id,date,lat,lon,deaths_low,deaths_best,deaths_high\n";
    let (mut all, mut a, mut b) = (header.to_string(), header.to_string(), header.to_string());
    for i in 0..3000 {
        let best = rng.below(20);
        let row = format!(
            "m{i},20{:02}-{:02}-{:02},{:.4},{:.4},{},{best},{}\n",
            12 + rng.below(12),
            1 + rng.below(12),
            1 + rng.below(28),
            rng.range(10.0, 20.0),
            rng.range(-10.0, 3.0),
            best / 2,
            best + 2
        );
        all.push_str(&row);
        if i % 3 == 0 {
            a.push_str(&row)
        } else {
            b.push_str(&row)
        }
    }
    t.write("all.csv", all);
    t.write("a.csv", a);
    t.write("b.csv", b);
    for (f, o) in [("all.csv", "o_all"), ("a.csv", "o_a"), ("b.csv", "o_b")] {
        let r = t.run(&[
            "report",
            f,
            "-o",
            o,
            "--quiet",
            "--no-charts",
            "--no-html",
            "--no-dedup",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let r = t.run(&[
        "merge",
        "o_a/aggregates_admin1_month.csv",
        "o_b/aggregates_admin1_month.csv",
        "-o",
        "merged.csv",
        "--quiet",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sorted = |text: String| {
        let mut v: Vec<String> = text.lines().map(String::from).collect();
        v.sort();
        v
    };
    let merged = sorted(t.read("merged.csv"));
    let whole = sorted(t.read("o_all/aggregates_admin1_month.csv"));
    assert!(merged.len() > 50, "too few rows: {}", merged.len());
    assert!(
        merged == whole,
        "merged shards differ from the whole: {} vs {} rows",
        merged.len(),
        whole.len()
    );
    // a file that is not an aggregates table is refused with its name
    let r = t.run(&["merge", "a.csv", "-o", "x.csv"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("a.csv") && r.stderr.contains("aggregates table"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_bad_value_of_an_enum_flag_names_the_flag_and_the_allowed_values() {
    let t = TestDir::new();
    let s = sample_incidents();
    let s = s.to_str().unwrap();
    let cases: [(&str, &str, &str); 6] = [
        ("--period", "fortnight", "day, week, month, quarter, year"),
        ("--lang", "de", "auto, en, fr"),
        ("--stream", "sometimes", "auto, always, never"),
        ("--overlap", "some", "first, all"),
        ("--chart-format", "bmp", "png, svg"),
        (
            "--dedup-policy",
            "loudest",
            "conservative, median, min, max, mean",
        ),
    ];
    for (flag, bad, allowed) in cases {
        let r = t.run(&["report", s, "-o", "out", flag, bad]);
        assert_eq!(r.code, 2, "{flag} {bad}: {}", r.stderr);
        assert!(r.stderr.contains(flag), "{flag}: {}", r.stderr);
        assert!(r.stderr.contains(bad), "{flag}: {}", r.stderr);
        assert!(r.stderr.contains(allowed), "{flag}: {}", r.stderr);
        assert!(!t.join("out").exists(), "{flag}: nothing written");
    }
    // the spellings these flags always took besides their names
    let r = t.run(&[
        "report",
        s,
        "-o",
        "out",
        "--period",
        "Monthly",
        "--lang",
        "fr-FR",
        "--dedup-policy",
        "codebook",
        "--stream",
        "NEVER",
        "--no-charts",
        "--no-html",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(t.join("out/aggregates_admin1_month.csv").exists());
}
