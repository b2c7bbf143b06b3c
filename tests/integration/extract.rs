//! Extraction through the public API on the fixture articles, with the
//! shipped gazetteer: every record is well-formed whatever the gazetteer
//! knows, and the fixtures' events come out once each.

use crate::util::{col, read_csv, TestDir};
use casualty_atlas::extract::{read_document, Extractor};
use casualty_atlas::gazetteer::Gazetteer;
use std::path::PathBuf;

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

#[test]
fn records_are_well_formed() {
    let gaz = Gazetteer::default_embedded().expect("embedded gazetteer");
    let mut x = Extractor::new(&gaz);
    let mut total = 0;
    for path in fixtures() {
        let (doc, _) = read_document(&path, None).expect("readable");
        let inc = x.extract(&doc);
        for (n, i) in inc.iter().enumerate() {
            total += 1;
            assert_eq!(&*i.doc, doc.name);
            let stem = doc.name.trim_end_matches(".txt");
            assert_eq!(i.id, format!("{stem}-{}", n + 1));
            assert_eq!(i.source.as_deref(), Some("article"));
            let [s, e] = i.article().span.expect("span");
            assert_eq!(
                doc.text.get(s..e),
                i.article().evidence.as_deref(),
                "{}",
                i.id
            );
            assert!(i.place.is_some(), "{}", i.id);
            if let (Some(l), Some(b)) = (i.deaths.low, i.deaths.best) {
                assert!(l <= b, "{}", i.id);
            }
            if let (Some(b), Some(h)) = (i.deaths.best, i.deaths.high) {
                assert!(b <= h, "{}", i.id);
            }
            if let (Some(a), Some(b)) = (i.date_start, i.date_end) {
                assert!(a <= b, "{}", i.id);
            }
            assert!(i
                .article()
                .confidence
                .is_some_and(|c| (0.0..=1.0).contains(&c)));
            // NDJSON round trip
            let line = serde_json::to_string(i).expect("json");
            let back: casualty_atlas::Incident = serde_json::from_str(&line).expect("parse back");
            assert_eq!(&back, i);
        }
    }
    assert!(total >= 6, "only {total} incidents from the fixtures");
}

#[test]
fn general_statements_give_nothing_with_any_gazetteer() {
    let gaz = Gazetteer::default_embedded().expect("embedded gazetteer");
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles/general.txt");
    let (doc, _) = read_document(&path, None).expect("readable");
    assert!(Extractor::new(&gaz).extract(&doc).is_empty());
}

/// Issue 13, point 6: a report writes the analyst's review queue and the
/// page lists it before the map.
#[test]
fn report_writes_the_review_queue_and_the_page_lists_it_first() {
    let t = TestDir::new();
    t.write(
        "story.txt",
        "---\npublished: 2023-02-14\n---\nGunmen stormed the market of Dallah on Sunday, killing \
         at least 12 traders, the mayor said. Residents later counted 30 dead.\n",
    );
    let o = t.run(&["report", "story.txt", "-o", "out", "--no-charts"]);
    assert!(o.code <= 1, "{}", o.stderr);
    let (h, rows) = read_csv(&t.join("out/review.csv"));
    assert_eq!(rows.len(), 1, "{rows:?}");
    let reasons = &rows[0][col(&h, "reasons")];
    assert!(reasons.contains("competing_figures"), "{reasons}");
    assert!(reasons.contains("date_inferred"), "{reasons}");
    assert!(rows[0][col(&h, "toll_candidates")].contains("12+"));
    let page = t.read("out/index.html");
    let review = page
        .find("To check before publishing")
        .expect("review section");
    let map = page.find("id=\"map-section\"").expect("map");
    assert!(review < map);
}
