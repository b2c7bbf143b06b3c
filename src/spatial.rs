//! The R-tree index of incidents and the distance functions used on lon/lat.
//!
//! Incidents are indexed by their point with `rstar` (bulk-loaded once);
//! ids are attached with `GeomWithData`. Distances on lon/lat are great-circle
//! (haversine) kilometres: Euclidean degrees are not distances.

use rstar::primitives::GeomWithData;
use rstar::{RTree, AABB};

/// Mean Earth radius used for great-circle distances, km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km between two `(lon, lat)` points.
///
/// # Examples
/// ```
/// use casualty_atlas::spatial::haversine_km;
/// // Bamako to Ségou, about 200 km
/// let d = haversine_km((-8.0, 12.65), (-6.26, 13.43));
/// assert!((d - 206.0).abs() < 10.0);
/// ```
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lon1, lat1) = (a.0.to_radians(), a.1.to_radians());
    let (lon2, lat2) = (b.0.to_radians(), b.1.to_radians());
    let dlat = lat2 - lat1;
    let dlon = lon2 - lon1;
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// One entry of the index: a `[lon, lat]` point carrying the incident's
/// position in the slice the index was built from.
pub type IndexedPoint = GeomWithData<[f64; 2], usize>;

/// An R-tree over located incidents.
#[derive(Debug, Clone)]
pub struct IncidentIndex {
    tree: RTree<IndexedPoint>,
}

impl IncidentIndex {
    /// Bulk-loads the points `(position, lon, lat)`.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::spatial::IncidentIndex;
    /// let idx = IncidentIndex::build([(0, -4.0, 14.0), (1, 2.0, 13.5)]);
    /// let hits: Vec<usize> = idx.in_box(-5.0, 13.0, -3.0, 15.0).collect();
    /// assert_eq!(hits, vec![0]);
    /// ```
    pub fn build(points: impl IntoIterator<Item = (usize, f64, f64)>) -> Self {
        let v: Vec<IndexedPoint> = points
            .into_iter()
            .map(|(i, lon, lat)| GeomWithData::new([lon, lat], i))
            .collect();
        IncidentIndex {
            tree: RTree::bulk_load(v),
        }
    }

    /// Number of indexed points.
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }

    /// Positions of the points inside the box (edges included).
    pub fn in_box(
        &self,
        west: f64,
        south: f64,
        east: f64,
        north: f64,
    ) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .locate_in_envelope(&AABB::from_corners([west, south], [east, north]))
            .map(|p| p.data)
    }

    /// Positions of the points within `km` great-circle kilometres of
    /// `(lon, lat)`, with their distances, nearest first.
    ///
    /// A box wide enough for the radius at that latitude is searched in the
    /// tree, then every candidate is checked with the haversine distance.
    pub fn within_km(&self, lon: f64, lat: f64, km: f64) -> Vec<(usize, f64)> {
        let dlat = (km / EARTH_RADIUS_KM).to_degrees();
        let coslat = lat.to_radians().cos().abs().max(1e-6);
        let dlon = (dlat / coslat).min(360.0);
        let mut out: Vec<(usize, f64)> = self
            .tree
            .locate_in_envelope(&AABB::from_corners(
                [lon - dlon, (lat - dlat).max(-90.0)],
                [lon + dlon, (lat + dlat).min(90.0)],
            ))
            .filter_map(|p| {
                let d = haversine_km((lon, lat), (p.geom()[0], p.geom()[1]));
                (d <= km).then_some((p.data, d))
            })
            .collect();
        out.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The `k` nearest points to `(lon, lat)` by great-circle distance.
    ///
    /// The tree's nearest-neighbour order is planar, so more than `k` are
    /// taken from it and re-ranked by haversine distance.
    pub fn nearest_k(&self, lon: f64, lat: f64, k: usize) -> Vec<(usize, f64)> {
        let mut out: Vec<(usize, f64)> = self
            .tree
            .nearest_neighbor_iter(&[lon, lat])
            .take(k.saturating_mul(4).max(16))
            .map(|p| (p.data, haversine_km((lon, lat), (p.geom()[0], p.geom()[1]))))
            .collect();
        out.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        out.truncate(k);
        out
    }
}
