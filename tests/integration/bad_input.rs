//! Bad input named in the spine issue: each gives a clear message naming the
//! file (and line or field), the right exit status, no panic, and every
//! record ends up in the output or in rejects.csv.

use crate::util::{col, read_csv, rect_regions, TestDir};

const HEADER: &str = "id,date,place,lat,lon,deaths_low,deaths_best,deaths_high\n";
const GOOD: &str = "ok1,2020-03-01,Mopti,14.49,-4.19,1,2,3\n";

/// Runs `report` on one file; returns (exit code, stderr, rejects rows, incidents count).
fn report_one(t: &TestDir, name: &str) -> (i32, String, Vec<Vec<String>>, usize) {
    let out = t.run(&[
        "report",
        name,
        "-o",
        "out",
        "--by",
        "grid:0.5",
        "--quiet",
        "--no-charts",
    ]);
    assert!(!out.stderr.contains("panicked"), "panic: {}", out.stderr);
    let rejects = if t.join("out/rejects.csv").exists() {
        read_csv(&t.join("out/rejects.csv")).1
    } else {
        Vec::new()
    };
    let n = if t.join("out/incidents.csv").exists() {
        read_csv(&t.join("out/incidents.csv")).1.len()
    } else {
        0
    };
    (out.code, out.stderr, rejects, n)
}

fn assert_rejected(t: &TestDir, name: &str, body: &str, needle: &str) {
    t.write(name, body);
    let (code, stderr, rejects, n) = report_one(t, name);
    if code == 2 {
        // no record of the file was usable: nothing written, the reason
        // said on stderr (issue 18, item 7)
        assert!(
            stderr.contains(name) && stderr.contains(needle),
            "{name}: exit 2 without {needle:?} on stderr: {stderr}"
        );
        assert!(!t.join("out").exists(), "{name}: exit 2 yet out/ written");
        return;
    }
    assert_eq!(code, 1, "{name}: exit code; stderr: {stderr}");
    assert!(
        rejects
            .iter()
            .any(|r| r[3].contains(needle) && r[0].contains(name)),
        "{name}: no reject mentioning {needle:?}: {rejects:?}"
    );
    // nothing lost: data rows = incidents + rejects
    let data_rows = body
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    if data_rows > 0 && !rejects.iter().any(|r| r[1] == "0") {
        assert_eq!(n + rejects.len(), data_rows, "{name}: records lost");
    }
}

#[test]
fn missing_file_is_a_usage_error_naming_it() {
    let t = TestDir::new();
    let out = t.run(&["report", "nowhere.csv", "-o", "out"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("nowhere.csv") && out.stderr.contains("hint:"),
        "{}",
        out.stderr
    );
    assert!(
        !t.join("out").exists(),
        "no output for a run that could not start"
    );
}

#[test]
fn empty_and_header_only_files() {
    let t = TestDir::new();
    assert_rejected(&t, "empty.csv", "", "empty");
    assert_rejected(&t, "header_only.csv", HEADER, "no records");
}

#[test]
fn wrong_delimiter_is_explained() {
    let t = TestDir::new();
    // a header the sniffer cannot split into incident fields
    assert_rejected(
        &t,
        "colon.csv",
        "id:date:place:deaths\na:2020-01-01:Gao:3\n",
        "delimiter",
    );
    // semicolons are recognised and read
    t.write(
        "semi.csv",
        "id;date;lat;lon;deaths\na;2020-01-01;16.27;-0.04;3\n",
    );
    let (code, stderr, rejects, n) = report_one(&t, "semi.csv");
    assert_eq!((code, n, rejects.len()), (0, 1, 0), "{stderr}");
}

#[test]
fn non_utf8_bytes_reject_the_row_and_name_the_column() {
    let t = TestDir::new();
    let mut body = HEADER.as_bytes().to_vec();
    body.extend_from_slice(GOOD.as_bytes());
    body.extend_from_slice(b"bad,2020-03-02,S\xe9gou,13.43,-6.26,1,1,1\n");
    t.write("latin1.csv", &body);
    let (code, _, rejects, n) = report_one(&t, "latin1.csv");
    assert_eq!((code, n), (1, 1));
    assert!(
        rejects[0][3].contains("UTF-8") && rejects[0][3].contains("place"),
        "{rejects:?}"
    );
    assert_eq!(rejects[0][1], "3", "line number of the bad row");
}

#[test]
fn coordinates_out_of_range_or_swapped() {
    let t = TestDir::new();
    assert_rejected(
        &t,
        "lat.csv",
        &format!("{HEADER}{GOOD}x,2020-01-01,Gao,95,-0.04,1,1,1\n"),
        "lat 95 is out of range",
    );
    // Gao with lat and lon exchanged: both in range, but the point lies in
    // the Gulf of Guinea while the swapped one is in Mali
    assert_rejected(
        &t,
        "swap.csv",
        &format!("{HEADER}{GOOD}x,2020-01-01,Gao,-0.04,16.27,1,1,1\n"),
        "swapped",
    );
    assert_rejected(
        &t,
        "swap2.csv",
        &format!("{HEADER}{GOOD}x,2020-01-01,Gao,-0.04,196.27,1,1,1\n"),
        "out of range",
    );
    assert_rejected(
        &t,
        "swap3.csv",
        &format!("{HEADER}{GOOD}x,2020-01-01,Gao,116.27,-0.04,1,1,1\n"),
        "swapped",
    );
}

#[test]
fn bad_dates_and_tolls() {
    let t = TestDir::new();
    assert_rejected(
        &t,
        "date.csv",
        &format!("{HEADER}{GOOD}x,31/31/2020,Gao,16.27,-0.04,1,1,1\n"),
        "is not a date",
    );
    assert_rejected(
        &t,
        "neg.csv",
        &format!("{HEADER}{GOOD}x,2020-01-01,Gao,16.27,-0.04,,-3,\n"),
        "negative",
    );
    assert_rejected(
        &t,
        "frac.csv",
        &format!("{HEADER}{GOOD}x,2020-01-01,Gao,16.27,-0.04,,2.5,\n"),
        "whole number",
    );
    assert_rejected(
        &t,
        "lowbest.csv",
        &format!("{HEADER}{GOOD}x,2020-01-01,Gao,16.27,-0.04,9,3,10\n"),
        "deaths_low 9 is greater than deaths_best 3",
    );
    assert_rejected(
        &t,
        "huge.csv",
        &format!("{HEADER}{GOOD}x,2020-01-01,Gao,16.27,-0.04,,99999999999,\n"),
        "too large",
    );
}

#[test]
fn duplicate_ids_keep_the_first() {
    let t = TestDir::new();
    assert_rejected(
        &t,
        "dup.csv",
        &format!("{HEADER}{GOOD}{GOOD}"),
        "duplicate id ok1 (first seen on line 2)",
    );
}

#[test]
fn invalid_geojson_names_the_file() {
    let t = TestDir::new();
    t.write(
        "bad.geojson",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",",
    );
    let (code, stderr, rejects, _) = report_one(&t, "bad.geojson");
    assert_eq!(code, 2, "{stderr}");
    assert!(rejects.is_empty(), "nothing written: {rejects:?}");
    assert!(stderr.contains("bad.geojson"), "{stderr}");
    // a non-Point feature is rejected on its own, the rest is read
    t.write(
        "mixed.geojson",
        r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"p","date":"2020-01-01","deaths":2},"geometry":{"type":"Point","coordinates":[-0.04,16.27]}},
{"type":"Feature","properties":{"id":"l","date":"2020-01-01","deaths":2},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}"#,
    );
    let (code, _, rejects, n) = report_one(&t, "mixed.geojson");
    assert_eq!((code, n), (1, 1));
    assert!(rejects[0][3].contains("LineString"), "{rejects:?}");
}

#[test]
fn polygon_file_without_a_name_field() {
    let t = TestDir::new();
    t.write("ok.csv", format!("{HEADER}{GOOD}"));
    t.write(
        "noname.geojson",
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"pop":3},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}"#,
    );
    let out = t.run(&["report", "ok.csv", "--by", "noname.geojson", "-o", "out"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("noname.geojson")
            && out.stderr.contains("name field")
            && out.stderr.contains("pop"),
        "{}",
        out.stderr
    );
    // naming the field works
    t.write(
        "named.geojson",
        rect_regions(&[("Zone", "Z", -10.0, 10.0, 0.0, 20.0)]),
    );
    let out = t.run(&[
        "report",
        "ok.csv",
        "--by",
        "named.geojson:name",
        "-o",
        "out",
        "--quiet",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (h, rows) = read_csv(&t.join("out/aggregates_named_month.csv"));
    assert_eq!(rows[0][col(&h, "region")], "Zone");
    let out = t.run(&[
        "report",
        "ok.csv",
        "--by",
        "named.geojson:NOPE",
        "-o",
        "out",
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("NOPE"), "{}", out.stderr);
}

#[test]
fn ndjson_bad_lines_are_rejected_with_line_numbers() {
    let t = TestDir::new();
    t.write(
        "x.ndjson",
        "{\"id\":\"a\",\"date\":\"2020-01-01\",\"lat\":16.27,\"lon\":-0.04,\"deaths\":1}\n{not json}\n\n{\"id\":\"b\",\"date\":\"2020-01-01\",\"lat\":16.27,\"lon\":-0.04,\"deaths\":-1}\n",
    );
    let (code, _, rejects, n) = report_one(&t, "x.ndjson");
    assert_eq!((code, n), (1, 1));
    assert_eq!(rejects.len(), 2);
    assert_eq!(rejects[0][1], "2");
    assert_eq!(rejects[1][1], "4");
}
