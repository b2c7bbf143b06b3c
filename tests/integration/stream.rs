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
