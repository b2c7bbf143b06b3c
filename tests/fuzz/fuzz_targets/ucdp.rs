//! The ucdp export reader: a real header line, then arbitrary rows.
#![no_main]

use casualty_atlas::ingest::{read_bytes, Item};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

const HEADER: &[u8] = b"id,year,type_of_violence,conflict_name,side_a,side_b,country,adm_1,adm_2,where_coordinates,latitude,longitude,where_prec,date_start,date_end,date_prec,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low\n";

fuzz_target!(|data: &[u8]| {
    let mut bytes = HEADER.to_vec();
    bytes.extend_from_slice(data);
    let (mut inc, mut rej) = (0u64, 0u64);
    let res = read_bytes(Path::new("fuzz_ucdp.csv"), &bytes, &mut |it| match it {
        Item::Incident(_) => inc += 1,
        Item::Reject(_) => rej += 1,
    });
    if let Ok(st) = res {
        assert_eq!(st.incidents, inc);
        assert_eq!(st.rejected, rej);
    }
});
