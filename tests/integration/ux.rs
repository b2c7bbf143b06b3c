//! Issue 18, "what a new user trips over": each numbered item's behaviour,
//! run through the binary as a user would.

use crate::util::{repo, sample_incidents, TestDir};

fn sample() -> String {
    sample_incidents().to_string_lossy().into_owned()
}

/// Item 7: coordinates with a decimal comma are explained with the fix,
/// nothing is written, and `--decimal-comma` reads them.
#[test]
fn decimal_comma_coordinates_hint_the_flag_and_the_flag_reads_them() {
    let t = TestDir::new();
    t.write(
        "excel.csv",
        "id;event_date;latitude;longitude;fatalities\nd1;2021-03-02;14,48;-4,19;6\nd2;2021-04-11;13,08;-1,07;3\n",
    );
    let o = t.run(&["report", "excel.csv", "-o", "out", "--quiet", "--no-charts"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("excel.csv"), "{}", o.stderr);
    assert!(o.stderr.contains("--decimal-comma"), "{}", o.stderr);
    assert!(
        !t.join("out").exists(),
        "nothing is written when nothing was usable"
    );
    let o = t.run(&[
        "report",
        "excel.csv",
        "-o",
        "out",
        "--quiet",
        "--no-charts",
        "--decimal-comma",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let csv = t.read("out/incidents.csv");
    assert!(csv.contains("14.48"), "{csv}");
}

/// Item 7: a binary file named `.txt` is refused with a reason (it was read
/// as an article with no incident, exit 0, no word).
#[test]
fn binary_txt_article_is_refused_with_a_reason() {
    let t = TestDir::new();
    let bytes: Vec<u8> = (0..4000u32)
        .map(|i| ((i * 97 + 13) % 255 + 1) as u8)
        .collect();
    t.write("scan.txt", &bytes);
    let o = t.run(&["report", "scan.txt", "-o", "out", "--quiet"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr.contains("scan.txt: looks like a binary file"),
        "{}",
        o.stderr
    );
    let o = t.run(&["extract", "scan.txt", "-o", "x.ndjson"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr.contains("looks like a binary file"),
        "{}",
        o.stderr
    );
    assert!(!t.join("x.ndjson").exists());
}

/// Item 7: one unusable input among good ones: the run goes on, exit 1,
/// one line naming it (even under --quiet); a folder given as input says
/// to give the files inside it.
#[test]
fn one_unusable_input_among_good_ones_gets_one_line() {
    let t = TestDir::new();
    std::fs::create_dir_all(t.join("folder")).expect("mkdir");
    t.write("empty.csv", "");
    let s = sample();
    let o = t.run(&[
        "report",
        &s,
        "folder",
        "empty.csv",
        "-o",
        "out",
        "--quiet",
        "--no-charts",
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "one line per unusable input: {lines:?}");
    assert!(lines[0].contains("folder: is a directory") && lines[0].contains("files inside it"));
    assert!(lines[1].contains("empty.csv: file is empty"));
    assert!(t.join("out/incidents.csv").exists());
}

/// Item 8: `-o` naming an existing file: one sentence with the path and
/// what to do; an I/O error says its cause once.
#[test]
fn output_path_that_is_a_file_is_one_clear_sentence() {
    let t = TestDir::new();
    t.write("taken", "x");
    let s = sample();
    let o = t.run(&["report", &s, "-o", "taken", "--quiet"]);
    assert_eq!(o.code, 2);
    assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("-o taken") && o.stderr.contains("give a folder"),
        "{}",
        o.stderr
    );
    // a folder below a file: the OS error is said once, in words
    let o = t.run(&["report", &s, "-o", "taken/out", "--quiet"]);
    assert_eq!(o.code, 2);
    assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
    assert!(o.stderr.contains("taken/out"), "{}", o.stderr);
    assert!(
        !o.stderr.contains("os error 20): "),
        "cause repeated: {}",
        o.stderr
    );
    let o = t.run(&["extract", "missing-dir/a.txt", "-o", "x.ndjson"]);
    assert_eq!(o.code, 2);
    assert!(
        !o.stderr.contains("(os error 2): "),
        "cause repeated: {}",
        o.stderr
    );
}

/// Item 10: `extract -o story.xlsx` is refused; `extract table.csv` says it
/// is a table and points to `report`.
#[test]
fn extract_refuses_unknown_extensions_and_tables() {
    let t = TestDir::new();
    t.write(
        "story.txt",
        "Gunmen killed four herders near Gao on 3 May 2021, a local official said.\n",
    );
    let o = t.run(&["extract", "story.txt", "-o", "story.xlsx"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr.contains(".xlsx") && o.stderr.contains(".ndjson"),
        "{}",
        o.stderr
    );
    assert!(!t.join("story.xlsx").exists());
    let s = sample();
    let o = t.run(&["extract", &s]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("is an incident table"), "{}", o.stderr);
    assert!(o.stderr.contains("casualty-atlas report"), "{}", o.stderr);
    assert!(o.stdout.is_empty());
}

/// A GeoNames row (19 columns) for the import tests.
fn geonames_row(id: &str, name: &str, lat: f64, lon: f64, cc: &str) -> String {
    format!(
        "{id}\t{name}\t{name}\t\t{lat}\t{lon}\tP\tPPL\t{cc}\t\t05\t\t\t\t1200\t\t300\tAfrica/Bamako\t2020-01-01\n"
    )
}

/// Item 11: ids repeated across country dumps are a warning (exit 0), and
/// an import without polygons warns that reports will assign no region;
/// `report` with that gazetteer says why everything is unassigned.
#[test]
fn import_repeated_ids_warn_and_missing_polygons_are_said() {
    let t = TestDir::new();
    t.write(
        "ML.txt",
        geonames_row("9000001", "Tessit", 15.5, 0.9, "ML")
            + &geonames_row("9000002", "Ber", 16.9, -2.8, "ML"),
    );
    t.write(
        "NE.txt",
        geonames_row("9000002", "Ber", 16.9, -2.8, "ML")
            + &geonames_row("9000003", "Inates", 15.3, 1.9, "NE"),
    );
    let o = t.run(&["gazetteer", "import", "ML.txt", "NE.txt", "--out", "gz"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("1 row(s) repeat an id"), "{}", o.stderr);
    assert!(o.stderr.contains("no admin-1 polygons"), "{}", o.stderr);
    t.write("i.csv", "id,date,place,deaths\ni1,2021-01-02,Tessit,3\n");
    let o = t.run(&[
        "report",
        "i.csv",
        "--gazetteer",
        "gz",
        "-o",
        "out",
        "--no-charts",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("has no admin1 polygons"), "{}", o.stderr);
}

/// Item 11: `--by admin2` names the countries its polygons do not cover.
#[test]
fn by_admin2_names_the_countries_not_covered() {
    // the shipped admin-2 layer covers ML, BF and NE: a gazetteer folder
    // whose admin-2 layer keeps Burkina's provinces only
    let t = TestDir::new();
    let s = sample();
    let g = repo().join("gazetteer");
    std::fs::create_dir_all(t.join("gz")).unwrap();
    for f in ["places.tsv", "curated.tsv", "admin1.geojson"] {
        std::fs::copy(g.join(f), t.join("gz").join(f)).unwrap();
    }
    let mut fc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(g.join("admin2.geojson")).unwrap()).unwrap();
    fc["features"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["properties"]["country"] == "BF");
    t.write("gz/admin2.geojson", fc.to_string());
    let o = t.run(&[
        "report",
        &s,
        "--by",
        "admin2",
        "--gazetteer",
        "gz",
        "-o",
        "out",
        "--no-charts",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("do not cover ML"), "{}", o.stderr);
}

/// Item 12: `query --near LON,LAT` (swapped) hints the right order.
#[test]
fn query_near_with_swapped_order_hints() {
    let t = TestDir::new();
    let s = sample();
    let o = t.run(&["query", &s, "--near", "-3.61,14.35", "--radius", "50"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("--near 14.35,-3.61 gives"),
        "{}",
        o.stderr
    );
    let o = t.run(&["query", &s, "--near", "14.35,-3.61", "--radius", "50"]);
    assert!(!o.stderr.contains("latitude first"), "{}", o.stderr);
}

/// Item 12: every file the `--help` examples name exists in the repository.
#[test]
fn help_examples_name_real_files() {
    let t = TestDir::new();
    for cmd in [&["--help"][..], &["report", "--help"], &["merge", "--help"]] {
        let o = t.run(cmd);
        for word in o.stdout.split_whitespace() {
            if word.starts_with("gazetteer/") {
                assert!(
                    repo().join(word).exists(),
                    "{cmd:?} --help names {word}, which does not exist"
                );
            }
        }
    }
}

fn sorted_lines(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s.lines().map(str::to_string).collect();
    v.sort();
    v
}

/// Item 1: a table with a plain `Fatalities` column and no high column is a
/// plain count (low = best = high), held or streamed, not "at least N".
#[test]
fn plain_fatalities_column_is_not_open_ended() {
    let t = TestDir::new();
    t.write(
        "plain.csv",
        "event_date,place,Fatalities\n2021-01-02,Gao,4\n2021-02-03,Mopti,2\n",
    );
    for mode in ["never", "always"] {
        let out = format!("out_{mode}");
        let o = t.run(&[
            "report",
            "plain.csv",
            "-o",
            &out,
            "--no-charts",
            "--no-html",
            "--stream",
            mode,
        ]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        let (h, rows) = crate::util::read_csv(&t.join(&out).join("aggregates_admin1_month.csv"));
        assert_eq!(rows.len(), 2);
        for r in &rows {
            assert_eq!(r[crate::util::col(&h, "open_high")], "0", "{mode}: {r:?}");
            assert_eq!(
                r[crate::util::col(&h, "deaths_high")],
                r[crate::util::col(&h, "deaths_best")],
                "{mode}: {r:?}"
            );
        }
    }
    let csv = t.read("out_never/incidents.csv");
    assert!(csv.contains(",4,4,"), "high = best in the record: {csv}");
}

/// Item 3: a streamed table keeps its source split (the table's `source`
/// column), as the held run does, and the summary counts the same
/// incidents either way, with a date window too.
#[test]
fn streamed_tables_keep_the_source_split_and_the_counts() {
    let t = TestDir::new();
    t.write(
        "mixed.csv",
        "id,date,lat,lon,deaths,source\n\
         m1,2021-01-02,16.27,-0.04,4,acled\n\
         m2,2021-01-05,14.49,-4.19,2,ngo\n\
         m3,2021-03-05,14.49,-4.19,7,acled\n\
         m4,2020-03-05,14.49,-4.19,1,\n",
    );
    let mut said = Vec::new();
    for mode in ["never", "always"] {
        let out = format!("out_{mode}");
        let o = t.run(&[
            "report",
            "mixed.csv",
            "-o",
            &out,
            "--no-charts",
            "--no-html",
            "--stream",
            mode,
            "--no-dedup",
            "--from",
            "2021-01-01",
        ]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        said.push(
            o.stderr
                .lines()
                .find(|l| l.starts_with("read "))
                .unwrap_or_default()
                .replace(" (streamed)", ""),
        );
    }
    assert_eq!(said[0], said[1], "the same file, the same counts");
    let held = t.read("out_never/aggregates_admin1_month_by_source.csv");
    let streamed = t.read("out_always/aggregates_admin1_month_by_source.csv");
    assert!(!streamed.contains("streamed"), "{streamed}");
    assert!(streamed.contains("ngo"), "{streamed}");
    assert_eq!(sorted_lines(&held), sorted_lines(&streamed));
}

/// Item 4: with several levels every level reaches `incidents.geojson` and
/// `incidents.csv` (region per level and the period), `incidents.csv` has
/// its `.csvt` (coordinates Real, tolls Integer, dates Date), and a
/// confidence prints with at most three decimals.
#[test]
fn every_level_reaches_the_incident_outputs() {
    let t = TestDir::new();
    let s = sample();
    let o = t.run(&[
        "report",
        &s,
        "--by",
        "admin1,grid:0.5",
        "-o",
        "out",
        "--no-charts",
        "--no-html",
        "--quiet",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let gj: serde_json::Value =
        serde_json::from_str(&t.read("out/incidents.geojson")).expect("geojson");
    let props = &gj["features"][0]["properties"];
    for k in ["region_admin1", "region_grid0.5", "period"] {
        assert!(
            props.get(k).is_some_and(|v| v.is_string()),
            "{k} missing: {props}"
        );
    }
    let (h, rows) = crate::util::read_csv(&t.join("out/incidents.csv"));
    for k in ["region_admin1", "region_grid0.5", "period"] {
        let c = crate::util::col(&h, k);
        assert!(rows.iter().all(|r| !r[c].is_empty()), "{k} empty");
    }
    let csvt = t.read("out/incidents.csvt");
    let types: Vec<&str> = csvt.trim().split(',').collect();
    assert_eq!(types.len(), h.len(), "one type per column");
    assert_eq!(types[crate::util::col(&h, "lat")], "\"Real\"");
    assert_eq!(types[crate::util::col(&h, "deaths_best")], "\"Integer\"");
    assert_eq!(types[crate::util::col(&h, "date_start")], "\"Date\"");
    // a confidence that is a float sum prints rounded
    let mut i = casualty_atlas::model::Incident::new("c", "x");
    i.article_mut().confidence = Some(0.1 + 0.75);
    assert_eq!(casualty_atlas::export::table::incident_row(&i)[22], "0.85");
    // and the extractor's confidences leave report and extract rounded
    t.write(
        "a.txt",
        "Gunmen killed four herders near Gao on 3 May 2021, a local official said. Two days later a roadside bomb killed three soldiers near Mopti.\n",
    );
    let o = t.run(&["extract", "a.txt"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    for line in o.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("ndjson");
        if let Some(c) = v["confidence"].as_f64() {
            assert_eq!(c, (c * 1000.0).round() / 1000.0, "{line}");
        }
    }
}

/// Item 5: `merge` refuses tables of different levels or periods, naming
/// both, and writes nothing.
#[test]
fn merge_refuses_tables_of_different_levels_or_periods() {
    let t = TestDir::new();
    let s = sample();
    for (by, period, out) in [
        ("admin1", "month", "a"),
        ("admin2", "month", "b"),
        ("admin1", "week", "c"),
    ] {
        let o = t.run(&[
            "report",
            &s,
            "--by",
            by,
            "--period",
            period,
            "-o",
            out,
            "--no-charts",
            "--no-html",
            "--quiet",
        ]);
        assert!(o.code <= 1, "{}", o.stderr);
    }
    let o = t.run(&[
        "merge",
        "a/aggregates_admin1_month.csv",
        "b/aggregates_admin2_month.csv",
        "-o",
        "m.csv",
    ]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("aggregates_admin1_month.csv is admin1 by month")
            && o.stderr
                .contains("aggregates_admin2_month.csv is admin2 by month"),
        "{}",
        o.stderr
    );
    assert!(!t.join("m.csv").exists());
    // a renamed weekly table is still a weekly table
    std::fs::copy(t.join("c/aggregates_admin1_week.csv"), t.join("shard2.csv")).expect("copy");
    let o = t.run(&[
        "merge",
        "a/aggregates_admin1_month.csv",
        "shard2.csv",
        "-o",
        "m.csv",
    ]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("by week"), "{}", o.stderr);
    // same level and period: summed
    let o = t.run(&[
        "merge",
        "a/aggregates_admin1_month.csv",
        "a/aggregates_admin1_month.csv",
        "-o",
        "m.csv",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

/// Item 9: a second run into the same folder removes the files the first
/// run wrote that it does not rewrite (by the manifest), says so, and never
/// touches a file the tool did not write.
#[test]
fn second_run_removes_the_first_runs_stale_files_only() {
    let t = TestDir::new();
    let s = sample();
    let o = t.run(&[
        "report",
        &s,
        "--by",
        "admin1,grid:0.5",
        "-o",
        "out",
        "--quiet",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(t.join("out/regions_grid0.5.geojson").exists());
    assert!(t.join("out/map.png").exists());
    let manifest = t.read("out/manifest.txt");
    assert!(manifest.lines().any(|l| l == "map.png"), "{manifest}");
    t.write("out/my_notes.txt", "mine");
    let o = t.run(&["report", &s, "-o", "out", "--no-charts", "--no-html"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        !t.join("out/regions_grid0.5.geojson").exists(),
        "stale layer left"
    );
    assert!(!t.join("out/map.png").exists(), "stale chart left");
    assert!(!t.join("out/index.html").exists(), "stale page left");
    assert!(
        t.join("out/my_notes.txt").exists(),
        "a file the tool did not write was removed"
    );
    assert!(t.join("out/regions_admin1.geojson").exists());
    assert!(o.stderr.contains("removed "), "{}", o.stderr);
    assert!(o.stderr.contains("map.png"), "{}", o.stderr);
    // a manifest naming a path outside the folder is not followed
    t.write("outside.txt", "keep");
    t.write("out/manifest.txt", "../outside.txt\n/etc/hostname\n");
    let o = t.run(&[
        "report",
        &s,
        "-o",
        "out",
        "--no-charts",
        "--no-html",
        "--quiet",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(t.join("outside.txt").exists());
}

/// Acceptance: the summary README shows for the worked example is what the
/// command prints (run as README says, from a folder holding the sample at
/// the same path).
#[test]
fn readme_sample_summary_is_the_real_one() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let after = readme
        .split_once("The summary on stderr reads:")
        .expect("README shows the summary")
        .1;
    let block = after
        .split_once("```text\n")
        .and_then(|(_, b)| b.split_once("```"))
        .expect("a text block")
        .0;
    let t = TestDir::new();
    std::fs::create_dir_all(t.join("gazetteer/samples")).expect("mkdir");
    std::fs::copy(
        sample_incidents(),
        t.join("gazetteer/samples/sahel_incidents.csv"),
    )
    .expect("copy");
    let o = t.run(&[
        "report",
        "gazetteer/samples/sahel_incidents.csv",
        "-o",
        "output/",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr.trim_end(),
        block.trim_end(),
        "README's summary differs from the run"
    );
}

/// Item 13: a streamed table advances its bar by the bytes read (it showed
/// `0/0`). (The held run's bars per stage, reading by bytes, geocoding,
/// dedup, assigning, writing, draw only on a terminal: seen by hand.)
#[test]
fn streamed_progress_counts_bytes_read() {
    use casualty_atlas::pipeline::{regions_for, stage_bar, Unit};
    use casualty_atlas::region::{Assigner, Level, Overlap};
    use casualty_atlas::stream::{stream_file, StreamSettings};
    let gaz = casualty_atlas::gazetteer::load(None).expect("shipped gazetteer");
    let admin1 = regions_for(&Level::Admin1, &gaz).expect("admin1");
    let t = TestDir::new();
    let mut body = String::from("id,date,lat,lon,deaths\n");
    for k in 0..2000 {
        body.push_str(&format!(
            "r{k},2021-03-{:02},14.{k:04},-3.5,{}\n",
            k % 28 + 1,
            k % 9
        ));
    }
    let p = t.write("t.csv", &body);
    let assigners = [Assigner {
        regions: &admin1,
        admin1: Some(&admin1),
        overlap: Overlap::First,
    }];
    // a hidden bar still counts
    let pb = stage_bar(false, body.len() as u64, Unit::Bytes, "streaming t.csv");
    let st = StreamSettings {
        assigners: &assigners,
        admin1: &admin1,
        gazetteer: &gaz,
        granularity: casualty_atlas::period::Granularity::Month,
        from: None,
        to: None,
        threads: 2,
        block_bytes: 4096,
        progress: Some(&pb),
    };
    let s = stream_file(&p, &st).expect("stream");
    assert_eq!(s.stats.records, 2000);
    assert_eq!(
        pb.position(),
        body.len() as u64,
        "every byte read is counted"
    );
}

/// Item 14: the charts' and the page's date span is the data's (first to
/// last day reported), not the end of the last period.
#[test]
fn date_span_is_the_datas_not_the_last_periods() {
    let t = TestDir::new();
    t.write(
        "d.csv",
        "id,date,lat,lon,deaths\nd1,2021-01-02,16.27,-0.04,4\nd2,2021-03-10,14.49,-4.19,2\n",
    );
    let o = t.run(&["report", "d.csv", "-o", "out", "--no-charts", "--quiet"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = t.read("out/index.html");
    assert!(
        page.contains("2021-01-02 to 2021-03-10"),
        "span not the data's"
    );
    assert!(
        page.contains("2021-03 (nothing in 2021-02)"),
        "gap not said"
    );
}

/// Item 7 (hints): a NaN latitude is not called swapped (nor hinted to be),
/// a finite one out of range with a latitude-like longitude is.
#[test]
fn only_finite_out_of_range_latitudes_are_called_swapped() {
    let t = TestDir::new();
    t.write(
        "c.csv",
        "id,date,lat,lon,deaths\na,2021-01-02,NaN,14.3,1\nb,2021-01-03,-3.6,14.3,1\nc,2021-01-04,16.27,-0.04,2\n",
    );
    let o = t.run(&[
        "report",
        "c.csv",
        "-o",
        "out",
        "--no-charts",
        "--no-html",
        "--quiet",
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let rejects = t.read("out/rejects.csv");
    let line_of = |id: &str| {
        rejects
            .lines()
            .find(|l| l.contains(&format!(",{id},")))
            .unwrap_or("")
            .to_string()
    };
    assert!(!line_of("a").contains("swapped"), "{rejects}");
    assert!(line_of("b").contains("swapped"), "{rejects}");
}
