//! Finding the place names of one sentence: vague areas ("central Mali"),
//! countries, and capitalised runs looked up as exact n-grams (an unknown
//! word after a place cue gets a fuzzy lookup). The names found are then
//! resolved together ([`super::resolve`]).

use super::*;

/// Candidate pending resolution.
pub(super) struct Pending {
    pub(super) first: usize,
    pub(super) next: usize,
    pub(super) written: String,
    pub(super) lookup: String,
    pub(super) key: String,
    pub(super) want: Option<GeoPrecision>,
    pub(super) cue: bool,
    pub(super) strong: bool,
}

/// A name found at a token: one past its end, its written form, its key.
type Found = (usize, String, String);

/// One sentence being scanned.
struct Scan<'s, 'c> {
    text: &'s str,
    t: &'s [Token<'s>],
    masked: &'s [bool],
    gaz: &'s Gazetteer,
    cache: &'c mut PlaceCache,
    /// The text around the sentence, where a lowercase use of a word is
    /// looked for.
    near: &'s str,
    key_buf: String,
    out: Vec<PlaceMention>,
    pending: Vec<Pending>,
}

/// Finds place mentions in one sentence.
pub fn find_places(
    text: &str,
    t: &[Token],
    masked: &[bool],
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
) -> Vec<PlaceMention> {
    let mut scan = Scan {
        text,
        t,
        masked,
        gaz,
        cache,
        near: near_text(text, t),
        key_buf: String::new(),
        out: Vec::new(),
        pending: Vec::new(),
    };
    let mut i = 0;
    while i < t.len() {
        i = scan.at(i);
    }
    let Scan {
        cache,
        mut out,
        pending,
        ..
    } = scan;
    let (hint, anchor) = sentence_hint(t, gaz, cache, &out, &pending);
    resolve_pending(t, gaz, cache, &hint, anchor, pending, &mut out);
    out.sort_by_key(|m| m.first);
    measured_from_the_town(t, &mut out);
    homonym_far_from_its_unit(t, &mut out, cache);
    area_of_a_town(t, &mut out);
    out
}

/// "a village in the Djenné area", "in the Sofara vicinity": the town
/// names an area the event was in, near the town rather than in it.
fn area_of_a_town(t: &[Token], out: &mut [PlaceMention]) {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    for m in out.iter_mut() {
        let area = matches!(w(m.next), "area" | "vicinity" | "surroundings")
            && m.first >= 1
            && w(m.first - 1) == "the";
        if area
            && m.place.precision == GeoPrecision::Place
            && !m.place.vague
            && m.place.lat.is_some()
        {
            m.place.near = true;
            m.place.precision = GeoPrecision::Admin2;
        }
    }
}

/// Whether place `p` lies outside unit `u`: by the admin names the gazetteer
/// gives both (a region, a cercle), or, for a commune named by its seat, by
/// distance (over 150 km).
fn outside_unit(p: &PlaceRef, u: &PlaceRef, at: (f64, f64), seat: (f64, f64)) -> bool {
    let norm = |s: &str| crate::names::admin1_canonical(&norm_key(s));
    let differ = |a: &Option<String>, b: Option<String>| match (a, b) {
        (Some(a), Some(b)) => norm(a) != norm(&b),
        _ => false,
    };
    match u.precision {
        // (a region as it was before a reform holds its new parts)
        GeoPrecision::Admin1 => {
            match (&p.admin1, u.admin1.clone().or_else(|| Some(u.name.clone()))) {
                (Some(a), Some(b)) => !crate::names::same_region_then_or_now(&norm(a), &norm(&b)),
                _ => false,
            }
        }
        GeoPrecision::Admin2 => {
            // (a neighbouring cercle of the same region within reach may
            // be the source's reading of a border: "près d'Indelimane, dans
            // le cercle d'Ansongo" where GeoNames puts the well in Ménaka's)
            let region_differs = match (&p.admin1, &u.admin1) {
                (Some(a), Some(b)) => !crate::names::same_region_then_or_now(&norm(a), &norm(b)),
                _ => false,
            };
            if p.admin2.is_some() && u.admin2.is_some() {
                differ(&p.admin2, u.admin2.clone())
                    && (region_differs || crate::spatial::haversine_km(at, seat) > 150.0)
            } else {
                region_differs
            }
        }
        GeoPrecision::Place => crate::spatial::haversine_km(at, seat) > 150.0,
        GeoPrecision::Country => {
            p.country.is_some() && u.country.is_some() && p.country != u.country
        }
    }
}

/// "the village of Dèye Koukou, also in Banibangou commune": a place whose
/// gazetteer entry lies far (over 150 km) from the unit named right after
/// it is a homonym; the village is kept unlocated, in that unit's admin
/// units and country (CODEBOOK §4: never a wrong point), here and in the
/// document's later sentences.
fn homonym_far_from_its_unit(t: &[Token], out: &mut [PlaceMention], cache: &mut PlaceCache) {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let unit_word = |x: &str| admin_word(x).is_some() || matches!(x, "commune" | "municipality");
    for i in 0..out.len() {
        let (head, tail) = out.split_at_mut(i + 1);
        let m = &mut head[i];
        let (Some(lat), Some(lon)) = (m.place.lat, m.place.lon) else {
            continue;
        };
        // (a place the sentence's units already chose stays: "the camp in
        // Dioura, in the commune of Karéri, Ténenkou cercle")
        if m.place.precision != GeoPrecision::Place
            || m.place.vague
            || m.place.near
            || m.place.hinted
        {
            continue;
        }
        // ("Dembo, a village of the commune of Dimbal in the Bankass
        // cercle": an apposition that describes the village reaches a unit
        // further on)
        // ("le village de Dembo, commune de Dimbal, dans le cercle de
        // Bankass", read "commune of Dimbal, in the cercle of Bankass")
        let described = w(m.next) == ","
            && ((matches!(w(m.next + 1), "a" | "an")
                && (settlement_noun(w(m.next + 2)) || settlement_noun(w(m.next + 3))))
                || matches!(w(m.next + 1), "commune" | "municipality"));
        // (a cercle, a region, a province: not a commune named by its seat,
        // which may itself be a homonym)
        let admin_unit = |u: &PlaceMention| {
            u.place.precision != GeoPrecision::Place
                || admin_word(w(u.next)).is_some()
                || (u.first >= 2
                    && matches!(w(u.first - 1), "of" | "de" | "du")
                    && admin_word(w(u.first - 2)).is_some())
        };
        // (past a commune the gazetteer does not know: "commune of Dimbal")
        let Some(u) = tail.iter().find(|u| {
            u.first >= m.next
                && u.place.lat.is_some()
                && (u.first <= m.next + 6 || (described && u.first <= m.next + 14 && admin_unit(u)))
        }) else {
            continue;
        };
        let (Some(ulat), Some(ulon)) = (u.place.lat, u.place.lon) else {
            continue;
        };
        let same_clause = (m.next..u.first).all(|k| !t[k].is_punct('.') && !t[k].is_punct(';'));
        let named_as_unit = unit_word(w(u.next))
            || (u.first >= 2
                && matches!(w(u.first - 1), "of" | "de" | "du")
                && unit_word(w(u.first - 2)))
            || u.place.precision != GeoPrecision::Place;
        let into = |x: &str| matches!(x, "in" | "dans" | "of" | "de" | "du" | "(");
        // ("in Bankass cercle", "in the Bankass cercle")
        let held = u.first >= 1
            && (into(w(u.first - 1))
                || (u.first >= 2 && w(u.first - 1) == "the" && into(w(u.first - 2))));
        if !(same_clause && named_as_unit && (held || unit_word(w(u.first - 1)))) {
            continue;
        }
        if !outside_unit(&m.place, &u.place, (lon, lat), (ulon, ulat)) {
            continue;
        }
        let p = &mut m.place;
        // (and through the document: "Dembo" alone later is the same village)
        cache.abroad.insert(p.key.clone());
        p.lat = None;
        p.lon = None;
        p.place_id = None;
        p.admin1.clone_from(&u.place.admin1);
        p.admin2 = u
            .place
            .admin2
            .clone()
            .or_else(|| Some(u.place.name.clone()));
        p.country.clone_from(&u.place.country);
    }
}

/// "driving back towards Pama when the device went off fifteen kilometres
/// north of the town": the town a later distance is measured from, named
/// before for another reason, is the event's landmark.
fn measured_from_the_town(t: &[Token], out: &mut [PlaceMention]) {
    if !out.iter().any(|m| m.role == Role::Other) {
        return;
    }
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let Some(at) = (0..t.len()).find(|&k| {
        distance_unit(w(k))
            && (k + 1..(k + 6).min(t.len())).any(|j| {
                matches!(w(j), "of" | "from" | "de")
                    && matches!(w(j + 1), "the" | "la" | "l'")
                    && super::settlement_noun(w(j + 2))
                    && !(matches!(w(j + 3), "of" | "de") || t.get(j + 3).is_some_and(|x| x.cap))
            })
    }) else {
        return;
    };
    // (past the province an apposition names: "towards Pama, the main
    // town of Kompienga province, ...")
    let town_named = out
        .iter_mut()
        .rev()
        .filter(|m| m.first < at)
        .find(|m| m.place.precision == GeoPrecision::Place && !m.place.vague);
    if let Some(m) = town_named {
        if m.role == Role::Other {
            m.role = Role::Near;
        }
    }
}

/// The text within 4,000 bytes of the sentence's start.
fn near_text<'s>(text: &'s str, t: &[Token]) -> &'s str {
    let at = t.first().map(|x| x.start).unwrap_or(0);
    let mut a = at.saturating_sub(4_000);
    let mut b = (at + 4_000).min(text.len());
    while a > 0 && !text.is_char_boundary(a) {
        a -= 1;
    }
    while b < text.len() && !text.is_char_boundary(b) {
        b += 1;
    }
    text.get(a..b).unwrap_or("")
}

impl<'s> Scan<'s, '_> {
    fn w(&self, k: usize) -> &'s str {
        self.t.get(k).map(|x| x.lw()).unwrap_or("")
    }

    fn masked(&self, k: usize) -> bool {
        self.masked.get(k).copied().unwrap_or(false)
    }

    fn cue_before(&self, i: usize) -> bool {
        i > 0 && PLACE_CUES.has(self.w(i - 1))
    }

    /// Scans from token `i`; returns the token to go on from.
    fn at(&mut self, i: usize) -> usize {
        let t = self.t;
        if self.masked(i) || t[i].kind != Kind::Word {
            return i + 1;
        }
        if let Some(next) = self.vague_area(i) {
            return next;
        }
        if self.w(i) == "capital" {
            self.the_capital(i);
        }
        if !t[i].cap {
            return i + 1;
        }
        if let Some(next) = self.country(i) {
            return next;
        }
        let end = self.run_end(i);
        self.run(i, end);
        end.max(i + 1)
    }

    /// "In the capital, police were still questioning suspects over the
    /// shooting": the capital of the country the document is about, when
    /// the text does not name it right after ("the capital Bamako", "the
    /// capital, Bamako" name it themselves).
    fn the_capital(&mut self, i: usize) {
        let t = self.t;
        let named_after = t.get(i + 1).is_some_and(|x| x.cap && x.kind == Kind::Word)
            || (self.w(i + 1) == "," && t.get(i + 2).is_some_and(|x| x.cap));
        if i < 2
            || self.w(i - 1) != "the"
            || !matches!(self.w(i - 2), "in" | "at" | "near" | "outside")
            || named_after
        {
            return;
        }
        let name = match self.cache.document_country() {
            Some("ML") => "Bamako",
            Some("BF") => "Ouagadougou",
            Some("NE") => "Niamey",
            _ => return,
        };
        let Some((pl, _)) = self
            .gaz
            .exact(&norm_key(name))
            .find(|(p, _)| p.feature_code == "PPLC")
        else {
            return;
        };
        self.out.push(PlaceMention {
            first: i,
            next: i + 1,
            place: place_ref(pl, name, GeoPrecision::Place),
            role: role_of(t, i - 1),
            cue: true,
        });
    }

    /// Vague areas: "central Mali", "northern Burkina Faso".
    fn vague_area(&mut self, i: usize) -> Option<usize> {
        let lw = strip_possessive(self.w(i));
        let c = strip_possessive(self.w(i + 1));
        if !(country_code(c).is_some() && DIRECTIONS.has(lw)) {
            return None;
        }
        let (code, cname) = country_code(c)?;
        let mut next = i + 2;
        if code == "BF"
            && strip_possessive(self.w(i + 1)) == "burkina"
            && strip_possessive(self.w(i + 2)) == "faso"
        {
            next += 1;
        }
        let dir = if lw == "centre" || lw == "center" {
            "central"
        } else {
            lw
        };
        let name = format!("{dir} {cname}");
        self.out.push(PlaceMention {
            first: i,
            next,
            place: bare(&name, Some(code), GeoPrecision::Country, true),
            role: role_of(self.t, i),
            cue: self.cue_before(i),
        });
        Some(next)
    }

    /// A country's name (not a river, a state or an organisation named
    /// after it); `None` when the word is no country.
    fn country(&mut self, i: usize) -> Option<usize> {
        let lw = strip_possessive(self.w(i));
        let (code, cname) = country_code(lw)?;
        let mut next = i + 1;
        if code == "BF" {
            if strip_possessive(self.w(i + 1)) == "faso" {
                next += 1;
            }
        } else if matches!(self.w(i + 1), "river" | "delta" | "state" | "basin")
            || (code == "NE" && self.w(i + 1) == "-")
        {
            return Some(i + 1);
        }
        // "the Mali Army": an organisation
        let n = self.t.len();
        let org = (next..(next + 2).min(n)).any(|k| ORG_WORDS.has(self.w(k)) && self.t[k].cap);
        if !org {
            self.out.push(PlaceMention {
                first: i,
                next,
                place: bare(cname, Some(code), GeoPrecision::Country, true),
                role: role_of(self.t, i),
                cue: self.cue_before(i),
            });
        }
        Some(next)
    }

    /// One past a capitalised run from `i` ("Boulkessi", "Gourma-Rharous",
    /// "Bourem Inaly", "Dan Na Ambassagou"; connectors between capitals).
    fn run_end(&self, i: usize) -> usize {
        let (t, n) = (self.t, self.t.len());
        let mut end = i + 1;
        while end < n {
            if t[end].kind == Kind::Word && t[end].cap && !self.masked(end) {
                end += 1;
            } else if t[end].kind == Kind::Word
                && is_connector(&t[end].lower)
                && end + 1 < n
                && t[end + 1].cap
                && t[end + 1].kind == Kind::Word
            {
                end += 2;
            } else {
                break;
            }
        }
        end
    }

    /// "Battle of X", "Siege of X": the token where the place starts.
    fn battle_of(&self, i: usize, end: usize) -> Option<usize> {
        if !matches!(
            strip_possessive(self.w(i)),
            "battle" | "siege" | "second" | "first" | "third"
        ) {
            return None;
        }
        let mut k = i;
        while k < end && matches!(self.w(k), "second" | "first" | "third") {
            k += 1;
        }
        if !(matches!(self.w(k), "battle" | "siege") && self.w(k + 1) == "of") {
            return None;
        }
        let mut start = k + 2;
        if self.w(start) == "the" {
            start += 1;
        }
        Some(start)
    }

    /// People: "prosecutor Dramane Diarra told AFP", "Amadou Koufa said".
    fn is_person(&self, i: usize, end: usize) -> bool {
        let w = |k: usize| self.w(k);
        let role_before = i > 0 && PERSON_ROLES.has(w(i - 1));
        // ("Dan Issa, a village in southern Niger": an apposition that
        // calls the run a settlement is no person's description)
        let settlement_after =
            (end + 2..end + 5).any(|k| crate::extract::words::settlement_noun(w(k)));
        // ("... killed in Djibo and Kaya, a local official said": the
        // speaker comes after the clause, with no comma of an apposition
        // before the verb)
        let speaker_after = w(end) == ","
            && matches!(w(end + 1), "a" | "an" | "the")
            && (end + 2..end + 7)
                .take_while(|&k| w(k) != ",")
                .any(|k| matches!(w(k), "said" | "says" | "told" | "added" | "reported"));
        let speech_after = matches!(
            w(end),
            "told" | "said" | "says" | "added" | "explained" | "stated" | "who" | "claimed"
        ) || (w(end) == ","
            && matches!(
                w(end + 1),
                "who" | "the" | "a" | "an" | "nom" | "also" | "said" | "told"
            )
            && !settlement_after
            && !speaker_after);
        // a sentence opening with a preposition ("In Guessel, the
        // assailants ..."): the preposition is not part of a person's name
        let prep = usize::from(matches!(
            strip_possessive(w(i)),
            "in" | "at" | "near" | "on" | "around" | "outside" | "from"
        ));
        // ("the village of Toto Bobo, also in ...": no person is a village)
        let settlement_before = (i >= 2
            && matches!(w(i - 1), "of" | "de" | "d'")
            && crate::extract::words::settlement_noun(w(i - 2)))
            || (i >= 1 && crate::extract::words::settlement_noun(w(i - 1)));
        !settlement_before && (role_before || (speech_after && end - i >= 2 + prep))
    }

    /// The capitalised run `i..end`: an organisation or a person is
    /// skipped; the places in it are kept for resolution.
    fn run(&mut self, i: usize, end: usize) {
        let run_org =
            (i..end).any(|k| ORG_WORDS.has(strip_possessive(self.w(k)))) || self.org_name_before(i);
        let battle = self.battle_of(i, end);
        let strong_run = battle.is_some();
        if (run_org || self.is_person(i, end)) && !strong_run {
            return;
        }
        let t = self.t;
        let mut k = battle.unwrap_or(i);
        while k < end {
            if t[k].kind != Kind::Word || !t[k].cap || self.masked(k) {
                k += 1;
                continue;
            }
            let Some(next) = self.name_at(k, end, strong_run) else {
                k += 1;
                continue;
            };
            k = next;
            // "Ogossagou Peulh": a known name followed by more capitalised
            // words is part of a longer name, not a second place
            while k < end && t[k].cap && t[k].kind == Kind::Word {
                k += 1;
            }
        }
    }

    /// "the Strategic Framework for the Defence of the People of Azawad",
    /// "le Cadre stratégique pour la défense du peuple de l'Azawad": the
    /// run at `i` ends an organisation's name that runs back over small
    /// words and capitalised ones to a word of an organisation.
    fn org_name_before(&self, i: usize) -> bool {
        let t = self.t;
        let small = |w: &str| {
            matches!(
                w,
                "of" | "the" | "for" | "de" | "du" | "des" | "la" | "le" | "l'" | "pour" | "and"
            )
        };
        let mut k = i;
        while k > 0 && i - k < 10 {
            let x = &t[k - 1];
            let w = x.lw();
            if x.kind != Kind::Word || !(x.cap || small(w)) {
                break;
            }
            if x.cap && ORG_WORDS.has(w) {
                return true;
            }
            k -= 1;
        }
        false
    }

    /// Longest exact n-gram from `k` (up to four words) that the
    /// gazetteer spots.
    fn longest_known(&mut self, k: usize, end: usize) -> Option<Found> {
        let t = self.t;
        // "the Adrar des Ifoghas", "the Adrar of the Ifoghas": a known name
        // joined by "des"/"de"/"du"/"of the" (a massif, a forest)
        let maxlen = (end - k).min(4);
        for len in (1..=maxlen).rev() {
            let b = k + len;
            if !t[b - 1].cap {
                continue;
            }
            if len == 1 && NOT_PLACES.has(strip_possessive(self.w(k))) {
                continue;
            }
            let written = span_text(self.text, t, k, b);
            norm_key_into(&mut self.key_buf, written);
            if self.key_buf.is_empty() {
                continue;
            }
            // ("the Adrar des Ifoghas": a name joined by "des"/"de"/"du",
            // a massif or a forest the gazetteer knows, spotted whole)
            let joined =
                len >= 3 && (k + 1..b - 1).any(|j| matches!(self.w(j), "des" | "de" | "du"));
            if self.cache.spots(self.gaz, &self.key_buf)
                || (joined && self.gaz.knows_name(&self.key_buf))
            {
                return Some((b, written.to_string(), self.key_buf.clone()));
            }
        }
        // "the Est region", "the Nord region": a short region name the
        // gazetteer knows only with its admin word
        if admin_word(self.w(k + 1)).is_some() && !t[k + 1].cap {
            let written = span_text(self.text, t, k, k + 2);
            norm_key_into(&mut self.key_buf, written);
            if !self.key_buf.is_empty() && self.cache.spots(self.gaz, &self.key_buf) {
                return Some((k + 2, written.to_string(), self.key_buf.clone()));
            }
        }
        None
    }

    /// "in Dan Issa", "the village of Guidan Ider": a name of two to four
    /// words that only the full GeoNames extract knows (a village not
    /// spotted in running text), taken after a place cue.
    fn cued_name(&mut self, k: usize, end: usize) -> Option<Found> {
        let t = self.t;
        for len in (2..=(end - k).min(4)).rev() {
            let b = k + len;
            if !t[b - 1].cap || t[b - 1].kind != Kind::Word {
                continue;
            }
            let written = span_text(self.text, t, k, b);
            norm_key_into(&mut self.key_buf, written);
            // (a village: not a hotel or a forest of that name)
            let village = !self.key_buf.is_empty()
                && self
                    .gaz
                    .exact(&self.key_buf)
                    .any(|(p, _)| p.feature_class == "P");
            if village {
                return Some((b, written.to_string(), self.key_buf.clone()));
            }
        }
        None
    }

    /// The place name starting at token `k` of a run, if any, pushed for
    /// resolution; returns the token after it.
    fn name_at(&mut self, k: usize, end: usize, strong_run: bool) -> Option<usize> {
        let found = self.longest_known(k, end);
        let wb = |d: usize| if k >= d { self.w(k - d) } else { "" };
        // "the fighting in the Serma Forest": look past one article
        let (prev, prev2) = if wb(1) == "the" {
            (wb(2), wb(3))
        } else {
            (wb(1), wb(2))
        };
        // ("a few kilometres from Douékiré": the town a distance is
        // measured from)
        let cue = PLACE_CUES.has(prev)
            || STRONG_CUES.has(prev2)
            || strong_run
            || self.entry_head(k)
            || (prev == "from" && distance_unit(prev2));
        // "at a place called Adab-Dab", "the locality known as X"
        let called = (matches!(prev, "called" | "named")
            && matches!(
                prev2,
                "place" | "locality" | "site" | "spot" | "hamlet" | "village"
            ))
            || (prev == "as" && prev2 == "known")
            || matches!(prev, "lieu-dit" | "localité");
        // ("in two camps, Aklaz and Awakassa": the camps' names after a
        // comma)
        let strong = called
            || (prev == "of" && STRONG_CUES.has(prev2))
            || (prev == ","
                && matches!(
                    prev2,
                    "villages" | "camps" | "hamlets" | "localities" | "settlements" | "encampments"
                )
                && demonym_country(self.w(k)).is_none())
            || (matches!(prev, "and" | ",")
                && !self.pending.is_empty()
                && self
                    .pending
                    .last()
                    .is_some_and(|p| p.strong && p.next + 1 == k))
            || strong_run;
        let found = match found {
            None if cue || strong => self.cued_name(k, end),
            f => f,
        };
        let (b, written, key) = match found {
            Some(f) => f,
            None => self.unknown_word(k, cue, strong)?,
        };
        let (want, next, lookup) = self.admin_context(k, b, &key, &written);
        if strong && !self.cache.spots(self.gaz, &key) {
            self.cache.confirmed.insert(key.clone(), written.clone());
        }
        let key = norm_key(&lookup);
        self.pending.push(Pending {
            first: k,
            next,
            written,
            lookup,
            key,
            want,
            cue,
            strong,
        });
        Some(next)
    }

    /// A single capitalised word the gazetteer does not spot: kept after a
    /// cue when a fuzzy lookup finds it (or it was confirmed), or when a
    /// preposition of place introduces it ("in Kompienga, Koulpelogo
    /// Province"), unlocated.
    fn unknown_word(&mut self, k: usize, cue: bool, strong: bool) -> Option<Found> {
        // ("the attack on Djonké Ouro", "the Fulani village of Djonké
        // Ouro": two or three unknown capitalised words after a place cue)
        if let Some(end) = self.unknown_run(k).filter(|_| self.run_cue(k)) {
            let written = span_text(self.text, self.t, k, end).to_string();
            let key = norm_key(&written);
            return (!key.is_empty()).then_some((end, written, key));
        }
        // ("3. Sanakadougou (commune of Kombori, Kossi province)": a
        // bracket locating the name is as good as a cue before it)
        let cue = cue || self.unit_in_brackets(k + 1);
        let t = self.t;
        let single = strip_possessive(self.w(k));
        let written = span_text(self.text, t, k, k + 1).to_string();
        let key = norm_key(&written);
        if NOT_PLACES.has(single) || key.is_empty() {
            return None;
        }
        let weak_ok = self.weak_cue(k, single);
        let known = strong || self.cache.confirmed.contains_key(&key);
        // acronyms and words the article also writes in lowercase
        // ("in Conflict") are not worth a fuzzy lookup
        let acronym = written
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
        if (cue || known)
            && !acronym
            && key.chars().count() >= 5
            && key.chars().all(|c| c.is_alphabetic())
            && (known || !has_lowercase_word(self.near, single))
        {
            let hit = self.fuzzy_hit(&written, &key);
            (hit || known || weak_ok).then_some((k + 1, written, key))
        } else if known || (weak_ok && !acronym && !has_lowercase_word(self.near, single)) {
            // (a close spelling of a known place, kept for its resolution:
            // "Kalumba is a village in the Nara cercle" is GeoNames' Kaloumba)
            if weak_ok && key.chars().count() >= 5 && key.chars().all(|c| c.is_alphabetic()) {
                self.fuzzy_hit(&written, &key);
            }
            Some((k + 1, written, key))
        } else {
            None
        }
    }

    /// One past a run of two or three capitalised words from `k` that could
    /// be a village's name: no word of an organisation, no month, weekday,
    /// nationality, country, admin unit or word that is no place, and the
    /// run ends there.
    fn unknown_run(&self, k: usize) -> Option<usize> {
        let t = self.t;
        let fits = |j: usize| {
            t.get(j).is_some_and(|x| {
                let w = strip_possessive(x.lw());
                x.kind == Kind::Word
                    && x.cap
                    && w.chars().count() >= 2
                    && w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                    && !NOT_PLACES.has(w)
                    && !ORG_WORDS.has(w)
                    && crate::extract::dates::month(w).is_none()
                    && crate::extract::dates::weekday(w).is_none()
                    && demonym_country(w).is_none()
                    && country_code(w).is_none()
                    && admin_word(w).is_none()
            })
        };
        // ("In Amadou Diallo's view": a person's)
        let possessive = |j: usize| t.get(j).is_some_and(|x| strip_possessive(x.lw()) != x.lw());
        if !fits(k) || !fits(k + 1) || possessive(k + 1) || possessive(k + 2) {
            return None;
        }
        let end = if fits(k + 2) { k + 3 } else { k + 2 };
        (!fits(end)).then_some(end)
    }

    /// A place cue strong enough for an unknown run of words: "in", "at",
    /// "near"; "of" after a settlement, a community or an event ("the
    /// village of", "the herders of", "the massacre of"); "on" after an
    /// event ("the attack on").
    fn run_cue(&self, k: usize) -> bool {
        let before = if k >= 1 { self.w(k - 1) } else { "" };
        let before2 = if k >= 2 { self.w(k - 2) } else { "" };
        k >= 1
            && (matches!(
                before,
                "in" | "at" | "near" | "attacked" | "raided" | "stormed" | "overran" | "struck"
            ) || (before == "of" && (settlement_noun(before2) || STRONG_CUES.has(before2)))
                || self.people_or_event_of(k))
    }

    /// The name at `k` after its people, its event or its post: "thirty-seven
    /// residents of Darey-Dey", "the massacre of Tinabaw", "an assault on
    /// Seytenga", "the gendarmerie post of Foubé" (shared by the cues of
    /// one unknown word and of an unknown run of words).
    fn people_or_event_of(&self, k: usize) -> bool {
        let before = if k >= 1 { self.w(k - 1) } else { "" };
        let before2 = if k >= 2 { self.w(k - 2) } else { "" };
        (before == "of" && crate::extract::words::community_noun(before2))
            || (matches!(before, "of" | "on")
                && k >= 2
                && (crate::extract::triggers::event_word(before2)
                    .is_some_and(|(_, _, verb)| !verb)
                    || self.post_before(k)))
    }

    /// Whether what surrounds the unknown single word at `k` (`single`,
    /// without a possessive) calls it a place: a preposition of place, the
    /// object of a raid, "the massacre of X", "the X area", a bracket or an
    /// apposition locating it.
    fn weak_cue(&mut self, k: usize, single: &str) -> bool {
        let t = self.t;
        // (a weekday after it is no second word of the name: "attaqué Kain
        // dimanche" reads "attacked Kain Sunday")
        let single_word = t.get(k + 1).is_none_or(|x| {
            !(x.kind == Kind::Word && x.cap) || crate::extract::dates::weekday(x.lw()).is_some()
        });
        let before = if k >= 1 { self.w(k - 1) } else { "" };
        let before2 = if k >= 2 { self.w(k - 2) } else { "" };
        // "close to Tizigorou", "près de Tizigorou" (near of)
        let near_to = (before == "to" && matches!(before2, "close" | "next"))
            || (before == "of" && before2 == "near");
        // "armed men raided Tinabaw on Tuesday": the object of a raid,
        // when what follows closes the name (not "attacked Dogon herders")

        let raided = matches!(
            before,
            "raided" | "stormed" | "overran" | "attacked" | "struck" | "targeted" | "attaqué"
        ) && t.get(k + 1).is_some_and(|x| {
            x.is_punct(',')
                    || x.is_punct('.')
                    || x.is_punct(';')
                                        || matches!(
                        x.lw(),
                        "on" | "in" | "at" | "overnight" | "early" | "late" | "last" | "and"
                            | "killing"
                    )
                    // (French: "ont attaqué Kain dimanche")
                    || crate::extract::dates::weekday(x.lw()).is_some()
        }) && demonym_country(single).is_none();
        // "the massacre of Tinabaw", "la tuerie de Tinabaw"
        // (and the post attacked: "the gendarmerie post of Foubé", "le
        // détachement de gendarmerie de Foubé")
        // ("an assault on Seytenga", "a raid on Tinabaw")
        let event_of = self.people_or_event_of(k)
            && crate::extract::dates::month(single).is_none()
            && crate::extract::dates::weekday(single).is_none();
        // "in the Tifolat area", "near the Tessit zone"
        let area_of = before == "the"
            && matches!(before2, "in" | "near" | "around" | "across")
            && matches!(
                self.w(k + 1),
                "area" | "zone" | "vicinity" | "sector" | "locality"
            );
        // (an unknown name heads the entry only when a stop closes it)
        let entry_head = self.entry_head(k)
            && t.get(k + 1)
                .is_some_and(|x| x.is_punct(',') || x.is_punct('.') || x.is_punct('('));
        ((matches!(before, "in" | "at" | "near" | "outside" | "around")
            || near_to
            || area_of
            || entry_head
            || raided
            || event_of)
            && k >= 1
                                    || self.admin_in_brackets(k + 1)
            || self.unit_in_brackets(k + 1)
            || self.dated_entry(k)
            || self.appositive_place(k)
            // "the Blabrine post came under fire": an army post by its
            // village's name
            || (k >= 1
                && before == "the"
                && matches!(self.w(k + 1), "post" | "outpost" | "garrison")
                && demonym_country(single).is_none())
            // "an attack on Kankamogré village", "Sebba hamlet"
            || (k >= 1
                && matches!(before, "on" | "in" | "at" | "near" | "attacked" | "raided")
                && matches!(self.w(k + 1), "village" | "hamlet")))
            && single_word
            && t[k].end - t[k].start >= 4
    }

    /// "17 June 2015 - Lamana, Diffa region, Niger.", "29 July 2022 -
    /// Tifolat, about 50 km east of Ménaka.": a timeline entry's place,
    /// right after its date and dash.
    fn entry_head(&self, k: usize) -> bool {
        k >= 2 && self.w(k - 1) == "-" && self.t[k - 2].kind == Kind::Num
    }

    /// "the gendarmerie post of Foubé", "le détachement de gendarmerie de
    /// Foubé", "la position militaire de Blabrine": a post (past one
    /// adjective) and "of" before the name at `k`.
    fn post_before(&self, k: usize) -> bool {
        let post = |w: &str| {
            matches!(
                w,
                "post"
                    | "detachment"
                    | "détachement"
                    | "garrison"
                    | "base"
                    | "camp"
                    | "gendarmerie"
                    | "position"
            )
        };
        let before2 = if k >= 2 { self.w(k - 2) } else { "" };
        post(before2)
            || (k >= 3
                && matches!(
                    before2,
                    "militaire" | "military" | "soldier" | "army" | "avancée"
                )
                && post(self.w(k - 3)))
    }

    /// "Kain, localité de la province du Yatenga", "Sebba, a village in
    /// Yagha": a name its apposition calls a place.
    fn appositive_place(&self, k: usize) -> bool {
        let t = self.t;
        // (and "Kalumba is a village in the Nara cercle", "Kain est une
        // localité")
        if !t
            .get(k + 1)
            .is_some_and(|x| x.is_punct(',') || matches!(x.lw(), "is" | "was" | "est" | "était"))
        {
            return false;
        }
        let noun = |w: &str| {
            matches!(
                w,
                "village"
                    | "locality"
                    | "hamlet"
                    | "town"
                    | "commune"
                    | "settlement"
                    | "encampment"
                    | "camp"
            )
        };
        let (a, b, c) = (self.w(k + 2), self.w(k + 3), self.w(k + 4));
        noun(a) || (matches!(a, "a" | "an" | "the") && (noun(b) || noun(c)))
    }

    /// "- Koutoukalé, Monday: gunmen attacked ...": a roundup's entry that
    /// opens on a name, a comma and its day.
    fn dated_entry(&self, k: usize) -> bool {
        let t = self.t;
        let opens =
            k == 0 || (k == 1 && (t[0].is_punct('-') || t[0].is_punct('*') || t[0].is_punct('•')));
        let day = self.w(k + 2);
        // ("Yesterday, Tuesday, the march ...": a time, not a name)
        let time_word = |x: &str| {
            crate::extract::dates::weekday(x).is_some()
                || crate::extract::dates::month(x).is_some()
                || matches!(
                    x,
                    "yesterday"
                        | "today"
                        | "tonight"
                        | "overnight"
                        | "hier"
                        | "aujourd'hui"
                        | "ce"
                        | "cette"
                        | "this"
                        | "last"
                        | "on"
                        | "le"
                        | "la"
                )
        };
        // ("Manidjè, Macina cercle, Ségou region (Sunday).": its units)
        let units = (k + 3..(k + 6).min(t.len()))
            .take_while(|&j| !t[j].is_punct('.'))
            .any(|j| admin_word(self.w(j)).is_some() && t[j - 1].cap);
        opens
            && !time_word(self.w(k))
            && t.get(k + 1).is_some_and(|x| x.is_punct(','))
            && (crate::extract::dates::weekday(day).is_some()
                || crate::extract::dates::month(day).is_some()
                || t.get(k + 2).is_some_and(|x| x.kind == Kind::Num)
                || units)
    }

    /// "Intangom (Oudalan province)", "Aklaz (Ménaka)": a bracket at `b`
    /// opening on a known place name, then an admin word or the closing
    /// bracket; a roundup's or a list's way of locating a village.
    fn admin_in_brackets(&mut self, b: usize) -> bool {
        let t = self.t;
        if !t.get(b).is_some_and(|x| x.is_punct('('))
            || !t.get(b + 1).is_some_and(|x| x.kind == Kind::Word && x.cap)
        {
            return false;
        }
        let after = self.w(b + 2);
        let key = norm_key(self.w(b + 1));
        (after == ")" || admin_word(after).is_some())
            && (self.cache.spots(self.gaz, &key)
                || self.cache.spots(self.gaz, &format!("{key} {after}")))
    }

    /// "(commune of Kombori, ...)", "(cercle de Douentza)": a bracket at
    /// `b` opening on an administrative unit of a named place.
    fn unit_in_brackets(&self, b: usize) -> bool {
        let t = self.t;
        t.get(b).is_some_and(|x| x.is_punct('('))
            && (admin_word(self.w(b + 1)).is_some() || self.w(b + 1) == "commune")
            && matches!(self.w(b + 2), "of" | "de" | "du")
            && t.get(b + 3).is_some_and(|x| x.kind == Kind::Word && x.cap)
    }

    /// A fuzzy lookup, cached: a village's own name after a cue ("the
    /// market of Nagraogo"), or a close spelling.
    fn fuzzy_hit(&mut self, written: &str, key: &str) -> bool {
        if let Some(h) = self.cache.fuzzy.get(key) {
            return h.is_some();
        }
        let r = self.gaz.resolve(written, &Hint::default());
        let h = r.best().and_then(|c| match c.matched {
            MatchKind::Name | MatchKind::AltName => Some(Arc::new(c.place.clone())),
            MatchKind::Fuzzy(d) if d <= 1 || key.chars().count() >= 8 => {
                Some(Arc::new(c.place.clone()))
            }
            _ => None,
        });
        let found = h.is_some();
        self.cache.fuzzy.insert(key.to_string(), h);
        found
    }

    /// Admin words around a name ("Mopti region", "the province of
    /// Soum"): the precision wanted, the token after the name, the form
    /// to look up.
    fn admin_context(
        &mut self,
        k: usize,
        b: usize,
        key: &str,
        written: &str,
    ) -> (Option<GeoPrecision>, usize, String) {
        let w = |j: usize| self.w(j);
        let mut want = None;
        let mut next = b;
        let mut lookup = written.to_string();
        if let Some(p) = admin_word(w(b)) {
            want = Some(p);
            next = b + 1;
            let with = format!("{} {}", key, w(b));
            if self.cache.spots(self.gaz, &with) {
                lookup = span_text(self.text, self.t, k, b + 1).to_string();
            }
        } else if k >= 2 && matches!(w(k - 1), "of" | "de" | "du" | "des") {
            if let Some(p) = admin_word(w(k - 2)) {
                want = Some(p);
            }
        } else if k >= 1 {
            if let Some(p) = admin_word(w(k - 1)) {
                want = Some(p);
            }
        }
        (want, next, lookup)
    }
}
