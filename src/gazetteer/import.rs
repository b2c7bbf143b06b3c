//! `gazetteer import`: builds a gazetteer folder (`places.tsv`,
//! `admin1.geojson`, `admin2.geojson`) from GeoNames country dumps, the
//! GeoNames admin code tables and admin polygons.
//!
//! Input formats:
//! - a GeoNames country dump (`ML.txt`, ...): 19 tab-separated columns,
//!   `geonameid name asciiname alternatenames lat lon feature_class
//!   feature_code country cc2 admin1 admin2 admin3 admin4 population elevation
//!   dem timezone modification_date`, no header;
//! - `admin1CodesASCII.txt` / `admin2Codes.txt`: `CC.A1[.A2] name asciiname
//!   geonameid`;
//! - polygon GeoJSON (FeatureCollection of Polygon / MultiPolygon features)
//!   with a property holding the region name (`name_field`, default `name`)
//!   and optionally one holding its code (`code_field`, default `code` when
//!   present), read by the same reader as `report --by`
//!   ([`crate::region::read_features`]); a region's country is its
//!   `country` (or `iso_a2`, `country_iso3`, ...) property when that names
//!   a country, else the one most of its points belong to.
//!
//! GeoNames gives admin-2 codes on few Sahel rows (about 7 % in Mali), so
//! when polygons are given, each place's admin-1 / admin-2 name and code are
//! taken from the polygon that holds it, located by the same
//! [`RegionSet`] as `report`'s regions: the polygons whose interior
//! contains the point (the first in file order of the place's country wins),
//! else the one whose boundary it lies on, else the nearest polygon within
//! [`NEAR_KM`] (great-circle km to its closest edge point, [`crate::snap`]) for a
//! point just outside a generalised border. A polygon only claims places of
//! its own country, which is the country most of the points it holds belong
//! to. Where no polygon holds a place, the names from the code tables are
//! kept.
//!
//! Bad rows (too few columns, coordinates that are not numbers or out of
//! range) are skipped and counted in [`ImportSummary`], with the first few
//! named by file and line; unreadable files and unusable polygon files are
//! errors.

use crate::error::{Error, Result};
use crate::fsio::write_atomic_with;
use crate::gazetteer::PLACES_COLUMNS;
use crate::region::{read_features, Level, PropertyNames, Region, RegionSet};
use geo::orient::{Direction, Orient};
use geo::LineString;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What to import and where to write it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSpec {
    /// GeoNames country dumps (`ML.txt`, `BF.txt`, ...).
    pub dumps: Vec<PathBuf>,
    /// `admin1CodesASCII.txt` (code → admin-1 name).
    pub admin1_codes: Option<PathBuf>,
    /// `admin2Codes.txt` (code → admin-2 name).
    pub admin2_codes: Option<PathBuf>,
    /// Admin-1 polygon GeoJSON files (one per country, or one for all).
    pub admin1_polygons: Vec<PathBuf>,
    /// Admin-2 polygon GeoJSON files.
    pub admin2_polygons: Vec<PathBuf>,
    /// Property holding the region name (default `name`).
    pub name_field: Option<String>,
    /// Property holding the region code (default `code`, when present).
    pub code_field: Option<String>,
    /// Leave out the curated conflict places shipped with the crate
    /// (`gazetteer/curated.tsv`: villages such as Ogossagou or Boulkessi that
    /// GeoNames lacks or spells otherwise). By default they are merged in:
    /// into the GeoNames row of the same name within 15 km as alternate
    /// names, or as rows of their own (source `curated`).
    pub without_curated: bool,
    /// Feature classes to keep; empty means [`DEFAULT_CLASSES`].
    pub feature_classes: Vec<String>,
    /// Folder to write `places.tsv`, `admin1.geojson`, `admin2.geojson` into
    /// (created when missing).
    pub out_dir: PathBuf,
}

/// Feature classes kept by default: populated places (`P`), admin units
/// (`A`), areas and localities (`L`), terrain (`T`: hills, wadis, dunes),
/// vegetation (`V`: forests such as the Serma forest) and, of the
/// hydrographic class `H`, only wells, oases and ponds, which name camps and
/// attack sites in the Sahel.
pub const DEFAULT_CLASSES: [&str; 5] = ["P", "A", "L", "T", "V"];

/// `H` feature codes kept when `H` is not asked for as a whole.
const KEPT_H_CODES: [&str; 6] = ["WLL", "WLLS", "OAS", "PND", "PNDS", "LK"];

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    /// Data rows read from the dumps.
    pub rows_read: usize,
    /// Places written to `places.tsv`.
    pub places_written: usize,
    /// Places written, per country code.
    pub places_by_country: BTreeMap<String, usize>,
    /// Rows left out because of their feature class.
    pub skipped_class: usize,
    /// Rows skipped because they could not be parsed.
    pub bad_rows: usize,
    /// The first bad rows, as `file:line: reason`.
    pub bad_row_examples: Vec<String>,
    /// Admin-1 polygons written.
    pub admin1_polygons: usize,
    /// Admin-2 polygons written.
    pub admin2_polygons: usize,
    /// Places whose admin-1 came from a polygon.
    pub admin1_by_polygon: usize,
    /// Places whose admin-2 came from a polygon.
    pub admin2_by_polygon: usize,
    /// Places with an admin-2 name after the import (polygon or code table).
    pub admin2_filled: usize,
    /// Curated places merged into a GeoNames row.
    pub curated_merged: usize,
    /// Curated places added as rows of their own.
    pub curated_added: usize,
    /// Polygon features skipped (no name, not a polygon).
    pub skipped_features: usize,
}

/// How far outside every polygon (great-circle km) a place may lie and
/// still take the nearest polygon's names (the `--tolerance-km` of `report`
/// is 5; the import keeps the half kilometre of the 0.004° simplification
/// of the shipped polygons on top).
pub const NEAR_KM: f64 = 5.5;

/// Polygons of one admin level: the regions in file order (what is written
/// and what wins a tie) and the [`RegionSet`] that locates points in them.
struct RegionLayer {
    regions: Vec<Region>,
    set: RegionSet,
    /// File index of each region of `set` (which orders them by code).
    file_index: Vec<usize>,
    /// For each dump row, the regions holding it (file indexes, computed once).
    held: Vec<Vec<usize>>,
}

impl RegionLayer {
    fn new(level: Level, regions: Vec<Region>) -> Self {
        let mut set = RegionSet::new(
            level,
            regions
                .iter()
                .map(|r| Region {
                    country: None,
                    parent: None,
                    ..r.clone()
                })
                .collect(),
        );
        set.tolerance_km = NEAR_KM;
        // the set orders regions by (code, name), keeping file order among equals
        let mut by_key: HashMap<(&str, &str), std::collections::VecDeque<usize>> = HashMap::new();
        for (i, r) in regions.iter().enumerate() {
            by_key
                .entry((r.code.as_str(), r.name.as_str()))
                .or_default()
                .push_back(i);
        }
        let file_index = set
            .regions()
            .iter()
            .map(|r| {
                by_key
                    .get_mut(&(r.code.as_str(), r.name.as_str()))
                    .and_then(|q| q.pop_front())
                    .expect("RegionSet keeps every region")
            })
            .collect();
        RegionLayer {
            regions,
            set,
            file_index,
            held: Vec::new(),
        }
    }

    /// File indexes of the regions holding `(lon, lat)`, in file order:
    /// [`RegionSet::locate_all`] (every region whose interior holds it,
    /// else the border it lies on, else the nearest within [`NEAR_KM`]).
    fn holding(&self, lon: f64, lat: f64, scratch: &mut Vec<usize>) -> Vec<usize> {
        self.set.locate_all(lon, lat, scratch);
        let mut held: Vec<usize> = scratch.iter().map(|&i| self.file_index[i]).collect();
        held.sort_unstable();
        held
    }

    /// The region holding row `row` (see [`with_countries`]) whose country
    /// is `country` (or unknown).
    fn find(&self, row: usize, country: &str) -> Option<&Region> {
        self.held
            .get(row)?
            .iter()
            .map(|&i| &self.regions[i])
            .find(|r| r.country.as_deref().is_none_or(|c| c == country))
    }
}

/// One row of a dump, kept.
#[derive(Debug, Clone)]
struct Row {
    id: String,
    name: String,
    ascii: String,
    alt: Vec<String>,
    lat: f64,
    lon: f64,
    fclass: String,
    fcode: String,
    country: String,
    a1: String,
    a2: String,
    population: u64,
    /// Admin-2 name known from the curated table (used when no polygon
    /// and no code gives one).
    admin2_name: String,
    source: &'static str,
}

/// Builds a gazetteer folder from GeoNames dumps and admin polygons.
///
/// # Examples
/// ```
/// use casualty_atlas::gazetteer::import::{import, ImportSpec};
/// let dir = tempfile::tempdir().unwrap();
/// let dump = dir.path().join("ML.txt");
/// std::fs::write(&dump, "2455456\tKinmparana\tKinmparana\tKimparana\t12.84217\t-4.9245\tP\tPPL\tML\t\t04\t\t\t\t0\t\t290\tAfrica/Bamako\t2012-01-01\n").unwrap();
/// let spec = ImportSpec { dumps: vec![dump], out_dir: dir.path().join("gaz"), ..Default::default() };
/// let summary = import(&spec).unwrap();
/// // The dump's row, with the curated Malian places merged in.
/// assert_eq!(summary.curated_merged, 1);
/// assert_eq!(summary.places_written, 1 + summary.curated_added);
/// let g = casualty_atlas::gazetteer::Gazetteer::load_dir(&spec.out_dir).unwrap();
/// assert_eq!(g.resolve("Kimparana", &Default::default()).best().unwrap().place.id, "2455456");
/// ```
pub fn import(spec: &ImportSpec) -> Result<ImportSummary> {
    if spec.dumps.is_empty() {
        return Err(Error::Usage(
            "gazetteer import needs at least one GeoNames country dump (e.g. ML.txt)".into(),
        ));
    }
    let mut summary = ImportSummary::default();
    let names = AdminNames {
        admin1: read_codes_opt(spec.admin1_codes.as_deref())?,
        admin2: read_codes_opt(spec.admin2_codes.as_deref())?,
    };
    let rows = read_rows(spec, &mut summary)?;
    let name_field = spec.name_field.as_deref().unwrap_or("name");
    let code_field = spec.code_field.as_deref();
    let mut layer = |level: Level, paths: &[PathBuf]| -> Result<Option<RegionLayer>> {
        if paths.is_empty() {
            return Ok(None);
        }
        let regions = read_regions(paths, name_field, code_field, &mut summary)?;
        Ok(Some(with_countries(
            RegionLayer::new(level, regions),
            &rows,
        )))
    };
    let layers = [
        layer(Level::Admin1, &spec.admin1_polygons)?,
        layer(Level::Admin2, &spec.admin2_polygons)?,
    ];

    std::fs::create_dir_all(&spec.out_dir).map_err(|e| Error::io(&spec.out_dir, e))?;
    let lines: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(ri, r)| place_line(ri, r, &names, &layers, &mut summary))
        .collect();
    summary.places_written = lines.len();
    let places_path = spec.out_dir.join("places.tsv");
    write_atomic_with(&places_path, |w| {
        writeln!(w, "{}", PLACES_COLUMNS.join("\t"))?;
        for l in &lines {
            writeln!(w, "{l}")?;
        }
        Ok(())
    })?;
    let [layer1, layer2] = layers;
    let a1 = layer1.map(|l| l.regions).unwrap_or_default();
    summary.admin1_polygons = a1.len();
    write_regions(&spec.out_dir.join("admin1.geojson"), &a1)?;
    let a2 = layer2.map(|l| l.regions).unwrap_or_default();
    summary.admin2_polygons = a2.len();
    write_regions(&spec.out_dir.join("admin2.geojson"), &a2)?;
    Ok(summary)
}

/// The admin unit names of GeoNames' code files, by code (`ML.05`,
/// `ML.05.123`).
struct AdminNames {
    admin1: HashMap<String, String>,
    admin2: HashMap<String, String>,
}

fn read_codes_opt(path: Option<&Path>) -> Result<HashMap<String, String>> {
    match path {
        Some(p) => read_codes(p),
        None => Ok(HashMap::new()),
    }
}

/// The dumps' rows of the wanted feature classes, the curated places merged
/// in (unless left out), each id once, by country and id.
fn read_rows(spec: &ImportSpec, summary: &mut ImportSummary) -> Result<Vec<Row>> {
    let classes: Vec<String> = if spec.feature_classes.is_empty() {
        DEFAULT_CLASSES.iter().map(|s| s.to_string()).collect()
    } else {
        spec.feature_classes
            .iter()
            .map(|s| s.trim().to_ascii_uppercase())
            .collect()
    };
    let mut rows = Vec::new();
    let mut seen = HashMap::new();
    for (di, dump) in spec.dumps.iter().enumerate() {
        let ctx = DumpCtx {
            dumps: &spec.dumps,
            index: di,
            seen: &mut seen,
        };
        read_dump(dump, &classes, &mut rows, ctx, summary)?;
    }
    if !spec.without_curated {
        merge_curated(&mut rows, summary)?;
    }
    // places.tsv ids must be unique (a curated id could repeat a dump's)
    let mut ids = std::collections::HashSet::new();
    let before = rows.len();
    rows.retain(|r| ids.insert(r.id.clone()));
    if rows.len() < before {
        summary.bad_rows += before - rows.len();
        summary.bad_row_examples.push(format!(
            "{} row(s) repeated an id already taken; skipped",
            before - rows.len()
        ));
    }
    rows.sort_by(|a, b| {
        a.country
            .cmp(&b.country)
            .then_with(|| cmp_ids(&a.id, &b.id))
    });
    Ok(rows)
}

/// Row `ri` as a line of `places.tsv`: its admin units from the code files,
/// overridden by the polygon that holds it where polygons were given.
fn place_line(
    ri: usize,
    r: &Row,
    names: &AdminNames,
    [layer1, layer2]: &[Option<RegionLayer>; 2],
    summary: &mut ImportSummary,
) -> String {
    let code1 = if r.a1.is_empty() {
        String::new()
    } else {
        format!("{}.{}", r.country, r.a1)
    };
    let code2 = if r.a2.is_empty() || code1.is_empty() {
        String::new()
    } else {
        format!("{code1}.{}", r.a2)
    };
    let mut admin1 = names.admin1.get(&code1).cloned().unwrap_or_default();
    let mut admin1_code = code1.clone();
    let mut admin2 = names
        .admin2
        .get(&code2)
        .map(|n| crate::names::strip_admin_words(&n.replace('’', "'")))
        .unwrap_or_else(|| r.admin2_name.clone());
    let mut admin2_code = code2.clone();
    if let Some(reg) = layer1.as_ref().and_then(|l| l.find(ri, &r.country)) {
        admin1 = reg.name.clone();
        if !reg.code.is_empty() {
            admin1_code = reg.code.clone();
        }
        summary.admin1_by_polygon += 1;
    }
    if let Some(reg) = layer2.as_ref().and_then(|l| l.find(ri, &r.country)) {
        admin2 = reg.name.clone();
        admin2_code = if reg.code.is_empty() {
            String::new()
        } else {
            reg.code.clone()
        };
        summary.admin2_by_polygon += 1;
    }
    if !admin2.is_empty() {
        summary.admin2_filled += 1;
    }
    *summary
        .places_by_country
        .entry(r.country.clone())
        .or_default() += 1;
    let alt = r.alt.join(",");
    [
        r.id.as_str(),
        &r.name,
        &r.ascii,
        &alt,
        &fmt_coord(r.lat),
        &fmt_coord(r.lon),
        &r.fclass,
        &r.fcode,
        &r.country,
        &admin1_code,
        &admin1,
        &admin2_code,
        &admin2,
        &r.population.to_string(),
        r.source,
    ]
    .iter()
    .map(|s| clean_field(s))
    .collect::<Vec<_>>()
    .join("\t")
}

/// The curated conflict places (see `gazetteer/README.md`).
pub const CURATED: &str = include_str!("../../gazetteer/curated.tsv");

/// Where the curated table's errors point.
const CURATED_PATH: &str = "<embedded gazetteer/curated.tsv>";

/// Merges the curated places of the imported countries into `rows`: a
/// curated place within 15 km of a row of one of its names adds its names
/// to that row; else it is a row of its own.
fn merge_curated(rows: &mut Vec<Row>, summary: &mut ImportSummary) -> Result<()> {
    let countries: std::collections::BTreeSet<String> =
        rows.iter().map(|r| r.country.clone()).collect();
    let index = names_index(rows);
    for (i, line) in CURATED.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let (f, lat, lon) = curated_fields(i, line)?;
        if !countries.contains(f[8]) {
            continue;
        }
        let names: Vec<&str> = std::iter::once(f[1])
            .chain(std::iter::once(f[2]))
            .chain(f[3].split(',').filter(|s| !s.is_empty()))
            .collect();
        match curated_hit(rows, &index, f[8], &names, (lon, lat)) {
            Some(j) => {
                merge_into(&mut rows[j], &f, &names);
                summary.curated_merged += 1;
            }
            None => {
                rows.push(curated_row(&f, lat, lon));
                summary.curated_added += 1;
            }
        }
    }
    Ok(())
}

/// Rows by (country, normalized name), for every name and alternate name.
fn names_index(rows: &[Row]) -> HashMap<(String, String), Vec<usize>> {
    use crate::normalize::normalize;
    let mut index: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        for n in std::iter::once(&r.name)
            .chain(std::iter::once(&r.ascii))
            .chain(r.alt.iter())
        {
            index
                .entry((r.country.clone(), normalize(n)))
                .or_default()
                .push(i);
        }
    }
    index
}

/// The fields of line `i` (0-based) of the curated table, with its
/// latitude and longitude.
fn curated_fields(i: usize, line: &str) -> Result<(Vec<&str>, f64, f64)> {
    let path = Path::new(CURATED_PATH);
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < PLACES_COLUMNS.len() {
        return Err(Error::bad_file(
            path,
            format!("line {}: expected {} columns", i + 1, PLACES_COLUMNS.len()),
        ));
    }
    match (f[4].parse::<f64>(), f[5].parse::<f64>()) {
        (Ok(a), Ok(b)) => Ok((f, a, b)),
        _ => Err(Error::bad_file(
            path,
            format!("line {}: bad coordinates", i + 1),
        )),
    }
}

/// The row a curated place is: one of `names` in `country` within 15 km;
/// populated places before other features, then the lowest id.
fn curated_hit(
    rows: &[Row],
    index: &HashMap<(String, String), Vec<usize>>,
    country: &str,
    names: &[&str],
    at: (f64, f64),
) -> Option<usize> {
    use crate::normalize::normalize;
    names
        .iter()
        .flat_map(|n| {
            index
                .get(&(country.to_string(), normalize(n)))
                .into_iter()
                .flatten()
        })
        .copied()
        .filter(|&j| crate::spatial::haversine_km(at, (rows[j].lon, rows[j].lat)) < 15.0)
        .min_by(|&a, &b| {
            let key = |j: usize| {
                (
                    rows[j].fclass != "P",
                    rows[j].id.parse::<u64>().unwrap_or(u64::MAX),
                )
            };
            key(a).cmp(&key(b))
        })
}

/// A dump's row that a curated place (fields `f`) matched: its names, its
/// admin-2 name when the row has none, its seat code.
fn merge_into(r: &mut Row, f: &[&str], names: &[&str]) {
    for n in names {
        if *n != r.name && *n != r.ascii && !r.alt.iter().any(|a| a == n) {
            r.alt.push((*n).to_string());
        }
    }
    if r.admin2_name.is_empty() {
        r.admin2_name = f[12].to_string();
    }
    // a seat the curated table knows and GeoNames lists as a plain village
    if r.fcode == "PPL" && matches!(f[7], "PPLA" | "PPLA2" | "PPLC") {
        r.fcode = f[7].to_string();
    }
    r.source = "geonames+curated";
}

/// A curated place no dump row matched, as a row of its own.
fn curated_row(f: &[&str], lat: f64, lon: f64) -> Row {
    Row {
        id: f[0].to_string(),
        name: f[1].to_string(),
        ascii: f[2].to_string(),
        alt: f[3]
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        lat,
        lon,
        fclass: f[6].to_string(),
        fcode: f[7].to_string(),
        country: f[8].to_string(),
        a1: String::new(),
        a2: String::new(),
        population: 0,
        admin2_name: f[12].to_string(),
        source: "curated",
    }
}

/// Numeric ids in numeric order, others after them in text order.
fn cmp_ids(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

/// Six decimals at most, no trailing zeros.
fn fmt_coord(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// Tabs and line breaks cannot appear inside a TSV field.
fn clean_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// True when every letter of `s` is in a Latin block (accents allowed), so
/// Arabic, Cyrillic and CJK renderings of names are left out.
fn is_latin(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).all(|c| {
        let u = c as u32;
        u < 0x0250 || (0x1E00..=0x1EFF).contains(&u) || (0x2C60..=0x2C7F).contains(&u)
    })
}

/// Latin-script alternate names with a capital letter; GeoNames' airport
/// codes (`TOM`) and lower-case romanisations of other scripts (`tang pu
/// tu`) are left out, as they would match ordinary words in articles.
fn useful_alt(s: &str) -> bool {
    let (mut n, mut upper) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        n += 1;
        upper += usize::from(c.is_uppercase());
    }
    is_latin(s) && upper > 0 && !(n <= 4 && upper == n)
}

fn keep_class(classes: &[String], fclass: &str, fcode: &str) -> bool {
    classes.iter().any(|c| c == fclass) || (fclass == "H" && KEPT_H_CODES.contains(&fcode))
}

fn bad_row(summary: &mut ImportSummary, path: &Path, line: usize, reason: String) {
    summary.bad_rows += 1;
    if summary.bad_row_examples.len() < 10 {
        summary
            .bad_row_examples
            .push(format!("{}:{line}: {reason}", path.display()));
    }
}

/// Where `read_dump` is in the list of dumps, and the ids already read
/// (id → (dump index, line)).
struct DumpCtx<'a> {
    dumps: &'a [PathBuf],
    index: usize,
    seen: &'a mut HashMap<String, (usize, usize)>,
}

fn read_dump(
    path: &Path,
    classes: &[String],
    rows: &mut Vec<Row>,
    mut ctx: DumpCtx<'_>,
    summary: &mut ImportSummary,
) -> Result<()> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        summary.rows_read += 1;
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 {
            bad_row(
                summary,
                path,
                lineno,
                format!("expected 19 tab-separated columns, found {}", f.len()),
            );
            continue;
        }
        let (lat, lon) = match (f[4].trim().parse::<f64>(), f[5].trim().parse::<f64>()) {
            (Ok(la), Ok(lo)) if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) => {
                (la, lo)
            }
            _ => {
                bad_row(
                    summary,
                    path,
                    lineno,
                    format!("bad coordinates {:?}, {:?}", f[4], f[5]),
                );
                continue;
            }
        };
        if f[0].trim().is_empty() || f[1].trim().is_empty() {
            bad_row(summary, path, lineno, "empty id or name".into());
            continue;
        }
        if let Err(why) = ctx.first_of_id(f[0].trim(), lineno) {
            bad_row(summary, path, lineno, why);
            continue;
        }
        if !keep_class(classes, f[6].trim(), f[7].trim()) {
            summary.skipped_class += 1;
            continue;
        }
        rows.push(dump_row(&f, lat, lon));
    }
    Ok(())
}

impl DumpCtx<'_> {
    /// Takes note of `id` at `lineno` of this dump; an error naming where
    /// it was first when it was seen already (the first place under an id
    /// is kept).
    fn first_of_id(&mut self, id: &str, lineno: usize) -> std::result::Result<(), String> {
        match self.seen.entry(id.to_string()) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let (d, l) = *e.get();
                let first = self.dumps.get(d).map(|p| p.display().to_string());
                Err(format!(
                    "duplicate id {id:?} (first at {}:{l}); skipped",
                    first.unwrap_or_default()
                ))
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((self.index, lineno));
                Ok(())
            }
        }
    }
}

/// A dump line's fields `f` as a row: its alternate names once each, those
/// that differ from the name and are worth matching ([`useful_alt`]).
fn dump_row(f: &[&str], lat: f64, lon: f64) -> Row {
    let name = f[1].trim().to_string();
    let ascii = f[2].trim().to_string();
    let mut alt: Vec<String> = Vec::new();
    for a in f[3].split(',').map(str::trim) {
        if !a.is_empty() && a != name && a != ascii && useful_alt(a) && !alt.iter().any(|x| x == a)
        {
            alt.push(a.to_string());
        }
    }
    Row {
        id: f[0].trim().to_string(),
        name,
        ascii,
        alt,
        lat,
        lon,
        fclass: f[6].trim().to_string(),
        fcode: f[7].trim().to_string(),
        country: f[8].trim().to_string(),
        a1: f[10].trim().to_string(),
        a2: f[11].trim().to_string(),
        population: f[14].trim().parse().unwrap_or(0),
        admin2_name: String::new(),
        source: "geonames",
    }
}

/// Reads a GeoNames admin code table: `code name asciiname geonameid`.
fn read_codes(path: &Path) -> Result<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut f = line.split('\t');
        match (f.next(), f.next()) {
            (Some(code), Some(name)) if !code.trim().is_empty() && !name.trim().is_empty() => {
                out.insert(code.trim().to_string(), name.trim().to_string());
            }
            _ => {
                return Err(Error::bad_file(
                    path,
                    format!(
                        "line {}: expected `code<TAB>name<TAB>asciiname<TAB>geonameid`",
                        i + 1
                    ),
                ))
            }
        }
    }
    Ok(out)
}

/// Reads the region polygons of `paths` with the one polygon reader
/// ([`crate::region::read_features`]), in file order, each exterior ring
/// counter-clockwise; a region's country is its `country` (or
/// `iso_a2`, ...) property when that is a two-letter code, else left for
/// [`with_countries`]. Features without a name or a polygon are skipped and
/// counted.
fn read_regions(
    paths: &[PathBuf],
    name_field: &str,
    code_field: Option<&str>,
    summary: &mut ImportSummary,
) -> Result<Vec<Region>> {
    let props = PropertyNames {
        name: Some(name_field),
        code: Some(code_field.unwrap_or("code")),
    };
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let read = read_features(&text, path, props)?;
        if read.features.is_empty() {
            return Err(Error::bad_file(
                path,
                format!("no polygon feature has a `{name_field}` property"),
            ));
        }
        summary.skipped_features += read.skipped;
        out.extend(read.features.into_iter().map(|f| Region {
            country: f.region.country.filter(|c| c.len() == 2),
            geometry: f.region.geometry.orient(Direction::Default),
            ..f.region
        }));
    }
    Ok(out)
}

/// Gives each region without a `country` property the country most of the
/// dump's points inside it belong to, and notes which regions hold each row.
fn with_countries(mut layer: RegionLayer, rows: &[Row]) -> RegionLayer {
    let mut votes: Vec<BTreeMap<&str, usize>> = vec![BTreeMap::new(); layer.regions.len()];
    let mut scratch = Vec::new();
    let held: Vec<Vec<usize>> = rows
        .iter()
        .map(|r| layer.holding(r.lon, r.lat, &mut scratch))
        .collect();
    for (r, h) in rows.iter().zip(&held) {
        for &i in h {
            *votes[i].entry(r.country.as_str()).or_default() += 1;
        }
    }
    layer.held = held;
    for (reg, v) in layer.regions.iter_mut().zip(votes) {
        if reg.country.is_none() {
            // Most votes; ties go to the first code alphabetically.
            if let Some((c, _)) = v
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            {
                reg.country = Some((*c).to_string());
            }
        }
    }
    layer
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn ring_json(r: &LineString<f64>) -> Value {
    Value::Array(
        r.0.iter()
            .map(|c| json!([round6(c.x), round6(c.y)]))
            .collect(),
    )
}

/// Writes regions as an RFC 7946 FeatureCollection: properties `name`,
/// `code`, `country`; exterior rings counter-clockwise; 6 decimals.
fn write_regions(path: &Path, regions: &[Region]) -> Result<()> {
    let features: Vec<Value> = regions
        .iter()
        .map(|r| {
            let polys: Vec<Value> = r
                .geometry
                .0
                .iter()
                .map(|p| {
                    let mut rings = vec![ring_json(p.exterior())];
                    rings.extend(p.interiors().iter().map(ring_json));
                    Value::Array(rings)
                })
                .collect();
            let geometry = if polys.len() == 1 {
                json!({"type": "Polygon", "coordinates": polys[0]})
            } else {
                json!({"type": "MultiPolygon", "coordinates": polys})
            };
            let mut props = Map::new();
            props.insert("name".into(), Value::String(r.name.clone()));
            props.insert("code".into(), Value::String(r.code.clone()));
            props.insert(
                "country".into(),
                Value::String(r.country.clone().unwrap_or_default()),
            );
            json!({"type": "Feature", "properties": props, "geometry": geometry})
        })
        .collect();
    let doc = json!({"type": "FeatureCollection", "features": features});
    write_atomic_with(path, |w| {
        serde_json::to_writer(&mut *w, &doc).map_err(std::io::Error::other)?;
        writeln!(w)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{Gazetteer, Hint};

    /// `../shared/data`; the tests that use it are `#[ignore]`d and fail
    /// loudly when run without it.
    fn shared_data() -> PathBuf {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
        assert!(
            p.join("gazetteer/ML.txt").exists(),
            "../shared/data/gazetteer/ML.txt not found: this test cannot run without it"
        );
        p
    }

    const SQUARE: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"NAME_X":"West","PC":"W1"},"geometry":{"type":"Polygon","coordinates":[[[-6,12],[-6,14],[-5,14],[-5,12],[-6,12]]]}},
        {"type":"Feature","properties":{"NAME_X":"East","PC":"E1"},"geometry":{"type":"Polygon","coordinates":[[[-5,12],[-4,12],[-4,14],[-5,14],[-5,12]]]}},
        {"type":"Feature","properties":{"other":"x"},"geometry":null}]}"#;

    fn row(id: &str, name: &str, lat: &str, lon: &str, fc: &str, code: &str, a1: &str) -> String {
        format!("{id}\t{name}\t{name}\t\t{lat}\t{lon}\t{fc}\t{code}\tML\t\t{a1}\t\t\t\t100\t\t300\tAfrica/Bamako\t2020-01-01\n")
    }

    #[test]
    fn small_import_fills_admin_by_polygon_and_counts_bad_rows() {
        let dir = tempfile::tempdir().unwrap();
        let dump = dir.path().join("ML.txt");
        let mut text = String::new();
        text += &row("1", "Kinmparana", "12.84217", "-4.9245", "P", "PPL", "05");
        text += &row("2", "Westville", "13.0", "-5.5", "P", "PPL", "05");
        text += &row("3", "Niger River", "13.0", "-5.5", "H", "STM", "05");
        text += &row("4", "Badlat", "north", "-5.5", "P", "PPL", "05");
        text += "5\ttoo\tfew\n";
        text += &row("6", "Puits A", "13.5", "-4.5", "H", "WLL", "05");
        // 3 km east of the East square: takes its names; 100 km east: none.
        text += &row("7", "Nearby", "13.0", "-3.97", "P", "PPL", "05");
        text += &row("8", "Faraway", "13.0", "-3.0", "P", "PPL", "05");
        std::fs::write(&dump, text).unwrap();
        let codes = dir.path().join("admin1CodesASCII.txt");
        std::fs::write(&codes, "ML.05\tSégou\tSegou\t2451477\n").unwrap();
        let poly = dir.path().join("adm1.geojson");
        std::fs::write(&poly, SQUARE).unwrap();
        let out = dir.path().join("out");
        let spec = ImportSpec {
            dumps: vec![dump],
            admin1_codes: Some(codes),
            admin2_polygons: vec![poly],
            name_field: Some("NAME_X".into()),
            code_field: Some("PC".into()),
            without_curated: true,
            out_dir: out.clone(),
            ..Default::default()
        };
        let s = import(&spec).unwrap();
        assert_eq!(s.rows_read, 8);
        assert_eq!(s.places_written, 5);
        assert_eq!(s.skipped_class, 1);
        assert_eq!(s.bad_rows, 2);
        assert!(
            s.bad_row_examples[0].contains("ML.txt:4"),
            "{:?}",
            s.bad_row_examples
        );
        assert_eq!(s.admin2_polygons, 2);
        assert_eq!(s.skipped_features, 1);
        assert_eq!(s.admin2_by_polygon, 4);
        let g = Gazetteer::load_dir(&out).unwrap();
        let near = |q: &str| {
            g.resolve(q, &Hint::default())
                .best()
                .unwrap()
                .place
                .admin2
                .clone()
        };
        assert_eq!(near("Nearby"), "East");
        assert_eq!(near("Faraway"), "");
        let k = g.resolve("Kimparana", &Hint::default());
        let best = k.best().unwrap().place;
        assert_eq!(best.id, "1");
        assert_eq!(best.admin1, "Ségou");
        assert_eq!(best.admin1_code, "ML.05");
        assert_eq!(best.admin2, "East");
        assert_eq!(best.admin2_code, "E1");
        let w = g.resolve("Westville", &Hint::default());
        assert_eq!(w.best().unwrap().place.admin2, "West");
        let a2: Value = serde_json::from_str(&g.admin2_geojson).unwrap();
        let f0 = &a2["features"][0];
        assert_eq!(f0["properties"]["country"], "ML");
        // Right-hand rule: the exterior ring is counter-clockwise.
        let ring = f0["geometry"]["coordinates"][0].as_array().unwrap();
        let area2: f64 = ring
            .windows(2)
            .map(|w| {
                w[0][0].as_f64().unwrap() * w[1][1].as_f64().unwrap()
                    - w[1][0].as_f64().unwrap() * w[0][1].as_f64().unwrap()
            })
            .sum();
        assert!(area2 > 0.0, "exterior ring must be counter-clockwise");
    }

    /// A place outside both polygons at 15° N: the North rectangle is
    /// nearer in degrees (0.0395° north against 0.040° east) but the East
    /// one is nearer on the ground (a degree of longitude is 107 km there,
    /// one of latitude 111 km: 4.30 km against 4.39 km). The import snaps
    /// in km, as `report` does, through the same `RegionSet`.
    #[test]
    fn snap_goes_to_the_nearest_polygon_in_km_not_in_degrees() {
        let dir = tempfile::tempdir().unwrap();
        let dump = dir.path().join("ML.txt");
        let mut text = row("1", "Between", "15.0", "0.0", "P", "PPL", "");
        // inside each rectangle, so both polygons are Malian
        text += &row("2", "Eastin", "15.0", "0.3", "P", "PPL", "");
        text += &row("3", "Northin", "15.3", "-0.2", "P", "PPL", "");
        // 6 km east of East: beyond the 5.5 km tolerance
        text += &row("4", "Beyond", "15.0", "1.056", "P", "PPL", "");
        std::fs::write(&dump, text).unwrap();
        let rect = |name: &str, x0: f64, y0: f64, x1: f64, y1: f64| {
            format!(
                r#"{{"type":"Feature","properties":{{"name":"{name}","code":"{name}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}}}"#
            )
        };
        let fc = format!(
            r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
            rect("North", -0.5, 15.0395, 0.035, 15.5),
            rect("East", 0.04, 14.9, 1.0, 15.03)
        );
        // degrees and km disagree here, and both are within the tolerance
        let (deg_n, deg_e) = (0.0395_f64, 0.040_f64);
        assert!(deg_n < deg_e);
        let km_n = crate::spatial::haversine_km((0.0, 15.0), (0.0, 15.0395));
        let km_e = crate::spatial::haversine_km((0.0, 15.0), (0.04, 15.0));
        assert!(km_e < km_n && km_n < NEAR_KM, "{km_e} {km_n}");
        let poly = dir.path().join("adm2.geojson");
        std::fs::write(&poly, fc).unwrap();
        let g = import_with_admin2(dir.path(), dump, poly);
        let admin2 = |q: &str| {
            let r = g.resolve(q, &Hint::default());
            r.best().unwrap().place.admin2.clone()
        };
        assert_eq!(admin2("Between"), "East");
        assert_eq!(admin2("Eastin"), "East");
        assert_eq!(admin2("Northin"), "North");
        assert_eq!(admin2("Beyond"), "");
    }

    /// Imports one dump with one admin-2 polygon file (no curated facts)
    /// into `dir/out` and loads the result.
    fn import_with_admin2(
        dir: &std::path::Path,
        dump: std::path::PathBuf,
        poly: std::path::PathBuf,
    ) -> Gazetteer {
        let out = dir.join("out");
        let spec = ImportSpec {
            dumps: vec![dump],
            admin2_polygons: vec![poly],
            without_curated: true,
            out_dir: out.clone(),
            ..Default::default()
        };
        import(&spec).unwrap();
        Gazetteer::load_dir(&out).unwrap()
    }

    /// Two polygons that overlap (a careless file): the first in file
    /// order wins, whatever their codes.
    #[test]
    fn overlapping_polygons_first_in_file_order_wins() {
        let dir = tempfile::tempdir().unwrap();
        let dump = dir.path().join("ML.txt");
        std::fs::write(&dump, row("1", "Middle", "15.5", "0.5", "P", "PPL", "")).unwrap();
        let sq = |name: &str, code: &str| {
            format!(
                r#"{{"type":"Feature","properties":{{"name":"{name}","code":"{code}"}},"geometry":{{"type":"Polygon","coordinates":[[[0,15],[1,15],[1,16],[0,16],[0,15]]]}}}}"#
            )
        };
        let poly = dir.path().join("adm2.geojson");
        std::fs::write(
            &poly,
            format!(
                r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
                sq("Zed", "Z9"),
                sq("Alpha", "A1")
            ),
        )
        .unwrap();
        let g = import_with_admin2(dir.path(), dump, poly);
        let r = g.resolve("Middle", &Hint::default());
        assert_eq!(r.best().unwrap().place.admin2, "Zed");
    }

    #[test]
    fn missing_name_field_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let dump = dir.path().join("ML.txt");
        std::fs::write(&dump, row("1", "A", "13", "-5.5", "P", "PPL", "05")).unwrap();
        let poly = dir.path().join("adm1.geojson");
        std::fs::write(&poly, SQUARE).unwrap();
        let spec = ImportSpec {
            dumps: vec![dump],
            admin1_polygons: vec![poly],
            name_field: Some("ADM1_FR".into()),
            out_dir: dir.path().join("out"),
            ..Default::default()
        };
        let e = import(&spec).unwrap_err().to_string();
        assert!(
            e.contains("adm1.geojson") && e.contains("ADM1_FR") && e.contains("NAME_X"),
            "{e}"
        );
        assert!(!dir.path().join("out/places.tsv").exists());
    }

    #[test]
    fn missing_dump_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let spec = ImportSpec {
            dumps: vec![dir.path().join("nope.txt")],
            out_dir: dir.path().join("out"),
            ..Default::default()
        };
        assert!(import(&spec).unwrap_err().to_string().contains("nope.txt"));
    }

    /// The real GeoNames dumps and OCHA polygons under `../shared/data`.
    #[test]
    #[ignore = "needs the GeoNames dumps in ../shared/data; .ci/run runs it when present"]
    fn real_import_resolves_the_test_places() {
        let data = shared_data();
        let dir = tempfile::tempdir().unwrap();
        let b = data.join("boundaries");
        let gz = data.join("gazetteer");
        let spec = ImportSpec {
            dumps: vec![gz.join("ML.txt")],
            admin1_codes: Some(gz.join("admin1CodesASCII.txt")),
            admin2_codes: Some(gz.join("admin2Codes.txt")),
            admin1_polygons: vec![b.join("mli_adm1.geojson")],
            admin2_polygons: vec![b.join("mli_adm2.geojson")],
            out_dir: dir.path().to_path_buf(),
            ..Default::default()
        };
        let s = import(&spec).unwrap();
        assert!(s.places_written > 15_000, "{s:?}");
        assert_eq!(s.admin1_polygons, 10);
        assert!(
            s.admin2_filled as f64 > 0.95 * s.places_written as f64,
            "{s:?}"
        );
        let g = Gazetteer::load_dir(dir.path()).unwrap();
        crate::gazetteer::tests::assert_test_places(&g);
        let k = g.resolve("Kimparana", &Hint::default());
        assert_eq!(k.best().unwrap().place.id, "2455456");
        assert_eq!(k.best().unwrap().place.admin1, "Ségou");
        assert_eq!(k.best().unwrap().place.admin2, "San");
        // Curated places GeoNames lacks are there, with polygon admin names.
        let o = g.resolve("Ogossagou", &Hint::default());
        let o = o.best().unwrap().place;
        assert_eq!(
            (o.admin1.as_str(), o.admin2.as_str()),
            ("Mopti", "Bankass"),
            "{o:?}"
        );
        let b = g.resolve("Boulkessi", &Hint::default());
        let b = b.best().unwrap().place;
        assert_eq!(
            (b.source.as_str(), b.admin1.as_str()),
            ("curated", "Mopti"),
            "{b:?}"
        );
        // Homonyms: eight villages called Douna; in running text the
        // curated conflict place (merged into its GeoNames row) comes first,
        // and a region hint narrows them.
        let d = g.resolve("Douna", &Hint::default());
        assert!(d.candidates.len() >= 5, "{:?}", d.candidates.len());
        assert_eq!(d.best().unwrap().place.source, "geonames+curated");
        let hint = Hint {
            admin2: Some("Koro".into()),
            ..Hint::default()
        };
        let d = g.resolve("Douna", &hint);
        assert_eq!(d.best().unwrap().place.admin2, "Koro");
        assert!(!d.is_ambiguous());
        eprintln!("{s:#?}");
        let a1: Value = serde_json::from_str(&g.admin1_geojson).unwrap();
        let countries: std::collections::BTreeSet<&str> = a1["features"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["properties"]["country"].as_str())
            .collect();
        assert_eq!(countries.into_iter().collect::<Vec<_>>(), ["ML"]);
    }

    /// Times `resolve` on the gazetteer imported from the real dumps:
    /// `cargo test --release --lib resolve_speed -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn resolve_speed() {
        let data = shared_data();
        let dir = tempfile::tempdir().unwrap();
        let gz = data.join("gazetteer");
        let b = data.join("boundaries");
        let spec = ImportSpec {
            dumps: vec![gz.join("ML.txt"), gz.join("BF.txt"), gz.join("NE.txt")],
            admin1_codes: Some(gz.join("admin1CodesASCII.txt")),
            admin2_codes: Some(gz.join("admin2Codes.txt")),
            admin1_polygons: ["mli", "bfa", "ner"]
                .iter()
                .map(|c| b.join(format!("{c}_adm1.geojson")))
                .collect(),
            admin2_polygons: ["mli", "bfa", "ner"]
                .iter()
                .map(|c| b.join(format!("{c}_adm2.geojson")))
                .collect(),
            out_dir: dir.path().to_path_buf(),
            ..Default::default()
        };
        let t = std::time::Instant::now();
        let s = import(&spec).unwrap();
        eprintln!("import: {} places in {:?}", s.places_written, t.elapsed());
        eprintln!("{s:#?}");
        let t = std::time::Instant::now();
        let g = Gazetteer::load_dir(dir.path()).unwrap();
        eprintln!("load: {} places in {:?}", g.len(), t.elapsed());
        let t = std::time::Instant::now();
        let _ = g.resolve("Kimparanna", &Hint::default());
        eprintln!("first fuzzy call (builds the index): {:?}", t.elapsed());
        let fuzzy = [
            "Kimparana",
            "Ogosagou",
            "Tilaberi",
            "Boulkesi",
            "Diallasagou",
            "Tombouctu",
            "Segu",
            "Andramboukane",
            "Xyzzyplugh",
            "Ouagadogou",
            "Dinangouru",
            "Barsalogo",
            "Gorom-Gorm",
            "Ansogo",
            "Djibbo",
        ];
        let n = 2000;
        let t = std::time::Instant::now();
        let mut hits = 0usize;
        for _ in 0..n {
            for q in fuzzy {
                hits += g.resolve(q, &Hint::default()).candidates.len();
            }
        }
        let per = t.elapsed() / (n * fuzzy.len()) as u32;
        eprintln!("fuzzy resolve: {per:?} per call ({hits} candidates in all)");
        let t = std::time::Instant::now();
        for _ in 0..n {
            for q in ["segou", "tombouctou", "mopti", "bamako", "gao"] {
                hits += g.exact(q).count();
            }
        }
        assert!(hits > 0);
        eprintln!("exact: {:?} per call", t.elapsed() / (n * 5) as u32);
        assert!(per < std::time::Duration::from_millis(1));
    }
}
