//! What a row of the report is, for the writers: a slot's display name,
//! code, kind and shape.

use crate::region::{cell_code, cell_polygon, Level, RegionSet, Slot};
use geo::MultiPolygon;
use std::borrow::Cow;

/// A slot described for output.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotInfo<'a> {
    /// Display name (`Mopti`, `cell 147551`, `unallocated within Mopti`, `unassigned`).
    pub name: String,
    /// Code (P-code, gid, `named:<name>` for a region with no polygon,
    /// `unallocated:<parent>`, `unassigned`).
    pub code: String,
    /// `region`, `cell`, `unallocated`, `unassigned`.
    pub kind: &'static str,
    /// Shape, when the slot has one.
    pub geometry: Option<Cow<'a, MultiPolygon<f64>>>,
    /// Parent name when known.
    pub parent: Option<String>,
    /// Country code when known.
    pub country: Option<String>,
}

/// Describes a slot of `regions`' level.
pub fn describe<'a>(slot: &Slot, regions: &'a RegionSet) -> SlotInfo<'a> {
    match slot {
        Slot::Region(i) => {
            let r = &regions.regions()[*i];
            SlotInfo {
                name: r.name.clone(),
                code: r.code.clone(),
                kind: "region",
                geometry: Some(Cow::Borrowed(&r.geometry)),
                parent: r.parent.clone(),
                country: r.country.clone(),
            }
        }
        Slot::Cell(row, col) => {
            let size = match regions.level {
                Level::Grid(s) => s,
                _ => 0.5,
            };
            let code = cell_code(*row, *col, size);
            SlotInfo {
                name: format!("cell {code}"),
                code,
                kind: "cell",
                geometry: Some(Cow::Owned(MultiPolygon::new(vec![cell_polygon(
                    *row, *col, size,
                )]))),
                parent: None,
                country: None,
            }
        }
        Slot::Named(name) => SlotInfo {
            name: name.clone(),
            code: format!("named:{name}"),
            kind: "region",
            geometry: None,
            parent: None,
            country: None,
        },
        Slot::Unallocated(parent) => SlotInfo {
            name: format!("unallocated within {parent}"),
            code: format!("unallocated:{parent}"),
            kind: "unallocated",
            geometry: None,
            parent: Some(parent.clone()),
            country: None,
        },
        Slot::Unassigned => SlotInfo {
            name: "unassigned".into(),
            code: "unassigned".into(),
            kind: "unassigned",
            geometry: None,
            parent: None,
            country: None,
        },
    }
}
