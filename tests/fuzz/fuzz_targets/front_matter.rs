//! Front matter: every input is read as an article that opens with `---`.
#![no_main]

use casualty_atlas::extract;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"---\n".to_vec();
    bytes.extend_from_slice(data);
    let (doc, _warnings) = extract::parse_document("fuzz.md", &bytes, None);
    assert!(doc.body_offset <= doc.text.len());
    assert!(doc.text.is_char_boundary(doc.body_offset));
});
