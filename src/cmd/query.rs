//! `query`: spatial queries over incidents (box, radius, nearest-k).

use super::common::{check_incident_out, check_inputs, write_incidents};
use super::{EXIT_OK, EXIT_REJECTS};
use crate::error::Error;
use crate::gazetteer;
use crate::model::{Flag, Incident};
use crate::pipeline;
use crate::spatial::IncidentIndex;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Incident files (and articles).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Box: W,S,E,N in degrees.
    #[arg(long, allow_hyphen_values = true, conflicts_with = "near")]
    pub bbox: Option<String>,
    /// Centre: LAT,LON in degrees.
    #[arg(long, allow_hyphen_values = true)]
    pub near: Option<String>,
    /// Radius around --near, great-circle km.
    #[arg(long, requires = "near")]
    pub radius: Option<f64>,
    /// The K incidents nearest --near.
    #[arg(long, requires = "near", conflicts_with = "radius")]
    pub nearest: Option<usize>,
    /// Output file (.ndjson, .csv, .geojson); default NDJSON on stdout.
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Gazetteer folder (default: the one shipped in the binary).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
}

/// Runs `query`; returns the exit status.
pub(super) fn run(a: QueryArgs, quiet: bool) -> anyhow::Result<u8> {
    check_inputs(&a.inputs)?;
    check_incident_out(&a.out)?;
    let gaz = gazetteer::load(a.gazetteer.as_deref())?;
    let mut rep = pipeline::Report::default();
    let collected = pipeline::collect(&a.inputs, &gaz, None, &mut rep, !quiet);
    for r in &collected.rejects {
        if !r.benign {
            eprintln!("rejected: {}:{}: {}", r.source, r.line, r.reason);
        }
    }
    let mut incidents = collected.incidents;
    for i in incidents.iter_mut() {
        crate::geocode::locate(i, &gaz);
    }
    let located: Vec<(usize, f64, f64)> = incidents
        .iter()
        .enumerate()
        .filter_map(|(i, inc)| inc.lon_lat().map(|(x, y)| (i, x, y)))
        .collect();
    let idx = IncidentIndex::build(located);
    let mut hits = hits(&a, &idx)?;
    let far = |d: &Option<f64>| d.is_some_and(|d| d > FAR_KM);
    if !idx.is_empty() && (hits.is_empty() || hits.iter().all(|(_, d)| far(d))) {
        if let Some(n) = &a.near {
            swapped_near_hint(n, &a, &idx);
        }
    }
    let out: Vec<Incident> = hits
        .drain(..)
        .map(|(i, d)| {
            let mut inc = incidents[i].clone();
            if let Some(d) = d {
                inc.flags
                    .push(Flag::Other(format!("distance_km={d:.3}").into()));
            }
            inc
        })
        .collect();
    write_incidents(&a.out, &out)?;
    if !quiet {
        eprintln!("{} incident(s) match, of {} located", out.len(), idx.len());
    }
    Ok(if collected.rejects.iter().any(|r| !r.benign) {
        EXIT_REJECTS
    } else {
        EXIT_OK
    })
}

/// The incidents the query selects (index into the located incidents), with
/// their distance in km for `--near`.
fn hits(a: &QueryArgs, idx: &IncidentIndex) -> Result<Vec<(usize, Option<f64>)>, Error> {
    if let Some(b) = &a.bbox {
        let v = parse_pair("--bbox", b, 4)?;
        if v[0] > v[2] || v[1] > v[3] {
            return Err(Error::Usage(format!(
                "--bbox {b}: expected W,S,E,N with W <= E and S <= N"
            )));
        }
        let mut h: Vec<usize> = idx.in_box(v[0], v[1], v[2], v[3]).collect();
        h.sort_unstable();
        return Ok(h.into_iter().map(|i| (i, None)).collect());
    }
    let Some(n) = &a.near else {
        return Err(Error::Usage(
            "query needs --bbox W,S,E,N or --near LAT,LON with --radius KM or --nearest K".into(),
        ));
    };
    let v = parse_pair("--near", n, 2)?;
    let (lat, lon) = (v[0], v[1]);
    if lat.abs() > 90.0 || lon.abs() > 180.0 {
        return Err(Error::Usage(format!(
            "--near {n}: expected LAT,LON (latitude first)"
        )));
    }
    let found = if let Some(k) = a.nearest {
        idx.nearest_k(lon, lat, k)
    } else if let Some(r) = a.radius {
        if r.is_nan() || r < 0.0 {
            return Err(Error::Usage(
                "--radius must be a non-negative number of km".into(),
            ));
        }
        idx.within_km(lon, lat, r)
    } else {
        return Err(Error::Usage(
            "--near needs --radius KM or --nearest K".into(),
        ));
    };
    Ok(found.into_iter().map(|(i, d)| (i, Some(d))).collect())
}

fn parse_pair(flag: &str, s: &str, n: usize) -> Result<Vec<f64>, Error> {
    let v: Result<Vec<f64>, _> = s.split(',').map(|t| t.trim().parse::<f64>()).collect();
    match v {
        Ok(v) if v.len() == n && v.iter().all(|x| x.is_finite()) => Ok(v),
        _ => Err(Error::Usage(format!(
            "{flag} {s:?}: expected {n} comma-separated numbers"
        ))),
    }
}

/// Distance (km) beyond which every "nearest" incident is too far to be what
/// the user meant (the Sahel maps span about 2,000 km).
const FAR_KM: f64 = 500.0;

/// With no match around `--near LAT,LON`, says so when the swapped centre
/// (LON,LAT) would match: latitude and longitude given the wrong way round.
fn swapped_near_hint(near: &str, a: &QueryArgs, idx: &IncidentIndex) {
    let Ok(v) = parse_pair("--near", near, 2) else {
        return;
    };
    let (lat, lon) = (v[1], v[0]);
    if lat.abs() > 90.0 {
        return;
    }
    let n = if let Some(k) = a.nearest {
        let near = idx.nearest_k(lon, lat, k);
        near.iter().filter(|(_, d)| *d <= FAR_KM).count()
    } else if let Some(r) = a.radius {
        idx.within_km(lon, lat, r).len()
    } else {
        0
    };
    if n > 0 {
        eprintln!(
            "warning: no incident within reach of lat {}, lon {}; --near takes LAT,LON (latitude first): --near {lat},{lon} gives {n} match(es) (distances are in the flags column, distance_km=)",
            v[0], v[1]
        );
    }
}
