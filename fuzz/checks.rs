//! What every fuzz target runs: the public entry points of a library crate on one input, and
//! the invariants their answers must keep (spans in bounds, on char boundaries, slicing back
//! to the reported text), so a fuzzer finds wrong answers as well as panics.
//!
//! Shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and the replay test
//! (`tests/fuzz_replay.rs`), which feeds every committed corpus and artifact file through
//! [`run`] on stable Rust.

use std::collections::HashSet;
use std::sync::LazyLock;

use gazette_extract::actors::{ActorExtractor, Field};
use gazette_extract::figures::FigureExtractor;
use gazette_ingest::{Corpus, Ingested};
use gazette_tokenize::{Tokenizer, sentence_spans};
use gazette_types::{Actor, Article, EntityType, FigureValue, Mention, Quote, Span, TokenKind};

/// The fuzz targets, each a folder under `fuzz/corpus/` and a binary in `fuzz/fuzz_targets/`.
#[allow(dead_code)] // the replay test walks them; each fuzz target runs just one
pub(crate) const TARGETS: &[&str] = &[
    "tokenize",
    "figures",
    "quotes",
    "actors",
    "ingest_text",
    "ingest_jsonl",
    "ingest_json",
    "ingest_csv",
    "ingest_html",
    "ingest_sniff",
];

/// Runs `target` on `data`; panics when an invariant fails.
pub(crate) fn run(target: &str, data: &[u8]) {
    match target {
        "tokenize" => tokenize(&String::from_utf8_lossy(data)),
        "figures" => figures(&String::from_utf8_lossy(data)),
        "quotes" => quotes(&String::from_utf8_lossy(data)),
        "actors" => actors(&String::from_utf8_lossy(data)),
        "ingest_text" => {
            ingest("input.txt", data);
            ingest("input.md", data);
        }
        "ingest_jsonl" => ingest("input.jsonl", data),
        "ingest_json" => ingest("input.json", data),
        "ingest_csv" => {
            ingest("input.csv", data);
            ingest("input.tsv", data);
        }
        "ingest_html" => ingest("input.html", data),
        "ingest_sniff" => ingest("input", data),
        other => panic!("unknown fuzz target {other}"),
    }
}

/// Asserts that `start..end` is a non-inverted range of `text` on char boundaries.
fn check_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: {start}..{end} out of bounds (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} not on char boundaries"
    );
}

fn check_span(text: &str, span: Span, what: &str) {
    check_range(text, span.start, span.end, what);
}

/// The tokenizer: tokens and sentences point back into the text, in order, without overlap,
/// and normalisation settings never move spans.
fn tokenize(text: &str) {
    let tokenizer = Tokenizer::default();
    let tokens = tokenizer.tokenize(text);
    let mut prev_end = 0;
    for t in &tokens {
        check_span(text, t.span, "token");
        assert!(t.span.start < t.span.end, "empty token at {}", t.span.start);
        assert!(
            t.span.start >= prev_end,
            "token {:?} overlaps the one before",
            t.span
        );
        prev_end = t.span.end;
    }
    let spans: Vec<(Span, TokenKind)> = tokenizer.token_spans(text).collect();
    let from_tokens: Vec<(Span, TokenKind)> = tokens.iter().map(|t| (t.span, t.kind)).collect();
    assert_eq!(spans, from_tokens, "token_spans disagrees with tokenize");

    let other = Tokenizer::builder()
        .lowercase(false)
        .nfkc(false)
        .unify_apostrophes(false)
        .stem(true)
        .build();
    let other_spans: Vec<Span> = other.tokenize(text).iter().map(|t| t.span).collect();
    let spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
    assert_eq!(other_spans, spans, "normalisation settings moved spans");
    let _ = Tokenizer::builder()
        .split_possessives(false)
        .build()
        .terms(text);

    let sentences = tokenizer.sentences(text);
    let mut prev_end = 0;
    let mut in_sentences = Vec::new();
    for s in &sentences {
        check_span(text, s.span, "sentence");
        assert!(s.span.start >= prev_end, "sentence {:?} overlaps", s.span);
        prev_end = s.span.end;
        for t in &s.tokens {
            assert!(
                t.span.start >= s.span.start && t.span.end <= s.span.end,
                "token {:?} outside its sentence {:?}",
                t.span,
                s.span
            );
            in_sentences.push(t.span);
        }
    }
    assert_eq!(in_sentences, spans, "sentences lose or add tokens");
    let mut prev_end = 0;
    for s in sentence_spans(text) {
        check_span(text, s, "sentence_spans");
        assert!(s.start >= prev_end, "sentence_spans {s:?} overlaps");
        prev_end = s.end;
    }
}

fn article(text: &str) -> Article {
    let mut article = Article::new("fuzz", "", text);
    article.published = Some("2021-10-31".into());
    article
}

/// The figure parser: every figure slices back to its text, in text order.
fn figures(text: &str) {
    let article = article(text);
    for extractor in [
        FigureExtractor::new(),
        FigureExtractor::new().relative_periods(true),
    ] {
        let figures = extractor.extract(&article);
        let mut prev_start = 0;
        for f in &figures {
            check_range(text, f.start, f.end, "figure");
            assert_eq!(&text[f.start..f.end], f.text, "figure text");
            assert!(f.start >= prev_start, "figures out of text order");
            if let Some(FigureValue::Number(v)) = f.value {
                assert!(v.is_finite(), "figure {:?} has value {v}", f.text);
            }
            prev_start = f.start;
        }
    }
}

/// Checks quotes against the text they were found in.
fn check_quotes(text: &str, quotes: &[Quote]) {
    let mut prev_start = 0;
    for q in quotes {
        check_range(text, q.start, q.end, "quote");
        assert!(q.start >= prev_start, "quotes out of text order");
        prev_start = q.start;
        assert_eq!(&text[q.start..q.end], q.text, "quote text");
        match (q.speaker_start, q.speaker_end, &q.speaker_text) {
            (Some(s), Some(e), Some(t)) => {
                check_range(text, s, e, "speaker");
                assert_eq!(&text[s..e], t, "speaker text");
            }
            (None, None, None) => {}
            other => panic!("speaker offsets and text disagree: {other:?}"),
        }
        match (q.cue_start, q.cue_end, &q.cue) {
            (Some(s), Some(e), Some(t)) => {
                check_range(text, s, e, "cue");
                assert_eq!(&text[s..e], t, "cue text");
            }
            (None, None, None) => {}
            other => panic!("cue offsets and text disagree: {other:?}"),
        }
    }
}

/// The quote finder, with names proposed from the text, with every capitalised token as a
/// speaker, and with a mention whose offsets do not fit the text (to be ignored).
fn quotes(text: &str) {
    let article = article(text);
    check_quotes(
        text,
        &gazette_extract::quotes::extract_with_fallback(&article),
    );

    let mut mentions: Vec<Mention> = Tokenizer::default()
        .token_spans(text)
        .filter(|(s, _)| s.slice(text).starts_with(char::is_uppercase))
        .map(|(s, _)| Mention {
            text: s.slice(text).to_string(),
            start: s.start,
            end: s.end,
        })
        .collect();
    let len = text.len();
    mentions.push(Mention {
        text: "bogus".into(),
        start: len / 2 + 1,
        end: len + 3,
    });
    let actors: Vec<Actor> = mentions
        .chunks(3)
        .map(|m| Actor {
            article: "fuzz".into(),
            name: m[0].text.clone(),
            kind: EntityType::PER,
            aliases: Vec::new(),
            role: None,
            mentions: m.to_vec(),
        })
        .collect();
    check_quotes(text, &gazette_extract::quotes::extract(&article, &actors));
}

static ACTORS: LazyLock<ActorExtractor> = LazyLock::new(ActorExtractor::new);

/// The actor extractor (title is the first line when it is short), and quotes found with its
/// actors.
fn actors(input: &str) {
    let (title, body) = match input.split_once('\n') {
        Some((t, b)) if t.len() <= 200 => (t, b),
        _ => ("", input),
    };
    let mut article = article(body);
    article.title = title.to_string();
    let found = ACTORS.extract(&article);
    let field_text = |f: Field| match f {
        Field::Title => title,
        Field::Body => body,
    };
    for s in &found.sentences {
        check_span(field_text(s.field), s.span, "actor sentence");
    }
    for m in &found.mentions {
        let text = field_text(m.field);
        check_span(text, m.span, "mention");
        assert_eq!(m.span.slice(text), m.text, "mention text");
        check_span(text, m.phrase, "mention phrase");
        assert!(
            m.phrase.start <= m.span.start && m.span.end <= m.phrase.end,
            "mention {:?} outside its phrase {:?}",
            m.span,
            m.phrase
        );
        assert!(m.actor < found.actors.len(), "mention of a missing actor");
        assert!(
            m.sentence < found.sentences.len(),
            "mention in a missing sentence"
        );
    }
    let longest = title.len().max(body.len());
    for a in &found.actors {
        for m in &a.mentions {
            assert!(m.start <= m.end && m.end <= longest, "actor mention {m:?}");
        }
    }
    check_quotes(
        body,
        &gazette_extract::quotes::extract_with_actors(&article, &found),
    );
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(Corpus::default);

/// A reader: accounts for the input in the manifest, yields only non-empty articles with
/// distinct ids, and counts them right.
fn ingest(name: &str, data: &[u8]) {
    let Ingested { articles, manifest } = CORPUS.read_bytes(name, data);
    assert!(!manifest.entries.is_empty(), "input not in the manifest");
    let mut ids = HashSet::new();
    for a in &articles {
        assert!(!a.text.trim().is_empty(), "empty article {}", a.id);
        assert!(ids.insert(a.id.as_str()), "duplicate id {}", a.id);
        if let Some(date) = &a.published {
            assert!(
                is_iso_date(date),
                "published {date:?} is not an ISO 8601 date"
            );
        }
    }
    assert_eq!(
        manifest.summary().articles,
        articles.len(),
        "manifest counts {:?}",
        manifest.entries
    );
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let num = |r: std::ops::Range<usize>| date[r].parse::<u32>().unwrap_or(0);
    match b.len() {
        4 => digits(0..4),
        7 | 10 if digits(0..4) && b[4] == b'-' && digits(5..7) => {
            let month = num(5..7);
            if !(1..=12).contains(&month) {
                return false;
            }
            b.len() == 7 || (b[7] == b'-' && digits(8..10) && (1..=31).contains(&num(8..10)))
        }
        _ => false,
    }
}
