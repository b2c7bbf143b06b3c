//! Writes the name index of the embedded gazetteer (`gazetteer/places.tsv`)
//! to `$OUT_DIR/names.tsv`, so the binary starts without normalising every
//! name. The index code is the library's own (`src/gazetteer/name_index.rs`).

#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;

#[allow(dead_code)]
#[path = "src/gazetteer/name_index.rs"]
mod name_index;

fn main() {
    println!("cargo:rerun-if-changed=gazetteer/places.tsv");
    println!("cargo:rerun-if-changed=src/normalize.rs");
    println!("cargo:rerun-if-changed=src/gazetteer/name_index.rs");
    let text = std::fs::read_to_string("gazetteer/places.tsv").expect("gazetteer/places.tsv");
    let index = name_index::index_text(name_index::entries_of_tsv(&text));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("names.tsv");
    std::fs::write(out, index).expect("write names.tsv");
}
