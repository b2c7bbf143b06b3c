//! Benchmark of the spine: N synthetic incidents (default 1,000,000) read
//! from CSV, located in admin-1 polygons, aggregated by admin-1 × month and
//! written. Prints incidents/s and peak memory.
//!
//! `cargo bench --bench report -- [N]`

use casualty_atlas::period::Granularity;
use casualty_atlas::pipeline::{self, Plan};
use casualty_atlas::region::Level;
use std::io::Write;
use std::time::Instant;

/// (lon, lat, spread in degrees) of towns the incidents cluster around.
const TOWNS: &[(f64, f64, f64)] = &[
    (-4.19, 14.49, 0.4), // Mopti
    (-3.61, 14.35, 0.4), // Bandiagara
    (-0.04, 16.27, 0.5), // Gao
    (2.21, 15.92, 0.4),  // Ménaka
    (-3.01, 16.77, 0.5), // Tombouctou
    (-6.26, 13.43, 0.4), // Ségou
    (-1.63, 14.09, 0.3), // Djibo
    (-0.03, 14.03, 0.3), // Dori
    (1.45, 14.21, 0.4),  // Tillabéri
    (-1.08, 13.09, 0.3), // Kaya
    (0.35, 12.06, 0.4),  // Fada N'Gourma
    (-8.0, 12.65, 0.3),  // Bamako
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn f(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<f64>().ok())
            })
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("incidents.csv");
    let t0 = Instant::now();
    {
        let f = std::fs::File::create(&csv).expect("create");
        let mut w = std::io::BufWriter::new(f);
        writeln!(
            w,
            "id,date,lat,lon,deaths_low,deaths_best,deaths_high,place"
        )
        .unwrap();
        let mut r = Rng(0x9E37_79B9_7F4A_7C15);
        for i in 0..n {
            let (x, y, s) = TOWNS[(r.next() % TOWNS.len() as u64) as usize];
            let lon = x + (r.f() - 0.5) * 2.0 * s;
            let lat = y + (r.f() - 0.5) * 2.0 * s;
            let day = r.next() % 5113;
            let date = chrono::NaiveDate::from_ymd_opt(2012, 1, 1).unwrap()
                + chrono::Duration::days(day as i64);
            let best = ((1.0 / (1.0 - r.f() * 0.999)).powf(1.3) - 1.0) as u32;
            let low = best / 2;
            let high = best + best / 2;
            writeln!(
                w,
                "b{i},{date},{lat:.5},{lon:.5},{low},{best},{high},\"Village {}, \"\"Sahel\"\"\"",
                i % 997
            )
            .unwrap();
        }
    }
    let gen = t0.elapsed();
    let size = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    let plan = Plan {
        inputs: vec![csv],
        gazetteer: None,
        levels: vec![Level::Admin1],
        granularity: Granularity::Month,
        from: None,
        to: None,
        out_dir: dir.path().join("out"),
        published: None,
        lang: casualty_atlas::extract::lang::LangChoice::Auto,
        tolerance_km: 5.0,
        progress: false,
        stream: pipeline::StreamMode::Auto,
        charts: None,
        overlap: casualty_atlas::region::Overlap::First,
        html: false,
        decimal_comma: false,
        layer_format: Default::default(),
        threads: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        block_bytes: None,
        dedup: casualty_atlas::dedup::DedupConfig::default(),
    };
    let t1 = Instant::now();
    let report = pipeline::run(&plan).expect("report");
    let dt = t1.elapsed().as_secs_f64();
    println!(
        "generated {n} incidents ({:.1} MB CSV) in {:.2} s",
        size as f64 / 1e6,
        gen.as_secs_f64()
    );
    println!(
        "report by admin1 x month: {} incidents in {dt:.2} s = {:.0} incidents/s, {:.1} MB/s; peak RSS {:.0} MiB",
        report.incidents,
        report.incidents as f64 / dt,
        size as f64 / 1e6 / dt,
        peak_rss_mib()
    );
}
