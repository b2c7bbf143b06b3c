//! A raster accelerator for point-in-polygon over a fixed set of polygons.
//!
//! The bounding box of the polygons is cut into square cells. Every cell that
//! any polygon edge passes through is a *boundary* cell; every other cell lies
//! entirely inside one region (or several overlapping ones) or entirely
//! outside all of them, and is labelled once at build time. A point query is
//! then one array read for most points; only points in boundary cells need the
//! exact test, which the caller does.
//!
//! Correctness does not depend on the cell size: boundary cells are a superset
//! of the cells edges touch (each edge is cut into pieces no longer than a
//! cell and every cell that a piece's slightly enlarged bounding box overlaps
//! is marked), and a run of non-boundary cells along a row is crossed by no
//! edge, so one exact test of its first cell's centre labels the whole run.

use geo::{CoordsIter, MultiPolygon};

/// What a cell says about the points in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellHint {
    /// Outside every polygon (no edge in the cell, centre outside).
    Outside,
    /// Inside this region (index), with no edge in the cell.
    Inside(usize),
    /// An edge passes through the cell: test exactly.
    Boundary,
    /// The point is outside the raster's extent.
    Beyond,
}

const OUTSIDE: u32 = 0;
const BOUNDARY: u32 = u32::MAX;

/// The cell labels in the narrowest integer that holds them: a point query
/// is one memory read, mostly a cache miss, so a raster of bytes (up to 253
/// regions) misses far less often than one of `u32`.
#[derive(Debug, Clone)]
enum Cells {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Cells {
    fn narrow(cells: Vec<u32>) -> Cells {
        let max = cells.iter().filter(|&&c| c != BOUNDARY).max().copied();
        let max = max.unwrap_or(0);
        if max < u8::MAX as u32 {
            Cells::U8(
                cells
                    .iter()
                    .map(|&c| if c == BOUNDARY { u8::MAX } else { c as u8 })
                    .collect(),
            )
        } else if max < u16::MAX as u32 {
            Cells::U16(
                cells
                    .iter()
                    .map(|&c| if c == BOUNDARY { u16::MAX } else { c as u16 })
                    .collect(),
            )
        } else {
            Cells::U32(cells)
        }
    }

    /// The label of cell `i`, widened back (`BOUNDARY` stays `BOUNDARY`).
    #[inline]
    fn get(&self, i: usize) -> u32 {
        match self {
            Cells::U8(v) => match v[i] {
                u8::MAX => BOUNDARY,
                c => c as u32,
            },
            Cells::U16(v) => match v[i] {
                u16::MAX => BOUNDARY,
                c => c as u32,
            },
            Cells::U32(v) => v[i],
        }
    }
}

/// The raster.
#[derive(Debug, Clone)]
pub struct Raster {
    x0: f64,
    y0: f64,
    cell: f64,
    nx: usize,
    ny: usize,
    cells: Cells,
    /// Share of cells that are boundary cells (for reports).
    pub boundary_share: f64,
}

impl Raster {
    /// Builds a raster over `polys` with at most about `max_cells` cells.
    /// `interior` answers "which region's interior holds this point, and
    /// does more than one" exactly (used once per run of non-boundary cells);
    /// runs inside several overlapping regions are left for the exact test.
    pub fn build(
        polys: &[&MultiPolygon<f64>],
        max_cells: usize,
        interior: &dyn Fn(f64, f64) -> (Option<usize>, bool),
    ) -> Option<Raster> {
        let mut bbox: Option<(f64, f64, f64, f64)> = None;
        for mp in polys {
            for c in mp.coords_iter() {
                if !c.x.is_finite() || !c.y.is_finite() {
                    return None;
                }
                bbox = Some(match bbox {
                    None => (c.x, c.y, c.x, c.y),
                    Some((a, b, cc, d)) => (a.min(c.x), b.min(c.y), cc.max(c.x), d.max(c.y)),
                });
            }
        }
        let (minx, miny, maxx, maxy) = bbox?;
        let (w, h) = ((maxx - minx).max(1e-9), (maxy - miny).max(1e-9));
        let cell = ((w * h) / max_cells.max(1) as f64).sqrt().max(1e-6);
        let nx = ((w / cell).ceil() as usize).clamp(1, 1 << 14);
        let ny = ((h / cell).ceil() as usize).clamp(1, 1 << 14);
        let cell = (w / nx as f64).max(h / ny as f64);
        let (x0, y0) = (minx, miny);
        let mut cells = vec![OUTSIDE; nx * ny];
        let eps = cell * 1e-6;
        let ix = |x: f64| (((x - x0) / cell).floor().max(0.0) as usize).min(nx - 1);
        let iy = |y: f64| (((y - y0) / cell).floor().max(0.0) as usize).min(ny - 1);
        for mp in polys {
            for poly in &mp.0 {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    for seg in ring.0.windows(2) {
                        let (a, b) = (seg[0], seg[1]);
                        let len = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
                        let pieces = ((len / cell).ceil() as usize).max(1);
                        for k in 0..pieces {
                            let t0 = k as f64 / pieces as f64;
                            let t1 = (k + 1) as f64 / pieces as f64;
                            let (px, py) = (a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0);
                            let (qx, qy) = (a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1);
                            let (c0, c1) = (ix(px.min(qx) - eps), ix(px.max(qx) + eps));
                            let (r0, r1) = (iy(py.min(qy) - eps), iy(py.max(qy) + eps));
                            for r in r0..=r1 {
                                for c in c0..=c1 {
                                    cells[r * nx + c] = BOUNDARY;
                                }
                            }
                        }
                    }
                }
            }
        }
        let mut boundary = 0usize;
        for r in 0..ny {
            let mut run_label: Option<u32> = None;
            for c in 0..nx {
                let i = r * nx + c;
                if cells[i] == BOUNDARY {
                    boundary += 1;
                    run_label = None;
                    continue;
                }
                let label = match run_label {
                    Some(l) => {
                        if l == BOUNDARY {
                            boundary += 1;
                        }
                        l
                    }
                    None => {
                        let cx = x0 + (c as f64 + 0.5) * cell;
                        let cy = y0 + (r as f64 + 0.5) * cell;
                        let l = match interior(cx, cy) {
                            (_, true) => BOUNDARY,
                            (Some(k), false) => k as u32 + 1,
                            (None, false) => OUTSIDE,
                        };
                        run_label = Some(l);
                        if l == BOUNDARY {
                            boundary += 1;
                        }
                        l
                    }
                };
                cells[i] = label;
            }
        }
        Some(Raster {
            x0,
            y0,
            cell,
            nx,
            ny,
            boundary_share: boundary as f64 / (nx * ny) as f64,
            cells: Cells::narrow(cells),
        })
    }

    /// What the cell holding `(lon, lat)` says.
    #[inline]
    pub fn hint(&self, lon: f64, lat: f64) -> CellHint {
        let fx = (lon - self.x0) / self.cell;
        let fy = (lat - self.y0) / self.cell;
        // points on the raster's own edge are "beyond": the caller tests them exactly
        if !(fx > 0.0 && fy > 0.0) || fx >= self.nx as f64 || fy >= self.ny as f64 {
            return CellHint::Beyond;
        }
        match self.cells.get(fy as usize * self.nx + fx as usize) {
            OUTSIDE => CellHint::Outside,
            BOUNDARY => CellHint::Boundary,
            k => CellHint::Inside(k as usize - 1),
        }
    }

    /// Cells across and down.
    pub fn dims(&self) -> (usize, usize) {
        (self.nx, self.ny)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_cells_keep_every_label() {
        for max in [0u32, 1, 200, 254, 255, 256, 65_534, 65_535, 70_000] {
            let raw = vec![OUTSIDE, BOUNDARY, max, 1.min(max), BOUNDARY];
            let c = Cells::narrow(raw.clone());
            let back: Vec<u32> = (0..raw.len()).map(|i| c.get(i)).collect();
            assert_eq!(back, raw, "max label {max}");
            let width = match c {
                Cells::U8(_) => 8,
                Cells::U16(_) => 16,
                Cells::U32(_) => 32,
            };
            assert_eq!(
                width,
                if max < 255 {
                    8
                } else if max < 65_535 {
                    16
                } else {
                    32
                },
                "{max}"
            );
        }
    }
}
