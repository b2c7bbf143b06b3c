//! # casualty-atlas
//!
//! Casualty incidents from news articles and event files (ACLED, UCDP GED,
//! spreadsheets), located with a gazetteer, indexed in an R-tree, assigned to
//! regions and aggregated by region × period, written as GeoJSON layers, CSV
//! tables and charts.
//!
//! The pipeline, one module per stage, each handing the next a value:
//!
//! ```text
//! ingest (files → Incident | Reject) ─┐
//! extract (articles → Incident)  ─────┼─> geocode (gazetteer) ─> spatial (R-tree) ─> dedup
//!                                     │        ─> region (point → region) ─> aggregate (region × period)
//!                                     └────────────────────────────────────> export (GeoJSON, CSV, PNG)
//! ```
//!
//! `pipeline::run` is the only place that knows this order; `cli` turns
//! command-line arguments into a `pipeline::Plan`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod aggregate;
pub mod cmd;
pub mod dedup;
pub mod error;
pub mod explain;
pub mod export;
pub mod extract;
pub mod fsio;
pub mod gazetteer;
pub mod geocode;
pub mod ingest;
pub mod merge;
pub mod model;
pub mod names;
pub mod period;
pub mod pipeline;
pub mod plausible;
pub mod prepare;
pub mod raster;
pub mod region;
pub mod spatial;
pub mod stream;
pub mod words;

pub use error::{Error, Result};
pub use model::{DatePrecision, GeoPrecision, Incident, Reject};
