//! Regions: polygons (admin-1, admin-2, the user's own) and PRIO-GRID cells,
//! and the rule that puts one incident in exactly one row.
//!
//! Polygons are indexed by their envelopes in an R-tree; each candidate is
//! then tested exactly with geo's `IntervalTreeMultiPolygon` (an edge
//! interval tree, fast for many points against fixed polygons).
//!
//! **Assignment rule**, in order:
//! 1. An incident whose location is coarser than the level (e.g. admin-1
//!    precision under `--by admin2`, anything but a place under `grid`, a
//!    country-level report anywhere) goes to `unallocated within <parent>`,
//!    never to a made-up centroid.
//! 2. Admin levels: an incident that names its region (ACLED `admin1`, a
//!    resolved gazetteer place) goes to the region of that name when the level
//!    has one (accents and case aside). The source's own coding wins over a
//!    point that may sit a few metres over a border.
//! 3. Otherwise its point goes to the polygon whose interior contains it.
//!    A point on a shared border (in no interior, on two boundaries) goes to
//!    the region with the smallest `code`. Overlapping polygons: the smallest
//!    `code` wins too.
//! 4. A point outside every polygon (coast, rounding, a slightly simplified
//!    border) goes to the nearest polygon within `tolerance_km` (default 5 km).
//! 5. Else it is `unassigned`, listed as such, never dropped.
//!
//! **A named admin-1 with no polygon.** Under `--by admin1`, a record that
//! names its admin-1 region, in a country the polygons cover, where that name
//! matches no polygon (ACLED's `Menaka`: a region since 2016, while the
//! shipped polygons are the pre-2016 regions, which put Ménaka inside Gao)
//! gets its own row, [`Slot::Named`], with the name as written (unit word
//! removed) and no geometry. It is not moved into the polygon its point falls
//! in, so the table equals a group-by on the source's own `admin1` column.
//! Records from countries the polygons do not cover, or with no country, keep
//! rules 3–5. Different spellings of an unmatched name make different rows.
//!
//! **The record's country wins too.** A point that rules 3–4 put in a region
//! of another country than the one the record names (both known) is
//! `unassigned`: a Nigerian event from a global UCDP export that sits a few
//! km over the Diffa border is not a Niger event.

use crate::error::{Error, Result};
use crate::model::{GeoPrecision, Incident};
use crate::names::country_field;
use crate::normalize::normalize;
use geo::{BoundingRect, Contains, Intersects, MultiPolygon, Point, Polygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::RTree;
use std::collections::HashMap;
use std::path::Path;

/// What regions a report is cut by.
#[derive(Debug, Clone, PartialEq)]
pub enum Level {
    /// First-level admin units (the gazetteer's admin-1 polygons).
    Admin1,
    /// Second-level admin units (the gazetteer's admin-2 polygons).
    Admin2,
    /// Square grid cells of `size` degrees; 0.5 gives PRIO-GRID ids.
    Grid(f64),
    /// The user's own polygons.
    File {
        /// The GeoJSON file.
        path: std::path::PathBuf,
        /// Property holding the region name (detected when `None`).
        field: Option<String>,
    },
}

impl Level {
    /// Parses `admin1 | admin2 | grid:0.5 | FILE.geojson[:FIELD]`.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::region::Level;
    /// assert_eq!(Level::parse("grid:0.5").unwrap(), Level::Grid(0.5));
    /// assert!(matches!(Level::parse("mine.geojson:NAME").unwrap(), Level::File { field: Some(f), .. } if f == "NAME"));
    /// assert!(Level::parse("grid:-1").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        let t = s.trim();
        match t.to_ascii_lowercase().as_str() {
            "admin1" | "adm1" | "region" => return Ok(Level::Admin1),
            "admin2" | "adm2" | "cercle" => return Ok(Level::Admin2),
            "grid" => return Ok(Level::Grid(0.5)),
            _ => {}
        }
        if let Some(rest) = t.strip_prefix("grid:") {
            let size: f64 = rest.parse().map_err(|_| {
                Error::Usage(format!(
                    "--by {t}: grid size {rest:?} is not a number (try grid:0.5)"
                ))
            })?;
            if !(size > 0.0 && size <= 10.0) {
                return Err(Error::Usage(format!(
                    "--by {t}: grid size must be in (0, 10] degrees"
                )));
            }
            return Ok(Level::Grid(size));
        }
        let lower = t.to_ascii_lowercase();
        if let Some(pos) = lower.find(".geojson").or_else(|| lower.find(".json")) {
            let ext_len = if lower[pos..].starts_with(".geojson") {
                8
            } else {
                5
            };
            let (p, rest) = t.split_at(pos + ext_len);
            let field = rest
                .strip_prefix(':')
                .filter(|f| !f.is_empty())
                .map(String::from);
            return Ok(Level::File {
                path: p.into(),
                field,
            });
        }
        Err(Error::Usage(format!(
            "--by {t}: expected admin1, admin2, grid:SIZE or FILE.geojson[:FIELD]"
        )))
    }

    /// The name used in output file names (`admin1`, `grid0.5`, the file's stem).
    pub fn file_label(&self) -> String {
        match self {
            Level::Admin1 => "admin1".into(),
            Level::Admin2 => "admin2".into(),
            Level::Grid(s) => format!("grid{s}"),
            Level::File { path, .. } => sanitize_file_label(
                &path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "regions".into()),
            ),
        }
    }
}

/// Makes a string safe to use inside a file name: ASCII letters, digits,
/// `-`, `_`, `.` kept, everything else becomes `_`; never empty or a dot name.
///
/// # Examples
/// ```
/// use casualty_atlas::region::sanitize_file_label;
/// assert_eq!(sanitize_file_label("../../etc/x"), "______etc_x");
/// assert_eq!(sanitize_file_label("Ségou"), "S_gou");
/// ```
pub fn sanitize_file_label(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "regions".into()
    } else {
        out
    }
}

/// One region polygon.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Display name.
    pub name: String,
    /// Code (P-code, ISO 3166-2, PRIO-GRID gid, ...).
    pub code: String,
    /// ISO country code when known.
    pub country: Option<String>,
    /// Name of the enclosing unit when known (admin-1 of an admin-2).
    pub parent: Option<String>,
    /// The shape, WGS84 lon/lat.
    pub geometry: MultiPolygon<f64>,
}

/// Where one incident is counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    /// In a region of the set (index into [`RegionSet::regions`]).
    Region(usize),
    /// In a grid cell (row, col) of the grid level.
    Cell(i64, i64),
    /// In an admin-1 region the record names but the level has no polygon
    /// for (see the module docs): a row of its own, without geometry.
    Named(String),
    /// Located only to a coarser unit than the level: `unallocated within <parent>`.
    Unallocated(String),
    /// Not in any region and not near one, or not located at all.
    Unassigned,
}

/// A set of region polygons with an envelope R-tree and exact point tests.
pub struct RegionSet {
    /// The level these regions are.
    pub level: Level,
    regions: Vec<Region>,
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    fast: Vec<geo::algorithm::indexed::IntervalTreeMultiPolygon<f64>>,
    raster: Option<crate::raster::Raster>,
    has_parents: bool,
    by_name: HashMap<String, usize>,
    snap: crate::snap::EdgeIndex,
    /// Distance within which a point outside every polygon snaps to the nearest one.
    pub tolerance_km: f64,
}

impl std::fmt::Debug for RegionSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegionSet")
            .field("level", &self.level)
            .field("regions", &self.regions.len())
            .finish()
    }
}

const NAME_FIELDS: &[&str] = &[
    "name",
    "NAME",
    "shapeName",
    "ADM2_FR",
    "ADM1_FR",
    "ADM2_EN",
    "ADM1_EN",
    "NAME_2",
    "NAME_1",
    "admin2Name",
    "admin1Name",
    "name_fr",
    "name_en",
    "region",
    "Region",
];
const CODE_FIELDS: &[&str] = &[
    "code",
    "ADM2_PCODE",
    "ADM1_PCODE",
    "shapeISO",
    "iso_3166_2",
    "adm1_code",
    "GID_2",
    "GID_1",
    "pcode",
    "id",
];
const PARENT_FIELDS: &[&str] = &[
    "parent",
    "adm1_name",
    "ADM1_FR",
    "admin1",
    "ADM1_EN",
    "NAME_1",
];
const COUNTRY_FIELDS: &[&str] = &[
    "country",
    "iso_a2",
    "country_iso3",
    "adm0_a3",
    "ADM0_PCODE",
    "shapeGroup",
    "admin",
];

/// True when every position of a (multi)polygon has at least lon and lat.
fn positions_ok(v: &geojson::GeometryValue) -> bool {
    let rings_ok =
        |rings: &Vec<Vec<geojson::Position>>| rings.iter().flatten().all(|p| p.len() >= 2);
    match v {
        geojson::GeometryValue::Polygon { coordinates } => rings_ok(coordinates),
        geojson::GeometryValue::MultiPolygon { coordinates } => coordinates.iter().all(rings_ok),
        _ => true,
    }
}

/// The property that names the regions: `name_field` when the features
/// have it, else the first of [`NAME_FIELDS`] they have.
fn name_key(
    features: &[geojson::Feature],
    path: &Path,
    name_field: Option<&str>,
) -> Result<String> {
    let first_props: Vec<String> = features
        .iter()
        .find_map(|f| f.properties.as_ref())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    match name_field {
        Some(f) => {
            if !first_props.iter().any(|k| k == f) && !features.is_empty() {
                return Err(Error::bad_file(path, format!("has no property `{f}`; properties are [{}]", first_props.join(", "))));
            }
            Ok(f.to_string())
        }
        None => NAME_FIELDS
            .iter()
            .find(|k| first_props.iter().any(|p| p == *k))
            .map(|s| s.to_string())
            .ok_or_else(|| {
                Error::bad_file(
                    path,
                    format!(
                        "no usable name field (looked for {}); properties are [{}]. hint: name the field, as in --by {}:FIELD",
                        NAME_FIELDS[..4].join(", "),
                        first_props.join(", "),
                        path.display()
                    ),
                )
            }),
    }
}

/// The first of `keys` that `props` holds as a non-blank string (trimmed)
/// or a number.
fn pick(props: &serde_json::Map<String, serde_json::Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match props.get(*k) {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// Feature `i` as a region, with the other spellings and codes that name it
/// too; `None` when it has no name or no polygon (skipped).
fn feature_region(
    i: usize,
    f: &geojson::Feature,
    name_key: &str,
    code_key: Option<&str>,
    path: &Path,
) -> Result<Option<RegionFeature>> {
    let empty = serde_json::Map::new();
    let props = f.properties.as_ref().unwrap_or(&empty);
    let Some(name) = pick(props, &[name_key]) else {
        return Ok(None);
    };
    let Some(geometry) = feature_polygons(i, f, &name, path)? else {
        return Ok(None);
    };
    let code = match code_key {
        Some(k) => pick(props, &[k]).unwrap_or_default(),
        None => pick(props, CODE_FIELDS).unwrap_or_else(|| name.clone()),
    };
    let parent = pick(props, PARENT_FIELDS).filter(|p| *p != name);
    let country = pick(props, COUNTRY_FIELDS).and_then(|c| country_field(&c));
    let mut other: Vec<String> = pick(props, &["alt"])
        .map(|a| a.split(',').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    other.extend(pick(props, &["iso", "name_ascii"]));
    other.push(code.clone());
    let region = Region {
        name,
        code,
        country,
        parent,
        geometry,
    };
    Ok(Some(RegionFeature { region, other }))
}

/// Feature `i`'s (polygon or multipolygon) geometry; `None` for another
/// geometry, none, or rings too short to be polygons.
fn feature_polygons(
    i: usize,
    f: &geojson::Feature,
    name: &str,
    path: &Path,
) -> Result<Option<MultiPolygon<f64>>> {
    let Some(g) = &f.geometry else {
        return Ok(None);
    };
    let bad = |e: &dyn std::fmt::Display| {
        Error::bad_file(path, format!("feature {} ({name}): {e}", i + 1))
    };
    // geojson's conversion indexes [0] and [1] of every position and panics
    // on a shorter one: check first
    if !positions_ok(&g.value) {
        return Err(bad(
            &"a position has fewer than 2 numbers (want [lon, lat])",
        ));
    }
    let geometry = match &g.value {
        geojson::GeometryValue::Polygon { .. } => {
            MultiPolygon::new(vec![Polygon::try_from(&g.value).map_err(|e| bad(&e))?])
        }
        geojson::GeometryValue::MultiPolygon { .. } => {
            MultiPolygon::try_from(&g.value).map_err(|e| bad(&e))?
        }
        _ => return Ok(None),
    };
    if geometry.0.iter().all(|p| p.exterior().0.len() < 4) {
        return Ok(None);
    }
    Ok(Some(geometry))
}

/// The properties a polygon file's regions are read from.
#[derive(Debug, Clone, Copy, Default)]
pub struct PropertyNames<'a> {
    /// The name property; `None`: the first of the usual name properties
    /// (`name`, `NAME`, `shapeName`, `ADM2_FR`, ...) the features have.
    pub name: Option<&'a str>,
    /// The code property (empty where a feature lacks it); `None`: the
    /// first of the usual code properties (`code`, `ADM2_PCODE`, ...) a
    /// feature has, else its name.
    pub code: Option<&'a str>,
}

/// One polygon feature of a file, as a region.
#[derive(Debug, Clone)]
pub struct RegionFeature {
    /// The region (polygons as written: not reoriented).
    pub region: Region,
    /// The other spellings and codes that name it (`alt`, `iso`,
    /// `name_ascii`, its code).
    pub other: Vec<String>,
}

/// The regions of a polygon file, in file order.
#[derive(Debug, Clone, Default)]
pub struct RegionFeatures {
    /// The features read.
    pub features: Vec<RegionFeature>,
    /// Features left out: no name, no polygon (another geometry, or rings
    /// too short to be polygons).
    pub skipped: usize,
}

/// Reads the polygon features of a GeoJSON FeatureCollection as regions,
/// in file order: the one polygon reader of `report --by`, the shipped
/// polygons and `gazetteer import`.
///
/// A file with no feature is empty; one whose features all lack a polygon
/// or a name, or that lacks the name property `props.name` asks for, is an
/// error naming the file.
///
/// # Examples
/// ```
/// use casualty_atlas::region::{read_features, PropertyNames};
/// use std::path::Path;
/// let text = r#"{"type":"FeatureCollection","features":[
///   {"type":"Feature","properties":{"N":"West","PC":"W1"},"geometry":{"type":"Polygon","coordinates":[[[-6,12],[-5,12],[-5,14],[-6,14],[-6,12]]]}},
///   {"type":"Feature","properties":{"N":"Dot"},"geometry":{"type":"Point","coordinates":[-5.5,13]}}]}"#;
/// let props = PropertyNames { name: Some("N"), code: Some("PC") };
/// let read = read_features(text, Path::new("w.geojson"), props).unwrap();
/// assert_eq!(read.features.len(), 1);
/// assert_eq!(read.features[0].region.code, "W1");
/// assert_eq!(read.skipped, 1);
/// ```
pub fn read_features(text: &str, path: &Path, props: PropertyNames<'_>) -> Result<RegionFeatures> {
    let gj: geojson::GeoJson = text.parse().map_err(|e: geojson::Error| Error::Json {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let fc = match gj {
        geojson::GeoJson::FeatureCollection(fc) => fc,
        _ => return Err(Error::bad_file(path, "is not a GeoJSON FeatureCollection")),
    };
    let mut out = RegionFeatures::default();
    if fc.features.is_empty() {
        return Ok(out);
    }
    let name_key = name_key(&fc.features, path, props.name)?;
    for (i, f) in fc.features.iter().enumerate() {
        match feature_region(i, f, &name_key, props.code, path)? {
            Some(feature) => out.features.push(feature),
            None => out.skipped += 1,
        }
    }
    if out.features.is_empty() {
        return Err(Error::bad_file(
            path,
            format!(
                "none of its {} features has a polygon and a `{name_key}` name ({} skipped)",
                fc.features.len(),
                out.skipped
            ),
        ));
    }
    Ok(out)
}

impl RegionSet {
    /// Builds a set from regions (sorted by code, so index order is the tie-break order).
    pub fn new(level: Level, mut regions: Vec<Region>) -> Self {
        regions.sort_by(|a, b| a.code.cmp(&b.code).then_with(|| a.name.cmp(&b.name)));
        let mut items = Vec::with_capacity(regions.len());
        for (i, r) in regions.iter().enumerate() {
            if let Some(b) = r.geometry.bounding_rect() {
                items.push(GeomWithData::new(
                    Rectangle::from_corners([b.min().x, b.min().y], [b.max().x, b.max().y]),
                    i,
                ));
            }
        }
        let fast = regions
            .iter()
            .map(|r| geo::algorithm::indexed::IntervalTreeMultiPolygon::new(&r.geometry))
            .collect();
        let mut by_name = HashMap::new();
        for (i, r) in regions.iter().enumerate() {
            by_name.entry(normalize(&r.name)).or_insert(i);
            for alias in crate::names::admin1_aliases(&r.name) {
                by_name.entry(normalize(alias)).or_insert(i);
            }
        }
        let mut set = RegionSet {
            level,
            snap: crate::snap::EdgeIndex::new(&[]),
            regions,
            tree: RTree::bulk_load(items),
            raster: None,
            has_parents: false,
            fast,
            by_name,
            tolerance_km: 5.0,
        };
        set.has_parents = set.regions.iter().any(|r| r.parent.is_some());
        let polys: Vec<&MultiPolygon<f64>> = set.regions.iter().map(|r| &r.geometry).collect();
        // the edge index (snapping) is built meanwhile: both only read the
        // polygons
        let (snap, raster) = std::thread::scope(|s| {
            let snap = s.spawn(|| crate::snap::EdgeIndex::new(&polys));
            let raster = (!polys.is_empty())
                .then(|| {
                    crate::raster::Raster::build(&polys, 1 << 21, &|x, y| {
                        let mut n = 0;
                        let mut first = None;
                        set.for_each_interior(x, y, &mut |i| {
                            n += 1;
                            if first.is_none_or(|f| i < f) {
                                first = Some(i);
                            }
                        });
                        (first, n > 1)
                    })
                })
                .flatten();
            let snap = snap.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (snap, raster)
        });
        set.snap = snap;
        set.raster = raster;
        set
    }

    /// Reads polygons from GeoJSON text. `name_field`: the property holding
    /// the name (detected among common ones when `None`).
    pub fn from_geojson_str(
        level: Level,
        text: &str,
        path: &Path,
        name_field: Option<&str>,
    ) -> Result<Self> {
        let props = PropertyNames {
            name: name_field,
            code: None,
        };
        let features = read_features(text, path, props)?.features;
        let mut aliases: Vec<(String, String, Vec<String>)> = Vec::new();
        let mut regions = Vec::with_capacity(features.len());
        for RegionFeature { region, other } in features {
            aliases.push((region.name.clone(), region.code.clone(), other));
            regions.push(region);
        }
        let mut set = Self::new(level, regions);
        for (name, code, other) in aliases {
            let Some(i) = set
                .regions
                .iter()
                .position(|r| r.name == name && r.code == code)
            else {
                continue;
            };
            for a in other {
                let k = normalize(&a);
                if !k.is_empty() {
                    set.by_name.entry(k).or_insert(i);
                }
            }
        }
        Ok(set)
    }

    /// The regions, in tie-break (code) order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// Region index by name (accents, case and the unit word aside).
    ///
    /// A name no region has exactly may still name one region one edit
    /// away (two from eight letters), when no other region is as close:
    /// "Komonjdjari" is the province of Komondjari.
    pub fn by_name(&self, name: &str) -> Option<usize> {
        let n = normalize(crate::names::strip_unit_suffix(name));
        if let Some(i) = self.by_name.get(&n) {
            return Some(*i);
        }
        let len = n.chars().count();
        let max_d = if len >= 8 {
            2
        } else if len >= 5 {
            1
        } else {
            return None;
        };
        let mut best: Option<(usize, usize)> = None;
        let mut tie = false;
        for (k, &i) in &self.by_name {
            let d = crate::normalize::osa_distance(k, &n);
            if d > max_d {
                continue;
            }
            match best {
                Some((bd, bi)) if bd == d && bi != i => tie = true,
                Some((bd, _)) if bd <= d => {}
                _ => {
                    best = Some((d, i));
                    tie = false;
                }
            }
        }
        if tie {
            None
        } else {
            best.map(|(_, i)| i)
        }
    }

    /// The region whose polygon holds the point, by the rule in the module docs (steps 3–4).
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::region::{Level, Region, RegionSet};
    /// use geo::{polygon, MultiPolygon};
    /// let sq = |x0: f64, code: &str| Region {
    ///     name: code.into(), code: code.into(), country: None, parent: None,
    ///     geometry: MultiPolygon::new(vec![polygon![(x: x0, y: 0.0), (x: x0 + 1.0, y: 0.0), (x: x0 + 1.0, y: 1.0), (x: x0, y: 1.0)]]),
    /// };
    /// let set = RegionSet::new(Level::Admin1, vec![sq(1.0, "B"), sq(0.0, "A")]);
    /// assert_eq!(set.locate(0.5, 0.5).map(|i| set.regions()[i].code.as_str()), Some("A"));
    /// // on the shared border x = 1: the smaller code wins
    /// assert_eq!(set.locate(1.0, 0.5).map(|i| set.regions()[i].code.as_str()), Some("A"));
    /// assert_eq!(set.locate(5.0, 5.0), None);
    /// ```
    pub fn locate(&self, lon: f64, lat: f64) -> Option<usize> {
        if let Some(r) = &self.raster {
            match r.hint(lon, lat) {
                crate::raster::CellHint::Inside(k) => return Some(k),
                crate::raster::CellHint::Outside => {
                    return self.nearest_within(lon, lat, self.tolerance_km)
                }
                crate::raster::CellHint::Boundary => {
                    let mut first = None;
                    match r.interior_in_cell(lon, lat, true, &mut |i| {
                        first = Some(i);
                        true
                    }) {
                        Some(true) => return first,
                        Some(false) => return self.border_or_snap(lon, lat),
                        None => {}
                    }
                }
                crate::raster::CellHint::Beyond => {}
            }
        }
        self.locate_exact(lon, lat)
    }

    /// True when `(lon, lat)` is within the bounding box of all the regions
    /// widened by the snapping tolerance (a cheap "could this point be in a
    /// region" test).
    pub fn may_contain(&self, lon: f64, lat: f64) -> bool {
        let env = self.tree.root().envelope();
        let margin = self.tolerance_km / 50.0 + 1e-9; // generous: 1° ≥ 50 km up to 60° latitude
        let (lo, hi) = (env.lower(), env.upper());
        lon >= lo[0] - margin
            && lon <= hi[0] + margin
            && lat >= lo[1] - margin
            && lat <= hi[1] + margin
    }

    /// Loads the raster's memory for a point about to be located (see
    /// [`crate::raster::Raster::touch`]); changes nothing.
    #[inline]
    pub fn touch(&self, lon: f64, lat: f64) -> u64 {
        self.raster.as_ref().map_or(0, |r| r.touch(lon, lat))
    }

    /// The raster accelerator's cell grid (across, down) and the share of
    /// its cells that need an exact test, when it was built.
    pub fn raster_stats(&self) -> Option<((usize, usize), f64)> {
        self.raster.as_ref().map(|r| (r.dims(), r.boundary_share))
    }

    /// What the raster says about a point (for profiling and tests).
    pub fn raster_hint(&self, lon: f64, lat: f64) -> Option<crate::raster::CellHint> {
        self.raster.as_ref().map(|r| r.hint(lon, lat))
    }

    /// The first region (in code order) whose interior holds the point, by
    /// exact tests only (no boundary rule, no snapping).
    pub fn locate_interior(&self, lon: f64, lat: f64) -> Option<usize> {
        let pt = Point::new(lon, lat);
        let mut best: Option<usize> = None;
        for g in self.tree.locate_all_at_point(&[lon, lat]) {
            if best.is_none_or(|b| g.data < b) && self.fast[g.data].contains(&pt) {
                best = Some(g.data);
            }
        }
        best
    }

    /// Calls `f` with every region whose interior holds the point.
    pub fn for_each_interior(&self, lon: f64, lat: f64, f: &mut dyn FnMut(usize)) {
        let pt = Point::new(lon, lat);
        for g in self.tree.locate_all_at_point(&[lon, lat]) {
            if self.fast[g.data].contains(&pt) {
                f(g.data);
            }
        }
    }

    /// Every region a point counts in under [`Overlap::All`]: all regions
    /// whose interior holds it (code order), or, when none does, the single
    /// region of [`RegionSet::locate`] (border rule, snapping).
    pub fn locate_all(&self, lon: f64, lat: f64, out: &mut Vec<usize>) {
        out.clear();
        if let Some(r) = &self.raster {
            match r.hint(lon, lat) {
                crate::raster::CellHint::Inside(k) => {
                    out.push(k);
                    return;
                }
                crate::raster::CellHint::Outside => {
                    out.extend(self.nearest_within(lon, lat, self.tolerance_km));
                    return;
                }
                crate::raster::CellHint::Boundary => {
                    match r.interior_in_cell(lon, lat, false, &mut |i| {
                        out.push(i);
                        false
                    }) {
                        Some(true) => return,
                        Some(false) => {
                            out.extend(self.border_or_snap(lon, lat));
                            return;
                        }
                        None => {}
                    }
                }
                crate::raster::CellHint::Beyond => {}
            }
        }
        self.for_each_interior(lon, lat, &mut |i| out.push(i));
        if out.is_empty() {
            out.extend(self.locate_exact(lon, lat));
        }
        out.sort_unstable();
    }

    /// [`RegionSet::locate`] without the raster: the reference path.
    pub fn locate_exact(&self, lon: f64, lat: f64) -> Option<usize> {
        if let Some(i) = self.locate_interior(lon, lat) {
            return Some(i);
        }
        self.border_or_snap(lon, lat)
    }

    /// The rest of [`RegionSet::locate_exact`] for a point in no region's
    /// interior: the first region (in code order) whose border it lies on,
    /// or the nearest within the tolerance.
    fn border_or_snap(&self, lon: f64, lat: f64) -> Option<usize> {
        let pt = Point::new(lon, lat);
        let mut on_border: Option<usize> = None;
        for g in self.tree.locate_all_at_point(&[lon, lat]) {
            // polygon by polygon: what `MultiPolygon::intersects` answers,
            // without the box of the whole geometry it works out first (a
            // pass over every vertex) only to find the point in it, as the
            // tree already did
            if on_border.is_none_or(|b| g.data < b)
                && self.regions[g.data]
                    .geometry
                    .0
                    .iter()
                    .any(|p| p.intersects(&pt))
            {
                on_border = Some(g.data);
            }
        }
        if on_border.is_some() {
            return on_border;
        }
        self.nearest_within(lon, lat, self.tolerance_km)
    }

    /// The nearest region within `km` of the point (outside every polygon):
    /// the great-circle distance from the point to the closest point (in
    /// lon/lat) of each nearby polygon, smallest wins, then smallest code.
    /// Through the R-tree of polygon edges of [`crate::snap::EdgeIndex`].
    pub fn nearest_within(&self, lon: f64, lat: f64, km: f64) -> Option<usize> {
        self.snap.nearest_within(lon, lat, km)
    }

    /// Number of regions.
    pub fn len(&self) -> usize {
        self.regions.len()
    }

    /// True when there are no regions.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }
}

/// PRIO-GRID-style cell of a point for a grid of `size` degrees:
/// `(row, col)` with `row = floor((lat + 90) / size)`, `col = floor((lon + 180) / size)`.
///
/// # Examples
/// ```
/// use casualty_atlas::region::{grid_cell, priogrid_gid};
/// let (r, c) = grid_cell(-4.9245, 12.84217, 0.5);
/// assert_eq!((r, c), (205, 350));
/// assert_eq!(priogrid_gid(r, c), 205 * 720 + 350 + 1);
/// ```
pub fn grid_cell(lon: f64, lat: f64, size: f64) -> (i64, i64) {
    (
        ((lat + 90.0) / size).floor() as i64,
        ((lon + 180.0) / size).floor() as i64,
    )
}

/// PRIO-GRID gid of a 0.5° cell: `row * 720 + col + 1`.
pub fn priogrid_gid(row: i64, col: i64) -> i64 {
    row * 720 + col + 1
}

/// The code of a grid cell: the PRIO-GRID gid for 0.5°, else `r<row>c<col>`.
pub fn cell_code(row: i64, col: i64, size: f64) -> String {
    if (size - 0.5).abs() < 1e-12 {
        priogrid_gid(row, col).to_string()
    } else {
        format!("r{row}c{col}")
    }
}

/// The square polygon of a grid cell.
pub fn cell_polygon(row: i64, col: i64, size: f64) -> Polygon<f64> {
    let x0 = col as f64 * size - 180.0;
    let y0 = row as f64 * size - 90.0;
    Polygon::new(
        geo::LineString::from(vec![
            (x0, y0),
            (x0 + size, y0),
            (x0 + size, y0 + size),
            (x0, y0 + size),
            (x0, y0),
        ]),
        Vec::new(),
    )
}

/// Where a point inside several overlapping polygons counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overlap {
    /// In the first of them by code: every incident counts once, totals are
    /// conserved (the default).
    #[default]
    First,
    /// In each of them, as a spatial join with the "within" predicate does
    /// (buffers around towns, overlapping zones); totals then exceed the
    /// input where polygons overlap.
    All,
}

/// Assigns incidents to slots by the rule in the module docs.
pub struct Assigner<'a> {
    /// The level's polygons (empty for a grid).
    pub regions: &'a RegionSet,
    /// Admin-1 polygons, used to name the parent of unallocated admin-1
    /// incidents under finer levels.
    pub admin1: Option<&'a RegionSet>,
    /// Overlapping polygons: count in the first or in all.
    pub overlap: Overlap,
}

/// What the assignment rule looks at in one record (borrowed, so the
/// streaming path needs no allocation).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SlotInput<'a> {
    /// `(lon, lat)` when located.
    pub lon_lat: Option<(f64, f64)>,
    /// Location precision (`None` counts as a place).
    pub precision: Option<GeoPrecision>,
    /// Admin-1 name the record gives.
    pub admin1: Option<&'a str>,
    /// Admin-2 name the record gives.
    pub admin2: Option<&'a str>,
    /// Country the record gives (code or name).
    pub country: Option<&'a str>,
}

impl<'a> SlotInput<'a> {
    /// The input of an incident.
    pub fn of(inc: &'a Incident) -> Self {
        SlotInput {
            lon_lat: inc.lon_lat(),
            precision: inc.geo_precision,
            admin1: inc.admin1.as_deref(),
            admin2: inc.admin2.as_deref(),
            country: inc.country.as_deref(),
        }
    }
}

impl Assigner<'_> {
    /// The admin-1 name a record gives when it matches no polygon of the
    /// level but the record's country is one the polygons cover (unit word
    /// removed, as written otherwise).
    fn unmatched_admin1(&self, inp: &SlotInput<'_>) -> Option<String> {
        let name = crate::names::strip_unit_suffix(inp.admin1?);
        if name.is_empty() || self.regions.by_name(name).is_some() {
            return None;
        }
        let cc = inp.country.and_then(country_field)?;
        self.regions
            .regions()
            .iter()
            .any(|r| r.country.as_deref() == Some(cc.as_str()))
            .then(|| name.to_string())
    }

    /// True when the record names a country and region `i` is in another
    /// one (both known): a Nigerian event a few km over the Diffa border.
    fn other_country(&self, inp: &SlotInput<'_>, i: usize) -> bool {
        let (Some(theirs), Some(ours)) =
            (inp.country, self.regions.regions()[i].country.as_deref())
        else {
            return false;
        };
        theirs != ours && country_field(theirs).is_some_and(|c| c != ours)
    }

    /// The slot of one incident.
    pub fn slot(&self, inc: &Incident) -> Slot {
        self.slot_of(&SlotInput::of(inc))
    }

    /// Every slot of one record: one, except under [`Overlap::All`] for a
    /// point inside several polygons. `scratch` is reused between calls.
    pub fn slots_of(&self, inp: &SlotInput<'_>, scratch: &mut Vec<usize>, out: &mut Vec<Slot>) {
        out.clear();
        scratch.clear();
        if self.overlap == Overlap::All {
            let first = self.slot_impl(inp, Some(scratch));
            if matches!(first, Slot::Region(_)) && scratch.len() > 1 {
                out.extend(scratch.iter().map(|&i| Slot::Region(i)));
            } else {
                out.push(first);
            }
        } else {
            out.push(self.slot_impl(inp, None));
        }
    }

    /// The slot of one record, by the rule in the module docs.
    pub fn slot_of(&self, inp: &SlotInput<'_>) -> Slot {
        self.slot_impl(inp, None)
    }

    /// The rule; with `all`, the point-in-polygon step also lists every
    /// region whose interior holds the point into it.
    fn slot_impl(&self, inp: &SlotInput<'_>, mut all: Option<&mut Vec<usize>>) -> Slot {
        let prec = inp.precision.unwrap_or(GeoPrecision::Place);
        let parent = |at: GeoPrecision| -> String {
            // the most specific known unit at or above `at`
            let admin1_name = || {
                inp.admin1.map(str::to_string).or_else(|| {
                    let a1 = self.admin1?;
                    let (lon, lat) = inp.lon_lat?;
                    a1.locate(lon, lat).map(|i| a1.regions()[i].name.clone())
                })
            };
            match at {
                GeoPrecision::Admin2 => inp.admin2.map(str::to_string).or_else(admin1_name),
                GeoPrecision::Admin1 => admin1_name(),
                _ => None,
            }
            .or_else(|| inp.country.and_then(country_field))
            .unwrap_or_else(|| "unknown".into())
        };
        match &self.regions.level {
            Level::Grid(size) => {
                if prec != GeoPrecision::Place {
                    return Slot::Unallocated(parent(prec));
                }
                match inp.lon_lat {
                    Some((lon, lat)) => {
                        let (r, c) = grid_cell(lon, lat, *size);
                        Slot::Cell(r, c)
                    }
                    None => Slot::Unassigned,
                }
            }
            level => {
                let admin1_like = !self.regions.has_parents;
                let finest_ok = match level {
                    Level::Admin1 => GeoPrecision::Admin1,
                    Level::Admin2 => GeoPrecision::Admin2,
                    _ if admin1_like => GeoPrecision::Admin1,
                    _ => GeoPrecision::Admin2,
                };
                if prec > finest_ok {
                    return Slot::Unallocated(parent(prec));
                }
                let own = match level {
                    Level::Admin1 => inp.admin1.and_then(|n| self.regions.by_name(n)),
                    Level::Admin2 => inp.admin2.and_then(|n| self.regions.by_name(n)),
                    // the user's polygons: their level is unknown, so a name is
                    // trusted only for admin-2 names, or admin-1 names when the
                    // set has no parents (looks like an admin-1 layer)
                    _ => inp
                        .admin2
                        .and_then(|n| self.regions.by_name(n))
                        .or_else(|| {
                            if admin1_like && prec <= GeoPrecision::Admin1 {
                                inp.admin1.and_then(|n| self.regions.by_name(n))
                            } else {
                                None
                            }
                        }),
                };
                if let Some(i) = own {
                    return Slot::Region(i);
                }
                if *level == Level::Admin1 {
                    if let Some(name) = self.unmatched_admin1(inp) {
                        return Slot::Named(name);
                    }
                }
                match inp.lon_lat {
                    Some((lon, lat)) => {
                        let found = match all.as_deref_mut() {
                            Some(buf) => {
                                self.regions.locate_all(lon, lat, buf);
                                buf.first().copied()
                            }
                            None => self.regions.locate(lon, lat),
                        };
                        match found {
                            Some(i) if self.other_country(inp, i) => {
                                if let Some(buf) = all {
                                    buf.clear();
                                }
                                Slot::Unassigned
                            }
                            Some(i) => Slot::Region(i),
                            None => Slot::Unassigned,
                        }
                    }
                    None => Slot::Unassigned,
                }
            }
        }
    }
}

#[cfg(test)]
mod cell_list_tests {
    use super::*;
    use geo::{CoordsIter, LineString, Polygon};

    use crate::snap::Rng;

    fn ring(pts: &[(f64, f64)]) -> LineString<f64> {
        LineString::from(pts.to_vec())
    }

    fn star(cx: f64, cy: f64, r: f64, n: usize, ccw: bool) -> Vec<(f64, f64)> {
        let mut v: Vec<(f64, f64)> = (0..n)
            .map(|k| {
                let t = k as f64 / n as f64 * std::f64::consts::TAU;
                let rr = if k % 2 == 0 { r } else { r * 0.45 };
                (cx + rr * t.cos(), cy + rr * t.sin())
            })
            .collect();
        if !ccw {
            v.reverse();
        }
        v
    }

    fn region(code: &str, mp: MultiPolygon<f64>) -> Region {
        Region {
            name: code.into(),
            code: code.into(),
            country: None,
            parent: None,
            geometry: mp,
        }
    }

    /// Odd shapes on purpose: holes wound either way, a hole outside its
    /// exterior, parts of one region wound against each other and
    /// overlapping, regions overlapping each other, shared borders, a
    /// figure eight.
    fn odd_set() -> RegionSet {
        let sq = |x0: f64, y0: f64, x1: f64, y1: f64| vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)];
        let mut rev = sq(2.5, 2.5, 3.5, 3.5);
        rev.reverse();
        let regions = vec![
            region(
                "A",
                MultiPolygon(vec![Polygon::new(
                    ring(&star(3.0, 3.0, 2.5, 40, true)),
                    vec![ring(&sq(2.0, 2.0, 4.0, 4.0)), ring(&rev)],
                )]),
            ),
            region(
                "B",
                MultiPolygon(vec![
                    Polygon::new(ring(&sq(5.0, 0.0, 8.0, 3.0)), vec![]),
                    Polygon::new(ring(&star(7.0, 2.0, 1.5, 24, false)), vec![]),
                ]),
            ),
            region(
                "C",
                MultiPolygon(vec![Polygon::new(
                    ring(&sq(4.0, 0.5, 6.0, 5.5)),
                    vec![ring(&sq(9.0, 9.0, 9.5, 9.5))],
                )]),
            ),
            region(
                "D",
                MultiPolygon(vec![Polygon::new(
                    ring(&[(0.0, 6.0), (3.0, 9.0), (3.0, 6.0), (0.0, 9.0)]),
                    vec![],
                )]),
            ),
            region(
                "E",
                MultiPolygon(vec![Polygon::new(ring(&sq(6.0, 5.5, 9.0, 9.0)), vec![])]),
            ),
        ];
        RegionSet::new(
            Level::File {
                path: "odd.geojson".into(),
                field: None,
            },
            regions,
        )
    }

    fn interior_by_tree(set: &RegionSet, x: f64, y: f64) -> Vec<usize> {
        let mut v = Vec::new();
        set.for_each_interior(x, y, &mut |i| v.push(i));
        v.sort_unstable();
        v
    }

    fn check(set: &RegionSet, pts: &[(f64, f64)]) -> (usize, usize) {
        let raster = set.raster.as_ref().expect("a raster");
        let (mut listed, mut boundary) = (0, 0);
        let mut all = Vec::new();
        for &(x, y) in pts {
            if raster.hint(x, y) == crate::raster::CellHint::Boundary {
                boundary += 1;
                let mut got = Vec::new();
                let mut first = None;
                if let Some(any) = raster.interior_in_cell(x, y, true, &mut |i| {
                    first = Some(i);
                    true
                }) {
                    assert_eq!(any, first.is_some());
                    assert_eq!(first, interior_by_tree(set, x, y).first().copied());
                }
                if let Some(any) = raster.interior_in_cell(x, y, false, &mut |i| {
                    got.push(i);
                    false
                }) {
                    listed += 1;
                    assert_eq!(any, !got.is_empty());
                    assert_eq!(got, interior_by_tree(set, x, y), "at {x},{y}");
                }
            }
            // what the raster alone answered before the lists
            use crate::raster::CellHint;
            let (first, want) = match raster.hint(x, y) {
                CellHint::Inside(k) => (Some(k), vec![k]),
                CellHint::Outside => {
                    let s = set.nearest_within(x, y, set.tolerance_km);
                    (s, s.into_iter().collect())
                }
                _ => {
                    let mut v = interior_by_tree(set, x, y);
                    if v.is_empty() {
                        v.extend(set.locate_exact(x, y));
                    }
                    (set.locate_exact(x, y), v)
                }
            };
            assert_eq!(set.locate(x, y), first, "at {x},{y}");
            set.locate_all(x, y, &mut all);
            assert_eq!(all, want, "at {x},{y}");
        }
        (listed, boundary)
    }

    #[test]
    fn cell_lists_agree_with_the_interval_trees_on_odd_shapes() {
        let set = odd_set();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut pts: Vec<(f64, f64)> = (0..200_000)
            .map(|_| (rng.range(-0.5, 10.0), rng.range(-0.5, 10.0)))
            .collect();
        // vertices, midpoints of edges, and points on a fine regular grid
        for r in set.regions() {
            let c: Vec<_> = r.geometry.coords_iter().collect();
            for w in c.windows(2) {
                pts.push((w[0].x, w[0].y));
                pts.push(((w[0].x + w[1].x) / 2.0, (w[0].y + w[1].y) / 2.0));
            }
        }
        for i in 0..=200 {
            for j in 0..=200 {
                pts.push((i as f64 * 0.05, j as f64 * 0.05));
            }
        }
        let (listed, boundary) = check(&set, &pts);
        assert!(
            boundary > 1000 && listed * 10 > boundary * 9,
            "{listed} of {boundary} boundary points answered by the lists"
        );
    }

    #[test]
    fn cell_lists_agree_on_the_shipped_admin1_polygons() {
        let g = crate::gazetteer::Gazetteer::default_embedded().unwrap();
        let set = RegionSet::from_geojson_str(
            Level::Admin1,
            &g.admin1_geojson,
            std::path::Path::new("admin1.geojson"),
            None,
        )
        .unwrap();
        let mut rng = Rng(7);
        let mut pts: Vec<(f64, f64)> = (0..300_000)
            .map(|_| (rng.range(-13.0, 16.5), rng.range(9.0, 25.5)))
            .collect();
        // points close to edges, where the boundary cells are
        for r in set.regions() {
            let c: Vec<_> = r.geometry.coords_iter().collect();
            for w in c.windows(2).step_by(3) {
                let t = rng.next();
                let d = rng.range(-1e-3, 1e-3);
                pts.push((
                    w[0].x + (w[1].x - w[0].x) * t + d,
                    w[0].y + (w[1].y - w[0].y) * t - d,
                ));
            }
        }
        let (listed, boundary) = check(&set, &pts);
        assert!(
            boundary > 1000 && listed * 10 > boundary * 9,
            "{listed} of {boundary} boundary points answered by the lists"
        );
    }
}
