//! Reading one document sentence by sentence: [`Reader::sentence`] is a
//! short list of steps (paragraph breaks, datelines, infobox rows, the
//! sentence's dates, statistics set aside, the mention's place and date,
//! its figures, merging), each a function of its own.

use super::*;
use dates::DateMention;
use figures::{read_tolls, toll_flags, Figure, SplitToll, TollReading};
use places::PlaceMention;
use tolls::Toll;

/// What the current paragraph has set so far.
#[derive(Default)]
struct Paragraph {
    /// The last specific place the paragraph named, for a later sentence
    /// of it that tells an event without naming one ("In January 2016,
    /// gunmen killed 30 people" after "Ouagadougou has been hit").
    recent: Option<PlaceRef>,
    /// The last day it dated ("The first blow fell on 28 April in X. ...
    /// six people were killed").
    recent_date: Option<DaySpan>,
    /// The sentence with no event word that set `recent_date` to one day
    /// ("On Friday 7 February, a column of buses left Gao."): the scene's
    /// day, for the event told right after it.
    scene_dated: Option<usize>,
    /// Sentences of the paragraph with no event, since the last place read.
    pending: Vec<(usize, usize)>,
    /// The place the paragraph opened on ("At Arlit, ..."), by key.
    topic: Option<String>,
    /// `recent` came from a sentence with no toll: a timeline entry's
    /// heading ("10 February 2019 - Oursi."), a scene set before the toll.
    recent_untolled: bool,
}

/// The state carried from sentence to sentence through one document.
pub(super) struct Reader<'a> {
    text: &'a str,
    language: lang::Lang,
    gaz: &'a Gazetteer,
    cache: &'a mut PlaceCache,
    ctx: DateCtx,
    /// How many sentences the document has.
    sentences: usize,
    accs: Vec<Acc>,
    /// The incident told last.
    last: Option<usize>,
    /// The infobox being read, merged when its rows end.
    infobox: Option<Mention>,
    /// A headline restates the lead; it counts only if the body says nothing.
    held_headline: Option<Mention>,
    /// A figure the next sentence refutes, waiting for the corrected account.
    refuted: Option<Mention>,
    para: Paragraph,
    /// The lead's scene, kept for a toll told later with no place.
    lead: Option<(PlaceRef, Option<DaySpan>)>,
    /// The sentence index of the last mention told.
    told_at: Option<usize>,
    prev_end: usize,
    /// Where the current line starts (followed sentence by sentence:
    /// searching back from each sentence would be quadratic on huge lines).
    line_start: usize,
    /// The day of a live blog's section ("SUNDAY 18 JUNE" over entries
    /// stamped "15:55 - ..."): its entries' day and their "yesterday".
    section_day: Option<DaySpan>,
    /// "FAMa units were the target of two attacks this Saturday 30
    /// October": the day announced and how many events it still dates
    /// (the numbered items that follow tell them with only their hour).
    announced: Option<(DaySpan, u32)>,
    /// The document's own publication day (a section's day does not
    /// replace it for reading the next section's header).
    published: Option<NaiveDate>,
    /// The columns of the table whose rows are being read.
    table: Option<table::TableHead>,
    /// Paragraphs started so far (see [`Mention::para`]).
    para_no: u32,
    /// Clauses split off a sentence as an earlier event ("..., a day after
    /// an assault that killed thirty"): their start and the days back.
    pub(super) day_shifts: Vec<(usize, i64)>,
}

/// The date a sentence gives its event.
struct SentenceDate {
    found: Vec<DateMention>,
    /// The token "since", whose clause names other events.
    since_from: Option<usize>,
    date: Option<DaySpan>,
    key: Option<String>,
    inferred: bool,
}

/// What one sentence says, before it becomes a mention.
struct Facts {
    date: SentenceDate,
    day_dated: bool,
    tolls: Vec<Toll>,
    trigger: Option<Trigger>,
    places: Vec<PlaceMention>,
    /// "heavy casualties", "many losses".
    heavy: bool,
    /// A day-dated sentence that tells running totals ("more than 30 have
    /// now died ... before Friday's attack"): its figures are dropped one
    /// by one, and with none left it tells no event.
    running_totals: bool,
}

impl<'a> Reader<'a> {
    pub(super) fn new(
        doc: &'a Document,
        body: usize,
        gaz: &'a Gazetteer,
        cache: &'a mut PlaceCache,
        language: lang::Lang,
        sentences: usize,
    ) -> Self {
        let text = doc.text.as_str();
        let mut ctx = DateCtx {
            published: doc
                .published
                .or_else(|| lang::signature_date(language, text, body)),
            year: None,
            last_week: None,
            named: [None; 4],
        };
        if ctx.published.is_none() {
            ctx.published = header_date(text, body, language);
        }
        Reader {
            text,
            language,
            gaz,
            cache,
            ctx,
            sentences,
            accs: Vec::new(),
            last: None,
            infobox: None,
            held_headline: None,
            refuted: None,
            para: Paragraph::default(),
            lead: None,
            told_at: None,
            prev_end: body,
            line_start: body,
            section_day: None,
            published: ctx.published,
            table: None,
            para_no: 0,
            day_shifts: Vec::new(),
            announced: None,
        }
    }

    /// Reads sentence `si`, bytes `s..e`.
    pub(super) fn sentence(&mut self, si: usize, (s, e): (usize, usize)) {
        self.paragraph_break(s);
        // "..., a day after an assault that killed thirty": the clause's
        // day, counted back from the event just told
        if let Some(&(_, shift)) = self.day_shifts.iter().find(|x| x.0 == s) {
            let day = self
                .last
                .and_then(|l| self.accs.get(l))
                .and_then(|a| a.told.date);
            if let Some(d) = day.filter(|d| d.2 == DatePrecision::Day) {
                let back = d.0.checked_add_signed(chrono::Duration::days(shift));
                self.para.recent_date = back.map(|b| (b, b, DatePrecision::Day));
            }
        }
        self.prev_end = e;
        let text = self.text;
        let toks = lang::normalize(self.language, text, text::tokens(text, s, e));
        if toks.is_empty() || toks.len() >= 2 && toks[0].lw() == "see" && toks[1].lw() == "also" {
            return;
        }
        let mut masked = vec![false; toks.len()];
        // (and a dateline further down, after a correction's note: a
        // paragraph that opens on a city in capitals)
        if si < 4 || dateline_opens_paragraph(text, s, &toks) {
            self.mask_dateline(&toks, &mut masked);
        }
        // a table's header, then its rows
        if let Some(h) = table::head(text, &toks) {
            self.table = Some(h);
            return;
        }
        if let Some(h) = self.table {
            if let Some(fs) = table::row(text, &toks, &h) {
                self.table_row(&fs, &h, (s, e));
                return;
            }
            self.table = None;
        }
        // infobox rows: "Deaths | 14 |"
        if let Some(row) = infobox_row(text, &toks) {
            let mb = self.infobox.get_or_insert_with(|| Mention {
                sent: (s, e),
                ..Mention::default()
            });
            apply_infobox_row(mb, text, &toks, row, self.gaz, self.cache, &mut self.ctx);
            return;
        }
        self.flush_infobox();
        // "(De notre correspondant à Ténenkou)": where the story was filed
        if byline(&toks) {
            return;
        }
        // "This month has been the worst yet. On 10 February, ...": the
        // narrative is back in the publication's year
        let now = toks
            .windows(2)
            .any(|w| w[0].lw() == "this" && matches!(w[1].lw(), "month" | "year" | "week"));
        if let (true, Some(p)) = (now, self.published) {
            self.ctx.year = Some(p.year());
        }
        if let Some(day) = self.section_header(&toks, e) {
            self.section_day = Some(day);
            self.ctx.published = Some(day.0);
            return;
        }
        // "Attack", "Aftermath", "Bilan": an encyclopedia's section on the
        // article's own event, after one on the background; what it tells
        // with no place of its own is that event's, told first
        if event_section(&toks) && !self.accs.is_empty() {
            self.last = Some(0);
            return;
        }
        if !worth_reading(&toks) {
            self.unread(si, (s, e), &toks, &masked);
            return;
        }
        let Some(facts) = self.read_facts(&toks, &mut masked) else {
            // a statistic that names its worst event ("In 2019 alone,
            // several massacres, the worst being the killing of about 160
            // herders at Ogossagou in March of that year, ..."): that event
            // is read on its own, in the year the statistic named
            if self.read_worst_named(si, &toks, e) || self.read_since_when(si, &toks, e) {
                return;
            }
            // a statistic's sentence may still set the day ("the town
            // lived on Saturday one of the worst attacks of recent years")
            if let Some(d) = scene_day(&toks, &self.ctx) {
                self.para.recent_date = Some(d);
            }
            // and the scene: "Guinea has kept troops in Mali since 2013,
            // most of them in Kidal. ... rockets killed two peacekeepers"
            if toks.iter().any(|x| x.cap) {
                self.para.pending.push((s, e));
            }
            return;
        };
        self.tell(si, (s, e), &toks, facts);
    }

    /// A sentence with no event to read: it may still refine the event just
    /// told, set the paragraph's scene or day, or the week "last week" is.
    fn unread(&mut self, si: usize, (s, e): (usize, usize), toks: &[Token], masked: &[bool]) {
        let text = self.text;
        self.refine_from_unread(si, toks, masked);
        // no event here, but the place it names may set the scene for
        // the paragraph's next sentences: read only if one needs it
        if toks.iter().any(|x| x.cap) {
            self.para.pending.push((s, e));
            // "À Arlit, une voiture piégée a explosé ...": the place
            // the paragraph opens on
            if self.para.topic.is_none() {
                self.para.topic = opening_name(text, toks, (s, e));
            }
        }
        // and the day it names dates them ("Yesterday evening, armed
        // men reached the village. ... they killed nine people")
        if let Some(d) = scene_day(toks, &self.ctx) {
            self.para.recent_date = Some(d);
            self.para.scene_dated = (d.0 == d.1 && calendar_day(toks)).then_some(si);
        }
        // ("What happened last week?": the week the next weekdays are in)
        let raw = &text[s..e];
        if let (Some(p), true) = (
            self.ctx.published,
            raw.contains("week") || raw.contains("semaine"),
        ) {
            if toks.windows(2).any(|w| w[0].is("last") && w[1].is("week")) {
                self.ctx.last_week = dates::last_week_monday(p).map(|monday| (monday, 2));
            }
        }
    }

    /// The worst event a statistic names, read on its own in the year the
    /// statistic named; false when it names none.
    fn read_worst_named(&mut self, si: usize, toks: &[Token], e: usize) -> bool {
        let Some(k) = worst_named(toks) else {
            return false;
        };
        let year = toks[..k].iter().find_map(|x| {
            x.value
                .filter(|v| x.kind == Kind::Num && (1900..2100).contains(v))
                .and_then(|v| i32::try_from(v).ok())
        });
        let kept = self.ctx.year;
        self.ctx.year = year.or(kept);
        self.sentence(si, (toks[k].start, e));
        self.ctx.year = kept;
        true
    }

    /// "... has been growing since Nov. 14, when militants stormed the post
    /// at Inata and killed 53": the when-clause is an event of that day,
    /// read on its own with the day as its paragraph's; false when the
    /// sentence has no such clause.
    fn read_since_when(&mut self, si: usize, toks: &[Token], e: usize) -> bool {
        let Some(since) = toks.iter().position(|x| x.is("since")) else {
            return false;
        };
        let Some(when) = (since + 2..toks.len().min(since + 8))
            .find(|&k| toks[k].is("when") && toks[k - 1].is_punct(','))
        else {
            return false;
        };
        let day = dates::find_dates(&toks[..when], &self.ctx)
            .into_iter()
            .filter(|d| d.first == since + 1)
            .find_map(|d| match d.val {
                DateVal::Known {
                    start,
                    end,
                    precision: DatePrecision::Day,
                } => Some((start, end, DatePrecision::Day)),
                _ => None,
            });
        let Some(day) = day else {
            return false;
        };
        if !toks[when..].iter().any(|x| tolls::is_casualty_word(x.lw())) {
            return false;
        }
        self.para.recent_date = Some(day);
        self.sentence(si, (toks[when + 1].start, e));
        true
    }

    /// The incidents assembled, once every sentence is read.
    pub(super) fn end(mut self) -> Vec<Acc> {
        if let Some(m) = self.infobox.take() {
            let m = Mention {
                trigger: Some(Trigger::default()),
                ..m
            };
            absorb(m, &mut self.accs, &mut self.last, true);
        }
        if let (Some(m), true) = (self.held_headline.take(), self.accs.is_empty()) {
            absorb(m, &mut self.accs, &mut self.last, false);
        }
        if let Some(m) = self.refuted.take() {
            absorb(m, &mut self.accs, &mut self.last, false);
        }
        self.accs
    }

    /// A blank line, a bullet or a new line after a long one starts a
    /// paragraph: its scene and day are forgotten.
    fn paragraph_break(&mut self, s: usize) {
        let text = self.text;
        let gap = text.get(self.prev_end..s).unwrap_or("");
        let bullet = gap.contains('\n') && text[s..].starts_with(['-', '*', '\u{2022}'])
            || gap.ends_with("- ")
            || gap.ends_with("* ")
            || gap.ends_with("\u{2022} ");
        // one line a paragraph, unless the text is hard-wrapped
        let long_line = self.prev_end.saturating_sub(self.line_start) > 100;
        // a question heading ("What happened in Djibo on Sunday?") sets the
        // scene of the answer below it: its place and day stay
        let question = text
            .get(self.line_start..self.prev_end)
            .is_some_and(|l| l.len() < 160 && l.trim_end().ends_with('?'));
        if gap.contains('\n') {
            self.line_start = s;
        }
        if question && !bullet {
            if self.para.recent.is_none() {
                let para = &self.para;
                if let Some(p) =
                    scene_place(text, self.language, &para.pending, self.gaz, self.cache)
                {
                    self.para.recent = Some(p);
                    self.para.recent_untolled = true;
                }
            }
            return;
        }
        if gap.matches('\n').count() >= 2 || (gap.contains('\n') && long_line && !bullet) {
            self.para_no += 1;
        }
        if gap.matches('\n').count() >= 2 || bullet || (gap.contains('\n') && long_line) {
            // the lead's scene stays for a toll told later with no place
            // while no event has been counted yet
            if self.lead.is_none() && self.accs.is_empty() {
                let para = &self.para;
                if let Some(p) =
                    scene_place(text, self.language, &para.pending, self.gaz, self.cache)
                {
                    self.para.recent = Some(p);
                    self.para.recent_untolled = false;
                }
                self.lead = self.para.recent.take().map(|p| (p, self.para.recent_date));
            }
            self.para.pending.clear();
            self.para.recent = None;
            self.para.recent_untolled = false;
            self.para.topic = None;
            // bullets of one list share their day ("Later that day, ...")
            if !bullet {
                self.para.recent_date = None;
            }
        }
    }

    /// Datelines: "Geneva, CH, May 3, 2021 – ..." / "BAMAKO (Reuters) -"
    /// are masked; their day is the publication's when none is known.
    fn mask_dateline(&mut self, toks: &[Token], masked: &mut [bool]) {
        let Some(dash) = dateline_end(self.text, toks) else {
            return;
        };
        let head = &toks[..dash];
        let found = dates::find_dates(head, &DateCtx::default());
        if self.ctx.published.is_none() {
            if let Some(DateVal::Known {
                start,
                precision: DatePrecision::Day,
                ..
            }) = found.first().map(|d| &d.val)
            {
                self.ctx.published = Some(*start);
            }
        }
        for m in masked.iter_mut().take(dash + 1) {
            *m = true;
        }
    }

    /// The infobox just read, once its rows end.
    fn flush_infobox(&mut self) {
        if let Some(m) = self.infobox.take() {
            if !m.told.places.is_empty() || !m.told.deaths.is_empty() || !m.told.attacker.is_empty()
            {
                let m = Mention {
                    trigger: Some(Trigger {
                        etype: None,
                        ..Trigger::default()
                    }),
                    ..m
                };
                absorb(m, &mut self.accs, &mut self.last, true);
            }
        }
    }

    /// The sentence's dates, figures, event word and places; `None` for a
    /// statistic.
    fn read_facts(&mut self, toks: &[Token], masked: &mut [bool]) -> Option<Facts> {
        let date = read_date(&mut self.ctx, toks, masked);
        // since-clauses name other events (unless a where-clause tells that
        // event's toll: "since the one in Dallah, where 132 were killed")
        // (not a bare day or month: "caring since Tuesday for survivors of
        // the attack on X" names this event's place after it)
        let bare_day = date
            .since_from
            .and_then(|k| toks.get(k + 1))
            .is_some_and(|x| {
                let w = x.lw();
                super::calendar::weekday(w).is_some()
                    || matches!(w, "yesterday" | "dawn" | "morning")
            });
        if let (Some(k), None, false) = (date.since_from, where_toll_at(toks), bare_day) {
            let end = clause_end(toks, k);
            for m in masked.iter_mut().take(end).skip(k) {
                *m = true;
            }
        }
        // an event told with its day is not a statistic because it is
        // compared with the year ("in one of the deadliest attacks this
        // year"); its running totals are dropped figure by figure below
        // ("Including Tuesday's victim, at least 31 peacekeepers have been
        // killed since July 2013": a day named as another event's is no day
        // of this sentence's figure)
        let possessive_day = toks.iter().any(|x| {
            x.lw()
                .strip_suffix("'s")
                .is_some_and(|d| super::calendar::weekday(d).is_some())
        });
        // (read once: a day-dated sentence only asks it for its running totals)
        let summed = tolls::is_aggregate(toks);
        // (a stretch of months reads as a day: "between 1 January and 31
        // August 2022"; only a sentence that sums asks)
        let day_dated = date
            .date
            .is_some_and(|d| d.2 == DatePrecision::Day && (d.1 - d.0).num_days() <= 45)
            && !possessive_day
            && !(summed && tolls::stretch_of_months(toks));
        // (a total of several events is one on their day too: "Taken
        // together, the two attacks brought to 21 the number killed on
        // Monday alone")
        let aggregate = summed && (!day_dated || tolls::sums_several_events(toks));
        let all_tolls = tolls::find_tolls(toks, masked);
        let trigger = find_trigger(toks, masked);
        let found = places::find_places(self.text, toks, masked, self.gaz, self.cache);
        if aggregate
            || is_statistic(toks, &date, &found, &all_tolls, trigger.is_some())
            || outside_the_conflict(toks)
        {
            return None;
        }
        let heavy = toks.windows(2).any(|w| {
            matches!(w[0].lw(), "heavy" | "many" | "numerous" | "significant")
                && matches!(w[1].lw(), "casualties" | "losses")
        });
        let running_totals = day_dated && summed && !all_tolls.is_empty();
        Some(Facts {
            date,
            day_dated,
            tolls: all_tolls,
            trigger,
            places: found,
            heavy,
            running_totals,
        })
    }

    /// Turns the facts of sentence `si` into a mention and merges it.
    fn tell(&mut self, si: usize, (s, e): (usize, usize), toks: &[Token], mut f: Facts) {
        let text = self.text;
        let mut m = Mention {
            sent: (s, e),
            para: self.para_no,
            told: Told {
                date: f.date.date,
                date_inferred: f.date.inferred,
                date_key: f.date.key.take(),
                ..Told::default()
            },
            own_day: f.date.date.is_some(),
            ..Mention::default()
        };
        let zero = self.no_deaths(si, toks, &f);
        let tolled = f
            .tolls
            .iter()
            .any(|tl| tl.kind == TollKind::Deaths && !tl.subset)
            || f.heavy
            || zero.is_some();
        self.set_scene(si, &mut m, toks, &f, tolled);
        let mut tr = read_tolls(toks, &f.tolls, &f.places, f.day_dated);
        let refuted = self.set_tolls(&mut m, toks, &mut tr, zero);
        m.trigger = f.trigger;
        mark_new_event(&mut m, toks);
        let has_toll = !m.told.deaths.is_empty() || !m.told.attacker.is_empty();
        // every death figure of the sentence was a total or another
        // event's: what is left is no event of its own
        let figures_dropped = || {
            f.running_totals
                || (tolled && !f.heavy)
                || (m.trigger.as_ref().is_some_and(|t| t.dated_back) && !self.accs.is_empty())
                // a correction's account of what an earlier report wrongly
                // said ("our first report said the attack took place in Gossi")
                || misreported(toks)
        };
        if (!has_toll && !f.heavy && (m.trigger.is_none() || figures_dropped()))
            || misattributed(toks)
        {
            self.follow_up(&m);
            let own_day = m.told.date.is_some() && !m.told.date_inferred;
            self.place_told_after(si, toks, &m.told.places, own_day);
            return;
        }
        if m.trigger.is_none() {
            // "The next day, residents spoke of dozens of dead": with no
            // event word, a day told relative to the event is the
            // report's, and the figure the event's just told
            if m.about_toll && m.told.date.is_none() && self.last.is_some() {
                m.told.date_key = None;
            }
            m.trigger = Some(Trigger {
                etype: Some("attack"),
                ..Trigger::default()
            });
        }
        let more = tr.more.first().copied();
        // the occasion of the sentence's own event: before a "then killed
        // five more when ..." clause, which has its own
        let own_end = more.map(|(_, sp)| sp.0.max(s)).unwrap_or(e);
        m.told.occasion = text.get(s..own_end).and_then(occasion_of);
        // the further event's clause starts where the first toll ends
        let more_from = match (m.told.evidence, more) {
            (Some((_, ev_end)), Some((_, sp))) if ev_end <= sp.0 => ev_end,
            (_, Some((_, sp))) => sp.0,
            _ => e,
        };
        if self.is_headline(si, s, e) {
            self.held_headline = Some(m);
            return;
        }
        if self.hold_refuted(&mut m, refuted) {
            self.refuted = Some(m);
            return;
        }
        m.follows = self.told_at.is_some_and(|k| k + 1 == si);
        self.told_at = Some(si);
        self.commit(m, tr.split, more, more_from);
    }

    /// "No deaths were reported": the token span saying so, when it speaks
    /// of the event sentence `si` tells, or of the one the sentence before
    /// told with no toll.
    fn no_deaths(&self, si: usize, toks: &[Token], f: &Facts) -> Option<(usize, usize)> {
        // (within the next few sentences: "Shells fell near the runway.
        // Another hit a district of the town. No casualties were reported.")
        let last_untolled = self.told_at.is_some_and(|k| k < si && k + 3 >= si)
            && self
                .last
                .and_then(|l| self.accs.get(l))
                .is_some_and(|a| a.told.deaths.is_empty() && a.told.attacker.is_empty());
        (f.trigger.is_some() || last_untolled)
            .then(|| tolls::no_deaths_at(toks))
            .flatten()
    }

    /// Where and when the mention's event is, and by whom: its places (or
    /// the paragraph's scene), clock time, quarter, topic place, day from
    /// the context, generality, demonym and actor.
    fn set_scene(&mut self, si: usize, m: &mut Mention, toks: &[Token], f: &Facts, tolled: bool) {
        let text = self.text;
        let (s, e) = m.sent;
        self.locate(m, toks, &f.places, tolled);
        m.told.clock = clock_of(toks);
        m.quarter = names_quarter(toks);
        // "At Arlit, a car bomb exploded ...": the place the paragraph opens on
        let opening = opening_name(text, toks, (s, e)).filter(|k| {
            f.places
                .iter()
                .any(|p| p.role == Role::Event && &p.place.key == k)
        });
        if let (Some(k), None) = (&opening, &self.para.topic) {
            self.para.topic = Some(k.clone());
        }
        m.topic_place = opening.is_some();
        self.date_from_context(m, toks);
        self.announced_day(m, toks, f, tolled);
        // (a sentence with no event word sets the scene's day)
        if f.trigger.is_none()
            && self.para.recent_date.is_some_and(|d| d.0 == d.1)
            && self.para.recent_date == m.told.date
            && calendar_day(toks)
        {
            self.para.scene_dated = Some(si);
        }
        m.general = is_general(toks, &text[s..e], tolled);
        self.fill_from_scene(si, m, toks, tolled, f.trigger.is_some());
        // a figure with no place, in a paragraph that opened on one
        if m.scene_place && m.told.places.first().map(|p| &p.key) == self.para.topic.as_ref() {
            m.topic_place = true;
        }
        m.demonym = toks.iter().find_map(|x| places::demonym_country(&x.lower));
        m.told.actor = actor_of(toks);
    }

    /// The mention's figures from the sentence's reading `tr` (a toll of
    /// zero where it says no one died, `zero`), their flags and section
    /// day; true when the next sentence refutes them (they are then early,
    /// superseded figures).
    fn set_tolls(
        &self,
        m: &mut Mention,
        toks: &[Token],
        tr: &mut TollReading,
        zero: Option<(usize, usize)>,
    ) -> bool {
        m.told.injured = tr.injured;
        m.told.deaths = std::mem::take(&mut tr.victims);
        m.told.deaths_group = tr.group;
        m.told.attacker = std::mem::take(&mut tr.attackers);
        m.told.evidence = tr.evidence;
        // "No one was killed", "sans faire de victimes": an event told
        // with no dead, a toll of zero
        if m.told.deaths.is_empty() && m.told.attacker.is_empty() {
            if let Some((a, b)) = zero {
                let span = (toks[a].start, toks[b - 1].end);
                m.told.deaths.push(Candidate {
                    low: 0,
                    best: 0,
                    high: Some(0),
                    stance: Stance::Plain,
                    vague: false,
                    span,
                    parts: [0; 4],
                });
                m.told.evidence = Some(span);
            }
        }
        toll_flags(m, toks, &tr.victim_tolls);
        self.section_day_for(m);
        // "A report on 15 July said that seven gendarmes had been killed.
        // That was wrong.": a figure the next sentence refutes is an early,
        // superseded one
        let refuted = refuted_next(self.text, m.sent.1) || misplaced_report(toks);
        if refuted {
            for c in m.told.deaths.iter_mut().chain(m.told.attacker.iter_mut()) {
                c.stance = Stance::Early;
            }
        }
        refuted
    }

    /// A live blog's entry tells its section's day, unless it updates a
    /// toll told before ("the minister has given an updated figure"); a
    /// remark with no figure dates nothing once an event is told.
    fn section_day_for(&self, m: &mut Mention) {
        if let (None, None, Some(day)) = (m.told.date, &m.told.date_key, self.section_day) {
            let tolled = !m.told.deaths.is_empty() || !m.told.attacker.is_empty();
            let first_told = self.accs.is_empty();
            if first_told || (!m.about_toll && !m.restates && !m.also && tolled) {
                m.told.date = Some(day);
                m.told.date_inferred = true;
            }
        }
    }

    /// The refuted figure held joins the account that corrects it; a
    /// mention whose figures the next sentence refutes is held (true).
    fn hold_refuted(&mut self, m: &mut Mention, refuted: bool) -> bool {
        if let Some(r) = self.refuted.take() {
            // (an account of another place with no dead corrects nothing of
            // it: "our story on the Amasrakad strikes said 14 ... the shells
            // on Gao fell without casualties, but the strikes on Amasrakad
            // ...")
            let no_dead =
                !m.told.deaths.is_empty() && m.told.deaths.iter().all(|c| c.high == Some(0));
            let elsewhere = no_dead
                && !r.told.places.is_empty()
                && !m.told.places.is_empty()
                && !m
                    .told
                    .places
                    .iter()
                    .any(|p| r.told.places.iter().any(|q| same_place(p, q)));
            if (m.told.deaths.is_empty() && m.told.attacker.is_empty()) || elsewhere {
                self.refuted = Some(r);
            } else {
                m.told.deaths.extend(r.told.deaths);
                m.told.attacker.extend(r.told.attacker);
            }
        }
        self.refuted.is_none()
            && (!m.told.deaths.is_empty() || !m.told.attacker.is_empty())
            && m.told
                .deaths
                .iter()
                .chain(m.told.attacker.iter())
                .all(|c| c.stance == Stance::Early)
            && refuted
    }

    /// The mention's places: its own, "the same village", or the
    /// paragraph's scene kept as context.
    fn locate(&mut self, m: &mut Mention, toks: &[Token], found: &[PlaceMention], tolled: bool) {
        // "... since the one in Solhan, in Yagha province, where 132 people
        // were killed": a toll told in a where-clause is the place's before it
        let from = where_clause_place(toks, found).unwrap_or(0);
        m.told.places = found
            .iter()
            .filter(|p| p.role == Role::Event && p.first >= from)
            .take(MAX_PLACES)
            .map(|p| p.place.clone())
            .collect();
        self.place_told_there(m, toks, found);
        m.told.landmarks = found
            .iter()
            .filter(|p| p.role == Role::Near)
            .map(|p| p.place.key.clone())
            .collect();
        place_near(&mut m.told.places, found);
        if m.told.places.is_empty() && tolled {
            if let Some(p) = self.told_by_area(toks, found) {
                m.told.places.push(p);
            }
        }
        // "near the same village": the place of the last event told (also
        // over the units and distances that locate it: "Dans ce village de
        // la province du Namentenga, à une trentaine de kilomètres à l'est
        // de Boulsa, ...")
        // ("ce petit village de la commune de Sanaba": the commune holds
        // the village the sentence refers back to)
        let only_context = context_only(toks, found, &m.told.places);
        if only_context && refers_to_same_place(toks) {
            if let Some(a) = self.last.and_then(|l| self.accs.get(l)) {
                let village = a.told.places.first().filter(|p| {
                    m.told.places.is_empty() || (p.precision == GeoPrecision::Place && !p.near)
                });
                if let Some(p) = village.cloned() {
                    m.told.places.insert(0, p);
                }
            } else if let Some(p) = scene_place(
                self.text,
                self.language,
                &self.para.pending,
                self.gaz,
                self.cache,
            ) {
                // ("La commune de Manni ... Des hommes armés ont fait
                // irruption sur le marché de cette localité": no event told
                // yet, the place the paragraph named)
                m.told.places.insert(0, p);
            }
        }
        // "10 February 2019 - Oursi. Five soldiers are killed ... in the
        // Sahel region": only a region named, the village the paragraph
        // just named inside it is the event's
        let coarse = coarse_only(&m.told.places);
        if (m.told.places.is_empty() || coarse) && tolled {
            let para = &self.para;
            let untolled = para.recent.clone().filter(|_| para.recent_untolled);
            if let Some(p) = scene_place(
                self.text,
                self.language,
                &para.pending,
                self.gaz,
                self.cache,
            )
            .or(untolled.filter(|_| coarse))
            {
                if coarse {
                    if within_region(&p, &m.told.places[0]) {
                        m.told.places.insert(0, p);
                    }
                } else {
                    self.para.recent = Some(p);
                    self.para.recent_untolled = false;
                }
            }
        }
        // ("Gourma-Rharous is in mourning. Armed men attacked the camp.
        // Ten soldiers were killed.": an event with no place and no toll
        // leaves the scene for the toll that follows)
        if !m.told.places.is_empty() || tolled || self.para.recent.is_some() {
            self.para.pending.clear();
        }
        m.context = self.para.recent.clone();
        if let Some(p) =
            m.told.places.iter().find(|p| {
                !p.vague && matches!(p.precision, GeoPrecision::Place | GeoPrecision::Admin2)
            })
        {
            self.para.recent = Some(p.clone());
            self.para.recent_untolled = !tolled;
        }
    }

    /// A toll with no place of its own told by an area: "in the east of the
    /// country", "dans l'est du pays" (the country the article's events are
    /// in, with the direction), or "on the road between Bamako and Siby",
    /// "sur l'axe Bamako-Siby" (the road's end that is not the capital).
    fn told_by_area(&mut self, toks: &[Token], found: &[PlaceMention]) -> Option<PlaceRef> {
        self.part_of_the_country(toks)
            .or_else(|| self.road_end(toks, found))
    }

    /// "the east of the country" (French "l'est du pays" reads so): a
    /// country-level place named with its direction, in the country of the
    /// last event told.
    fn part_of_the_country(&self, toks: &[Token]) -> Option<PlaceRef> {
        let w = |k: usize| toks.get(k).map(|x| x.lw()).unwrap_or("");
        let k = (0..toks.len()).find(|&k| {
            crate::names::compass_adjective(w(k)).is_some()
                && matches!(w(k + 1), "of" | "du")
                && matches!(w(k + 2), "the" | "country" | "pays")
                && matches!(
                    w(k + 2 + usize::from(w(k + 2) == "the")),
                    "country" | "pays"
                )
        })?;
        let code = self
            .last
            .and_then(|l| self.accs.get(l))
            .and_then(|a| a.told.places.first())
            .and_then(|p| p.country.clone())?;
        let dir = crate::names::compass_adjective(w(k))?;
        let mut p = super::incidents::country_place(&code);
        p.name = format!("{dir} {}", p.name);
        p.key = crate::gazetteer::normalize::normalize(&p.name);
        Some(p)
    }

    /// The place a road is told by ("the road between Bamako and Siby",
    /// "the Sévaré-Bandiagara axis", "l'axe Bamako-Siby"): its first end
    /// that is not a national capital (the capital is where the road comes
    /// from).
    fn road_end(&mut self, toks: &[Token], found: &[PlaceMention]) -> Option<PlaceRef> {
        let road = toks.iter().position(|x| {
            matches!(
                x.lw(),
                "road" | "axis" | "axe" | "route" | "highway" | "track" | "stretch"
            )
        })?;
        // where it happened ("killed on the road between"), not what a
        // place is ("the post, which sits on the road between")
        let on =
            (road.saturating_sub(4)..road).any(|k| matches!(toks[k].lw(), "on" | "along" | "sur"));
        let described = (road.saturating_sub(6)..road)
            .any(|k| matches!(toks[k].lw(), "which" | "that" | "where" | "qui" | "où"));
        if !on || described {
            return None;
        }
        let near = |k: usize| k + 4 >= road && k <= road + 6;
        let mut ends: Vec<PlaceRef> = found
            .iter()
            .filter(|p| near(p.first) && !p.place.vague && p.place.precision == GeoPrecision::Place)
            .map(|p| p.place.clone())
            .collect();
        // "Bamako-Siby" read as one name: each half on its own
        if ends.len() < 2 {
            let joined = (0..toks.len()).find(|&k| {
                near(k) && toks[k].cap && toks[k].kind == Kind::Word && {
                    let raw = &self.text[toks[k].start..toks[k].end];
                    raw.contains('-')
                        && raw
                            .split('-')
                            .all(|h| h.chars().next().is_some_and(char::is_uppercase))
                }
            });
            if let Some(k) = joined {
                // (read together, so that each end's country hints the
                // other's homonyms)
                let raw = &self.text[toks[k].start..toks[k].end];
                let probe = format!("in {}", raw.replace('-', " and in "));
                let pt = text::tokens(&probe, 0, probe.len());
                let masked = vec![false; pt.len()];
                ends = places::find_places(&probe, &pt, &masked, self.gaz, self.cache)
                    .into_iter()
                    .map(|p| p.place)
                    .filter(|p| p.precision == GeoPrecision::Place && !p.vague)
                    .collect();
            }
        }
        if ends.len() < 2 {
            return None;
        }
        let capital = |p: &PlaceRef| matches!(p.name.as_str(), "Bamako" | "Ouagadougou" | "Niamey");
        ends.into_iter().find(|p| !capital(p))
    }

    /// "Vingt-neuf soldats y ont perdu la vie", "nine died there": the place
    /// the last event was told at goes first (the other names of the
    /// sentence locate it: "dans le cercle de Bourem, au nord de Gao").
    fn place_told_there(&self, m: &mut Mention, toks: &[Token], found: &[PlaceMention]) {
        let raw = self.text.get(m.sent.0..m.sent.1).unwrap_or("");
        // (not when the sentence named its village before: "le camp de
        // Bamba ... une vingtaine de soldats y avaient perdu la vie")
        // (nor when it names none: the last event's place comes anyway)
        let there = (!found.is_empty())
            .then(|| says_there(raw, m.sent.0, toks))
            .flatten()
            .filter(|&at| {
                !found.iter().any(|p| {
                    p.role == Role::Event
                        && p.place.precision == GeoPrecision::Place
                        && !p.place.vague
                        && toks.get(p.first).is_some_and(|x| x.start < at)
                })
            });
        if there.is_some() {
            if let Some(p) = self
                .last
                .and_then(|l| self.accs.get(l))
                .and_then(|a| a.told.places.first())
                .filter(|p| p.precision == GeoPrecision::Place && !p.vague)
            {
                m.told.places.insert(0, p.clone());
            }
        }
    }

    /// One row of a table: its place, day and toll, column by column.
    fn table_row(&mut self, fs: &[&[Token]], h: &table::TableHead, sent: (usize, usize)) {
        let mut m = Mention {
            sent,
            ..Mention::default()
        };
        let (text, gaz) = (self.text, self.gaz);
        // the column says its names are places: confirm those outside
        // brackets; the bracketed unit only locates them
        let names = table::field_names(text, fs[h.place]);
        for &(name, _) in names.iter().filter(|n| !n.1) {
            self.cache
                .confirmed
                .insert(crate::normalize::normalize(name), name.to_string());
        }
        let row = ("location", 0);
        apply_infobox_row(
            &mut m,
            text,
            fs[h.place],
            row,
            gaz,
            self.cache,
            &mut self.ctx,
        );
        let units: Vec<String> = names
            .iter()
            .filter(|n| n.1)
            .map(|n| places::norm_key(n.0))
            .collect();
        if m.told.places.len() > 1 {
            m.told.places.retain(|p| !units.contains(&p.key));
        }
        if let Some(d) = h.date {
            apply_infobox_row(
                &mut m,
                text,
                fs[d],
                ("date", 0),
                gaz,
                self.cache,
                &mut self.ctx,
            );
        }
        apply_infobox_row(
            &mut m,
            text,
            fs[h.deaths],
            ("deaths", 0),
            gaz,
            self.cache,
            &mut self.ctx,
        );
        if m.told.places.is_empty() || m.told.deaths.is_empty() {
            return;
        }
        m.told.evidence = Some(sent);
        m.trigger = Some(Trigger {
            etype: Some("attack"),
            ..Trigger::default()
        });
        absorb(m, &mut self.accs, &mut self.last, true);
    }

    /// A line that is only a day ("SUNDAY 18 JUNE", "Lundi 19 juin 2017")
    /// followed by a line stamped with a clock time: a live blog's section.
    fn section_header(&self, toks: &[Token], e: usize) -> Option<DaySpan> {
        if toks.len() > 6 {
            return None;
        }
        let ctx = DateCtx {
            published: self.published,
            ..self.ctx
        };
        let ds = dates::find_dates(toks, &ctx);
        let [d] = ds.as_slice() else { return None };
        let whole = d.next == toks.len()
            && toks[..d.first]
                .iter()
                .all(|x| dates::weekday(x.lw()).is_some() || x.is_punct(','));
        let DateVal::Known {
            start,
            end,
            precision: DatePrecision::Day,
        } = d.val
        else {
            return None;
        };
        let next_line = self.text.get(e..)?.trim_start();
        let b = next_line.as_bytes();
        let stamped = b.len() > 5
            && b[0].is_ascii_digit()
            && b[1].is_ascii_digit()
            && matches!(b[2], b':' | b'h' | b'.')
            && b[3].is_ascii_digit();
        (whole && stamped).then_some((start, end, DatePrecision::Day))
    }

    /// "announced on Friday evening the toll of the attack carried out the
    /// day before" ("la veille"), "a shelling of the airport the previous
    /// evening": the day before the one the sentence names, else before the
    /// event just told (`anchor`).
    fn date_the_day_before(&self, m: &mut Mention, toks: &[Token], anchor: Option<DaySpan>) {
        let named = dates::find_dates(toks, &self.ctx)
            .into_iter()
            .find_map(|d| match d.val {
                DateVal::Known {
                    start,
                    precision: DatePrecision::Day,
                    ..
                } => Some(start),
                _ => None,
            });
        if let Some(d) = named.or(anchor.map(|a| a.0)).and_then(|d| d.pred_opt()) {
            m.told.date = Some((d, d, DatePrecision::Day));
            m.told.date_inferred = true;
        }
    }

    /// A day worked out from the paragraph: "that day", "five days later",
    /// "the next day".
    fn date_from_context(&mut self, m: &mut Mention, toks: &[Token]) {
        let recent_date = self.para.recent_date;
        // "The next day, four were shot dead near X": a day after the
        // paragraph's last dated event
        let next_day = next_day_said(toks);
        // "Later that day", "the same night", "also on 25 February"
        let same_day = toks.windows(2).any(|w| {
            matches!(w[0].lw(), "that" | "same") && matches!(w[1].lw(), "day" | "night" | "evening")
        });
        // (a sentence opening on "Le même jour", "The same day": the day of
        // the event just told, in a new paragraph too)
        // ("In a separate incident on the same day, ...": the same)
        let opens_same = toks.len() > 3
            && (toks[..3].windows(2).any(|w| {
                matches!(w[0].lw(), "that" | "same") && matches!(w[1].lw(), "day" | "night")
            }) || toks
                .windows(4)
                .any(|w| w[0].is("on") && w[1].is("the") && w[2].is("same") && w[3].is("day")));
        let same_as = recent_date.or_else(|| {
            if !opens_same {
                return None;
            }
            self.last
                .and_then(|l| self.accs.get(l))
                .and_then(|a| a.told.date)
        });
        if let (None, true, Some(r)) = (m.told.date, same_day, same_as) {
            if r.2 == DatePrecision::Day {
                m.told.date = Some(r);
                m.told.date_key = None;
                m.told.date_inferred = true;
            }
        }
        // the day the next words count from: the event just told, else
        // the paragraph's day
        let anchor = self
            .last
            .and_then(|l| self.accs.get(l))
            .and_then(|a| a.told.date)
            .or(recent_date)
            .filter(|d| d.2 == DatePrecision::Day);
        // "Over the next two days, militiamen hunted down ...": the days
        // after the event just told
        if m.told.date.is_none() && m.told.date_key.is_none() {
            if let (Some(a), Some(n)) = (anchor, following_days(toks)) {
                if let (Some(s), Some(e)) = (
                    a.1.succ_opt(),
                    a.1.checked_add_signed(chrono::Duration::days(n)),
                ) {
                    m.told.date = Some((s, e, DatePrecision::Day));
                    m.told.date_inferred = true;
                }
            }
        }
        if m.told.date.is_none() && m.told.date_key.is_none() && day_before(toks) {
            self.date_the_day_before(m, toks, anchor);
        }
        // "Five days later, ...", "... came five days after an attack near X"
        if m.told.date.is_none() && m.told.date_key.is_none() {
            if let (Some(a), Some(shift)) = (anchor, relative_days(toks)) {
                if let Some(d) = a.0.checked_add_signed(chrono::Duration::days(shift)) {
                    m.told.date = Some((d, d, DatePrecision::Day));
                    m.told.date_inferred = true;
                }
            }
        }
        // "Five months earlier, near Darey-Daye, ...": the month, counted
        // from the event just told
        if m.told.date.is_none() && m.told.date_key.is_none() {
            if let (Some(a), Some(shift)) = (anchor, relative_months(toks)) {
                let months = a.0.year() * 12 + a.0.month0() as i32 + shift;
                let (y, mo) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
                if let Some(s) = NaiveDate::from_ymd_opt(y, mo, 1) {
                    let e = s
                        .checked_add_months(chrono::Months::new(1))
                        .and_then(|x| x.pred_opt())
                        .unwrap_or(s);
                    m.told.date = Some((s, e, DatePrecision::Month));
                    m.told.date_inferred = true;
                }
            }
        }
        if let (None, true, Some(r)) = (m.told.date, next_day, recent_date) {
            if let (DatePrecision::Day, Some(d)) = (r.2, r.1.succ_opt()) {
                m.told.date = Some((d, d, DatePrecision::Day));
                m.told.date_key = None;
                m.told.date_inferred = true;
            }
        }
        if m.told
            .date
            .is_some_and(|d| matches!(d.2, DatePrecision::Day | DatePrecision::Month))
        {
            self.para.recent_date = m.told.date;
            self.para.scene_dated = None;
        }
    }

    /// "... the target of two attacks this Saturday 30 October 2021. 1. At
    /// about 11:21, an escort ran into an ambush near X ...": a count of
    /// events announced on a day dates the next events told with no day.
    fn announced_day(&mut self, m: &mut Mention, toks: &[Token], f: &Facts, tolled: bool) {
        let day = m
            .told
            .date
            .filter(|d| d.2 == DatePrecision::Day && d.0 == d.1);
        if let (Some(d), false) = (day, tolled) {
            if let Some(n) = announced_count(toks) {
                self.announced = Some((d, n));
                return;
            }
        }
        if m.told.date.is_some() || m.told.date_key.is_some() || f.trigger.is_none() {
            // (an event with a day of its own ends the announcement)
            if m.own_day && f.trigger.is_some() {
                self.announced = None;
            }
            return;
        }
        if let Some((d, n)) = self.announced.take() {
            // (an item told by its hour: "At about 11:21, ...")
            if m.told.places.is_empty() && !tolled || m.told.clock.is_none() {
                self.announced = Some((d, n));
                return;
            }
            m.told.date = Some(d);
            m.told.date_inferred = true;
            if n > 1 {
                self.announced = Some((d, n - 1));
            }
        }
    }

    /// A toll with no place takes the paragraph's scene (or the lead's);
    /// a placed toll with no day takes the paragraph's day.
    fn fill_from_scene(
        &self,
        si: usize,
        m: &mut Mention,
        toks: &[Token],
        tolled: bool,
        eventful: bool,
    ) {
        let recent_date = self.para.recent_date;
        if m.told.places.is_empty() && tolled && !m.general {
            let scene = match (&m.context, &self.lead) {
                (Some(p), _) => Some((p.clone(), recent_date)),
                (None, Some((p, d))) if self.accs.is_empty() => Some((p.clone(), *d)),
                _ => None,
            };
            if let Some((p, d)) = scene {
                m.told.places.push(p);
                m.scene_place = true;
                if m.told.date.is_none() && m.told.date_key.is_none() {
                    m.told.date = d;
                    m.told.date_inferred = true;
                }
            }
        } else if (!m.told.places.is_empty() || m.context.is_some())
                        // (an event word with no figure: only for the article's first
            // event, "Saturday, the town lived its worst attack. Around 3
            // pm, assailants targeted the camp on its outskirts.")
            // (or when the paragraph set the day in a sentence with no
            // event: "On Friday 7 February, a column of buses left Gao.
            // ... as it reached Kobé, armed men opened fire")
            && (tolled
                || (eventful
                    && (self.accs.is_empty() || self.para.scene_dated.is_some_and(|k| k + 1 == si))))
            && m.told.date.is_none()
            && m.told.date_key.is_none()
            // "came several days after another strike in X killed 14": another day
            && !toks.iter().any(|x| {
                matches!(
                    x.lw(),
                    "after" | "before" | "earlier" | "ago" | "previous" | "previously" | "prior"
                        | "since" | "another" | "other"
                )
            })
        {
            // "On Saturday 14 May, armed groups struck several localities.
            // In Salmossi, five were killed." : the paragraph's day
            if let Some(d) = recent_date.filter(|d| d.2 == DatePrecision::Day) {
                m.told.date = Some(d);
                m.told.date_inferred = true;
            }
        }
    }

    /// A follow-up detail with no event of its own: "Eight other people
    /// were wounded" adds to the last incident.
    fn follow_up(&mut self, m: &Mention) {
        if let (Some(n), true, Some(l)) = (m.told.injured, m.told.places.is_empty(), self.last) {
            if let Some(a) = self.accs.get_mut(l) {
                a.told.injured.get_or_insert(n);
            }
        }
        // "It should read: on the night of 22 to 23 November", "Il
        // convient de lire : dans la nuit du 22 au 23 novembre": a
        // correction's day replaces the one the event was first given
        let (Some(d), Some(l)) = (m.told.date, self.last) else {
            return;
        };
        let raw = self.text.get(m.sent.0..m.sent.1).unwrap_or("");
        // (lowercased only when a word of it is there at all)
        let correction = (raw.contains("read") || raw.contains("lire")) && {
            let raw = raw.to_lowercase();
            [
                "should read",
                "should have read",
                "convient de lire",
                "fallait lire",
            ]
            .iter()
            .any(|c| raw.contains(c))
        };
        if correction {
            if let Some(a) = self.accs.get_mut(l) {
                a.told.date = Some(d);
                a.told.date_inferred = false;
                a.told.date_key = m.told.date_key.clone();
            }
        }
    }

    /// "Gunmen killed fifteen passengers in southwestern Burkina Faso on
    /// Sunday. The vehicles were flagged down at Linguékoro, a village in
    /// Comoé province": a sentence right after an event placed only by its
    /// country or region, opening on a definite reference and with no event
    /// word, figure or day of its own, names the one village where it was.
    fn place_told_after(&mut self, si: usize, toks: &[Token], places: &[PlaceRef], own_day: bool) {
        if !self.refinable(si, toks) || own_day {
            return;
        }
        let fine: Vec<&PlaceRef> = places
            .iter()
            .filter(|p| (p.precision == GeoPrecision::Place || p.near) && !p.vague)
            .collect();
        let (Some(a), [p]) = (
            self.last.and_then(|l| self.accs.get_mut(l)),
            fine.as_slice(),
        ) else {
            return;
        };
        let inside = a.told.places.iter().any(|q| {
            p.country.is_none()
                || (q.country == p.country
                    && (q.precision == GeoPrecision::Country || within_region(p, q)))
        });
        if inside {
            a.told.places.insert(0, (*p).clone());
        }
    }

    /// [`Reader::place_told_after`] for a sentence not otherwise read (no
    /// figure, no event word): its places are resolved only when it could
    /// refine the event just told.
    fn refine_from_unread(&mut self, si: usize, toks: &[Token], masked: &[bool]) {
        if !self.refinable(si, toks) {
            return;
        }
        let found = places::find_places(self.text, toks, masked, self.gaz, self.cache);
        let mut told: Vec<PlaceRef> = found
            .iter()
            .filter(|p| p.role == Role::Event)
            .map(|p| p.place.clone())
            .collect();
        // ("The device went off fifteen kilometres north of Pama": the
        // town it was near, when the sentence names no place it was in)
        place_near(&mut told, &found);
        let own_day = scene_day(toks, &self.ctx).is_some();
        self.place_told_after(si, toks, &told, own_day);
    }

    /// Could sentence `si` name the place of the event just told (see
    /// [`Reader::place_told_after`])? Right after it, opening on a definite
    /// reference, the event placed only by its country or region.
    fn refinable(&self, si: usize, toks: &[Token]) -> bool {
        let close = self.told_at.is_some_and(|k| k < si && k + 2 >= si);
        let definite = matches!(
            toks.first().map(|x| x.lw()),
            Some("the" | "its" | "their" | "le" | "la" | "les" | "l'")
        );
        close
            && definite
            && self
                .last
                .and_then(|l| self.accs.get(l))
                .is_some_and(|a| coarse_only(&a.told.places))
    }

    /// A headline restates the lead: a short first line with no full stop.
    fn is_headline(&self, si: usize, s: usize, e: usize) -> bool {
        let piece = &self.text[s..e];
        // (a line of its own, not the first clause of a sentence cut in two)
        let rest = self.text[e..].trim_start_matches([' ', '\t', '\r']);
        let own_line = rest.is_empty() || rest.starts_with('\n');
        si == 0
            && own_line
            && piece.len() < 200
            && !piece.contains('|')
            && !piece.ends_with(['.', '!', '?', '"', '\u{201d}'])
            && self.sentences > 1
    }

    /// "May 18, 2020 - Blabrine is hit again": an event told again at a
    /// place the gazetteer does not know takes the places of the earlier
    /// incident the sentence names, not the last one's.
    fn again_at_named(&self, m: &mut Mention) {
        if !m.told.places.is_empty()
            || !m
                .trigger
                .as_ref()
                .is_some_and(|t| t.another || (t.again && m.own_day))
        {
            return;
        }
        let raw = self.text.get(m.sent.0..m.sent.1).unwrap_or("");
        let named = |name: &str| {
            name.len() >= 3
                && raw.match_indices(name).any(|(i, _)| {
                    let before = raw[..i].chars().next_back();
                    let after = raw[i + name.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
        };
        if let Some(a) = self
            .accs
            .iter()
            .rev()
            .find(|a| a.told.places.first().is_some_and(|p| named(&p.name)))
        {
            m.told.places = a.told.places.iter().take(3).cloned().collect();
        }
    }

    /// Merges the mention, then adds the incidents of the other places'
    /// own figures and of a further event told in the same sentence.
    fn commit(&mut self, mut m: Mention, split: Vec<SplitToll>, more: Option<Figure>, from: usize) {
        let (s, e) = m.sent;
        // the other places' own figures leave the sentence's incident
        if !split.is_empty() {
            m.told
                .places
                .retain(|p| !split.iter().any(|(_, _, q)| same_place(p, q)));
        }
        self.again_at_named(&mut m);
        let base_date = m.told.date;
        let base_group = m.told.deaths_group;
        let base_actor = m.told.actor.clone();
        let spawned = absorb(m, &mut self.accs, &mut self.last, false);
        for (q, span, place) in split {
            self.accs.push(Acc {
                told: Told {
                    places: vec![place],
                    date: base_date,
                    deaths: vec![Candidate::plain(&q, span)],
                    deaths_group: base_group,
                    evidence: Some(span),
                    actor: base_actor.clone(),
                    ..Told::default()
                },
                first_sentence: (s, e),
                mentions: 1,
                last_para: self.para_no,
                ..Acc::default()
            });
            self.last = Some(self.accs.len() - 1);
        }
        if let (Some((q, span)), Some(idx)) = (more, spawned.or(self.last)) {
            // "... and struck again, killing four more when ...": a further
            // event at the same place and time
            let base = self.accs.get(idx).cloned().unwrap_or_default();
            let extra = Acc {
                told: Told {
                    places: base.told.places.clone(),
                    date: base.told.date,
                    date_key: base.told.date_key.clone(),
                    deaths: vec![Candidate::plain(&q, span)],
                    deaths_group: base.told.deaths_group,
                    evidence: Some(span),
                    occasion: self.text.get(from.max(s)..e).and_then(occasion_of),
                    actor: base.told.actor.clone(),
                    ..Told::default()
                },
                first_sentence: (s, e),
                etype: base.etype,
                mentions: 1,
                last_para: self.para_no,
            };
            self.accs.push(extra);
            self.last = Some(self.accs.len() - 1);
        }
    }
}

/// A heading line of the article's own event: "Attack", "The attack",
/// "Aftermath", "Casualties", "Déroulement", "Bilan".
fn event_section(toks: &[Token]) -> bool {
    let heading = match toks {
        [a, w] if matches!(a.lw(), "the" | "l'") => w.lw(),
        [w] => w.lw(),
        _ => return false,
    };
    toks[0].cap
        && matches!(
            heading,
            "attack"
                | "aftermath"
                | "casualties"
                | "massacre"
                | "ambush"
                | "attaque"
                | "déroulement"
                | "bilan"
                | "suites"
                | "embuscade"
        )
}

/// A correspondent's byline: "(From our correspondent in Gao)", "De notre
/// envoyé spécial à Mopti" (read "of our ... in"), a short line naming
/// where the story was filed, not where anything happened.
fn byline(toks: &[Token]) -> bool {
    toks.len() <= 12
        && toks.iter().any(|x| {
            matches!(
                x.lw(),
                "correspondent"
                    | "correspondant"
                    | "correspondante"
                    | "envoyé"
                    | "envoyée"
                    | "reporter"
            )
        })
        && toks.windows(2).any(|w| {
            matches!(w[0].lw(), "from" | "of" | "by" | "de" | "par")
                && matches!(w[1].lw(), "our" | "notre")
        })
        && !toks
            .iter()
            .any(|x| x.kind == Kind::Num || event_word(x.lw()).is_some())
}

/// "two attacks", "three ambushes": how many events a sentence announces.
fn announced_count(toks: &[Token]) -> Option<u32> {
    toks.windows(2).find_map(|x| {
        let (_, plural, verb) = event_word(x[1].lw())?;
        let n = x[0]
            .value
            .filter(|_| x[0].kind == Kind::Num)
            .or_else(|| numbers::word_value(x[0].lw()))?;
        (plural && !verb && (2..=6).contains(&n)).then(|| u32::try_from(n).unwrap_or(2))
    })
}

/// A month or a weekday named: a day on the calendar ("On Friday 7
/// February"), not "today" in the sense of nowadays.
fn calendar_day(toks: &[Token]) -> bool {
    toks.iter()
        .any(|x| dates::month(x.lw()).is_some() || super::calendar::weekday(x.lw()).is_some())
}

/// The sentence's dates, masked; the first that dates the event (not a
/// statement, not a since-clause) is kept. Years written set the context.
fn read_date(ctx: &mut DateCtx, toks: &[Token], masked: &mut [bool]) -> SentenceDate {
    let pre_masked = masked.to_vec();
    let ds = dates::find_dates(toks, ctx);
    let since_from = since_clause(toks);
    let since_end = since_from.map_or(0, |k| clause_end(toks, k));
    let in_since = |i: usize| since_from.is_some_and(|k| i > k && i < since_end);
    let mut out = SentenceDate {
        found: Vec::new(),
        since_from,
        date: None,
        key: None,
        inferred: false,
    };
    let mut relative_first = false;
    for d in &ds {
        for m in masked.iter_mut().take(d.next.min(toks.len())).skip(d.first) {
            *m = true;
        }
        if let (
            true,
            DateVal::Known {
                start, precision, ..
            },
        ) = (d.explicit_year, &d.val)
        {
            // "the deadliest since the coup of July 2023": a year told
            // of the past does not date the next sentences
            // ("En 2024, la violence s'est déplacée. Le 1er juillet, ...":
            // a year that opens a sentence sets the year for what follows)
            let opening = d.first <= 1;
            if (*precision != DatePrecision::Year || opening) && !in_since(d.first) {
                ctx.year = Some(start.year());
            }
        }
        remember_named_day(ctx, toks, d);
        if pre_masked.get(d.first).copied().unwrap_or(false) {
            continue;
        }
        if in_since(d.first) || speech_date(toks, d.first, d.next) {
            continue;
        }
        // "A week ago today, on 1 July, ...": a calendar day wins over a
        // relative one told first
        let calendar = toks[d.first..d.next.min(toks.len())]
            .iter()
            .any(|x| dates::month(x.lw()).is_some());
        if out.date.is_some() && !(calendar && relative_first) && !refines(out.date, &d.val) {
            continue;
        }
        relative_first = out.date.is_none() && !calendar;
        match &d.val {
            DateVal::Known {
                start,
                end,
                precision,
            } => {
                if *precision == DatePrecision::Year && ds.len() > 1 {
                    continue;
                }
                // "on Monday, March 25": the calendar date wins over the weekday
                let (start, end) = year_of_relative(out.date, d.explicit_year, *start, *end);
                out.date = Some((start, end, *precision));
                out.key = None;
                out.inferred = !d.explicit_year;
            }
            DateVal::Unknown { key } => {
                if out.key.is_none() {
                    out.key = Some(key.clone());
                }
            }
        }
    }
    // "a funeral on Wednesday for the soldiers killed last week": a date told
    // right after the death verb dates the deaths, whatever came before it
    if let Some(d) = ds.iter().find(|d| {
        !pre_masked.get(d.first).copied().unwrap_or(false)
            && !in_since(d.first)
            && died_just_before(toks, d.first)
    }) {
        if let DateVal::Known {
            start,
            end,
            precision,
        } = &d.val
        {
            if *precision != DatePrecision::Year {
                out.date = Some((*start, *end, *precision));
                out.key = None;
                out.inferred = !d.explicit_year;
            }
        }
    }
    if out.date.is_some_and(|d| d.2 == DatePrecision::Year) {
        // a bare year only dates an event when nothing better is said
        out.key = None;
    }
    note_last_week(ctx, &ds, toks);
    out.found = ds;
    out
}

/// "le samedi 16 mars": a calendar day written with its weekday, for a
/// bare weekday later ([`DateCtx::remember_day`]).
fn remember_named_day(ctx: &mut DateCtx, toks: &[Token], d: &dates::DateMention) {
    if let DateVal::Known {
        start,
        end,
        precision: DatePrecision::Day,
    } = d.val
    {
        let around = &toks[d.first.saturating_sub(2)..d.next.min(toks.len())];
        if start == end
            && around.iter().any(|x| dates::weekday(x.lw()).is_some())
            && around.iter().any(|x| dates::month(x.lw()).is_some())
        {
            ctx.remember_day(start);
        }
    }
}

/// Where the worst of the events a statistic counts is named: the token
/// after "the worst being", "the deadliest of which".
fn worst_named(toks: &[Token]) -> Option<usize> {
    toks.windows(3)
        .position(|w| {
            matches!(w[0].lw(), "worst" | "deadliest" | "bloodiest")
                && (w[1].lw() == "being" || (w[1].lw() == "of" && w[2].lw() == "which"))
        })
        .map(|k| {
            if toks[k + 1].lw() == "being" {
                k + 2
            } else {
                k + 3
            }
        })
        .filter(|&k| k < toks.len())
}

/// "There" pointing back at a place: French "y" before its verb ("y ont
/// perdu la vie", read in the raw sentence starting at byte `from`: the
/// reading drops the pronoun), English "there" after a death word ("died
/// there"). The byte where it stands.
fn says_there(raw: &str, from: usize, toks: &[Token]) -> Option<usize> {
    let mut prev: Option<(usize, &str)> = None;
    let words = raw
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - raw.as_ptr() as usize, w));
    // (most sentences have no " y ": no need to walk their words)
    for (at, x) in words.take(if raw.contains(" y ") { usize::MAX } else { 0 }) {
        if let Some((pat, "y")) = prev {
            if matches!(
                x,
                "ont" | "a" | "sont" | "est" | "avaient" | "avait" | "étaient" | "furent"
            ) {
                return Some(from + pat);
            }
        }
        prev = Some((at, x));
    }
    toks.windows(2)
        .find(|w| w[1].lw() == "there" && (tolls::death_right(w[0].lw()) || w[0].lw() == "lives"))
        .map(|w| w[1].start)
}

/// "last week" said in a sentence holds for the weekdays of the next two
/// sentences; a calendar date or the third sentence ends it.
fn note_last_week(ctx: &mut DateCtx, ds: &[dates::DateMention], toks: &[Token]) {
    let said_last_week = ds.iter().find_map(|d| match d.val {
        DateVal::Known {
            start,
            precision: DatePrecision::Week,
            ..
        } if toks.get(d.first).is_some_and(|x| x.is("last")) => Some(start),
        _ => None,
    });
    let calendar = ds.iter().any(|d| {
        toks[d.first..d.next.min(toks.len())]
            .iter()
            .any(|x| dates::month(x.lw()).is_some())
    });
    ctx.last_week = match (said_last_week, ctx.last_week) {
        (Some(monday), _) => Some((monday, 2)),
        (None, Some((monday, n))) if n > 1 && !calendar => Some((monday, n - 1)),
        _ => None,
    };
}

/// A death verb right before the date at `first` ("killed last week",
/// "died on Friday"), a preposition between them allowed.
fn died_just_before(toks: &[Token], first: usize) -> bool {
    let mut k = first;
    if k > 0 && matches!(toks[k - 1].lw(), "on" | "in") {
        k -= 1;
    }
    // (the death words that read a toll after its noun, "killed", "died")
    k > 0 && tolls::death_right(toks[k - 1].lw()) && toks[k - 1].lw() != "dead"
}

/// A correction telling what an earlier report got wrong: "our story on
/// Monday placed the attack in Bam province and gave fifteen dead".
fn misplaced_report(toks: &[Token]) -> bool {
    toks.iter().any(|x| x.lw() == "placed") && names_a_report(toks)
}

/// A correction telling what an earlier report said wrongly: "we got two
/// facts wrong: our first report said the attack took place in Gossi".
fn misreported(toks: &[Token]) -> bool {
    // "A version of this report distributed on Sunday said the attack took
    // place at Léré", "une version précédente de cette dépêche situait
    // l'attaque à Léré": what the superseded version said
    let version = superseded_version(toks);
    // (not "wrongly located the ambush north of Timbuktu; it took place to
    // the south-west": the sentence that also gives the right place)
    (version && names_a_report(toks))
        || toks.iter().any(|x| x.lw() == "said")
            && !toks.iter().any(|x| x.is_punct(';'))
            && toks.iter().any(|x| {
                matches!(
                    x.lw(),
                    "wrong" | "wrongly" | "erroneously" | "incorrectly" | "mistakenly"
                )
            })
            && names_a_report(toks)
}

/// A paragraph opening at `s` on a word in capitals and a comma ("BAMAKO,
/// April 23 - "): a dateline, wherever it stands.
fn dateline_opens_paragraph(text: &str, s: usize, toks: &[Token]) -> bool {
    let para = text
        .get(..s)
        .is_some_and(|b| b.trim_end_matches([' ', '\t']).ends_with('\n'));
    let caps = toks.first().is_some_and(|x| {
        let w = text.get(x.start..x.end).unwrap_or("");
        x.kind == Kind::Word && w.chars().count() >= 3 && w.chars().all(|c| c.is_uppercase())
    });
    // (or a bare one: "NIAMEY - Seven soldiers ...")
    para && caps
        && toks.get(1).is_some_and(|x| {
            x.is_punct(',') || (x.space_before && matches!(x.lw(), "-" | "\u{2013}" | "\u{2014}"))
        })
}

/// "the day before", "the previous day / evening / night" ("la veille"
/// reads so), not "the day before yesterday".
fn day_before(toks: &[Token]) -> bool {
    toks.windows(3).any(|w| {
        (w[0].is("day") && w[1].is("before") && !w[2].is("yesterday"))
            || (w[0].is("previous") && matches!(w[1].lw(), "day" | "evening" | "night"))
    })
}

/// A correction of what a report wrongly tied together: "an article
/// published on Sunday wrongly linked the deaths of three peacekeepers to
/// the attack on the camp" (the figures belong to another event, told
/// where the text gives it).
fn misattributed(toks: &[Token]) -> bool {
    // ("An article published under the headline "Twelve soldiers killed"
    // gave an incorrect toll": the headline's figure is the wrong one)
    let wrong_headline = toks
        .iter()
        .any(|x| matches!(x.lw(), "headline" | "headlined"))
        && toks.iter().any(|x| {
            matches!(
                x.lw(),
                "incorrect"
                    | "wrong"
                    | "erroneous"
                    | "inaccurate"
                    | "mistaken"
                    | "inexact"
                    | "erroné"
            )
        });
    wrong_headline
        || toks.windows(2).any(|x| {
            matches!(
                x[0].lw(),
                "wrongly" | "erroneously" | "incorrectly" | "mistakenly" | "falsely"
            ) && matches!(
                x[1].lw(),
                "linked" | "attributed" | "tied" | "connected" | "associated" | "ascribed"
            )
        }) && (names_a_report(toks) || toks.iter().any(|x| x.lw() == "headline"))
        // (what a first version gave: the figures belong elsewhere or nowhere)
        || (superseded_version(toks) && names_a_report(toks))
}

/// A superseded version of the report and what it said: "A version of this
/// report distributed on Sunday said ...", "Dans la première mise en ligne de
/// cet article, nous attribuions à l'attaque de Wiyé un bilan de dix-neuf
/// morts".
fn superseded_version(toks: &[Token]) -> bool {
    toks.windows(3).any(|x| {
        x[0].lw() == "version"
            || x[0].lw() == "posting"
            || (x[0].lw() == "mise" && x[1].lw() == "in" && x[2].lw() == "ligne")
            || (x[0].lw() == "mise" && x[1].lw() == "en" && x[2].lw() == "ligne")
    }) && toks.iter().any(|x| {
        matches!(
            x.lw(),
            "said"
                | "stated"
                | "placed"
                | "attributed"
                | "gave"
                | "indiquait"
                | "situait"
                | "affirmait"
                | "plaçait"
                | "attribuait"
                | "attribuions"
                | "indiquions"
                | "donnions"
                | "écrivions"
        )
    })
}

/// The sentence speaks of a published report ("our story", "the caption").
fn names_a_report(toks: &[Token]) -> bool {
    toks.iter()
        .any(|x| matches!(x.lw(), "report" | "caption") || words::publication_word(x.lw()))
}

/// "a convoy was ambushed a few kilometres from Tessit" and no other place:
/// the town it was near, first in `places` (its precision honest: near the
/// town, not in it, so the district's); also when the places named are only
/// the town's own units ("a few kilometres from Pissila, in Sanmatenga
/// province": the town is the better place).
fn place_near(places: &mut Vec<PlaceRef>, found: &[PlaceMention]) {
    // (a country named beside the units too: "(région de Tahoua), non loin
    // du Mali")
    let units_only = !places.is_empty()
        && places.iter().all(|p| {
            p.precision == GeoPrecision::Country
                || (!p.vague && matches!(p.precision, GeoPrecision::Admin1 | GeoPrecision::Admin2))
        })
        && places.iter().any(|p| p.precision != GeoPrecision::Country);
    // (the first town that fits: "30 km north of Tassara (Tahoua region),
    // not far from Mali" is near Tassara)
    let near = found.iter().filter(|p| p.role == Role::Near).find(|p| {
        !units_only
            || places
                .iter()
                .filter(|u| u.precision != GeoPrecision::Country)
                .all(|u| {
                    u.country == p.place.country
                        && match u.precision {
                            GeoPrecision::Admin2
                                if u.admin2.is_some() && p.place.admin2.is_some() =>
                            {
                                u.admin2 == p.place.admin2
                            }
                            _ => u.admin1.is_some() && u.admin1 == p.place.admin1,
                        }
                })
    });
    if places.is_empty() || units_only {
        if let Some(p) = near {
            let mut near = p.place.clone();
            if near.precision == GeoPrecision::Place {
                near.precision = GeoPrecision::Admin2;
                near.near = true;
            }
            places.insert(0, near);
        }
    }
}

/// A place inside the region (or country) `region` names.
fn within_region(p: &PlaceRef, region: &PlaceRef) -> bool {
    match region.precision {
        GeoPrecision::Admin1 if !region.vague => {
            p.admin1.is_some() && p.admin1 == region.admin1 && p.country == region.country
        }
        _ => false,
    }
}

/// "The next day, four were shot dead near X" (not "according to people
/// who attended the burials the following day": the source's day).
fn next_day_said(toks: &[Token]) -> bool {
    toks.windows(2).enumerate().any(|(k, w)| {
        matches!(w[0].lw(), "next" | "following")
            && matches!(w[1].lw(), "day" | "morning")
            && !super::sentence::in_attribution(toks, k)
    })
}

/// The end of the clause opened at token `k` (the next comma or semicolon):
/// "since the one in Dallah, in the Mopti region, where ... in June 2021":
/// June dates the where-clause, not the since-clause.
/// The "since" that opens a clause of other events ("since 2015", "since
/// the coup"), not the adverb of "the toll has since risen to 71" or "they
/// have since fled", which tells this event's later news.
fn since_clause(toks: &[Token]) -> Option<usize> {
    toks.iter().enumerate().position(|(k, x)| {
        x.is("since")
            && !(k > 0
                && matches!(
                    toks[k - 1].lw(),
                    "has" | "have" | "had" | "having" | "was" | "were" | "is" | "are"
                ))
    })
}

fn clause_end(toks: &[Token], k: usize) -> usize {
    (k..toks.len())
        .find(|&j| toks[j].is_punct(',') || toks[j].is_punct(';'))
        .unwrap_or(toks.len())
}

/// "in October 2017, when ... on a Saturday morning, 21 October": a day
/// inside the month (or week) told first makes the date precise.
fn refines(told: Option<DaySpan>, val: &DateVal) -> bool {
    match (told, val) {
        (
            Some((s0, e0, DatePrecision::Month | DatePrecision::Week)),
            DateVal::Known {
                start,
                precision: DatePrecision::Day,
                ..
            },
        ) => *start >= s0 && *start <= e0,
        _ => false,
    }
}

/// "Last month, on 20 April": the year is the relative date's when the
/// calendar day names none.
fn year_of_relative(
    told: Option<DaySpan>,
    explicit_year: bool,
    start: NaiveDate,
    end: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    match told {
        Some((rs, re, _)) if !explicit_year && rs.month() == start.month() => (
            start.with_year(rs.year()).unwrap_or(start),
            end.with_year(re.year()).unwrap_or(end),
        ),
        _ => (start, end),
    }
}

/// "A road accident between Mainé-Soroa and Diffa killed three", "un
/// accident de la circulation a fait trois morts", "a lorry overturned and
/// three travellers died": deaths outside the conflict (CODEBOOK section
/// 1), unless the sentence also tells violence.
fn outside_the_conflict(toks: &[Token]) -> bool {
    let accident = toks.iter().any(|x| {
        matches!(
            x.lw(),
            "accident"
                | "accidents"
                | "collision"
                | "overturned"
                | "capsized"
                | "renversé"
                | "chaviré"
        )
    });
    accident
        && !toks.iter().any(|x| {
            let w = x.lw();
            matches!(
                w,
                "mine"
                    | "landmine"
                    | "ied"
                    | "explosive"
                    | "explosives"
                    | "bomb"
                    | "shot"
                    | "fire"
                    | "gunmen"
                    | "attack"
                    | "attacked"
                    | "ambush"
                    | "ambushed"
                    | "shelling"
            ) || super::tolls::is_militant_word(w)
        })
}

/// A toll over a whole country, a year or several countries is a
/// statistic, not an event.
fn is_statistic(
    toks: &[Token],
    sd: &SentenceDate,
    found: &[PlaceMention],
    all_tolls: &[Toll],
    has_trigger: bool,
) -> bool {
    let date = sd.date;
    // (one event told by its noun, "an ambush", is no statistic; asked
    // only of the few sentences that need it)
    let one_event = || {
        has_trigger
            && toks.iter().any(|x| {
                super::triggers::event_word(x.lw())
                    .is_some_and(|(_, plural, verb)| !plural && !verb)
            })
    };
    // a whole country over a year is a statistic, not an event
    let countrywide = !found.is_empty()
        && found
            .iter()
            .all(|p| p.place.vague && places::vague_covers(&p.place.key).is_empty());
    // a toll over a whole year with no village named is a statistic
    // ("attacks in Burkina Faso, Mali and Niger killed about 4,000
    // people in 2019")
    // ("two years ago" dates one event, as a year)
    let ago = |d: &dates::DateMention| {
        toks.get(d.first..d.next)
            .is_some_and(|x| x.iter().any(|y| y.is("ago") || y.is("il")))
    };
    let bare_year = sd.found.iter().any(|d| {
        sd.since_from.is_none_or(|k| d.first < k)
            && !ago(d)
            && matches!(
                d.val,
                DateVal::Known {
                    precision: DatePrecision::Year,
                    ..
                }
            )
    }) && date.is_none_or(|d| d.2 == DatePrecision::Year);
    // several countries in one toll: a regional figure
    // ("between Ménaka and Gao", "entre Ménaka et Gao": a stretch of
    // country between two towns is no village)
    let between = |first: usize| {
        let w = |k: usize| toks.get(k).map(|x| x.lw()).unwrap_or("");
        (first >= 1 && matches!(w(first - 1), "between" | "entre"))
            || (first >= 3
                && matches!(w(first - 1), "and" | "et")
                && (first.saturating_sub(5)..first - 2)
                    .any(|k| matches!(w(k), "between" | "entre")))
    };
    let village = found.iter().any(|p| {
        p.role == Role::Event
            && p.place.precision == GeoPrecision::Place
            && !p.place.vague
            && (!between(p.first) || one_event())
    });
    let mut countries: Vec<&str> = found
        .iter()
        .filter(|p| p.role == Role::Event && !village && !places::institution_of(toks, p.first))
        .filter(|p| p.place.vague || p.place.precision == GeoPrecision::Country)
        .filter_map(|p| p.place.country.as_deref())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    let regional = countries.len() >= 2 && !all_tolls.is_empty();
    // ("in the regions of Ménaka and Gao in 2022": towns named as
    // regions are no village)
    let regions_named = toks.iter().any(|x| {
        matches!(
            x.lw(),
            "regions" | "régions" | "provinces" | "cercles" | "departments" | "départements"
        )
    });
    // ("in 2018 a bus struck a landmine, killing 24": one event told by
    // its noun, dated to its year)
    let yearly = bare_year && (regions_named || !village) && !all_tolls.is_empty() && !one_event();
    // ("Violence in Burkina Faso killed more than 2,000 people last year")
    // (not a day's event compared with the year: "one of the bloodiest
    // attacks in the country this year")
    let a_year = date.is_some_and(|d| d.2 == DatePrecision::Year)
        || (date.is_none()
            && toks
                .windows(2)
                .any(|w| matches!(w[0].lw(), "last" | "this" | "past") && w[1].lw() == "year"));
    yearly
        || regional
        || (countrywide && a_year)
        || (monthly_tally(toks, date, found, all_tolls) && !one_event())
}

/// "the army's spokesman said 22 soldiers and 68 civilians had been killed
/// in August": a month's tally of soldiers and civilians together with no
/// place at all (not "In January 2016, gunmen killed 30 people at the
/// Splendid Hotel").
fn monthly_tally(
    toks: &[Token],
    date: Option<DaySpan>,
    found: &[PlaceMention],
    all_tolls: &[Toll],
) -> bool {
    let counted = |g: Group| {
        toks.windows(2)
            .any(|w| matches!(w[0].kind, Kind::Num) && tolls::noun_group(w[1].lw()) == Some(g))
    };
    date.is_some_and(|d| d.2 == DatePrecision::Month)
        && !all_tolls.is_empty()
        && counted(Group::Security)
        && counted(Group::Civilians)
        && found.iter().all(|p| p.role != Role::Event)
}

/// Plural, habitual, conditional or a question: a general statement.
fn is_general(toks: &[Token], piece: &str, tolled: bool) -> bool {
    // "armed groups struck several localities of Oudalan province": a
    // summary of the events the next sentences tell one by one
    let summary = !tolled
        && toks.windows(2).any(|w| {
            (matches!(w[0].lw(), "several" | "various" | "multiple" | "many")
                || numbers::word_value(w[0].lw()).is_some_and(|v| (2..=20).contains(&v)))
                && matches!(
                    w[1].lw(),
                    "localities"
                        | "villages"
                        | "towns"
                        | "positions"
                        | "sites"
                        | "communes"
                        | "hamlets"
                        | "places"
                                                | "posts"
                        | "bases"
                        | "areas"
                        // "targeted several times in 2019 and 2020", "à
                        // plusieurs reprises": attacks told as a habit
                        | "times"
                        | "occasions"
                        | "reprises"
                )
        });
    // ("a massacre which continues to haunt the region", "une tuerie qui
    // continue de hanter": a relative clause describes, it does not make
    // the sentence general)
    let relative = toks
        .iter()
        .skip(1)
        .position(|x| matches!(x.lw(), "which" | "who" | "qui"))
        .map_or(toks.len(), |k| k + 1);
    toks[..relative].iter().any(|x| GENERAL_WORDS.has(x.lw())) || piece.ends_with('?') || summary
}

/// "Separately, ...", "Elsewhere, ...", "In a separate attack, ...", "In
/// another incident, ...": a new event, never the previous one.
fn mark_new_event(m: &mut Mention, toks: &[Token]) {
    let w = |k: usize| toks.get(k).map(|x| x.lw()).unwrap_or("");
    let opens_new = matches!(w(0), "separately" | "elsewhere" | "meanwhile")
        || (w(0) == "in" && matches!(w(1), "another" | "other")
            || (w(0) == "in" && w(1) == "a" && w(2) == "separate"));
    if opens_new && (!m.told.deaths.is_empty() || !m.told.attacker.is_empty()) {
        let tr = m.trigger.get_or_insert_with(|| Trigger {
            etype: Some("attack"),
            ..Trigger::default()
        });
        tr.another = true;
    }
}

/// "the Sosso Koira neighbourhood", "le quartier de Sosso Koïra": the
/// sentence names a quarter of a town.
fn names_quarter(toks: &[Token]) -> bool {
    toks.windows(2).any(|w| {
        (w[0].cap && matches!(w[1].lw(), "neighbourhood" | "neighborhood" | "quarter"))
            || (w[0].lw() == "quarter" && w[1].lw() == "of")
    })
}

/// The name a sentence opens on after "At", "In", "À" and before a comma,
/// by key ("At Arlit, ...").
fn opening_name(text: &str, toks: &[Token], (s, e): (usize, usize)) -> Option<String> {
    let head = text.get(s..e)?.trim_start();
    let opens = ["At ", "In ", "À ", "A ", "Au "]
        .iter()
        .any(|o| head.starts_with(o));
    let at = usize::from(matches!(
        toks.first().map(|x| x.lw()),
        Some("at" | "in" | "à")
    ));
    let name = toks.get(at)?;
    (opens && name.cap && toks.get(at + 1).is_some_and(|x| x.is_punct(',')))
        .then(|| places::norm_key(text.get(name.start..name.end).unwrap_or("")))
}

/// The token "where" of a ", where ..." clause that tells a casualty.
fn where_toll_at(toks: &[Token]) -> Option<usize> {
    let k = (1..toks.len()).find(|&k| toks[k].lw() == "where" && toks[k - 1].is_punct(','))?;
    toks[k..]
        .iter()
        .any(|x| super::tolls::is_casualty_word(x.lw()))
        .then_some(k)
}

/// The first token of the place a ", where ..." clause with a casualty word
/// speaks of (the last event place named before it).
fn where_clause_place(toks: &[Token], found: &[PlaceMention]) -> Option<usize> {
    let k = where_toll_at(toks)?;
    // the village over the region named after it ("Inatès, in the same
    // Tillabéri region, where ...")
    let before = || {
        found
            .iter()
            .filter(|p| p.role == Role::Event && p.first < k)
    };
    before()
        .filter(|p| p.place.precision == GeoPrecision::Place)
        .map(|p| p.first)
        .max()
        .or_else(|| before().map(|p| p.first).max())
}
