//! JSON inputs: NDJSON (one incident object per line), a JSON array of
//! incident objects, and GeoJSON FeatureCollections of Points (properties are
//! the incident fields, the geometry gives `[lon, lat]`).

use super::fields::{build_incident, Field, RawRecord, ALIASES};
use super::{raw_excerpt, FileStats, IdTracker, Item};
use crate::error::{Error, Result};
use crate::model::{doc_name, Incident, Reject};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// A JSON object as a [`RawRecord`]; key names are matched case-insensitively
/// against the aliases.
pub struct JsonRecord<'a> {
    /// The object.
    pub obj: &'a Map<String, Value>,
    /// Coordinates from a GeoJSON geometry, which win over properties.
    pub point: Option<(f64, f64)>,
}

fn value_text(v: &Value) -> Option<Cow<'_, str>> {
    match v {
        Value::Null => None,
        Value::String(s) => (!s.trim().is_empty()).then_some(Cow::Borrowed(s.as_str())),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Bool(b) => Some(Cow::Owned(b.to_string())),
        // a list of strings (`flags`, `also_places`) as `a; b`
        Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_string) => Some(Cow::Owned(
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("; "),
        )),
        _ => None,
    }
}

impl RawRecord for JsonRecord<'_> {
    fn get(&self, f: Field) -> Option<Cow<'_, str>> {
        if let Some((lon, lat)) = self.point {
            match f {
                Field::Lat => return Some(Cow::Owned(lat.to_string())),
                Field::Lon => return Some(Cow::Owned(lon.to_string())),
                _ => {}
            }
        }
        let names = ALIASES.iter().find(|(ff, _)| *ff == f)?.1;
        for n in names {
            if let Some(v) = self.obj.get(*n) {
                if let Some(t) = value_text(v) {
                    return Some(t);
                }
            }
        }
        // case-insensitive fallback
        for (k, v) in self.obj {
            let kl = k.to_ascii_lowercase();
            if names.contains(&kl.as_str()) {
                if let Some(t) = value_text(v) {
                    return Some(t);
                }
            }
        }
        None
    }
}

/// Extra list fields carried through a round trip.
fn carry_lists(obj: &Map<String, Value>, inc: &mut crate::model::Incident) {
    let list = |k: &str| -> Vec<String> {
        obj.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let also = list("also_places");
    if !also.is_empty() {
        inc.article_mut().also_places = also;
    }
    if obj.contains_key("flags") {
        inc.flags = list("flags")
            .iter()
            .map(|f| crate::model::Flag::parse(f))
            .collect();
    }
    let merged = list("merged_from");
    if !merged.is_empty() {
        inc.merge_mut().merged_from = merged;
    }
    if let Some(Value::Array(a)) = obj.get("span") {
        if let (Some(s), Some(e)) = (
            a.first().and_then(Value::as_u64),
            a.get(1).and_then(Value::as_u64),
        ) {
            inc.article_mut().span = Some([s as usize, e as usize]);
        }
    }
}

struct Emitter<'a> {
    source: String,
    doc: std::sync::Arc<str>,
    ids: IdTracker,
    stats: FileStats,
    sink: &'a mut dyn FnMut(Item),
}

impl Emitter<'_> {
    fn reject(&mut self, line: u64, id: Option<String>, reason: String, raw: String) {
        self.stats.rejected += 1;
        (self.sink)(Item::Reject(Reject {
            source: self.source.clone(),
            line,
            id,
            reason,
            raw,
            benign: false,
        }));
    }

    fn object(
        &mut self,
        line: u64,
        obj: &Map<String, Value>,
        point: Option<(f64, f64)>,
        raw: &dyn Fn() -> String,
    ) {
        self.stats.records += 1;
        let (built, ucdp) = build_object(obj, point, line, &self.doc);
        if ucdp {
            self.stats.format = "UCDP GED (JSON)".into();
        }
        match built {
            Ok(inc) => {
                if let Some(first) = self.ids.check(&inc.id, line) {
                    let id = inc.id.clone();
                    self.reject(line, Some(id.clone()), duplicate_reason(&id, first), raw());
                    return;
                }
                self.stats.incidents += 1;
                (self.sink)(Item::Incident(Box::new(inc)));
            }
            Err((id, reason)) => self.reject(line, id, reason, raw()),
        }
    }
}

/// The reject reason for an id seen before in the same JSON file.
pub fn duplicate_reason(id: &str, first: u64) -> String {
    format!("duplicate id {id} (first seen at {first})")
}

/// Builds the incident of one JSON object (record `line` of its file), or
/// says why it cannot be used (with the id it gives). The flag is true when
/// the object is a UCDP GED event (read with its own mapping).
pub fn build_object(
    obj: &Map<String, Value>,
    point: Option<(f64, f64)>,
    line: u64,
    doc: &std::sync::Arc<str>,
) -> (
    std::result::Result<Incident, (Option<String>, String)>,
    bool,
) {
    let rec = JsonRecord { obj, point };
    let default_id = format!("{doc}:{line}");
    let ucdp = super::ucdp::is_ucdp_object(&|k| obj.contains_key(k));
    let built = if ucdp {
        // a UCDP GED event (the GeoJSON copies of GED): its own mapping
        let get = |k: &str| -> Option<String> {
            match (k, point) {
                ("latitude", Some((_, lat))) => return Some(lat.to_string()),
                ("longitude", Some((lon, _))) => return Some(lon.to_string()),
                _ => {}
            }
            obj.get(k)
                .and_then(value_text)
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        super::ucdp::build_by_name(&get, default_id, doc)
    } else {
        build_incident(&rec, default_id, doc)
    };
    let built = match built {
        Ok(mut inc) => {
            carry_lists(obj, &mut inc);
            inc.source_line = Some(line);
            Ok(inc)
        }
        Err(reason) => Err((rec.get(Field::Id).map(|c| c.into_owned()), reason)),
    };
    (built, ucdp)
}

/// What one line of an NDJSON file holds.
pub enum NdjsonLine {
    /// A blank or `#` comment line: not a record.
    Skip,
    /// A record: its incident, or the id it gives and why it cannot be
    /// used; the flag is true for a UCDP GED object.
    Record(
        std::result::Result<Box<Incident>, (Option<String>, String)>,
        bool,
    ),
}

/// Reads one line of an NDJSON file (line `line`, `doc` the file name),
/// as the held reader and the block reader both do.
pub fn ndjson_line(bytes: &[u8], line: u64, doc: &std::sync::Arc<str>) -> NdjsonLine {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            return NdjsonLine::Record(Err((None, "line is not valid UTF-8".into())), false);
        }
    };
    let t = ndjson_text(text);
    if t.is_empty() || t.starts_with('#') {
        return NdjsonLine::Skip;
    }
    match serde_json::from_str::<Value>(t) {
        Ok(Value::Object(obj)) => {
            let (built, ucdp) = build_object(&obj, None, line, doc);
            NdjsonLine::Record(built.map(Box::new), ucdp)
        }
        Ok(_) => NdjsonLine::Record(Err((None, "line is JSON but not an object".into())), false),
        Err(e) => NdjsonLine::Record(
            Err((None, format!("invalid JSON at column {}: {e}", e.column()))),
            false,
        ),
    }
}

/// A line's text as it is parsed (trimmed, byte-order mark dropped).
pub fn ndjson_text(line: &str) -> &str {
    line.trim().trim_start_matches('\u{feff}')
}

/// A line's raw text for the rejects file.
pub fn ndjson_raw(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(t) => raw_excerpt(ndjson_text(t)),
        Err(_) => raw_excerpt(&String::from_utf8_lossy(bytes)),
    }
}

/// Reads `.ndjson`/`.jsonl`/`.json`: NDJSON, or a JSON array of objects, or
/// a GeoJSON FeatureCollection (sniffed from the first non-blank byte).
pub fn read_json(path: &Path, sink: &mut dyn FnMut(Item)) -> Result<FileStats> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_json_from(path, BufReader::with_capacity(1 << 16, file), sink)
}

/// [`read_json`] over any buffered reader (`path` names the source in
/// messages and rejects).
pub fn read_json_from<R: BufRead>(
    path: &Path,
    mut buf: R,
    sink: &mut dyn FnMut(Item),
) -> Result<FileStats> {
    let first = {
        let b = buf.fill_buf().map_err(|e| Error::io(path, e))?;
        b.iter()
            .copied()
            .find(|c| !c.is_ascii_whitespace() && *c != 0xEF && *c != 0xBB && *c != 0xBF)
    };
    if first == Some(b'[') {
        return read_array(path, buf, sink);
    }
    if first == Some(b'{') && looks_like_feature_collection(&mut buf) {
        return read_geojson_from(path, buf, sink);
    }
    let mut em = Emitter {
        source: path.display().to_string(),
        doc: doc_name(path).into(),
        ids: IdTracker::default(),
        stats: FileStats {
            format: "NDJSON".into(),
            ..FileStats::default()
        },
        sink,
    };
    let mut line_buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        line_buf.clear();
        let n = buf
            .read_until(b'\n', &mut line_buf)
            .map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        match ndjson_line(&line_buf, line_no, &em.doc) {
            NdjsonLine::Skip => {}
            NdjsonLine::Record(built, ucdp) => {
                em.stats.records += 1;
                if ucdp {
                    em.stats.format = "UCDP GED (JSON)".into();
                }
                match built {
                    Ok(inc) => {
                        if let Some(first) = em.ids.check(&inc.id, line_no) {
                            let id = inc.id.clone();
                            let reason = duplicate_reason(&id, first);
                            em.reject(line_no, Some(id), reason, ndjson_raw(&line_buf));
                            continue;
                        }
                        em.stats.incidents += 1;
                        (em.sink)(Item::Incident(inc));
                    }
                    Err((id, reason)) => em.reject(line_no, id, reason, ndjson_raw(&line_buf)),
                }
            }
        }
    }
    if em.stats.records == 0 {
        return Err(Error::bad_file(path, "holds no JSON records"));
    }
    Ok(em.stats)
}

fn looks_like_feature_collection<R: BufRead>(buf: &mut R) -> bool {
    match buf.fill_buf() {
        Ok(b) => {
            let head = String::from_utf8_lossy(&b[..b.len().min(4096)]);
            head.contains("\"FeatureCollection\"") || head.contains("\"features\"")
        }
        Err(_) => false,
    }
}

fn read_array<R: Read>(path: &Path, reader: R, sink: &mut dyn FnMut(Item)) -> Result<FileStats> {
    let v: Vec<Value> = serde_json::from_reader(reader).map_err(|e| Error::Json {
        path: path.to_path_buf(),
        message: format!("line {} column {}: {e}", e.line(), e.column()),
    })?;
    let mut em = Emitter {
        source: path.display().to_string(),
        doc: doc_name(path).into(),
        ids: IdTracker::default(),
        stats: FileStats {
            format: "JSON array".into(),
            ..FileStats::default()
        },
        sink,
    };
    for (i, item) in v.iter().enumerate() {
        let n = i as u64 + 1;
        match item {
            Value::Object(obj) => em.object(n, obj, None, &|| raw_excerpt(&item.to_string())),
            _ => {
                em.stats.records += 1;
                em.reject(
                    n,
                    None,
                    "array element is not an object".into(),
                    raw_excerpt(&item.to_string()),
                );
            }
        }
    }
    if em.stats.records == 0 {
        return Err(Error::bad_file(path, "holds an empty array"));
    }
    Ok(em.stats)
}

/// Reads a GeoJSON FeatureCollection of Points, feature by feature.
pub fn read_geojson(path: &Path, sink: &mut dyn FnMut(Item)) -> Result<FileStats> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let out = read_geojson_from(path, BufReader::with_capacity(1 << 16, file), sink);
    if matches!(out, Err(Error::Json { .. })) && has_no_features(path) {
        return Err(Error::bad_file(
            path,
            "is a FeatureCollection with no features: there is nothing in it to read",
        ));
    }
    out
}

/// True for a (small) GeoJSON file whose `features` is an empty array, which
/// the feature reader reports as a syntax error.
fn has_no_features(path: &Path) -> bool {
    let small = std::fs::metadata(path).is_ok_and(|m| m.len() < 1 << 20);
    small
        && std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| {
                v.get("features")
                    .and_then(|f| f.as_array().map(Vec::is_empty))
            })
            .unwrap_or(false)
}

/// [`read_geojson`] over any reader (`path` names the source in messages).
pub fn read_geojson_from<R: Read>(
    path: &Path,
    reader: R,
    sink: &mut dyn FnMut(Item),
) -> Result<FileStats> {
    let mut em = Emitter {
        source: path.display().to_string(),
        doc: doc_name(path).into(),
        ids: IdTracker::default(),
        stats: FileStats {
            format: "GeoJSON".into(),
            ..FileStats::default()
        },
        sink,
    };
    let reader = geojson::FeatureReader::from_reader(reader);
    for (i, f) in reader.features().enumerate() {
        let n = i as u64 + 1;
        let feature = match f {
            Ok(f) => f,
            Err(e) => {
                if em.stats.records == 0 {
                    return Err(Error::Json {
                        path: path.to_path_buf(),
                        message: format!("not a GeoJSON FeatureCollection: {e}"),
                    });
                }
                em.stats.records += 1;
                em.reject(
                    n,
                    None,
                    format!("feature {n} is not valid GeoJSON, reading stopped here: {e}"),
                    String::new(),
                );
                break;
            }
        };
        let empty = Map::new();
        let props = feature.properties.as_ref().unwrap_or(&empty);
        let raw = || raw_excerpt(&serde_json::to_string(&feature).unwrap_or_default());
        let point = match &feature.geometry {
            None => None,
            Some(g) => match &g.value {
                geojson::GeometryValue::Point { coordinates } => {
                    let c = coordinates.as_slice();
                    if c.len() < 2 {
                        em.stats.records += 1;
                        em.reject(n, None, "Point has fewer than 2 coordinates".into(), raw());
                        continue;
                    }
                    Some((c[0], c[1]))
                }
                other => {
                    em.stats.records += 1;
                    em.reject(
                        n,
                        None,
                        format!(
                            "geometry is a {}, incidents need a Point",
                            other.type_name()
                        ),
                        raw(),
                    );
                    continue;
                }
            },
        };
        let mut obj = props.clone();
        if let (Some(id), false) = (&feature.id, obj.contains_key("id")) {
            let idv = match id {
                geojson::feature::Id::String(s) => Value::String(s.clone()),
                geojson::feature::Id::Number(n) => Value::Number(n.clone()),
            };
            obj.insert("id".into(), idv);
        }
        em.object(n, &obj, point, &raw);
    }
    if em.stats.records == 0 {
        return Err(Error::bad_file(path, "FeatureCollection has no features"));
    }
    Ok(em.stats)
}
