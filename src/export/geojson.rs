//! GeoJSON layers (RFC 7946): FeatureCollection, `[lon, lat]`, no `crs`,
//! exterior rings counter-clockwise and holes clockwise, at most 6 decimals
//! (fewer for coarse incident locations).

use super::layers::{describe, SlotInfo};
use super::write_atomic_with;
use crate::aggregate::{Aggregate, Tally};
use crate::error::Result;
use crate::model::Incident;
use crate::period::Period;
use crate::region::{RegionSet, Slot};
use geo::orient::{Direction, Orient};
use geo::MultiPolygon;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::path::Path;

/// Formats a coordinate with at most `decimals` decimals, trailing zeros trimmed.
///
/// # Examples
/// ```
/// use casualty_atlas::export::geojson::fmt_coord;
/// assert_eq!(fmt_coord(-4.924500001, 6), "-4.9245");
/// assert_eq!(fmt_coord(12.0, 6), "12");
/// assert_eq!(fmt_coord(-0.0000001, 6), "0");
/// ```
pub fn fmt_coord(v: f64, decimals: usize) -> String {
    let mut s = String::new();
    fmt_coord_into(v, decimals, &mut s);
    s
}

/// [`fmt_coord`] appended to `out`. Coordinates are scaled to an integer
/// and printed directly; a value whose scaled fraction lies within 1e-6 of
/// a tie (where the f64 product could round the other way from the exact
/// decimal) goes through the standard formatter, so the text is always the
/// standard formatter's.
pub fn fmt_coord_into(v: f64, decimals: usize, out: &mut String) {
    const POW10: [f64; 10] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    // below 1e9 the product's rounding error is under 1e-7
    let scaled = v * POW10[decimals.min(POW10.len() - 1)];
    if decimals < POW10.len() && scaled.is_finite() && scaled.abs() < 1e9 {
        let r = scaled.round();
        if ((scaled - scaled.trunc()).abs() - 0.5).abs() > 1e-6 {
            let r = r as i64;
            if r == 0 {
                out.push('0');
                return;
            }
            if r < 0 {
                out.push('-');
            }
            let r = r.unsigned_abs();
            let unit = 10u64.pow(decimals as u32);
            let (int, mut frac) = (r / unit, r % unit);
            push_digits(out, int, 1);
            if frac > 0 {
                let mut digits = decimals;
                while frac % 10 == 0 {
                    frac /= 10;
                    digits -= 1;
                }
                out.push('.');
                push_digits(out, frac, digits);
            }
            return;
        }
    }
    out.push_str(&fmt_coord_std(v, decimals));
}

/// Appends `v` in decimal, zero-padded to at least `min` digits.
fn push_digits(out: &mut String, mut v: u64, min: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    while v > 0 {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    let start = i.min(buf.len() - min.clamp(1, 20));
    out.extend(buf[start..].iter().map(|&c| c as char));
}

/// The reference: the standard fixed-precision formatter, trailing zeros
/// and a negative zero dropped.
fn fmt_coord_std(v: f64, decimals: usize) -> String {
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// Writes a MultiPolygon's coordinates array (right-hand rule, ≤ 6 decimals).
pub fn multipolygon_json(mp: &MultiPolygon<f64>, out: &mut String) {
    let mp = mp.orient(Direction::Default);
    let single = mp.0.len() == 1;
    if single {
        out.push_str("{\"type\":\"Polygon\",\"coordinates\":");
    } else {
        out.push_str("{\"type\":\"MultiPolygon\",\"coordinates\":[");
    }
    for (pi, poly) in mp.0.iter().enumerate() {
        if pi > 0 {
            out.push(',');
        }
        out.push('[');
        for (ri, ring) in std::iter::once(poly.exterior())
            .chain(poly.interiors())
            .enumerate()
        {
            if ri > 0 {
                out.push(',');
            }
            out.push('[');
            let mut prev = String::new();
            let mut xy = String::new();
            let mut first = true;
            let n = ring.0.len();
            for (ci, c) in ring.0.iter().enumerate() {
                xy.clear();
                xy.push('[');
                fmt_coord_into(c.x, 6, &mut xy);
                xy.push(',');
                fmt_coord_into(c.y, 6, &mut xy);
                xy.push(']');
                // drop points that collapse onto the previous one after rounding
                // (but always keep the closing point)
                if !first && prev == xy && ci + 1 != n {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                out.push_str(&xy);
                std::mem::swap(&mut prev, &mut xy);
            }
            out.push(']');
        }
        out.push(']');
    }
    if single {
        out.push('}');
    } else {
        out.push_str("]}");
    }
}

fn tally_props(p: &mut Map<String, Value>, t: &Tally) {
    for (name, v) in Tally::NAMES.into_iter().zip(t.values()) {
        p.insert(name.into(), json!(v));
    }
}

fn feature(
    out: &mut dyn Write,
    first: &mut bool,
    geometry: Option<&str>,
    props: &Map<String, Value>,
) -> std::io::Result<()> {
    if !*first {
        out.write_all(b",\n")?;
    }
    *first = false;
    out.write_all(b"{\"type\":\"Feature\",\"geometry\":")?;
    out.write_all(geometry.unwrap_or("null").as_bytes())?;
    out.write_all(b",\"properties\":")?;
    serde_json::to_writer(&mut *out, props)?;
    out.write_all(b"}")
}

fn slot_props(info: &SlotInfo) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("name".into(), json!(info.name));
    p.insert("code".into(), json!(info.code));
    p.insert("kind".into(), json!(info.kind));
    p.insert("parent".into(), json!(info.parent));
    p.insert("country".into(), json!(info.country));
    p
}

fn geometry_of(info: &SlotInfo) -> Option<String> {
    info.geometry.as_ref().map(|g| {
        let mut s = String::new();
        multipolygon_json(g, &mut s);
        s
    })
}

/// Writes `regions_<level>.geojson`: one feature per region of the set
/// (zero rows included, so the choropleth covers the whole area), then one
/// per grid cell or unallocated/unassigned row that holds incidents (these
/// have `null` geometry except cells).
pub fn write_region_totals(path: &Path, agg: &Aggregate, regions: &RegionSet) -> Result<()> {
    write_atomic_with(path, |w| {
        w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
        let mut first = true;
        let zero = Tally::default();
        for i in 0..regions.len() {
            let slot = Slot::Region(i);
            let info = describe(&slot, regions);
            let mut p = slot_props(&info);
            tally_props(&mut p, agg.totals.get(&slot).unwrap_or(&zero));
            feature(w, &mut first, geometry_of(&info).as_deref(), &p)?;
        }
        for (slot, t) in &agg.totals {
            if matches!(slot, Slot::Region(_)) {
                continue;
            }
            let info = describe(slot, regions);
            let mut p = slot_props(&info);
            tally_props(&mut p, t);
            feature(w, &mut first, geometry_of(&info).as_deref(), &p)?;
        }
        w.write_all(b"\n]}\n")
    })
}

/// Writes `regions_<level>_<period>.geojson`: one feature per region × period
/// that holds incidents, with `period`, `period_start`, `period_end` (plain
/// `YYYY-MM-DD`, read as Date by GDAL) and `datetime` (for kepler.gl).
pub fn write_region_periods(path: &Path, agg: &Aggregate, regions: &RegionSet) -> Result<()> {
    let mut geoms: std::collections::HashMap<Slot, Option<String>> =
        std::collections::HashMap::new();
    write_atomic_with(path, |w| {
        w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
        let mut first = true;
        for ((slot, period), t) in &agg.cells {
            let info = describe(slot, regions);
            let g = geoms
                .entry(slot.clone())
                .or_insert_with(|| geometry_of(&info));
            let mut p = slot_props(&info);
            p.insert("period".into(), json!(period.to_string()));
            p.insert(
                "period_start".into(),
                json!(period.start().map(|d| d.to_string())),
            );
            p.insert(
                "period_end".into(),
                json!(period.end().map(|d| d.to_string())),
            );
            p.insert(
                "datetime".into(),
                json!(period.start().map(|d| format!("{}T00:00:00", d))),
            );
            tally_props(&mut p, t);
            feature(w, &mut first, g.as_deref(), &p)?;
        }
        w.write_all(b"\n]}\n")
    })
}

/// The GeoJSON Point geometry of an incident, with decimals suited to its precision.
pub fn incident_geometry(inc: &Incident) -> Option<String> {
    let (lon, lat) = inc.lon_lat()?;
    let d = inc
        .geo_precision
        .map(|p| p.coordinate_decimals())
        .unwrap_or(5);
    Some(format!(
        "{{\"type\":\"Point\",\"coordinates\":[{},{}]}}",
        fmt_coord(lon, d),
        fmt_coord(lat, d)
    ))
}

/// Incident properties: every record field, then the precision as
/// ACLED/UCDP codes (see [`super::table::PRECISION_CODE_COLUMNS`]).
pub fn incident_properties(inc: &Incident) -> Map<String, Value> {
    let mut v = match serde_json::to_value(inc) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    for (k, c) in super::table::PRECISION_CODE_COLUMNS
        .iter()
        .zip(super::table::precision_codes(inc))
    {
        v.insert((*k).to_string(), json!(c));
    }
    if let Some((lon, lat)) = inc.lon_lat() {
        let d = inc
            .geo_precision
            .map(|p| p.coordinate_decimals())
            .unwrap_or(5);
        v.insert(
            "lat".into(),
            Value::from(fmt_coord(lat, d).parse::<f64>().unwrap_or(lat)),
        );
        v.insert(
            "lon".into(),
            Value::from(fmt_coord(lon, d).parse::<f64>().unwrap_or(lon)),
        );
    }
    v
}

/// Writes [`incident_properties`] of `inc`, with `extra` added (string
/// values), as the compact JSON object `serde_json` writes for that map
/// (keys in order), straight from the record: the record is serialized
/// once, its top-level fields are cut out of that text and put in key
/// order. A record with a nested object (a merged record's source tolls)
/// goes through the map instead.
pub fn write_incident_properties(
    out: &mut Vec<u8>,
    inc: &Incident,
    extra: &[(String, String)],
    scratch: &mut Vec<u8>,
) -> serde_json::Result<()> {
    scratch.clear();
    serde_json::to_writer(&mut *scratch, inc)?;
    let Some(mut fields) = top_level_fields(scratch) else {
        let mut p = incident_properties(inc);
        for (k, v) in extra {
            p.insert(k.clone(), Value::from(v.as_str()));
        }
        return serde_json::to_writer(out, &p);
    };
    // values written after the record's own text, cut out the same way
    let set = |fields: &mut Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
               key: &str,
               scratch: &mut Vec<u8>,
               write: &dyn Fn(&mut Vec<u8>) -> serde_json::Result<()>|
     -> serde_json::Result<()> {
        let k0 = scratch.len();
        serde_json::to_writer(&mut *scratch, key)?;
        let v0 = scratch.len();
        write(scratch)?;
        let (k, v) = (k0 + 1..v0 - 1, v0..scratch.len());
        match fields
            .iter_mut()
            .find(|(fk, _)| scratch[fk.clone()] == scratch[k.clone()])
        {
            Some(f) => f.1 = v,
            None => fields.push((k, v)),
        }
        Ok(())
    };
    for (k, c) in super::table::PRECISION_CODE_COLUMNS
        .iter()
        .zip(super::table::precision_codes(inc))
    {
        set(&mut fields, k, scratch, &|b| serde_json::to_writer(b, &c))?;
    }
    if let Some((lon, lat)) = inc.lon_lat() {
        let d = inc
            .geo_precision
            .map(|p| p.coordinate_decimals())
            .unwrap_or(5);
        let lat = fmt_coord(lat, d).parse::<f64>().unwrap_or(lat);
        let lon = fmt_coord(lon, d).parse::<f64>().unwrap_or(lon);
        set(&mut fields, "lat", scratch, &|b| {
            serde_json::to_writer(b, &Value::from(lat))
        })?;
        set(&mut fields, "lon", scratch, &|b| {
            serde_json::to_writer(b, &Value::from(lon))
        })?;
    }
    for (k, v) in extra {
        set(&mut fields, k, scratch, &|b| serde_json::to_writer(b, v))?;
    }
    let text: &[u8] = scratch;
    fields.sort_by(|a, b| text[a.0.clone()].cmp(&text[b.0.clone()]));
    out.push(b'{');
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        out.extend_from_slice(&text[k.clone()]);
        out.extend_from_slice(b"\":");
        out.extend_from_slice(&text[v.clone()]);
    }
    out.push(b'}');
    Ok(())
}

/// The (key, value) byte ranges of a compact JSON object's top-level
/// members (keys without their quotes); `None` when a value holds an
/// object or a key has an escape (their order or text would differ from
/// the map's).
fn top_level_fields(text: &[u8]) -> Option<Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>> {
    let mut out = Vec::with_capacity(40);
    if text.first() != Some(&b'{') {
        return None;
    }
    let mut i = 1;
    while i < text.len() && text[i] != b'}' {
        if text[i] == b',' {
            i += 1;
        }
        // the key
        if text.get(i) != Some(&b'"') {
            return None;
        }
        let k0 = i + 1;
        let k1 = k0 + memchr::memchr(b'"', &text[k0..])?;
        if text[k0..k1].contains(&b'\\') || text.get(k1 + 1) != Some(&b':') {
            return None;
        }
        // the value: up to the next comma or brace at depth 0, outside strings
        let v0 = k1 + 2;
        let (mut j, mut depth, mut in_str) = (v0, 0usize, false);
        while j < text.len() {
            let c = text[j];
            if in_str {
                match c {
                    b'\\' => j += 1,
                    b'"' => in_str = false,
                    _ => {}
                }
            } else {
                match c {
                    b'"' => in_str = true,
                    b'[' => depth += 1,
                    b']' => depth -= 1,
                    b'{' => return None,
                    b',' | b'}' if depth == 0 => break,
                    _ => {}
                }
            }
            j += 1;
        }
        out.push((k0..k1, v0..j));
        i = j;
    }
    Some(out)
}

/// Writes `incidents.geojson`: a Point per incident (null geometry for
/// incidents that could not be located), all record fields as properties,
/// plus `extra(i)` (a region per level and the period of the report).
pub fn write_incidents(
    path: &Path,
    incidents: &[Incident],
    extra: &(dyn Fn(usize) -> Vec<(String, String)> + Sync),
) -> Result<()> {
    // features are rendered in chunks on every core and written in order,
    // a round of chunks at a time: memory holds one round, not the file
    const CHUNK: usize = 16_384;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let render = |start: usize, part: &[Incident]| -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::with_capacity(part.len() * 600);
        let mut scratch = Vec::with_capacity(1024);
        for (j, inc) in part.iter().enumerate() {
            if start + j > 0 {
                buf.extend_from_slice(b",\n");
            }
            buf.extend_from_slice(b"{\"type\":\"Feature\",\"geometry\":");
            match incident_geometry(inc) {
                Some(g) => buf.extend_from_slice(g.as_bytes()),
                None => buf.extend_from_slice(b"null"),
            }
            buf.extend_from_slice(b",\"properties\":");
            write_incident_properties(&mut buf, inc, &extra(start + j), &mut scratch)?;
            buf.push(b'}');
        }
        Ok(buf)
    };
    write_atomic_with(path, |w| {
        w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
        for (r, round) in incidents.chunks(CHUNK * threads).enumerate() {
            let base = r * CHUNK * threads;
            let parts: Vec<std::io::Result<Vec<u8>>> = std::thread::scope(|s| {
                let handles: Vec<_> = round
                    .chunks(CHUNK)
                    .enumerate()
                    .map(|(c, part)| s.spawn(move || render(base + c * CHUNK, part)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
            for part in parts {
                w.write_all(&part?)?;
            }
        }
        w.write_all(b"\n]}\n")
    })
}

/// Label of a period for tables ("2024-03", "undated").
pub fn period_label(p: &Period) -> String {
    p.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20000))]
        #[test]
        fn fast_coordinates_are_the_standard_text(v in -200.0f64..200.0, d in 0usize..10) {
            prop_assert_eq!(fmt_coord(v, d), fmt_coord_std(v, d));
        }

        #[test]
        fn near_ties_and_round_numbers(i in -180_000_000i64..180_000_000, half in any::<bool>()) {
            let v = i as f64 / 1e6 + if half { 5e-7 } else { 0.0 };
            prop_assert_eq!(fmt_coord(v, 6), fmt_coord_std(v, 6));
        }
    }

    /// The properties written straight from the record are the bytes of
    /// the map they replace, whatever fields a record fills.
    #[test]
    fn direct_properties_are_the_map() {
        use crate::model::{DatePrecision, GeoPrecision, SourceToll};
        let mut a = Incident::new("ML-1 \"é\"", "x.csv");
        a.place = Some("Kaya, \\ \u{1}".into());
        a.point = Some(crate::model::Point::new(-1.08, 13.091_234_5));
        a.geo_precision = Some(GeoPrecision::Admin2);
        a.date_start = chrono::NaiveDate::from_ymd_opt(2021, 3, 5);
        a.date_end = a.date_start;
        a.date_precision = DatePrecision::Week;
        a.deaths.low = Some(3);
        a.deaths.best = Some(4);
        a.injured = Some(0);
        a.article_mut().span = Some([12, 40]);
        a.article_mut().confidence = Some(0.85);
        a.source = Some("RFI".into());
        a.article_mut().also_places = vec!["Dori".into(), "a,b]".into()];
        a.flags = vec!["implausible_toll".into()];
        a.article_mut().review = vec!["x{y}".into()];
        let b = Incident::new("2", "y.csv");
        let mut c = a.clone();
        c.merge_mut().source_tolls = vec![SourceToll {
            doc: "a".into(),
            id: "1".into(),
            deaths: crate::model::Deaths::new(None, Some(2), None),
            evidence: Some("two".into()),
        }];
        let extra = [
            ("region_admin1".to_string(), "Centre-Nord".to_string()),
            ("period".to_string(), "2021-03".to_string()),
            ("lat".to_string(), "overridden".to_string()),
        ];
        for inc in [&a, &b, &c] {
            for extra in [&extra[..], &[]] {
                let mut want = incident_properties(inc);
                for (k, v) in extra {
                    want.insert(k.clone(), Value::from(v.as_str()));
                }
                let want = serde_json::to_string(&want).unwrap();
                let (mut got, mut scratch) = (Vec::new(), Vec::new());
                write_incident_properties(&mut got, inc, extra, &mut scratch).unwrap();
                assert_eq!(String::from_utf8(got).unwrap(), want);
            }
        }
    }

    #[test]
    fn edge_values() {
        for v in [
            0.0,
            -0.0,
            1e-7,
            -1e-7,
            0.5,
            -0.5,
            179.9999995,
            -179.9999995,
            1e12,
            f64::NAN,
            f64::INFINITY,
            2.5e-6,
        ] {
            for d in [0, 1, 5, 6, 9, 12] {
                assert_eq!(fmt_coord(v, d), fmt_coord_std(v, d), "{v} {d}");
            }
        }
    }
}
