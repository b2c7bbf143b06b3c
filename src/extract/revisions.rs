//! Superseded and revised tolls (codebook section 3): "the ministry first
//! reported 17 dead ... the toll was then raised to 28", "a provisional toll
//! of 50, before a new toll of 79".
//!
//! Each death toll of a sentence gets a [`Status`] from the words before it
//! (in the rules' vocabulary, so any language normaliser feeds it):
//! an *initial* marker ("initially", "first", "previous", "provisional",
//! "already") marks the next toll only; a *revision* marker ("revised",
//! "risen to", "rose", "new toll", "final toll", "lowered") marks the tolls
//! after it. An incident whose tolls carry a status takes as best the first
//! toll, in text order, that is not initial (news leads with the current
//! figure); with no status at all the lowest figure stays the best.

use super::text::Token;

/// What the text says of one toll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    /// Nothing said.
    #[default]
    Plain,
    /// A first or provisional figure that a later one replaces.
    Initial,
    /// A revised, new or final figure.
    Revised,
}

fn initial_marker(t: &[Token], k: usize) -> bool {
    let w = |j: usize| t.get(j).map(|x| x.lw()).unwrap_or("");
    matches!(
        w(k),
        "initially" | "previously" | "provisional" | "already" | "previous" | "earlier"
    ) || (w(k) == "first" && !matches!(w(k + 1), "time" | "of" | "attack"))
}

fn revision_marker(t: &[Token], k: usize) -> bool {
    let w = |j: usize| t.get(j).map(|x| x.lw()).unwrap_or("");
    match w(k) {
        "revised" | "risen" | "rose" | "raised" | "climbed" | "lowered" | "updated" | "final"
        | "definitive" | "latest" | "raising" => true,
        "new" => w(k + 1) == "toll",
        _ => false,
    }
}

/// The status of tolls starting at token indices `firsts` (ascending).
pub fn statuses(t: &[Token], firsts: &[usize]) -> Vec<Status> {
    let mut out = Vec::with_capacity(firsts.len());
    let mut state = Status::Plain;
    let mut k = 0;
    for &f in firsts {
        while k < f.min(t.len()) {
            if revision_marker(t, k) {
                state = Status::Revised;
            } else if initial_marker(t, k) && state != Status::Revised {
                state = Status::Initial;
            }
            k += 1;
        }
        out.push(state);
        if state == Status::Initial {
            // an initial marker covers the next figure only
            state = Status::Plain;
        }
    }
    out
}

/// The best figure of an incident's tolls in text order, `None` when no toll
/// carries a status (the caller keeps its own rule, the lowest figure).
pub fn best_of(tolls: &[(u32, Status)]) -> Option<u32> {
    if tolls.iter().all(|(_, s)| *s == Status::Plain) {
        return None;
    }
    tolls
        .iter()
        .find(|(_, s)| *s != Status::Initial)
        .map(|(v, _)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokens;

    fn st(s: &str) -> Vec<Status> {
        let t = tokens(s, 0, s.len());
        let firsts: Vec<usize> = t
            .iter()
            .enumerate()
            .filter(|(_, x)| x.value.is_some())
            .map(|(i, _)| i)
            .collect();
        statuses(&t, &firsts)
    }

    #[test]
    fn markers() {
        use Status::*;
        assert_eq!(
            st("officials first reported 12 dead, then the toll was revised to 19"),
            [Initial, Revised]
        );
        assert_eq!(
            st("a provisional toll of 7, and 9 wounded"),
            [Initial, Plain]
        );
        assert_eq!(st("the new toll stands at 40"), [Revised]);
        assert_eq!(st("gunmen killed 4 and wounded 6"), [Plain, Plain]);
    }

    #[test]
    fn best() {
        use Status::*;
        assert_eq!(best_of(&[(10, Plain), (8, Plain)]), None);
        assert_eq!(best_of(&[(17, Initial), (28, Revised)]), Some(28));
        assert_eq!(
            best_of(&[(86, Revised), (50, Initial), (79, Revised)]),
            Some(86)
        );
        assert_eq!(
            best_of(&[(157, Plain), (134, Initial), (160, Revised)]),
            Some(157)
        );
    }
}
