//! Streaming (bounded memory, all cores) gives the same tables, byte for
//! byte, as holding every record, whatever the thread count; and the same
//! rejects.

use crate::util::{Rng, TestDir};

/// A table with quoted fields (commas, doubled quotes, a newline inside
/// quotes), bad rows of several kinds, blank lines and no final newline.
fn tricky_table(n: usize) -> Vec<u8> {
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
        out.extend_from_slice(line.as_bytes());
        if i % 97 == 0 {
            out.extend_from_slice(format!("bad{i},2020-01-01,14.0,-4.0,,1,,S").as_bytes());
            out.extend_from_slice(b"\xe9gou,,\n");
        }
    }
    out.extend_from_slice(b"last,2020-02-02,14.5,-4.2,,5,,\"no newline\",,");
    out
}

#[test]
fn streamed_tables_equal_held_tables_for_any_thread_count() {
    let t = TestDir::new();
    t.write("big.csv", tricky_table(20_000));
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
            assert_eq!(
                held,
                t.read(&format!("{d}/{f}")),
                "{f} differs between held and {d}"
            );
        }
    }
    // the rejects name the right lines: line numbers count the embedded newlines
    let rejects = t.read("s2/rejects.csv");
    assert!(
        rejects.contains("column `place` is not valid UTF-8"),
        "{rejects}"
    );
    assert!(rejects.contains("is negative"));
}
