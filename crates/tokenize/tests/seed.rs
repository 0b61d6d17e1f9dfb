//! The tokenizer on the seed article (`data/fixtures/tokenize/`), with the tricky parts
//! asserted token by token and the sentence count checked by hand.

use gazette_tokenize::{Span, Token, TokenKind, Tokenizer, sentence_spans};

const SEED: &str = include_str!("../../../data/fixtures/tokenize/nato-mission-2021-10-31.txt");

/// The seed body cleaned the way ingestion cleans it: the three paragraphs that a page break
/// split are rejoined, Markdown escapes and emphasis undone, title, byline and footer left out.
fn seed_body() -> String {
    let start = SEED.find("In a sign of worsening").unwrap();
    let end = SEED.find("American imperialism.").unwrap() + "American imperialism.".len();
    SEED[start..end]
        .replace("Nuland for\n\ndiscussions", "Nuland for discussions")
        .replace("commitment to\n\nUkraine", "commitment to Ukraine")
        .replace("Chiefs of\n\nStaff", "Chiefs of Staff")
        .replace("\\$", "$")
        .replace('*', "")
}

/// (raw text, normalised text, kind) of the tokens whose span starts at `needle`'s first
/// occurrence, `n` of them; panics with all tokens around when the needle is missing.
fn tokens_at(
    text: &str,
    tokens: &[Token],
    needle: &str,
    n: usize,
) -> Vec<(String, String, TokenKind)> {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let i = tokens
        .iter()
        .position(|t| t.span.start == at)
        .unwrap_or_else(|| panic!("no token starts at {needle:?}"));
    tokens[i..i + n]
        .iter()
        .map(|t| (t.span.slice(text).to_string(), t.text.clone(), t.kind))
        .collect()
}

fn toks(expected: &[(&str, &str, TokenKind)]) -> Vec<(String, String, TokenKind)> {
    expected
        .iter()
        .map(|(r, t, k)| (r.to_string(), t.to_string(), *k))
        .collect()
}

use TokenKind::{Number, Punct, Url, Word};

#[test]
fn seed_tricky_tokens_are_exact() {
    let body = seed_body();
    let t = Tokenizer::default();
    let tokens = t.tokenize(&body);

    assert_eq!(
        tokens_at(&body, &tokens, "the U.S. defense", 3),
        toks(&[
            ("the", "the", Word),
            ("U.S.", "u.s.", Word),
            ("defense", "defense", Word)
        ])
    );
    assert_eq!(
        tokens_at(&body, &tokens, "Annegret Kramp-Karrenbauer,", 3),
        toks(&[
            ("Annegret", "annegret", Word),
            ("Kramp-Karrenbauer", "kramp-karrenbauer", Word),
            (",", ",", Punct),
        ])
    );
    assert_eq!(
        tokens_at(&body, &tokens, "1,389 nuclear", 2),
        toks(&[("1,389", "1,389", Number), ("nuclear", "nuclear", Word)])
    );
    assert_eq!(
        tokens_at(&body, &tokens, "1,458.", 2),
        toks(&[("1,458", "1,458", Number), (".", ".", Punct)])
    );
    assert_eq!(
        tokens_at(&body, &tokens, "$5 billion", 2),
        toks(&[("$5", "$5", Number), ("billion", "billion", Word)])
    );
    assert_eq!(
        tokens_at(
            &body,
            &tokens,
            "exercises—Zapad-2021 (West-2021)—through",
            8
        ),
        toks(&[
            ("exercises", "exercises", Word),
            ("—", "—", Punct),
            ("Zapad-2021", "zapad-2021", Word),
            ("(", "(", Punct),
            ("West-2021", "west-2021", Word),
            (")", ")", Punct),
            ("—", "—", Punct),
            ("through", "through", Word),
        ])
    );
    assert_eq!(
        tokens_at(&body, &tokens, "\"equitable dialogue and joint work.\"", 7),
        toks(&[
            ("\"", "\"", Punct),
            ("equitable", "equitable", Word),
            ("dialogue", "dialogue", Word),
            ("and", "and", Word),
            ("joint", "joint", Word),
            ("work", "work", Word),
            (".", ".", Punct),
        ])
    );
    assert_eq!(
        tokens_at(&body, &tokens, "Russia's diplomatic", 3),
        toks(&[
            ("Russia", "russia", Word),
            ("'s", "'s", Word),
            ("diplomatic", "diplomatic", Word)
        ])
    );
    assert_eq!(
        tokens_at(&body, &tokens, "decades-long diplomatic", 1),
        toks(&[("decades-long", "decades-long", Word)])
    );
    assert_eq!(
        tokens_at(&body, &tokens, "COVID-19,", 2),
        toks(&[("COVID-19", "covid-19", Word), (",", ",", Punct)])
    );
    assert_eq!(
        tokens_at(&body, &tokens, "US-Russia NEW START", 3),
        toks(&[
            ("US-Russia", "us-russia", Word),
            ("NEW", "new", Word),
            ("START", "start", Word)
        ])
    );
    // No token of the body is empty, holds white space, or is unknown to the kinds above.
    assert!(
        tokens
            .iter()
            .all(|t| !t.text.is_empty() && !t.span.slice(&body).contains(char::is_whitespace))
    );
    assert_eq!(tokens.iter().filter(|t| t.kind == Url).count(), 0);
}

#[test]
fn seed_footer_link_is_two_addresses() {
    let t = Tokenizer::default();
    let tokens = t.tokenize(SEED);
    let urls: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == Url)
        .map(|t| t.span.slice(SEED))
        .collect();
    assert_eq!(urls, ["wsws.org/contact", "https://www.wsws.org/contact"]);
}

#[test]
fn seed_body_has_40_sentences() {
    // Counted by hand: the 17 body paragraphs hold 2+3+1+3+2+2+3+2+2+4+2+3+1+2+3+2+3 = 40
    // sentences once the three split paragraphs are rejoined.
    let body = seed_body();
    let t = Tokenizer::default();
    let sentences = t.sentences(&body);
    let texts: Vec<&str> = sentences.iter().map(|s| s.span.slice(&body)).collect();
    assert_eq!(texts.len(), 40, "{texts:#?}");
    assert_eq!(
        texts[2],
        "In explaining his country's actions, which are taking effect on Monday, November 1, \
         Russian Foreign Minister Sergei Lavrov said that NATO is uninterested in an \
         \"equitable dialogue and joint work.\""
    );
    assert_eq!(
        texts[5],
        "Speaking to the newspaper outlet Kommersant on October 18 about the latest \
         developments, Andrei Kortunov, general director of the Russian Council on \
         International Affairs, a Moscow think tank, described his country's \"partnership \
         with NATO\" as \"exhausted.\""
    );
    assert!(
        texts[32].starts_with("\"If the Biden administration"),
        "{}",
        texts[32]
    );
    assert!(texts[32].ends_with("they wrote."), "{}", texts[32]);
    assert_eq!(
        texts[39],
        "The governments of Russia and China—one whose wealth comes from feeding off the carcass of the Soviet Union and the other which survives by having made Chinese workers the globe's cheap labor platform—cannot stop, much less defend anyone against the violent eruption of American imperialism."
    );
    let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
    assert_eq!(sentence_spans(&body), spans);
}

#[test]
fn seed_raw_file_breaks_at_blank_lines() {
    // Raw, the file also has a title, a byline and date (one line break apart: one piece),
    // a two-line footer, and the three paragraphs cut by blank lines: 40 + 3 + 1 + 1 + 2.
    let spans = sentence_spans(SEED);
    assert_eq!(spans.len(), 47);
    assert_eq!(
        spans[0].slice(SEED),
        "Moscow ends decades-long NATO diplomatic mission, as alliance continues anti-Russian provocations"
    );
    assert_eq!(spans[1].slice(SEED), "Andrea Peters\n31 October 2021");
    let cut = spans
        .iter()
        .position(|s| s.slice(SEED).ends_with("Victoria Nuland for"))
        .unwrap();
    assert!(spans[cut + 1].slice(SEED).starts_with("discussions with"));
}
