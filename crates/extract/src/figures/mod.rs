//! Cited figures: every number in an article found, normalised, and tied to what it counts
//! and who cites it.
//!
//! A scanner cuts the text into word, number and punctuation tokens with byte spans (it
//! keeps whether tokens touch and which line breaks separate them); a parser walks them
//! and recognises, in order: numbers inside names and codes (skipped: `Zapad-2021`,
//! `COVID-19`, `G7`, `F-16`, `Boeing 737`, `No. 4`, phone numbers), clock times (`2.15pm`,
//! `4:30 p.m.`) and race times, dates (`31 October 2021`, `Monday, November 1`, `June 2021`,
//! `1991`, `1997-98`, `the 1940s`, `'60s`, `on Thursday`, `in January`, seasons, holidays,
//! `second quarter`), money (`$5 billion`, `£1.2bn`, `US$3`, `dlrs 220 million`, `61
//! billion dollars`, `hundreds of billions of dollars`), percentages and points (`3.5%`,
//! `3.5 per cent`, `3 percentage points`, `one-tenth of 1 percent`), quantities with units
//! (`5 km`, `3,000-meter`, `20 square meters`, `$250 a day`), durations (`20 years`,
//! `five-year`), and numerals (`1,389`, `1.2m`, `sixty-one`, `one trillion`, `two-thirds`,
//! `a dozen`, `dozens`, `several million`, ranges `10-15%` and `10 to 15`, ordinals).
//!
//! Conventions follow the IEER/MUC newswire annotation: the span excludes its qualifier
//! (`more than [one trillion dollars]`, qualifier `more than`) and a leading `a`
//! (`a [dozen]`); `Saturday's` is the date `Saturday`; ranges are two figures; ages
//! (`McCarthy, 94`) and rates (`$250 a day`) are quantities. Dates without a year resolve
//! against the article's `published` date (rules in `dates.rs`): a bare weekday is the
//! latest one on or before publication (the next one in
//! future-tense sentences), a month or month-day the occurrence nearest publication.
//! Relative periods (`last week`, `this year`, `yesterday`) are not figures by default (as
//! in IEER); [`FigureExtractor::relative_periods`] turns them on.
//!
//! # Example
//! ```
//! use gazette_types::{Article, FigureKind, FigureValue};
//!
//! let mut article = Article::new("a", "", "NATO countries spent more than one trillion dollars, \
//!     and Washington has 1,389 nuclear warheads deployed and Moscow 1,458.");
//! article.published = Some("2021-10-31".into());
//! let figures = gazette_extract::figures::extract(&article);
//! assert_eq!(figures[0].text, "one trillion dollars");
//! assert_eq!(figures[0].qualifier.as_deref(), Some("more than"));
//! assert_eq!(figures[0].value, Some(FigureValue::Number(1e12)));
//! assert_eq!(figures[1].object.as_deref(), Some("nuclear warheads"));
//! assert_eq!(figures[2].text, "1,458");
//! assert_eq!(figures[2].kind, FigureKind::Count);
//! assert_eq!(figures[2].actor.as_deref(), Some("Moscow"));
//! ```

use gazette_types::{Article, Figure, FigureKind, FigureValue, Quote, Span};

mod conflicts;
mod context;
mod dates;
pub(crate) mod lexicon;
mod parse;
mod scan;

pub use conflicts::{Citation, Conflict, ConflictOptions, conflicts, conflicts_with};

/// Finds the figures of articles. `FigureExtractor::default()` follows the IEER
/// conventions described in the module docs.
#[derive(Debug, Clone, Copy, Default)]
pub struct FigureExtractor {
    relative_periods: bool,
}

impl FigureExtractor {
    /// Makes an extractor with the default settings.
    pub fn new() -> FigureExtractor {
        FigureExtractor::default()
    }

    /// When `yes`, relative periods (`last week`, `this year`, `next month`, `yesterday`,
    /// `today`, `tomorrow`) are reported as dates, resolved against the publication date
    /// (`last week` → ISO week `2021-W42`, `last year` → `2020`).
    pub fn relative_periods(mut self, yes: bool) -> FigureExtractor {
        self.relative_periods = yes;
        self
    }

    /// Returns the figures of `article` in text order. Spans are byte offsets into
    /// `article.text`; `&article.text[f.start..f.end] == f.text` always holds. Never panics.
    pub fn extract(&self, article: &Article) -> Vec<Figure> {
        extract_text(
            &article.id,
            &article.text,
            article.published.as_deref(),
            *self,
        )
    }
}

impl FigureExtractor {
    /// Like [`FigureExtractor::extract`], with each figure's actor resolved against the
    /// article's named actors and attributed statements: the speaker of a statement that
    /// contains the figure; else the actor named by the figure's own attribution (`Police
    /// said 450 …`, `… and Moscow 1,458`) mapped to its canonical name; else the speaker of
    /// a statement made in the same sentence; else the last person or organisation named
    /// before the figure in its sentence; else the name found by the figure's own
    /// attribution cue, as written.
    pub fn extract_with_actors(
        &self,
        article: &Article,
        actors: &crate::actors::ArticleActors,
        quotes: &[Quote],
    ) -> Vec<Figure> {
        let mut figures = self.extract(article);
        attribute(&mut figures, &article.text, actors, quotes);
        figures
    }
}

fn attribute(
    figures: &mut [Figure],
    text: &str,
    actors: &crate::actors::ArticleActors,
    quotes: &[Quote],
) {
    let toks = scan::scan(text);
    let sent = scan::sentences(&toks);
    // Byte ranges of sentences.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if i == 0 || sent[i] != sent[i - 1] {
            ranges.push((t.start, t.end));
        } else if let Some(last) = ranges.last_mut() {
            last.1 = t.end;
        }
    }
    for f in figures.iter_mut() {
        if matches!(
            f.kind,
            FigureKind::Date | FigureKind::Time | FigureKind::Ordinal
        ) {
            continue;
        }
        if let Some(q) = quotes
            .iter()
            .find(|q| q.speaker.is_some() && q.start <= f.start && f.end <= q.end)
        {
            f.actor = q.speaker.clone();
            continue;
        }
        let k = ranges.partition_point(|r| r.0 <= f.start);
        let Some(&(s0, s1)) = k.checked_sub(1).and_then(|k| ranges.get(k)) else {
            continue;
        };
        let mentions: Vec<&crate::actors::ActorMention> = actors
            .mentions_in(Span::new(s0, s1))
            .filter(|m| m.kind != gazette_types::EntityType::MISC)
            .collect();
        if let Some(h) = f.actor.as_deref()
            && let Some(m) = mentions
                .iter()
                .find(|m| h == m.text || h.contains(m.text.as_str()) || m.text.contains(h))
        {
            f.actor = Some(m.name.clone());
            continue;
        }
        if let Some(q) = quotes
            .iter()
            .find(|q| q.speaker.is_some() && q.speaker_start.is_some_and(|s| s >= s0 && s < s1))
        {
            f.actor = q.speaker.clone();
            continue;
        }
        if let Some(m) = mentions
            .iter()
            .rev()
            .find(|m| m.span.end <= f.start && m.kind != gazette_types::EntityType::LOC)
        {
            f.actor = Some(m.name.clone());
        }
    }
}

/// Returns the figures of `article` with the default settings (see [`FigureExtractor`]).
pub fn extract(article: &Article) -> Vec<Figure> {
    FigureExtractor::default().extract(article)
}

fn extract_text(id: &str, text: &str, published: Option<&str>, x: FigureExtractor) -> Vec<Figure> {
    let toks = scan::scan(text);
    let sent = scan::sentences(&toks);
    let published = published.and_then(dates::Published::parse);
    let opts = parse::Opts {
        relative_periods: x.relative_periods,
    };
    let raws = parse::Parser::new(&toks, &sent, published, opts).run();
    let ctx = context::Ctx::new(&toks, &sent);
    let mut out: Vec<Figure> = Vec::with_capacity(raws.len());
    // index into `out` of the last count with an object, per sentence (elliptical objects)
    let mut last_counted: Option<(u32, usize)> = None;
    for r in raws {
        if r.e <= r.s || r.e > toks.len() {
            continue;
        }
        let start = toks[r.s].start;
        let end = toks[r.e - 1].end;
        let numeric = matches!(
            r.kind,
            FigureKind::Money
                | FigureKind::Percent
                | FigureKind::Count
                | FigureKind::Number
                | FigureKind::Quantity
                | FigureKind::Duration
        );
        let qualifier = if numeric {
            ctx.qualifier(r.s).map(|(q, _)| q)
        } else {
            None
        };
        let mut kind = r.kind;
        let mut object = None;
        if matches!(
            kind,
            FigureKind::Number | FigureKind::Count | FigureKind::Percent | FigureKind::Money
        ) {
            let after_of = matches!(kind, FigureKind::Percent | FigureKind::Number) || r.vague;
            object = ctx.object(r.e, after_of);
            if kind == FigureKind::Money && ctx.lower.get(r.e).is_some_and(|w| w == "of") {
                object = None;
            }
        }
        // "one of the ...": a numeral (IEER tags it), but it counts nothing; never a count.
        let one_of = kind == FigureKind::Number
            && text[start..end].eq_ignore_ascii_case("one")
            && ctx.lower.get(r.e).is_some_and(|w| w == "of");
        if one_of {
            object = None;
        }
        if kind == FigureKind::Number && !one_of {
            if object.is_some() {
                kind = FigureKind::Count;
            } else if let Some((sid, idx)) = last_counted
                && sid == sent[r.s]
                && r.s > 0
                && toks[r.s - 1].is_cap()
            {
                // "Washington has 1,389 nuclear warheads and Moscow 1,458"
                object = out[idx].object.clone();
                kind = FigureKind::Count;
            }
        }
        let actor = if matches!(
            kind,
            FigureKind::Date | FigureKind::Time | FigureKind::Ordinal
        ) {
            None
        } else {
            ctx.actor(r.s)
        };
        if kind == FigureKind::Count && object.is_some() {
            last_counted = Some((sent[r.s], out.len()));
        }
        out.push(Figure {
            article: id.to_string(),
            text: text[start..end].to_string(),
            start,
            end,
            kind,
            value: r
                .value
                .filter(|v| !matches!(v, FigureValue::Number(x) if !x.is_finite())),
            unit: r.unit,
            qualifier,
            object,
            actor,
        });
    }
    out
}

#[cfg(test)]
mod tests;
