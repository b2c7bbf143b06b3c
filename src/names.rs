//! Names: the one home for what the code knows about how places are named.
//!
//! * countries: names (English and French), ISO 3166-1 alpha-2 and alpha-3
//!   codes ([`country_code`], [`country_field`]);
//! * the words that name an administrative unit ("region", "cercle",
//!   "province"...) and the functions that take them off a name
//!   ([`strip_unit_suffix`], [`strip_admin_words`], [`is_generic_word`]);
//! * other spellings of admin-1 regions ([`ADMIN1_ALIASES`]);
//! * vague areas ("northern Mali") and the admin-1 regions they cover
//!   ([`VAGUE_AREAS`]).
//!
//! Tables are data: lowercase and, where they are compared with normalised
//! names, normalised ([`crate::normalize::normalize`]: no
//! accents, punctuation as spaces).

use crate::model::GeoPrecision;
use crate::normalize::normalize;

// ---------------------------------------------------------------------------
// Countries

/// `(alpha-2, alpha-3, display name, names)`: every country of Africa (the
/// project's sources name them), with English and French names as
/// normalised keys.
pub const COUNTRIES: &[(&str, &str, &str, &[&str])] = &[
    ("ML", "MLI", "Mali", &["mali"]),
    ("BF", "BFA", "Burkina Faso", &["burkina faso", "burkina"]),
    ("NE", "NER", "Niger", &["niger"]),
    ("MR", "MRT", "Mauritania", &["mauritania", "mauritanie"]),
    ("DZ", "DZA", "Algeria", &["algeria", "algerie"]),
    ("TD", "TCD", "Chad", &["chad", "tchad"]),
    ("NG", "NGA", "Nigeria", &["nigeria"]),
    ("SN", "SEN", "Senegal", &["senegal"]),
    ("GN", "GIN", "Guinea", &["guinea", "guinee"]),
    (
        "CI",
        "CIV",
        "Côte d'Ivoire",
        &["cote d ivoire", "ivory coast"],
    ),
    ("GH", "GHA", "Ghana", &["ghana"]),
    ("TG", "TGO", "Togo", &["togo"]),
    ("BJ", "BEN", "Benin", &["benin"]),
    (
        "CF",
        "CAF",
        "Central African Republic",
        &["central african republic", "republique centrafricaine"],
    ),
    ("CM", "CMR", "Cameroon", &["cameroon", "cameroun"]),
    ("LY", "LBY", "Libya", &["libya", "libye"]),
    ("MA", "MAR", "Morocco", &["morocco", "maroc"]),
    ("TN", "TUN", "Tunisia", &["tunisia", "tunisie"]),
    ("EG", "EGY", "Egypt", &["egypt", "egypte"]),
    ("SD", "SDN", "Sudan", &["sudan", "soudan"]),
    (
        "SS",
        "SSD",
        "South Sudan",
        &["south sudan", "soudan du sud"],
    ),
    ("ER", "ERI", "Eritrea", &["eritrea", "erythree"]),
    ("ET", "ETH", "Ethiopia", &["ethiopia", "ethiopie"]),
    ("DJ", "DJI", "Djibouti", &["djibouti"]),
    ("SO", "SOM", "Somalia", &["somalia", "somalie"]),
    ("KE", "KEN", "Kenya", &["kenya"]),
    ("UG", "UGA", "Uganda", &["uganda", "ouganda"]),
    ("RW", "RWA", "Rwanda", &["rwanda"]),
    ("BI", "BDI", "Burundi", &["burundi"]),
    ("TZ", "TZA", "Tanzania", &["tanzania", "tanzanie"]),
    (
        "CD",
        "COD",
        "DR Congo",
        &[
            "democratic republic of the congo",
            "dr congo",
            "drc",
            "republique democratique du congo",
            "rdc",
        ],
    ),
    (
        "CG",
        "COG",
        "Republic of the Congo",
        &["republic of the congo", "congo brazzaville", "congo"],
    ),
    ("GA", "GAB", "Gabon", &["gabon"]),
    (
        "GQ",
        "GNQ",
        "Equatorial Guinea",
        &["equatorial guinea", "guinee equatoriale"],
    ),
    (
        "ST",
        "STP",
        "São Tomé and Príncipe",
        &["sao tome and principe", "sao tome et principe"],
    ),
    (
        "GW",
        "GNB",
        "Guinea-Bissau",
        &["guinea bissau", "guinee bissau"],
    ),
    (
        "GM",
        "GMB",
        "The Gambia",
        &["gambia", "the gambia", "gambie"],
    ),
    ("SL", "SLE", "Sierra Leone", &["sierra leone"]),
    ("LR", "LBR", "Liberia", &["liberia"]),
    (
        "CV",
        "CPV",
        "Cabo Verde",
        &["cape verde", "cabo verde", "cap vert"],
    ),
    ("AO", "AGO", "Angola", &["angola"]),
    ("ZM", "ZMB", "Zambia", &["zambia", "zambie"]),
    ("MW", "MWI", "Malawi", &["malawi"]),
    ("MZ", "MOZ", "Mozambique", &["mozambique"]),
    ("ZW", "ZWE", "Zimbabwe", &["zimbabwe"]),
    ("NA", "NAM", "Namibia", &["namibia", "namibie"]),
    ("BW", "BWA", "Botswana", &["botswana"]),
    (
        "ZA",
        "ZAF",
        "South Africa",
        &["south africa", "afrique du sud"],
    ),
    ("LS", "LSO", "Lesotho", &["lesotho"]),
    ("SZ", "SWZ", "Eswatini", &["eswatini", "swaziland"]),
    ("MG", "MDG", "Madagascar", &["madagascar"]),
    ("MU", "MUS", "Mauritius", &["mauritius", "maurice"]),
    ("KM", "COM", "Comoros", &["comoros", "comores"]),
    ("SC", "SYC", "Seychelles", &["seychelles"]),
    (
        "EH",
        "ESH",
        "Western Sahara",
        &["western sahara", "sahara occidental"],
    ),
    ("FR", "FRA", "France", &["france"]),
    (
        "US",
        "USA",
        "United States",
        &["united states", "etats unis"],
    ),
    (
        "GB",
        "GBR",
        "United Kingdom",
        &["united kingdom", "royaume uni"],
    ),
];

/// The ISO 3166-1 alpha-2 code of a country written as a name (English or
/// French, any case or accents), an alpha-3 code of [`COUNTRIES`], or an
/// alpha-2 code (any two letters are taken as one). `None` for a name it
/// does not know: it never passes a name off as a code.
///
/// # Examples
/// ```
/// use casualty_atlas::names::country_code;
/// assert_eq!(country_code("Burkina Faso"), Some("BF".to_string()));
/// assert_eq!(country_code(" ml "), Some("ML".to_string()));
/// assert_eq!(country_code("NER"), Some("NE".to_string()));
/// assert_eq!(country_code("Cameroun"), Some("CM".to_string()));
/// assert_eq!(country_code("Côte d'Ivoire"), Some("CI".to_string()));
/// assert_eq!(country_code("Atlantis"), None);
/// assert_eq!(country_code(""), None);
/// ```
pub fn country_code(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(cc) = country_by_name(&normalize(t)) {
        return Some(cc.to_string());
    }
    if t.len() == 3 {
        let up = t.to_ascii_uppercase();
        if let Some((cc, _, _, _)) = COUNTRIES.iter().find(|(_, a3, _, _)| *a3 == up) {
            return Some(cc.to_string());
        }
    }
    (t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic())).then(|| t.to_ascii_uppercase())
}

/// The alpha-2 code of a country named by a normalised key ("burkina faso",
/// "cote d ivoire"); names only, not codes.
///
/// ```
/// assert_eq!(casualty_atlas::names::country_by_name("niger"), Some("NE"));
/// assert_eq!(casualty_atlas::names::country_by_name("ne"), None);
/// ```
pub fn country_by_name(key: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(_, _, _, names)| names.contains(&key))
        .map(|(cc, _, _, _)| *cc)
}

/// A record's `country` field from what a source wrote: the alpha-2 code
/// when [`country_code`] knows the country, else the text as written
/// (trimmed): a country we cannot name a code for is kept, not guessed.
///
/// ```
/// use casualty_atlas::names::country_field;
/// assert_eq!(country_field("Mali").as_deref(), Some("ML"));
/// assert_eq!(country_field("Cameroon").as_deref(), Some("CM"));
/// assert_eq!(country_field("Atlantis").as_deref(), Some("Atlantis"));
/// assert_eq!(country_field("  "), None);
/// ```
pub fn country_field(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    Some(country_code(t).unwrap_or_else(|| t.to_string()))
}

/// The English display name of a country code ("BF" → "Burkina Faso").
///
/// ```
/// assert_eq!(casualty_atlas::names::country_name("BF"), Some("Burkina Faso"));
/// assert_eq!(casualty_atlas::names::country_name("XX"), None);
/// ```
pub fn country_name(cc: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(c, _, _, _)| *c == cc)
        .map(|(_, _, name, _)| *name)
}

/// The countries whose places the shipped gazetteer holds: the ones whose
/// names the article extractor reads as places.
pub const GAZETTEER_COUNTRIES: &[&str] = &["ML", "BF", "NE"];

/// A country of [`GAZETTEER_COUNTRIES`] named by a lowercase word or name
/// ("mali", "burkina", "burkina faso"): its code and display name.
///
/// ```
/// use casualty_atlas::names::gazetteer_country;
/// assert_eq!(gazetteer_country("burkina"), Some(("BF", "Burkina Faso")));
/// assert_eq!(gazetteer_country("niger"), Some(("NE", "Niger")));
/// assert_eq!(gazetteer_country("nigeria"), None);
/// ```
pub fn gazetteer_country(w: &str) -> Option<(&'static str, &'static str)> {
    type Words = Vec<(&'static str, &'static str, &'static str)>;
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            COUNTRIES
                .iter()
                .filter(|(cc, _, _, _)| GAZETTEER_COUNTRIES.contains(cc))
                .flat_map(|(cc, _, name, names)| names.iter().map(move |n| (*n, *cc, *name)))
                .collect()
        })
        .iter()
        .find(|(n, _, _)| *n == w)
        .map(|(_, cc, name)| (*cc, *name))
}

/// Demonyms (lowercase, as written) and the country they imply ("Malian
/// troops").
pub const DEMONYMS: &[(&str, &str)] = &[
    ("malian", "ML"),
    ("malians", "ML"),
    ("burkinabe", "BF"),
    ("burkinabè", "BF"),
    ("burkinabes", "BF"),
    ("nigerien", "NE"),
    ("nigerienne", "NE"),
    ("nigeriens", "NE"),
];

/// The country a demonym implies.
///
/// ```
/// assert_eq!(casualty_atlas::names::demonym_country("burkinabè"), Some("BF"));
/// assert_eq!(casualty_atlas::names::demonym_country("french"), None);
/// ```
pub fn demonym_country(w: &str) -> Option<&'static str> {
    // asked of every word of every sentence: most are out at the first letter
    if !matches!(w.as_bytes().first(), Some(b'm' | b'b' | b'n')) {
        return None;
    }
    DEMONYMS.iter().find(|(d, _)| *d == w).map(|(_, cc)| *cc)
}

// ---------------------------------------------------------------------------
// Administrative-unit words

/// Words that name an administrative unit, lowercase, with the level they
/// name (`None`: a unit below admin-2, such as a commune). English and
/// French, with and without accents.
pub const ADMIN_UNIT_WORDS: &[(&str, Option<GeoPrecision>)] = &[
    ("region", Some(GeoPrecision::Admin1)),
    ("regions", Some(GeoPrecision::Admin1)),
    ("région", Some(GeoPrecision::Admin1)),
    ("régions", Some(GeoPrecision::Admin1)),
    ("state", Some(GeoPrecision::Admin1)),
    ("cercle", Some(GeoPrecision::Admin2)),
    ("circle", Some(GeoPrecision::Admin2)),
    ("province", Some(GeoPrecision::Admin2)),
    ("department", Some(GeoPrecision::Admin2)),
    ("département", Some(GeoPrecision::Admin2)),
    ("departement", Some(GeoPrecision::Admin2)),
    ("prefecture", Some(GeoPrecision::Admin2)),
    ("préfecture", Some(GeoPrecision::Admin2)),
    ("district", Some(GeoPrecision::Admin2)),
    ("commune", None),
];

/// Words for a settlement rather than a unit, dropped with the unit words
/// when place names are compared ([`is_generic_word`]).
pub const SETTLEMENT_WORDS: &[&str] = &["village", "town", "city"];

/// Small words between a unit word and the name ("Cercle de Niono",
/// "Region of Mopti").
pub const UNIT_CONNECTORS: &[&str] = &["de", "du", "des", "of"];

/// Articles and connectors dropped when normalised place names are
/// compared ("la", "l" of "l'est").
pub const NAME_FILLERS: &[&str] = &["of", "the", "de", "du", "des", "d", "la", "le", "les", "l"];

/// Is `w` (lowercase) an administrative-unit word? Some(level) for the
/// region and cercle/province words, `Some(None)` for a commune.
pub fn admin_unit_word(w: &str) -> Option<Option<GeoPrecision>> {
    ADMIN_UNIT_WORDS
        .iter()
        .find(|(u, _)| *u == w)
        .map(|(_, level)| *level)
}

/// The level an administrative-unit word names (`region` → admin-1,
/// `cercle` → admin-2; `None` for other words and for `commune`).
pub fn admin_unit_level(w: &str) -> Option<GeoPrecision> {
    admin_unit_word(w).flatten()
}

/// One trailing unit word taken off, as structured sources write admin
/// names ("Mopti region", "Soum province").
///
/// ```
/// use casualty_atlas::names::strip_unit_suffix;
/// assert_eq!(strip_unit_suffix("Mopti region"), "Mopti");
/// assert_eq!(strip_unit_suffix("Douentza Cercle "), "Douentza");
/// assert_eq!(strip_unit_suffix("Region"), "Region");
/// assert_eq!(strip_unit_suffix("Gao"), "Gao");
/// ```
pub fn strip_unit_suffix(s: &str) -> &str {
    let t = s.trim();
    match t.rsplit_once(char::is_whitespace) {
        Some((head, last))
            if !head.trim().is_empty() && admin_unit_word(&last.to_lowercase()).is_some() =>
        {
            head.trim()
        }
        _ => t,
    }
}

/// Unit words taken off both ends of a name, and the connector after a
/// leading one, with its article ("Ségou Region" → "Ségou", "Cercle de
/// Niono" → "Niono", "Département d'Ouallam" → "Ouallam", "Province de la
/// Kossi" → "Kossi"); a name of one word is kept.
///
/// ```
/// use casualty_atlas::names::strip_admin_words;
/// assert_eq!(strip_admin_words("Cercle de Niono"), "Niono");
/// assert_eq!(strip_admin_words("Ségou Region"), "Ségou");
/// assert_eq!(strip_admin_words("Département d'Ouallam"), "Ouallam");
/// assert_eq!(strip_admin_words("Bankass Cercle"), "Bankass");
/// assert_eq!(strip_admin_words("Province de la Kossi"), "Kossi");
/// assert_eq!(strip_admin_words("Province de l'Oudalan"), "Oudalan");
/// assert_eq!(strip_admin_words("Region"), "Region");
/// ```
pub fn strip_admin_words(s: &str) -> String {
    let unit = |w: &str| admin_unit_word(&w.to_lowercase()).is_some();
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| unit(w)) {
        words.pop();
    }
    let mut lead = 0;
    while words.len() - lead > 1
        && (unit(words[lead]) || UNIT_CONNECTORS.contains(&words[lead].to_lowercase().as_str()))
    {
        lead += 1;
    }
    if lead > 0 {
        // "Province de la Kossi": an article after the connector
        if words.len() - lead > 1
            && ["la", "le", "les"].contains(&words[lead].to_lowercase().as_str())
        {
            lead += 1;
        }
        // "d'Ouallam", "l'Oudalan": the elided word is part of the name's
        for elided in ["d'", "d’", "l'", "l’", "D'", "D’", "L'", "L’"] {
            if let Some(rest) = words[lead].strip_prefix(elided).filter(|r| !r.is_empty()) {
                words[lead] = rest;
                break;
            }
        }
    }
    words[lead..].join(" ")
}

/// Is `w` (a word of a normalised name) generic, left out when place names
/// are compared: a unit word, a settlement word or a filler.
pub fn is_generic_word(w: &str) -> bool {
    admin_unit_word(w).is_some() || SETTLEMENT_WORDS.contains(&w) || NAME_FILLERS.contains(&w)
}

// ---------------------------------------------------------------------------
// Compass words

/// Compass words, English and French, with the adjective each gives an
/// area ("the east of the country" -> "eastern Burkina Faso").
pub const COMPASS: &[(&str, &str)] = &[
    ("north", "northern"),
    ("south", "southern"),
    ("east", "eastern"),
    ("west", "western"),
    ("northeast", "north-eastern"),
    ("north-east", "north-eastern"),
    ("northwest", "north-western"),
    ("north-west", "north-western"),
    ("southeast", "south-eastern"),
    ("south-east", "south-eastern"),
    ("southwest", "south-western"),
    ("south-west", "south-western"),
    ("nord", "northern"),
    ("sud", "southern"),
    ("est", "eastern"),
    ("ouest", "western"),
];

/// The area adjective of compass word `w` (English or French).
///
/// ```
/// assert_eq!(casualty_atlas::names::compass_adjective("south-east"), Some("south-eastern"));
/// assert_eq!(casualty_atlas::names::compass_adjective("ouest"), Some("western"));
/// assert_eq!(casualty_atlas::names::compass_adjective("centre"), None);
/// ```
pub fn compass_adjective(w: &str) -> Option<&'static str> {
    COMPASS.iter().find(|(c, _)| *c == w).map(|(_, a)| *a)
}

// ---------------------------------------------------------------------------
// Admin-1 spellings

/// Admin-1 regions that sources spell in several ways (pre/post reform,
/// French/English): the normalised name of the boundaries data, then the
/// other spellings as sources write them.
pub const ADMIN1_ALIASES: &[(&str, &[&str])] = &[
    ("tombouctou", &["Timbuktu", "Tomboctou"]),
    ("taoudenit", &["Taoudeni"]),
    ("segou", &["Segu"]),
    ("tillaberi", &["Tillabery"]),
    ("menaka", &["Ménaka"]),
    ("boucle du mouhoun", &["Mouhoun"]),
    ("centre nord", &["Centre-Nord"]),
    ("hauts bassins", &["Haut-Bassins"]),
];

/// Mali's regions carved out of older ones (2016 and 2023 reforms), as
/// normalised `(new, former)` names: a source may still place Indelimane
/// "in the Gao region" where the boundaries now say Ménaka.
pub const FORMER_REGIONS: &[(&str, &str)] = &[
    ("menaka", "gao"),
    ("taoudenit", "tombouctou"),
    ("bandiagara", "mopti"),
    ("douentza", "mopti"),
    ("san", "segou"),
    ("bougouni", "sikasso"),
    ("koutiala", "sikasso"),
    ("dioila", "koulikoro"),
    ("nara", "koulikoro"),
    ("kita", "kayes"),
    ("nioro", "kayes"),
];

/// Whether two canonical admin-1 names are one region or a region and the
/// one it was carved from.
///
/// ```
/// use casualty_atlas::names::same_region_then_or_now;
/// assert!(same_region_then_or_now("menaka", "gao"));
/// assert!(same_region_then_or_now("gao", "gao"));
/// assert!(!same_region_then_or_now("kidal", "gao"));
/// ```
pub fn same_region_then_or_now(a: &str, b: &str) -> bool {
    a == b
        || FORMER_REGIONS
            .iter()
            .any(|&(new, old)| (a, b) == (new, old) || (a, b) == (old, new))
}

/// Other spellings of the admin-1 region named `name` (any spelling).
///
/// ```
/// assert_eq!(casualty_atlas::names::admin1_aliases("Tombouctou"), ["Timbuktu", "Tomboctou"]);
/// assert!(casualty_atlas::names::admin1_aliases("Mopti").is_empty());
/// ```
pub fn admin1_aliases(name: &str) -> &'static [&'static str] {
    let n = normalize(name);
    ADMIN1_ALIASES
        .iter()
        .find(|(canon, _)| *canon == n)
        .map_or(&[], |(_, other)| *other)
}

/// The one spelling of a normalised admin-1 name ("timbuktu" →
/// "tombouctou"); other names unchanged.
///
/// ```
/// assert_eq!(casualty_atlas::names::admin1_canonical("timbuktu"), "tombouctou");
/// assert_eq!(casualty_atlas::names::admin1_canonical("mopti"), "mopti");
/// ```
pub fn admin1_canonical(key: &str) -> String {
    // (the aliases normalised once: this runs for every candidate unit a
    // place is checked against)
    static NORMALISED: std::sync::OnceLock<Vec<(&'static str, String)>> =
        std::sync::OnceLock::new();
    let table = NORMALISED.get_or_init(|| {
        ADMIN1_ALIASES
            .iter()
            .flat_map(|(canon, other)| other.iter().map(move |o| (*canon, normalize(o))))
            .collect()
    });
    table
        .iter()
        .find(|(_, o)| o == key)
        .map_or(key, |(canon, _)| *canon)
        .to_string()
}

// ---------------------------------------------------------------------------
// Vague areas

/// Vague areas named in reports (their spellings, normalised), their country
/// and the admin-1 regions they cover (normalised, canonical spellings: [`admin1_canonical`]).
///
/// Rule for which regions a direction covers, from the OCHA admin-1
/// boundaries (`../shared/data/boundaries/*_adm1.geojson`): a region whose
/// centroid lies in the western (eastern) third of the country's extent in
/// longitude is in its west (east); a compound direction takes the regions
/// of its corner. The rule settled the entries the two former tables
/// disagreed on: western Niger is Tillabéri, Niamey, Dosso and Tahoua
/// (centroids at 0.12–0.32 of Niger's width; Maradi, next, at 0.45);
/// eastern Burkina Faso is Est (0.81) and Centre-Est (0.67); eastern and
/// south-eastern Niger are Diffa (0.83; Zinder lies at 0.62).
pub const VAGUE_AREAS: &[(&[&str], &str, &[&str])] = &[
    (
        &["northern mali", "north mali"],
        "ML",
        &["tombouctou", "gao", "kidal", "menaka", "taoudenit"],
    ),
    (
        &["central mali", "centre mali", "center mali"],
        "ML",
        &["mopti", "segou"],
    ),
    (
        &["southern mali", "south mali"],
        "ML",
        &["sikasso", "koulikoro", "kayes", "bamako"],
    ),
    (
        &["western mali", "west mali"],
        "ML",
        &["kayes", "koulikoro"],
    ),
    (&["eastern mali", "east mali"], "ML", &["gao", "menaka"]),
    (
        &[
            "northern burkina faso",
            "north burkina faso",
            "northern burkina",
        ],
        "BF",
        &["sahel", "nord", "centre nord"],
    ),
    (
        &[
            "eastern burkina faso",
            "east burkina faso",
            "eastern burkina",
        ],
        "BF",
        &["est", "centre est"],
    ),
    (
        &["western burkina faso", "west burkina faso"],
        "BF",
        &["boucle du mouhoun", "hauts bassins", "cascades"],
    ),
    (
        &["southern burkina faso", "south burkina faso"],
        "BF",
        &["sud ouest", "centre sud", "cascades"],
    ),
    (
        &["central burkina faso", "centre burkina faso"],
        "BF",
        &["centre", "plateau central", "centre nord", "centre ouest"],
    ),
    (
        &["western niger", "west niger"],
        "NE",
        &["tillaberi", "tahoua", "dosso", "niamey"],
    ),
    (
        &[
            "southeastern niger",
            "south eastern niger",
            "southeast niger",
            "eastern niger",
        ],
        "NE",
        &["diffa"],
    ),
    (&["northern niger", "north niger"], "NE", &["agadez"]),
    (
        &["southern niger", "south niger"],
        "NE",
        &["maradi", "zinder", "dosso"],
    ),
];

/// The vague area a normalised key names: its country and the admin-1
/// regions it covers.
///
/// ```
/// let (cc, covers) = casualty_atlas::names::vague_area("western niger").unwrap();
/// assert_eq!((cc, covers.len()), ("NE", 4));
/// assert!(casualty_atlas::names::vague_area("mopti").is_none());
/// ```
pub fn vague_area(key: &str) -> Option<(&'static str, &'static [&'static str])> {
    VAGUE_AREAS
        .iter()
        .find(|(spellings, _, _)| spellings.contains(&key))
        .map(|(_, cc, covers)| (*cc, *covers))
}

/// The admin-1 regions a vague area covers (empty for other keys), as
/// [`vague_area`].
pub fn vague_covers(key: &str) -> &'static [&'static str] {
    vague_area(key).map_or(&[], |(_, covers)| covers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_normalised() {
        for (cc, a3, _, names) in COUNTRIES {
            assert_eq!(cc.len(), 2);
            assert_eq!(a3.len(), 3);
            for n in *names {
                assert_eq!(normalize(n), *n, "{n}");
            }
        }
        for (spellings, cc, covers) in VAGUE_AREAS {
            for area in *spellings {
                assert_eq!(normalize(area), *area);
            }
            assert!(COUNTRIES.iter().any(|(c, _, _, _)| c == cc));
            for r in *covers {
                assert_eq!(normalize(r), *r);
                assert_eq!(admin1_canonical(r), *r, "{r} is not the canonical spelling");
            }
        }
    }

    #[test]
    fn the_extractor_reads_the_gazetteer_countries_only() {
        for w in ["mali", "burkina", "burkina faso", "niger"] {
            assert!(gazetteer_country(w).is_some(), "{w}");
        }
        // countries the names table knows, but no place of theirs is in the gazetteer
        for w in ["nigeria", "algeria", "chad", "faso", "malian"] {
            assert_eq!(gazetteer_country(w), None, "{w}");
        }
        for cc in GAZETTEER_COUNTRIES {
            assert!(country_name(cc).is_some());
        }
    }

    #[test]
    fn vague_areas_cover_canonical_regions() {
        // Zinder lies at 0.62 of Niger's width: not in its east
        assert_eq!(vague_covers("eastern niger"), ["diffa"]);
        // a source's "Timbuktu" is Tombouctou, which northern Mali covers
        assert!(vague_covers("northern mali").contains(&admin1_canonical("timbuktu").as_str()));
        assert!(vague_covers("northeastern mali").is_empty());
    }

    #[test]
    fn unit_words() {
        assert_eq!(admin_unit_level("région"), Some(GeoPrecision::Admin1));
        assert_eq!(admin_unit_level("cercle"), Some(GeoPrecision::Admin2));
        assert_eq!(admin_unit_level("commune"), None);
        assert!(admin_unit_word("commune").is_some());
        assert!(is_generic_word("village") && is_generic_word("de") && is_generic_word("cercle"));
        assert!(!is_generic_word("mopti"));
        assert_eq!(strip_unit_suffix("Soum  province"), "Soum");
        assert_eq!(strip_admin_words("Région de Mopti"), "Mopti");
    }
}
