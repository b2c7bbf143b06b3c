//! CSV/TSV tables for the block reader: a quote-aware cut between records,
//! a lean splitter and validator for the plain shape of big exports, and
//! the `csv` crate (the held reader's parser) for everything else, so
//! rejects, their reasons and their raw text are those of the held reader.

use super::{tally, Block, Dups, LineFormat, Partial, Sink, Tallied};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::ingest::csv::{delimiter_for, flavor, CsvFlavor, CsvRow, LineTracker};
use crate::ingest::fields::RawRecord;
use crate::ingest::fields::{self, parse_row, FIELD_COUNT};
use crate::ingest::raw_record;
use crate::ingest::split::{carriage_returns_paired, field_text, FieldSpan, Split, Splitter};
use crate::model::{Deaths, Flag, Incident, Reject};
use crate::period::{Granularity, Period};
use crate::prepare::Record;
use crate::region::SlotInput;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::path::Path;

/// True when `head` (a file's first bytes) starts with the header of a
/// plain incidents table.
pub fn can_stream(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let (_, headers) = crate::ingest::csv::header_fields(text.lines().next().unwrap_or(""));
    flavor(&headers) == CsvFlavor::Incidents
        && fields::header_problem(&fields::map_header(headers.iter().map(String::as_str))).is_none()
}

/// A plain incidents table as the block reader reads it.
pub struct CsvLines {
    delim: u8,
    cols: [Option<usize>; FIELD_COUNT],
    /// `(field, column)` for the fields the header has.
    present: Vec<(usize, usize)>,
    lean: Option<LeanCols>,
    headers: Vec<String>,
}

impl CsvLines {
    /// The table's header, from the file's first bytes; returns the format
    /// and where the records start.
    pub fn from_head(path: &Path, head: &[u8]) -> Result<(CsvLines, usize)> {
        let header_end = head
            .iter()
            .position(|&c| c == b'\n')
            .map(|i| i + 1)
            .unwrap_or(head.len());
        let header_line = String::from_utf8_lossy(&head[..header_end]).into_owned();
        let delim = delimiter_for(path, header_line.trim_end());
        let headers: Vec<String> = {
            let mut r = ::csv::ReaderBuilder::new()
                .delimiter(delim)
                .has_headers(false)
                .from_reader(header_line.as_bytes());
            let mut rec = ::csv::StringRecord::new();
            let _ = r.read_record(&mut rec);
            rec.iter()
                .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
                .collect()
        };
        let cols = fields::map_header(headers.iter().map(String::as_str));
        if let Some(problem) = fields::header_problem(&cols) {
            return Err(Error::bad_file(
                path,
                format!("header does not describe incidents: {problem}"),
            ));
        }
        let present = cols
            .iter()
            .enumerate()
            .filter_map(|(f, c)| c.map(|c| (f, c)))
            .collect();
        let lines = CsvLines {
            delim,
            lean: LeanCols::of(&cols),
            cols,
            present,
            headers,
        };
        Ok((lines, header_end))
    }
}

impl LineFormat for CsvLines {
    fn name(&self) -> String {
        "incidents table".into()
    }
    fn last_record_end(&self, b: &[u8]) -> Option<usize> {
        last_record_end(b, self.delim)
    }
    fn read_block(&self, block: &Block, sink: &Sink<'_>, p: &mut Partial, dups: &Dups) {
        let mut fields = std::mem::take(&mut p.fields);
        self.work_block(block, sink, p, &mut fields, dups);
        p.fields = fields;
    }
    fn has_source(&self) -> bool {
        self.cols[fields::Field::Source as usize].is_some()
    }
    fn no_records(&self) -> &'static str {
        "has a header but no records"
    }
}

/// A record split by [`split_record`], seen through the same getter the
/// `csv`-crate path uses (trimmed, empty = absent).
struct SpanRow<'a> {
    text: &'a str,
    fields: &'a [FieldSpan],
    cols: &'a [Option<usize>; FIELD_COUNT],
    /// `(field, column)` for the fields the header has.
    present: &'a [(usize, usize)],
}

impl SpanRow<'_> {
    #[inline]
    fn column(&self, col: usize) -> Option<Cow<'_, str>> {
        fields::trimmed(field_text(self.text, self.fields.get(col)?))
    }
}

impl RawRecord for SpanRow<'_> {
    fn get(&self, f: fields::Field) -> Option<Cow<'_, str>> {
        self.column(self.cols[f as usize]?)
    }

    fn fill<'s>(&'s self, out: &mut [Option<Cow<'s, str>>; FIELD_COUNT]) {
        for &(f, c) in self.present {
            out[f] = self.column(c);
        }
    }
}

/// The columns of a plain incidents table, for the lean validator: a table
/// whose header has only text columns besides lat/lon, the date and the
/// three death counts (the shape of big exports). Others get `None`.
struct LeanCols {
    id: Option<usize>,
    admin1: Option<usize>,
    admin2: Option<usize>,
    country: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
    date: Option<usize>,
    low: Option<usize>,
    best: Option<usize>,
    high: Option<usize>,
    source: Option<usize>,
}

impl LeanCols {
    fn of(cols: &[Option<usize>; FIELD_COUNT]) -> Option<LeanCols> {
        use fields::Field as F;
        // fields whose only check is "text": anything else present (a
        // precision, a date_end, flags, injured, confidence) needs the
        // general validator
        let plain = [
            F::Id,
            F::Doc,
            F::Place,
            F::PlaceId,
            F::Admin1,
            F::Admin2,
            F::Country,
            F::Lat,
            F::Lon,
            F::DateStart,
            F::DeathsLow,
            F::DeathsBest,
            F::DeathsHigh,
            F::Actor,
            F::Victims,
            F::EventType,
            F::Evidence,
            F::Source,
        ];
        let ok = cols
            .iter()
            .enumerate()
            .all(|(f, c)| c.is_none() || plain.iter().any(|p| *p as usize == f));
        ok.then(|| LeanCols {
            id: cols[F::Id as usize],
            admin1: cols[F::Admin1 as usize],
            admin2: cols[F::Admin2 as usize],
            country: cols[F::Country as usize],
            lat: cols[F::Lat as usize],
            lon: cols[F::Lon as usize],
            date: cols[F::DateStart as usize],
            low: cols[F::DeathsLow as usize],
            best: cols[F::DeathsBest as usize],
            high: cols[F::DeathsHigh as usize],
            source: cols[F::Source as usize],
        })
    }

    /// The record validated the short way, or `None` when anything is not
    /// plainly valid (then [`parse_row`] decides, and explains). Whatever
    /// this accepts, [`parse_row`] accepts with the same values: plain
    /// decimals in range for both coordinates or neither, a location,
    /// `YYYY-MM-DD`, whole counts of at most nine digits in order.
    fn row<'t>(&self, text: &'t str, f: &[FieldSpan]) -> Option<fields::RowView<'t>> {
        use crate::model::{DatePrecision, GeoPrecision};
        let b = text.as_bytes();
        // a text column, trimmed as the general getter trims it
        let get = |c: Option<usize>| fields::trimmed(field_text(text, f.get(c?)?));
        // a numeric column's bytes: `Some(None)` when absent or empty,
        // `None` (give up) for escapes or ends that are not plain ASCII after
        // trimming spaces and tabs (the general trim handles those)
        let plain = |c: u8| c > b' ' && c < 0x7f;
        // (the text itself, not its bytes checked again: the trimmed ends
        // are ASCII, so they are character boundaries)
        let raw = |c: Option<usize>| -> Option<Option<&'t str>> {
            let Some(c) = c else { return Some(None) };
            let span = f.get(c)?;
            if span.escaped {
                return None;
            }
            let (mut s, mut e) = (span.range.start, span.range.end);
            while s < e && (b[s] == b' ' || b[s] == b'\t') {
                s += 1;
            }
            while e > s && (b[e - 1] == b' ' || b[e - 1] == b'\t') {
                e -= 1;
            }
            if s == e {
                return Some(None);
            }
            if !(plain(b[s]) && plain(b[e - 1])) {
                return None;
            }
            text.get(s..e).map(Some)
        };
        let count = |c: Option<usize>| -> Option<Option<u32>> {
            match raw(c)? {
                None => Some(None),
                Some(d) => fields::parse_digits(d.as_bytes()).map(Some),
            }
        };
        let coord = |c: Option<usize>, lim: f64| -> Option<f64> {
            let d = raw(c)??;
            fields::fast_decimal(d).filter(|v| v.abs() <= lim)
        };
        // records without coordinates go to the gazetteer with every field:
        // the general validator builds those
        let (lat, lon) = (coord(self.lat, 90.0)?, coord(self.lon, 180.0)?);
        let date_start = match raw(self.date)? {
            None => None,
            // the general parser on the day forms only (`2021-03-05`)
            Some(d) if d.len() == 10 => {
                let (a, _, p) = fields::parse_date(d)?;
                if p != DatePrecision::Day {
                    return None;
                }
                Some(a)
            }
            Some(_) => return None,
        };
        let (low, best, high) = (count(self.low)?, count(self.best)?, count(self.high)?);
        let ordered = |a: Option<u32>, b: Option<u32>| a.zip(b).is_none_or(|(a, b)| a <= b);
        if !(ordered(low, best) && ordered(best, high) && ordered(low, high)) {
            return None;
        }
        Some(fields::RowView {
            id: get(self.id),
            // not read past validation when the point is given (the
            // gazetteer branch, which reads it, takes the general validator)
            place: None,
            admin1: get(self.admin1),
            admin2: get(self.admin2),
            country: get(self.country),
            source: get(self.source),
            lat: Some(lat),
            lon: Some(lon),
            geo_precision: Some(GeoPrecision::Place),
            date_start,
            date_end: date_start,
            date_precision: if date_start.is_some() {
                DatePrecision::Day
            } else {
                DatePrecision::default()
            },
            deaths_low: low,
            deaths_best: best.or(low),
            deaths_high: high,
            ..fields::RowView::default()
        })
    }
}

impl CsvLines {
    /// Parses and sums one block. Regular records go through the lean splitter;
    /// a record it refuses, or one that fails validation, is re-read by the
    /// `csv` crate ([`slow_records`]), so rejects, their reasons and their raw
    /// text are the same as on every other path. A block that is not UTF-8 or
    /// holds a lone `\r` is read by the `csv` crate throughout.
    fn work_block(
        &self,
        block: &Block,
        sink: &Sink<'_>,
        p: &mut Partial,
        spans: &mut Vec<FieldSpan>,
        dups: &Dups,
    ) {
        let ctx = self;
        let b = &block.bytes[..];
        // (checked with SIMD: the same verdict as `std::str::from_utf8`)
        let text = match simdutf8::basic::from_utf8(b) {
            Ok(t) if carriage_returns_paired(b) => t,
            _ => {
                self.slow_records(b, block.first_line, usize::MAX, sink, p, dups);
                return;
            }
        };
        let n_headers = ctx.headers.len();
        let splitter = Splitter::new(ctx.delim);
        // an HXL row holds a `#`: most blocks hold none at all
        let has_hash = memchr::memchr(b'#', b).is_some();
        let mut pos = 0;
        let mut line = block.first_line;
        while pos < b.len() {
            match splitter.split(b, pos, spans) {
                Split::Blank { end } => {
                    line += 1;
                    pos = end;
                }
                Split::Irregular => {
                    let used = self.slow_records(&b[pos..], line, 1, sink, p, dups);
                    line += memchr::memchr_iter(b'\n', &b[pos..pos + used]).count() as u64;
                    pos += used;
                }
                Split::Record { end, newlines } => {
                    if has_hash
                        && memchr::memchr(b'#', &b[pos..end]).is_some()
                        && is_hxl_row(spans.iter().map(|f| &b[f.range.clone()]))
                    {
                        line += newlines;
                        pos = end;
                        continue;
                    }
                    let repeat = !dups.is_empty() && dups.contains_key(&line);
                    let done = spans.len() == n_headers && !repeat && {
                        let row = SpanRow {
                            text,
                            fields: spans,
                            cols: &ctx.cols,
                            present: &ctx.present,
                        };
                        // (the view is large: used where it was made,
                        // not moved through an `Option` and a `Result`)
                        let mut use_row = |v: &mut fields::RowView<'_>| {
                            p.records += 1;
                            if let Some(id) = v.id.as_deref() {
                                // (a repeat goes the slow way, for its raw text)
                                let _ = p.check_id(id, line, dups);
                            }
                            self.tally_row(v, line, sink, p);
                        };
                        match ctx.lean.as_ref().and_then(|l| l.row(text, spans)) {
                            Some(mut v) => {
                                use_row(&mut v);
                                true
                            }
                            None => match parse_row(&row) {
                                Ok(mut v) => {
                                    use_row(&mut v);
                                    true
                                }
                                Err(_) => false,
                            },
                        }
                    };
                    if !done {
                        self.slow_records(&b[pos..end], line, 1, sink, p, dups);
                    }
                    line += newlines;
                    pos = end;
                }
            }
        }
    }

    /// Reads up to `max` records from `b` with the `csv` crate (the reference
    /// reader), validating and summing each; `first_line` is the line `b`
    /// starts on. Returns the bytes consumed.
    fn slow_records(
        &self,
        b: &[u8],
        first_line: u64,
        max: usize,
        sink: &Sink<'_>,
        p: &mut Partial,
        dups: &Dups,
    ) -> usize {
        let ctx = self;
        let mut rdr = ::csv::ReaderBuilder::new()
            .delimiter(ctx.delim)
            .has_headers(false)
            .flexible(true)
            .from_reader(LineTracker::new(b));
        let mut brec = ::csv::ByteRecord::new();
        // the held reader's line count (csv-core's own lags after CRLF endings)
        let line_of = |rdr: &mut ::csv::Reader<LineTracker<&[u8]>>, at: u64| {
            first_line - 1 + rdr.get_mut().line_at(at)
        };
        let mut n = 0;
        while n < max {
            let pos_byte = rdr.position().byte();
            match rdr.read_byte_record(&mut brec) {
                Ok(false) => return b.len(),
                Ok(true) => {}
                Err(e) => {
                    p.records += 1;
                    p.rejects.push(Reject {
                        source: sink.source.to_string(),
                        line: line_of(&mut rdr, pos_byte),
                        id: None,
                        reason: format!("unreadable CSV: {e}"),
                        raw: String::new(),
                        benign: false,
                    });
                    return b.len();
                }
            }
            n += 1;
            let line = line_of(
                &mut rdr,
                brec.position().map(|q| q.byte()).unwrap_or(pos_byte),
            );
            // (the csv crate skips blank lines itself; a lone `""` is a record)
            if is_hxl_row(brec.iter()) {
                continue;
            }
            p.records += 1;
            brec = self.slow_record(brec, line, sink, p, dups);
        }
        (rdr.position().byte() as usize).clamp(1, b.len())
    }

    /// Validates and sums one record read by the `csv` crate (a record of
    /// the wrong width, not UTF-8, invalid or a repeated id is rejected
    /// with its raw text); returns its buffer.
    fn slow_record(
        &self,
        brec: ::csv::ByteRecord,
        line: u64,
        sink: &Sink<'_>,
        p: &mut Partial,
        dups: &Dups,
    ) -> ::csv::ByteRecord {
        let n_headers = self.headers.len();
        let reject =
            |p: &mut Partial, id: Option<String>, reason: String, raw: &::csv::ByteRecord| {
                p.reject(sink, line, id, reason, raw_record(raw));
            };
        if brec.len() != n_headers {
            let reason = format!("has {} fields, the header has {n_headers}", brec.len());
            reject(p, None, reason, &brec);
            return brec;
        }
        let srec = match ::csv::StringRecord::from_byte_record(brec) {
            Ok(s) => s,
            Err(e) => {
                let f = e.utf8_error().field();
                let brec = e.into_byte_record();
                let name = self.headers.get(f).map(String::as_str).unwrap_or("?");
                reject(
                    p,
                    None,
                    format!("column `{name}` is not valid UTF-8"),
                    &brec,
                );
                return brec;
            }
        };
        let row = CsvRow {
            rec: &srec,
            cols: &self.cols,
        };
        match parse_row(&row) {
            Err(reason) => {
                let id = row
                    .get(fields::Field::Id)
                    .map(|c| c.trim().to_string())
                    .filter(|s| !s.is_empty());
                reject(p, id, reason, srec.as_byte_record());
            }
            Ok(v) => {
                let repeat = v.id.as_deref().map(|id| p.check_id(id, line, dups));
                if let Some(Err(first)) = repeat {
                    let id = v.id.as_ref().map(|c| c.to_string());
                    let reason = super::duplicate_reason(id.as_deref().unwrap_or(""), first);
                    reject(p, id, reason, srec.as_byte_record());
                } else {
                    let mut v = v;
                    self.tally_row(&mut v, line, sink, p);
                }
            }
        }
        srec.into_byte_record()
    }

    /// The tally sink of a validated row (a table with no high column
    /// gives plain counts: high = best).
    fn tally_row(&self, v: &mut fields::RowView<'_>, line: u64, sink: &Sink<'_>, p: &mut Partial) {
        v.deaths_high = fields::plain_high(&self.cols, v.deaths_best, v.deaths_high);
        let mut rec = ViewRec {
            v,
            inc: None,
            raised: [false; crate::plausible::ALL.len()],
            doc: sink.doc,
            line,
        };
        tally(&mut rec, line, sink, p);
    }
}

/// An HXL hashtag row (HDX copies carry one under the header): a second
/// header, not data, skipped as the held reader skips it.
fn is_hxl_row<'a>(fields: impl Iterator<Item = &'a [u8]> + Clone) -> bool {
    fields.clone().any(|f| f.starts_with(b"#"))
        && fields
            .into_iter()
            .all(|f| f.is_empty() || f.starts_with(b"#"))
}

/// A streamed row seen by [`crate::prepare::prepare`]: the borrowed view,
/// turned into a full incident only when it needs the gazetteer (a row with
/// no point); flags raised on the view are kept as bits.
struct ViewRec<'v, 'a> {
    v: &'v fields::RowView<'a>,
    inc: Option<Incident>,
    raised: [bool; crate::plausible::ALL.len()],
    doc: &'v str,
    line: u64,
}

impl ViewRec<'_, '_> {
    /// True when the record carries `flag` (raised here, or written in the
    /// table's own `flags` column).
    fn has(&self, k: usize, flag: &Flag) -> bool {
        match &self.inc {
            Some(inc) => inc.has_flag(flag),
            None => {
                self.raised[k]
                    || self
                        .v
                        .flags
                        .as_deref()
                        .is_some_and(|fl| fields::flag_list(fl).any(|f| Some(f) == flag.name()))
            }
        }
    }
}

impl Record for ViewRec<'_, '_> {
    fn lon_lat(&self) -> Option<(f64, f64)> {
        match &self.inc {
            Some(inc) => inc.lon_lat(),
            None => self.v.lon.zip(self.v.lat),
        }
    }
    fn country(&self) -> Option<&str> {
        match &self.inc {
            Some(inc) => inc.country.as_deref(),
            None => self.v.country.as_deref(),
        }
    }
    fn admin1(&self) -> Option<&str> {
        match &self.inc {
            Some(inc) => inc.admin1.as_deref(),
            None => self.v.admin1.as_deref(),
        }
    }
    fn date_start(&self) -> Option<NaiveDate> {
        self.v.date_start
    }
    fn deaths(&self) -> Deaths {
        Deaths::new(self.v.deaths_low, self.v.deaths_best, self.v.deaths_high)
    }
    fn locate(&mut self, gaz: &Gazetteer) -> crate::geocode::Outcome {
        if self.inc.is_none() && self.v.lon.zip(self.v.lat).is_none() {
            // needs the gazetteer: the full record (rare in big tables)
            let id = format!("{}:{}", self.doc, self.line);
            self.inc = Some(self.v.to_incident(id, &self.doc.into()));
        }
        match &mut self.inc {
            Some(inc) => crate::geocode::locate(inc, gaz),
            None => crate::geocode::Outcome::Unchanged,
        }
    }
    fn raise(&mut self, flag: Flag) {
        match &mut self.inc {
            Some(inc) => inc.raise(flag),
            None => {
                if let Some(k) = crate::plausible::ALL.iter().position(|f| *f == flag) {
                    self.raised[k] = true;
                }
            }
        }
    }
}

impl Tallied for ViewRec<'_, '_> {
    fn slot_input(&self) -> SlotInput<'_> {
        match &self.inc {
            Some(inc) => SlotInput::of(inc),
            None => SlotInput {
                lon_lat: self.v.lon.zip(self.v.lat),
                precision: self.v.geo_precision,
                admin1: self.v.admin1.as_deref(),
                admin2: self.v.admin2.as_deref(),
                country: self.v.country.as_deref(),
            },
        }
    }
    fn period(&self, g: Granularity) -> Period {
        self.v
            .date_start
            .map(|d| Period::for_date(d, self.v.date_precision, g))
            .unwrap_or(Period::Undated)
    }
    fn source(&self) -> Option<&str> {
        self.v
            .source
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
    fn has_flag(&self, k: usize, flag: &Flag) -> bool {
        self.has(k, flag)
    }
    fn given_id(&self) -> Option<String> {
        self.v.id.as_ref().map(|c| c.to_string())
    }
    fn incident(&self) -> Option<&Incident> {
        self.inc.as_ref()
    }
    fn day(&self) -> Option<NaiveDate> {
        self.v
            .date_start
            .filter(|_| super::to_the_day(self.v.date_precision))
    }
    fn count_flags(&self, counts: &mut [u64; crate::plausible::ALL.len()]) {
        if self.inc.is_none() && self.v.flags.is_none() {
            // only the flags raised on the view
            for (c, r) in counts.iter_mut().zip(self.raised) {
                *c += r as u64;
            }
        } else {
            for (k, f) in crate::plausible::ALL.iter().enumerate() {
                counts[k] += self.has(k, f) as u64;
            }
        }
    }
}

/// Just past the last `\n` of `b` at which the `csv` crate would be between
/// records, given that `b` starts at a record boundary. A quote opens a
/// quoted field only at the start of a field (after a delimiter or a line
/// ending); anywhere else it is a literal character, as the `csv` crate
/// reads it, so a stray `5" gun` does not flip the quote state.
pub fn last_record_end(b: &[u8], delim: u8) -> Option<usize> {
    let mut i = 0;
    let mut last_cut = None;
    loop {
        let Some(k) = memchr::memchr(b'"', &b[i..]) else {
            return memchr::memrchr(b'\n', &b[i..])
                .map(|nl| i + nl + 1)
                .or(last_cut);
        };
        let q = i + k;
        let opens = q == 0 || matches!(b[q - 1], b'\n' | b'\r') || b[q - 1] == delim;
        if !opens {
            i = q + 1;
            continue;
        }
        if let Some(nl) = memchr::memrchr(b'\n', &b[i..q]) {
            last_cut = Some(i + nl + 1);
        }
        // the closing quote: one not followed by another
        let mut j = q + 1;
        loop {
            let Some(k) = memchr::memchr(b'"', &b[j..]) else {
                return last_cut; // open to the end of the buffer
            };
            let c = j + k;
            match b.get(c + 1) {
                Some(b'"') => j = c + 2,
                None => return last_cut, // cannot tell yet
                Some(_) => {
                    i = c + 1;
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::last_record_end;
    use proptest::prelude::*;

    fn records(b: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut r = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(b);
        r.byte_records()
            .map(|x| x.unwrap().iter().map(<[u8]>::to_vec).collect())
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Cutting where `last_record_end` says and reading both halves gives
        /// the records of the whole, whatever stray quotes the text holds.
        #[test]
        fn cuts_fall_between_records(s in "[a,\"\n\r]{0,50}") {
            let b = s.as_bytes();
            if let Some(cut) = last_record_end(b, b',') {
                prop_assert!(cut <= b.len() && b[cut - 1] == b'\n');
                let mut halves = records(&b[..cut]);
                halves.extend(records(&b[cut..]));
                prop_assert_eq!(halves, records(b), "cut at {}", cut);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The SIMD check of a block says what `std::str::from_utf8` says,
        /// on mostly-ASCII text with any bytes mixed in (longer than a
        /// vector, so both its loop and its tail are run).
        #[test]
        fn simd_utf8_check_agrees_with_std(
            text in "[a-z,\n]{0,80}",
            extra in proptest::collection::vec((0usize..120, any::<u8>()), 0..4),
        ) {
            let mut b = text.into_bytes();
            b.extend_from_slice("Ségou, Tillabéri «x» 💥".as_bytes());
            for (at, byte) in extra {
                let at = at.min(b.len());
                b.insert(at, byte);
            }
            prop_assert_eq!(
                simdutf8::basic::from_utf8(&b).is_ok(),
                std::str::from_utf8(&b).is_ok()
            );
        }
    }

    #[test]
    fn stray_quotes_do_not_flip_the_state() {
        let b = b"1,Mopti 5\" gun,x\n2,\"a\nb\",y\n3,z";
        assert_eq!(last_record_end(b, b','), Some(b.len() - 3));
        assert_eq!(last_record_end(b"1,\"open\n2,x\n", b','), None);
    }
}
