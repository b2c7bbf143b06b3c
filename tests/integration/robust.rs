//! Hostile input (issue 7): the bad-input corpus in `tests/bad_inputs/`,
//! driven by its manifest `EXPECT.tsv`, a 100 MB article made at test time,
//! hostile region names, and one regression test per bug the fuzzers and the
//! corpus found, named for what it was.

use crate::util::{repo, sample_incidents, TestDir};
use casualty_atlas::extract;
use casualty_atlas::gazetteer::Gazetteer;
use casualty_atlas::ingest::{read_bytes, Item};
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    repo().join("tests/bad_inputs")
}

/// One line of `EXPECT.tsv`.
struct Case {
    file: String,
    command: String,
    exit: i32,
    needle: String,
}

fn manifest() -> Vec<Case> {
    let text = std::fs::read_to_string(corpus().join("EXPECT.tsv")).expect("EXPECT.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                f.len(),
                4,
                "EXPECT.tsv line {l:?}: want 4 tab-separated fields"
            );
            Case {
                file: f[0].to_string(),
                command: f[1].to_string(),
                exit: f[2].parse().expect("exit code"),
                needle: f[3].to_string(),
            }
        })
        .collect()
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Runs one manifest case; returns a description of what went wrong, if anything.
fn check_case(c: &Case) -> Option<String> {
    let t = TestDir::new();
    let input = corpus().join(&c.file);
    let input_s = input.to_string_lossy().into_owned();
    let sample = sample_incidents().to_string_lossy().into_owned();
    let out = match c.command.as_str() {
        "report" => t.run(&["report", &input_s, "-o", "out", "--no-charts"]),
        "extract" => {
            std::fs::create_dir_all(t.join("out")).expect("mkdir");
            t.run(&["extract", &input_s, "-o", "out/incidents.ndjson"])
        }
        "by" => t.run(&["report", &sample, "--by", &input_s, "-o", "out"]),
        "gazetteer" => {
            let bytes = std::fs::read(&input).expect("read corpus file");
            t.write("gaz/places.tsv", bytes);
            std::fs::copy(
                repo().join("gazetteer/admin1.geojson"),
                t.join("gaz/admin1.geojson"),
            )
            .expect("copy admin1");
            t.run(&["report", &sample, "--gazetteer", "gaz", "-o", "out"])
        }
        "import" => t.run(&["gazetteer", "import", &input_s, "--out", "out/gaz"]),
        other => return Some(format!("unknown command {other:?} in EXPECT.tsv")),
    };
    let what = format!("{} ({})", c.file, c.command);
    if out.stderr.contains("panicked") {
        return Some(format!("{what}: panicked:\n{}", out.stderr));
    }
    if out.code != c.exit {
        return Some(format!(
            "{what}: exit {} (want {}); stderr:\n{}",
            out.code, c.exit, out.stderr
        ));
    }
    let rejects = std::fs::read_to_string(t.join("out/rejects.csv")).unwrap_or_default();
    let said = format!("{}\n{rejects}", out.stderr);
    if !said.contains(&c.needle) {
        return Some(format!(
            "{what}: message lacks {:?}; stderr:\n{}\nrejects.csv:\n{rejects}",
            c.needle, out.stderr
        ));
    }
    // a clear message names the file (stderr, or the rejects' source column)
    let named = if c.command == "gazetteer" {
        "places.tsv"
    } else {
        c.file.as_str()
    };
    if c.exit != 0 && !said.contains(named) {
        return Some(format!(
            "{what}: no message names the file; stderr:\n{}",
            out.stderr
        ));
    }
    let written = files_under(&t.join("out"));
    if let Some(tmp) = written.iter().find(|p| {
        let n = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        n.starts_with('.') || n.contains(".tmp")
    }) {
        return Some(format!(
            "{what}: temporary file left behind: {}",
            tmp.display()
        ));
    }
    if c.exit == 2 && !written.is_empty() {
        return Some(format!(
            "{what}: failed before writing, yet wrote {:?}",
            written
        ));
    }
    // nothing written outside the output folder (region names are not paths)
    let stray: Vec<PathBuf> = files_under(t.path())
        .into_iter()
        .filter(|p| !p.starts_with(t.join("out")) && !p.starts_with(t.join("gaz")))
        .collect();
    if !stray.is_empty() {
        return Some(format!(
            "{what}: wrote outside the output folder: {stray:?}"
        ));
    }
    None
}

#[test]
fn bad_input_corpus_follows_its_manifest() {
    let cases = manifest();
    assert!(cases.len() >= 30, "the corpus needs at least 30 cases");
    // every corpus file is in the manifest
    for e in std::fs::read_dir(corpus()).expect("corpus dir").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name != "EXPECT.tsv" {
            assert!(
                cases.iter().any(|c| c.file == name),
                "{name} is in tests/bad_inputs but not in EXPECT.tsv"
            );
        }
    }
    let failures: Vec<String> = std::thread::scope(|s| {
        let half = cases.len() / 2;
        let (a, b) = cases.split_at(half);
        let ha = s.spawn(|| a.iter().filter_map(check_case).collect::<Vec<_>>());
        let hb = s.spawn(|| b.iter().filter_map(check_case).collect::<Vec<_>>());
        let mut f = ha.join().expect("thread");
        f.extend(hb.join().expect("thread"));
        f
    });
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn hostile_region_names_are_escaped_in_svg_and_html() {
    let t = TestDir::new();
    let sample = sample_incidents().to_string_lossy().into_owned();
    let by = corpus().join("regions_html_name.geojson");
    let out = t.run(&[
        "report",
        &sample,
        "--by",
        &by.to_string_lossy(),
        "-o",
        "out",
        "--chart-format",
        "svg",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let files = files_under(&t.join("out"));
    let mut seen_markup = 0;
    for p in &files {
        let ext = p.extension().map(|e| e.to_string_lossy().into_owned());
        if matches!(ext.as_deref(), Some("svg" | "html" | "xml" | "qml")) {
            seen_markup += 1;
            let text = std::fs::read_to_string(p).expect("read");
            assert!(
                !text.contains("<script>alert"),
                "{}: region name written unescaped",
                p.display()
            );
            assert!(!text.contains("</svg><b>"), "{}: unescaped", p.display());
        }
    }
    // index.html and the four SVG charts
    assert!(seen_markup >= 5, "SVG/HTML missing: {files:?}");
}

/// A 100 MB article (generated here, never committed): read within memory
/// and time bounds, without a panic, its one real report found.
#[test]
fn article_of_100_mb() {
    let t = TestDir::new();
    let filler =
        "Villagers gathered at the market to talk about the coming rains and the price of millet. ";
    let mut body = String::with_capacity(100 << 20);
    body.push_str("---\npublished: 2020-03-05\n---\n");
    while body.len() < 100 << 20 {
        body.push_str(filler);
        if body.len() % (1 << 20) < filler.len() {
            body.push('\n');
        }
    }
    body.push_str("\nGunmen killed 14 villagers in Ogossagou on 3 March 2020.\n");
    t.write("huge.txt", &body);
    drop(body);
    let started = std::time::Instant::now();
    let out = t.run(&[
        "report",
        "huge.txt",
        "-o",
        "out",
        "--no-charts",
        "--no-html",
    ]);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("deaths low/best/high 14/14/14"),
        "{}",
        out.stderr
    );
    // no timed assertion (speed is for benchmarks): the time is printed
    eprintln!("100 MB article: {:?}", started.elapsed());
}

// ---- regressions found by the corpus and the fuzzers ----

fn embedded() -> &'static Gazetteer {
    static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    G.get_or_init(|| Gazetteer::default_embedded().expect("embedded gazetteer"))
}

fn tolls_of(text: &str) -> Vec<Option<u32>> {
    let published = chrono::NaiveDate::from_ymd_opt(2020, 3, 5);
    let (doc, _) = extract::parse_document("a.txt", text.as_bytes(), published);
    extract::extract(&doc, embedded())
        .iter()
        .map(|i| i.deaths.best)
        .collect()
}

/// "1e12 killed" was read as "1", "e" and "12 killed": a toll of 12.
#[test]
fn scientific_notation_is_not_a_smaller_toll() {
    let tolls = tolls_of("Reports said 1e12 killed in Mopti on 3 March 2020.");
    assert!(!tolls.contains(&Some(12)), "{tolls:?}");
    assert!(!tolls.contains(&Some(1)), "{tolls:?}");
}

/// "9999999999 people" was saturated to 4294967295 deaths.
#[test]
fn toll_beyond_u32_is_not_saturated() {
    let tolls = tolls_of("Attackers killed 9999999999 people in Mopti on 3 March 2020.");
    assert!(!tolls.contains(&Some(u32::MAX)), "{tolls:?}");
}

/// Two places with one id were both kept; lookups by id were then ambiguous.
#[test]
fn duplicate_gazetteer_ids_are_refused() {
    let text = std::fs::read_to_string(corpus().join("gaz_dup_ids.tsv")).expect("corpus");
    let err = Gazetteer::from_tsv_str(&text, Path::new("places.tsv"))
        .expect_err("duplicate ids must be an error");
    let msg = err.to_string();
    assert!(
        msg.contains("places.tsv") && msg.contains("line 3"),
        "{msg}"
    );
}

/// A UTF-16 CSV was reported as "header does not describe incidents".
#[test]
fn utf16_csv_is_named_as_utf16() {
    let bytes = std::fs::read(corpus().join("utf16_bom.csv")).expect("corpus");
    let err =
        read_bytes(Path::new("u.csv"), &bytes, &mut |_| {}).expect_err("UTF-16 must be refused");
    assert!(err.to_string().contains("UTF-16"), "{err}");
}

/// `read_bytes` and `read_file` agree (the fuzz targets use `read_bytes`).
#[test]
fn read_bytes_matches_read_file() {
    for name in [
        "huge_deaths.csv",
        "truncated.ndjson",
        "truncated.geojson",
        "acled_bad_rows.csv",
    ] {
        let p = corpus().join(name);
        let bytes = std::fs::read(&p).expect("corpus");
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let sa = casualty_atlas::ingest::read_file(&p, &mut |i| a.push(i)).expect("read_file");
        let sb = read_bytes(&p, &bytes, &mut |i| b.push(i)).expect("read_bytes");
        assert_eq!(sa, sb, "{name}");
        assert_eq!(a, b, "{name}");
        assert!(a.iter().any(|i| matches!(i, Item::Reject(_))), "{name}");
    }
}

/// The same dump given twice (or a dump repeating an id) wrote a
/// `places.tsv` with repeated ids: every place was ambiguous with itself,
/// and the folder no longer loads now that ids must be unique.
#[test]
fn import_of_a_dump_given_twice_writes_unique_ids() {
    use casualty_atlas::gazetteer::import::{import, ImportSpec};
    let t = TestDir::new();
    let dump = t.write("ML.txt", "2455456\tKinmparana\tKinmparana\tKimparana\t12.84217\t-4.9245\tP\tPPL\tML\t\t04\t\t\t\t0\t\t290\tAfrica/Bamako\t2012-01-01\n");
    let spec = ImportSpec {
        dumps: vec![dump.clone(), dump],
        out_dir: t.join("gaz"),
        ..Default::default()
    };
    let summary = import(&spec).expect("import");
    assert_eq!(summary.bad_rows, 1, "{:?}", summary.bad_row_examples);
    let g = Gazetteer::load_dir(&spec.out_dir).expect("the folder loads");
    let r = g.resolve("Kimparana", &Default::default());
    assert!(!r.is_ambiguous());
}

/// Found by the `regions` fuzz target (crash-ecb7aedf): a polygon position
/// with one number (`[-6]`) panicked inside geojson's conversion
/// ("index out of bounds: the len is 1 but the index is 1").
#[test]
fn region_position_with_one_number_is_an_error_not_a_panic() {
    use casualty_atlas::region::{Level, RegionSet};
    let text =
        std::fs::read_to_string(corpus().join("regions_short_position.geojson")).expect("corpus");
    let p = Path::new("r.geojson");
    let level = Level::File {
        path: p.to_path_buf(),
        field: None,
    };
    let err = RegionSet::from_geojson_str(level, &text, p, None)
        .expect_err("a short position must be refused");
    assert!(err.to_string().contains("r.geojson"), "{err}");
}

/// Issue 18, items 6 and 7: every hostile file of the corpus (and a folder)
/// through `report --quiet`. `--quiet` silences progress and the summary,
/// never the reason for a non-zero exit: stderr names the input and says
/// why; when nothing was usable the exit is 2 and nothing is written.
#[test]
fn quiet_report_says_why_on_every_nonzero_exit() {
    let t = TestDir::new();
    std::fs::create_dir_all(t.join("a_folder")).expect("mkdir");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "EXPECT.tsv"))
        .collect();
    inputs.sort();
    inputs.push(t.join("a_folder"));
    assert!(inputs.len() >= 23, "at least 23 hostile inputs");
    let check = |(k, input): (usize, &PathBuf)| -> Option<String> {
        let out_dir = format!("out{k}");
        let s = input.to_string_lossy().into_owned();
        let o = t.run(&[
            "report",
            &s,
            "-o",
            &out_dir,
            "--quiet",
            "--no-charts",
            "--no-html",
        ]);
        let name = input.file_name()?.to_string_lossy().into_owned();
        if o.stderr.contains("panicked") {
            return Some(format!("{name}: panicked: {}", o.stderr));
        }
        if o.code == 0 {
            return None;
        }
        let says = o
            .stderr
            .lines()
            .any(|l| l.contains(&name) && l.len() > name.len() + 20);
        if !says {
            return Some(format!(
                "{name}: exit {} with no reason naming it on stderr: {:?}",
                o.code, o.stderr
            ));
        }
        if o.code == 2 && t.join(&out_dir).exists() {
            return Some(format!("{name}: exit 2 yet {out_dir} was written"));
        }
        None
    };
    let indexed: Vec<(usize, &PathBuf)> = inputs.iter().enumerate().collect();
    let (a, b) = indexed.split_at(indexed.len() / 2);
    let failures: Vec<String> = std::thread::scope(|s| {
        let ha = s.spawn(|| a.iter().copied().filter_map(check).collect::<Vec<_>>());
        let mut f: Vec<String> = b.iter().copied().filter_map(check).collect();
        f.extend(ha.join().expect("thread"));
        f
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
