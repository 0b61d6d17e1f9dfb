//! Invariants of tokens and sentences on arbitrary text.

use gazette_tokenize::{Tokenizer, sentence_spans};
use proptest::prelude::*;

/// Text made of the characters news tokenisation gets wrong: letters, digits, periods,
/// apostrophes and quotes of both kinds, currency, dashes, `@`, `#`, `/`, `:`, white space
/// and line breaks, accents and a few odd code points.
fn newsy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(vec![
                "a", "S", "s", "U", "x", "é", "ß", "İ", "ﬁ", "1", "0", "5", ".", ",", "'", "’", "‘",
                "\"", "“", "”", "$", "£", "%", "-", "—", "–", "@", "#", "/", ":", "(", ")", "[",
                "]", " ", " ", "\n", "\n\n", "\t", "…", "!", "?", "_", "+", "\u{301}", "\u{200d}",
                "\u{feff}", "¼", "²", "Ⅻ", "ｆ", "😀",
            ])
            .prop_map(str::to_string),
            1 => proptest::sample::select(vec![
                "Mr.", "U.S.", "e.g.", "Gen.", "No. 5", "J. R. R.", "http://x.org/a(b)", "www.",
                "wsws.org", "a@b.co", "3.5%", "1,389", "£1.2bn", "Russia's", "it’s", "don't",
                "Kramp-Karrenbauer", "#tag", "@nato", ".\" The", "etc. The",
            ])
            .prop_map(str::to_string),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

fn check(text: &str, tokenizer: &Tokenizer, default: bool) -> Result<(), TestCaseError> {
    let tokens = tokenizer.tokenize(text);
    let mut prev_end = 0;
    for t in &tokens {
        prop_assert!(t.span.start < t.span.end, "empty span {:?}", t);
        prop_assert!(t.span.start >= prev_end, "overlap at {:?}", t);
        prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        let raw = t.span.slice(text);
        prop_assert!(
            !raw.contains(char::is_whitespace),
            "white space in {:?}",
            raw
        );
        prop_assert_eq!(&tokenizer.normalize(raw), &t.text);
        prop_assert!(!t.text.is_empty());
        prev_end = t.span.end;
    }
    // Sentences partition the tokens, in order.
    let sentences = tokenizer.sentences(text);
    let flat: Vec<_> = sentences
        .iter()
        .flat_map(|s| s.tokens.iter().cloned())
        .collect();
    prop_assert_eq!(&flat, &tokens);
    let mut prev_end = 0;
    for s in &sentences {
        prop_assert!(!s.tokens.is_empty());
        prop_assert!(s.span.start >= prev_end && s.span.start < s.span.end);
        prop_assert_eq!(s.span.start, s.tokens[0].span.start);
        prop_assert_eq!(s.span.end, s.tokens[s.tokens.len() - 1].span.end);
        prev_end = s.span.end;
    }
    if default {
        let spans: Vec<_> = sentences.iter().map(|s| s.span).collect();
        prop_assert_eq!(sentence_spans(text), spans);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_on_newsy_text(text in newsy()) {
        check(&text, &Tokenizer::default(), true)?;
        check(&text, &Tokenizer::builder().lowercase(false).split_possessives(false).stem(true).build(), false)?;
    }

    #[test]
    fn invariants_hold_on_any_string(text in any::<String>()) {
        check(&text, &Tokenizer::default(), true)?;
    }
}
