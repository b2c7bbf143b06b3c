//! # casualty-atlas
//!
//! Casualty incidents from news articles and event files (ACLED, UCDP GED,
//! spreadsheets), located with a gazetteer, indexed in an R-tree, assigned to
//! regions and aggregated by region × period, written as GeoJSON layers, CSV
//! tables and charts.
//!
//! ## Floor plan
//!
//! The `report` pipeline, one module per stage, each handing the next a value
//! (`pipeline::run` is the only place that knows this order):
//!
//! ```text
//! stage            module              hands on
//! ---------------  ------------------  ---------------------------------------------------
//! command line     cmd                 pipeline::Plan (report), or a direct call (the rest)
//! read tables      ingest              Incident | Reject, record by record
//! read articles    extract             Document -> Incident
//! one record path  prepare             Incident kept (geocoded, flagged, in --from/--to) | Reject
//!   locate         geocode, gazetteer  Incident with coordinates and a GeoPrecision
//!   flag           plausible           Incident with plausibility flags
//! big tables       stream              Tally per slot x period, records never held
//! merge reports    dedup (spatial)     DedupOutcome: Incident per event, ClusterRecord
//! assign regions   region (raster)     RegionSet; Assigner: point -> slot(s)
//! aggregate        aggregate, period   Aggregate: slot x period -> Tally
//! write            export              GeoJSON layers, CSV tables, PNG/SVG charts, index.html
//! summary          pipeline            pipeline::Report, printed by cmd
//! ```
//!
//! Ground floor, used by every stage: `model` (Incident and its typed parts:
//! Deaths, EventType, Flag, the precisions and their ACLED/UCDP codes, the
//! boxed article and merge field groups; Reject), `error`, `fsio` (atomic writes), `names`, `normalize` (name folding, edit
//! distance), `words`. Beside the pipeline: `merge` (the `merge` command),
//! `explain` (why an input was not usable), `spatial` (the R-tree, also
//! behind `query`).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// the command line
pub mod cmd;

// ground floor
pub mod error;
pub mod fsio;
pub mod model;
pub mod names;
pub mod normalize;
pub mod words;

// stages, in pipeline order
pub mod ingest;

pub mod extract;

pub mod prepare;

pub mod gazetteer;
pub mod geocode;
pub mod plausible;

pub mod stream;

pub mod dedup;
pub mod spatial;

pub mod raster;
pub mod region;
pub mod snap;

pub mod aggregate;
pub mod period;

pub mod export;

pub mod pipeline;

// beside the pipeline
pub mod explain;
pub mod merge;

pub use error::{Error, Result};
pub use model::{DatePrecision, GeoPrecision, Incident, Reject};

/// mimalloc for every binary linked to this crate (the tool, its tests and
/// benches): extraction allocates many short-lived strings and vectors, and
/// the system allocator's bookkeeping was about a sixth of its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
