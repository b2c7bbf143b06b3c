//! `gazetteer import` on an arbitrary GeoNames dump (given twice, as a user
//! might), then loading the folder it wrote.
#![no_main]

use casualty_atlas::gazetteer::import::{import, ImportSpec};
use casualty_atlas::gazetteer::Gazetteer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let dump = dir.path().join("ML.txt");
    if std::fs::write(&dump, data).is_err() {
        return;
    }
    let spec = ImportSpec {
        dumps: vec![dump.clone(), dump],
        out_dir: dir.path().join("gaz"),
        without_curated: true,
        ..Default::default()
    };
    if import(&spec).is_ok() {
        let g = Gazetteer::load_dir(&spec.out_dir);
        assert!(
            g.is_ok(),
            "import wrote a gazetteer it cannot load: {:?}",
            g.err()
        );
    }
});
