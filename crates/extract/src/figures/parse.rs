//! The figure parser: walks the tokens left to right and, at each position, tries the
//! recognisers (codes to skip, clock times, dates, money, numerals with what follows them),
//! keeping the first that matches and jumping past it.

use gazette_types::{FigureKind, FigureValue};

use super::dates::{self, Anchor, Published};
use super::lexicon as lx;
use super::scan::{Gap, K, Tok};

/// A recognised figure, in token indices `[s, e)`.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub(crate) s: usize,
    pub(crate) e: usize,
    pub(crate) kind: FigureKind,
    pub(crate) value: Option<FigureValue>,
    pub(crate) unit: Option<String>,
    /// True for vague amounts (`dozens`, `several million`): the value is a lower bound.
    pub(crate) vague: bool,
}

/// A parsed numeral.
#[derive(Debug, Clone, Copy)]
struct NumP {
    s: usize,
    e: usize,
    value: Option<f64>,
    vague: bool,
    /// The integer, when written as plain digits (`1991`, not `1,991` or `19.5`).
    plain: Option<u64>,
    /// Number of digits of `plain`.
    ndigits: usize,
    /// A scale word or suffix was applied (`5 million`).
    scaled: bool,
    fraction: bool,
}

/// Parser options (see `FigureExtractor`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Opts {
    pub(crate) relative_periods: bool,
}

pub(crate) struct Parser<'a, 'b> {
    t: &'b [Tok<'a>],
    sent: &'b [u32],
    published: Option<Published>,
    opts: Opts,
    lower: Vec<std::borrow::Cow<'a, str>>,
}

const DATE_PREPS: &[&str] = &[
    "in", "since", "until", "till", "by", "of", "from", "to", "early", "late", "mid", "last",
    "next", "this", "through", "before", "after", "during", "between", "and", "or", "on", "around",
    "that", "every", "each",
];

impl<'a, 'b> Parser<'a, 'b> {
    pub(crate) fn new(
        t: &'b [Tok<'a>],
        sent: &'b [u32],
        published: Option<Published>,
        opts: Opts,
    ) -> Self {
        let lower = t.iter().map(|x| super::scan::lower(x.s)).collect();
        Parser {
            t,
            sent,
            published,
            opts,
            lower,
        }
    }

    fn lw(&self, i: usize) -> &str {
        self.lower.get(i).map(|c| c.as_ref()).unwrap_or("")
    }

    fn s(&self, i: usize) -> &'a str {
        self.t.get(i).map(|x| x.s).unwrap_or("")
    }

    /// Returns true if and only if token `i` exists and sits in the same paragraph as the
    /// token before it (at most a single line break between them).
    fn joins(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|x| x.gap != Gap::Break)
    }

    /// Returns true if and only if token `i` exists and touches the token before it.
    fn adj(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|x| x.gap == Gap::None)
    }

    fn is_dash(&self, i: usize) -> bool {
        matches!(self.s(i), "-" | "–" | "‑")
    }

    fn prev_word(&self, i: usize) -> &str {
        if i == 0 || !self.joins(i) {
            ""
        } else {
            self.lw(i - 1)
        }
    }

    fn sentence_start(&self, i: usize) -> bool {
        i == 0 || self.sent[i] != self.sent[i - 1] || {
            // After an opening quote or dash at the start of a sentence.
            let p = self.s(i - 1);
            matches!(p, "\"" | "“" | "`" | "(" | "_") && (i < 2 || self.sent[i - 2] != self.sent[i])
        }
    }

    /// Runs the parser over all tokens.
    pub(crate) fn run(&self) -> Vec<Raw> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            // Every recogniser moves forward; `max` guards against a zero-width match.
            i = self.at(i, &mut out).max(i + 1);
        }
        out
    }

    /// Tries every recogniser at `i`; pushes figures and returns the next position.
    fn at(&self, i: usize, out: &mut Vec<Raw>) -> usize {
        if let Some(e) = self.code(i) {
            return e;
        }
        if let Some(r) = self.clock(i) {
            let e = r.e;
            out.push(r);
            return e;
        }
        if let Some(rs) = self.date(i) {
            let mut e = rs.iter().map(|r| r.e).max().unwrap_or(i + 1);
            // "May 1-31": the end of a day range is part of the date
            let day_range = self.is_dash(e)
                && self.adj(e)
                && self.adj(e + 1)
                && rs.iter().any(|r| {
                    self.t
                        .get(r.e - 1)
                        .is_some_and(|x| x.k == K::Num && x.s.len() <= 2)
                });
            out.extend(rs);
            if day_range && let Some((d2, de)) = self.day_number(e + 1) {
                let v = match out.last().and_then(|r| r.value.clone()) {
                    Some(FigureValue::Text(t)) if t.len() == 10 => {
                        Some(FigureValue::Text(format!("{}{d2:02}", &t[..8])))
                    }
                    _ => None,
                };
                out.push(self.raw(e + 1, de, FigureKind::Date, v, None));
                e = de;
            }
            return e;
        }
        if let Some(r) = self.money_prefix(i) {
            let e = r.e;
            out.push(r);
            return e;
        }
        if self.lw(i) == "one" && self.one_is_pronoun(i) {
            return i + 1;
        }
        if self.lw(i) == "basis"
            && matches!(self.lw(i + 1), "point" | "points")
            && self.joins(i + 1)
            && matches!(self.prev_word(i), "a" | "one" | "per")
        {
            out.push(self.raw(i, i + 2, FigureKind::Percent, num(1.0), Some("bp")));
            return i + 2;
        }
        if let Some(n) = self.num(i) {
            return self.classify(n, out);
        }
        let w = self.lw(i);
        if let Some((cur, v)) = lx::coin_word(w)
            && self.t[i].is_lower()
            && matches!(self.prev_word(i), "a" | "one" | "the" | "every" | "single")
        {
            out.push(self.raw(i, i + 1, FigureKind::Money, num(v), Some(cur)));
            return i + 1;
        }
        if matches!(
            w,
            "noon" | "midnight" | "sundown" | "sunset" | "sunrise" | "dawn" | "dusk"
        ) && self.t[i].is_lower()
            && matches!(
                self.prev_word(i),
                "at" | "before" | "after" | "until" | "by" | "since" | "till" | "from"
            )
        {
            let v = match w {
                "noon" => Some(FigureValue::Text("12:00".into())),
                "midnight" => Some(FigureValue::Text("00:00".into())),
                _ => None,
            };
            out.push(self.raw(i, i + 1, FigureKind::Time, v, None));
            return i + 1;
        }
        if let Some(v) = lx::ordinal_word(w)
            && self.t[i].is_lower()
            && self.ordinal_context(i)
        {
            out.push(self.raw(i, i + 1, FigureKind::Ordinal, num(v), None));
            return i + 1;
        }
        if self.opts.relative_periods
            && let Some(r) = self.relative(i)
        {
            let e = r.e;
            out.push(r);
            return e;
        }
        i + 1
    }

    /// `no one`, `the last one`, `a bitter one`, `one can assume`: the pronoun, not a number.
    fn one_is_pronoun(&self, i: usize) -> bool {
        let p = self.prev_word(i);
        if self.is_dash(i + 1) && self.adj(i + 1) {
            return false;
        }
        if matches!(p, "no" | "any" | "every" | "another" | "someone" | "anyone") {
            return true;
        }
        let next = self.t.get(i + 1).filter(|x| x.gap <= Gap::Newline);
        let nl = self.lw(i + 1);
        if matches!(
            nl,
            "can" | "could" | "would" | "should" | "must" | "may" | "might" | "cannot" | "shall"
        ) {
            return true;
        }
        let starts =
            self.sentence_start(i) || matches!(p, "but" | "and" | "indeed" | "," | "so" | "yet");
        if starts
            && next.is_some_and(|x| x.is_lower() && x.s.ends_with('s') && x.s.len() > 3)
            && matches!(
                self.lw(i + 2),
                "it" | "that" | "the" | "a" | "an" | "this" | "how" | "what" | "why" | "to"
            )
        {
            return true;
        }
        let noun_follows = next.is_some_and(|x| {
            x.k == K::Word && !lx::is_stop(nl)
                || nl == "of"
                || x.k == K::Num
                || lx::scale_word(nl).is_some()
        });
        if noun_follows || i == 0 {
            return false;
        }
        let pt = &self.t[i - 1];
        pt.k == K::Word
            && !matches!(
                p,
                "of" | "in"
                    | "to"
                    | "for"
                    | "with"
                    | "by"
                    | "at"
                    | "on"
                    | "from"
                    | "than"
                    | "about"
                    | "and"
                    | "or"
                    | "is"
                    | "was"
                    | "are"
                    | "were"
                    | "be"
                    | "has"
                    | "have"
                    | "had"
                    | "just"
                    | "least"
                    | "under"
                    | "over"
                    | "nearly"
                    | "almost"
                    | "some"
                    | "only"
                    | "into"
                    | "after"
                    | "before"
                    | "won"
                    | "lost"
                    | "beat"
                    | "said"
                    | "says"
                    | "get"
                    | "got"
                    | "take"
                    | "took"
                    | "make"
                    | "made"
                    | "need"
                    | "needs"
                    | "including"
                    | "which"
                    | "turn"
                    | "each"
            )
    }

    fn raw(
        &self,
        s: usize,
        e: usize,
        kind: FigureKind,
        value: Option<FigureValue>,
        unit: Option<&str>,
    ) -> Raw {
        Raw {
            s,
            e,
            kind,
            value,
            unit: unit.map(str::to_string),
            vague: false,
        }
    }

    fn ordinal_context(&self, i: usize) -> bool {
        let p = self.prev_word(i);
        let next_is_word = self.joins(i + 1) && self.t.get(i + 1).is_some_and(|x| x.k == K::Word);
        matches!(
            p,
            "the" | "its" | "his" | "her" | "their" | "our" | "a" | "s"
        ) && next_is_word
            && lx::time_unit(self.lw(i + 1)).is_none()
    }

    // ---------------------------------------------------------------- codes
    /// Numbers inside names and codes (`Zapad-2021`, `COVID-19`, `G7`, `F-16`, `Boeing 737`,
    /// `No. 4`, phone numbers, version numbers): returns the index past the code.
    fn code(&self, i: usize) -> Option<usize> {
        let t = &self.t[i];
        if t.k == K::Word {
            // Word-glued digits: G7, A320, F-16, COVID-19, Zapad-2021.
            let mut j = i + 1;
            if self.is_dash(j) && self.adj(j) {
                j += 1;
            }
            if self.adj(j) && self.t.get(j).is_some_and(|x| x.k == K::Num) {
                let w = t.s;
                let allowed = lx::currency_prefix_word(w).is_some()
                    || lx::dollar_prefix(w).is_some()
                    || matches!(
                        self.lw(i),
                        "mid"
                            | "pre"
                            | "post"
                            | "early"
                            | "late"
                            | "about"
                            | "around"
                            | "over"
                            | "under"
                            | "some"
                            | "top"
                            | "up"
                            | "and"
                            | "or"
                            | "to"
                            | "the"
                            | "of"
                            | "in"
                            | "than"
                    )
                    || (w.len() == 2 && (w.starts_with('Q') || w.starts_with('H')) && j == i + 1);
                if !allowed {
                    let mut e = j + 1;
                    // COVID-19's, 737-800, MH17-style tails.
                    while self.adj(e) && self.t.get(e).is_some_and(|x| x.k != K::Punct) {
                        e += 1;
                    }
                    return Some(e);
                }
            }
            // Boeing 737, Windows 95, Apollo 11, Title 9: a capitalised word (not at the start
            // of a sentence, not a month or weekday) then plain digits.
            if t.is_cap()
                && self.t.get(i + 1).is_some_and(|x| {
                    x.k == K::Num && x.gap == Gap::Space && !x.s.contains([',', '.'])
                })
                && !self.sentence_start(i)
                && lx::month(t.s).is_none()
                && lx::weekday(t.s).is_none()
                && lx::currency_prefix_word(t.s).is_none()
                && !is_name_before_score(self, i)
                && !self.year_like(i + 1)
                && !super::context::is_function_cap(t.s)
                && !(self.is_dash(i + 2)
                    && self.adj(i + 2)
                    && self.t.get(i + 3).is_some_and(|x| x.k == K::Num))
            {
                return Some(i + 2);
            }
            // section 38, resolution 425, page 5, game 7
            if t.is_lower()
                && is_reference_word(self.lw(i))
                && self.t.get(i + 1).is_some_and(|x| {
                    x.k == K::Num && x.gap == Gap::Space && !x.s.contains([',', '.'])
                })
                && !self.year_like(i + 1)
            {
                return Some(i + 2);
            }
            // Banc One, Primary One, Formula One
            if t.is_cap()
                && !self.sentence_start(i)
                && !super::context::is_function_cap(t.s)
                && lx::month(t.s).is_none()
                && lx::weekday(t.s).is_none()
                && self.t.get(i + 1).is_some_and(|x| {
                    x.is_cap()
                        && x.gap == Gap::Space
                        && lx::small_number(&x.s.to_lowercase()).is_some()
                })
                && !self.t.get(i + 2).is_some_and(|x| {
                    x.is_lower() && x.gap <= Gap::Newline && !lx::is_stop(&x.s.to_lowercase())
                })
            {
                return Some(i + 2);
            }
            // par-four, Catch-22-style word-number compounds
            if self.is_dash(i + 1)
                && self.adj(i + 1)
                && self.adj(i + 2)
                && lx::small_number(self.lw(i + 2)).is_some()
                && t.k == K::Word
                && lx::small_number(self.lw(i)).is_none()
                && !lx::is_tens(self.lw(i))
            {
                if self.lw(i) == "par" {
                    return None;
                }
                return Some(i + 3);
            }
            if matches!(
                t.s,
                "No" | "Nos"
                    | "no"
                    | "Number"
                    | "number"
                    | "Vol"
                    | "vol"
                    | "Art"
                    | "art"
                    | "Ch"
                    | "Section"
                    | "Article"
                    | "Rule"
                    | "Resolution"
                    | "Chapter"
                    | "Room"
                    | "Flight"
                    | "Highway"
                    | "Route"
                    | "Interstate"
                    | "Amendment"
            ) && {
                let j = if self.s(i + 1) == "." && self.adj(i + 1) {
                    i + 2
                } else {
                    i + 1
                };
                (t.s.starts_with('N') || t.s.starts_with('n'))
                    && self.s(i + 1) == "."
                    && self.t.get(j).is_some_and(|x| x.k == K::Num)
                    || (t.is_cap()
                        && !t.s.starts_with('N')
                        && self.t.get(j).is_some_and(|x| x.k == K::Num))
            } {
                let j = if self.s(i + 1) == "." { i + 3 } else { i + 2 };
                return Some(j);
            }
            return None;
        }
        if t.k == K::Punct
            && matches!(t.s, "#" | "+")
            && self.adj(i + 1)
            && self.t.get(i + 1).is_some_and(|x| x.k == K::Num)
        {
            // #1, +44 20 7946 0958
            let mut e = i + 2;
            if t.s == "+" {
                while self
                    .t
                    .get(e)
                    .is_some_and(|x| x.k == K::Num && x.gap <= Gap::Space)
                    || (self.is_dash(e) && self.t.get(e + 1).is_some_and(|x| x.k == K::Num))
                {
                    e += 1;
                }
            }
            return Some(e);
        }
        if t.k == K::Num {
            // Version numbers and IP addresses: 1.2.3, 10.0.0.1
            if t.s.matches('.').count() >= 2 && !t.s.contains(',') {
                // Race times (1:41.41.2) are handled by `clock` before this point is reached
                // from its first token; a lone dotted run is a code.
                return Some(i + 1);
            }
            // Numbered list items at the start of a paragraph: "1. Wash the duck".
            if t.gap == Gap::Break
                && matches!(self.s(i + 1), "." | ")")
                && self.adj(i + 1)
                && t.s.len() <= 2
            {
                return Some(i + 2);
            }
            // Street addresses: 601 Riverview Dr., 209 West Houston St.
            if !t.s.contains([',', '.']) {
                let mut k = i + 1;
                while k < i + 4
                    && self
                        .t
                        .get(k)
                        .is_some_and(|x| x.is_cap() && x.gap == Gap::Space)
                {
                    if is_street(self.s(k)) && k > i + 1 {
                        return Some(k + 1);
                    }
                    k += 1;
                }
            }
            // Phone numbers: 555-1234, 202-555-1234, (202) 555-1234, 1-800-555-0199.
            if self.phone(i) {
                let mut e = i + 1;
                while (self.is_dash(e) || self.s(e) == ".")
                    && self.adj(e)
                    && self.adj(e + 1)
                    && self.t.get(e + 1).is_some_and(|x| x.k == K::Num)
                {
                    e += 2;
                }
                return Some(e);
            }
            // Digits glued to letters that are no unit, scale, ordinal or decade: 4G, 3D, 737MAX.
            if self.adj(i + 1) && self.t.get(i + 1).is_some_and(|x| x.k == K::Word) {
                let w = self.s(i + 1);
                let ok = lx::measure_unit(w, true).is_some()
                    || lx::scale_suffix(w).is_some()
                    || lx::time_unit(&w.to_lowercase()).is_some()
                    || matches!(
                        w.to_lowercase().as_str(),
                        "st" | "nd"
                            | "rd"
                            | "th"
                            | "s"
                            | "am"
                            | "pm"
                            | "a"
                            | "p"
                            | "p.m"
                            | "bn"
                            | "mn"
                            | "tn"
                            | "x"
                            | "km"
                            | "h"
                            | "mph"
                    )
                    || lx::currency_word(&w.to_lowercase()).is_some();
                if !ok {
                    let mut e = i + 2;
                    while self.adj(e) && self.t.get(e).is_some_and(|x| x.k != K::Punct) {
                        e += 1;
                    }
                    return Some(e);
                }
            }
            // Digits glued to a following hyphen and code: 737-800
            if i > 0
                && self.adj(i)
                && self.t[i - 1].k == K::Punct
                && matches!(self.s(i - 1), "/" | "@" | "_" | "=" | "\\")
                && i > 1
                && self.adj(i - 1)
                && self.t[i - 2].k == K::Word
            {
                return Some(i + 1);
            }
        }
        None
    }

    fn phone(&self, i: usize) -> bool {
        let n = |k: usize| {
            self.t
                .get(k)
                .filter(|x| x.k == K::Num && !x.s.contains([',', '.']))
                .map(|x| x.s.len())
        };
        let dash =
            |k: usize| (self.is_dash(k) || self.s(k) == ".") && self.adj(k) && self.adj(k + 1);
        // (202) 555-1234
        if i >= 2
            && self.s(i - 1) == ")"
            && self.s(i - 2).len() == 3
            && i >= 3
            && self.s(i - 3) == "("
            && n(i) == Some(3)
            && dash(i + 1)
            && n(i + 2) == Some(4)
        {
            return true;
        }
        match (n(i), dash(i + 1), n(i + 2)) {
            (Some(3), true, Some(4)) => true,
            (Some(1 | 3), true, Some(3)) => dash(i + 3) && n(i + 4).is_some_and(|l| l >= 3),
            _ => false,
        }
    }

    fn year_like(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|x| {
            x.k == K::Num
                && x.s.len() == 4
                && x.s.parse::<u32>().is_ok_and(|y| (1000..=2999).contains(&y))
        })
    }

    // ---------------------------------------------------------------- clock
    /// `4:30 p.m.`, `14:15`, `2.15pm`, `2 p.m.` (times) and `1:18.9`, `4:07.13` (race times,
    /// durations).
    fn clock(&self, i: usize) -> Option<Raw> {
        let t = &self.t[i];
        if t.k != K::Num {
            return None;
        }
        if self.s(i + 1) == ":"
            && self.adj(i + 1)
            && self.adj(i + 2)
            && self.t.get(i + 2).is_some_and(|x| x.k == K::Num)
        {
            let h: u32 = t.s.parse().ok()?;
            let mins = self.s(i + 2);
            let mut e = i + 3;
            let mut duration = mins.contains('.') || h >= 24;
            if self.s(e) == ":"
                && self.adj(e)
                && self.adj(e + 1)
                && self.t.get(e + 1).is_some_and(|x| x.k == K::Num)
            {
                e += 2;
                if self.ampm(e).is_none() {
                    duration = true;
                }
            }
            let mm: u32 = mins.split('.').next()?.parse().ok()?;
            if duration || mins.len() < 2 {
                return Some(self.raw(i, e, FigureKind::Duration, None, None));
            }
            if let Some((e2, pm)) = self.ampm(e) {
                let h24 = to24(h, pm)?;
                return Some(self.raw(
                    i,
                    e2,
                    FigureKind::Time,
                    Some(FigureValue::Text(format!("{h24:02}:{mm:02}"))),
                    None,
                ));
            }
            if h < 24 && mm < 60 {
                return Some(self.raw(
                    i,
                    e,
                    FigureKind::Time,
                    Some(FigureValue::Text(format!("{h:02}:{mm:02}"))),
                    None,
                ));
            }
            return Some(self.raw(i, e, FigureKind::Duration, None, None));
        }
        // 2.15pm, 2 p.m., 11am
        if let Some((e, pm)) = self.ampm(i + 1) {
            let (h, m) = match t.s.split_once('.') {
                Some((h, m)) if m.len() == 2 => (h.parse().ok()?, m.parse().ok()?),
                None => (t.s.parse().ok()?, 0u32),
                _ => return None,
            };
            if h == 0 || h > 12 || m >= 60 {
                return None;
            }
            let h24 = to24(h, pm)?;
            return Some(self.raw(
                i,
                e,
                FigureKind::Time,
                Some(FigureValue::Text(format!("{h24:02}:{m:02}"))),
                None,
            ));
        }
        None
    }

    /// `am`, `pm`, `a.m.`, `p.m.` at `j`: returns (end, is_pm).
    fn ampm(&self, j: usize) -> Option<(usize, bool)> {
        let t = self.t.get(j)?;
        if t.gap > Gap::Space || t.k != K::Word {
            return None;
        }
        match self.lw(j) {
            "am" | "pm" => {
                let pm = self.lw(j) == "pm";
                let e = j + 1;
                Some((e, pm))
            }
            "a" | "p"
                if self.s(j + 1) == "."
                    && self.adj(j + 1)
                    && self.lw(j + 2) == "m"
                    && self.adj(j + 2) =>
            {
                let e = if self.s(j + 3) == "." && self.adj(j + 3) {
                    j + 4
                } else {
                    j + 3
                };
                Some((e, self.lw(j) == "p"))
            }
            _ => None,
        }
    }

    // ---------------------------------------------------------------- dates
    fn date(&self, i: usize) -> Option<Vec<Raw>> {
        let t = &self.t[i];
        if t.k == K::Word {
            if let Some(r) = self.month_date(i) {
                return Some(vec![r]);
            }
            if let Some(r) = self.weekday_date(i) {
                return Some(vec![r]);
            }
            if let Some(r) = self.season_date(i) {
                return Some(vec![r]);
            }
            if let Some(r) = self.holiday(i) {
                return Some(vec![r]);
            }
            if let Some(r) = self.quarter(i) {
                return Some(vec![r]);
            }
            // Q3 2021, H1
            if t.s.len() == 2
                && t.s.starts_with('Q')
                && self.adj(i + 1)
                && matches!(self.s(i + 1), "1" | "2" | "3" | "4")
            {
                let mut e = i + 2;
                if self.year_like(e) && self.joins(e) {
                    e += 1;
                }
                return Some(vec![self.raw(i, e, FigureKind::Date, None, None)]);
            }
            return None;
        }
        if t.k == K::Punct && matches!(t.s, "'" | "’" | "‘") && self.adj(i + 1) {
            // '60s, '98
            let n = self.t.get(i + 1)?;
            if n.k == K::Num
                && n.s.len() == 2
                && n.s.bytes().all(|b| b.is_ascii_digit())
                && !(i > 0 && self.adj(i) && self.t[i - 1].k == K::Word)
            {
                let yy: i32 = n.s.parse().ok()?;
                let century = self
                    .published
                    .map(|p| i32::from(p.year) / 100 * 100)
                    .unwrap_or(1900);
                let mut full = century + yy;
                if let Some(p) = self.published
                    && full > i32::from(p.year) + 5
                {
                    full -= 100;
                }
                if self.lw(i + 2) == "s" && self.adj(i + 2) && yy % 10 == 0 {
                    return Some(vec![self.raw(
                        i,
                        i + 3,
                        FigureKind::Date,
                        Some(FigureValue::Text(format!("{full}/{}", full + 9))),
                        None,
                    )]);
                }
                if !(self.adj(i + 2) && self.t.get(i + 2).is_some_and(|x| x.k != K::Punct))
                    && matches!(
                        self.prev_word(i),
                        "in" | "since" | "of" | "the" | "by" | "until" | "class"
                    )
                {
                    return Some(vec![self.raw(
                        i,
                        i + 2,
                        FigureKind::Date,
                        Some(FigureValue::Text(format!("{full}"))),
                        None,
                    )]);
                }
            }
            return None;
        }
        if t.k == K::Num {
            if let Some(r) = self.numeric_date(i) {
                return Some(vec![r]);
            }
            // 31 October 2021, 1st May
            let d = self.day_number(i)?;
            let mut j = d.1;
            if self.lw(j) == "of" && self.joins(j) {
                j += 1;
            }
            let m = lx::month(self.s(j))
                .filter(|_| self.joins(j) && self.t[j].is_cap() && self.month_ok(j, true))?;
            let mut e = self.after_month_abbrev(j);
            let mut year = None;
            if let Some((y, ye)) = self.year_after(e, true) {
                year = Some(y);
                e = ye;
            }
            let v = match year {
                Some(y) => dates::ymd(y, m, d.0),
                None => dates::month_day(self.published, m, d.0),
            };
            return Some(vec![self.raw(
                i,
                e,
                FigureKind::Date,
                v.map(FigureValue::Text),
                None,
            )]);
        }
        None
    }

    fn after_month_abbrev(&self, j: usize) -> usize {
        if lx::month_is_abbrev(self.s(j)) && self.s(j + 1) == "." && self.adj(j + 1) {
            j + 2
        } else {
            j + 1
        }
    }

    /// A day of the month at `i` (`18`, `18th`): (day, end).
    fn day_number(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.t.get(i)?;
        if t.k != K::Num || t.s.len() > 2 || !t.s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u8 = t.s.parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let e = if self.adj(i + 1) && matches!(self.lw(i + 1), "st" | "nd" | "rd" | "th") {
            i + 2
        } else {
            i + 1
        };
        Some((d, e))
    }

    /// A year after a date part at `j` (`, 2021`, ` 2021`): (year, end).
    fn year_after(&self, j: usize, allow_comma: bool) -> Option<(i32, usize)> {
        let mut k = j;
        if allow_comma && self.s(k) == "," && self.joins(k) {
            k += 1;
        }
        if self.joins(k) && self.year_like(k) && !self.adj(k + 1) {
            let y: i32 = self.s(k).parse().ok()?;
            return Some((y, k + 1));
        }
        if self.joins(k)
            && self.year_like(k)
            && self.adj(k + 1)
            && matches!(
                self.s(k + 1),
                "," | "." | ";" | ")" | ":" | "'" | "’" | "\"" | "”"
            )
        {
            let y: i32 = self.s(k).parse().ok()?;
            return Some((y, k + 1));
        }
        None
    }

    fn month_ok(&self, i: usize, with_day: bool) -> bool {
        let w = self.s(i);
        let lower = w.to_ascii_lowercase();
        if !self.t[i].is_cap() {
            return false;
        }
        if with_day {
            return true;
        }
        let next_num = self.joins(i + 1) && self.t.get(i + 1).is_some_and(|x| x.k == K::Num);
        let p = self.prev_word(i);
        match lower.as_str() {
            "may" | "march"
                if matches!(
                    p,
                    "we" | "i" | "you" | "they" | "he" | "she" | "it" | "to" | "will"
                ) || matches!(
                    self.lw(i + 1),
                    "we" | "i" | "you" | "they" | "he" | "she" | "it"
                ) =>
            {
                false
            }
            "may" | "march" => {
                next_num
                    || (DATE_PREPS.contains(&p) || p == "-")
                        && !(lower == "may"
                            && self.t.get(i + 1).is_some_and(|x| {
                                x.is_lower()
                                    && !matches!(
                                        self.lw(i + 1),
                                        "and" | "or" | "to" | "through" | "of"
                                    )
                            }))
                    || !(self.sentence_start(i)
                        || lower == "may" && matches!(self.lw(i + 1), "be" | "have" | "not"))
                    || (self.sentence_start(i)
                        && self
                            .t
                            .get(i + 1)
                            .is_some_and(|x| x.is_lower() && !lx::is_stop(&x.s.to_lowercase()))
                        && lower == "march")
            }
            _ if lx::month_is_abbrev(w) => {
                next_num || (self.s(i + 1) == "." && self.adj(i + 1) && w.len() >= 3)
            }
            _ => true,
        }
    }

    fn month_date(&self, i: usize) -> Option<Raw> {
        let m = lx::month(self.s(i))?;
        if !self.month_ok(i, false) {
            return None;
        }
        let me = self.after_month_abbrev(i);
        // Month day [, year]
        if self.joins(me)
            && let Some((d, de)) = self.day_number(me)
            && !(self.adj(de) && self.t.get(de).is_some_and(|x| x.k == K::Num))
            && !(self.s(de) == ","
                && self.adj(de)
                && self
                    .t
                    .get(de + 1)
                    .is_some_and(|x| x.k == K::Num && x.s.len() == 3))
        {
            if let Some((y, ye)) = self.year_after(de, true) {
                return Some(self.raw(
                    i,
                    ye,
                    FigureKind::Date,
                    dates::ymd(y, m, d).map(FigureValue::Text),
                    None,
                ));
            }
            return Some(self.raw(
                i,
                de,
                FigureKind::Date,
                dates::month_day(self.published, m, d).map(FigureValue::Text),
                None,
            ));
        }
        // Month [,] year
        if let Some((y, ye)) = self.year_after(me, true) {
            return Some(self.raw(
                i,
                ye,
                FigureKind::Date,
                Some(FigureValue::Text(format!("{y:04}-{m:02}"))),
                None,
            ));
        }
        if self.lw(me) == "of"
            && let Some((y, ye)) = self.year_after(me + 1, false)
        {
            return Some(self.raw(
                i,
                ye,
                FigureKind::Date,
                Some(FigureValue::Text(format!("{y:04}-{m:02}"))),
                None,
            ));
        }
        Some(self.raw(
            i,
            me,
            FigureKind::Date,
            dates::month_only(self.published, m).map(FigureValue::Text),
            None,
        ))
    }

    fn weekday_date(&self, i: usize) -> Option<Raw> {
        let t = &self.t[i];
        let wd = lx::weekday(t.s)?;
        if !t.is_cap() {
            return None;
        }
        let full = t.s.to_ascii_lowercase().contains("day");
        let mut e = i + 1;
        if !full {
            if t.s.len() < 3
                || !(self.s(i + 1) == "." && self.adj(i + 1))
                || matches!(t.s, "Sat" | "Sun" | "Wed" | "Mon") && !self.joins(i + 2)
            {
                return None;
            }
            e = i + 2;
        }
        // Monday, November 1 [, 2021]
        let mut k = e;
        if self.s(k) == "," && self.joins(k) {
            k += 1;
        }
        if self.joins(k)
            && lx::month(self.s(k)).is_some()
            && let Some(r) = self.month_date(k)
            && r.e > self.after_month_abbrev(k)
        {
            return Some(Raw { s: i, ..r });
        }
        if self.s(i).ends_with('s') && full {
            return Some(self.raw(i, e, FigureKind::Date, None, None));
        }
        let anchor = match self.prev_word(i) {
            "last" => Anchor::Last,
            "next" | "coming" => Anchor::Next,
            "this" => Anchor::Future,
            _ if self.future_sentence(i) => Anchor::Future,
            _ => Anchor::Past,
        };
        Some(self.raw(
            i,
            e,
            FigureKind::Date,
            dates::weekday(self.published, wd, anchor).map(FigureValue::Text),
            None,
        ))
    }

    /// Returns true if and only if the sentence before token `i` speaks of the future.
    fn future_sentence(&self, i: usize) -> bool {
        let sid = self.sent[i];
        let mut j = i;
        while j > 0 && self.sent[j - 1] == sid && i - j < 40 {
            j -= 1;
            match self.lw(j) {
                "will" | "shall" | "ll" | "scheduled" | "expected" | "plans" | "planned"
                | "plan" | "due" | "upcoming" | "going" | "set" | "begins" | "starts"
                | "tomorrow" => return true,
                "said" | "says" | "told" | "was" | "were" | "had" | "did" | "announced"
                | "reported" => return false,
                _ => {}
            }
        }
        false
    }

    fn season_date(&self, i: usize) -> Option<Raw> {
        let w = self.lw(i);
        let first = lx::season(w)?;
        let t = &self.t[i];
        let p = self.prev_word(i);
        let strong = matches!(w, "summer" | "winter" | "autumn");
        let ctx = matches!(
            p,
            "the"
                | "this"
                | "last"
                | "next"
                | "that"
                | "in"
                | "early"
                | "late"
                | "mid"
                | "since"
                | "until"
                | "by"
                | "of"
                | "during"
                | "through"
                | "each"
                | "every"
                | "s"
                | "coming"
                | "past"
                | "-"
        );
        let mut e = i + 1;
        if matches!(
            self.lw(e),
            "quarter" | "solstice" | "solstices" | "equinox" | "equinoxes" | "term" | "semester"
        ) && self.joins(e)
        {
            e += 1;
        }
        let mut year = None;
        if self.lw(e) == "of"
            && let Some((y, ye)) = self.year_after(e + 1, false)
        {
            year = Some(y);
            e = ye;
        } else if let Some((y, ye)) = self.year_after(e, false) {
            year = Some(y);
            e = ye;
        }
        let ok = year.is_some()
            || (t.is_lower() && (strong || ctx))
            || (t.is_cap() && ctx && !self.t.get(i + 1).is_some_and(|x| x.is_cap()));
        // "the fall of the government", "the spring of hope": not seasons
        let of_noun = year.is_none() && self.lw(i + 1) == "of" && matches!(w, "fall" | "spring");
        if !ok
            || of_noun
            || (w == "fall" && !ctx && year.is_none())
            || (w == "spring" && !ctx && year.is_none())
        {
            return None;
        }
        // "winter wheat", "summer camp" are still seasons in IEER; "winter storm" too.
        let v = year.map(|y| {
            let end_m = first + 2;
            if first == 12 {
                format!("{y:04}-12/{:04}-02", y + 1)
            } else {
                format!("{y:04}-{first:02}/{y:04}-{end_m:02}")
            }
        });
        Some(self.raw(i, e, FigureKind::Date, v.map(FigureValue::Text), None))
    }

    fn holiday(&self, i: usize) -> Option<Raw> {
        type Holiday = (&'static [&'static str], Option<(u8, u8)>);
        const H: &[Holiday] = &[
            (&["New", "Year", "'", "s", "Day"], Some((1, 1))),
            (&["New", "Year", "’", "s", "Day"], Some((1, 1))),
            (&["New", "Year", "'", "s", "Eve"], Some((12, 31))),
            (&["Christmas", "Day"], Some((12, 25))),
            (&["Christmas", "Eve"], Some((12, 24))),
            (&["Christmas"], Some((12, 25))),
            (&["Boxing", "Day"], Some((12, 26))),
            (&["Fourth", "of", "July"], Some((7, 4))),
            (&["Independence", "Day"], None),
            (&["Memorial", "Day"], None),
            (&["Labor", "Day"], None),
            (&["Labour", "Day"], None),
            (&["Veterans", "Day"], Some((11, 11))),
            (&["Armistice", "Day"], Some((11, 11))),
            (&["Remembrance", "Day"], Some((11, 11))),
            (&["Good", "Friday"], None),
            (&["Easter", "Sunday"], None),
            (&["Easter"], None),
            (&["Thanksgiving"], None),
            (&["Halloween"], Some((10, 31))),
            (&["St", ".", "Patrick", "'", "s", "Day"], Some((3, 17))),
            (&["St", ".", "Patrick", "’", "s", "Day"], Some((3, 17))),
            (&["Valentine", "'", "s", "Day"], Some((2, 14))),
            (&["Valentine", "’", "s", "Day"], Some((2, 14))),
            (&["Passover"], None),
            (&["Ramadan"], None),
            (&["Hanukkah"], None),
            (&["Yom", "Kippur"], None),
            (&["Rosh", "Hashanah"], None),
            (&["Diwali"], None),
            (&["Jewish", "Sabbath"], None),
            (&["Election", "Day"], None),
            (&["Inauguration", "Day"], None),
            (&["Victory", "Day"], Some((5, 9))),
            (&["Bastille", "Day"], Some((7, 14))),
        ];
        'outer: for (words, md) in H {
            for (k, w) in words.iter().enumerate() {
                let j = i + k;
                if self.s(j) != *w || (k > 0 && !self.joins(j)) {
                    continue 'outer;
                }
            }
            let e = i + words.len();
            let v = md
                .and_then(|(m, d)| dates::month_day(self.published, m, d))
                .map(FigureValue::Text);
            return Some(self.raw(i, e, FigureKind::Date, v, None));
        }
        None
    }

    /// `second quarter`, `last quarter of 1997`, `19th century`.
    fn quarter(&self, i: usize) -> Option<Raw> {
        let w = self.lw(i);
        let ord = lx::ordinal_word(w).is_some() && self.t[i].is_lower();
        if (ord || w == "last") && self.lw(i + 1) == "quarter" && self.joins(i + 1) {
            let mut e = i + 2;
            let mut has_year = false;
            if self.lw(e) == "of"
                && let Some((_, ye)) = self.year_after(e + 1, false)
            {
                e = ye;
                has_year = true;
            }
            if w == "last" && !has_year {
                return None;
            }
            if !matches!(w, "first" | "second" | "third" | "fourth" | "last") {
                return None;
            }
            return Some(self.raw(i, e, FigureKind::Date, None, None));
        }
        if ord && self.lw(i + 1) == "century" && self.joins(i + 1) {
            return Some(self.raw(i, i + 2, FigureKind::Date, None, None));
        }
        None
    }

    /// `2021-10-31`, `10/31/2021`, `31/10/2021`, `31.10.2021`.
    fn numeric_date(&self, i: usize) -> Option<Raw> {
        let t = &self.t[i];
        // 31.10.2021 scans as one number token.
        if t.s.matches('.').count() == 2 && !t.s.contains(',') {
            let p: Vec<&str> = t.s.split('.').collect();
            if p[2].len() == 4 && p[0].len() <= 2 && p[1].len() <= 2 {
                let (d, m, y) = (p[0].parse().ok()?, p[1].parse().ok()?, p[2].parse().ok()?);
                let v = dates::ymd(y, m, d)?;
                return Some(self.raw(
                    i,
                    i + 1,
                    FigureKind::Date,
                    Some(FigureValue::Text(v)),
                    None,
                ));
            }
            return None;
        }
        let sep = self.s(i + 1);
        if !(sep == "-" || sep == "/")
            || !self.adj(i + 1)
            || !self.adj(i + 2)
            || self.s(i + 3) != sep
            || !self.adj(i + 3)
            || !self.adj(i + 4)
        {
            return None;
        }
        let a = self.t.get(i + 2).filter(|x| x.k == K::Num)?.s;
        let b = self.t.get(i + 4).filter(|x| x.k == K::Num)?.s;
        let n = |s: &str| s.parse::<i32>().ok();
        let (y, m, d) = if t.s.len() == 4 && sep == "-" {
            (n(t.s)?, n(a)?, n(b)?)
        } else if b.len() == 4 && sep == "/" {
            let (x, z) = (n(t.s)?, n(a)?);
            if x > 12 { (n(b)?, z, x) } else { (n(b)?, x, z) }
        } else {
            return None;
        };
        let v = dates::ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)?;
        Some(self.raw(i, i + 5, FigureKind::Date, Some(FigureValue::Text(v)), None))
    }

    // ---------------------------------------------------------------- money
    /// `$5 billion`, `US$ 3`, `£1.2bn`, `dlrs 220 million`, `RM50,000`, `USD 5m`.
    fn money_prefix(&self, i: usize) -> Option<Raw> {
        let t = &self.t[i];
        let (cur, j) = if let Some(c) = lx::currency_symbol(t.s) {
            (c, i + 1)
        } else if t.k == K::Word
            && lx::dollar_prefix(t.s).is_some()
            && self.s(i + 1) == "$"
            && self.adj(i + 1)
        {
            (lx::dollar_prefix(t.s)?, i + 2)
        } else if t.k == K::Word
            && let Some(c) = lx::currency_prefix_word(t.s)
        {
            let j = if self.s(i + 1) == "." && self.adj(i + 1) {
                i + 2
            } else {
                i + 1
            };
            // `Rs` and `RM` must touch or be followed by digits; `dlrs` may cross a line break.
            (c, j)
        } else {
            return None;
        };
        let nt = self.t.get(j)?;
        let short_word_gap = t.k == K::Word
            && nt.gap != Gap::None
            && t.s.len() <= 2
            && t.s != "Rs"
            && !t.s.chars().all(|c| c.is_ascii_uppercase());
        if nt.k != K::Num || nt.gap == Gap::Break || short_word_gap {
            return None;
        }
        if t.k == K::Punct && nt.gap > Gap::Space {
            return None;
        }
        let mut n = self.num_at(j)?;
        // £1.2bn, $50m, $3k
        let mut value = n.value;
        if self.adj(n.e)
            && let Some(mult) = lx::scale_suffix(self.s(n.e))
            && !n.scaled
        {
            value = value.map(|v| v * mult);
            n.e += 1;
        } else if self.adj(n.e) && self.t.get(n.e).is_some_and(|x| x.k == K::Word) {
            return None;
        }
        let mut r = self.raw(
            i,
            n.e,
            FigureKind::Money,
            value.and_then(finite).map(FigureValue::Number),
            Some(cur),
        );
        r.vague = n.vague;
        self.rate(&mut r);
        Some(r)
    }

    /// `$250 a day`, `$100-a-month`, `RM120 per day`: an amount per unit of time is a
    /// quantity (a rate), not an amount of money.
    fn rate(&self, r: &mut Raw) {
        let e = r.e;
        let (k, hyphen) = if self.is_dash(e) && self.adj(e) && self.adj(e + 1) {
            (e + 1, true)
        } else {
            (e, false)
        };
        if !self.joins(k) || !matches!(self.lw(k), "a" | "an" | "per" | "each") {
            return;
        }
        if hyphen && !self.is_dash(k + 1) {
            return;
        }
        let u = if hyphen { k + 2 } else { k + 1 };
        if let Some(unit) = lx::time_unit(self.lw(u)).filter(|_| self.joins(u)) {
            r.kind = FigureKind::Quantity;
            r.unit = Some(format!("{}/{}", r.unit.as_deref().unwrap_or(""), unit));
            r.e = u + 1;
        } else if self.lw(k) == "per" && !hyphen {
            // $4 per reusable page
            let mut z = u;
            while z < u + 3
                && self.joins(z)
                && self
                    .t
                    .get(z)
                    .is_some_and(|x| x.is_lower() && !lx::is_stop(&x.s.to_lowercase()))
            {
                z += 1;
            }
            if z > u {
                r.kind = FigureKind::Quantity;
                r.unit = Some(format!(
                    "{}/{}",
                    r.unit.as_deref().unwrap_or(""),
                    self.lw(z - 1)
                ));
                r.e = z;
            }
        }
    }

    // ---------------------------------------------------------------- numerals
    /// A numeral at `i` in digits or words, with scale words.
    fn num(&self, i: usize) -> Option<NumP> {
        let t = &self.t[i];
        match t.k {
            K::Num => self.num_at(i),
            K::Word => self.num_words(i),
            K::Punct => None,
        }
    }

    fn num_at(&self, i: usize) -> Option<NumP> {
        let t = self.t.get(i)?;
        if t.k != K::Num {
            return self.num_words(i);
        }
        let s = t.s;
        if s.matches('.').count() > 1 {
            return None;
        }
        let mut plain = None;
        let value: f64 = if s.contains(',') {
            let groups: Vec<&str> = s.split(',').collect();
            let ok = groups[0].len() <= 3
                && groups[1..].iter().enumerate().all(|(k, g)| {
                    let last = k + 2 == groups.len();
                    let digits = g.split('.').next().unwrap_or("");
                    digits.len() == 3 && (last || !g.contains('.'))
                });
            if !ok {
                return None;
            }
            s.replace(',', "").parse().ok()?
        } else {
            if !s.contains('.') {
                plain = s.parse::<u64>().ok();
            }
            s.parse().ok()?
        };
        let mut n = NumP {
            s: i,
            e: i + 1,
            value: Some(value),
            vague: false,
            plain,
            ndigits: s.len(),
            scaled: false,
            fraction: false,
        };
        // 104 23/32, 23/32
        if self.s(i + 1) == "/"
            && self.adj(i + 1)
            && self.adj(i + 2)
            && let Some(d) = self
                .t
                .get(i + 2)
                .filter(|x| x.k == K::Num)
                .and_then(|x| x.s.parse::<f64>().ok())
        {
            if d > 0.0
                && !(self.s(i + 3) == "/" && self.adj(i + 3))
                && plain.is_some()
                && self.t.get(i + 2).is_none_or(|x| x.s.len() != 4)
            {
                n.value = Some(value / d);
                n.e = i + 3;
                n.plain = None;
                n.fraction = true;
                return Some(n);
            }
            return None;
        }
        if let Some(next) = self.t.get(i + 1)
            && next.k == K::Num
            && next.gap == Gap::Space
            && self.s(i + 2) == "/"
            && self.adj(i + 2)
            && plain.is_some()
            && let Some(f) = self.num_at(i + 1).filter(|f| f.fraction)
        {
            n.value = Some(value + f.value.unwrap_or(0.0));
            n.e = f.e;
            n.plain = None;
            return Some(n);
        }
        self.scale(&mut n);
        if self.lw(n.e) == "and"
            && self.lw(n.e + 1) == "a"
            && self.lw(n.e + 2) == "half"
            && self.joins(n.e)
            && self.joins(n.e + 2)
        {
            n.value = n.value.map(|v| v + 0.5);
            n.e += 3;
            n.plain = None;
        }
        Some(n)
    }

    /// Applies a following scale word (`5 million`, `$8-billion`).
    fn scale(&self, n: &mut NumP) {
        let e = n.e;
        let (k, _) = if self.is_dash(e) && self.adj(e) && self.adj(e + 1) {
            (e + 1, true)
        } else {
            (e, false)
        };
        if self.joins(k) && self.t.get(k).is_some_and(|x| x.k == K::Word) {
            let w = self.lw(k);
            if let Some(m) = lx::scale_word(w).filter(|_| !w.ends_with('s')) {
                n.value = n.value.map(|v| v * m);
                n.e = k + 1;
                n.plain = None;
                n.scaled = true;
                // 1.5 million-plus; "two hundred thousand"
                if m == 100.0
                    && let Some(m2) = lx::scale_word(self.lw(k + 1))
                        .filter(|_| self.joins(k + 1) && !self.lw(k + 1).ends_with('s'))
                {
                    n.value = n.value.map(|v| v * m2);
                    n.e = k + 2;
                }
            }
        }
    }

    /// Number words: `eight`, `sixty-one`, `one trillion`, `two hundred and fifty`,
    /// `two-thirds`, `a dozen` (from `dozen`), `half a million`, `dozens`, `several hundred`,
    /// `tens of thousands`.
    fn num_words(&self, i: usize) -> Option<NumP> {
        let w0 = self.lw(i);
        let mk = |e: usize, v: Option<f64>, vague: bool| NumP {
            s: i,
            e,
            value: v,
            vague,
            plain: None,
            ndigits: 0,
            scaled: false,
            fraction: false,
        };
        // vague: dozens, hundreds of thousands, tens of millions
        if let Some(lb) = lx::vague_plural(w0) {
            let mut e = i + 1;
            let mut value = lb;
            while self.lw(e) == "of" && self.joins(e) && self.joins(e + 1) {
                let w = self.lw(e + 1);
                if let Some(l2) =
                    lx::vague_plural(w).or_else(|| lx::scale_word(w).filter(|&m| m >= 1e6))
                {
                    value *= if l2 >= 1e3 {
                        l2 / if w.ends_with('s') { 2.0 } else { 1.0 }
                    } else {
                        l2
                    };
                    e += 2;
                } else {
                    break;
                }
            }
            if matches!(w0, "tens" | "scores") && e == i + 1 && self.lw(e) != "of" {
                return None;
            }
            return Some(mk(e, Some(value), true));
        }
        if matches!(w0, "several" | "few" | "many") && self.joins(i + 1) {
            let w = self.lw(i + 1);
            if matches!(
                w,
                "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen"
            ) {
                let mut e = i + 2;
                // several hundred thousand
                if w == "hundred" && self.joins(e) && lx::scale_word(self.lw(e)).is_some() {
                    e += 1;
                }
                return Some(mk(e, None, true));
            }
            if w == "tens" && self.lw(i + 2) == "of" && lx::scale_word(self.lw(i + 3)).is_some() {
                return Some(mk(i + 4, None, true));
            }
            return None;
        }
        // half a million, half-dozen, half million, half
        if w0 == "half" {
            let mut k = i + 1;
            if self.is_dash(k) && self.adj(k) {
                k += 1;
            }
            if matches!(self.lw(k), "a" | "an") && self.joins(k) {
                if self.is_dash(k + 1) && self.adj(k + 1) {
                    k += 1;
                }
                k += 1;
            }
            let w = self.lw(k);
            if self.joins(k) && (lx::scale_word(w).is_some() && !w.ends_with('s') || w == "dozen") {
                let m = if w == "dozen" {
                    12.0
                } else {
                    lx::scale_word(w).unwrap_or(1.0)
                };
                return Some(mk(k + 1, Some(0.5 * m), false));
            }
            // half a century, half an hour
            if k > i + 1 && lx::time_unit(w).is_some() && matches!(self.lw(k - 1), "a" | "an") {
                return Some(NumP {
                    fraction: true,
                    ..mk(k, Some(0.5), false)
                });
            }
            if !self.t[i].is_lower()
                && self.sentence_start(i)
                && !matches!(
                    self.lw(i + 1),
                    "of" | "the" | "a" | "an" | "his" | "her" | "their" | "its"
                )
            {
                return None;
            }
            return Some(NumP {
                fraction: true,
                ..mk(i + 1, Some(0.5), false)
            });
        }
        // dozen (after `a`), hundred/thousand/million (after `a`)
        if (w0 == "dozen" || (lx::scale_word(w0).is_some() && !w0.ends_with('s')))
            && matches!(self.prev_word(i), "a" | "an")
        {
            let mut v = if w0 == "dozen" {
                12.0
            } else {
                lx::scale_word(w0)?
            };
            let mut e = i + 1;
            if let Some(m) =
                lx::scale_word(self.lw(e)).filter(|_| self.joins(e) && !self.lw(e).ends_with('s'))
            {
                v *= m;
                e += 1;
            }
            return Some(mk(e, Some(v), false));
        }
        // cardinal words
        lx::small_number(w0)?;
        let mut total = 0.0f64;
        let mut current = 0.0f64;
        let mut j = i;
        let mut last_small: Option<f64> = None; // the last small number word value
        let mut any = false;
        let mut end = i;
        loop {
            if j > i && !(self.joins(j)) {
                break;
            }
            let w = self.lw(j);
            if let Some(v) = lx::small_number(w) {
                if let Some(ls) = last_small
                    && !(ls >= 20.0 && ls % 10.0 == 0.0 && v < 10.0)
                {
                    break;
                }
                if j > i && !any {
                    break;
                }
                // Fraction: two-thirds, one-tenth, seven-tenths
                if self.is_dash(j + 1)
                    && self.adj(j + 1)
                    && self.adj(j + 2)
                    && let Some(den) = lx::fraction_word(self.lw(j + 2))
                {
                    if current == 0.0 && total == 0.0 {
                        return Some(NumP {
                            fraction: true,
                            ..mk(j + 3, Some(v / den), false)
                        });
                    }
                    break;
                }
                current += v;
                last_small = Some(v);
                any = true;
                end = j + 1;
                // sixty-one
                if lx::is_tens(w)
                    && self.is_dash(j + 1)
                    && self.adj(j + 1)
                    && self.adj(j + 2)
                    && let Some(u) =
                        lx::small_number(self.lw(j + 2)).filter(|&u| (1.0..10.0).contains(&u))
                {
                    current += u;
                    last_small = Some(u);
                    end = j + 3;
                    j += 3;
                    continue;
                }
                j += 1;
                continue;
            }
            if !any {
                break;
            }
            if w == "hundred" {
                current = current.max(1.0) * 100.0;
                last_small = None;
                end = j + 1;
                j += 1;
                continue;
            }
            if let Some(m) = lx::scale_word(w).filter(|_| !w.ends_with('s')) {
                total += current.max(1.0) * m;
                current = 0.0;
                last_small = None;
                end = j + 1;
                j += 1;
                continue;
            }
            if w == "dozen" && current > 0.0 {
                current *= 12.0;
                end = j + 1;
                j += 1;
                continue;
            }
            if w == "and"
                && last_small.is_none()
                && lx::small_number(self.lw(j + 1)).is_some()
                && self.joins(j + 1)
            {
                j += 1;
                continue;
            }
            if w == "and"
                && self.lw(j + 1) == "a"
                && self.lw(j + 2) == "half"
                && self.joins(j + 1)
                && self.joins(j + 2)
            {
                current += 0.5;
                end = j + 3;
                break;
            }
            // one hundredth, three quarters (of)
            if let Some(den) =
                lx::fraction_word(w).filter(|_| total == 0.0 && current < 20.0 && w != "second")
                && (w.ends_with('s') || current == 1.0)
            {
                {
                    if matches!(w, "quarter" | "quarters")
                        && lx::time_unit(self.lw(j + 1)).is_some()
                    {
                        break;
                    }
                    if matches!(
                        w,
                        "third"
                            | "fourth"
                            | "fifth"
                            | "sixth"
                            | "seventh"
                            | "eighth"
                            | "ninth"
                            | "tenth"
                    ) && current == 1.0
                        && self.lw(j + 1) != "of"
                    {
                        break;
                    }
                    return Some(NumP {
                        fraction: true,
                        ..mk(j + 1, Some(current / den), false)
                    });
                }
            }
            break;
        }
        if !any {
            return None;
        }
        Some(mk(end, Some(total + current), false))
    }

    /// Decides what a numeral is from what follows it and pushes the figure(s).
    fn classify(&self, n: NumP, out: &mut Vec<Raw>) -> usize {
        let e = n.e;
        let mut r = Raw {
            s: n.s,
            e,
            kind: FigureKind::Number,
            value: n.value.and_then(finite).map(FigureValue::Number),
            unit: None,
            vague: n.vague,
        };

        // Ages: turned 50, aged 40 to 70
        if let Some(a) = n.plain.filter(|&a| (1..=120).contains(&a))
            && matches!(
                self.prev_word(n.s),
                "turned" | "turns" | "turning" | "aged" | "age" | "ages"
            )
        {
            out.push(self.raw(n.s, e, FigureKind::Quantity, num(a as f64), Some("years")));
            if (self.lw(e) == "to" || self.is_dash(e))
                && self.joins(e + 1)
                && let Some(n2) = self
                    .num_at(e + 1)
                    .filter(|n2| n2.plain.is_some_and(|b| b > a && b <= 120))
            {
                out.push(self.raw(
                    n2.s,
                    n2.e,
                    FigureKind::Quantity,
                    n2.value.map(FigureValue::Number),
                    Some("years"),
                ));
                return n2.e;
            }
            return e;
        }
        // Suspended hyphen: "7- and 8-year old"
        if self.is_dash(e)
            && self.adj(e)
            && self.t.get(e + 1).is_some_and(|x| x.gap != Gap::None)
            && matches!(self.lw(e + 1), "and" | "or" | "to")
        {
            out.push(self.raw(n.s, e, FigureKind::Quantity, r.value.clone(), None));
            return e + 1;
        }
        // Bond prices in 32nds and "a price of 104" are money.
        let price = n.s >= 2 && self.prev_word(n.s) == "of" && self.lw(n.s - 2) == "price";
        if (e >= 2 && self.s(e - 2) == "/" && matches!(self.s(e - 1), "32" | "64"))
            || (price && n.plain.is_some())
        {
            r.kind = FigureKind::Money;
            out.push(r);
            return e;
        }

        // Range `10-15%`, `10 to 15 percent`, `2012-13`, `6-3`.
        let (dash, k) = if self.is_dash(e) && self.adj(e) && self.adj(e + 1) {
            (true, e + 1)
        } else if matches!(self.lw(e), "to") && self.joins(e) && self.joins(e + 1) {
            (false, e + 1)
        } else {
            (false, usize::MAX)
        };
        if k != usize::MAX
            && self
                .t
                .get(k)
                .is_some_and(|x| x.k == K::Num || (x.k == K::Word && !dash))
            && !n.scaled
        {
            // Year ranges: 1997-98, 2012–13, 1997-1998
            if dash
                && n.ndigits == 4
                && n.plain.is_some_and(|y| (1000..=2999).contains(&y))
                && self.t[k].k == K::Num
            {
                let s2 = self.s(k);
                let y1 = n.plain.unwrap_or(0);
                let y2 = match s2.len() {
                    2 => s2.parse::<u64>().ok().map(|v| y1 / 100 * 100 + v),
                    4 => s2.parse::<u64>().ok(),
                    _ => None,
                };
                if let Some(y2) = y2.filter(|&y2| y2 > y1 && y2 - y1 < 100)
                    && !(self.adj(k + 1) && self.t.get(k + 1).is_some_and(|x| x.k != K::Punct))
                {
                    out.push(self.raw(
                        n.s,
                        e,
                        FigureKind::Date,
                        Some(FigureValue::Text(y1.to_string())),
                        None,
                    ));
                    out.push(self.raw(
                        k,
                        k + 1,
                        FigureKind::Date,
                        Some(FigureValue::Text(y2.to_string())),
                        None,
                    ));
                    return k + 1;
                }
            }
            if let Some(n2) = self.num(k).filter(|n2| n2.value.is_some() && !n2.vague) {
                let mut tmp = Vec::new();
                let next = self.classify(n2, &mut tmp);
                if let Some(second) = tmp.first().cloned()
                    && second.s == k
                    && matches!(
                        second.kind,
                        FigureKind::Percent
                            | FigureKind::Money
                            | FigureKind::Quantity
                            | FigureKind::Duration
                    )
                {
                    let mult = match (&second.value, n2.value) {
                        (Some(FigureValue::Number(v2)), Some(raw2))
                            if second.kind == FigureKind::Money && raw2 != 0.0 =>
                        {
                            v2 / raw2
                        }
                        _ => 1.0,
                    };
                    r.kind = second.kind;
                    r.unit = second.unit.clone();
                    r.value = n
                        .value
                        .map(|v| v * mult)
                        .and_then(finite)
                        .map(FigureValue::Number);
                    out.push(r);
                    out.extend(tmp);
                    return next;
                }
                if dash || second_is_plain(&tmp, k) {
                    // Scores and plain ranges: two numbers.
                    out.push(r);
                    out.extend(tmp);
                    return next;
                }
            }
        }

        // Percent
        let j = e;
        if self.joins(j) {
            let w = self.lw(j);
            let pct = if (self.s(j) == "%" && self.t[j].gap <= Gap::Space)
                || matches!(w, "percent" | "pct" | "prozent")
            {
                Some((j + 1, "%"))
            } else if w == "per" && self.lw(j + 1) == "cent" && self.joins(j + 1) {
                Some((j + 2, "%"))
            } else if w == "percentage"
                && matches!(self.lw(j + 1), "point" | "points")
                && self.joins(j + 1)
            {
                Some((j + 2, "pp"))
            } else if w == "basis"
                && matches!(self.lw(j + 1), "point" | "points")
                && self.joins(j + 1)
            {
                Some((j + 2, "bp"))
            } else {
                None
            };
            if let Some((pe, unit)) = pct {
                r.kind = FigureKind::Percent;
                r.e = pe;
                r.unit = Some(unit.into());
                self.rate(&mut r);
                let pe = r.e;
                out.push(r);
                return pe;
            }
            // one-tenth of 1 percent, one-hundredth of a percentage point
            if n.fraction && w == "of" && self.joins(j + 1) {
                let k = j + 1;
                let (base, ke) = match self.lw(k) {
                    "a" | "one" => (1.0, k + 1),
                    _ => match self.num_at(k) {
                        Some(b) if b.plain == Some(1) => (1.0, b.e),
                        _ => (0.0, k),
                    },
                };
                if ke > k {
                    let pw = self.lw(ke);
                    let pe = if pw == "percent" {
                        Some((ke + 1, "%"))
                    } else if pw == "per" && self.lw(ke + 1) == "cent" {
                        Some((ke + 2, "%"))
                    } else if pw == "percentage" && matches!(self.lw(ke + 1), "point" | "points") {
                        Some((ke + 2, "pp"))
                    } else {
                        None
                    };
                    if let Some((pe, unit)) = pe {
                        r.kind = FigureKind::Percent;
                        r.e = pe;
                        r.unit = Some(unit.into());
                        r.value = n.value.map(|v| v * base).map(FigureValue::Number);
                        out.push(r);
                        return pe;
                    }
                }
            }
        }

        // Money: `61 billion dollars`, `hundreds of billions of dollars`, `28 cents`, `50p`
        {
            let mut k = e;
            let mut scale = 1.0;
            let mut scaled = n.scaled;
            // 11bn euros, 1.2bn Australian dollars
            if !n.scaled
                && self.adj(k)
                && let Some(m) = lx::scale_suffix(self.s(k))
            {
                scale = m;
                scaled = true;
                k += 1;
            }
            if self.lw(k) == "of" && (n.vague || scaled) && self.joins(k) {
                k += 1;
            }
            // Australian dollars, Hong Kong dollars
            let mut national = None;
            if self.joins(k) && self.t.get(k).is_some_and(|x| x.is_cap()) {
                let two = format!("{} {}", self.lw(k), self.lw(k + 1));
                if let Some(c) = lx::national_dollar(&two).filter(|_| self.joins(k + 1)) {
                    national = Some(c);
                    k += 2;
                } else if let Some(c) = lx::national_dollar(self.lw(k)) {
                    national = Some(c);
                    k += 1;
                }
            }
            let w = self.lw(k);
            if national.is_some() && !matches!(w, "dollar" | "dollars") {
                // not money after all
            } else if self.joins(k)
                && let Some((cur0, mult)) = lx::currency_word(w)
                && (scaled || scale == 1.0)
            {
                let cur = national.unwrap_or(cur0);
                let mult = mult * scale;
                let n = NumP { scaled, ..n };
                let ambiguous = matches!(
                    w,
                    "won" | "mark" | "marks" | "rand" | "p" | "sterling" | "franc" | "pound"
                );
                let adjacent = self.adj(k);
                let ok = if w == "p" {
                    adjacent
                } else if ambiguous {
                    n.scaled || (w == "sterling" && k > e)
                } else {
                    !adjacent || matches!(w, "bn" | "m")
                };
                let weight = matches!(w, "pound" | "pounds") && self.lw(k + 1) == "of";
                if ok && !weight {
                    let mut ee = k + 1;
                    if matches!(w, "pounds" | "pound")
                        && self.lw(ee) == "sterling"
                        && self.joins(ee)
                    {
                        ee += 1;
                    }
                    r.kind = FigureKind::Money;
                    r.e = ee;
                    r.unit = Some(cur.into());
                    r.value = n
                        .value
                        .map(|v| v * mult)
                        .and_then(finite)
                        .map(FigureValue::Number);
                    self.rate(&mut r);
                    let e2 = r.e;
                    out.push(r);
                    return e2;
                }
            }
        }

        // Glued suffixes: 1990s, 21st, 47km, 1.2bn, 50K
        if self.adj(e) && self.t.get(e).is_some_and(|x| x.k == K::Word) && !n.scaled {
            let w = self.s(e);
            let lw = self.lw(e);
            if lw == "s" && n.plain.is_some_and(|v| v % 10 == 0) && matches!(n.ndigits, 2 | 4) {
                let v = n.plain.unwrap_or(0);
                let age = matches!(
                    self.prev_word(n.s),
                    "his" | "her" | "their" | "my" | "your" | "our"
                ) || (matches!(self.prev_word(n.s), "early" | "mid" | "late")
                    && n.s >= 2
                    && matches!(self.lw(n.s - 2), "his" | "her" | "their"));
                if age {
                    out.push(self.raw(
                        n.s,
                        e + 1,
                        FigureKind::Quantity,
                        num(v as f64),
                        Some("years"),
                    ));
                    return e + 1;
                }
                let full = if n.ndigits == 2 { 1900 + v } else { v };
                out.push(self.raw(
                    n.s,
                    e + 1,
                    FigureKind::Date,
                    Some(FigureValue::Text(format!("{full}/{}", full + 9))),
                    None,
                ));
                return e + 1;
            }
            if matches!(lw, "st" | "nd" | "rd" | "th") {
                if self.lw(e + 1) == "century" && self.joins(e + 1) {
                    out.push(self.raw(n.s, e + 2, FigureKind::Date, None, None));
                    return e + 2;
                }
                out.push(self.raw(n.s, e + 1, FigureKind::Ordinal, r.value.clone(), None));
                return e + 1;
            }
            if let Some(mult) = lx::scale_suffix(w) {
                // 1.2m: million before a plural noun, metres otherwise
                let next_plural = self.joins(e + 1)
                    && self.t.get(e + 1).is_some_and(|x| x.is_lower())
                    && !matches!(
                        self.lw(e + 1),
                        "long"
                            | "high"
                            | "wide"
                            | "deep"
                            | "tall"
                            | "away"
                            | "from"
                            | "above"
                            | "below"
                            | "thick"
                            | "in"
                            | "of"
                            | "and"
                            | "or"
                            | "to"
                    );
                if matches!(w, "m") && !next_plural {
                    out.push(self.raw(
                        n.s,
                        e + 1,
                        FigureKind::Quantity,
                        r.value.clone(),
                        Some("m"),
                    ));
                    return e + 1;
                }
                r.value = n
                    .value
                    .map(|v| v * mult)
                    .and_then(finite)
                    .map(FigureValue::Number);
                r.e = e + 1;
                if matches!(w, "K" | "k") {
                    r.kind = FigureKind::Quantity;
                    r.unit = Some("k".into());
                }
                let e2 = r.e;
                out.push(r);
                return e2;
            }
            if let Some(u) = lx::measure_unit(w, true) {
                out.push(self.raw(n.s, e + 1, FigureKind::Quantity, r.value.clone(), Some(u)));
                return e + 1;
            }
            if let Some(u) = lx::time_unit(lw) {
                out.push(self.raw(n.s, e + 1, FigureKind::Duration, r.value.clone(), Some(u)));
                return e + 1;
            }
        }

        // Hyphenated compounds: five-year, 20-year-old, 3,000-meter, 14-story, six-under-par
        if self.is_dash(e)
            && self.adj(e)
            && self.adj(e + 1)
            && self.t.get(e + 1).is_some_and(|x| x.k == K::Word)
        {
            let w = self.lw(e + 1);
            if n.fraction && lx::time_unit(w).is_none() {
                out.push(r);
                return e;
            }
            if lx::small_number(w).is_none()
                && lx::fraction_word(w).is_none()
                && lx::scale_word(w).is_none()
            {
                let mut ce = e + 2;
                // -year-old: an age
                if lx::time_unit(w).is_some() {
                    let old = (self.is_dash(ce) && self.adj(ce) && self.lw(ce + 1) == "old")
                        || (self.lw(ce) == "old" && self.joins(ce));
                    if old {
                        out.push(self.raw(
                            n.s,
                            ce,
                            FigureKind::Quantity,
                            r.value.clone(),
                            Some("years"),
                        ));
                        return ce;
                    }
                    out.push(self.raw(
                        n.s,
                        ce,
                        FigureKind::Duration,
                        r.value.clone(),
                        lx::time_unit(w),
                    ));
                    return ce;
                }
                while self.is_dash(ce)
                    && self.adj(ce)
                    && self.adj(ce + 1)
                    && self.t.get(ce + 1).is_some_and(|x| x.k == K::Word)
                    && !matches!(self.lw(ce + 1), "old" | "long")
                {
                    ce += 2;
                }
                if matches!(
                    w,
                    "long"
                        | "like"
                        | "plus"
                        | "odd"
                        | "something"
                        | "some"
                        | "thing"
                        | "off"
                        | "way"
                        | "on"
                        | "sided"
                        | "liners"
                        | "liner"
                ) || w.len() == 1
                {
                    // "20-odd", "40-something": an approximate number
                    if matches!(w, "odd" | "plus" | "something" | "some") {
                        out.push(r);
                        return e;
                    }
                    return e + 2;
                }
                let unit = lx::measure_unit(w, false)
                    .map(str::to_string)
                    .unwrap_or_else(|| w.to_string());
                out.push(self.raw(n.s, ce, FigureKind::Quantity, r.value.clone(), Some(&unit)));
                return ce;
            }
        }

        // Units after a space: 20 years, 5 km, 3,000 meters, 20 square meters, 2 p.m.
        if self.joins(e) && self.t.get(e).is_some_and(|x| x.k == K::Word) {
            let w = self.lw(e);
            if let Some(u) = lx::time_unit(w) {
                let year = n.ndigits == 4
                    && n.plain.is_some_and(|y| (1800..=2099).contains(&y))
                    && matches!(w, "season" | "year" | "quarter" | "decade" | "century");
                let quarter_ok = (w != "quarter" || n.plain.is_some_and(|v| v > 1)) && !year;
                if quarter_ok {
                    let mut ee = e + 1;
                    // 2 hours, 32 minutes, 25.3 seconds / 4 minutes 5.08 seconds / 1 hour 5 minutes
                    loop {
                        let mut k = ee;
                        if self.s(k) == "," && self.joins(k) {
                            k += 1;
                        }
                        if self.joins(k)
                            && self.t.get(k).is_some_and(|x| x.k == K::Num)
                            && self.joins(k + 1)
                            && lx::time_unit(self.lw(k + 1))
                                .is_some_and(|u2| matches!(u2, "s" | "min" | "h"))
                            && matches!(u, "h" | "min" | "s")
                        {
                            ee = k + 2;
                            continue;
                        }
                        break;
                    }
                    // 10 years old: an age
                    if self.lw(ee) == "old" && self.joins(ee) && u == "year" {
                        out.push(self.raw(
                            n.s,
                            ee,
                            FigureKind::Quantity,
                            r.value.clone(),
                            Some("years"),
                        ));
                        return ee + 1;
                    }
                    out.push(self.raw(n.s, ee, FigureKind::Duration, r.value.clone(), Some(u)));
                    return ee;
                }
            }
            let mut k = e;
            let mut prefix = "";
            if matches!(w, "square" | "sq" | "cubic") && self.joins(e + 1) {
                prefix = if w == "cubic" { "cu " } else { "sq " };
                k = e + 1;
                if self.s(k) == "." && w == "sq" {
                    k += 1;
                }
            }
            if let Some(u) = lx::measure_unit(self.s(k), false).filter(|_| self.joins(k)) {
                let tall = matches!(u, "storey") && n.value.is_some_and(|v| v > 200.0);
                let money_pounds =
                    matches!(self.lw(k), "pound" | "pounds") && self.lw(k + 1) != "of";
                let ok = !tall && !money_pounds;
                if ok {
                    let unit = format!("{prefix}{u}");
                    let mut q = self.raw(
                        n.s,
                        k + 1,
                        FigureKind::Quantity,
                        r.value.clone(),
                        Some(&unit),
                    );
                    q.vague = n.vague;
                    let e2 = q.e;
                    out.push(q);
                    return e2;
                }
            }
            if matches!(self.lw(e), "times") && self.joins(e) {
                // "four times a year" is a rate; "three times" alone a multiplier
                if matches!(self.lw(e + 1), "a" | "per" | "an")
                    && lx::time_unit(self.lw(e + 2)).is_some()
                {
                    out.push(self.raw(
                        n.s,
                        e + 3,
                        FigureKind::Quantity,
                        r.value.clone(),
                        Some("times"),
                    ));
                    return e + 3;
                }
            }
        }

        // Years: 1991, the 1992 election
        if let Some(y) = n.plain.filter(|_| n.ndigits == 4)
            && !n.scaled
            && !n.vague
        {
            let p = self.prev_word(n.s);
            let y_ok = (1800..=2099).contains(&y)
                || ((1000..=2999).contains(&y) && DATE_PREPS.contains(&p));
            let numberish = matches!(
                p,
                "about"
                    | "nearly"
                    | "some"
                    | "than"
                    | "almost"
                    | "roughly"
                    | "approximately"
                    | "least"
            );
            let next_people = self.joins(e)
                && self.t.get(e).is_some_and(|x| x.is_lower())
                && matches!(
                    self.lw(e),
                    "people"
                        | "persons"
                        | "troops"
                        | "soldiers"
                        | "workers"
                        | "jobs"
                        | "students"
                        | "members"
                        | "votes"
                        | "cases"
                        | "deaths"
                        | "homes"
                        | "units"
                        | "signatures"
                        | "refugees"
                        | "residents"
                        | "employees"
                        | "points"
                        | "miles"
                        | "feet"
                        | "meters"
                        | "pages"
                        | "words"
                        | "copies"
                        | "tons"
                );
            if y_ok && !numberish && !next_people {
                let mut ye = e;
                // the 1999 fiscal year, fiscal 1998
                if self.lw(e) == "fiscal"
                    && self.lw(e + 1) == "year"
                    && self.joins(e)
                    && self.joins(e + 1)
                {
                    ye = e + 2;
                }
                out.push(self.raw(
                    n.s,
                    ye,
                    FigureKind::Date,
                    Some(FigureValue::Text(format!("{y:04}"))),
                    None,
                ));
                return ye;
            }
        }

        // Ages: McCarthy, 94, ... / aged 94
        if let Some(a) = n.plain.filter(|&a| (1..=120).contains(&a)) {
            let p = self.prev_word(n.s);
            let comma_age = n.s >= 2
                && self.s(n.s - 1) == ","
                && self.t[n.s - 2].is_cap()
                && self.t[n.s - 2].k == K::Word
                && lx::month(self.s(n.s - 2)).is_none()
                && lx::weekday(self.s(n.s - 2)).is_none()
                && (matches!(self.s(e), "," | ";" | ")")
                    || (self.s(e) == "." && !self.t.get(e + 1).is_some_and(|x| x.k == K::Num)))
                && a >= 10;
            if comma_age || matches!(p, "aged" | "age") {
                out.push(self.raw(n.s, e, FigureKind::Quantity, num(a as f64), Some("years")));
                return e;
            }
        }

        // Rates: "300,000 a month", "2,000 letters a day", "125,000 new jobs or so a month"
        {
            let mut k = e;
            while k < e + 5
                && self.joins(k)
                && self.t.get(k).is_some_and(|x| x.is_lower())
                && !matches!(self.lw(k), "a" | "an" | "per" | "each")
                && (!lx::is_stop(self.lw(k)) || matches!(self.lw(k), "or" | "so"))
            {
                k += 1;
            }
            if matches!(self.lw(k), "a" | "an" | "per" | "each")
                && self.joins(k)
                && self.joins(k + 1)
                && lx::time_unit(self.lw(k + 1)).is_some()
            {
                let unit = format!("/{}", lx::time_unit(self.lw(k + 1)).unwrap_or(""));
                out.push(self.raw(
                    n.s,
                    k + 2,
                    FigureKind::Quantity,
                    r.value.clone(),
                    Some(&unit),
                ));
                return k + 2;
            }
        }
        // Ages: "died at 83,", "who is 17 and", "he's 67,"
        if let Some(a) = n.plain.filter(|&a| (2..=110).contains(&a)) {
            let p = self.prev_word(n.s);
            let p2 = if n.s >= 2 { self.lw(n.s - 2) } else { "" };
            let after =
                matches!(self.s(e), "," | "." | ";") || matches!(self.lw(e), "and" | "when");
            let copula = matches!(p, "is" | "was" | "s")
                || (matches!(p, "just" | "only" | "now") && matches!(p2, "is" | "was" | "s"));
            let at_age = p == "at"
                && self.sentence_has(
                    n.s,
                    &[
                        "died", "death", "started", "began", "retired", "married", "joined",
                        "left", "learned", "age", "old", "young", "running", "cooking", "playing",
                        "writing",
                    ],
                );
            if after && (copula || at_age) {
                out.push(self.raw(n.s, e, FigureKind::Quantity, num(a as f64), Some("years")));
                return e;
            }
        }
        out.push(r);
        e
    }

    /// Returns true if and only if the sentence of token `i` contains one of `words`.
    fn sentence_has(&self, i: usize, words: &[&str]) -> bool {
        let sid = self.sent[i];
        let mut a = i;
        while a > 0 && self.sent[a - 1] == sid {
            a -= 1;
        }
        (a..self.t.len())
            .take_while(|&k| self.sent[k] == sid)
            .any(|k| words.contains(&self.lw(k)))
    }

    /// `last week`, `this year`, `next month`, `yesterday` (only with `relative_periods`).
    fn relative(&self, i: usize) -> Option<Raw> {
        let w = self.lw(i);
        let day = match w {
            "yesterday" => Some(-1),
            "today" => Some(0),
            "tomorrow" => Some(1),
            _ => None,
        };
        if let Some(d) = day {
            return Some(self.raw(
                i,
                i + 1,
                FigureKind::Date,
                dates::relative(self.published, d, "day").map(FigureValue::Text),
                None,
            ));
        }
        let which = match w {
            "last" | "past" | "previous" => -1,
            "this" | "current" => 0,
            "next" | "coming" => 1,
            _ => return None,
        };
        let u = self.lw(i + 1);
        if !self.joins(i + 1) || !matches!(u, "week" | "month" | "year") {
            return None;
        }
        Some(self.raw(
            i,
            i + 2,
            FigureKind::Date,
            dates::relative(self.published, which, u).map(FigureValue::Text),
            None,
        ))
    }
}

fn second_is_plain(tmp: &[Raw], k: usize) -> bool {
    tmp.first()
        .is_some_and(|r| r.s == k && matches!(r.kind, FigureKind::Number | FigureKind::Count))
}

/// A capitalised word before a number that is still a count: `Moscow 1,458` (thousands
/// separators are never model numbers), sports lines `Chicago 6`.
fn is_street(w: &str) -> bool {
    matches!(
        w,
        "St" | "Street"
            | "Dr"
            | "Drive"
            | "Ave"
            | "Avenue"
            | "Road"
            | "Rd"
            | "Blvd"
            | "Boulevard"
            | "Lane"
            | "Ln"
            | "Way"
            | "Place"
            | "Pl"
            | "Court"
            | "Ct"
            | "Terrace"
            | "Parkway"
            | "Pkwy"
            | "Highway"
            | "Square"
            | "Plaza"
    )
}

/// Lower-case words after which a number is a reference, not a figure.
fn is_reference_word(w: &str) -> bool {
    matches!(
        w,
        "section"
            | "sections"
            | "resolution"
            | "article"
            | "chapter"
            | "paragraph"
            | "clause"
            | "rule"
            | "room"
            | "flight"
            | "route"
            | "highway"
            | "interstate"
            | "channel"
            | "gate"
            | "platform"
            | "exit"
            | "suite"
            | "apartment"
            | "page"
            | "pages"
            | "box"
            | "model"
            | "version"
            | "size"
            | "grade"
            | "type"
            | "class"
            | "amendment"
            | "no"
            | "number"
            | "item"
            | "step"
            | "phase"
            | "stage"
            | "round"
            | "game"
            | "hole"
            | "lap"
            | "seed"
            | "row"
            | "seat"
            | "track"
            | "verse"
            | "district"
            | "ward"
            | "precinct"
            | "zone"
            | "sector"
            | "lane"
            | "floor"
            | "unit"
            | "block"
            | "lot"
            | "tier"
            | "bus"
            | "train"
            | "category"
            | "volume"
            | "issue"
            | "episode"
            | "figure"
            | "table"
            | "line"
            | "level"
            | "pier"
            | "terminal"
            | "hall"
            | "court"
            | "studio"
            | "division"
            | "regiment"
            | "battalion"
            | "brigade"
            | "squadron"
    )
}

fn is_name_before_score(p: &Parser<'_, '_>, i: usize) -> bool {
    let n = p.s(i + 1);
    let next = p.s(i + 2);
    (n.len() <= 2 && matches!(next, "," | ";") && p.t.get(i + 3).is_some_and(|x| x.is_cap()))
        || matches!(
            p.lw(i),
            "i" | "a" | "we" | "he" | "she" | "they" | "it" | "us"
        )
}

fn to24(h: u32, pm: bool) -> Option<u32> {
    if h == 0 || h > 12 {
        return None;
    }
    Some(match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    })
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

fn num(v: f64) -> Option<FigureValue> {
    finite(v).map(FigureValue::Number)
}
