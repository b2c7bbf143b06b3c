//! Article bytes → document → incidents, with the embedded gazetteer.
#![no_main]

use casualty_atlas::extract;
use casualty_atlas::gazetteer::Gazetteer;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static GAZ: OnceLock<Gazetteer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let gaz = GAZ.get_or_init(|| Gazetteer::default_embedded().expect("embedded gazetteer"));
    let published = chrono::NaiveDate::from_ymd_opt(2024, 3, 15);
    let (doc, _warnings) = extract::parse_document("fuzz.txt", data, published);
    for inc in extract::extract(&doc, gaz) {
        // evidence spans must point into the text
        if let Some([s, e]) = inc.article().span {
            assert!(s <= e && e <= doc.text.len(), "span out of the text");
            assert!(doc.text.is_char_boundary(s) && doc.text.is_char_boundary(e));
        }
    }
});
