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

use geo::kernels::{Kernel, Orientation, RobustKernel};
use geo::{BoundingRect, Coord, CoordsIter, MultiPolygon};

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
    /// The edges through each boundary cell, for a short exact test.
    lists: CellLists,
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
        let (minx, miny, maxx, maxy) = bbox_of(polys)?;
        let (w, h) = ((maxx - minx).max(1e-9), (maxy - miny).max(1e-9));
        let cell = ((w * h) / max_cells.max(1) as f64).sqrt().max(1e-6);
        let nx = ((w / cell).ceil() as usize).clamp(1, 1 << 14);
        let ny = ((h / cell).ceil() as usize).clamp(1, 1 << 14);
        let cell = (w / nx as f64).max(h / ny as f64);
        let mut raster = Raster {
            x0: minx,
            y0: miny,
            cell,
            nx,
            ny,
            boundary_share: 0.0,
            cells: Cells::U8(Vec::new()),
            lists: CellLists::default(),
        };
        let mut cells = vec![OUTSIDE; nx * ny];
        let marked = raster.mark_edges(polys, &mut cells);
        let boundary = raster.label_runs(&mut cells, interior);
        raster.boundary_share = boundary as f64 / (nx * ny) as f64;
        raster.lists = raster.cell_lists(&cells, polys, marked);
        raster.cells = Cells::narrow(cells);
        Some(raster)
    }

    /// Marks `BOUNDARY` every cell an edge of `polys` passes through (each
    /// edge cut into pieces no longer than a cell, each piece's bounding box
    /// enlarged by a millionth of a cell), and returns the edges with the
    /// cells each was marked in.
    fn mark_edges(&self, polys: &[&MultiPolygon<f64>], cells: &mut [u32]) -> MarkedEdges {
        let (x0, y0, cell, nx, ny) = (self.x0, self.y0, self.cell, self.nx, self.ny);
        let eps = cell * 1e-6;
        let mut marked = MarkedEdges {
            segs: Vec::new(),
            seg_region: Vec::new(),
            hits: Vec::new(),
        };
        let ix = |x: f64| (((x - x0) / cell).floor().max(0.0) as usize).min(nx - 1);
        let iy = |y: f64| (((y - y0) / cell).floor().max(0.0) as usize).min(ny - 1);
        for (region, mp) in polys.iter().enumerate() {
            for poly in &mp.0 {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    for seg in ring.0.windows(2) {
                        let (a, b) = (seg[0], seg[1]);
                        let id = marked.segs.len() as u32;
                        marked.segs.push((a, b));
                        marked.seg_region.push(region as u32);
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
                                    marked.hits.push(((r * nx + c) as u32, id));
                                }
                            }
                        }
                    }
                }
            }
        }
        marked
    }

    /// Labels every cell left unmarked by `mark_edges`: one exact test of
    /// the centre of the first cell of each run along a row labels the run
    /// (a run inside several overlapping regions becomes `BOUNDARY`).
    /// Returns the number of `BOUNDARY` cells.
    fn label_runs(
        &self,
        cells: &mut [u32],
        interior: &dyn Fn(f64, f64) -> (Option<usize>, bool),
    ) -> usize {
        let (nx, ny) = (self.nx, self.ny);
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
                    Some(l) => l,
                    None => {
                        let centre = self.centre(c, r);
                        let l = match interior(centre.x, centre.y) {
                            (_, true) => BOUNDARY,
                            (Some(k), false) => k as u32 + 1,
                            (None, false) => OUTSIDE,
                        };
                        run_label = Some(l);
                        l
                    }
                };
                if label == BOUNDARY {
                    boundary += 1;
                }
                cells[i] = label;
            }
        }
        boundary
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

    /// Loads the memory [`Raster::hint`] and [`Raster::interior_in_cell`]
    /// read for `(lon, lat)`: its cell's label and, for a boundary cell,
    /// the start of its lists (span, first region, its first edge and that
    /// edge's ends), so that a query made a little later finds them in
    /// cache. Those reads are mostly cache misses; the points of several
    /// records touched together take their misses together. Reads only;
    /// returns a value to keep the loads.
    #[inline]
    pub fn touch(&self, lon: f64, lat: f64) -> u64 {
        let fx = (lon - self.x0) / self.cell;
        let fy = (lat - self.y0) / self.cell;
        if !(fx > 0.0 && fy > 0.0) || fx >= self.nx as f64 || fy >= self.ny as f64 {
            return 0;
        }
        let i = fy as usize * self.nx + fx as usize;
        let label = u64::from(self.cells.get(i));
        let l = &self.lists;
        let Some(&(mask, base)) = l.blocks.get(i / 64) else {
            return label;
        };
        let bit = 1u64 << (i % 64);
        if mask & bit == 0 {
            return label;
        }
        let at = base as usize + (mask & (bit - 1)).count_ones() as usize;
        let Some(&(s, _)) = l.spans.get(at) else {
            return label;
        };
        let Some(reg) = l.regions.get(s as usize) else {
            return label;
        };
        let Some(ed) = l.edges.get(reg.first as usize) else {
            return label;
        };
        let seg = l.segs.get((ed.0 & !CENTRE_RIGHT) as usize);
        label ^ seg.map_or(0, |(a, _)| a.x.to_bits())
    }

    /// Cells across and down.
    pub fn dims(&self) -> (usize, usize) {
        (self.nx, self.ny)
    }
}

/// Per boundary cell that has one: every region with an edge through the
/// cell or whose polygons wind around the cell's centre, with that winding
/// number and those edges. A point in the cell then winds around a region as
/// often as the centre does, plus one for each of the region's edges the
/// segment from the centre to the point crosses leftwards, minus one for each
/// it crosses rightwards: a few exact orientation tests instead of a search
/// of all the region's edges. Any touching (the point or a vertex on a line
/// tested against) leaves the point to the full test.
#[derive(Debug, Clone, Default)]
struct CellLists {
    /// Per 64 cells: which of them have a list, and how many lists come
    /// before the block.
    blocks: Vec<(u64, u32)>,
    /// Per listed cell (in cell order), its entries in `regions`.
    spans: Vec<(u32, u32)>,
    regions: Vec<ListedRegion>,
    edges: Vec<ListedEdge>,
    /// Every edge, `(a, b)`, ring after ring.
    segs: Vec<(Coord<f64>, Coord<f64>)>,
    /// Per region, the envelope of its polygons (min x, min y, max x, max y).
    envelopes: Vec<Option<[f64; 4]>>,
}

#[derive(Debug, Clone, Copy)]
struct ListedRegion {
    region: u32,
    /// Winding number of the region's rings around the cell's centre.
    wind: i32,
    /// Its edges through the cell, in `edges`.
    first: u32,
    end: u32,
}

/// An edge through a cell: its index in `CellLists::segs`, the top bit set
/// when the cell's centre is to the right of it.
#[derive(Debug, Clone, Copy)]
struct ListedEdge(u32);

const CENTRE_RIGHT: u32 = 1 << 31;

impl Raster {
    /// The centre of cell (column `c`, row `r`): the same expression the
    /// labelling uses, so the same bits.
    #[inline]
    fn centre(&self, c: usize, r: usize) -> Coord<f64> {
        Coord {
            x: self.x0 + (c as f64 + 0.5) * self.cell,
            y: self.y0 + (r as f64 + 0.5) * self.cell,
        }
    }

    /// Builds the lists of the boundary cells from the edges (`segs`, with
    /// their regions) and the cells each was marked in (`hits`: cell, edge).
    fn cell_lists(
        &self,
        cells: &[u32],
        polys: &[&MultiPolygon<f64>],
        marked: MarkedEdges,
    ) -> CellLists {
        let (nx, ny) = (self.nx, self.ny);
        let MarkedEdges {
            segs,
            seg_region,
            hits,
        } = marked;
        if segs.len() >= CENTRE_RIGHT as usize {
            return CellLists::default();
        }
        // the hits by row (a counting sort), each row's by cell, descending
        let hits = by_row(hits, ny, |h| h.0 as usize / nx);
        let cross = by_row(self.row_crossings(&segs), ny, |k| k.0 as usize);
        let mut sweep = Sweep {
            segs: &segs,
            seg_region: &seg_region,
            listed: Vec::new(),
            regions: Vec::new(),
            edges: Vec::new(),
            wind: vec![0i32; polys.len()],
            nonzero: Vec::new(),
            by_min: Vec::new(),
            by_max: Vec::new(),
            active: Vec::new(),
            cand: Vec::new(),
        };
        for row in 0..ny {
            let rc = &cross.1[cross.0[row]..cross.0[row + 1]];
            let rh = &hits.1[hits.0[row]..hits.0[row + 1]];
            if rh.is_empty() && !cells[row * nx..(row + 1) * nx].contains(&BOUNDARY) {
                continue;
            }
            sweep.row(self, cells, row, rc, rh);
        }
        let Sweep {
            mut listed,
            mut regions,
            mut edges,
            ..
        } = sweep;
        listed.sort_unstable();
        let mut blocks = vec![(0u64, 0u32); (nx * ny).div_ceil(64)];
        for (n, &(i, _, _)) in listed.iter().enumerate() {
            let b = &mut blocks[i as usize / 64];
            if b.0 == 0 {
                b.1 = n as u32;
            }
            b.0 |= 1 << (i % 64);
        }
        regions.shrink_to_fit();
        edges.shrink_to_fit();
        CellLists {
            envelopes: polys
                .iter()
                .map(|mp| {
                    mp.bounding_rect()
                        .map(|b| [b.min().x, b.min().y, b.max().x, b.max().y])
                })
                .collect(),
            blocks,
            segs,
            spans: listed.iter().map(|&(_, s, e)| (s, e)).collect(),
            regions,
            edges,
        }
    }

    /// The crossings of each row's centre line by the edges, `(row, edge)`
    /// (the winding rule's half-open convention: lower end in, upper end
    /// out; horizontal edges cross nothing).
    fn row_crossings(&self, segs: &[(Coord<f64>, Coord<f64>)]) -> Vec<(u32, u32)> {
        let mut cross: Vec<(u32, u32)> = Vec::new();
        for (id, &(a, b)) in segs.iter().enumerate() {
            if a.y == b.y {
                continue;
            }
            let (lo, hi) = (a.y.min(b.y), a.y.max(b.y));
            let mut r =
                (((lo - self.y0) / self.cell - 0.5).floor().max(0.0) as usize).saturating_sub(1);
            while r < self.ny {
                let yc = self.centre(0, r).y;
                if yc >= hi {
                    break;
                }
                if yc >= lo {
                    cross.push((r as u32, id as u32));
                }
                r += 1;
            }
        }
        cross
    }

    /// The regions whose polygons wind around `(lon, lat)` (their interior
    /// holds it, as `IntervalTreeMultiPolygon::contains` says), by the list
    /// of the point's boundary cell: `f` is called with each in index order
    /// until it returns true. `Some(any called)`, or `None` when the cell has
    /// no list or the point touches a line tested against: then nothing was
    /// called and the caller tests exactly. With `first_only`, the regions
    /// after the first found are not looked at (a point on one of their
    /// borders is still inside the first).
    #[inline]
    pub fn interior_in_cell(
        &self,
        lon: f64,
        lat: f64,
        first_only: bool,
        f: &mut dyn FnMut(usize) -> bool,
    ) -> Option<bool> {
        let fx = (lon - self.x0) / self.cell;
        let fy = (lat - self.y0) / self.cell;
        if !(fx > 0.0 && fy > 0.0) || fx >= self.nx as f64 || fy >= self.ny as f64 {
            return None;
        }
        let (c, r) = (fx as usize, fy as usize);
        let i = r * self.nx + c;
        let (mask, base) = *self.lists.blocks.get(i / 64)?;
        let bit = 1u64 << (i % 64);
        if mask & bit == 0 {
            return None;
        }
        let (s, e) = self.lists.spans[base as usize + (mask & (bit - 1)).count_ones() as usize];
        let centre = self.centre(c, r);
        let q = Coord { x: lon, y: lat };
        // the segment centre -> point must stay in the cell (edges were
        // listed with a margin of cell * 1e-6)
        let (half, m) = (self.cell * 0.5, self.cell * 1e-7);
        if (q.x - centre.x).abs() > half + m || (q.y - centre.y).abs() > half + m {
            return None;
        }
        let (lox, hix) = (centre.x.min(q.x), centre.x.max(q.x));
        let (loy, hiy) = (centre.y.min(q.y), centre.y.max(q.y));
        let regions = &self.lists.regions[s as usize..e as usize];
        // decide every region before calling `f` (or the first found, with
        // `first_only`), so that a touching found late calls nothing
        let mut found: [u32; 8] = [0; 8];
        let mut n = 0usize;
        for reg in regions {
            let mut w = reg.wind;
            for ed in &self.lists.edges[reg.first as usize..reg.end as usize] {
                let (a, b) = self.lists.segs[(ed.0 & !CENTRE_RIGHT) as usize];
                let centre_right = ed.0 & CENTRE_RIGHT != 0;
                if a.x.max(b.x) < lox
                    || a.x.min(b.x) > hix
                    || a.y.max(b.y) < loy
                    || a.y.min(b.y) > hiy
                {
                    continue;
                }
                let point_right = match RobustKernel::orient2d(a, b, q) {
                    Orientation::Collinear => return None,
                    o => o == Orientation::Clockwise,
                };
                if point_right == centre_right {
                    continue;
                }
                let oa = RobustKernel::orient2d(centre, q, a);
                let ob = RobustKernel::orient2d(centre, q, b);
                if oa == Orientation::Collinear || ob == Orientation::Collinear {
                    return None;
                }
                if oa != ob {
                    w += if centre_right { 1 } else { -1 };
                }
            }
            // the interior tests look only at regions whose envelope (of
            // the exteriors) holds the point
            let boxed = self.lists.envelopes[reg.region as usize]
                .is_some_and(|b| b[0] <= q.x && q.x <= b[2] && b[1] <= q.y && q.y <= b[3]);
            if w != 0 && boxed {
                if first_only {
                    f(reg.region as usize);
                    return Some(true);
                }
                if n == found.len() {
                    return None;
                }
                found[n] = reg.region;
                n += 1;
            }
        }
        for &g in &found[..n] {
            if f(g as usize) {
                break;
            }
        }
        Some(n > 0)
    }
}

/// Every edge of the polygons (ring after ring), the region of each, and
/// every `(cell, edge)` an edge was marked in.
struct MarkedEdges {
    segs: Vec<(Coord<f64>, Coord<f64>)>,
    seg_region: Vec<u32>,
    hits: Vec<(u32, u32)>,
}

/// The sweep that lists the boundary cells, each row from right to left:
/// the regions' winding numbers around the current centre from the
/// crossings of the row's centre line already passed, the crossings whose
/// x-extent spans the centre (decided exactly), and the lists made so far.
struct Sweep<'a> {
    segs: &'a [(Coord<f64>, Coord<f64>)],
    seg_region: &'a [u32],
    /// Per listed cell: the cell, its first entry in `regions`, the end.
    listed: Vec<(u32, u32, u32)>,
    regions: Vec<ListedRegion>,
    edges: Vec<ListedEdge>,
    /// Per region, its winding number from the crossings passed.
    wind: Vec<i32>,
    /// The regions whose `wind` is not zero.
    nonzero: Vec<u32>,
    /// The row's crossings by least x, then by greatest x, both descending.
    by_min: Vec<u32>,
    by_max: Vec<u32>,
    /// The crossings whose x-extent holds the current centre.
    active: Vec<u32>,
    /// The current cell's regions and their winding numbers.
    cand: Vec<(u32, i32)>,
}

fn seg_xmin(segs: &[(Coord<f64>, Coord<f64>)], k: u32) -> f64 {
    segs[k as usize].0.x.min(segs[k as usize].1.x)
}

fn seg_xmax(segs: &[(Coord<f64>, Coord<f64>)], k: u32) -> f64 {
    segs[k as usize].0.x.max(segs[k as usize].1.x)
}

/// +1 upwards, -1 downwards: what an edge adds to the winding number of a
/// point on the line to its left.
fn seg_sign(segs: &[(Coord<f64>, Coord<f64>)], k: u32) -> i32 {
    if segs[k as usize].0.y < segs[k as usize].1.y {
        1
    } else {
        -1
    }
}

impl Sweep<'_> {
    /// Lists the boundary cells of `row`, given the crossings of its centre
    /// line (`rc`) and its hits (`rh`, by cell descending), then forgets
    /// the row's winding numbers.
    fn row(
        &mut self,
        raster: &Raster,
        cells: &[u32],
        row: usize,
        rc: &[(u32, u32)],
        rh: &[(u32, u32)],
    ) {
        let segs = self.segs;
        self.by_min.clear();
        self.by_min.extend(rc.iter().map(|k| k.1));
        self.by_min
            .sort_unstable_by(|&p, &q| seg_xmin(segs, q).total_cmp(&seg_xmin(segs, p)));
        self.by_max.clear();
        self.by_max.extend(rc.iter().map(|k| k.1));
        self.by_max
            .sort_unstable_by(|&p, &q| seg_xmax(segs, q).total_cmp(&seg_xmax(segs, p)));
        self.active.clear();
        let (mut p, mut q, mut h) = (0usize, 0usize, 0usize);
        for c in (0..raster.nx).rev() {
            let i = row * raster.nx + c;
            if cells[i] != BOUNDARY {
                continue;
            }
            let centre = raster.centre(c, row);
            self.advance(centre.x, &mut p, &mut q);
            while h < rh.len() && rh[h].0 as usize > i {
                h += 1;
            }
            let h0 = h;
            while h < rh.len() && rh[h].0 as usize == i {
                h += 1;
            }
            self.list_cell(i, centre, &rh[h0..h]);
        }
        for k in rc {
            self.wind[self.seg_region[k.1 as usize] as usize] = 0;
        }
        self.nonzero.clear();
    }

    /// Moves the sweep to the centre abscissa `xc`: the crossings wholly
    /// right of it (`by_min` from `p`) are added to the winding numbers, and
    /// `active` keeps those whose x-extent holds it (`by_max` from `q`).
    fn advance(&mut self, xc: f64, p: &mut usize, q: &mut usize) {
        let segs = self.segs;
        while *p < self.by_min.len() && seg_xmin(segs, self.by_min[*p]) > xc {
            let k = self.by_min[*p];
            let g = self.seg_region[k as usize];
            let w = &mut self.wind[g as usize];
            let was = *w;
            *w += seg_sign(segs, k);
            if was == 0 {
                self.nonzero.push(g);
            } else if *w == 0 {
                self.nonzero.retain(|&x| x != g);
            }
            *p += 1;
        }
        while *q < self.by_max.len() && seg_xmax(segs, self.by_max[*q]) >= xc {
            self.active.push(self.by_max[*q]);
            *q += 1;
        }
        self.active
            .retain(|&k| seg_xmin(segs, k) <= xc && seg_xmax(segs, k) >= xc);
    }

    /// Lists cell `i` (centre `centre`, edges marked in it `at`): each
    /// region winding around the centre or with an edge in the cell, with
    /// its winding number and edges. A centre on a line leaves the cell
    /// unlisted (the full test answers for it).
    fn list_cell(&mut self, i: usize, centre: Coord<f64>, at: &[(u32, u32)]) {
        let (segs, seg_region) = (self.segs, self.seg_region);
        // the winding numbers around the centre
        self.cand.clear();
        self.cand
            .extend(self.nonzero.iter().map(|&g| (g, self.wind[g as usize])));
        for &k in &self.active {
            let (a, b) = segs[k as usize];
            let o = RobustKernel::orient2d(a, b, centre);
            let right_of_centre = match (o, seg_sign(segs, k)) {
                (Orientation::Collinear, _) => return,
                (Orientation::CounterClockwise, 1) => true,
                (Orientation::Clockwise, -1) => true,
                _ => false,
            };
            if right_of_centre {
                let g = seg_region[k as usize];
                match self.cand.iter_mut().find(|e| e.0 == g) {
                    Some(e) => e.1 += seg_sign(segs, k),
                    None => self
                        .cand
                        .push((g, self.wind[g as usize] + seg_sign(segs, k))),
                }
            }
        }
        for e in at {
            let g = seg_region[e.1 as usize];
            if !self.cand.iter().any(|x| x.0 == g) {
                self.cand.push((g, self.wind[g as usize]));
            }
        }
        self.cand.sort_unstable();
        let (regions_at, edges_at) = (self.regions.len(), self.edges.len());
        let mut safe = true;
        for &(g, w) in &self.cand {
            let first = self.edges.len() as u32;
            for e in at.iter().filter(|e| seg_region[e.1 as usize] == g) {
                let (a, b) = segs[e.1 as usize];
                let o = RobustKernel::orient2d(a, b, centre);
                if o == Orientation::Collinear {
                    safe = false;
                }
                self.edges.push(ListedEdge(if o == Orientation::Clockwise {
                    e.1 | CENTRE_RIGHT
                } else {
                    e.1
                }));
            }
            let end = self.edges.len() as u32;
            if w != 0 || end > first {
                self.regions.push(ListedRegion {
                    region: g,
                    wind: w,
                    first,
                    end,
                });
            }
        }
        if safe {
            self.listed
                .push((i as u32, regions_at as u32, self.regions.len() as u32));
        } else {
            self.regions.truncate(regions_at);
            self.edges.truncate(edges_at);
        }
    }
}

/// The bounding box of every coordinate of `polys` (min x, min y, max x,
/// max y); `None` when there is none or one is not finite.
fn bbox_of(polys: &[&MultiPolygon<f64>]) -> Option<(f64, f64, f64, f64)> {
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
    bbox
}

/// `items` grouped by row (a counting sort; within a row, by cell
/// descending then the rest, duplicates removed): the start of each row's
/// run (one more at the end) and the items.
fn by_row<T: Copy + Ord>(
    items: Vec<(u32, T)>,
    rows: usize,
    row_of: impl Fn(&(u32, T)) -> usize,
) -> (Vec<usize>, Vec<(u32, T)>) {
    let mut start = vec![0usize; rows + 1];
    for it in &items {
        start[row_of(it) + 1] += 1;
    }
    for r in 0..rows {
        start[r + 1] += start[r];
    }
    let mut next = start.clone();
    let mut out = items.clone();
    for it in items {
        let r = row_of(&it);
        out[next[r]] = it;
        next[r] += 1;
    }
    let mut kept = Vec::with_capacity(out.len());
    let mut starts = vec![0usize; rows + 1];
    for r in 0..rows {
        let run = &mut out[start[r]..start[r + 1]];
        run.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (n, it) in run.iter().enumerate() {
            if n == 0 || run[n - 1] != *it {
                kept.push(*it);
            }
        }
        starts[r + 1] = kept.len();
    }
    (starts, kept)
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
