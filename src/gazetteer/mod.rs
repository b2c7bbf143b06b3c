//! Gazetteer: place names (with spellings, accents, alternate names) to
//! coordinates and admin regions.
//!
//! A gazetteer folder holds `places.tsv` (one row per place, format below) and
//! the region polygons `admin1.geojson` and, when available, `admin2.geojson`
//! (properties `name`, `code`, `country`). The default one ships in the
//! repository's `gazetteer/` folder and is embedded in the binary, so the tool
//! runs with no files around it; `--gazetteer DIR` points at another one, such
//! as a folder built by `casualty-atlas gazetteer import`.
//!
//! `places.tsv` columns (tab-separated, UTF-8, header row):
//! `id name asciiname alternatenames lat lon feature_class feature_code country
//! admin1_code admin1 admin2_code admin2 population source`; `alternatenames`
//! is comma-separated.
//!
//! The stage hands the next one a [`Resolution`]: ranked [`Candidate`]s, each
//! with its score and the reason it scored so.

mod fuzzy;
pub mod import;
pub mod name_index;
/// Name normalisation, on the ground floor ([`crate::normalize`]); here for
/// the paths that still name it through the gazetteer.
pub use crate::normalize;
pub mod phonetic;

use crate::error::{Error, Result};
use crate::model::GeoPrecision;
use crate::normalize::normalize;
use fuzzy::FuzzyIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The embedded default places table.
pub const DEFAULT_PLACES: &str = include_str!("../../gazetteer/places.tsv");
/// The embedded default admin-1 polygons.
pub const DEFAULT_ADMIN1: &str = include_str!("../../gazetteer/admin1.geojson");
/// The embedded default admin-2 polygons (may be an empty FeatureCollection).
pub const DEFAULT_ADMIN2: &str = include_str!("../../gazetteer/admin2.geojson");

/// Column names of `places.tsv`, in order.
pub const PLACES_COLUMNS: [&str; 15] = [
    "id",
    "name",
    "asciiname",
    "alternatenames",
    "lat",
    "lon",
    "feature_class",
    "feature_code",
    "country",
    "admin1_code",
    "admin1",
    "admin2_code",
    "admin2",
    "population",
    "source",
];

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Stable id (GeoNames id, or `ca:<slug>` for curated entries).
    pub id: String,
    /// Preferred name, with accents.
    pub name: String,
    /// Other spellings (ASCII form, French/English, local).
    pub alt_names: Vec<String>,
    /// Latitude, WGS84.
    pub lat: f64,
    /// Longitude, WGS84.
    pub lon: f64,
    /// GeoNames feature class (`P` populated place, `A` admin unit, ...).
    pub feature_class: String,
    /// GeoNames feature code (`PPL`, `PPLA`, `ADM1`, `ADM2`, ...).
    pub feature_code: String,
    /// ISO country code.
    pub country: String,
    /// Admin-1 code.
    pub admin1_code: String,
    /// Admin-1 name.
    pub admin1: String,
    /// Admin-2 code (often empty in GeoNames for Mali).
    pub admin2_code: String,
    /// Admin-2 name.
    pub admin2: String,
    /// Population (0 when unknown).
    pub population: u64,
    /// Where the row came from (`geonames`, `curated`, ...).
    pub source: String,
}

impl Place {
    /// How specific a location this place gives.
    ///
    /// # Examples
    /// ```
    /// # use casualty_atlas::gazetteer::Place;
    /// # use casualty_atlas::model::GeoPrecision;
    /// let mut p = Place::example("Ségou", 13.43, -6.26);
    /// assert_eq!(p.precision(), GeoPrecision::Place);
    /// p.feature_code = "ADM1".into();
    /// assert_eq!(p.precision(), GeoPrecision::Admin1);
    /// ```
    pub fn precision(&self) -> GeoPrecision {
        match self.feature_code.as_str() {
            "ADM1" | "ADM1H" => GeoPrecision::Admin1,
            "ADM2" | "ADM2H" | "ADM3" => GeoPrecision::Admin2,
            "PCLI" | "PCL" | "RGN" => GeoPrecision::Country,
            _ => GeoPrecision::Place,
        }
    }

    /// A minimal populated place, for examples and tests.
    pub fn example(name: &str, lat: f64, lon: f64) -> Self {
        Place {
            id: format!("ex:{name}"),
            name: name.to_string(),
            alt_names: Vec::new(),
            lat,
            lon,
            feature_class: "P".into(),
            feature_code: "PPL".into(),
            country: "ML".into(),
            admin1_code: String::new(),
            admin1: String::new(),
            admin2_code: String::new(),
            admin2: String::new(),
            population: 0,
            source: "example".into(),
        }
    }
}

/// Context that helps choose among homonyms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hint {
    /// ISO country code the place should be in.
    pub country: Option<String>,
    /// Admin-1 name (any spelling) the place should be in.
    pub admin1: Option<String>,
    /// Admin-2 name (any spelling) the place should be in.
    pub admin2: Option<String>,
    /// Prefer admin units (a "region" or "cercle" was named) over villages.
    pub want: Option<GeoPrecision>,
    /// Trust the admin hints: a place outside the hinted region (or country)
    /// is never the answer; the hinted unit is (geocoding of records).
    pub strict: bool,
}

/// How a name matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// The preferred name, accents and case aside.
    Name,
    /// An alternate name.
    AltName,
    /// Within a small edit distance of a name (the distance is given).
    Fuzzy(u32),
    /// The same name in another transliteration (see [`phonetic::key`]);
    /// inside a hinted region only.
    Transliteration,
    /// The name without the words records add to it ("camp", "Peulh"; see
    /// [`phonetic::strip_qualifiers`]); inside a hinted region only.
    Qualified,
    /// A close spelling by the transliteration-aware edit cost (see
    /// [`phonetic::distance`]), in tenths; inside a hinted region only.
    Spelling(u32),
    /// No acceptable place: the admin unit (or country) the hint names.
    HintedUnit,
}

/// One ranked candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'a> {
    /// The place.
    pub place: &'a Place,
    /// Total score (higher is better).
    pub score: f64,
    /// How the name matched.
    pub matched: MatchKind,
    /// Why it scored so, in words.
    pub why: String,
}

/// The outcome of a lookup: ranked candidates (best first). Ambiguity is data.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution<'a> {
    /// Candidates, best first.
    pub candidates: Vec<Candidate<'a>>,
}

impl<'a> Resolution<'a> {
    /// The winning candidate, if any.
    pub fn best(&self) -> Option<&Candidate<'a>> {
        self.candidates.first()
    }

    /// True when the runner-up scores nearly as well and is a different
    /// place more than 25 km away.
    pub fn is_ambiguous(&self) -> bool {
        match (self.candidates.first(), self.candidates.get(1)) {
            (Some(a), Some(b)) => {
                a.score - b.score < 0.05
                    && crate::spatial::haversine_km(
                        (a.place.lon, a.place.lat),
                        (b.place.lon, b.place.lat),
                    ) > 25.0
            }
            _ => false,
        }
    }
}

/// A loaded gazetteer.
///
/// Rows are kept as the text of `places.tsv` and parsed into [`Place`]s on
/// first use; names are found through a sorted index (see [`name_index`]),
/// which for the embedded default is written at compile time, so loading
/// the 50 000-place default costs two scans for line ends.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// `places.tsv` text (empty when built from a list of places).
    text: std::borrow::Cow<'static, str>,
    /// Byte offset of each data row in `text`.
    row_starts: Vec<u32>,
    /// Parsed rows, filled on first use.
    cells: Vec<OnceLock<Box<Place>>>,
    /// The name index text and, per line, where it starts and where its
    /// key ends (the tab), so a lookup compares keys without scanning lines.
    names: std::borrow::Cow<'static, str>,
    name_lines: Vec<NameLine>,
    /// Deletion-neighbourhood index for fuzzy lookups, built on first use.
    fuzzy: OnceLock<FuzzyIndex>,
    /// Transliteration keys of every name, built on first use.
    keys: OnceLock<KeyIndex>,
    /// The admin-1 and admin-2 polygons, parsed on first use (empty when
    /// unreadable).
    admin_shapes: [OnceLock<Vec<crate::region::Region>>; 2],
    /// Rows that are admin units (feature code ADM1 or ADM2), found on first use.
    units: OnceLock<Vec<u32>>,
    /// Folder it came from (`None` for the embedded default).
    pub origin: Option<PathBuf>,
    /// Admin-1 polygons, GeoJSON text.
    pub admin1_geojson: String,
    /// Admin-2 polygons, GeoJSON text (may hold no features).
    pub admin2_geojson: String,
    /// Which gazetteer this is, for caches of lookups kept across calls
    /// (0 for a `Default` one; clones share it: same places, same answers).
    instance: u64,
}

/// A fresh instance number for a gazetteer.
fn next_instance() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// One line of the name index: `key\tentries`, as byte offsets.
#[derive(Debug, Clone, Copy)]
struct NameLine {
    start: u32,
    /// Offset of the tab after the key (the line's end when it has none).
    key_end: u32,
    end: u32,
}

impl NameLine {
    fn key<'a>(&self, names: &'a str) -> &'a str {
        &names[self.start as usize..self.key_end as usize]
    }

    /// The entries after the tab, if the line has a tab.
    fn entries<'a>(&self, names: &'a str) -> Option<&'a str> {
        names.get(self.key_end as usize + 1..self.end as usize)
    }
}

/// The lines of a name index text, blank ones left out.
fn name_lines(text: &str) -> Vec<NameLine> {
    line_starts(text, 0)
        .into_iter()
        .map(|s| {
            let line = line_at(text, s);
            let end = s + line.len() as u32;
            let key_end = line.find('\t').map_or(end, |t| s + t as u32);
            NameLine {
                start: s,
                key_end,
                end,
            }
        })
        .collect()
}

/// Byte offsets of the line starts of `text` after its first `skip` lines,
/// leaving out blank lines.
fn line_starts(text: &str, skip: usize) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut n = 0usize;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        if end > start && n >= skip && !text[start..end].trim().is_empty() {
            out.push(start as u32);
        }
        if end < bytes.len() || end > start {
            n += 1;
        }
        start = end + 1;
        if start > bytes.len() {
            break;
        }
    }
    out
}

fn line_at(text: &str, start: u32) -> &str {
    let s = &text[start as usize..];
    match memchr::memchr(b'\n', s.as_bytes()) {
        Some(e) => s[..e].trim_end_matches('\r'),
        None => s,
    }
}

/// Parses one `places.tsv` data row; `line` is 1-based, for messages.
fn parse_row(row: &str, path: &Path, line: usize) -> Result<Place> {
    let f: Vec<&str> = row.split('\t').collect();
    if f.len() != PLACES_COLUMNS.len() {
        return Err(Error::bad_file(
            path,
            format!(
                "line {line}: expected {} columns, found {}",
                PLACES_COLUMNS.len(),
                f.len()
            ),
        ));
    }
    let num = |s: &str, what: &str| -> Result<f64> {
        s.trim().parse::<f64>().map_err(|_| {
            Error::bad_file(path, format!("line {line}: {what} {s:?} is not a number"))
        })
    };
    let lat = num(f[4], "lat")?;
    let lon = num(f[5], "lon")?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(Error::bad_file(
            path,
            format!("line {line}: coordinates out of range"),
        ));
    }
    let mut alt: Vec<String> = f[3]
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    if !f[2].is_empty() && f[2] != f[1] {
        alt.insert(0, f[2].to_string());
    }
    Ok(Place {
        id: f[0].to_string(),
        name: f[1].to_string(),
        alt_names: alt,
        lat,
        lon,
        feature_class: f[6].to_string(),
        feature_code: f[7].to_string(),
        country: f[8].to_string(),
        admin1_code: f[9].to_string(),
        admin1: f[10].to_string(),
        admin2_code: f[11].to_string(),
        admin2: f[12].to_string(),
        population: f[13].trim().parse().unwrap_or(0),
        source: f[14].to_string(),
    })
}

fn check_header(text: &str, path: &Path) -> Result<()> {
    let header = text
        .lines()
        .next()
        .ok_or_else(|| Error::bad_file(path, "empty places table"))?;
    let cols: Vec<&str> = header
        .trim_start_matches('\u{feff}')
        .trim_end_matches('\r')
        .split('\t')
        .collect();
    if cols != PLACES_COLUMNS {
        return Err(Error::bad_file(
            path,
            format!("header must be the columns {}", PLACES_COLUMNS.join(",")),
        ));
    }
    Ok(())
}

/// The places of every transliteration key ([`phonetic::key`] of a name),
/// with a deletion-neighbourhood index over the keys for close spellings.
#[derive(Debug, Clone, Default)]
struct KeyIndex {
    /// (key, row), sorted.
    rows: Vec<(String, u32)>,
    fuzzy: FuzzyIndex,
}

impl KeyIndex {
    fn rows_of<'a>(&'a self, key: &'a str) -> impl Iterator<Item = u32> + 'a {
        let start = self.rows.partition_point(|(k, _)| k.as_str() < key);
        self.rows[start..]
            .iter()
            .take_while(move |(k, _)| k == key)
            .map(|(_, r)| *r)
    }
}

/// The embedded name index, written by `build.rs`.
const DEFAULT_NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/names.tsv"));

impl Gazetteer {
    /// The gazetteer shipped in the repository's `gazetteer/` folder.
    ///
    /// # Examples
    /// ```
    /// let g = casualty_atlas::gazetteer::Gazetteer::default_embedded().unwrap();
    /// assert!(g.len() > 40_000);
    /// ```
    pub fn default_embedded() -> Result<Self> {
        let path = Path::new("<embedded gazetteer/places.tsv>");
        check_header(DEFAULT_PLACES, path)?;
        let row_starts = line_starts(DEFAULT_PLACES, 1);
        let cells = (0..row_starts.len()).map(|_| OnceLock::new()).collect();
        Ok(Gazetteer {
            text: std::borrow::Cow::Borrowed(DEFAULT_PLACES),
            row_starts,
            cells,
            names: std::borrow::Cow::Borrowed(DEFAULT_NAMES),
            name_lines: name_lines(DEFAULT_NAMES),
            admin1_geojson: DEFAULT_ADMIN1.to_string(),
            admin2_geojson: DEFAULT_ADMIN2.to_string(),
            instance: next_instance(),
            ..Default::default()
        })
    }

    /// This gazetteer's instance number (see the field); 0 means "no cache".
    pub(crate) fn instance(&self) -> u64 {
        self.instance
    }

    /// Loads a gazetteer folder (`places.tsv`, `admin1.geojson`, optional `admin2.geojson`).
    pub fn load_dir(dir: &Path) -> Result<Self> {
        let places_path = dir.join("places.tsv");
        let text = std::fs::read_to_string(&places_path).map_err(|e| Error::io(&places_path, e))?;
        let mut g = Self::from_tsv_str(&text, &places_path)?;
        let a1 = dir.join("admin1.geojson");
        g.admin1_geojson = std::fs::read_to_string(&a1).map_err(|e| Error::io(&a1, e))?;
        let a2 = dir.join("admin2.geojson");
        g.admin2_geojson = match std::fs::read_to_string(&a2) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                r#"{"type":"FeatureCollection","features":[]}"#.to_string()
            }
            Err(e) => return Err(Error::io(&a2, e)),
        };
        g.origin = Some(dir.to_path_buf());
        Ok(g)
    }

    /// Parses a `places.tsv` text, checking every row; `path` is used in messages.
    pub fn from_tsv_str(text: &str, path: &Path) -> Result<Self> {
        check_header(text, path)?;
        let mut first_line: HashMap<&str, usize> = HashMap::new();
        let mut places = Vec::new();
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let line = line.trim_end_matches('\r');
            let id = line.split('\t').next().unwrap_or("");
            if let Some(prev) = first_line.insert(id, i + 1) {
                return Err(Error::bad_file(
                    path,
                    format!(
                        "line {}: duplicate place id {id:?} (first on line {prev}); ids must be unique",
                        i + 1
                    ),
                ));
            }
            places.push(parse_row(line, path, i + 1)?);
        }
        Ok(Self::from_places(places))
    }

    /// Builds the name index over a list of places.
    pub fn from_places(places: Vec<Place>) -> Self {
        let mut entries = Vec::new();
        for (row, p) in places.iter().enumerate() {
            let text = name_index::spottable(&p.source, p.population, &p.feature_code);
            let row = row as u32;
            entries.push(name_index::Entry {
                key: normalize(&p.name),
                row,
                preferred: true,
                text,
            });
            for a in &p.alt_names {
                entries.push(name_index::Entry {
                    key: normalize(a),
                    row,
                    preferred: false,
                    text,
                });
            }
        }
        let names = name_index::index_text(entries);
        let name_lines = name_lines(&names);
        Gazetteer {
            cells: places
                .into_iter()
                .map(|p| OnceLock::from(Box::new(p)))
                .collect(),
            names: std::borrow::Cow::Owned(names),
            name_lines,
            instance: next_instance(),
            ..Default::default()
        }
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// True when there are no places.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Place number `i` (parsed on first use).
    ///
    /// # Panics
    /// When `i >= len()`, or when a row of the embedded table is malformed
    /// (a unit test parses every row).
    pub fn place(&self, i: usize) -> &Place {
        self.cells[i].get_or_init(|| {
            let line = line_at(&self.text, self.row_starts[i]);
            Box::new(
                parse_row(line, Path::new("<embedded gazetteer/places.tsv>"), i + 2)
                    .unwrap_or_else(|e| panic!("{e}")),
            )
        })
    }

    /// All places, in row order.
    pub fn places(&self) -> impl Iterator<Item = &Place> + '_ {
        (0..self.len()).map(|i| self.place(i))
    }

    /// The index entries of a normalised name (`row,row,...` with flags).
    fn entries(&self, normalized: &str) -> Option<&str> {
        let names: &str = &self.names;
        let lines = &self.name_lines;
        let i = lines
            .binary_search_by(|l| l.key(names).cmp(normalized))
            .ok()?;
        lines[i].entries(names)
    }

    fn rows_of(&self, normalized: &str) -> impl Iterator<Item = (u32, bool, bool)> + '_ {
        self.entries(normalized)
            .into_iter()
            .flat_map(|e| e.split(','))
            .filter_map(name_index::parse_entry)
            .filter(|(r, _, _)| (*r as usize) < self.cells.len())
    }

    /// Places whose normalised name or alternate name equals `normalized`
    /// exactly (no fuzzy matching); the bool says whether it is the preferred name.
    pub fn exact(&self, normalized: &str) -> impl Iterator<Item = (&Place, bool)> + '_ {
        self.rows_of(normalized)
            .map(|(r, pref, _)| (self.place(r as usize), pref))
    }

    /// True when `normalized` names a place that may be spotted in running
    /// text without a place cue (see [`name_index::spottable`]): curated
    /// places, admin units, seats and towns of 500 people or more.
    pub fn contains_name(&self, normalized: &str) -> bool {
        self.rows_of(normalized).any(|(_, _, t)| t)
    }

    /// True when `normalized` is a known name of any place, villages and
    /// named features included.
    pub fn knows_name(&self, normalized: &str) -> bool {
        self.entries(normalized).is_some()
    }

    fn fuzzy_index(&self) -> &FuzzyIndex {
        self.fuzzy.get_or_init(|| {
            let names: &str = &self.names;
            let keys: Vec<String> = self
                .name_lines
                .iter()
                .map(|l| l.key(names).to_string())
                .collect();
            FuzzyIndex::build(keys)
        })
    }

    fn admin_shapes(&self, level: GeoPrecision) -> &[crate::region::Region] {
        let (i, text, lvl, file) = if level == GeoPrecision::Admin2 {
            (
                1,
                &self.admin2_geojson,
                crate::region::Level::Admin2,
                "admin2.geojson",
            )
        } else {
            (
                0,
                &self.admin1_geojson,
                crate::region::Level::Admin1,
                "admin1.geojson",
            )
        };
        self.admin_shapes[i].get_or_init(|| {
            crate::region::RegionSet::from_geojson_str(lvl, text, Path::new(file), None)
                .map(|set| set.regions().to_vec())
                .unwrap_or_default()
        })
    }

    /// Kilometres from `p` to the admin polygon (`level` 1 or 2) of
    /// `country` named `name` (0 inside it); `None` when there is no such
    /// polygon.
    fn km_to_unit(&self, p: &Place, level: GeoPrecision, country: &str, name: &str) -> Option<f64> {
        use geo::{ClosestPoint, Contains};
        let key = normalize(name);
        let r = self.admin_shapes(level).iter().find(|r| {
            r.country
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(country))
                && normalize(&r.name) == key
        })?;
        let pt = geo::Point::new(p.lon, p.lat);
        if r.geometry.contains(&pt) {
            return Some(0.0);
        }
        match r.geometry.closest_point(&pt) {
            geo::Closest::Intersection(q) | geo::Closest::SinglePoint(q) => {
                Some(crate::spatial::haversine_km((p.lon, p.lat), (q.x(), q.y())))
            }
            geo::Closest::Indeterminate => None,
        }
    }

    fn key_index(&self) -> &KeyIndex {
        self.keys.get_or_init(|| {
            let names: &str = &self.names;
            let mut rows: Vec<(String, u32)> = Vec::new();
            for l in &self.name_lines {
                let (k, Some(entries)) = (l.key(names), l.entries(names)) else {
                    continue;
                };
                let key = phonetic::key(k);
                if key.is_empty() {
                    continue;
                }
                for (r, _, _) in entries.split(',').filter_map(name_index::parse_entry) {
                    rows.push((key.clone(), r));
                }
            }
            rows.sort_unstable();
            rows.dedup();
            let mut keys: Vec<String> = rows.iter().map(|(k, _)| k.clone()).collect();
            keys.dedup();
            let fuzzy = FuzzyIndex::build(keys);
            KeyIndex { rows, fuzzy }
        })
    }

    /// Places inside the hinted region whose name `key` (normalised) matches
    /// more loosely than exactly, from the first of these that finds any:
    /// the same transliteration key, the name without its qualifier words
    /// (exactly or by key), a close spelling (transliteration-aware edit
    /// cost at most [`max_spelling_cost`]).
    fn loose_in_region(
        &self,
        key: &str,
        in_region: &dyn Fn(&Place) -> bool,
    ) -> Vec<(u32, MatchKind)> {
        let idx = self.key_index();
        let ok = |r: &u32| (*r as usize) < self.cells.len() && in_region(self.place(*r as usize));
        let tkey = phonetic::key(key);
        let mut out: Vec<(u32, MatchKind)> = idx
            .rows_of(&tkey)
            .filter(ok)
            .map(|r| (r, MatchKind::Transliteration))
            .collect();
        if !out.is_empty() {
            return out;
        }
        if let Some(core) = phonetic::strip_qualifiers(key) {
            out = self
                .rows_of(&core)
                .map(|(r, _, _)| r)
                .chain(idx.rows_of(&phonetic::key(&core)))
                .filter(ok)
                .map(|r| (r, MatchKind::Qualified))
                .collect();
            out.sort_unstable_by_key(|(r, _)| *r);
            out.dedup();
            if !out.is_empty() {
                return out;
            }
        }
        let max = max_spelling_cost(tkey.chars().count());
        if max <= 0.0 {
            return out;
        }
        let mut close: Vec<(u32, u32)> = Vec::new();
        for (k, _) in idx.fuzzy.lookup(&tkey, 2) {
            let cost = phonetic::distance(&tkey, k, max);
            if cost > max {
                continue;
            }
            let tenths = (cost * 10.0).round() as u32;
            close.extend(idx.rows_of(k).filter(ok).map(|r| (r, tenths)));
        }
        // a place listed under several keys keeps its closest one
        close.sort_unstable();
        close.dedup_by_key(|(r, _)| *r);
        close
            .into_iter()
            .map(|(r, t)| (r, MatchKind::Spelling(t)))
            .collect()
    }

    /// Rows that are admin units of level 1 or 2.
    fn unit_rows(&self) -> &[u32] {
        self.units.get_or_init(|| {
            if self.text.is_empty() {
                return (0..self.len() as u32)
                    .filter(|&i| {
                        matches!(
                            self.place(i as usize).precision(),
                            GeoPrecision::Admin1 | GeoPrecision::Admin2
                        )
                    })
                    .collect();
            }
            let text: &str = &self.text;
            (0..self.row_starts.len() as u32)
                .filter(|&i| {
                    let l = line_at(text, self.row_starts[i as usize]);
                    l.contains("\tA\tADM1\t") || l.contains("\tA\tADM2\t")
                })
                .collect()
        })
    }

    /// The admin unit a hint names, at `level` (admin1 or admin2): its
    /// spelling, code or an alternate name, then a close spelling (one edit,
    /// two from eight letters) among the units of that level; in `country`
    /// and, for admin-2, in the admin-1 region `within` when given.
    pub fn admin_unit(
        &self,
        name: &str,
        level: GeoPrecision,
        country: Option<&str>,
        within: Option<&str>,
    ) -> Option<&Place> {
        let key = normalize(name);
        if key.is_empty() {
            return None;
        }
        let fits = |p: &Place| {
            p.precision() == level
                && country.is_none_or(|c| c.eq_ignore_ascii_case(&p.country))
                && within.is_none_or(|w| normalize(w) == normalize(&p.admin1))
        };
        let exact = self
            .unit_rows()
            .iter()
            .map(|&r| self.place(r as usize))
            .filter(|p| fits(p))
            .find(|p| {
                let own = if level == GeoPrecision::Admin1 {
                    &p.admin1
                } else {
                    &p.admin2
                };
                normalize(own) == key
                    || normalize(&p.name) == key
                    || p.alt_names.iter().any(|a| normalize(a) == key)
            });
        if exact.is_some() {
            return exact;
        }
        let max_d = fuzzy::max_distance(key.chars().count());
        if max_d == 0 {
            return None;
        }
        let mut best: Option<(usize, &Place)> = None;
        let mut tie = false;
        for &r in self.unit_rows() {
            let p = self.place(r as usize);
            if !fits(p) {
                continue;
            }
            let own = if level == GeoPrecision::Admin1 {
                &p.admin1
            } else {
                &p.admin2
            };
            let d = normalize::osa_distance(&normalize(own), &key);
            if d > max_d {
                continue;
            }
            match best {
                Some((bd, bp)) if bd == d && bp.id != p.id => tie = true,
                Some((bd, _)) if bd <= d => {}
                _ => {
                    best = Some((d, p));
                    tie = false;
                }
            }
        }
        if tie {
            return None;
        }
        best.map(|(_, p)| p)
    }

    /// Looks `name` up: exact (accent- and case-insensitive) on names and
    /// alternate names, then looser, ranked by match quality, the admin hints
    /// (admin-2, then admin-1, then country), feature class and population.
    ///
    /// Looser matches: with [`Hint::strict`] and a hinted region that holds
    /// no place of the exact name, the first of these that finds a place
    /// *inside the region* (or within [`BORDER_KM`] of its polygon): the same
    /// name in another transliteration ([`phonetic::key`]), the name without
    /// qualifier words ([`phonetic::strip_qualifiers`]), a close spelling
    /// (transliteration-aware cost at most half an edit, keys of 6 letters or
    /// more; [`phonetic::distance`]). Otherwise, when nothing matched
    /// exactly, fuzzy (edit distance 1 for names of 5+ letters, 2 for 8+).
    ///
    /// Admin hints are read in any spelling the gazetteer knows for the unit
    /// (name, code, alternate name, or one edit away). With
    /// [`Hint::strict`], candidates outside the hinted region (or country;
    /// with an admin-2 hint, more than [`ADMIN2_KM`] outside that unit)
    /// rank below the hinted admin unit itself, which is then the answer at
    /// its precision ([`MatchKind::HintedUnit`]): never a far point. So is
    /// a toss between places of the region that the hints cannot tell apart.
    /// A town comes before the admin unit named after it that holds it,
    /// unless [`Hint::want`] asks for a unit.
    ///
    /// Cost: one binary search when the name is known; otherwise a
    /// deletion-neighbourhood (SymSpell-style) index, built on the first fuzzy
    /// call, yields the candidates, each confirmed with an edit distance.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::gazetteer::{Gazetteer, Hint, Place};
    /// let g = Gazetteer::from_places(vec![Place::example("Kinmparana", 12.84, -4.92)]);
    /// let r = g.resolve("Kimparana", &Hint::default());
    /// assert_eq!(r.best().unwrap().place.name, "Kinmparana");
    /// ```
    pub fn resolve(&self, name: &str, hint: &Hint) -> Resolution<'_> {
        let key = normalize(name);
        let scope = self.scope(hint);
        let found = self.lookup(&key, &scope);
        let mut candidates = self.score(found, &scope);
        // a town and the unit named after it that holds it (a cercle seat):
        // the town, unless a unit was asked for
        if hint.want.is_none() {
            seats_first(&mut candidates);
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
        self.hinted_unit(&mut candidates, &scope);
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| b.place.population.cmp(&a.place.population))
                .then_with(|| a.place.id.cmp(&b.place.id))
        });
        Resolution { candidates }
    }

    /// The hint's admin units, as the gazetteer names them.
    fn scope<'h>(&self, hint: &'h Hint) -> Scope<'_, 'h> {
        let country = hint.country.as_deref();
        let unit1 = hint
            .admin1
            .as_deref()
            .and_then(|n| self.admin_unit(n, GeoPrecision::Admin1, country, None));
        let unit2 = hint.admin2.as_deref().and_then(|n| {
            self.admin_unit(
                n,
                GeoPrecision::Admin2,
                country,
                unit1.map(|u| u.admin1.as_str()),
            )
        });
        let canon = Hint {
            admin1: unit1
                .map(|u| u.admin1.clone())
                .or_else(|| unit2.map(|u| u.admin1.clone()))
                .or_else(|| hint.admin1.clone()),
            admin2: unit2
                .map(|u| u.admin2.clone())
                .or_else(|| hint.admin2.clone()),
            ..hint.clone()
        };
        Scope {
            gaz: self,
            hint,
            country,
            unit1,
            unit2,
            canon,
        }
    }

    /// The candidate rows: exact names and alternate names; then, when a
    /// strict hint names a region that holds none of them, looser spellings
    /// inside it; else, when nothing matched, fuzzy ones.
    fn lookup(&self, key: &str, scope: &Scope<'_, '_>) -> Vec<(u32, MatchKind)> {
        let mut found: Vec<(u32, MatchKind)> = self
            .rows_of(key)
            .map(|(r, pref, _)| {
                (
                    r,
                    if pref {
                        MatchKind::Name
                    } else {
                        MatchKind::AltName
                    },
                )
            })
            .collect();
        let exact_in_region = found
            .iter()
            .any(|(r, _)| scope.region(self.place(*r as usize)));
        if scope.hint.strict && scope.hinted_region() && !exact_in_region {
            // a record names its region: looser spellings, inside it only
            for (r, kind) in self.loose_in_region(key, &|p| scope.region(p)) {
                if !found.iter().any(|(j, _)| *j == r) {
                    found.push((r, kind));
                }
            }
        } else if found.is_empty() {
            self.fuzzy_rows(key, scope, &mut found);
        }
        found
    }

    /// Fuzzy matches of `key` added to `found`: inside the hinted region
    /// only; with no hinted region, a place only the full extract knows
    /// (a village, a feature) at one edit in a long name at most.
    fn fuzzy_rows(&self, key: &str, scope: &Scope<'_, '_>, found: &mut Vec<(u32, MatchKind)>) {
        let n = key.chars().count();
        let max_d = fuzzy::max_distance(n);
        if max_d == 0 {
            return;
        }
        let hinted_region = scope.hinted_region();
        for (k, d) in self.fuzzy_index().lookup(key, max_d) {
            for (r, _, spottable) in self.rows_of(k) {
                if found.iter().any(|(j, _)| *j == r) {
                    continue;
                }
                if !hinted_region && !spottable && (d > 1 || n < 8) {
                    continue;
                }
                if hinted_region && !scope.region(self.place(r as usize)) {
                    continue;
                }
                found.push((r, MatchKind::Fuzzy(d as u32)));
            }
        }
    }

    /// Each row scored ([`score_candidate`]), with a bonus for a known town
    /// in running text and a penalty outside a strictly hinted region.
    fn score(&self, found: Vec<(u32, MatchKind)>, scope: &Scope<'_, '_>) -> Vec<Candidate<'_>> {
        let strict = scope.hint.strict;
        found
            .into_iter()
            .map(|(i, kind)| {
                let p = self.place(i as usize);
                let (mut score, mut why) = score_candidate(p, kind, &scope.canon);
                if !strict && name_index::spottable(&p.source, p.population, &p.feature_code) {
                    // in running text, a town or a known conflict place
                    // before a village of the same name
                    score += 0.2;
                    why.push_str("; known town or conflict place (+0.20)");
                }
                if strict && !scope.region(p) {
                    score -= 2.0;
                    why.push_str("; outside the hinted region (-2.00)");
                }
                Candidate {
                    place: p,
                    score,
                    matched: kind,
                    why,
                }
            })
            .collect()
    }

    /// With a strict hint, the hinted unit itself as a candidate when no
    /// candidate is in the region (at score 0), or when the two best are
    /// homonyms in it that the hints cannot tell apart (just above them):
    /// the region rather than a coin toss between far-apart places.
    fn hinted_unit<'g>(&'g self, candidates: &mut Vec<Candidate<'g>>, scope: &Scope<'g, '_>) {
        if !scope.hint.strict {
            return;
        }
        let coin_toss = scope.hinted_region()
            && (Resolution {
                candidates: candidates.iter().take(2).cloned().collect(),
            })
            .is_ambiguous();
        if !coin_toss && candidates.iter().any(|c| scope.region(c.place)) {
            return;
        }
        let Some(u) = scope
            .unit2
            .or(scope.unit1)
            .or_else(|| self.country_place(scope.country?))
        else {
            return;
        };
        let top = candidates.first().map_or(0.0, |c| c.score);
        let (score, why) = if coin_toss {
            (
                top + 0.01,
                format!(
                    "places of this name in {} that the hints cannot tell apart: the hinted {} unit",
                    u.name,
                    u.precision().as_str()
                ),
            )
        } else {
            (
                0.0,
                format!(
                    "no place of this name in {}: the hinted {} unit",
                    u.name,
                    u.precision().as_str()
                ),
            )
        };
        candidates.push(Candidate {
            place: u,
            score,
            matched: MatchKind::HintedUnit,
            why,
        });
    }

    /// The country-level place of a country code the gazetteer covers.
    fn country_place(&self, cc: &str) -> Option<&Place> {
        self.rows_of(&normalize(match cc.to_ascii_uppercase().as_str() {
            "ML" => "Mali",
            "BF" => "Burkina Faso",
            "NE" => "Niger",
            _ => return None,
        }))
        .map(|(r, _, _)| self.place(r as usize))
        .find(|p| p.precision() == GeoPrecision::Country && p.country == cc)
    }
}

/// A town and the unit named after it that holds it (a cercle seat): the
/// unit goes below the town.
fn seats_first(candidates: &mut [Candidate<'_>]) {
    let seats: Vec<(String, String)> = candidates
        .iter()
        .filter(|c| {
            c.place.precision() == GeoPrecision::Place
                && matches!(c.matched, MatchKind::Name | MatchKind::AltName)
        })
        .map(|c| (normalize(&c.place.admin1), normalize(&c.place.admin2)))
        .collect();
    for c in candidates.iter_mut() {
        let p = c.place;
        let holds_seat = match p.precision() {
            GeoPrecision::Admin1 => seats.iter().any(|(a1, _)| *a1 == normalize(&p.admin1)),
            GeoPrecision::Admin2 => seats
                .iter()
                .any(|s| *s == (normalize(&p.admin1), normalize(&p.admin2))),
            _ => false,
        };
        if holds_seat {
            c.score -= 0.1;
            c.why
                .push_str("; the place of this name inside the unit comes first (-0.10)");
        }
    }
}

/// A hint read against the gazetteer: its admin units as the gazetteer
/// names them, and which places count as inside the hinted region.
struct Scope<'g, 'h> {
    gaz: &'g Gazetteer,
    hint: &'h Hint,
    country: Option<&'h str>,
    unit1: Option<&'g Place>,
    unit2: Option<&'g Place>,
    /// The hint with canonical unit names.
    canon: Hint,
}

impl Scope<'_, '_> {
    fn hinted_region(&self) -> bool {
        self.unit1.is_some() || self.unit2.is_some()
    }

    /// In the hinted country and admin-1 unit (or its former parent).
    fn inside(&self, p: &Place) -> bool {
        if let Some(c) = self.country {
            if !c.eq_ignore_ascii_case(&p.country) {
                return false;
            }
        }
        match (&self.canon.admin1, self.hinted_region()) {
            (Some(a1), true) => {
                normalize(a1) == normalize(&p.admin1)
                    || former_parent(&p.country, &p.admin1)
                        .is_some_and(|f| normalize(f) == normalize(a1))
            }
            _ => true,
        }
    }

    /// In the strictly hinted admin-2 unit, or within [`ADMIN2_KM`] of it
    /// (a place with no admin-2 name may be in it).
    fn in_unit2(&self, p: &Place) -> bool {
        let (Some(u2), true) = (self.unit2, self.hint.strict) else {
            return true;
        };
        p.admin2.is_empty()
            || normalize(&u2.admin2) == normalize(&p.admin2)
            || self
                .gaz
                .km_to_unit(p, GeoPrecision::Admin2, &u2.country, &u2.admin2)
                .is_some_and(|km| km <= ADMIN2_KM)
    }

    /// In the hinted region: a record's region may be drawn by other
    /// boundaries than ours, so a place within [`BORDER_KM`] of the hinted
    /// region's border counts as in it.
    fn region(&self, p: &Place) -> bool {
        let unit_country = self.unit1.or(self.unit2).map(|u| u.country.as_str());
        self.in_unit2(p)
            && (self.inside(p)
                || (self.hint.strict
                    && unit_country.is_some_and(|c| c == p.country)
                    && self
                        .country
                        .is_none_or(|c| c.eq_ignore_ascii_case(&p.country))
                    && self.canon.admin1.as_deref().is_some_and(|a1| {
                        self.gaz
                            .km_to_unit(p, GeoPrecision::Admin1, &p.country, a1)
                            .is_some_and(|km| km <= BORDER_KM)
                    })))
    }
}

/// The largest transliteration-aware edit cost (see [`phonetic::distance`])
/// a close spelling may have, for a key of `n` letters: none below 6
/// letters (too many short names differ by a vowel), then half an edit: one
/// vowel changed or dropped.
fn max_spelling_cost(n: usize) -> f64 {
    if n >= 6 {
        0.5
    } else {
        0.0
    }
}

/// How far outside the hinted admin-1 polygon (km) a place still counts as
/// in the hinted region: the records' boundaries are not always ours.
/// (With an admin-2 hint, see [`ADMIN2_KM`].)
const BORDER_KM: f64 = 5.0;

/// With an admin-2 hint, how far outside the hinted admin-2 polygon (km) a
/// place may lie: a homonym elsewhere in the region is not the place.
const ADMIN2_KM: f64 = 10.0;

/// The region a unit belonged to before a reform, which older records
/// still name: Mali's Ménaka region was part of Gao until 2016.
fn former_parent(country: &str, admin1: &str) -> Option<&'static str> {
    match (country, admin1) {
        ("ML", "Ménaka") => Some("Gao"),
        _ => None,
    }
}

fn score_candidate(p: &Place, kind: MatchKind, hint: &Hint) -> (f64, String) {
    let mut why = Vec::new();
    let mut s = match kind {
        MatchKind::Name => {
            why.push("name matches".to_string());
            1.0
        }
        MatchKind::AltName => {
            why.push("alternate name matches".to_string());
            0.95
        }
        MatchKind::Fuzzy(d) => {
            why.push(format!("spelling within {d} edit(s)"));
            0.8 - 0.1 * d as f64
        }
        MatchKind::Transliteration => {
            why.push("the same name in another transliteration".to_string());
            0.9
        }
        MatchKind::Qualified => {
            why.push("the name without its qualifier words matches".to_string());
            0.85
        }
        MatchKind::Spelling(t) => {
            let cost = t as f64 / 10.0;
            why.push(format!("close spelling (cost {cost:.1})"));
            0.8 - 0.2 * cost
        }
        MatchKind::HintedUnit => {
            why.push("the hinted admin unit".to_string());
            0.0
        }
    };
    let class_bonus = match (p.feature_class.as_str(), p.feature_code.as_str()) {
        (_, "PPLC") => 0.30,
        (_, "PPLA") => 0.25,
        (_, "PPLA2") => 0.2,
        (_, "PPLA3" | "PPLA4") => 0.15,
        ("A", "ADM1") => 0.22,
        ("A", "ADM2") => 0.18,
        ("A", _) => 0.12,
        ("P", _) => 0.1,
        _ => 0.0,
    };
    if class_bonus > 0.0 {
        why.push(format!("feature {} (+{class_bonus:.2})", p.feature_code));
    }
    s += class_bonus;
    if p.population > 0 {
        let b = ((p.population as f64).log10() / 7.0).min(1.0) * 0.15;
        s += b;
        why.push(format!("population {} (+{b:.2})", p.population));
    }
    if p.source.contains("curated") {
        s += 0.05;
        why.push("curated conflict place (+0.05)".into());
    }
    if let Some(c) = &hint.country {
        if c.eq_ignore_ascii_case(&p.country) {
            s += 0.3;
            why.push(format!("in {c} (+0.30)"));
        } else {
            s -= 0.5;
            why.push(format!("not in {c} (-0.50)"));
        }
    }
    if let Some(a1) = &hint.admin1 {
        if !p.admin1.is_empty() && normalize(a1) == normalize(&p.admin1) {
            s += 0.4;
            why.push(format!("in region {a1} (+0.40)"));
        }
    }
    if let Some(a2) = &hint.admin2 {
        if !p.admin2.is_empty() && normalize(a2) == normalize(&p.admin2) {
            s += 0.4;
            why.push(format!("in cercle {a2} (+0.40)"));
        }
    }
    if let Some(want) = hint.want {
        if p.precision() == want {
            s += 0.3;
            why.push(format!("is a {} unit as asked (+0.30)", want.as_str()));
        }
    }
    (s, why.join("; "))
}

/// Finds the gazetteer to use: `dir` when given, else the embedded default.
pub fn load(dir: Option<&Path>) -> Result<Gazetteer> {
    match dir {
        Some(d) => Gazetteer::load_dir(d),
        None => Gazetteer::default_embedded(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Asserts that the places every gazetteer must know resolve right:
    /// Kimparana (GeoNames "Kinmparana"), Ségou town with and without its
    /// accent, Tombouctou / Timbuktu.
    pub(crate) fn assert_test_places(g: &Gazetteer) {
        let near = |name: &str, lat: f64, lon: f64| {
            let r = g.resolve(name, &Hint::default());
            let best = r
                .best()
                .unwrap_or_else(|| panic!("{name}: no candidate"))
                .place;
            let km = crate::spatial::haversine_km((best.lon, best.lat), (lon, lat));
            assert!(
                km < 10.0,
                "{name} resolved to {} ({}, {}), {km:.0} km off",
                best.name,
                best.lat,
                best.lon
            );
            assert_eq!(
                best.precision(),
                GeoPrecision::Place,
                "{name} resolved to {:?}",
                best
            );
        };
        near("Kimparana", 12.84217, -4.9245);
        near("Kinmparana", 12.84217, -4.9245);
        near("Segou", 13.43, -6.26);
        near("Ségou", 13.43, -6.26);
        near("Tombouctou", 16.77, -3.01);
        near("Timbuktu", 16.77, -3.01);
    }

    #[test]
    fn embedded_default_resolves_the_test_places() {
        let g = Gazetteer::default_embedded().unwrap();
        assert_test_places(&g);
    }

    #[test]
    fn bad_places_rows_name_the_line() {
        let text = format!(
            "{}\nx\tA\tA\t\tnorth\t1\tP\tPPL\tML\t\t\t\t\t0\tt\n",
            PLACES_COLUMNS.join("\t")
        );
        let e = Gazetteer::from_tsv_str(&text, Path::new("p.tsv"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("p.tsv") && e.contains("line 2"), "{e}");
    }

    #[test]
    fn accents_case_and_typos() {
        let mut t = Place::example("Tillabéri", 14.21, 1.45);
        t.alt_names = vec!["Tillaberi".into()];
        let g = Gazetteer::from_places(vec![t, Place::example("Ménaka", 15.92, 2.40)]);
        let h = Hint::default();
        assert_eq!(
            g.resolve("TILLABERI", &h).best().unwrap().matched,
            MatchKind::Name
        );
        assert_eq!(g.resolve("menaka", &h).best().unwrap().place.name, "Ménaka");
        assert_eq!(
            g.resolve("Tilaberi", &h).best().unwrap().matched,
            MatchKind::Fuzzy(1)
        );
        assert!(g.resolve("Mena", &h).candidates.is_empty());
    }
}

#[cfg(test)]
mod loose_matching {
    use super::*;

    fn place(name: &str, lat: f64, lon: f64, admin1: &str) -> Place {
        let mut p = Place::example(name, lat, lon);
        p.admin1 = admin1.into();
        p
    }

    fn unit(name: &str, code: &str, admin1: &str, admin2: &str, lat: f64, lon: f64) -> Place {
        let mut p = place(name, lat, lon, admin1);
        p.feature_class = "A".into();
        p.feature_code = code.into();
        p.admin2 = admin2.into();
        p
    }

    /// Two made-up regions side by side: Nordland (lon 0..1) and Sudland
    /// (lon 1..2), lat 14..15, with invented villages.
    fn gaz() -> Gazetteer {
        let mut seat = place("Karbou", 14.5, 0.3, "Nordland");
        seat.feature_code = "PPLA2".into();
        seat.admin2 = "Karbou".into();
        let mut cercle = unit("Cercle de Karbou", "ADM2", "Nordland", "Karbou", 14.2, 0.7);
        cercle.alt_names = vec!["Karbou".into()];
        let mut g = Gazetteer::from_places(vec![
            unit("Nordland", "ADM1", "Nordland", "", 14.5, 0.5),
            unit("Sudland", "ADM1", "Sudland", "", 14.5, 1.5),
            seat,
            cercle,
            place("Djanbarou", 14.1, 0.2, "Nordland"),
            place("Sokoumba", 14.9, 1.8, "Sudland"),
            place("Tingara", 14.6, 0.6, "Nordland"),
            place("Kolomana", 14.3, 0.4, "Nordland"),
            place("Dolomani", 14.8, 0.9, "Nordland"),
            // just over the border, in Sudland by our polygons
            place("Fanfarou", 14.5, 1.02, "Sudland"),
            place("Mangorou", 14.5, 1.5, "Sudland"),
        ]);
        let square = |name: &str, x0: f64| {
            format!(
                r#"{{"type":"Feature","properties":{{"name":"{name}","country":"ML"}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},14],[{x1},14],[{x1},15],[{x0},15],[{x0},14]]]}}}}"#,
                x1 = x0 + 1.0
            )
        };
        g.admin1_geojson = format!(
            r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
            square("Nordland", 0.0),
            square("Sudland", 1.0)
        );
        g
    }

    fn hint(admin1: &str) -> Hint {
        Hint {
            country: Some("ML".into()),
            admin1: Some(admin1.into()),
            strict: true,
            ..Hint::default()
        }
    }

    fn answer(g: &Gazetteer, name: &str, admin1: &str) -> (String, MatchKind) {
        let r = g.resolve(name, &hint(admin1));
        let b = r.best().expect("an answer");
        (b.place.name.clone(), b.matched)
    }

    #[test]
    fn another_transliteration_inside_the_hinted_region() {
        let g = gaz();
        assert_eq!(
            answer(&g, "Janbaru", "Nordland"),
            ("Djanbarou".into(), MatchKind::Transliteration)
        );
        // the same spelling with the other region hinted: the region itself
        assert_eq!(
            answer(&g, "Janbaru", "Sudland"),
            ("Sudland".into(), MatchKind::HintedUnit)
        );
        // and never without a hinted region
        assert!(g
            .resolve("Janbaru", &Hint::default())
            .best()
            .is_none_or(|b| b.matched != MatchKind::Transliteration));
    }

    #[test]
    fn qualifier_words_are_dropped_inside_the_region() {
        let g = gaz();
        assert_eq!(
            answer(&g, "Tingara Peulh", "Nordland"),
            ("Tingara".into(), MatchKind::Qualified)
        );
        assert_eq!(
            answer(&g, "Tingara camp", "Nordland"),
            ("Tingara".into(), MatchKind::Qualified)
        );
        assert_eq!(
            answer(&g, "Tingara Koura", "Nordland").1,
            MatchKind::HintedUnit
        );
    }

    #[test]
    fn a_close_spelling_changes_a_vowel_not_the_first_letter() {
        let g = gaz();
        assert_eq!(
            answer(&g, "Kolomena", "Nordland"),
            ("Kolomana".into(), MatchKind::Spelling(4))
        );
        // Dolomani is one letter from Kolomani, but the first one
        assert_eq!(answer(&g, "Kolomani", "Nordland").0, "Kolomana");
        assert_eq!(answer(&g, "Zolomani", "Nordland").1, MatchKind::HintedUnit);
        // two consonants off: no
        assert_eq!(answer(&g, "Korobana", "Nordland").1, MatchKind::HintedUnit);
    }

    #[test]
    fn a_place_just_over_the_border_counts_as_in_the_region() {
        let g = gaz();
        // 2 km east of Nordland's edge
        assert_eq!(answer(&g, "Fanfarou", "Nordland").0, "Fanfarou");
        // 55 km away: the hinted region instead
        assert_eq!(answer(&g, "Mangorou", "Nordland").1, MatchKind::HintedUnit);
        assert_eq!(answer(&g, "Sokoumba", "Nordland").1, MatchKind::HintedUnit);
    }

    #[test]
    fn an_admin2_hint_keeps_homonyms_of_other_units_out() {
        let mut g = gaz();
        let mut p = place("Siragou", 14.7, 0.8, "Nordland");
        p.admin2 = "Other".into();
        let mut q = place("Siragou", 14.3, 0.3, "Nordland");
        q.admin2 = "Karbou".into();
        let keep = (g.admin1_geojson.clone(), g.admin2_geojson.clone());
        g = Gazetteer::from_places(g.places().cloned().chain([p]).collect());
        (g.admin1_geojson, g.admin2_geojson) = keep.clone();
        let h = Hint {
            admin2: Some("Karbou".into()),
            ..hint("Nordland")
        };
        // the only Siragou is in another cercle: the hinted cercle
        let r = g.resolve("Siragou", &h);
        assert_eq!(r.best().unwrap().matched, MatchKind::HintedUnit);
        assert_eq!(r.best().unwrap().place.feature_code, "ADM2");
        // with the region alone, it is the answer
        assert_eq!(answer(&g, "Siragou", "Nordland").0, "Siragou");
        // one in the hinted cercle is found
        g = Gazetteer::from_places(g.places().cloned().chain([q]).collect());
        (g.admin1_geojson, g.admin2_geojson) = keep;
        let b = g.resolve("Siragou", &h);
        assert_eq!(b.best().unwrap().place.admin2, "Karbou");
    }

    #[test]
    fn a_town_before_the_unit_named_after_it() {
        let g = gaz();
        let r = g.resolve("Karbou", &hint("Nordland"));
        assert_eq!(r.best().unwrap().place.feature_code, "PPLA2");
        assert!(!r.is_ambiguous());
        // unless a unit is asked for
        let h = Hint {
            want: Some(GeoPrecision::Admin2),
            ..hint("Nordland")
        };
        assert_eq!(
            g.resolve("Karbou", &h).best().unwrap().place.feature_code,
            "ADM2"
        );
    }
}

#[cfg(test)]
mod default_gazetteer {
    use super::*;

    /// What the shipped default must resolve, and to what kind of unit.
    #[test]
    fn shipped_names_resolve_to_the_right_kind_of_place() {
        let g = Gazetteer::default_embedded().unwrap();
        let cases: [(&str, &str, &str, &str); 24] = [
            // (query, country, feature code, admin1)
            ("Ségou region", "ML", "ADM1", "Ségou"),
            ("Mopti", "ML", "PPLA", "Mopti"),
            ("Bankass cercle", "ML", "ADM2", "Mopti"),
            ("Bankass", "ML", "PPLA2", "Mopti"),
            ("Menaka", "ML", "PPLA", "Ménaka"),
            ("Ménaka region", "ML", "ADM1", "Ménaka"),
            ("Tillaberi", "NE", "PPLA", "Tillabéri"),
            ("Tillabéri region", "NE", "ADM1", "Tillabéri"),
            ("Ouagadougou", "BF", "PPLC", "Centre"),
            ("Gao", "ML", "PPLA", "Gao"),
            ("Kidal", "ML", "PPLA", "Kidal"),
            ("Djenne", "ML", "PPLA2", "Mopti"),
            ("Ogossagou", "ML", "PPL", "Mopti"),
            ("Sobane Da", "ML", "PPL", "Mopti"),
            ("Douna", "ML", "PPL", "Mopti"),
            ("Solhan", "BF", "PPL", "Sahel"),
            ("Soum province", "BF", "ADM2", "Sahel"),
            ("Djibo", "BF", "PPLA2", "Sahel"),
            ("Tongo Tongo", "NE", "PPL", "Tillabéri"),
            ("Chinégodar", "NE", "PPL", "Tillabéri"),
            ("Fada N'Gourma", "BF", "PPLA", "Est"),
            ("Diffa", "NE", "PPLA", "Diffa"),
            ("Ouallam department", "NE", "ADM2", "Tillabéri"),
            ("Niger", "NE", "PCLI", ""),
        ];
        for (q, cc, code, a1) in cases {
            let r = g.resolve(q, &Hint::default());
            let p = r
                .best()
                .unwrap_or_else(|| panic!("{q}: no candidate"))
                .place;
            assert_eq!(
                (
                    p.country.as_str(),
                    p.feature_code.as_str(),
                    p.admin1.as_str()
                ),
                (cc, code, a1),
                "{q} resolved to {} ({})",
                p.name,
                p.id
            );
        }
    }

    /// Every admin-1 name in places.tsv is the name of an admin-1 polygon.
    #[test]
    fn admin1_names_join_the_polygons() {
        let g = Gazetteer::default_embedded().unwrap();
        let fc: serde_json::Value = serde_json::from_str(&g.admin1_geojson).unwrap();
        let names: std::collections::HashSet<(String, String)> = fc["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["properties"]["country"].as_str().unwrap().to_string(),
                    f["properties"]["name"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(names.len(), 31);
        for p in g.places() {
            if p.feature_code != "PCLI" {
                assert!(
                    names.contains(&(p.country.clone(), p.admin1.clone())),
                    "{} ({}) has admin1 {:?}",
                    p.name,
                    p.id,
                    p.admin1
                );
            }
        }
    }
}
