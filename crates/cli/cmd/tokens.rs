//! `gazette tokens`: sentences and tokens of each article with byte offsets, for inspecting
//! what every other command counts and extracts.

use std::process::ExitCode;

use gazette_tokenize::{TokenKind, Tokenizer, stopwords::StopWords};
use rayon::prelude::*;
use serde::Serialize;

use crate::args::GlobalArgs;
use crate::corpus::{self, CorpusArgs};
use crate::output::{OutputArgs, write_records};

/// Arguments of `gazette tokens`.
///
/// Prints one row per token: the article id, the sentence index in the article (from 0), the
/// normalised token, the text as written, its kind and its byte offsets into the article text.
/// With `--sentences`, one row per sentence instead.
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) corpus: CorpusArgs,
    /// Print one row per sentence (offsets, token count, text) instead of one per token.
    #[arg(long)]
    pub(crate) sentences: bool,
    /// Only tokens of these kinds (comma-separated: word, number, punct, symbol, url, email,
    /// hashtag, mention).
    #[arg(long, value_delimiter = ',', value_enum, value_name = "KIND")]
    pub(crate) kind: Vec<Kind>,
    /// Leave out stop words (the built-in English list).
    #[arg(long)]
    pub(crate) no_stopwords: bool,
    /// Keep letter case instead of folding to lower case.
    #[arg(long)]
    pub(crate) keep_case: bool,
    /// Reduce words to their Snowball (English) stem.
    #[arg(long)]
    pub(crate) stem: bool,
    /// Keep `'s` attached (`russia's`) instead of a token of its own (`russia` + `'s`).
    #[arg(long)]
    pub(crate) keep_possessives: bool,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

/// Token kinds as typed on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Words, including abbreviations and hyphenated compounds.
    Word,
    /// Numbers, money and percentages.
    Number,
    /// Punctuation.
    Punct,
    /// Other symbols.
    Symbol,
    /// Web addresses.
    Url,
    /// E-mail addresses.
    Email,
    /// Hashtags.
    Hashtag,
    /// @-mentions.
    Mention,
}

impl Kind {
    fn token_kind(self) -> TokenKind {
        match self {
            Kind::Word => TokenKind::Word,
            Kind::Number => TokenKind::Number,
            Kind::Punct => TokenKind::Punct,
            Kind::Symbol => TokenKind::Symbol,
            Kind::Url => TokenKind::Url,
            Kind::Email => TokenKind::Email,
            Kind::Hashtag => TokenKind::Hashtag,
            Kind::Mention => TokenKind::Mention,
        }
    }
}

/// One token row.
#[derive(Serialize)]
struct TokenRow<'a> {
    article: &'a str,
    sentence: usize,
    token: String,
    text: &'a str,
    kind: TokenKind,
    start: usize,
    end: usize,
}

/// One sentence row.
#[derive(Serialize)]
struct SentenceRow<'a> {
    article: &'a str,
    sentence: usize,
    start: usize,
    end: usize,
    tokens: usize,
    text: &'a str,
}

pub(crate) fn run(args: Args, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let loaded = corpus::load(&args.corpus, global)?;
    let tokenizer = Tokenizer::builder()
        .lowercase(!args.keep_case)
        .stem(args.stem)
        .split_possessives(!args.keep_possessives)
        .build();
    let kinds: Vec<TokenKind> = args.kind.iter().map(|k| k.token_kind()).collect();
    let stopwords = args.no_stopwords.then(StopWords::new);
    if args.sentences {
        let rows: Vec<SentenceRow<'_>> = loaded
            .articles
            .par_iter()
            .map(|a| {
                tokenizer
                    .sentences(&a.text)
                    .into_iter()
                    .enumerate()
                    .map(|(i, s)| SentenceRow {
                        article: &a.id,
                        sentence: i,
                        start: s.span.start,
                        end: s.span.end,
                        tokens: s.tokens.len(),
                        text: s.span.slice(&a.text),
                    })
                    .collect::<Vec<_>>()
            })
            .flatten_iter()
            .collect();
        write_records(&rows, &args.output)?;
    } else {
        let keep = |kind: TokenKind, text: &str| {
            (kinds.is_empty() || kinds.contains(&kind))
                && !stopwords.as_ref().is_some_and(|s| s.contains(text))
        };
        let rows: Vec<TokenRow<'_>> = loaded
            .articles
            .par_iter()
            .map(|a| {
                let mut rows = Vec::new();
                for (i, s) in tokenizer.sentences(&a.text).into_iter().enumerate() {
                    for t in s.tokens {
                        if keep(t.kind, &t.text) {
                            rows.push(TokenRow {
                                article: &a.id,
                                sentence: i,
                                text: t.span.slice(&a.text),
                                token: t.text,
                                kind: t.kind,
                                start: t.span.start,
                                end: t.span.end,
                            });
                        }
                    }
                }
                rows
            })
            .flatten_iter()
            .collect();
        write_records(&rows, &args.output)?;
    }
    Ok(loaded.exit_code())
}
