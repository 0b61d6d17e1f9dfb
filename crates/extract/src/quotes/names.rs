//! Speaker candidates: actor mentions mapped onto tokens, and a fallback that proposes
//! capitalised names when no actor list is given.
#![allow(clippy::needless_range_loop)]

use gazette_types::{Actor, EntityType};

use super::lexicon;
use super::scan::{Kind, Scan};

/// A possible speaker mention: an actor mention (or a fallback name) on token positions.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) first_tok: usize,
    pub(crate) last_tok: usize,
    /// Canonical name of the actor.
    pub(crate) name: String,
    pub(crate) kind: EntityType,
}

/// Maps actor mentions to tokens. Mentions whose offsets do not fall on tokens are skipped.
pub(crate) fn from_actors(scan: &Scan, actors: &[Actor]) -> Vec<Cand> {
    let mut out = Vec::new();
    for a in actors {
        for m in &a.mentions {
            let first = scan.toks.partition_point(|t| t.end <= m.start);
            let last_excl = scan.toks.partition_point(|t| t.start < m.end);
            if first >= last_excl || first >= scan.toks.len() {
                continue;
            }
            out.push(Cand {
                start: m.start,
                end: m.end,
                first_tok: first,
                last_tok: last_excl - 1,
                name: a.name.clone(),
                kind: a.kind,
            });
        }
    }
    out.sort_by_key(|c| (c.start, c.end));
    out
}

/// Places the fallback knows, so that pronouns are not resolved to them.
fn is_place(name: &str) -> bool {
    matches!(
        name,
        "US" | "U.S."
            | "United States"
            | "America"
            | "Russia"
            | "Moscow"
            | "Washington"
            | "China"
            | "Beijing"
            | "Ukraine"
            | "Kiev"
            | "Kyiv"
            | "Poland"
            | "Turkey"
            | "Afghanistan"
            | "Germany"
            | "Canada"
            | "Brussels"
            | "Britain"
            | "UK"
            | "U.K."
            | "London"
            | "Paris"
            | "France"
            | "Europe"
            | "Iran"
            | "Iraq"
            | "Syria"
            | "Israel"
            | "Mexico"
            | "Japan"
            | "India"
            | "New York"
            | "California"
            | "Texas"
            | "Florida"
            | "Ohio"
            | "Iowa"
            | "Pennsylvania"
            | "Virginia"
            | "Soviet Union"
            | "Central Asia"
            | "Asia"
            | "Africa"
            | "Korea"
            | "North Korea"
            | "South Korea"
            | "Cuba"
            | "Libya"
            | "Benghazi"
            | "Michigan"
            | "Wisconsin"
            | "Nevada"
            | "Arizona"
            | "Georgia"
            | "Carolina"
            | "North Carolina"
            | "South Carolina"
            | "New Hampshire"
            | "Chicago"
            | "Los Angeles"
            | "Philadelphia"
            | "Cleveland"
            | "Boston"
    )
}

/// Proposes speaker candidates from runs of capitalised words when no actors are given:
/// titles are cut off (`Russian Foreign Minister Sergei Lavrov` -> `Sergei Lavrov`), a
/// surname alone is merged into an earlier full name, organisation words make an ORG.
pub(crate) fn fallback(text: &str, scan: &Scan) -> Vec<Cand> {
    let toks = &scan.toks;
    let mut out: Vec<Cand> = Vec::new();
    let mut k = 0;
    let n = toks.len();
    let is_name_word = |i: usize| {
        let t = &toks[i];
        t.kind == Kind::Word && t.cap && !lexicon::is_not_name(&t.lower)
    };
    while k < n {
        if !(is_name_word(k)
            || toks[k].kind == Kind::Word && toks[k].cap && lexicon::is_title(&toks[k].lower))
        {
            k += 1;
            continue;
        }
        let mut j = k;
        // extend: capitalised words, joined by of/for/the/on/de when a capital follows
        loop {
            if j + 1 < n
                && toks[j + 1].kind == Kind::Word
                && toks[j + 1].cap
                && toks[j + 1].sent == toks[k].sent
                && toks[j + 1].in_quote == toks[k].in_quote
                && !lexicon::is_not_name(&toks[j + 1].lower)
            {
                j += 1;
                continue;
            }
            if j + 2 < n
                && matches!(
                    toks[j + 1].lower.as_str(),
                    "of" | "for" | "the" | "on" | "de" | "von" | "van" | "al"
                )
                && toks[j + 2].kind == Kind::Word
                && toks[j + 2].cap
                && toks[j + 2].sent == toks[k].sent
            {
                j += 2;
                // "of the X"
                continue;
            }
            if j + 3 < n
                && matches!(toks[j + 1].lower.as_str(), "of" | "for" | "on")
                && toks[j + 2].lower == "the"
                && toks[j + 3].cap
            {
                j += 3;
                continue;
            }
            break;
        }
        // cut off leading titles and nationality words: keep what follows the last title
        let mut first = k;
        for i in k..=j {
            if lexicon::is_title(&toks[i].lower) && i < j {
                first = i + 1;
            }
        }
        // a possessive ends the name
        let mut last = j;
        for i in first..=j {
            if toks[i].lower.ends_with("'s") {
                last = i;
                break;
            }
        }
        let start = toks[first].start;
        let mut end = toks[last].end;
        let mut name = text[start..end].to_string();
        if let Some(s) = name
            .strip_suffix("'s")
            .or_else(|| name.strip_suffix("\u{2019}s"))
        {
            end = start + s.len();
            name = s.to_string();
        }
        let words: Vec<String> = toks[first..=last].iter().map(|t| t.lower.clone()).collect();
        if name.is_empty() || (words.len() == 1 && lexicon::is_title(&words[0])) {
            k = j + 1;
            continue;
        }
        let org = words
            .iter()
            .any(|w| lexicon::is_org_word(w.trim_end_matches("'s")))
            || (name.len() >= 2
                && name.chars().all(|c| c.is_uppercase() || c == '.')
                && !is_place(&name));
        let kind = if is_place(&name) {
            EntityType::LOC
        } else if org {
            EntityType::ORG
        } else {
            EntityType::PER
        };
        // a surname alone refers to the last full name ending in it
        let canonical = if kind == EntityType::PER && !name.contains(' ') {
            out.iter()
                .rev()
                .find(|c| c.kind == EntityType::PER && c.name.ends_with(&format!(" {name}")))
                .map(|c| c.name.clone())
                .unwrap_or_else(|| name.clone())
        } else {
            name.clone()
        };
        out.push(Cand {
            start,
            end,
            first_tok: first,
            last_tok: last,
            name: canonical,
            kind,
        });
        k = j + 1;
    }
    out
}
