//! Streaming (bounded memory, all cores) gives the same tables, byte for
//! byte, as holding every record, whatever the thread count; and the same
//! rejects.

use crate::util::{Rng, TestDir};

/// A table with quoted fields (commas, doubled quotes, a newline inside
/// quotes), bad rows of several kinds, blank lines and no final newline.
fn tricky_table(n: usize, bad_bytes: bool, crlf: bool) -> Vec<u8> {
    let mut rng = Rng(2024);
    let mut out =
        b"id,date,lat,lon,deaths_low,deaths_best,deaths_high,place,admin1,geo_precision\n".to_vec();
    for i in 0..n {
        let lon = rng.range(-12.0, 4.0);
        let lat = rng.range(10.0, 24.0);
        let day = 1 + rng.below(28);
        let month = 1 + rng.below(12);
        let year = 2012 + rng.below(14);
        let best = rng.below(30);
        let line = match rng.below(60) {
            0 => format!("s{i},{year}-{month:02}-{day:02},,,,{best},,\"Douentza\",Mopti,place\n"),
            1 => format!("s{i},{year}-13-01,{lat:.5},{lon:.5},,{best},,\"x\",,\n"),
            2 => format!("s{i},{year}-{month:02}-{day:02},{lat:.5},{lon:.5},,-{best},,\"x\",,\n"),
            3 => format!("s{i},{year}-{month:02}-{day:02},{lat:.5},{lon:.5},,{best},,\"line one\nline two, \"\"quoted\"\"\",,\n"),
            4 => format!("s{i},{year}-{month:02},{lat:.5},{lon:.5},,{best},,\"month only\",,\n"),
            5 => "\n".to_string(),
            6 => format!("s{i},{year}-{month:02}-{day:02},{lat:.5},{lon:.5},,{best},,\"a, b\",Somewhere,admin1\n"),
            _ => format!("s{i},{year}-{month:02}-{day:02},{lat:.5},{lon:.5},{},{best},{},\"Village {i}, \"\"Sahel\"\"\",,\n", best / 2, best + 3),
        };
        let line = if crlf && i % 3 != 0 {
            line.replace('\n', "\r\n")
        } else {
            line
        };
        out.extend_from_slice(line.as_bytes());
        if i % 97 == 0 && bad_bytes {
            out.extend_from_slice(format!("bad{i},2020-01-01,14.0,-4.0,,1,,S").as_bytes());
            out.extend_from_slice(b"\xe9gou,,\n");
        }
        if i % 89 == 0 {
            // shapes the lean splitter leaves to the csv crate
            out.extend_from_slice(
                format!("q{i},2021-05-05,14.1,-4.1,,2,,Mopti 5\" gun,,\n").as_bytes(),
            );
            out.extend_from_slice(
                format!("r{i},2021-05-06,14.1,-4.1,,2,,\"closed\"open,,\n").as_bytes(),
            );
            out.extend_from_slice(format!("f{i},2021-05-07,14.1,-4.1,,2\n").as_bytes());
            // an empty quoted field is a record, not a blank line (fuzz find)
            out.extend_from_slice(b"\"\"\n");
            // an HXL hashtag row is skipped by every reader
            out.extend_from_slice(b"#id,#date,#geo+lat,#geo+lon,,,,#loc,#adm1,\n");
        }
    }
    out.extend_from_slice(b"last,2020-02-02,14.5,-4.2,,5,,\"no newline\",,");
    out
}

#[test]
fn streamed_tables_equal_held_tables_for_any_thread_count() {
    same_tables_all_ways(tricky_table(20_000, true, false), true);
}

/// Valid UTF-8 throughout, so the lean splitter reads it; small blocks so
/// records, quotes and line endings straddle block boundaries.
#[test]
fn lean_splitter_in_small_blocks_equals_the_csv_crate() {
    same_tables_all_ways(tricky_table(6_000, false, false), false);
}

/// Windows line endings (mixed with Unix ones): same tables, and rejects
/// name the line the bad record is on.
#[test]
fn crlf_tables_stream_like_held_ones_with_true_line_numbers() {
    let t = same_tables_all_ways(tricky_table(6_000, false, true), false);
    let table = tricky_table(6_000, false, true);
    let text = String::from_utf8(table).unwrap();
    let rejects = t.read("s2/rejects.csv");
    let mut checked = 0;
    for row in rejects
        .lines()
        .skip(1)
        .filter(|r| r.contains("is negative"))
    {
        let line: usize = row.split(',').nth(1).unwrap().parse().unwrap();
        let id = row.split(',').nth(2).unwrap();
        let on_line = text.split('\n').nth(line - 1).unwrap();
        assert!(
            on_line.starts_with(&format!("{id},")),
            "line {line} is {on_line:?}, reject for {id}"
        );
        checked += 1;
    }
    assert!(checked > 20, "{checked}");
}

fn same_tables_all_ways(table: Vec<u8>, bad_bytes: bool) -> TestDir {
    let t = TestDir::new();
    t.write("big.csv", table);
    let files = [
        "aggregates_admin1_month.csv",
        "aggregates_grid0.5_month.csv",
        "regions_admin1.geojson",
        "regions_grid0.5_month.geojson",
        "rejects.csv",
    ];
    let mut outs = Vec::new();
    for (dir, extra) in [
        ("held", vec!["--stream", "never"]),
        ("s1", vec!["--stream", "always", "--threads", "1"]),
        ("s2", vec!["--stream", "always", "--threads", "2"]),
        ("s3", vec!["--stream", "always", "--threads", "3"]),
        (
            "b1",
            vec![
                "--stream",
                "always",
                "--threads",
                "2",
                "--block-bytes",
                "1000",
            ],
        ),
        (
            "b2",
            vec![
                "--stream",
                "always",
                "--threads",
                "3",
                "--block-bytes",
                "37",
            ],
        ),
    ] {
        let mut args = vec![
            "report",
            "big.csv",
            "--by",
            "admin1,grid:0.5",
            "-o",
            dir,
            "--quiet",
            "--no-charts",
        ];
        args.extend(extra);
        let r = t.run(&args);
        assert_eq!(r.code, 1, "{dir}: {}", r.stderr);
        outs.push(dir);
    }
    for f in files {
        let held = t.read(&format!("held/{f}"));
        for d in &outs[1..] {
            let other = t.read(&format!("{d}/{f}"));
            if held != other {
                let first = held
                    .lines()
                    .zip(other.lines())
                    .find(|(a, b)| a != b)
                    .map(|(a, b)| format!("held: {a}\n{d}: {b}"))
                    .unwrap_or_else(|| "one is a prefix of the other".into());
                panic!("{f} differs between held and {d}:\n{first}");
            }
        }
    }
    let rejects = t.read("s2/rejects.csv");
    assert_eq!(
        rejects.contains("column `place` is not valid UTF-8"),
        bad_bytes,
        "{rejects}"
    );
    assert!(rejects.contains("is negative"));
    assert!(rejects.contains("has 6 fields, the header has 10"));
    assert!(rejects.contains("has 1 fields, the header has 10"));
    assert!(!rejects.contains("#id"));
    t
}

/// Plausibility flags are counted the same whether a table is held or
/// streamed: tolls above what one incident can have, dates in 1900 and
/// 2100, a point far from the region the record names.
#[test]
fn streamed_tables_count_the_same_plausibility_flags() {
    let t = TestDir::new();
    let mut table = String::from("id,date,lat,lon,deaths_best,admin1\n");
    for i in 0..60 {
        let (date, best, admin1) = match i % 6 {
            0 => ("2020-05-01", 5000, "Mopti"),
            1 => ("1900-05-01", 3, "Mopti"),
            2 => ("2100-05-01", 3, "Mopti"),
            3 => ("2020-05-01", 3, "Kayes"),
            _ => ("2020-05-01", 3, "Mopti"),
        };
        table.push_str(&format!("r{i},{date},14.49,-4.19,{best},{admin1}\n"));
    }
    t.write("flags.csv", table.as_bytes());
    let mut lines = Vec::new();
    for (dir, mode) in [("held", "never"), ("streamed", "always")] {
        let r = t.run(&[
            "report",
            "flags.csv",
            "-o",
            dir,
            "--stream",
            mode,
            "--no-charts",
            "--no-html",
            "--no-dedup",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let line = r
            .stderr
            .lines()
            .find(|l| l.starts_with("plausibility:"))
            .unwrap_or_default()
            .to_string();
        lines.push(line);
    }
    assert_eq!(lines[0], lines[1]);
    for want in [
        "10 implausible_toll",
        "10 far_from_named_region",
        "20 date_out_of_range",
    ] {
        assert!(lines[0].contains(want), "{want} in {}", lines[0]);
    }
}

/// A plain table (only text columns besides the point, the date and the
/// counts: the shape the lean validator takes) with values on the edge of
/// what it accepts: padded, quoted, escaped, non-breaking spaces, counts
/// written `12.0`, impossible dates, coordinates out of range, counts out
/// of order, missing points (those go to the gazetteer).
fn plain_table(n: usize) -> Vec<u8> {
    let mut rng = Rng(77);
    let mut out =
        b"id,date,lat,lon,deaths_low,deaths_best,deaths_high,place,admin1,country\n".to_vec();
    for i in 0..n {
        let lat = rng.range(10.0, 24.0);
        let lon = rng.range(-12.0, 4.0);
        let best = rng.below(40);
        let day = 1 + rng.below(28);
        let line = match rng.below(24) {
            0 => format!("p{i}, 2021-03-{day:02} , {lat:.4} ,{lon:.4},{best},{best}, {best} ,Mopti,,\n"),
            1 => format!("\"p{i}\",\"2021-03-{day:02}\",\"{lat:.4}\",\"{lon:.4}\",,\"{best}\",,\"Kaya, \"\"Centre\"\"\",,BF\n"),
            2 => format!("p{i},2021-03-{day:02},{lat:.4}\u{a0},{lon:.4},,{best},,x,,\n"),
            3 => format!("p{i},2021-03-{day:02},{lat:.4},{lon:.4},,{best}.0,,x,,\n"),
            4 => format!("p{i},2021-02-30,{lat:.4},{lon:.4},,{best},,x,,\n"),
            5 => format!("p{i},2021-3-{day},{lat:.4},{lon:.4},,{best},,x,,\n"),
            6 => format!("p{i},2021-03-{day:02},95.5,{lon:.4},,{best},,x,,\n"),
            7 => format!("p{i},2021-03-{day:02},{lat:.4},{lon:.4},{},{best},,x,,\n", best + 5),
            8 => format!("p{i},2021-03-{day:02},,,,{best},,Douentza,Mopti,\n"),
            9 => format!("p{i},2021-03-{day:02},{lat:.4},{lon:.4},,{best},,x,Mopti,Mali\n"),
            10 => format!("p{i},2021-03-{day:02},null,NA,,{best},,Gao,,\n"),
            11 => format!("p{i},2021-03-{day:02},+{lat:.2},{lon:.0}.,,{best},,x,,\n"),
            12 => format!("p{i},2021-03-{day:02}T10:00:00Z,{lat:.4},{lon:.4},,{best},,x,,\n"),
            13 => format!("p{i},,{lat:.4},{lon:.4},,,,x,,\n"),
            14 => format!("p{i},2021-03-{day:02},{lat:.4},{lon:.4},,1234567890,,x,,\n"),
            15 => format!("p{i},2021-03-{day:02},{lon:.4},{lat:.4},,{best},,x,,\n"),
            16 => format!("p{i},2021-03-{day:02},{lat:.4},{lon:.4},,-{best},,x,,\n"),
            17 => format!("p{i},2021-03-{day:02},{lat:.4},{lon:.4},,{best}\n"),
            18 => "\"\"\n".to_string(),
            _ => format!("p{i},2021-03-{day:02},{lat:.5},{lon:.5},{},{best},{},Village {i},,\n", best / 2, best + 2),
        };
        out.extend_from_slice(line.as_bytes());
    }
    out
}

#[test]
fn lean_validator_equals_the_general_one_on_plain_tables() {
    let t = same_tables_all_ways(plain_table(5_000), false);
    let rejects = t.read("s1/rejects.csv");
    for reason in [
        "is not a date",
        "is out of range",
        "is greater than",
        "look swapped",
    ] {
        assert!(
            rejects.contains(reason),
            "no `{reason}` reject:\n{}",
            &rejects[..rejects.len().min(2000)]
        );
    }
}

/// The files a run writes whatever the mode, and the summary on stderr
/// (the one line saying streamed records are not listed one by one left
/// out): the listing files (`incidents.*`, `review.csv`, the page) hold
/// only held records by design.
fn run_outputs(t: &TestDir, args: &[&str]) -> (i32, Vec<(String, Vec<u8>)>, String) {
    let r = t.run(args);
    let mut files = Vec::new();
    if let Ok(dir) = std::fs::read_dir(t.join("out")) {
        for e in dir.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let listing = name.starts_with("incidents.") || name == "review.csv";
            if !listing {
                files.push((name, std::fs::read(e.path()).unwrap()));
            }
        }
    }
    files.sort();
    let stderr = r
        .stderr
        .lines()
        .filter(|l| !l.contains("from streamed tables are counted"))
        .collect::<Vec<_>>()
        .join("\n");
    (r.code, files, stderr)
}

/// Runs `report` on `input` held and streamed (two threads, small blocks)
/// and says where the outputs differ, if anywhere.
fn held_vs_streamed(input: &std::path::Path, extra: &[&str]) -> Option<String> {
    let input = input.to_string_lossy().into_owned();
    let mut seen = Vec::new();
    for mode in ["never", "always"] {
        let t = TestDir::new();
        let mut args = vec![
            "report",
            &input,
            "-o",
            "out",
            "--no-charts",
            "--no-html",
            "--stream",
            mode,
            "--threads",
            "2",
            "--block-bytes",
            "97",
        ];
        args.extend(extra);
        seen.push(run_outputs(&t, &args));
    }
    let (held, streamed) = (&seen[0], &seen[1]);
    if held.0 != streamed.0 {
        return Some(format!("exit {} held, {} streamed", held.0, streamed.0));
    }
    if held.2 != streamed.2 {
        return Some(format!(
            "stderr differs:\nheld:\n{}\nstreamed:\n{}",
            held.2, streamed.2
        ));
    }
    let names = |s: &(i32, Vec<(String, Vec<u8>)>, String)| -> Vec<String> {
        s.1.iter().map(|(n, _)| n.clone()).collect()
    };
    if names(held) != names(streamed) {
        return Some(format!(
            "files differ: {:?} vs {:?}",
            names(held),
            names(streamed)
        ));
    }
    for ((name, a), (_, b)) in held.1.iter().zip(&streamed.1) {
        if a != b {
            return Some(format!(
                "{name} differs:\nheld:\n{}\nstreamed:\n{}",
                String::from_utf8_lossy(a),
                String::from_utf8_lossy(b)
            ));
        }
    }
    None
}

/// Issue 15: held and streamed give the same outputs (exit status, rejects,
/// summaries, flags, every table and layer) on every file of the bad-input
/// corpus, those the block reader streams (tables, NDJSON) and those it
/// leaves to the held readers alike.
#[test]
fn held_and_streamed_agree_on_every_bad_input() {
    let dir = crate::util::repo().join("tests/bad_inputs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "EXPECT.tsv"))
        .collect();
    files.sort();
    assert!(files.len() > 60, "{}", files.len());
    let mut bad = Vec::new();
    for f in &files {
        if let Some(why) = held_vs_streamed(f, &[]) {
            bad.push(format!("{}: {why}", f.display()));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n\n"));
}

/// Every reject kind of a table, with `--from/--to` cutting through it: a
/// swapped row dated before `--from` is a reject in both modes (the window
/// comes after the checks), ids repeated across block boundaries are
/// rejected against the first line, and the per-input counts agree.
#[test]
fn every_reject_kind_with_a_date_window_agrees_held_and_streamed() {
    let t = TestDir::new();
    let mut table = String::from("id,date,lat,lon,deaths_best,deaths_high,place,admin1\n");
    for i in 0..400 {
        let row = match i % 20 {
            0 => format!("r{i},2019-05-01,-4.19,14.49,3,,x,\n"), // swapped, before --from
            1 => format!("r{i},2021-05-01,-4.19,14.49,3,,x,\n"), // swapped, in the window
            2 => format!("r{i},2021-13-01,14.49,-4.19,3,,x,\n"), // not a date
            3 => format!("r{i},2021-05-01,14.49,-4.19,-3,,x,\n"), // negative
            4 => format!("r{i},2021-05-01,14.49,-4.19,3.5,,x,\n"), // fractional
            5 => format!("r{i},2021-05-01,95.0,-4.19,3,,x,\n"),  // out of range
            6 => format!("r{i},2021-05-01,14.49,-4.19,3\n"),     // field count
            7 => format!("r{}, 2021-05-02,14.49,-4.19,1,,x,\n", i - 7), // repeated id
            8 => format!("r{i},2021-05-01,14.49,-4.19,9,3,x,\n"), // best above high
            9 => format!("r{i},2021-05-01,,,2,,Douentza,Mopti\n"), // gazetteer
            10 => format!("r{i},2021-05-01,,,2,,Nowhereville,Mopti\n"), // unresolved
            11 => format!("r{i},2023-05-01,14.49,-4.19,5000,,x,\n"), // after --to, flagged
            12 => format!("r{i},2021-05-01,14.49,-11.4,3,,x,Mopti\n"), // far from Mopti
            13 => "#id,#date,#geo+lat,#geo+lon,,,,\n".to_string(), // HXL
            _ => format!(
                "r{i},2021-0{}-1{},14.49,-4.19,{},,x,\n",
                1 + i % 9,
                i % 10,
                i % 7
            ),
        };
        table.push_str(&row);
    }
    let mut bytes = table.into_bytes();
    bytes.extend_from_slice(b"bad,2021-05-01,14.49,-4.19,1,,\xe9,\n");
    let p = t.write("kinds.csv", bytes);
    let window = ["--from", "2020-01-01", "--to", "2022-12-31"];
    if let Some(why) = held_vs_streamed(&p, &window) {
        panic!("{why}");
    }
    // what both modes agree on is right: the swapped row before --from is
    // a reject, not a window drop
    let r = t.run(&[
        "report",
        "kinds.csv",
        "-o",
        "out",
        "--no-charts",
        "--no-html",
        "--stream",
        "always",
        "--from",
        "2020-01-01",
        "--to",
        "2022-12-31",
    ]);
    let rejects = t.read("out/rejects.csv");
    assert_eq!(
        rejects.matches("swapped they fall in").count(),
        40,
        "{rejects}"
    );
    assert!(
        rejects.contains("duplicate id r0 (first seen on line 2)"),
        "{rejects}"
    );
    assert!(rejects.contains("is not valid UTF-8"), "{rejects}");
    assert!(
        r.stderr
            .contains("20 incident(s) outside --from/--to left out"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("place \"Nowhereville\" not in the gazetteer"),
        "{}",
        r.stderr
    );
}

/// Issue 15's case: one bad row and one swapped row dated before
/// `--from`. Both modes give 2 rejects and no window drop.
#[test]
fn swapped_row_before_from_is_a_reject_in_both_modes() {
    let t = TestDir::new();
    let p = t.write(
        "s.csv",
        "id,date,lat,lon,deaths_best\na,2021-03-01,14.49,-4.19,2\nb,2019-03-01,-4.19,14.49,3\nc,2021-03-01,14.49,-4.19,-1\n",
    );
    assert_eq!(held_vs_streamed(&p, &["--from", "2020-01-01"]), None);
    let r = t.run(&[
        "report",
        "s.csv",
        "-o",
        "out",
        "--no-charts",
        "--stream",
        "always",
        "--from",
        "2020-01-01",
    ]);
    assert!(
        r.stderr.contains("3 record(s), 1 incident(s), 2 rejected"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("left out"), "{}", r.stderr);
}

/// NDJSON streams through the block reader (a new line-oriented reader is
/// one file): the same tables and rejects as the held NDJSON reader,
/// blank and comment lines, bad JSON, repeated ids and flags included.
#[test]
fn ndjson_streams_like_the_held_reader() {
    let t = TestDir::new();
    let mut rng = Rng(15);
    let mut text = String::new();
    for i in 0..3000 {
        let lat = rng.range(10.0, 24.0);
        let lon = rng.range(-12.0, 4.0);
        let best = rng.below(40);
        let line = match rng.below(30) {
            0 => String::new(),
            1 => "# a comment".to_string(),
            2 => format!("{{\"id\": \"n{i}\", \"date\": \"2021-03-0"),
            3 => "[1, 2]".to_string(),
            4 => format!("{{\"id\": \"n{}\", \"date\": \"2021-03-02\", \"lat\": {lat:.4}, \"lon\": {lon:.4}, \"deaths\": 1}}", i - 4),
            5 => format!("{{\"id\": \"n{i}\", \"date\": \"2021-03-02\", \"lat\": {lon:.4}, \"lon\": {lat:.4}, \"deaths\": 1}}"),
            6 => format!("{{\"id\": \"n{i}\", \"date\": \"2021-03-02\", \"place\": \"Douentza\", \"deaths\": {best}, \"source\": \"ngo\"}}"),
            7 => format!("{{\"id\": \"n{i}\", \"date\": \"1900-03-02\", \"lat\": {lat:.4}, \"lon\": {lon:.4}, \"deaths\": 4000}}"),
            _ => format!("{{\"id\": \"n{i}\", \"date\": \"2021-0{}-02\", \"lat\": {lat:.4}, \"lon\": {lon:.4}, \"deaths_best\": {best}, \"source\": \"wire\"}}", 1 + i % 9),
        };
        text.push_str(&line);
        text.push('\n');
    }
    let p = t.write("events.ndjson", text.as_bytes());
    for window in [&[][..], &["--from", "2021-03-01", "--to", "2021-06-30"][..]] {
        if let Some(why) = held_vs_streamed(&p, window) {
            panic!("{why}");
        }
    }
    let r = t.run(&[
        "report",
        "events.ndjson",
        "-o",
        "out",
        "--no-charts",
        "--stream",
        "always",
    ]);
    assert!(
        r.stderr.contains("from streamed tables"),
        "not streamed: {}",
        r.stderr
    );
    let rejects = t.read("out/rejects.csv");
    for want in [
        "invalid JSON",
        "not an object",
        "duplicate id",
        "look swapped",
    ] {
        assert!(rejects.contains(want), "{want}: {rejects}");
    }
}
