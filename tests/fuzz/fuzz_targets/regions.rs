//! Region polygons (`--by FILE.geojson`) from arbitrary GeoJSON text, then
//! locating a few points.
#![no_main]

use casualty_atlas::region::{Level, RegionSet};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let level = Level::File {
        path: PathBuf::from("fuzz.geojson"),
        field: None,
    };
    if let Ok(set) = RegionSet::from_geojson_str(level, text, Path::new("fuzz.geojson"), None) {
        for (lon, lat) in [
            (0.0, 0.0),
            (-1.5, 14.0),
            (180.0, 90.0),
            (-180.0, -90.0),
            (f64::NAN, 1.0),
        ] {
            let _ = set.locate(lon, lat);
            let _ = set.nearest_within(lon, lat, 50.0);
        }
    }
});
