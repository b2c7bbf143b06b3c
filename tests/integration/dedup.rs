//! Issue 6: one event, counted once. Cross-source merging on the R-tree,
//! every merge explained, no chains, no dependence on input order.
//!
//! Records are written by hand the way the extractor and the readers
//! produce them; places and tolls are real Sahel events, the wording ours.

use crate::util::{col, read_csv, Rng, TestDir};
use casualty_atlas::aggregate::{Aggregate, Tally};
use casualty_atlas::dedup::{dedup, write_clusters_csv, Decision, DedupConfig, MergePolicy};
use casualty_atlas::model::{DatePrecision, Flag, GeoPrecision, Incident, Point};
use casualty_atlas::period::Granularity;
use casualty_atlas::region::Slot;
use chrono::NaiveDate;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A village-level, day-dated report.
fn village(id: &str, doc: &str, place: &str, lat: f64, lon: f64, date: &str) -> Incident {
    let mut i = Incident::new(id, doc);
    i.place = Some(place.into());
    i.country = Some("ML".into());
    i.point = Some(Point::new(lon, lat));
    i.geo_precision = Some(GeoPrecision::Place);
    i.date_start = Some(day(date));
    i.date_end = Some(day(date));
    i.date_precision = DatePrecision::Day;
    i.source = Some("article".into());
    i
}

fn toll(mut i: Incident, low: u32, best: u32, high: Option<u32>) -> Incident {
    i.deaths.low = Some(low);
    i.deaths.best = Some(best);
    i.deaths.high = high;
    i
}

fn kind(mut i: Incident, event_type: &str, victims: &str) -> Incident {
    i.event_type = Some(event_type.into());
    i.victims = Some(victims.into());
    i
}

fn admin(mut i: Incident, admin1: &str, admin2: Option<&str>) -> Incident {
    i.admin1 = Some(admin1.into());
    i.admin2 = admin2.map(Into::into);
    i
}

/// A report located only to its region (admin1), with the region's centre.
fn region_report(id: &str, doc: &str, region: &str, date: &str) -> Incident {
    let mut i = Incident::new(id, doc);
    i.place = Some(format!("{region} region"));
    i.admin1 = Some(region.into());
    i.country = Some("ML".into());
    // Mopti region's centre, about 100 km from Sobane
    i.point = Some(Point::new(-3.3, 14.6));
    i.geo_precision = Some(GeoPrecision::Admin1);
    i.date_start = Some(day(date));
    i.date_end = Some(day(date));
    i.date_precision = DatePrecision::Day;
    i
}

fn ids(out: &[Incident]) -> Vec<String> {
    out.iter().map(|i| i.id.clone()).collect()
}

/// The Ogossagou massacre as a wire story (40), an NGO ("between 40 and
/// 85", best 60) and an encyclopedia (85): one event, with the interval of
/// the three.
fn three_ways() -> Vec<Incident> {
    let base = |id, doc, date| {
        kind(
            village(id, doc, "Ogossagou", 14.2134, -3.6279, date),
            "attack",
            "civilians",
        )
    };
    vec![
        toll(base("w1", "wire.txt", "2019-03-23"), 40, 40, Some(40)),
        toll(base("n1", "ngo.txt", "2019-03-23"), 40, 60, Some(85)),
        toll(
            {
                let mut i = base("e1", "encyclopedia.txt", "2019-03-24");
                i.place = Some("Ogossagou-Peul".into());
                i.point = i.point.map(|p| Point::new(p.x(), 14.2200));
                i
            },
            85,
            85,
            Some(85),
        ),
    ]
}

#[test]
fn same_event_told_three_ways_merges_with_the_interval() {
    let out = dedup(three_ways(), &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1, "{:?}", ids(&out.incidents));
    let m = &out.incidents[0];
    // codebook section 3: no figure revised, so the lowest best; the
    // interval spans every member
    assert_eq!(
        (m.deaths.low, m.deaths.best, m.deaths.high),
        (Some(40), Some(40), Some(85))
    );
    assert_eq!(m.merge().merged_from.len(), 3);
    assert_eq!(m.merge().sources.len(), 3);
    assert!(m.merge().sources.contains(&"wire.txt:w1".to_string()));
    assert_eq!(m.merge().source_tolls.len(), 3);
    assert!(m.flags.contains(&Flag::ConflictingTolls));
    // the most precise date and location, a day-dated village; the range
    // spans the day-dated members (a merge never shrinks it)
    assert_eq!(m.date_start, Some(day("2019-03-23")));
    assert_eq!(m.date_end, Some(day("2019-03-24")));
    assert_eq!(m.geo_precision, Some(GeoPrecision::Place));
    // the evidence and doc of the chosen toll
    assert_eq!(&*m.doc, "wire.txt");

    assert_eq!(out.clusters.len(), 1);
    let c = &out.clusters[0];
    assert_eq!(c.decision, Decision::Merged);
    assert_eq!(c.members.len(), 3);
    assert_eq!(c.max_day_gap, Some(1));
    assert!(c.max_km.is_some_and(|d| d < 1.0));
    assert_eq!(c.merged_toll, "40/40/85");
    assert!(
        c.rules.iter().all(|r| r.ends_with("same-place")),
        "{:?}",
        c.rules
    );

    for (policy, best) in [
        (MergePolicy::Max, 85),
        (MergePolicy::Min, 40),
        (MergePolicy::Median, 60),
        (MergePolicy::Mean, 62),
    ] {
        let cfg = DedupConfig {
            policy,
            ..DedupConfig::default()
        };
        let out = dedup(three_ways(), &cfg);
        assert_eq!(out.incidents[0].deaths.best, Some(best), "{policy:?}");
        assert_eq!(out.incidents[0].deaths.low, Some(40));
        assert_eq!(out.incidents[0].deaths.high, Some(85));
    }
}

#[test]
fn an_open_ended_source_leaves_the_merged_high_open() {
    let mut v = three_ways();
    v[2].deaths.high = None; // "at least 85": another source's 85 is its high
    let out = dedup(v, &DedupConfig::default());
    assert_eq!(out.incidents[0].deaths.high, Some(85));
    let mut v = three_ways();
    v[2].deaths.low = Some(90);
    v[2].deaths.best = Some(90);
    v[2].deaths.high = None; // "at least 90"
    let out = dedup(v, &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1);
    // the open floor (90) is above every known high (85): open
    assert_eq!(out.incidents[0].deaths.high, None);
    assert_eq!(out.clusters[0].merged_toll, "40/40/open");
    // "at least 60" under a known high of 85 leaves the high known
    let mut v = three_ways();
    v[2].deaths.best = Some(60);
    v[2].deaths.low = Some(60);
    v[2].deaths.high = None;
    let out = dedup(v, &DedupConfig::default());
    assert_eq!(out.clusters[0].merged_toll, "40/40/85");
}

#[test]
fn disabled_leaves_everything_alone() {
    let cfg = DedupConfig {
        enabled: false,
        ..DedupConfig::default()
    };
    let out = dedup(three_ways(), &cfg);
    assert_eq!(out.incidents, three_ways());
    assert!(out.clusters.is_empty());
}

#[test]
fn two_attacks_the_same_day_30_km_apart_stay_two() {
    // two villages of cercle Bankass, about 30 km apart, same day, same toll
    let a = admin(
        toll(
            village(
                "a",
                "wire.txt",
                "Diallassagou",
                13.9800,
                -3.6300,
                "2022-06-18",
            ),
            20,
            20,
            Some(20),
        ),
        "Mopti",
        Some("Bankass"),
    );
    let b = admin(
        toll(
            village("b", "ngo.txt", "Dianweli", 14.2500, -3.6300, "2022-06-18"),
            20,
            20,
            Some(20),
        ),
        "Mopti",
        Some("Bankass"),
    );
    let out = dedup(vec![a.clone(), b.clone()], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 2);
    assert!(out.clusters.is_empty());

    // the same name 30 km apart is another place (homonyms), not one event
    let mut b2 = b;
    b2.place = a.place.clone();
    let out = dedup(vec![a, b2], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 2);
}

fn sobane(id: &str, doc: &str) -> Incident {
    admin(
        kind(
            toll(
                village(id, doc, "Sobane Da", 14.1833, -3.0833, "2019-06-10"),
                35,
                35,
                Some(35),
            ),
            "attack",
            "civilians",
        ),
        "Mopti",
        Some("Bandiagara"),
    )
}

#[test]
fn a_region_level_report_merges_with_the_village_report_when_nothing_contradicts() {
    let region = kind(
        toll(
            region_report("r", "agency.txt", "Mopti", "2019-06-10"),
            35,
            35,
            None,
        ),
        "massacre",
        "villagers",
    );
    let out = dedup(
        vec![region.clone(), sobane("v", "wire.txt")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 1, "{:?}", ids(&out.incidents));
    let m = &out.incidents[0];
    assert_eq!(m.place.as_deref(), Some("Sobane Da"));
    assert_eq!(m.geo_precision, Some(GeoPrecision::Place));
    assert!(out.clusters[0].rules[0].ends_with("in-admin-unit"));

    // an unknown toll on the region-level side does not contradict
    let mut unknown = region.clone();
    unknown.deaths.low = None;
    unknown.deaths.best = None;
    let out = dedup(
        vec![unknown, sobane("v", "wire.txt")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 1);

    // nor do missing coordinates (a region name only)
    let mut unlocated = region.clone();
    unlocated.point = None;
    let out = dedup(
        vec![unlocated, sobane("v", "wire.txt")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 1);
}

#[test]
fn a_region_level_report_stays_apart_when_something_contradicts() {
    // a drone strike with a different toll is another event
    let strike = kind(
        toll(
            region_report("r", "agency.txt", "Mopti", "2019-06-10"),
            3,
            3,
            Some(3),
        ),
        "drone strike",
        "civilians",
    );
    let out = dedup(
        vec![strike, sobane("v", "wire.txt")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 2);

    // a different toll alone contradicts at region level
    let other_toll = toll(
        region_report("r", "agency.txt", "Mopti", "2019-06-10"),
        3,
        3,
        Some(3),
    );
    let out = dedup(
        vec![other_toll, sobane("v", "wire.txt")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 2);

    // another region
    let elsewhere = toll(
        region_report("r", "agency.txt", "Ségou", "2019-06-10"),
        35,
        35,
        Some(35),
    );
    let out = dedup(
        vec![elsewhere, sobane("v", "wire.txt")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 2);

    // a week later
    let later = toll(
        region_report("r", "agency.txt", "Mopti", "2019-06-17"),
        35,
        35,
        Some(35),
    );
    let out = dedup(
        vec![later, sobane("v", "wire.txt")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 2);
}

#[test]
fn a_region_level_report_that_fits_two_village_reports_merges_with_neither() {
    let region = toll(
        region_report("r", "agency.txt", "Mopti", "2019-06-10"),
        35,
        35,
        None,
    );
    // another village of the region was attacked the same day, same toll
    let other = admin(
        toll(
            village("w", "radio.txt", "Yoro", 14.2800, -2.1500, "2019-06-10"),
            35,
            35,
            Some(35),
        ),
        "Mopti",
        Some("Koro"),
    );
    let out = dedup(
        vec![region, sobane("v", "wire.txt"), other],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 3, "{:?}", ids(&out.incidents));
    let r = out
        .incidents
        .iter()
        .find(|i| i.id == "r")
        .expect("region report kept");
    assert!(r.flags.contains(&Flag::DedupAmbiguous));
    assert_eq!(out.clusters.len(), 1);
    assert_eq!(out.clusters[0].decision, Decision::Ambiguous);
}

#[test]
fn a_drone_strike_never_merges_with_a_massacre_by_militia() {
    let a = kind(sobane("a", "wire.txt"), "drone strike", "civilians");
    let b = kind(sobane("b", "ngo.txt"), "massacre", "civilians");
    assert_eq!(
        dedup(vec![a, b], &DedupConfig::default()).incidents.len(),
        2
    );
    // nor civilians with soldiers
    let a = kind(sobane("a", "wire.txt"), "attack", "soldiers");
    let b = kind(sobane("b", "ngo.txt"), "attack", "civilians");
    assert_eq!(
        dedup(vec![a, b], &DedupConfig::default()).incidents.len(),
        2
    );
}

#[test]
fn never_within_one_dataset_or_one_article() {
    let acled = |id: &str, doc: &str| {
        let mut i = sobane(id, doc);
        i.source = Some("acled".into());
        i
    };
    // two ACLED rows are two events by ACLED's coding, even in two files
    let out = dedup(
        vec![acled("1", "acled_2019.csv"), acled("2", "acled_mopti.csv")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 2);
    // two incidents of one article are two (the extractor merged repeats)
    let out = dedup(
        vec![sobane("a-1", "wire.txt"), sobane("a-2", "wire.txt")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 2);
    // ACLED and an article: one event
    let out = dedup(
        vec![acled("1", "acled_2019.csv"), sobane("a-1", "wire.txt")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 1);
    // ACLED, UCDP and an article: one event, one row each from the datasets
    let mut ucdp = sobane("u1", "ged.csv");
    ucdp.source = Some("ucdp".into());
    ucdp.event_type = Some("one-sided violence".into());
    let out = dedup(
        vec![
            acled("1", "acled_2019.csv"),
            acled("2", "acled_mopti.csv"),
            ucdp,
            sobane("a-1", "wire.txt"),
        ],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 2, "{:?}", ids(&out.incidents));
    let merged = out
        .incidents
        .iter()
        .find(|i| i.merge().merged_from.len() == 3)
        .expect("one cluster of three");
    assert_eq!(
        merged
            .merge()
            .merged_from
            .iter()
            .filter(|m| m.as_str() == "1" || m.as_str() == "2")
            .count(),
        1
    );
}

#[test]
fn no_chains_clusters_stay_within_the_threshold() {
    // three reports 8 km apart on a line: a~b and b~c, but a and c are 16 km
    // apart, beyond the 10 km village threshold
    let at = |id: &str, doc: &str, lon: f64| {
        let mut i = toll(
            village(id, doc, "", 14.0, lon, "2020-02-14"),
            10,
            10,
            Some(10),
        );
        i.place = None;
        i
    };
    let step = 8.0 / 108.0; // about 8 km of longitude at 14°N
    let v = vec![
        at("a", "one.txt", -3.0),
        at("b", "two.txt", -3.0 + step),
        at("c", "three.txt", -3.0 + 2.0 * step),
    ];
    let out = dedup(v, &DedupConfig::default());
    assert_eq!(out.incidents.len(), 2, "{:?}", ids(&out.incidents));
    for c in &out.clusters {
        assert!(c.max_km.is_some_and(|d| d <= 10.0), "{c:?}");
    }
}

#[test]
fn undated_reports_merge_only_when_name_and_toll_agree() {
    let dated = kind(
        toll(
            village("d", "wiki.txt", "Amasrakad", 16.2107, -0.4363, "2024-03-17"),
            13,
            13,
            Some(14),
        ),
        "drone strike",
        "civilians",
    );
    let undated = |id: &str, place: &str, geo: GeoPrecision, best: u32| {
        let mut i = Incident::new(id, "rights.txt");
        i.place = Some(place.into());
        i.country = Some("ML".into());
        i.geo_precision = Some(geo);
        i.deaths.low = Some(best);
        i.deaths.best = Some(best);
        kind(i, "drone strikes", "civilians")
    };
    let mut dated_gao = dated.clone();
    dated_gao.admin1 = Some("Gao".into());

    let same = undated("u", "Amasrakad", GeoPrecision::Place, 13);
    let out = dedup(vec![dated.clone(), same], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1);
    assert!(out.clusters[0].rules[0].contains("undated"));

    let other_toll = undated("u", "Amasrakad", GeoPrecision::Place, 30);
    assert_eq!(
        dedup(vec![dated.clone(), other_toll], &DedupConfig::default())
            .incidents
            .len(),
        2
    );

    let mut no_toll = undated("u", "Amasrakad", GeoPrecision::Place, 13);
    no_toll.deaths.best = None;
    no_toll.deaths.low = None;
    assert_eq!(
        dedup(vec![dated.clone(), no_toll], &DedupConfig::default())
            .incidents
            .len(),
        2
    );

    // a vague area known to contain Gao region, same toll: by name, not distance
    let vague = undated("u", "northern Mali", GeoPrecision::Country, 13);
    let out = dedup(
        vec![dated_gao.clone(), vague.clone()],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 1);
    assert!(out.clusters[0].rules[0].contains("in-area"));
    // "at least 12" does not agree with 13–14 by its open end alone
    let mut open_low = undated("u", "northern Mali", GeoPrecision::Country, 12);
    open_low.deaths.high = None;
    assert_eq!(
        dedup(vec![dated_gao.clone(), open_low], &DedupConfig::default())
            .incidents
            .len(),
        2
    );
    // ... but not without the admin name that places the village in it
    assert_eq!(
        dedup(vec![dated, vague], &DedupConfig::default())
            .incidents
            .len(),
        2
    );
}

/// The Timbuktu camp attack of August 2017 as three dated wire stories
/// (seven, then twelve; thirteen) and one undated feature that gives
/// twelve: the feature agrees with what the dated stories say together,
/// though not with the thirteen alone, and joins them. A feature giving
/// thirty agrees with none of it and stays apart.
#[test]
fn an_undated_report_is_held_to_what_the_cluster_says_together() {
    let story = |id: &str, doc: &str, low: u32, best: u32| {
        kind(
            toll(
                village(id, doc, "Timbuktu", 16.7735, -3.0074, "2017-08-14"),
                low,
                best,
                Some(best),
            ),
            "attack",
            "security forces",
        )
    };
    let feature = |best: u32| {
        let mut i = Incident::new("f", "feature.txt");
        i.place = Some("Timbuktu".into());
        i.country = Some("ML".into());
        i.point = Some(Point::new(-3.0074, 16.7735));
        i.geo_precision = Some(GeoPrecision::Place);
        kind(toll(i, best, best, Some(best)), "attack", "security forces")
    };
    let stories = vec![
        story("a", "wire1.txt", 7, 12),
        story("b", "wire2.txt", 13, 13),
        story("c", "wire3.txt", 13, 13),
    ];
    let mut all = stories.clone();
    all.push(feature(12));
    let out = dedup(all, &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1, "{:?}", ids(&out.incidents));
    assert_eq!(out.incidents[0].deaths.low, Some(7));
    assert_eq!(out.incidents[0].deaths.high, Some(13));

    let mut all = stories;
    all.push(feature(30));
    let out = dedup(all, &DedupConfig::default());
    assert_eq!(out.incidents.len(), 2, "{:?}", ids(&out.incidents));
}

/// Three reports of one ambush: "33 soldiers", "33 soldiers and 20
/// assailants" (53, the attackers counted) and "dozens killed". The 33
/// leaves the attackers out and "dozens" is a floor the 53 meets: neither
/// competes with the 53 for the best, and low and high still span all.
#[test]
fn a_partial_count_and_a_vague_floor_do_not_pull_the_merged_best_down() {
    let ambush = |id: &str, doc: &str, low: u32, best: u32, high: Option<u32>| {
        kind(
            toll(
                village(id, doc, "Tessit", 15.2167, 0.3, "2021-03-15"),
                low,
                best,
                high,
            ),
            "ambush",
            "security forces",
        )
    };
    let mut with_attackers = ambush("a", "army.txt", 53, 53, Some(53));
    with_attackers.flags.push(Flag::AttackersKilled(20));
    let soldiers_only = ambush("b", "wire.txt", 33, 33, Some(33));
    let dozens = ambush("c", "radio.txt", 12, 12, None);
    let out = dedup(
        vec![with_attackers.clone(), soldiers_only.clone(), dozens],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 1, "{:?}", ids(&out.incidents));
    let d = out.incidents[0].deaths;
    assert_eq!((d.low, d.best, d.high), (Some(12), Some(53), Some(53)));
    // two counts that simply differ still give the lower best
    let other = ambush("d", "ngo.txt", 40, 40, Some(40));
    let out = dedup(vec![soldiers_only, other], &DedupConfig::default());
    assert_eq!(out.incidents[0].deaths.best, Some(33));
}

/// A report located only to Tombouctou region and one of the town of
/// Tombouctou, the same day and toll: the town lies in the region named
/// after it, whatever the distance to the region's centre.
#[test]
fn a_region_named_like_its_town_holds_the_town() {
    let town = admin(
        kind(
            toll(
                village(
                    "t",
                    "wire.txt",
                    "Tombouctou",
                    16.7735,
                    -3.0074,
                    "2015-07-02",
                ),
                6,
                6,
                Some(6),
            ),
            "ambush",
            "security forces",
        ),
        "Tombouctou",
        Some("Tombouctou"),
    );
    let mut region = region_report("r", "digest.txt", "Tombouctou", "2015-07-02");
    region.place = Some("Tombouctou".into());
    region.point = Some(Point::new(-3.9, 20.06));
    let region = kind(toll(region, 6, 6, Some(6)), "ambush", "security forces");
    let out = dedup(vec![town, region], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1, "{:?}", ids(&out.incidents));
}

/// Pissila is a town and the department named after it: a report that
/// says "the department of Pissila" and one that says "Pissila", on the
/// same day, are one attack even when their tolls differ (20 to 25 against
/// 27); a week later they are not.
#[test]
fn a_district_named_after_its_town_merges_with_the_town_on_the_same_day() {
    let town = kind(
        toll(
            village("t", "wire.txt", "Pissila", 13.1642, -0.8225, "2020-10-04"),
            27,
            27,
            Some(27),
        ),
        "attack",
        "civilians",
    );
    let district = |date: &str| {
        let mut i = village("d", "ngo.txt", "Pissila", 13.1642, -0.8225, date);
        i.geo_precision = Some(GeoPrecision::Admin2);
        i.country = Some("BF".into());
        kind(toll(i, 20, 25, Some(25)), "attack", "civilians")
    };
    let mut town = town;
    town.country = Some("BF".into());
    let out = dedup(
        vec![town.clone(), district("2020-10-04")],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 1, "{:?}", ids(&out.incidents));
    assert_eq!(out.incidents[0].deaths.low, Some(20));
    assert_eq!(out.incidents[0].deaths.high, Some(27));
    // the district a week later, with a toll that does not meet: another event
    let out = dedup(vec![town, district("2020-10-11")], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 2, "{:?}", ids(&out.incidents));
}

fn occasion(mut i: Incident, what: &str) -> Incident {
    i.flags.push(Flag::Occasion(what.into()));
    i
}

/// A strike on a wedding and one on the funeral held for its victims the
/// next day, told by a village-level report each (one document, a month
/// date) and by an undated region-level summary elsewhere that gives
/// another toll for the wedding and none for the funeral.
fn wedding_and_funeral() -> Vec<Incident> {
    let month = |mut i: Incident| {
        i.date_start = Some(day("2023-11-01"));
        i.date_end = Some(day("2023-11-30"));
        i.date_precision = DatePrecision::Month;
        i
    };
    let village_report = |id: &str, what: &str, best: u32| {
        let mut i = Incident::new(id, "ngo.txt");
        i.place = Some("Dioura".into());
        i.country = Some("ML".into());
        i.geo_precision = Some(GeoPrecision::Place);
        occasion(
            kind(
                toll(month(i), best, best, Some(best)),
                "drone strike",
                "civilians",
            ),
            what,
        )
    };
    let summary = |id: &str, what: &str, best: Option<u32>| {
        let mut i = Incident::new(id, "review.txt");
        i.place = Some("Segou".into());
        i.admin1 = Some("Ségou".into());
        i.country = Some("ML".into());
        i.point = Some(Point::new(-6.2, 13.6));
        i.geo_precision = Some(GeoPrecision::Admin1);
        i.deaths.low = best;
        i.deaths.best = best;
        occasion(kind(i, "drone strike", "civilians"), what)
    };
    vec![
        village_report("n1", "wedding", 6),
        village_report("n2", "funeral", 4),
        summary("r1", "wedding", Some(9)),
        summary("r2", "funeral", None),
    ]
}

#[test]
fn the_same_occasion_merges_reports_that_place_and_toll_alone_would_not() {
    let out = dedup(wedding_and_funeral(), &DedupConfig::default());
    assert_eq!(out.incidents.len(), 2, "{:?}", ids(&out.incidents));
    for inc in &out.incidents {
        let mut members = inc.merge().merged_from.clone();
        members.sort();
        assert!(
            members == ["n1", "r1"] || members == ["n2", "r2"],
            "wedding and funeral reports mixed: {members:?}"
        );
    }
    let wedding = out
        .incidents
        .iter()
        .find(|i| i.merge().merged_from.contains(&"n1".to_string()))
        .expect("wedding cluster");
    // the interval holds both tolls (the summary's "at least 9" leaves the
    // high open); the best is the conservative one
    assert_eq!(
        (wedding.deaths.low, wedding.deaths.best, wedding.deaths.high),
        (Some(6), Some(6), None)
    );
    assert!(out
        .clusters
        .iter()
        .any(|c| c.rules.iter().any(|r| r.contains("same-occasion"))));
    // the merged record keeps the month of the dated report
    assert_eq!(wedding.date_precision, DatePrecision::Month);
}

#[test]
fn different_occasions_never_merge_even_where_everything_else_agrees() {
    let a = occasion(
        kind(
            toll(
                village("a", "one.txt", "Dioura", 14.73, -6.9, "2023-11-05"),
                5,
                5,
                Some(5),
            ),
            "drone strike",
            "civilians",
        ),
        "wedding",
    );
    let b = occasion(
        kind(
            toll(
                village("b", "two.txt", "Dioura", 14.73, -6.9, "2023-11-05"),
                5,
                5,
                Some(5),
            ),
            "drone strike",
            "civilians",
        ),
        "funeral",
    );
    let out = dedup(vec![a.clone(), b], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 2);
    // without occasions the two would be one report of one strike
    let mut c = a.clone();
    c.id = "c".into();
    c.doc = "three.txt".into();
    c.flags.clear();
    assert_eq!(
        dedup(vec![a, c], &DedupConfig::default()).incidents.len(),
        1
    );
}

#[test]
fn an_occasion_does_not_pull_a_report_across_regions_or_countries() {
    let mut reports = wedding_and_funeral();
    // the summary now speaks of Mopti region: a wedding strike elsewhere
    reports[2].admin1 = Some("Mopti".into());
    reports[2].place = Some("Mopti".into());
    reports[0].admin1 = Some("Ségou".into());
    let out = dedup(reports.clone(), &DedupConfig::default());
    assert!(out
        .incidents
        .iter()
        .all(|i| !(i.merge().merged_from.contains(&"n1".to_string())
            && i.merge().merged_from.contains(&"r1".to_string()))));
    // another country
    let mut reports = wedding_and_funeral();
    reports[2].country = Some("BF".into());
    let out = dedup(reports, &DedupConfig::default());
    assert!(out
        .incidents
        .iter()
        .all(|i| !(i.merge().merged_from.contains(&"n1".to_string())
            && i.merge().merged_from.contains(&"r1".to_string()))));
}

/// Many reports of fewer events: copies in several documents with jittered
/// places, dates and tolls, plus datasets and coarse reports.
fn random_reports(n_events: usize, seed: u64) -> Vec<Incident> {
    random_reports_spread(n_events, seed, false)
}

/// With `spread`, events follow each other five days apart, so two events
/// of one region are never within reach of each other's dates: what tells
/// them apart is then in the data, and no merge may mix them.
fn random_reports_spread(n_events: usize, seed: u64, spread: bool) -> Vec<Incident> {
    let mut rng = Rng(seed);
    let types = ["attack", "drone strike", "ambush", "clash"];
    let mut out = Vec::new();
    for e in 0..n_events {
        let lat = rng.range(12.0, 16.0);
        let lon = rng.range(-6.0, 1.0);
        let d0 = if spread {
            day("2020-01-01") + chrono::Days::new(5 * e as u64)
        } else {
            day("2020-01-01") + chrono::Days::new(rng.below(400))
        };
        let best = rng.below(60) as u32;
        let ty = types[rng.below(types.len() as u64) as usize];
        let copies = 1 + rng.below(4);
        for c in 0..copies {
            let mut i = village(
                &format!("e{e}-{c}"),
                &format!("doc{}.txt", rng.below(6)),
                &if spread {
                    format!("Village{e}")
                } else {
                    format!("Village{}", e % 37)
                },
                lat + rng.range(-0.02, 0.02),
                lon + rng.range(-0.02, 0.02),
                "2020-01-01",
            );
            i.date_start = Some(d0 + chrono::Days::new(rng.below(2)));
            i.date_end = i.date_start;
            i.event_type = Some(ty.into());
            match rng.below(5) {
                0 => i.source = Some("acled".into()),
                1 => i.source = Some("ucdp".into()),
                _ => {}
            }
            match rng.below(6) {
                0 => {
                    i.geo_precision = Some(GeoPrecision::Admin1);
                    i.place = Some(format!("Region{}", e % 5));
                    i.admin1 = Some(format!("Region{}", e % 5));
                }
                1 => i.date_precision = DatePrecision::Month,
                2 => {
                    i.date_start = None;
                    i.date_end = None;
                    i.date_precision = DatePrecision::Unknown;
                }
                _ => {}
            }
            if rng.below(8) != 0 {
                let b = (best + rng.below(10) as u32).saturating_sub(5);
                i.deaths.low = Some(b.saturating_sub(rng.below(3) as u32));
                i.deaths.best = Some(b);
                i.deaths.high = (rng.below(4) != 0).then(|| b + rng.below(20) as u32);
            }
            out.push(i);
        }
    }
    out
}

fn totals(v: &[Incident]) -> Tally {
    let slots = vec![Slot::Unassigned; v.len()];
    Aggregate::build(v, &slots, Granularity::Month).grand
}

#[test]
fn aggregates_with_dedup_never_exceed_those_without_and_members_are_kept() {
    for seed in 1..6 {
        let input = random_reports(300, seed);
        let out = dedup(input.clone(), &DedupConfig::default());
        let (before, after) = (totals(&input), totals(&out.incidents));
        assert!(
            after.events < before.events,
            "seed {seed}: something merged"
        );
        assert!(after.deaths_low <= before.deaths_low, "seed {seed}");
        assert!(after.deaths_best <= before.deaths_best, "seed {seed}");
        assert!(after.deaths_high <= before.deaths_high, "seed {seed}");

        // every input report is in exactly one output record
        let mut seen: Vec<String> = out
            .incidents
            .iter()
            .flat_map(|i| {
                if i.merge().merged_from.is_empty() {
                    vec![format!("{}:{}", i.doc, i.id)]
                } else {
                    i.merge().sources.clone()
                }
            })
            .collect();
        seen.sort();
        let mut want: Vec<String> = input
            .iter()
            .map(|i| format!("{}:{}", i.doc, i.id))
            .collect();
        want.sort();
        assert_eq!(seen, want, "seed {seed}");

        // conservation for the rows that remain: rows sum to the records
        let slots: Vec<Slot> = out
            .incidents
            .iter()
            .map(|i| Slot::Region((i.deaths.best.unwrap_or(0) % 3) as usize))
            .collect();
        let agg = Aggregate::build(&out.incidents, &slots, Granularity::Month);
        let mut rows = Tally::default();
        for t in agg.cells.values() {
            rows.merge(t);
        }
        assert_eq!(rows, after);
        let best: u64 = out
            .incidents
            .iter()
            .filter_map(|i| i.deaths.best)
            .map(u64::from)
            .sum();
        assert_eq!(rows.deaths_best, best);

        // every merge is explained, and stays within its thresholds
        let merged = out
            .incidents
            .iter()
            .filter(|i| !i.merge().merged_from.is_empty());
        let rows_merged = out
            .clusters
            .iter()
            .filter(|c| c.decision == Decision::Merged);
        assert_eq!(merged.count(), rows_merged.count());
        for c in &out.clusters {
            if c.decision == Decision::Merged {
                assert!(c.max_day_gap.is_none_or(|g| g <= 62), "{c:?}");
                let docs: std::collections::BTreeSet<&String> = c.docs.iter().collect();
                assert_eq!(docs.len(), c.docs.len(), "one article twice: {c:?}");
            }
        }
    }
}

#[test]
fn input_order_does_not_change_the_output() {
    let input = random_reports(200, 42);
    let want = dedup(input.clone(), &DedupConfig::default());
    let mut rev = input.clone();
    rev.reverse();
    assert_eq!(dedup(rev, &DedupConfig::default()), want);
    let mut rng = Rng(7);
    for _ in 0..5 {
        let mut v = input.clone();
        for k in (1..v.len()).rev() {
            let j = rng.below(k as u64 + 1) as usize;
            v.swap(k, j);
        }
        assert_eq!(dedup(v, &DedupConfig::default()), want);
    }
}

#[test]
fn clusters_csv_explains_each_merge() {
    let out = dedup(three_ways(), &DedupConfig::default());
    let dir = TestDir::new();
    let p = dir.join("dedup_clusters.csv");
    write_clusters_csv(&p, &out.clusters).expect("write");
    let (h, rows) = read_csv(&p);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r[col(&h, "cluster")], "c0001");
    assert_eq!(r[col(&h, "decision")], "merged");
    assert_eq!(r[col(&h, "members")].split(';').count(), 3);
    assert!(r[col(&h, "docs")].contains("encyclopedia.txt"));
    assert_eq!(r[col(&h, "max_day_gap")], "1");
    assert!(r[col(&h, "rules")].contains("same-place"));
    assert!(r[col(&h, "member_tolls")].contains("w1=40/40/40"));
    assert_eq!(r[col(&h, "merged_toll")], "40/40/85");
    assert_eq!(r[col(&h, "policy")], "conservative");
}

#[test]
fn admin_names_of_other_datasets_do_not_block_located_reports() {
    // ACLED cuts Ménaka out of Gao; the gazetteer does not
    let mut row = kind(
        toll(
            village("1", "acled.csv", "Tamalat", 15.9700, 2.0100, "2022-03-08"),
            30,
            30,
            Some(30),
        ),
        "Attack",
        "civilians",
    );
    row.source = Some("acled".into());
    row.admin1 = Some("Menaka".into());
    let art = admin(
        kind(
            toll(
                village("a", "wire.txt", "Tamalat", 15.9750, 2.0150, "2022-03-08"),
                34,
                34,
                None,
            ),
            "attack",
            "civilians",
        ),
        "Gao",
        Some("Ménaka"),
    );
    let out = dedup(vec![row, art.clone()], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1);

    // without coordinates, the region names are all there is to go by
    // (a toll that agrees on the same day would make it the namesake of the
    // located report: one event told by two articles)
    let mut unlocated = toll(
        village("b", "radio.txt", "Tamalat", 0.0, 0.0, "2022-03-08"),
        12,
        12,
        None,
    );
    unlocated.point = None;
    unlocated.admin1 = Some("Tombouctou".into());
    let out = dedup(
        vec![unlocated.clone(), art.clone()],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 2);
    unlocated.admin1 = Some("Gao".into());
    let out = dedup(vec![unlocated, art], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1);
    assert!(
        out.clusters[0].rules[0].ends_with("same-name"),
        "{:?}",
        out.clusters[0].rules
    );
}

#[test]
fn reports_either_side_of_a_month_end_still_meet() {
    let a = toll(
        village("a", "wire.txt", "Boni", 15.0500, -1.9800, "2021-01-31"),
        9,
        9,
        Some(9),
    );
    let b = toll(
        village("b", "ngo.txt", "Boni", 15.0500, -1.9800, "2021-02-01"),
        9,
        9,
        Some(9),
    );
    let mut c = toll(
        village("c", "monthly.csv", "Boni", 15.0510, -1.9810, "2021-02-01"),
        9,
        9,
        Some(9),
    );
    c.date_end = Some(day("2021-02-28"));
    c.date_precision = DatePrecision::Month;
    let out = dedup(vec![a, b, c], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1, "{:?}", ids(&out.incidents));
    assert_eq!(out.incidents[0].date_start, Some(day("2021-01-31")));
}

#[test]
fn report_merges_across_input_files_and_no_dedup_turns_it_off() {
    let t = TestDir::new();
    let line = |id: &str, doc: &str, best: u32| {
        format!(
            "{{\"id\":\"{id}\",\"doc\":\"{doc}\",\"place\":\"Ogossagou\",\"country\":\"ML\",\"lat\":14.2134,\"lon\":-3.6279,\"geo_precision\":\"place\",\"date_start\":\"2019-03-23\",\"date_precision\":\"day\",\"deaths_low\":{best},\"deaths_best\":{best},\"deaths_high\":{best},\"event_type\":\"attack\",\"victims\":\"civilians\"}}\n"
        )
    };
    let a = t.write("wire.ndjson", line("w1", "wire.ndjson", 134));
    let b = t.write("ngo.ndjson", line("n1", "ngo.ndjson", 157));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let sum_events = |dir: &str| -> (u64, u64) {
        let (h, rows) = read_csv(&t.join(dir).join("aggregates_admin1_month.csv"));
        rows.iter().fold((0, 0), |(e, d), r| {
            (
                e + r[col(&h, "events")].parse::<u64>().unwrap(),
                d + r[col(&h, "deaths_best")].parse::<u64>().unwrap(),
            )
        })
    };

    let out = t.run(&["report", a, b, "-o", "merged"]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert!(out.stderr.contains("merged into 1"), "{}", out.stderr);
    assert_eq!(sum_events("merged"), (1, 134));
    let (h, rows) = read_csv(&t.join("merged/dedup_clusters.csv"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][col(&h, "merged_toll")], "134/134/157");

    let out = t.run(&["report", a, b, "-o", "plain", "--no-dedup"]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(sum_events("plain"), (2, 291));
    assert!(!t.join("plain/dedup_clusters.csv").exists());

    let out = t.run(&["report", a, b, "-o", "max", "--dedup-policy", "max"]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(sum_events("max"), (1, 157));

    let out = t.run(&["report", a, b, "--dedup-policy", "loudest"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("--dedup-policy"), "{}", out.stderr);
}

#[test]
fn a_strike_and_the_next_days_strike_pair_with_their_own_reports() {
    // one source tells both strikes (a wedding, then the funeral the next
    // day), another only the wedding: the wedding report must pair with
    // the wedding, whatever the ids
    let strike = |id: &str, doc: &str, date: &str| {
        kind(
            toll(
                village(id, doc, "Konokassi", 14.3574, -6.0241, date),
                5,
                5,
                Some(5),
            ),
            "drone strike",
            "civilians",
        )
    };
    let v = vec![
        strike("b-1", "ngo.txt", "2024-02-17"), // funeral
        strike("b-2", "ngo.txt", "2024-02-16"), // wedding
        strike("a-1", "agency.txt", "2024-02-16"),
    ];
    let out = dedup(v, &DedupConfig::default());
    assert_eq!(out.incidents.len(), 2, "{:?}", ids(&out.incidents));
    let m = out
        .incidents
        .iter()
        .find(|i| !i.merge().merged_from.is_empty())
        .expect("one merge");
    let mut members = m.merge().merged_from.clone();
    members.sort();
    assert_eq!(members, vec!["a-1".to_string(), "b-2".to_string()]);
}

#[test]
fn random_copies_of_far_apart_events_merge_only_with_their_own() {
    let event = |id: &str| id.split('-').next().unwrap_or("").to_string();
    let (mut wrong, mut copies, mut counted, mut ideal) = (0, 0, 0, 0);
    for seed in 11..16 {
        let input = random_reports_spread(300, seed, true);
        let out = dedup(input.clone(), &DedupConfig::default());
        for i in &out.incidents {
            let ids: Vec<String> = if i.merge().merged_from.is_empty() {
                vec![i.id.clone()]
            } else {
                i.merge().merged_from.clone()
            };
            let mut evs: Vec<String> = ids.iter().map(|x| event(x)).collect();
            evs.sort();
            evs.dedup();
            if evs.len() > 1 {
                wrong += 1;
                if wrong < 6 {
                    let c = out.clusters.iter().find(|c| c.merged_id == i.id);
                    eprintln!("{:?}", c);
                    for m in &ids {
                        let x = input.iter().find(|x| &x.id == m).unwrap();
                        eprintln!(
                            "  {} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                            x.id,
                            x.doc,
                            x.place,
                            x.geo_precision,
                            x.lat(),
                            x.lon(),
                            x.date_start,
                            x.date_precision,
                            x.deaths.best,
                            x.source
                        );
                    }
                }
            }
        }
        let mut evs: Vec<String> = input.iter().map(|i| event(&i.id)).collect();
        evs.sort();
        evs.dedup();
        // the fewest records possible: per event, the largest group that
        // may never merge (one document, or one structured dataset)
        let mut groups: std::collections::BTreeMap<(String, String), usize> = Default::default();
        for i in &input {
            let g = match i.source.as_deref() {
                Some(s @ ("acled" | "ucdp")) => s.to_string(),
                _ => i.doc.to_string(),
            };
            *groups.entry((event(&i.id), g)).or_default() += 1;
            if i.source
                .as_deref()
                .is_some_and(|s| s == "acled" || s == "ucdp")
            {
                *groups.entry((event(&i.id), i.doc.to_string())).or_default() += 1;
            }
        }
        let mut most: std::collections::BTreeMap<String, usize> = Default::default();
        for ((e, _), n) in groups {
            let m = most.entry(e).or_default();
            *m = (*m).max(n);
        }
        ideal += most.values().sum::<usize>();
        copies += input.len();
        counted += out.incidents.len();
        assert!(out.incidents.len() >= evs.len(), "seed {seed}");
    }
    assert_eq!(wrong, 0, "records mixing two events");
    eprintln!("random copies: {copies} reports -> {counted} records (at best {ideal})");
    assert!(counted >= ideal);
}

/// Issue 15: dedup blocks its R-trees by document (a big table has trees of
/// its own and is not searched against itself); reports of two big tables,
/// and of a big table and a small one, still meet and merge.
#[test]
fn big_tables_have_trees_of_their_own_and_still_merge() {
    let t = TestDir::new();
    let table = |prefix: &str, n: usize| {
        let mut s = String::from("id,date,lat,lon,deaths_best\n");
        for i in 0..n {
            // one event a day, each far from the day before
            let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                + chrono::Days::new(i as u64 * 3);
            let (lat, lon) = (11.0 + (i % 9) as f64, -11.0 + (i % 13) as f64);
            s.push_str(&format!(
                "{prefix}{i},{day},{lat:.3},{lon:.3},{}\n",
                5 + i % 7
            ));
        }
        s
    };
    t.write("a.csv", table("a", 300));
    t.write("b.csv", table("b", 300));
    t.write("c.csv", table("c", 20));
    let r = t.run(&[
        "report",
        "a.csv",
        "b.csv",
        "c.csv",
        "-o",
        "out",
        "--no-charts",
        "--no-html",
        "--stream",
        "never",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // every event of b meets its report in a; the first 20 also in c
    assert!(
        r.stderr
            .contains("620 report(s) of the same events merged into 300"),
        "{}",
        r.stderr
    );
}

#[test]
fn one_village_name_two_articles_resolved_to_homonyms_the_same_day_is_one_event() {
    // two Kwala in the Koulikoro region, about 150 km apart: one article
    // placed the attack near Mourdiah, the other took the other Kwala
    let kwala = |id: &str, doc: &str, place_id: &str, lat: f64, lon: f64, date: &str| {
        let mut i = admin(
            toll(village(id, doc, "Kwala", lat, lon, date), 30, 30, Some(32)),
            "Koulikoro",
            None,
        );
        i.place_id = Some(place_id.into());
        i
    };
    let a = kwala("a", "wire.txt", "2454220", 14.15, -8.04, "2024-02-28");
    let b = kwala("b", "radio.txt", "2454221", 12.77, -7.85, "2024-02-28");
    let out = dedup(vec![a.clone(), b.clone()], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1, "{:#?}", out.incidents);
    // a day apart, or unresolved names, stay two: homonyms far apart
    let mut later = b.clone();
    later.date_start = Some(day("2024-03-01"));
    later.date_end = later.date_start;
    assert_eq!(
        dedup(vec![a.clone(), later], &DedupConfig::default())
            .incidents
            .len(),
        2
    );
    let mut other_region = b;
    other_region.admin1 = Some("Ségou".into());
    assert_eq!(
        dedup(vec![a, other_region], &DedupConfig::default())
            .incidents
            .len(),
        2
    );
}

#[test]
fn an_air_strike_in_the_days_fighting_at_one_place_is_the_fighting() {
    let report = |id: &str, doc: &str, event_type: &str| {
        kind(
            toll(
                village(id, doc, "Tabankort", 17.98, 0.21, "2015-01-20"),
                7,
                7,
                Some(7),
            ),
            event_type,
            "militants",
        )
    };
    let clash = report("a", "wire.txt", "clashes");
    let strike = report("b", "timeline.txt", "airstrike");
    let out = dedup(vec![clash.clone(), strike.clone()], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1, "{:#?}", out.incidents);
    // another toll: another event, kinds apart
    let other = toll(strike, 2, 2, Some(2));
    assert_eq!(
        dedup(vec![clash, other], &DedupConfig::default())
            .incidents
            .len(),
        2
    );
}

#[test]
fn a_village_one_article_left_unlocated_and_another_placed_at_a_homonym_the_same_day_is_one_event()
{
    // one article kept Niendjela unlocated in the Ségou region it named;
    // another placed the name at the gazetteer's Niendjela in Koulikoro
    let located = admin(
        toll(
            village("a", "wire.txt", "Niendjela", 11.80, -6.60, "2021-10-30"),
            5,
            5,
            Some(5),
        ),
        "Koulikoro",
        None,
    );
    let mut unlocated = admin(
        toll(
            village("b", "radio.txt", "Niendjela", 0.0, 0.0, "2021-10-30"),
            4,
            5,
            Some(5),
        ),
        "Ségou",
        None,
    );
    unlocated.point = None;
    let out = dedup(
        vec![located.clone(), unlocated.clone()],
        &DedupConfig::default(),
    );
    assert_eq!(out.incidents.len(), 1, "{:#?}", out.incidents);
    // tolls that do not agree, or another day, stay two
    let mut other_toll = unlocated.clone();
    other_toll.deaths.low = Some(12);
    other_toll.deaths.best = Some(12);
    other_toll.deaths.high = Some(12);
    assert_eq!(
        dedup(vec![located.clone(), other_toll], &DedupConfig::default())
            .incidents
            .len(),
        2
    );
    let mut other_day = unlocated;
    other_day.date_start = Some(day("2021-11-02"));
    other_day.date_end = other_day.date_start;
    assert_eq!(
        dedup(vec![located, other_day], &DedupConfig::default())
            .incidents
            .len(),
        2
    );
}

#[test]
fn a_report_of_no_dead_and_one_of_dead_at_one_place_are_two_events() {
    // shells on Gao's airport with no casualties; a strike the next day
    // near the town that killed thirteen
    let shells = kind(
        toll(
            village("a", "army.txt", "Gao", 16.27, -0.04, "2024-03-16"),
            0,
            0,
            Some(0),
        ),
        "airstrike",
        "civilians",
    );
    let strike = kind(
        toll(
            village("b", "ngo.txt", "Gao", 16.27, -0.04, "2024-03-17"),
            9,
            13,
            Some(14),
        ),
        "airstrike",
        "civilians",
    );
    let out = dedup(vec![shells.clone(), strike], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 2, "{:#?}", out.incidents);
    // two reports of no dead are one
    let mut again = shells.clone();
    again.id = "c".into();
    again.doc = "radio.txt".into();
    let out = dedup(vec![shells, again], &DedupConfig::default());
    assert_eq!(out.incidents.len(), 1);
}
