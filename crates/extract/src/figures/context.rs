//! What a figure counts (its object), its qualifier, and who cites it (its actor).
//!
//! The object comes from a small noun-phrase chunker over the words after the figure
//! (`1,389 nuclear warheads deployed` → `nuclear warheads`; `eight members of Russia's
//! team` → `members`; `40 percent of the building` → `building`). The actor is the speaker
//! of an attribution cue in the sentence (`X said`, `said X`, `according to X`) or else the
//! nearest proper name acting as the clause subject before the figure (`Washington has
//! 1,389 …`, elliptical `… and Moscow 1,458`).

use super::lexicon as lx;
use super::scan::{Gap, K, Tok};

pub(crate) struct Ctx<'a, 'b> {
    pub(crate) t: &'b [Tok<'a>],
    pub(crate) sent: &'b [u32],
    pub(crate) lower: Vec<std::borrow::Cow<'a, str>>,
}

impl<'a, 'b> Ctx<'a, 'b> {
    pub(crate) fn new(t: &'b [Tok<'a>], sent: &'b [u32]) -> Self {
        Ctx {
            t,
            sent,
            lower: t.iter().map(|x| super::scan::lower(x.s)).collect(),
        }
    }

    fn lw(&self, i: usize) -> &str {
        self.lower.get(i).map(|c| c.as_ref()).unwrap_or("")
    }

    fn joins(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|x| x.gap != Gap::Break)
    }

    /// The qualifier written before token `s` (`more than`, `about`), and where it starts.
    /// `skip_article` lets `more than a dozen` skip the `a`.
    pub(crate) fn qualifier(&self, s: usize) -> Option<(String, usize)> {
        let mut starts = vec![s];
        if s > 0 && matches!(self.lw(s - 1), "a" | "an") && self.joins(s) {
            starts.push(s - 1);
        }
        for &end in &starts {
            for q in lx::QUALIFIERS {
                let n = q.len();
                if end < n {
                    continue;
                }
                let b = end - n;
                let ok = q
                    .iter()
                    .enumerate()
                    .all(|(k, w)| self.lw(b + k) == *w && self.t[b + k].k == K::Word)
                    && (b + 1..=end).all(|k| k == end && k >= self.t.len() || self.joins(k));
                if ok {
                    // `about` after a verb of speech is a topic, not a qualifier: "talked about 5 ..."
                    if n == 1
                        && matches!(
                            q[0],
                            "over" | "under" | "about" | "some" | "above" | "below"
                        )
                        && b > 0
                        && matches!(
                            self.lw(b - 1),
                            "talked"
                                | "talk"
                                | "talks"
                                | "worried"
                                | "concerned"
                                | "know"
                                | "knew"
                                | "thinking"
                                | "think"
                                | "care"
                        )
                    {
                        continue;
                    }
                    let text = q.join(" ");
                    return Some((text, b));
                }
            }
        }
        None
    }

    /// What the figure ending before token `e` counts.
    pub(crate) fn object(&self, e: usize, after_of: bool) -> Option<String> {
        let mut j = e;
        let mut via_of = false;
        if self.lw(j) == "of" && self.joins(j) && after_of {
            j += 1;
            via_of = true;
        }
        if via_of {
            // skip determiners and possessors: "of the", "of Russia's"
            while matches!(
                self.lw(j),
                "the"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "our"
                    | "my"
                    | "your"
                    | "these"
                    | "those"
                    | "this"
                    | "that"
                    | "all"
                    | "a"
                    | "an"
            ) && self.joins(j)
            {
                j += 1;
            }
            if self.t.get(j).is_some_and(|x| x.is_cap())
                && self.s_is(j + 1, "'")
                && self.lw(j + 2) == "s"
            {
                j += 3;
            }
        }
        let mut words: Vec<(usize, usize)> = Vec::new();
        while words.len() < 4 && self.joins(j) {
            let Some(t) = self.t.get(j) else { break };
            if t.k != K::Word {
                break;
            }
            let w = self.lw(j);
            if lx::is_stop(w)
                || lx::month(t.s).is_some() && t.is_cap()
                || lx::weekday(t.s).is_some() && t.is_cap()
            {
                break;
            }
            // Capitalised words only as modifiers (`Russian diplomats`), never as the head.
            let mut end = j + 1;
            while self.s_is(end, "-")
                && self.t.get(end).is_some_and(|x| x.gap == Gap::None)
                && self
                    .t
                    .get(end + 1)
                    .is_some_and(|x| x.k == K::Word && x.gap == Gap::None)
            {
                end += 2;
            }
            words.push((self.t[j].start, self.t[end - 1].end));
            if (w.ends_with("ly") && w.len() > 4) || matches!(w, "ago" | "apiece") {
                words.pop();
                break;
            }
            j = end;
        }
        // Trim trailing participles and capitalised words: "warheads deployed", "people Friday".
        while let Some(&(a, b)) = words.last() {
            let text = &self.text_of(a, b);
            let lower = text.to_lowercase();
            let cap = text.chars().next().is_some_and(char::is_uppercase);
            if cap
                || (words.len() > 1 && (lower.ends_with("ed") || lower.ends_with("ing")))
                || (words.len() == 1
                    && lower.ends_with("ing")
                    && !lower.ends_with("thing")
                    && !lower.ends_with("building"))
                || (words.len() == 1
                    && lower.ends_with("ed")
                    && !lower.ends_with("eed")
                    && !lower.ends_with("red"))
            {
                words.pop();
            } else {
                break;
            }
        }
        let (a, _) = *words.first()?;
        let (_, b) = *words.last()?;
        Some(
            self.text_of(a, b)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    fn s_is(&self, i: usize, s: &str) -> bool {
        self.t.get(i).is_some_and(|x| {
            x.s == s || (s == "'" && x.s == "’") || (s == "-" && matches!(x.s, "–" | "‑"))
        })
    }

    fn text_of(&self, a: usize, b: usize) -> String {
        // Rebuild from tokens: the source text is not kept here.
        let mut out = String::new();
        let mut prev_end = None;
        let first = self.t.partition_point(|t| t.start < a);
        for t in self.t[first..].iter().take_while(|t| t.end <= b) {
            if prev_end.is_some_and(|p| p < t.start) {
                out.push(' ');
            }
            out.push_str(t.s);
            prev_end = Some(t.end);
        }
        out
    }

    /// A run of proper-name tokens ending at `end` (exclusive), going backwards: its start.
    fn name_back(&self, end: usize) -> Option<usize> {
        let mut b = end;
        while b > 0 {
            let t = &self.t[b - 1];
            let name = t.is_cap()
                && !is_function_cap(t.s)
                && lx::month(t.s).is_none()
                && lx::weekday(t.s).is_none()
                && (b == end || self.joins(b));
            let joiner = b < end
                && matches!(t.s, "." | "-")
                && b >= 2
                && self.t[b - 2].is_cap()
                && t.gap == Gap::None;
            if name || joiner {
                b -= 1;
            } else {
                break;
            }
        }
        (b < end).then_some(b)
    }

    /// A run of proper-name tokens starting at `s`: its end.
    fn name_fwd(&self, s: usize) -> Option<usize> {
        let mut e = s;
        while let Some(t) = self.t.get(e) {
            let name = t.is_cap()
                && !is_function_cap(t.s)
                && lx::month(t.s).is_none()
                && lx::weekday(t.s).is_none()
                && (e == s || self.joins(e));
            let joiner = e > s
                && matches!(t.s, "." | "-")
                && t.gap == Gap::None
                && self.t.get(e + 1).is_some_and(|x| x.is_cap());
            if name || joiner {
                e += 1;
            } else {
                break;
            }
        }
        (e > s).then_some(e)
    }

    fn span_text(&self, a: usize, b: usize) -> String {
        self.text_of(self.t[a].start, self.t[b - 1].end)
    }

    /// The actor a figure at tokens `[s, e)` is attributed to.
    pub(crate) fn actor(&self, s: usize) -> Option<String> {
        let sid = *self.sent.get(s)?;
        let mut a = s;
        while a > 0 && self.sent[a - 1] == sid {
            a -= 1;
        }
        let mut z = s;
        while z < self.t.len() && self.sent[z] == sid {
            z += 1;
        }
        // Attribution cues anywhere in the sentence.
        for k in a..z {
            let w = self.lw(k);
            if matches!(
                w,
                "said"
                    | "says"
                    | "told"
                    | "stated"
                    | "announced"
                    | "reported"
                    | "estimated"
                    | "estimates"
                    | "claimed"
                    | "claims"
                    | "added"
                    | "noted"
                    | "warned"
                    | "wrote"
            ) {
                if k > a
                    && let Some(b) = self.name_back(k)
                    && b >= a
                {
                    return Some(self.span_text(b, k));
                }
                if let Some(e) = self.name_fwd(k + 1).filter(|&e| e <= z) {
                    return Some(self.span_text(k + 1, e));
                }
            }
            if w == "according" && self.lw(k + 1) == "to" {
                let mut j = k + 2;
                while matches!(self.lw(j), "the" | "a" | "an") {
                    j += 1;
                }
                if let Some(e) = self.name_fwd(j).filter(|&e| e <= z) {
                    return Some(self.span_text(j, e));
                }
            }
        }
        // Elliptical subject right before the figure: "and Moscow 1,458".
        if s > a
            && let Some(b) = self.name_back(s)
            && b >= a
            && s - b <= 4
        {
            return Some(self.span_text(b, s));
        }
        // Nearest name before the figure that heads a clause: Name + lower-case verb.
        let mut k = s;
        while k > a {
            k -= 1;
            if self.t.get(k + 1).is_some_and(|x| {
                x.is_lower() && !lx::is_stop(&x.s.to_lowercase())
                    || matches!(
                        x.s,
                        "has"
                            | "have"
                            | "had"
                            | "is"
                            | "was"
                            | "are"
                            | "were"
                            | "will"
                            | "would"
                            | "could"
                            | "can"
                    )
            }) && self.t[k].is_cap()
                && let Some(b) = self.name_back(k + 1)
                && b >= a
            {
                {
                    let before = if b > a { self.lw(b - 1) } else { "" };
                    if matches!(
                        before,
                        "of" | "in"
                            | "to"
                            | "from"
                            | "with"
                            | "by"
                            | "at"
                            | "on"
                            | "for"
                            | "against"
                            | "into"
                            | "the"
                            | "a"
                            | "an"
                            | "s"
                    ) {
                        k = b;
                        continue;
                    }
                    return Some(self.span_text(b, k + 1));
                }
            }
        }
        None
    }
}

pub(crate) fn is_function_cap(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "In"
            | "On"
            | "At"
            | "But"
            | "And"
            | "Or"
            | "For"
            | "With"
            | "As"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "Despite"
            | "However"
            | "According"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "Here"
            | "Last"
            | "Next"
            | "Earlier"
            | "Later"
            | "Since"
            | "By"
            | "From"
            | "Of"
            | "To"
            | "Its"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "Both"
            | "Each"
            | "No"
            | "Not"
            | "So"
            | "Yet"
            | "Still"
            | "Also"
            | "Then"
            | "Now"
            | "Meanwhile"
            | "Although"
            | "Though"
            | "Because"
            | "Under"
            | "Over"
            | "About"
            | "Among"
            | "During"
            | "Only"
            | "Even"
            | "Just"
            | "Any"
            | "Every"
            | "Such"
            | "Another"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "Adding"
            | "Speaking"
            | "Writing"
            | "Shortly"
            | "Simultaneous"
            | "Notwithstanding"
            | "What"
            | "Who"
            | "Why"
            | "How"
            | "Where"
    )
}
