//! Extraction throughput on synthetic articles (template sentences written
//! for this bench), one core.
//!
//! `cargo run --release --example bench_extract -- [--gazetteer DIR] [--mb 20]`

use casualty_atlas::extract::{extract, parse_document, Extractor};
use casualty_atlas::gazetteer;
use std::path::PathBuf;
use std::time::Instant;

const PLACES: &[&str] = &[
    "Boni",
    "Douna",
    "Mondoro",
    "Hombori",
    "Gao",
    "Ansongo",
    "Tawori",
    "Djibo",
    "Kaya",
    "Dori",
    "Ouahigouya",
    "Tillabéri",
    "Ayorou",
    "Bankilaré",
    "Ménaka",
    "Ségou",
    "Niono",
    "Macina",
    "Bandiagara",
    "Bankass",
];
const ACTORS: &[&str] = &[
    "Suspected jihadists",
    "Gunmen on motorbikes",
    "JNIM fighters",
    "Fighters of the Islamic State Sahel",
    "A Dozo militia",
];
const VICTIMS: &[&str] = &[
    "civilians",
    "soldiers",
    "villagers",
    "gendarmes",
    "herders",
    "worshippers",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const NUMS: &[&str] = &[
    "three",
    "twelve",
    "at least 17",
    "more than 30",
    "between 40 and 85",
    "dozens of",
    "a dozen",
    "twenty-four",
    "1,200",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

fn article(r: &mut Rng) -> String {
    let mut s =
        String::from("---\ntitle: Attack in the Sahel\npublished: 2024-03-25\nsource: wire\n---\n");
    for _ in 0..(4 + r.next() % 6) {
        let p = r.pick(PLACES);
        let sentence = match r.next() % 8 {
            0 => format!("{} killed {} {} in an attack on the village of {} on {} {}, 2023, local officials said. ", r.pick(ACTORS), r.pick(NUMS), r.pick(VICTIMS), p, r.pick(MONTHS), 1 + r.next() % 28),
            1 => "The assailants also set fire to dozens of homes and stole cattle before fleeing towards the border, a resident told reporters by telephone. ".to_string(),
            2 => format!("On Sunday, {} {} were wounded when an improvised explosive device struck their vehicle near {}, in the Mopti region. ", r.pick(NUMS), r.pick(VICTIMS), p),
            3 => "The UN mission counts no fewer than 580 civilian deaths in central Mali so far this year. ".to_string(),
            4 => format!("Nine injured {} were taken to the hospital in {} for treatment, the health ministry said in a statement on Monday. ", r.pick(VICTIMS), p),
            5 => format!("Lt. Col. A. Diallo, the army spokesman, said troops had neutralised {} terrorists during clashes in the Serma forest between {} 4 and 9. ", r.pick(NUMS), r.pick(MONTHS)),
            7 if r.next() % 2 == 0 => format!("Gunmen stormed the hamlet of {}{} overnight, killing {} {}, a local councillor said. ", r.pick(&["Kouro", "Sabe", "Tiniba", "Wendou", "Gassel"]), r.pick(&["gou", "bare", "kan", "dji", "ndé"]), r.pick(NUMS), r.pick(VICTIMS)),
            6 => "Violence linked to jihadist groups has spread from northern Mali to Burkina Faso and Niger since 2015, displacing more than two million people.\n\n".to_string(),
            _ => format!("In {} 2022, a drone strike on a wedding in {} killed {} people, including {} children, rights groups said. ", r.pick(MONTHS), p, r.pick(NUMS), r.pick(NUMS)),
        };
        s.push_str(&sentence);
    }
    s.push('\n');
    s
}

/// CPU time of this thread (Linux `/proc/thread-self/stat`, clock ticks of 10 ms).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() -> anyhow::Result<()> {
    let mut gaz_dir: Option<PathBuf> = None;
    let mut mb: usize = 20;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gazetteer" => gaz_dir = args.next().map(PathBuf::from),
            "--mb" => mb = args.next().and_then(|s| s.parse().ok()).unwrap_or(mb),
            _ => {}
        }
    }
    let gaz = gazetteer::load(gaz_dir.as_deref())?;
    let mut r = Rng(0x2545_f491_4f6c_dd1d);
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    while bytes < mb * 1_000_000 {
        let a = article(&mut r);
        bytes += a.len();
        let (d, _) = parse_document(&format!("bench_{}.txt", docs.len()), a.as_bytes(), None);
        docs.push(d);
    }
    let reuse = std::env::args().any(|a| a == "--reuse");
    println!(
        "mode: {}",
        if reuse {
            "one Extractor for all articles (fuzzy cache shared)"
        } else {
            "extract() per article (cache per article)"
        }
    );
    let t0 = Instant::now();
    let c0 = cpu_seconds();
    let mut incidents = 0usize;
    let mut x = Extractor::new(&gaz);
    for d in &docs {
        incidents += if reuse {
            x.extract(d).len()
        } else {
            extract(d, &gaz).len()
        };
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(c0).map(|(b, a)| b - a);
    println!(
        "{} articles, {:.1} MB, {} incidents in {:.2} s wall: {:.1} MB/s wall (gazetteer: {} places)",
        docs.len(),
        bytes as f64 / 1e6,
        incidents,
        secs,
        bytes as f64 / 1e6 / secs,
        gaz.len()
    );
    if let Some(cpu) = cpu.filter(|c| *c > 0.0) {
        println!(
            "{:.2} s on-CPU for this thread: {:.1} MB/s per core",
            cpu,
            bytes as f64 / 1e6 / cpu
        );
    }
    Ok(())
}
