//! The acled export reader: a real header line, then arbitrary rows.
#![no_main]

use casualty_atlas::ingest::{read_bytes, Item};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

const HEADER: &[u8] = b"event_date,year,event_type,sub_event_type,actor1,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities,event_id_cnty,time_precision\n";

fuzz_target!(|data: &[u8]| {
    let mut bytes = HEADER.to_vec();
    bytes.extend_from_slice(data);
    let (mut inc, mut rej) = (0u64, 0u64);
    let res = read_bytes(Path::new("fuzz_acled.csv"), &bytes, &mut |it| match it {
        Item::Incident(_) => inc += 1,
        Item::Reject(_) => rej += 1,
    });
    if let Ok(st) = res {
        assert_eq!(st.incidents, inc);
        assert_eq!(st.rejected, rej);
    }
});
