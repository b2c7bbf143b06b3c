//! The geojson incident reader on arbitrary bytes (`ingest::read_bytes`).
#![no_main]

use casualty_atlas::ingest::{read_bytes, Item};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let (mut inc, mut rej) = (0u64, 0u64);
    let res = read_bytes(Path::new("fuzz.geojson"), data, &mut |it| match it {
        Item::Incident(_) => inc += 1,
        Item::Reject(_) => rej += 1,
    });
    if let Ok(st) = res {
        // every record is either used or rejected, once
        assert_eq!(st.incidents, inc);
        assert_eq!(st.rejected, rej);
        assert_eq!(st.records, inc + rej, "records != incidents + rejects");
    }
});
