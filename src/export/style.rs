//! The export style: one home for what the PNG and SVG charts, the HTML page
//! and the QGIS style share, so that they colour, class, project and number
//! alike: the choropleth classes ([`class_breaks`], [`class_of`],
//! [`class_labels`]), their palette ([`class_palette`], [`NO_DEATHS_COLOR`]),
//! the map projection and number formatting ([`fmt_int`]).

// ---------------------------------------------------------------------------
// Palette

/// Fill for regions with no deaths on the maps (light grey), as RGB.
pub const NO_DEATHS_COLOR: [u8; 3] = [242, 242, 242];

/// The map fill for each of `n` classes, lightest first, as RGB: ColorBrewer
/// YlOrRd (sequential, colour-blind safe) with 1 to 7 classes; more than 7
/// reuse the 7-class scheme's darkest colour. Pair with [`class_breaks`] so
/// other outputs (QGIS style, HTML page) colour regions as the PNG does.
///
/// # Examples
/// ```
/// use casualty_atlas::export::style::{class_breaks, class_palette};
/// let breaks = class_breaks(&[3, 30, 300]);
/// let colours = class_palette(breaks.len());
/// assert_eq!(colours.len(), breaks.len());
/// assert_eq!(colours[0], [255, 237, 160]);
/// ```
pub fn class_palette(n: usize) -> Vec<[u8; 3]> {
    const C3: [[u8; 3]; 3] = [[255, 237, 160], [254, 178, 76], [240, 59, 32]];
    const C4: [[u8; 3]; 4] = [
        [255, 255, 178],
        [254, 204, 92],
        [253, 141, 60],
        [227, 26, 28],
    ];
    const C5: [[u8; 3]; 5] = [
        [255, 255, 178],
        [254, 204, 92],
        [253, 141, 60],
        [240, 59, 32],
        [189, 0, 38],
    ];
    const C6: [[u8; 3]; 6] = [
        [255, 255, 178],
        [254, 217, 118],
        [254, 178, 76],
        [253, 141, 60],
        [240, 59, 32],
        [189, 0, 38],
    ];
    const C7: [[u8; 3]; 7] = [
        [255, 255, 178],
        [254, 217, 118],
        [254, 178, 76],
        [253, 141, 60],
        [252, 78, 42],
        [227, 26, 28],
        [177, 0, 38],
    ];
    match n {
        0 => Vec::new(),
        1 => vec![C3[2]],
        2 => vec![C3[0], C3[2]],
        3 => C3.to_vec(),
        4 => C4.to_vec(),
        5 => C5.to_vec(),
        6 => C6.to_vec(),
        _ => (0..n).map(|i| C7[i.min(6)]).collect(),
    }
}

// ---------------------------------------------------------------------------
// Class breaks

/// The most classes [`class_breaks`] makes.
pub const MAX_CLASSES: usize = 5;

/// Deterministic class breaks for a choropleth of death counts.
///
/// Returns ascending, distinct *upper bounds* `b[0] < b[1] < … < b[k-1]`
/// (at most [`MAX_CLASSES`]) over the positive values. Class `i` holds the
/// values `b[i-1] + 1 ..= b[i]` (class 0 starts at 1); zero is its own
/// "no deaths" class, outside these. The last bound is at least the largest
/// value, so every value falls in a class ([`class_of`]). Bounds are
/// nearest-rank quantiles (i/k, i = 1..=k) of the positive values, rounded
/// up to two significant digits (exact below 100); bounds that rounding
/// makes equal are merged. Empty or all-zero input gives no breaks.
///
/// # Examples
/// ```
/// use casualty_atlas::export::style::{class_breaks, class_of};
/// let b = class_breaks(&[0, 3, 12, 40, 41, 180, 950, 1234]);
/// assert_eq!(b, vec![12, 40, 180, 950, 1300]);
/// assert_eq!(class_of(0, &b), None);
/// assert_eq!(class_of(12, &b), Some(0));
/// assert_eq!(class_of(41, &b), Some(2));
/// assert_eq!(class_of(1234, &b), Some(4));
/// assert!(class_breaks(&[]).is_empty());
/// assert_eq!(class_breaks(&[7, 7, 7]), vec![7]);
/// ```
pub fn class_breaks(values: &[u64]) -> Vec<u64> {
    let mut v: Vec<u64> = values.iter().copied().filter(|&x| x > 0).collect();
    if v.is_empty() {
        return Vec::new();
    }
    v.sort_unstable();
    let mut distinct = v.clone();
    distinct.dedup();
    let k = distinct.len().min(MAX_CLASSES);
    let n = v.len();
    let mut out: Vec<u64> = Vec::with_capacity(k);
    for i in 1..=k {
        // Nearest-rank quantile i/k of the sorted positive values.
        let rank = (i * n).div_ceil(k).clamp(1, n);
        let q = v[rank - 1];
        let b = nice_ceil(q);
        if out.last().is_none_or(|&last| b > last) {
            out.push(b);
        }
    }
    out
}

/// The class of `value` under `breaks` from [`class_breaks`]: `None` for
/// zero (the "no deaths" class), else the first class whose upper bound is
/// at least `value` (values above the last bound fall in the last class).
///
/// # Examples
/// ```
/// use casualty_atlas::export::style::class_of;
/// assert_eq!(class_of(0, &[4, 40]), None);
/// assert_eq!(class_of(5, &[4, 40]), Some(1));
/// assert_eq!(class_of(99, &[4, 40]), Some(1));
/// ```
pub fn class_of(value: u64, breaks: &[u64]) -> Option<usize> {
    if value == 0 || breaks.is_empty() {
        return None;
    }
    Some(
        breaks
            .iter()
            .position(|&b| value <= b)
            .unwrap_or(breaks.len() - 1),
    )
}

/// Human labels for the classes of `breaks`, as the map legend shows them.
///
/// # Examples
/// ```
/// use casualty_atlas::export::style::class_labels;
/// assert_eq!(class_labels(&[4, 40, 1300]), ["1–4", "5–40", "41–1,300"]);
/// ```
pub fn class_labels(breaks: &[u64]) -> Vec<String> {
    let mut lo = 1u64;
    breaks
        .iter()
        .map(|&b| {
            let s = if lo >= b {
                fmt_int(b)
            } else {
                format!("{}–{}", fmt_int(lo), fmt_int(b))
            };
            lo = b.saturating_add(1);
            s
        })
        .collect()
}

/// Smallest number ≥ `x` with at most two significant digits (exact below
/// 100: 12 → 12, 101 → 110, 466 → 470, 9 999 → 10 000). Saturates at `x`.
pub(crate) fn nice_ceil(x: u64) -> u64 {
    if x <= 100 {
        return x;
    }
    let digits = x.ilog10() + 1;
    let unit = 10u64.pow(digits - 2);
    x.div_ceil(unit).checked_mul(unit).unwrap_or(x)
}

/// `1234567` → `"1,234,567"` (the charts, the map legend, the QGIS style and the page).
///
/// ```
/// assert_eq!(casualty_atlas::export::style::fmt_int(1234567), "1,234,567");
/// ```
pub fn fmt_int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

// ---------------------------------------------------------------------------
// Projection

/// Lon/lat box → pixel rectangle, aspect kept: equirectangular, x = lon ·
/// cos(mean latitude), y = lat (the PNG/SVG map and the page's map).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Projection {
    min_x: f64,
    max_y: f64,
    k: f64,
    scale: f64,
    off: (f64, f64),
    /// The box's projected width and height (degrees of longitude scaled by `k`).
    extent: (f64, f64),
}

/// A lon/lat bounding box.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BBox {
    pub(crate) min_lon: f64,
    pub(crate) min_lat: f64,
    pub(crate) max_lon: f64,
    pub(crate) max_lat: f64,
}

impl BBox {
    pub(crate) fn of_points(points: impl Iterator<Item = (f64, f64)>) -> Option<Self> {
        let mut b: Option<BBox> = None;
        for (lon, lat) in points {
            if !lon.is_finite() || !lat.is_finite() || lat.abs() > 90.0 || lon.abs() > 360.0 {
                continue;
            }
            b = Some(match b {
                None => BBox {
                    min_lon: lon,
                    min_lat: lat,
                    max_lon: lon,
                    max_lat: lat,
                },
                Some(b) => BBox {
                    min_lon: b.min_lon.min(lon),
                    min_lat: b.min_lat.min(lat),
                    max_lon: b.max_lon.max(lon),
                    max_lat: b.max_lat.max(lat),
                },
            });
        }
        b
    }

    /// Grown by `frac` of its size, and to at least 0.5° on each side.
    pub(crate) fn padded(self, frac: f64) -> Self {
        let w = (self.max_lon - self.min_lon).max(0.5);
        let h = (self.max_lat - self.min_lat).max(0.5);
        let cx = (self.max_lon + self.min_lon) / 2.0;
        let cy = (self.max_lat + self.min_lat) / 2.0;
        let (hw, hh) = (w * (0.5 + frac), h * (0.5 + frac));
        BBox {
            min_lon: cx - hw,
            max_lon: cx + hw,
            min_lat: (cy - hh).max(-90.0),
            max_lat: (cy + hh).min(90.0),
        }
    }

    pub(crate) fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.min_lon..=self.max_lon).contains(&lon) && (self.min_lat..=self.max_lat).contains(&lat)
    }

    pub(crate) fn k(&self) -> f64 {
        let mean = (self.min_lat + self.max_lat) / 2.0;
        mean.to_radians().cos().max(0.1)
    }

    /// Width / height in projected units.
    pub(crate) fn aspect(&self) -> f64 {
        let w = (self.max_lon - self.min_lon) * self.k();
        let h = (self.max_lat - self.min_lat).max(1e-9);
        (w / h).clamp(0.05, 20.0)
    }
}

impl Projection {
    /// The largest scale at which `b` fits a `w` × `h` panel, centred in it.
    pub(crate) fn fit(b: BBox, (w, h): (impl Into<f64>, impl Into<f64>)) -> Self {
        let (w, h) = (w.into(), h.into());
        let mut p = Self::fit_corner(b, (w, h));
        let (pw, ph) = p.size();
        p.off = ((w - pw) / 2.0, (h - ph) / 2.0);
        p
    }

    /// The largest scale at which `b` fits a `w` × `h` panel, from its top
    /// left corner (the page's map is as large as [`Projection::size`]).
    pub(crate) fn fit_corner(b: BBox, (w, h): (f64, f64)) -> Self {
        let k = b.k();
        let pw = ((b.max_lon - b.min_lon) * k).max(1e-9);
        let ph = (b.max_lat - b.min_lat).max(1e-9);
        let scale = (w / pw).min(h / ph);
        Self {
            min_x: b.min_lon * k,
            max_y: b.max_lat,
            k,
            scale,
            off: (0.0, 0.0),
            extent: (pw, ph),
        }
    }

    /// The projected box's width and height in output units.
    pub(crate) fn size(&self) -> (f64, f64) {
        (self.extent.0 * self.scale, self.extent.1 * self.scale)
    }

    /// Lon/lat → output units (x right, y down).
    pub(crate) fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            (lon * self.k - self.min_x) * self.scale + self.off.0,
            (self.max_y - lat) * self.scale + self.off.1,
        )
    }

    /// Lon/lat → whole pixels.
    pub(crate) fn px(&self, lon: f64, lat: f64) -> (i32, i32) {
        let (x, y) = self.xy(lon, lat);
        (
            x.round().clamp(-1e6, 1e6) as i32,
            y.round().clamp(-1e6, 1e6) as i32,
        )
    }
}
