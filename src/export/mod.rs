//! Writers: GeoJSON layers, CSV tables, charts. Every file is written
//! atomically ([`crate::fsio`]): to a temporary file in the same folder, then renamed.

pub mod chart_input;
pub mod geojson;
pub mod html;
pub mod layers;
pub mod period_layer;
pub mod qml;
pub mod style;
pub mod table;

pub mod chart;

/// The atomic writers live on the ground floor ([`crate::fsio`]), where the
/// gazetteer import and dedup reach them too; re-exported for the writers here.
pub use crate::fsio::{write_atomic, write_atomic_with};
