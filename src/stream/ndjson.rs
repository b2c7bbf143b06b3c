//! NDJSON for the block reader: one object per line, so a block ends at any
//! newline. Each line is read by the held reader's own line reader
//! ([`crate::ingest::json::ndjson_line`]), so records, rejects and their
//! reasons are the same held or streamed.

use super::{tally, Block, Dups, LineFormat, Partial, Sink};
use crate::ingest::json::{duplicate_reason, ndjson_line, ndjson_raw, NdjsonLine};

/// True when `head` (a file's first bytes) is NDJSON: its first non-blank
/// byte opens an object, and it is not a GeoJSON FeatureCollection or a
/// UTF-16 file (those are read whole).
pub fn can_stream(head: &[u8]) -> bool {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let first = head
        .iter()
        .copied()
        .find(|c| !c.is_ascii_whitespace() && *c != 0xEF && *c != 0xBB && *c != 0xBF);
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    first == Some(b'{') && !text.contains("\"FeatureCollection\"") && !text.contains("\"features\"")
}

/// The NDJSON line format.
pub struct Ndjson;

impl LineFormat for Ndjson {
    fn name(&self) -> String {
        "NDJSON".into()
    }

    fn last_record_end(&self, b: &[u8]) -> Option<usize> {
        memchr::memrchr(b'\n', b).map(|i| i + 1)
    }

    fn read_block(&self, block: &Block, sink: &Sink<'_>, p: &mut Partial, dups: &Dups) {
        let lines = block.bytes.split_inclusive(|&c| c == b'\n');
        for (line, bytes) in (block.first_line..).zip(lines) {
            if let NdjsonLine::Record(built, ucdp) = ndjson_line(bytes, line, &sink.doc.into()) {
                p.records += 1;
                if ucdp {
                    p.saw_ucdp();
                }
                match built {
                    Ok(mut inc) => match p.check_id(&inc.id, line, dups) {
                        Ok(()) => tally(&mut *inc, line, sink, p),
                        Err(first) => {
                            let reason = duplicate_reason(&inc.id, first);
                            let id = Some(std::mem::take(&mut inc.id));
                            p.reject(sink, line, id, reason, ndjson_raw(bytes));
                        }
                    },
                    Err((id, reason)) => p.reject(sink, line, id, reason, ndjson_raw(bytes)),
                }
            }
        }
    }

    fn has_source(&self) -> bool {
        true
    }

    fn no_records(&self) -> &'static str {
        "holds no JSON records"
    }
}
