//! Document-level tests: front matter, garbage input, whole-article extraction.

use super::*;

#[test]
fn front_matter_fields() {
    let src = "---\ntitle: \"Gunmen attack village\"\npublished: 2024-03-25\nsource: wire\n---\nBody text.\n";
    let (d, w) = parse_document("x.txt", src.as_bytes(), None);
    assert!(w.is_empty());
    assert_eq!(d.title.as_deref(), Some("Gunmen attack village"));
    assert_eq!(d.source.as_deref(), Some("wire"));
    assert_eq!(d.published, NaiveDate::from_ymd_opt(2024, 3, 25));
    assert_eq!(&d.text[d.body_offset..], "Body text.\n");
}
