use super::*;
use crate::export::style::{class_breaks, class_labels, class_of, nice_ceil, MAX_CLASSES};
use chrono::Datelike;
use geo::{polygon, MultiPolygon};

fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> MultiPolygon<f64> {
    MultiPolygon(vec![polygon![
        (x: x0, y: y0),
        (x: x1, y: y0),
        (x: x1, y: y1),
        (x: x0, y: y1),
        (x: x0, y: y0),
    ]])
}

fn region(
    name: &str,
    code: &str,
    geom: Option<MultiPolygon<f64>>,
    kind: RegionKind,
) -> RegionSeries {
    RegionSeries {
        name: name.to_string(),
        code: code.to_string(),
        events: 0,
        deaths_low: 0,
        deaths_best: 0,
        deaths_high: 0,
        geometry: geom,
        kind,
    }
}

fn date(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default()
}

/// A deterministic synthetic report: six regions in the Sahel, one
/// unallocated bucket, 24 months, a few dozen incidents.
pub(super) fn sample() -> ChartInput {
    let mut regions = vec![
        region(
            "Ségou",
            "ML-4",
            Some(square(-7.5, 12.5, -4.5, 15.0)),
            RegionKind::Region,
        ),
        region(
            "Ménaka",
            "ML-9",
            Some(square(1.5, 14.8, 4.5, 17.0)),
            RegionKind::Region,
        ),
        region(
            "Tombouctou",
            "ML-6",
            Some(square(-6.0, 15.0, -1.0, 20.0)),
            RegionKind::Region,
        ),
        region(
            "Tillabéri",
            "NE-6",
            Some(square(0.2, 12.5, 4.0, 14.8)),
            RegionKind::Region,
        ),
        region(
            "Sahel",
            "BF-SAH",
            Some(square(-1.8, 13.3, 0.2, 15.0)),
            RegionKind::Region,
        ),
        region(
            "Mopti",
            "ML-5",
            Some(square(-4.5, 13.3, -1.8, 15.0)),
            RegionKind::Region,
        ),
        region(
            "Gao",
            "ML-7",
            Some(square(-1.0, 15.0, 1.5, 18.5)),
            RegionKind::Region,
        ),
        region(
            "Est \"<script>\"",
            "BF-EST",
            Some(square(-1.8, 11.0, 2.2, 13.3)),
            RegionKind::Region,
        ),
        region(
            "Unallocated (country only)",
            "_unalloc",
            None,
            RegionKind::Unallocated,
        ),
    ];
    let mut cells = Vec::new();
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    for (ri, r) in regions.iter_mut().enumerate() {
        for m in 0..24u32 {
            let y = 2023 + (m / 12) as i32;
            let mo = m % 12 + 1;
            let events = next() % (4 + ri as u64);
            if events == 0 {
                continue;
            }
            let best = events * (next() % 12 + 1);
            let low = best * 7 / 10;
            let high = best + best / 2;
            r.events += events;
            r.deaths_best += best;
            r.deaths_low += low;
            r.deaths_high += high;
            cells.push(PeriodCell {
                period_label: format!("{y}-{mo:02}"),
                period_start: Some(date(y, mo)),
                region_code: r.code.clone(),
                events,
                deaths_low: low,
                deaths_best: best,
                deaths_high: high,
            });
        }
    }
    // Some undated deaths in Ménaka.
    cells.push(PeriodCell {
        period_label: "undated".into(),
        period_start: None,
        region_code: "ML-9".into(),
        events: 3,
        deaths_low: 10,
        deaths_best: 14,
        deaths_high: 20,
    });
    let mut incidents = Vec::new();
    for i in 0..60u64 {
        let lon = -7.0 + (next() % 1100) as f64 / 100.0;
        let lat = 11.5 + (next() % 800) as f64 / 100.0;
        let d = if i % 9 == 0 { None } else { Some(next() % 60) };
        incidents.push(IncidentDot {
            lon,
            lat,
            deaths_best: d,
        });
    }
    ChartInput {
        title: "Deaths in Mali, Burkina Faso and Niger".into(),
        level: "admin1".into(),
        granularity: "month".into(),
        regions,
        cells,
        incidents,
        notes: vec!["High estimates are floors for 3 incidents with open-ended tolls.".into()],
        attribution: "Sources: synthetic test data. Place names: GeoNames (CC BY 4.0); boundaries: Natural Earth (public domain)".into(),
        date_range: Some((date(2023, 1), NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default())),
    }
}

fn small(format: ChartFormat) -> ChartOptions {
    ChartOptions {
        width: 480,
        height: 300,
        format,
    }
}

fn decode(bytes: &[u8]) -> image::RgbImage {
    match image::load_from_memory_with_format(bytes, image::ImageFormat::Png) {
        Ok(img) => img.to_rgb8(),
        Err(e) => panic!("not a PNG: {e}"),
    }
}

fn distinct_colours(img: &image::RgbImage, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
    let mut set = std::collections::BTreeSet::new();
    for y in y0..y1.min(img.height()) {
        for x in x0..x1.min(img.width()) {
            set.insert(img.get_pixel(x, y).0);
        }
    }
    set.len()
}

#[test]
fn class_breaks_are_nice_ascending_and_cover_the_max() {
    assert!(class_breaks(&[]).is_empty());
    assert!(class_breaks(&[0, 0]).is_empty());
    assert_eq!(class_breaks(&[5]), vec![5]);
    let b = class_breaks(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 1000, 12345]);
    assert!(b.windows(2).all(|w| w[0] < w[1]), "{b:?}");
    assert!(b.len() <= MAX_CLASSES);
    assert!(*b.last().unwrap_or(&0) >= 12345);
    let huge = class_breaks(&[u64::MAX, u64::MAX - 1, 1]);
    assert_eq!(huge.last().copied(), Some(u64::MAX));
    assert_eq!(class_of(u64::MAX, &huge), Some(huge.len() - 1));
    assert_eq!(nice_ceil(11), 11);
    assert_eq!(nice_ceil(101), 110);
    assert_eq!(nice_ceil(466), 470);
    assert_eq!(nice_ceil(9_999), 10_000);
    assert_eq!(nice_ceil(u64::MAX), u64::MAX);
    assert_eq!(class_labels(&[4, 40]), vec!["1–4", "5–40"]);
    assert_eq!(class_labels(&[1, 2]), vec!["1", "2"]);
}

#[test]
fn png_has_the_size_is_not_blank_and_is_deterministic() {
    let input = sample();
    for kind in ChartKind::ALL {
        let a = render_bytes(kind, &input, &small(ChartFormat::Png)).unwrap_or_default();
        let b = render_bytes(kind, &input, &small(ChartFormat::Png)).unwrap_or_default();
        assert!(!a.is_empty(), "{kind:?} rendered nothing");
        assert_eq!(a, b, "{kind:?} differs between two renders");
        let img = decode(&a);
        assert_eq!((img.width(), img.height()), (480, 300));
        // The plot area (below the title, above the footer) has many colours.
        let n = distinct_colours(&img, 0, 60, 480, 270);
        assert!(n > 20, "{kind:?} looks blank: {n} colours");
    }
}

#[test]
fn full_size_render_writes_every_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths = render_all(&sample(), &ChartOptions::default(), dir.path()).unwrap_or_default();
    assert_eq!(paths.len(), 4);
    for p in &paths {
        let bytes = std::fs::read(p).unwrap_or_default();
        let img = decode(&bytes);
        assert_eq!((img.width(), img.height()), (1600, 1000), "{}", p.display());
    }
    let names: Vec<String> = paths
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert_eq!(
        names,
        [
            "deaths_over_time.png",
            "deaths_by_region.png",
            "map.png",
            "map_by_year.png"
        ]
    );
}

#[test]
fn svg_has_region_names_as_escaped_text() {
    let input = sample();
    let by_region = String::from_utf8(
        render_bytes(ChartKind::DeathsByRegion, &input, &small(ChartFormat::Svg))
            .unwrap_or_default(),
    )
    .unwrap_or_default();
    for name in ["Ségou", "Ménaka", "Tombouctou", "Tillabéri"] {
        assert!(by_region.contains(&format!("\n{name}\n")), "{name} missing");
    }
    // Leftovers are shown as their own bar, with their share.
    assert!(by_region.contains("\nUnallocated (country only)\n"));
    assert!(by_region.contains("% of deaths"));
    assert!(!by_region.contains("<script>"));
    assert!(by_region.contains("&lt;script&gt;"));
    let map = String::from_utf8(
        render_bytes(
            ChartKind::Map,
            &input,
            &ChartOptions {
                format: ChartFormat::Svg,
                ..ChartOptions::default()
            },
        )
        .unwrap_or_default(),
    )
    .unwrap_or_default();
    assert!(map.starts_with("<svg"));
    assert!(map.contains("\nSégou\n"));
    assert!(map.contains("Natural Earth"));
    assert!(map.contains("open-ended tolls"));
    assert!(map.contains("Not on the map: Unallocated (country only)"));
    let again = render_bytes(
        ChartKind::Map,
        &input,
        &ChartOptions {
            format: ChartFormat::Svg,
            ..ChartOptions::default()
        },
    )
    .unwrap_or_default();
    assert_eq!(
        map.as_bytes(),
        &again[..],
        "SVG differs between two renders"
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths = render_all(&input, &small(ChartFormat::Svg), dir.path()).unwrap_or_default();
    assert!(paths
        .iter()
        .all(|p| p.extension().is_some_and(|e| e == "svg")));
}

#[test]
fn labels_use_the_embedded_font_and_leave_ink() {
    assert_eq!(font_family().ok(), Some(FONT_FAMILY));
    assert!(
        FONT_REGULAR.starts_with(&[0, 1, 0, 0]),
        "not a TrueType file"
    );
    // The embedded face has the accented glyphs we need.
    let face = match ab_glyph_face() {
        Some(f) => f,
        None => panic!("embedded font does not parse"),
    };
    for ch in ['é', 'è', 'É', 'ï', '–', '…', '·'] {
        assert!(face(ch), "no glyph for {ch}");
    }
    // Draw the labels through the PNG backend and check they leave ink.
    let ink = render_text("Ségou Ménaka");
    let dark: usize = ink.iter().map(|row| row.len()).sum();
    assert!(dark > 150, "only {dark} dark pixels");
    // The accent: "é" has ink above the top of "e", in the same place.
    let top = |rows: &Vec<Vec<u32>>| rows.iter().position(|r| !r.is_empty());
    let (e, e_acute) = (render_text("e"), render_text("é"));
    match (top(&e), top(&e_acute)) {
        (Some(a), Some(b)) => assert!(b + 3 < a, "no accent above é: {b} vs {a}"),
        _ => panic!("nothing drawn"),
    }
}

/// Draws `text` at 24 px with the PNG backend; the dark pixels' x per row.
fn render_text(text: &str) -> Vec<Vec<u32>> {
    let (w, h) = (240u32, 60u32);
    let mut buf = vec![0u8; (w * h * 3) as usize];
    {
        let root = raster::Raster::with_buffer(&mut buf, (w, h)).into_drawing_area();
        assert!(root.fill(&WHITE).is_ok());
        let style = TextStyle::from((FONT_FAMILY, 24.0).into_font()).color(&BLACK);
        assert!(
            root.draw_text(text, &style, (4, 12)).is_ok(),
            "text did not draw"
        );
        assert!(root.present().is_ok());
    }
    (0..h)
        .map(|y| {
            (0..w)
                .filter(|x| buf[((y * w + x) * 3) as usize] < 128)
                .collect()
        })
        .collect()
}

/// Whether the embedded face maps a char to a real glyph.
fn ab_glyph_face() -> Option<impl Fn(char) -> bool> {
    use ab_glyph::Font;
    let f = ab_glyph::FontRef::try_from_slice(FONT_REGULAR).ok()?;
    Some(move |c: char| f.glyph_id(c).0 != 0)
}

#[test]
fn odd_input_does_not_panic() {
    let opts = small(ChartFormat::Png);
    // Empty.
    let empty = ChartInput::default();
    for kind in ChartKind::ALL {
        let img = decode(&render_bytes(kind, &empty, &opts).unwrap_or_default());
        assert_eq!(img.width(), 480);
    }
    // One region, zero deaths, no geometry, no periods.
    let mut one = ChartInput::default();
    one.regions
        .push(region("Ségou", "ML-4", None, RegionKind::Region));
    one.cells.push(PeriodCell {
        period_label: "2024-01".into(),
        period_start: Some(date(2024, 1)),
        region_code: "ML-4".into(),
        events: 1,
        deaths_low: 0,
        deaths_best: 0,
        deaths_high: 0,
    });
    one.incidents.push(IncidentDot {
        lon: f64::NAN,
        lat: 0.0,
        deaths_best: None,
    });
    for kind in ChartKind::ALL {
        assert!(render_bytes(kind, &one, &opts).is_ok(), "{kind:?}");
    }
    // Huge numbers, inverted low/high, a degenerate polygon, a point map.
    let mut huge = sample();
    for r in &mut huge.regions {
        r.deaths_best = u64::MAX / 3;
        r.deaths_high = 1;
        r.deaths_low = u64::MAX;
    }
    huge.regions[0].geometry = Some(square(1.0, 1.0, 1.0, 1.0));
    for c in &mut huge.cells {
        c.deaths_best = u64::MAX / 2;
        c.deaths_high = u64::MAX;
        c.events = u64::MAX;
    }
    huge.incidents.push(IncidentDot {
        lon: 2.0,
        lat: 14.0,
        deaths_best: Some(u64::MAX),
    });
    for kind in ChartKind::ALL {
        assert!(render_bytes(kind, &huge, &opts).is_ok(), "{kind:?}");
    }
    let mut points_only = ChartInput::default();
    points_only.incidents.push(IncidentDot {
        lon: 2.0,
        lat: 14.0,
        deaths_best: Some(3),
    });
    assert!(render_bytes(ChartKind::Map, &points_only, &opts).is_ok());
    // Bad sizes are an error, not a panic.
    let bad = ChartOptions {
        width: 0,
        height: 10,
        format: ChartFormat::Png,
    };
    assert!(render_bytes(ChartKind::Map, &empty, &bad).is_err());
}

/// Writes the sample charts for a person to look at:
/// `CHART_LOOK_DIR=/tmp/look cargo test look -- --ignored`.
#[test]
#[ignore]
fn look() {
    let dir = std::env::var_os("CHART_LOOK_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let _ = std::fs::create_dir_all(&dir);
    let input = sample();
    for format in [ChartFormat::Png, ChartFormat::Svg] {
        let opts = ChartOptions {
            format,
            ..ChartOptions::default()
        };
        let r = render_all(&input, &opts, &dir);
        assert!(r.is_ok(), "{r:?}");
    }
}

/// A bigger report: a 7 × 6 grid of regions, 150 weekly periods over three
/// years, an irregular polygon with a hole and an island, long names.
fn big() -> ChartInput {
    let mut input = sample();
    input.granularity = "week".into();
    input.level = "admin2".into();
    input.regions.clear();
    input.cells.clear();
    let mut seed: u64 = 7;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    for i in 0..42usize {
        let (cx, cy) = ((i % 7) as f64, (i / 7) as f64);
        let x0 = -8.0 + cx * 2.2;
        let y0 = 11.0 + cy * 1.6;
        let mut geom = square(x0, y0, x0 + 2.2, y0 + 1.6);
        if i == 10 {
            // A hole and an island.
            geom = MultiPolygon(vec![
                geo::Polygon::new(
                    geo::LineString::from(vec![
                        (x0, y0),
                        (x0 + 2.2, y0),
                        (x0 + 2.2, y0 + 1.6),
                        (x0, y0 + 1.6),
                        (x0, y0),
                    ]),
                    vec![geo::LineString::from(vec![
                        (x0 + 0.5, y0 + 0.5),
                        (x0 + 1.0, y0 + 0.5),
                        (x0 + 1.0, y0 + 1.0),
                        (x0 + 0.5, y0 + 1.0),
                        (x0 + 0.5, y0 + 0.5),
                    ])],
                ),
                geo::Polygon::new(
                    geo::LineString::from(vec![
                        (x0 + 0.6, y0 - 0.6),
                        (x0 + 0.9, y0 - 0.6),
                        (x0 + 0.9, y0 - 0.3),
                        (x0 + 0.6, y0 - 0.6),
                    ]),
                    vec![],
                ),
            ]);
        }
        let name = match i {
            0 => "Ségou".to_string(),
            1 => "Ménaka".to_string(),
            2 => "Tombouctou".to_string(),
            3 => "Tillabéri".to_string(),
            4 => "Région de la Boucle du Mouhoun (very long name)".to_string(),
            _ => format!("Cercle {i}"),
        };
        input.regions.push(region(
            &name,
            &format!("R{i:02}"),
            Some(geom),
            RegionKind::Region,
        ));
    }
    input
        .regions
        .push(region("Unallocated", "_u", None, RegionKind::Unallocated));
    input.regions.push(region(
        "Outside all regions",
        "_o",
        None,
        RegionKind::Unassigned,
    ));
    let start = NaiveDate::from_ymd_opt(2022, 1, 3).unwrap_or_default();
    for w in 0..150i64 {
        let d = start + chrono::Duration::weeks(w);
        let label = format!("{}-W{:02}", d.iso_week().year(), d.iso_week().week());
        for r in input.regions.iter_mut() {
            if next() % 3 != 0 {
                continue;
            }
            let events = next() % 4 + 1;
            let best = events * (next() % 9);
            r.events += events;
            r.deaths_best += best;
            r.deaths_low += best / 2;
            r.deaths_high += best * 2;
            input.cells.push(PeriodCell {
                period_label: label.clone(),
                period_start: Some(d),
                region_code: r.code.clone(),
                events,
                deaths_low: best / 2,
                deaths_best: best,
                deaths_high: best * 2,
            });
        }
    }
    input.date_range = None;
    for _ in 0..800 {
        let lon = -8.0 + (next() % 1540) as f64 / 100.0;
        let lat = 11.0 + (next() % 960) as f64 / 100.0;
        input.incidents.push(IncidentDot {
            lon,
            lat,
            deaths_best: Some(next() % 30),
        });
    }
    input
}

#[test]
fn big_report_renders() {
    let input = big();
    for kind in ChartKind::ALL {
        let img = decode(&render_bytes(kind, &input, &small(ChartFormat::Png)).unwrap_or_default());
        assert_eq!(img.width(), 480, "{kind:?}");
    }
}

/// Writes variants (big report, small canvas, one region) for a person to
/// look at: `CHART_LOOK_DIR=/tmp/look cargo test look_more -- --ignored`.
#[test]
#[ignore]
fn look_more() {
    let dir = std::env::var_os("CHART_LOOK_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let mut one = sample();
    one.regions.truncate(1);
    one.cells
        .retain(|c| c.region_code == "ML-4" && c.period_label.starts_with("2023-0"));
    one.incidents.truncate(3);
    one.date_range = None;
    let cases = [
        ("big", big(), ChartOptions::default()),
        (
            "small",
            sample(),
            ChartOptions {
                width: 800,
                height: 500,
                format: ChartFormat::Png,
            },
        ),
        ("one", one, ChartOptions::default()),
        ("tiny", sample(), small(ChartFormat::Png)),
    ];
    for (name, input, opts) in cases {
        let d = dir.join(name);
        let _ = std::fs::create_dir_all(&d);
        let r = render_all(&input, &opts, &d);
        assert!(r.is_ok(), "{r:?}");
    }
}

/// Renders the charts over real region outlines for a person to look at:
/// `CHART_REGIONS_GEOJSON=gazetteer/admin1.geojson CHART_LOOK_DIR=/tmp/look
/// cargo test look_real -- --ignored` (features with `name` and `code`).
#[test]
#[ignore]
fn look_real() {
    use geo::Contains;
    let path = std::env::var_os("CHART_REGIONS_GEOJSON")
        .expect("set CHART_REGIONS_GEOJSON to a regions GeoJSON (see the comment above)");
    let dir = std::env::var_os("CHART_LOOK_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join("real");
    let _ = std::fs::create_dir_all(&dir);
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let Ok(geojson::GeoJson::FeatureCollection(fc)) = text.parse::<geojson::GeoJson>() else {
        panic!("not a FeatureCollection")
    };
    let mut seed: u64 = 11;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    let mut input = sample();
    input.regions.clear();
    input.cells.clear();
    input.incidents.clear();
    input.date_range = None;
    for f in &fc.features {
        let prop = |k: &str| {
            f.property(k)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let Some(g) = f.geometry.as_ref() else {
            continue;
        };
        let geom: MultiPolygon<f64> = match geo::Geometry::<f64>::try_from(g.value.clone()) {
            Ok(geo::Geometry::Polygon(p)) => MultiPolygon(vec![p]),
            Ok(geo::Geometry::MultiPolygon(m)) => m,
            _ => continue,
        };
        input.regions.push(region(
            &prop("name"),
            &prop("code"),
            Some(geom),
            RegionKind::Region,
        ));
    }
    input
        .regions
        .push(region("Country only", "_c", None, RegionKind::Unallocated));
    let hot = [
        "Mopti",
        "Sahel",
        "Tillabéri",
        "Ménaka",
        "Gao",
        "Centre-Nord",
        "Est",
        "Nord",
        "Ségou",
        "Tombouctou",
    ];
    for y in 2016..=2024 {
        for m in 1..=12u32 {
            let d = date(y, m);
            for r in input.regions.iter_mut() {
                let w = if hot.contains(&r.name.as_str()) { 6 } else { 1 };
                if next() % 10 >= w {
                    continue;
                }
                let events = next() % (w * 2) + 1;
                let best = events * (next() % 12) * (y as u64 - 2014) / 3;
                r.events += events;
                r.deaths_best += best;
                r.deaths_low += best * 3 / 4;
                r.deaths_high += best * 3 / 2;
                input.cells.push(PeriodCell {
                    period_label: format!("{y}-{m:02}"),
                    period_start: Some(d),
                    region_code: r.code.clone(),
                    events,
                    deaths_low: best * 3 / 4,
                    deaths_best: best,
                    deaths_high: best * 3 / 2,
                });
            }
        }
    }
    let hot_geoms: Vec<MultiPolygon<f64>> = input
        .regions
        .iter()
        .filter(|r| hot.contains(&r.name.as_str()))
        .filter_map(|r| r.geometry.clone())
        .collect();
    while input.incidents.len() < 400 {
        let lon = -12.0 + (next() % 2800) as f64 / 100.0;
        let lat = 10.0 + (next() % 1400) as f64 / 100.0;
        let p = geo::Point::new(lon, lat);
        if hot_geoms.iter().any(|g| g.contains(&p)) {
            let d = next() % 100;
            input.incidents.push(IncidentDot {
                lon,
                lat,
                deaths_best: Some(d * d / 60),
            });
        }
    }
    for format in [ChartFormat::Png, ChartFormat::Svg] {
        let r = render_all(
            &input,
            &ChartOptions {
                format,
                ..ChartOptions::default()
            },
            &dir,
        );
        assert!(r.is_ok(), "{r:?}");
    }
}

/// `png`'s own encoder, row by row: what `encode_png` must write byte for byte.
fn encode_png_by_rows(rgb: &[u8], w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Default);
        let mut writer = enc.write_header().unwrap();
        writer.write_image_data(rgb).unwrap();
        writer.finish().unwrap();
    }
    out
}

#[test]
fn png_bytes_are_those_of_the_row_by_row_encoder() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for (w, h) in [(1, 1), (1, 7), (3, 2), (97, 31), (640, 400), (1600, 1000)] {
        let n = (w * h * 3) as usize;
        // noise, a smooth gradient with flat areas (as charts are), and flat
        let noise: Vec<u8> = (0..n).map(|_| next() as u8).collect();
        let chart: Vec<u8> = (0..n)
            .map(|i| {
                let (px, c) = (i / 3, i % 3);
                let (x, y) = (px % w as usize, px / w as usize);
                if (x / 40 + y / 25) % 3 == 0 {
                    255
                } else {
                    ((x * (c + 1) + y * 2) % 256) as u8
                }
            })
            .collect();
        for rgb in [noise, chart, vec![255u8; n]] {
            let ours = encode_png(&rgb, w, h).unwrap();
            assert_eq!(ours, encode_png_by_rows(&rgb, w, h), "{w}x{h}");
            let back = decode(&ours);
            assert_eq!(back.as_raw(), &rgb, "{w}x{h} decodes to its pixels");
        }
    }
    // a wrong buffer size is still png's error
    assert!(encode_png(&[0u8; 5], 2, 1).is_err());
}
