//! The region × period layer in a format that scales: each geometry once.
//!
//! - **GeoJSON** (`regions_<level>_<period>.geojson`): one feature per
//!   region × period, the polygon repeated in each (what small runs write;
//!   see [`crate::export::geojson::write_region_periods`]).
//! - **GeoPackage** (`regions_<level>_<period>.gpkg`): a feature table
//!   `<level>_regions` holding each slot's polygon once, an attribute table
//!   `<level>_<period>_values` with one row per region × period (`period`,
//!   `period_start`, `period_end` as SQLite `DATE`, the tallies), and a
//!   spatial view `regions_<level>_<period>` joining them: the layer QGIS
//!   and `ogrinfo` open, one feature per region × period with Date fields.
//! - **FlatGeobuf** (`regions_<level>_<period>.fgb`): one feature per slot
//!   (its polygon once, Hilbert-sorted with the packed R-tree index) and six
//!   columns per period (`events_<period>`, `deaths_low_<period>`, ...):
//!   the wide form, the only one a single-table format allows without
//!   repeating geometry.
//!
//! `--layer-format auto` (the default) keeps GeoJSON while the estimated
//! GeoJSON stays under [`AUTO_GEOJSON_MAX_BYTES`] and writes GeoPackage above.

use super::layers::{describe, SlotInfo};
use crate::aggregate::{Aggregate, Tally};
use crate::error::{Error, Result};
use crate::period::Period;
use crate::region::{RegionSet, Slot};
use geo::{BoundingRect, CoordsIter, MultiPolygon};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Above this estimated size (bytes) `auto` leaves GeoJSON for GeoPackage:
/// GeoJSON has no index and must be parsed whole, and a polygon layer of
/// this size already takes seconds to open in QGIS or `ogrinfo`.
pub const AUTO_GEOJSON_MAX_BYTES: u64 = 64 << 20;

/// A file format for the region × period layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerFormat {
    /// GeoJSON, a feature per region × period (polygon repeated).
    GeoJson,
    /// GeoPackage: polygons once, a period table, a view joining them.
    Gpkg,
    /// FlatGeobuf: polygons once, a column per period and tally.
    Fgb,
}

impl LayerFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            LayerFormat::GeoJson => "geojson",
            LayerFormat::Gpkg => "gpkg",
            LayerFormat::Fgb => "fgb",
        }
    }

    /// The name users read.
    pub fn label(self) -> &'static str {
        match self {
            LayerFormat::GeoJson => "GeoJSON",
            LayerFormat::Gpkg => "GeoPackage",
            LayerFormat::Fgb => "FlatGeobuf",
        }
    }
}

/// `--layer-format`: a fixed format, or `auto` by size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LayerChoice {
    /// GeoJSON for small layers, GeoPackage above [`AUTO_GEOJSON_MAX_BYTES`].
    #[default]
    Auto,
    /// Always this format.
    Fixed(LayerFormat),
}

impl LayerChoice {
    /// Parses `auto | geojson | gpkg | fgb` (and the long names).
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::export::period_layer::{LayerChoice, LayerFormat};
    /// assert_eq!(LayerChoice::parse("GPKG").unwrap(), LayerChoice::Fixed(LayerFormat::Gpkg));
    /// assert_eq!(LayerChoice::parse("flatgeobuf").unwrap(), LayerChoice::Fixed(LayerFormat::Fgb));
    /// assert!(LayerChoice::parse("shp").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "auto" => LayerChoice::Auto,
            "geojson" | "json" => LayerChoice::Fixed(LayerFormat::GeoJson),
            "gpkg" | "geopackage" => LayerChoice::Fixed(LayerFormat::Gpkg),
            "fgb" | "flatgeobuf" => LayerChoice::Fixed(LayerFormat::Fgb),
            other => {
                return Err(Error::Usage(format!(
                    "--layer-format {other:?} is not one of auto, geojson, gpkg, fgb"
                )))
            }
        })
    }
}

/// About how many bytes the GeoJSON region × period layer would take:
/// each row's polygon written out (about 24 bytes a vertex) plus its
/// properties.
pub fn estimated_geojson_bytes(agg: &Aggregate, regions: &RegionSet) -> u64 {
    let mut per_slot: BTreeMap<&Slot, u64> = BTreeMap::new();
    let mut total = 0u64;
    for (slot, _) in agg.cells.keys() {
        let g = *per_slot.entry(slot).or_insert_with(|| match slot {
            Slot::Region(i) => regions.regions()[*i].geometry.coords_count() as u64 * 24,
            Slot::Cell(..) => 5 * 24,
            _ => 4,
        });
        total += g + 300;
    }
    total
}

/// What [`write`] did: the file, its format, and why when `auto` chose it.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The file written.
    pub path: PathBuf,
    /// Its format.
    pub format: LayerFormat,
    /// A line for the summary when `auto` left GeoJSON.
    pub note: Option<String>,
}

/// Writes the region × period layer of one level into `dir` as
/// `regions_<label>_<granularity>.<ext>`, in the format `choice` gives.
pub fn write(
    dir: &Path,
    label: &str,
    granularity: &str,
    choice: LayerChoice,
    agg: &Aggregate,
    regions: &RegionSet,
) -> Result<Written> {
    let layer = Layer {
        label,
        granularity,
        agg,
        regions,
    };
    write_limited(dir, &layer, choice, AUTO_GEOJSON_MAX_BYTES)
}

/// The layer of one level and granularity: its names and its rows.
#[derive(Clone, Copy)]
struct Layer<'a> {
    label: &'a str,
    granularity: &'a str,
    agg: &'a Aggregate,
    regions: &'a RegionSet,
}

/// [`write`] with the `auto` limit given (tests).
fn write_limited(dir: &Path, layer: &Layer, choice: LayerChoice, limit: u64) -> Result<Written> {
    let (label, granularity) = (layer.label, layer.granularity);
    let (format, note) = match choice {
        LayerChoice::Fixed(f) => (f, None),
        LayerChoice::Auto => {
            let est = estimated_geojson_bytes(layer.agg, layer.regions);
            if est > limit {
                (
                    LayerFormat::Gpkg,
                    Some(format!(
                        "the region x {granularity} layer by {label} would be a GeoJSON of about {} MB (each polygon repeated in {} rows): written as GeoPackage, each polygon once (--layer-format geojson to force GeoJSON)",
                        est / 1_000_000,
                        layer.agg.cells.len()
                    )),
                )
            } else {
                (LayerFormat::GeoJson, None)
            }
        }
    };
    let path = dir.join(format!(
        "regions_{label}_{granularity}.{}",
        format.extension()
    ));
    match format {
        LayerFormat::GeoJson => {
            super::geojson::write_region_periods(&path, layer.agg, layer.regions)?
        }
        LayerFormat::Gpkg => write_gpkg(&path, layer)?,
        LayerFormat::Fgb => write_fgb(&path, layer)?,
    }
    Ok(Written { path, format, note })
}

/// The slots that have rows, in order, each with its rows.
fn rows_by_slot(agg: &Aggregate) -> BTreeMap<&Slot, Vec<(&Period, &Tally)>> {
    let mut by: BTreeMap<&Slot, Vec<(&Period, &Tally)>> = BTreeMap::new();
    for ((slot, period), t) in &agg.cells {
        by.entry(slot).or_default().push((period, t));
    }
    by
}

fn tally_values(t: &Tally) -> [i64; 6] {
    t.values().map(|v| v.min(i64::MAX as u64) as i64)
}

/// A temporary path next to `path`, removed on drop unless renamed.
struct TempFile(PathBuf);
impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn temp_next_to(path: &Path) -> TempFile {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "layer".into());
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    TempFile(tmp)
}

fn sql_err(path: &Path, e: rusqlite::Error) -> Error {
    Error::io(path, std::io::Error::other(format!("GeoPackage: {e}")))
}

fn envelope(mp: &MultiPolygon<f64>) -> Option<[f64; 4]> {
    let b = mp.bounding_rect()?;
    Some([b.min().x, b.max().x, b.min().y, b.max().y])
}

/// GeoPackage geometry blob (header + WKB) of a multipolygon, by geozero.
fn gpkg_geometry(path: &Path, mp: &MultiPolygon<f64>) -> Result<Option<Vec<u8>>> {
    use geozero::{CoordDimensions, ToWkb};
    let Some(env) = envelope(mp) else {
        return Ok(None);
    };
    geo::Geometry::MultiPolygon(mp.clone())
        .to_gpkg_wkb(CoordDimensions::xy(), Some(4326), env.to_vec())
        .map(Some)
        .map_err(|e| {
            Error::io(
                path,
                std::io::Error::other(format!("GeoPackage geometry: {e}")),
            )
        })
}

/// Quotes an SQL identifier.
fn ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The GeoPackage's own tables: the SRS list (with WGS 84), the contents
/// and the geometry columns.
const GPKG_SCHEMA: &str = "PRAGMA application_id = 1196444487; PRAGMA user_version = 10200;
             PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
             CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
               organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
               definition TEXT NOT NULL, description TEXT);
             INSERT INTO gpkg_spatial_ref_sys VALUES
               ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
               ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
               ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
             CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
               identifier TEXT UNIQUE, description TEXT DEFAULT '',
               last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
               min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
               CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
             CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
               geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
               CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
               CONSTRAINT uk_gc_table_name UNIQUE (table_name));";

/// The three tables of a layer: the polygons once, the tallies per period,
/// and the view that joins them.
struct GpkgTables {
    geom: String,
    values: String,
    view: String,
}

fn write_gpkg(path: &Path, layer: &Layer) -> Result<()> {
    let (label, granularity) = (layer.label, layer.granularity);
    let tmp = temp_next_to(path);
    let tables = GpkgTables {
        geom: format!("{label}_regions"),
        values: format!("{label}_{granularity}_values"),
        view: format!("regions_{label}_{granularity}"),
    };
    {
        let mut db = rusqlite::Connection::open(&tmp.0).map_err(|e| sql_err(path, e))?;
        let e = |err| sql_err(path, err);
        db.execute_batch(GPKG_SCHEMA).map_err(e)?;
        db.execute_batch(&tables.create_sql()).map_err(e)?;
        let tx = db.transaction().map_err(e)?;
        let extent = tables.insert_rows(&tx, path, layer.agg, layer.regions)?;
        let contents = [
            (
                &tables.geom,
                "features",
                format!("{label} regions (each polygon once)"),
            ),
            (
                &tables.values,
                "attributes",
                format!("{label} x {granularity} tallies"),
            ),
            (
                &tables.view,
                "features",
                format!("regions by {label} x {granularity}"),
            ),
        ];
        register_contents(&tx, path, &contents, extent, &last_change(layer.agg))?;
        tx.commit().map_err(e)?;
        db.close().map_err(|(_, err)| sql_err(path, err))?;
    }
    std::fs::rename(&tmp.0, path).map_err(|err| Error::io(path, err))?;
    Ok(())
}

impl GpkgTables {
    /// The layer's tables, index and view.
    fn create_sql(&self) -> String {
        format!(
            "CREATE TABLE {g} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON,
               name TEXT, code TEXT, kind TEXT, parent TEXT, country TEXT);
             CREATE TABLE {v} (fid INTEGER PRIMARY KEY AUTOINCREMENT, region_fid INTEGER NOT NULL,
               period TEXT, period_start DATE, period_end DATE,
               events INTEGER, deaths_low INTEGER, deaths_best INTEGER, deaths_high INTEGER,
               open_high INTEGER, unknown_toll INTEGER);
             CREATE INDEX {vi} ON {v} (region_fid);
             CREATE VIEW {w} AS SELECT v.fid AS OGC_FID, r.geom AS geom, r.name AS name, r.code AS code,
               r.kind AS kind, r.parent AS parent, r.country AS country, v.period AS period,
               v.period_start AS period_start, v.period_end AS period_end,
               v.events AS events, v.deaths_low AS deaths_low, v.deaths_best AS deaths_best,
               v.deaths_high AS deaths_high, v.open_high AS open_high, v.unknown_toll AS unknown_toll
               FROM {v} v JOIN {g} r ON r.fid = v.region_fid;",
            g = ident(&self.geom),
            v = ident(&self.values),
            vi = ident(&format!("{}_region", self.values)),
            w = ident(&self.view),
    )
    }

    /// A row per slot in the polygon table and a row per slot and period in
    /// the values table; returns the polygons' extent (min x, max x, min y,
    /// max y).
    fn insert_rows(
        &self,
        tx: &rusqlite::Transaction<'_>,
        path: &Path,
        agg: &Aggregate,
        regions: &RegionSet,
    ) -> Result<Option<[f64; 4]>> {
        let e = |err| sql_err(path, err);
        let mut extent: Option<[f64; 4]> = None;
        let mut ins_geom = tx
            .prepare(&format!(
                "INSERT INTO {} (fid, geom, name, code, kind, parent, country) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                ident(&self.geom)
            ))
            .map_err(e)?;
        let mut ins_val = tx
            .prepare(&format!(
                "INSERT INTO {} (region_fid, period, period_start, period_end, events, deaths_low, deaths_best, deaths_high, open_high, unknown_toll) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                ident(&self.values)
            ))
            .map_err(e)?;
        for (k, (slot, rows)) in rows_by_slot(agg).into_iter().enumerate() {
            let fid = k as i64 + 1;
            let info: SlotInfo = describe(slot, regions);
            let blob = match &info.geometry {
                Some(g) => {
                    if let Some(b) = envelope(g) {
                        extent = Some(extent.map_or(b, |x| union(x, b)));
                    }
                    gpkg_geometry(path, g)?
                }
                None => None,
            };
            ins_geom
                .execute(rusqlite::params![
                    fid,
                    blob,
                    info.name,
                    info.code,
                    info.kind,
                    info.parent,
                    info.country
                ])
                .map_err(e)?;
            for (period, t) in rows {
                let v = tally_values(t);
                ins_val
                    .execute(rusqlite::params![
                        fid,
                        period.to_string(),
                        period.start().map(|d| d.to_string()),
                        period.end().map(|d| d.to_string()),
                        v[0],
                        v[1],
                        v[2],
                        v[3],
                        v[4],
                        v[5]
                    ])
                    .map_err(e)?;
            }
        }
        Ok(extent)
    }
}

/// Two envelopes (min x, max x, min y, max y) as one.
fn union(x: [f64; 4], b: [f64; 4]) -> [f64; 4] {
    [
        x[0].min(b[0]),
        x[1].max(b[1]),
        x[2].min(b[2]),
        x[3].max(b[3]),
    ]
}

/// `last_change`: the last day the data covers, not the clock, so the same
/// inputs give the same bytes.
fn last_change(agg: &Aggregate) -> String {
    agg.cells
        .keys()
        .filter_map(|(_, p)| p.end())
        .max()
        .map(|d| format!("{d}T00:00:00.000Z"))
        .unwrap_or_else(|| "1970-01-01T00:00:00.000Z".into())
}

/// The tables in `gpkg_contents` (table, data type, identifier), with the
/// extent on the feature tables, and the feature tables' geometry column.
fn register_contents(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    contents: &[(&String, &str, String)],
    extent: Option<[f64; 4]>,
    last_change: &str,
) -> Result<()> {
    let e = |err| sql_err(path, err);
    let [minx, maxx, miny, maxy] = extent.unwrap_or([0.0; 4]);
    let has = extent.is_some();
    for (table, kind, ident_text) in contents {
        let kind = *kind;
        let srs = (kind == "features").then_some(4326);
        let bbox = |v: f64| (has && kind == "features").then_some(v);
        tx.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id, last_change) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![table, kind, ident_text, bbox(minx), bbox(miny), bbox(maxx), bbox(maxy), srs, last_change],
        )
        .map_err(e)?;
        if kind == "features" {
            tx.execute(
                "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', 'MULTIPOLYGON', 4326, 0, 0)",
                rusqlite::params![table],
            )
            .map_err(e)?;
        }
    }
    Ok(())
}

/// The fixed string columns of a FlatGeobuf layer, before the tallies.
const FGB_FIXED: [&str; 5] = ["name", "code", "kind", "parent", "country"];

fn fgb_err(path: &Path, e: &dyn std::fmt::Display) -> Error {
    Error::io(path, std::io::Error::other(format!("FlatGeobuf: {e}")))
}

fn write_fgb(path: &Path, layer: &Layer) -> Result<()> {
    use flatgeobuf::{FgbCrs, FgbWriter, FgbWriterOptions, GeometryType};
    let Layer {
        label,
        granularity,
        agg,
        regions,
    } = *layer;
    let periods: Vec<&Period> = agg
        .cells
        .keys()
        .map(|(_, p)| p)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let period_index: BTreeMap<&Period, usize> =
        periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let name = format!("regions_{label}_{granularity}");
    let description = format!(
        "region x {granularity} tallies by {label}: one feature per region, six columns per period (events_<period>, deaths_low_<period>, ...)"
    );
    let mut fgb = FgbWriter::create_with_options(
        &name,
        GeometryType::MultiPolygon,
        FgbWriterOptions {
            write_index: true,
            promote_to_multi: true,
            crs: FgbCrs {
                code: 4326,
                ..Default::default()
            },
            description: Some(&description),
            ..Default::default()
        },
    )
    .map_err(|e| fgb_err(path, &e))?;
    let names = fgb_columns(&mut fgb, &periods);
    for (slot, rows) in rows_by_slot(agg) {
        let info = describe(slot, regions);
        // FlatGeobuf has no null geometry: rows without a polygon (unassigned,
        // unallocated, named) are in the CSV and the GeoPackage, not here
        if info.geometry.is_none() {
            continue;
        }
        let mut cols: Vec<Option<[i64; 6]>> = vec![None; periods.len()];
        for (p, t) in rows {
            cols[period_index[p]] = Some(tally_values(t));
        }
        add_fgb_feature(&mut fgb, path, &info, &cols, &names)?;
    }
    super::write_atomic_with(path, |w| {
        fgb.write(w)
            .map_err(|e| std::io::Error::other(e.to_string()))
    })
}

/// The layer's columns: [`FGB_FIXED`], then one per period and tally
/// (`events_<period>`, ...); returns the names of the latter.
fn fgb_columns(fgb: &mut flatgeobuf::FgbWriter<'_>, periods: &[&Period]) -> Vec<String> {
    use flatgeobuf::ColumnType;
    for c in FGB_FIXED {
        fgb.add_column(c, ColumnType::String, |_, col| col.nullable = true);
    }
    let mut names = Vec::with_capacity(periods.len() * 6);
    for p in periods {
        for t in Tally::NAMES {
            names.push(format!("{t}_{p}"));
        }
    }
    for n in &names {
        fgb.add_column(n, ColumnType::Long, |_, col| col.nullable = true);
    }
    names
}

/// One region's feature: its polygon, its names, and its tallies per
/// period (`cols`, zero where the slot has no incident in that period).
fn add_fgb_feature(
    fgb: &mut flatgeobuf::FgbWriter<'_>,
    path: &Path,
    info: &SlotInfo,
    cols: &[Option<[i64; 6]>],
    names: &[String],
) -> Result<()> {
    use geozero::{ColumnValue, PropertyProcessor};
    let Some(g) = info.geometry.as_ref() else {
        return Ok(());
    };
    let strings = [
        Some(info.name.as_str()),
        Some(info.code.as_str()),
        Some(info.kind),
        info.parent.as_deref(),
        info.country.as_deref(),
    ];
    let mut failed = None;
    fgb.add_feature_geom(
        geo::Geometry::MultiPolygon(g.clone().into_owned()),
        |feat| {
            let mut put = |i: usize, name: &str, v: &ColumnValue| {
                if let Err(err) = feat.property(i, name, v) {
                    failed.get_or_insert(err.to_string());
                }
            };
            for (i, s) in strings.iter().enumerate() {
                if let Some(s) = s {
                    put(i, FGB_FIXED[i], &ColumnValue::String(s));
                }
            }
            for (pi, v) in cols.iter().enumerate() {
                let v = v.unwrap_or([0; 6]);
                for (ti, x) in v.iter().enumerate() {
                    let i = FGB_FIXED.len() + pi * 6 + ti;
                    put(i, &names[i - FGB_FIXED.len()], &ColumnValue::Long(*x));
                }
            }
        },
    )
    .map_err(|e| fgb_err(path, &e))?;
    match failed {
        Some(err) => Err(fgb_err(path, &err)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Incident;
    use crate::period::Granularity;
    use crate::region::{Level, Region};
    use geo::polygon;

    fn sample() -> (RegionSet, Aggregate) {
        let sq = |x0: f64, code: &str| Region {
            name: code.into(),
            code: code.into(),
            country: None,
            parent: None,
            geometry: MultiPolygon::new(vec![
                polygon![(x: x0, y: 0.0), (x: x0 + 1.0, y: 0.0), (x: x0 + 1.0, y: 1.0), (x: x0, y: 1.0)],
            ]),
        };
        let set = RegionSet::new(Level::Admin1, vec![sq(0.0, "A"), sq(1.0, "B")]);
        let mut incs = Vec::new();
        let mut slots = Vec::new();
        for (k, m) in [1u32, 2, 3, 3].into_iter().enumerate() {
            let mut i = Incident::new(format!("i{k}"), "x");
            i.deaths.best = Some(k as _);
            i.date_start = chrono::NaiveDate::from_ymd_opt(2024, m, 5);
            incs.push(i);
            slots.push(if k % 2 == 0 {
                Slot::Region(0)
            } else {
                Slot::Unassigned
            });
        }
        (set, Aggregate::build(&incs, &slots, Granularity::Month))
    }

    #[test]
    fn auto_switches_to_geopackage_above_the_limit_and_says_so() {
        let (set, agg) = sample();
        let write = |dir: &Path, limit| {
            let layer = Layer {
                label: "admin1",
                granularity: "month",
                agg: &agg,
                regions: &set,
            };
            write_limited(dir, &layer, LayerChoice::Auto, limit).unwrap()
        };
        let dir = tempfile::tempdir().unwrap();
        let small = write(dir.path(), 1 << 20);
        assert_eq!(small.format, LayerFormat::GeoJson);
        assert!(small.note.is_none());
        assert!(small.path.ends_with("regions_admin1_month.geojson"));
        let big = write(dir.path(), 10);
        assert_eq!(big.format, LayerFormat::Gpkg);
        assert!(big.path.ends_with("regions_admin1_month.gpkg"));
        let note = big.note.unwrap();
        assert!(
            note.contains("GeoPackage") && note.contains("--layer-format geojson"),
            "{note}"
        );
        // the view: a row per cell; the polygons: a row per slot
        let db = rusqlite::Connection::open(&big.path).unwrap();
        let n: i64 = db
            .query_row("SELECT count(*) FROM regions_admin1_month", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n as usize, agg.cells.len());
        let g: i64 = db
            .query_row(
                "SELECT count(*) FROM admin1_regions WHERE geom IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(g, 1);
        // the same data, the same bytes
        let again = tempfile::tempdir().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let b2 = write(again.path(), 10);
        assert_eq!(
            std::fs::read(&big.path).unwrap(),
            std::fs::read(&b2.path).unwrap()
        );
        // no temporary file left behind
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    }

    #[test]
    fn estimate_grows_with_rows_and_vertices() {
        let (set, agg) = sample();
        let e = estimated_geojson_bytes(&agg, &set);
        // two rows of region A (5 vertices each), unassigned rows cost little
        assert!((2 * 5 * 24..4000).contains(&e), "{e}");
    }
}
