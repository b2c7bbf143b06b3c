//! Near-border snapping: the nearest polygon within a distance in km, for a
//! point that falls outside every polygon (a coast, a rounded coordinate, a
//! generalised border).
//!
//! Every edge of every polygon (outer rings and holes) goes once into an
//! R-tree of segments, tagged with its polygon's index. A query reads the
//! segments whose boxes meet a box safely wider than the radius, keeps for
//! each polygon its closest point in lon/lat, and measures the great-circle
//! distance (km) from the query to that point. The nearest polygon within the
//! radius wins; equal distances go to the smaller index.
//!
//! One implementation serves `report` (regions, `--tolerance-km`) and
//! `gazetteer import` (a place just outside its admin polygon).

use crate::spatial::{haversine_km, EARTH_RADIUS_KM};
use geo::MultiPolygon;
use rstar::{RTree, RTreeObject, AABB};

/// An edge in the tree: its ends, its polygon, and its box kept with it.
/// The bulk load compares boxes some n log n times and a segment type would
/// work its box out at every comparison; the box is the one a segment gives
/// (`AABB::from_corners` of its ends), so the tree is the same.
#[derive(Debug, Clone)]
struct Edge {
    bbox: AABB<[f64; 2]>,
    from: [f64; 2],
    to: [f64; 2],
    data: u32,
}

impl Edge {
    fn new(from: [f64; 2], to: [f64; 2], data: u32) -> Edge {
        Edge {
            bbox: AABB::from_corners(from, to),
            from,
            to,
            data,
        }
    }
}

impl RTreeObject for Edge {
    type Envelope = AABB<[f64; 2]>;

    #[inline]
    fn envelope(&self) -> Self::Envelope {
        self.bbox
    }
}

/// The edges of a set of polygons in an R-tree.
#[derive(Debug, Clone)]
pub struct EdgeIndex {
    tree: RTree<Edge>,
}

impl EdgeIndex {
    /// Indexes the edges of `polys`; a snapped point reports the position
    /// of its polygon in this slice.
    pub fn new(polys: &[&MultiPolygon<f64>]) -> Self {
        let mut edges = Vec::new();
        for (i, mp) in polys.iter().enumerate() {
            for poly in &mp.0 {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    for seg in ring.0.windows(2) {
                        let (a, b) = (seg[0], seg[1]);
                        if !(a.x.is_finite()
                            && a.y.is_finite()
                            && b.x.is_finite()
                            && b.y.is_finite())
                        {
                            continue;
                        }
                        edges.push(Edge::new([a.x, a.y], [b.x, b.y], i as u32));
                    }
                }
            }
        }
        EdgeIndex {
            tree: RTree::bulk_load(edges),
        }
    }

    /// Number of indexed edges.
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    /// True when no edge is indexed.
    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }

    /// The polygon nearest to `(lon, lat)` within `km` (great-circle
    /// distance to its closest point in lon/lat), smallest index on a tie;
    /// `None` when none is that close or `km <= 0`. Meant for points outside
    /// every polygon: a point inside one is at distance 0 of no edge.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::snap::EdgeIndex;
    /// use geo::{polygon, MultiPolygon};
    /// let sq = |x0: f64| MultiPolygon::new(vec![polygon![(x: x0, y: 0.0), (x: x0 + 1.0, y: 0.0), (x: x0 + 1.0, y: 1.0), (x: x0, y: 1.0)]]);
    /// let (a, b) = (sq(0.0), sq(2.0));
    /// let idx = EdgeIndex::new(&[&a, &b]);
    /// // 0.03° east of the first square (about 3.3 km), 0.97° from the second
    /// assert_eq!(idx.nearest_within(1.03, 0.5, 5.0), Some(0));
    /// assert_eq!(idx.nearest_within(1.97, 0.5, 5.0), Some(1));
    /// assert_eq!(idx.nearest_within(1.5, 0.5, 5.0), None);
    /// assert_eq!(idx.nearest_within(1.03, 0.5, 0.0), None);
    /// ```
    pub fn nearest_within(&self, lon: f64, lat: f64, km: f64) -> Option<usize> {
        if km.is_nan() || km <= 0.0 || !lon.is_finite() || !lat.is_finite() {
            return None;
        }
        // a search box safely wider than the radius (5 % margin over the
        // spherical degree length), then exact great-circle distances
        let deg = km / EARTH_RADIUS_KM.to_radians() * 1.05;
        let dlon = (deg / lat.to_radians().cos().abs().max(0.01)).min(360.0);
        let env = AABB::from_corners([lon - dlon, lat - deg], [lon + dlon, lat + deg]);
        // per polygon: its closest point in lon/lat (squared planar distance, point)
        let mut near: Vec<(u32, f64, [f64; 2])> = Vec::new();
        for e in self.tree.locate_in_envelope_intersecting(&env) {
            let (d2, q) = closest_on_segment(e.from, e.to, [lon, lat]);
            match near.iter_mut().find(|n| n.0 == e.data) {
                Some(n) => {
                    if d2 < n.1 {
                        n.1 = d2;
                        n.2 = q;
                    }
                }
                None => near.push((e.data, d2, q)),
            }
        }
        let mut best: Option<(f64, usize)> = None;
        for (i, _, q) in near {
            let i = i as usize;
            let d = haversine_km((lon, lat), (q[0], q[1]));
            if d <= km && best.is_none_or(|(bd, bi)| d < bd || (d == bd && i < bi)) {
                best = Some((d, i));
            }
        }
        best.map(|(_, i)| i)
    }
}

/// The point of segment `a`–`b` closest to `p` in the plane, with its squared distance.
fn closest_on_segment(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> (f64, [f64; 2]) {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let q = if len2 == 0.0 {
        a
    } else {
        let t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
        if t <= 0.0 {
            a
        } else if t >= 1.0 {
            b
        } else {
            [a[0] + t * dx, a[1] + t * dy]
        }
    };
    let (ex, ey) = (p[0] - q[0], p[1] - q[1]);
    (ex * ex + ey * ey, q)
}

/// A small deterministic generator (xorshift) for the geometry tests here
/// and in `region`, so failures replay.
#[cfg(test)]
pub(crate) struct Rng(pub(crate) u64);

#[cfg(test)]
impl Rng {
    /// The next number in [0, 1).
    pub(crate) fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The next number in [lo, hi).
    pub(crate) fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::{Level, RegionSet};
    use geo::{BoundingRect, ClosestPoint, Contains, Point};

    /// The snapping `report` did before the edge index: every polygon whose
    /// box meets the search box, geo's closest point on the whole polygon,
    /// great-circle distance to it. Kept as the oracle.
    fn reference(set: &RegionSet, lon: f64, lat: f64, km: f64) -> Option<usize> {
        if km <= 0.0 {
            return None;
        }
        let deg = km / EARTH_RADIUS_KM.to_radians() * 1.05;
        let dlon = (deg / lat.to_radians().cos().abs().max(0.01)).min(360.0);
        let pt = Point::new(lon, lat);
        let mut best: Option<(f64, usize)> = None;
        for (i, r) in set.regions().iter().enumerate() {
            let Some(b) = r.geometry.bounding_rect() else {
                continue;
            };
            if b.max().x < lon - dlon
                || b.min().x > lon + dlon
                || b.max().y < lat - deg
                || b.min().y > lat + deg
            {
                continue;
            }
            let q = match r.geometry.closest_point(&pt) {
                geo::Closest::Intersection(q) | geo::Closest::SinglePoint(q) => q,
                geo::Closest::Indeterminate => continue,
            };
            let d = haversine_km((lon, lat), (q.x(), q.y()));
            if d <= km && best.is_none_or(|(bd, bi)| d < bd || (d == bd && i < bi)) {
                best = Some((d, i));
            }
        }
        best.map(|(_, i)| i)
    }

    fn load(name: &str) -> RegionSet {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("gazetteer")
            .join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        RegionSet::from_geojson_str(Level::Admin2, &text, &path, None).unwrap()
    }

    use super::Rng;

    #[test]
    fn same_regions_as_the_polygon_by_polygon_search_near_borders() {
        for file in ["admin2.geojson", "admin1.geojson"] {
            let set = load(file);
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
            let verts: Vec<(f64, f64)> = set
                .regions()
                .iter()
                .flat_map(|r| geo::CoordsIter::coords_iter(&r.geometry).map(|c| (c.x, c.y)))
                .collect();
            let (mut outside, mut snapped, mut checked) = (0, 0, 0);
            for k in 0..6000 {
                // a vertex of some border, moved up to ~0.15° (about 16 km)
                let (x, y) = verts[(rng.next() * verts.len() as f64) as usize % verts.len()];
                let (lon, lat) = (x + (rng.next() - 0.5) * 0.3, y + (rng.next() - 0.5) * 0.3);
                let inside = set
                    .regions()
                    .iter()
                    .any(|r| r.geometry.contains(&Point::new(lon, lat)));
                let km = [0.0, 1.0, 5.0, 12.0][k % 4];
                let new = set.nearest_within(lon, lat, km);
                if !inside {
                    outside += 1;
                    snapped += usize::from(new.is_some());
                    assert_eq!(
                        new,
                        reference(&set, lon, lat, km),
                        "{file}: ({lon}, {lat}) within {km} km"
                    );
                    checked += 1;
                }
            }
            // the sample really exercises the snapping: many points outside, many snapped
            assert!(outside > 300, "{file}: only {outside} points outside");
            assert!(snapped > 100, "{file}: only {snapped} snapped");
            assert_eq!(checked, outside);
        }
    }

    #[test]
    fn holes_and_far_points() {
        use geo::polygon;
        // a square with a hole; a point in the hole snaps to the square
        let p = geo::Polygon::new(
            geo::LineString::from(vec![
                (0.0, 0.0),
                (1.0, 0.0),
                (1.0, 1.0),
                (0.0, 1.0),
                (0.0, 0.0),
            ]),
            vec![geo::LineString::from(vec![
                (0.4, 0.4),
                (0.6, 0.4),
                (0.6, 0.6),
                (0.4, 0.6),
                (0.4, 0.4),
            ])],
        );
        let far = MultiPolygon::new(vec![
            polygon![(x: 5.0, y: 5.0), (x: 6.0, y: 5.0), (x: 6.0, y: 6.0)],
        ]);
        let sq = MultiPolygon::new(vec![p]);
        let idx = EdgeIndex::new(&[&far, &sq]);
        assert_eq!(idx.len(), 4 + 4 + 3);
        assert_eq!(idx.nearest_within(0.5, 0.5, 20.0), Some(1));
        assert_eq!(idx.nearest_within(0.5, 0.5, 5.0), None);
        assert_eq!(idx.nearest_within(f64::NAN, 0.5, 5.0), None);
        // equal distances: the smaller index
        let a = MultiPolygon::new(vec![
            polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)],
        ]);
        let b = MultiPolygon::new(vec![
            polygon![(x: 1.02, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 1.0), (x: 1.02, y: 1.0)],
        ]);
        let idx = EdgeIndex::new(&[&b, &a]);
        assert_eq!(idx.nearest_within(1.01, 0.5, 5.0), Some(0));
        assert_eq!(idx.nearest_within(1.005, 0.5, 5.0), Some(1));
    }
}
