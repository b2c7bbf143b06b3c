//! Every GeoJSON file `report` writes follows RFC 7946: a FeatureCollection,
//! no `crs`, lon/lat in range, exterior rings counter-clockwise and holes
//! clockwise, at most 6 decimals.

use crate::util::{rect_regions, sample_incidents, TestDir};
use serde_json::Value;

fn decimals(raw: &str) -> usize {
    raw.split('.')
        .nth(1)
        .map(|f| f.trim_end_matches(|c: char| !c.is_ascii_digit()).len())
        .unwrap_or(0)
}

/// Signed area (shoelace): positive for counter-clockwise rings.
fn signed_area(ring: &[Value]) -> f64 {
    let pts: Vec<(f64, f64)> = ring
        .iter()
        .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
        .collect();
    pts.windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum::<f64>()
        / 2.0
}

fn check_position(p: &Value, file: &str) {
    let a = p
        .as_array()
        .unwrap_or_else(|| panic!("{file}: position is not an array"));
    assert!(a.len() == 2, "{file}: position {p} must be [lon, lat]");
    let (x, y) = (a[0].as_f64().unwrap(), a[1].as_f64().unwrap());
    assert!(
        (-180.0..=180.0).contains(&x),
        "{file}: lon {x} out of range"
    );
    assert!((-90.0..=90.0).contains(&y), "{file}: lat {y} out of range");
}

fn check_polygon(rings: &Value, file: &str) {
    for (i, ring) in rings.as_array().unwrap().iter().enumerate() {
        let r = ring.as_array().unwrap();
        assert!(r.len() >= 4, "{file}: ring with {} positions", r.len());
        assert_eq!(r.first(), r.last(), "{file}: ring not closed");
        r.iter().for_each(|p| check_position(p, file));
        let a = signed_area(r);
        if i == 0 {
            assert!(a > 0.0, "{file}: exterior ring is clockwise");
        } else {
            assert!(a < 0.0, "{file}: hole is counter-clockwise");
        }
    }
}

/// Checks one file; returns its feature count.
pub fn check_file(path: &std::path::Path) -> usize {
    let file = path.display().to_string();
    let raw = std::fs::read_to_string(path).unwrap();
    // no number in the text has more than 6 decimals
    let mut num = String::new();
    for c in raw.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || c == '.' || c == '-' {
            num.push(c);
        } else {
            if num.contains('.') {
                assert!(
                    decimals(&num) <= 6,
                    "{file}: number {num} has more than 6 decimals"
                );
            }
            num.clear();
        }
    }
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["type"], "FeatureCollection", "{file}");
    assert!(v.get("crs").is_none(), "{file}: has a crs member");
    let feats = v["features"].as_array().unwrap();
    for f in feats {
        assert_eq!(f["type"], "Feature");
        assert!(
            f["properties"].is_object(),
            "{file}: properties must be an object"
        );
        let g = &f["geometry"];
        if g.is_null() {
            continue;
        }
        match g["type"].as_str().unwrap() {
            "Point" => check_position(&g["coordinates"], &file),
            "Polygon" => check_polygon(&g["coordinates"], &file),
            "MultiPolygon" => g["coordinates"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(|p| check_polygon(p, &file)),
            other => panic!("{file}: unexpected geometry {other}"),
        }
    }
    feats.len()
}

#[test]
fn every_geojson_written_follows_rfc7946() {
    let t = TestDir::new();
    // a clockwise square with a counter-clockwise hole: the writer must re-orient both
    t.write(
        "cw.geojson",
        r#"{"type":"FeatureCollection","crs":{"type":"name"},"features":[{"type":"Feature","properties":{"name":"Holed"},"geometry":{"type":"Polygon","coordinates":[[[-6,12],[-6,16],[0,16],[0,12],[-6,12]],[[-4,13],[-2,13],[-2,14],[-4,14],[-4,13]]]}}]}"#,
    );
    t.write(
        "rects.geojson",
        rect_regions(&[
            ("Ouest", "W", -12.0, 10.0, -3.0, 25.0),
            ("Est", "E", -3.0, 10.0, 5.0, 25.0),
        ]),
    );
    let sample = sample_incidents();
    let out = t.run(&[
        "report",
        sample.to_str().unwrap(),
        "--by",
        "admin1,grid:0.5,cw.geojson,rects.geojson",
        "-o",
        "out",
        "--quiet",
    ]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let mut n = 0;
    for e in std::fs::read_dir(t.join("out")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "geojson") {
            check_file(&p);
            n += 1;
        }
    }
    assert!(
        n >= 9,
        "expected incidents + 2 layers per level, found {n} GeoJSON files"
    );
}
