//! Sentence boundaries over the raw token stream.
//!
//! A sentence ends:
//! * at a blank line (a paragraph break), always;
//! * after `.`, `!`, `?`, `…` (and runs such as `?!` or `...`), together with any closing
//!   quotes and brackets written right after it (`."`, `.)`, `?’`), when white space follows
//!   and the next token does not start with a lower-case letter or continue the clause
//!   (`,` `;` `:` or a dash): `"Why?" he asked` stays one sentence;
//! * after an abbreviation, initialism or initial that ends with a period (`U.S.`, `etc.`,
//!   `W.`) only when the next word is a capitalised function word (`The`, `It`, `In` ...), the
//!   kind of word that starts sentences but not names: `the U.S. Congress` and
//!   `George W. Bush` stay whole, `in the U.S. The next day` splits. After abbreviations
//!   that often end sentences or precede numbers (`Inc.`, `etc.`, `Dec.`) any capitalised word
//!   starts a new sentence (`MCI Inc. Former ...`, but `Dec. 5`). Titles (`Mr.`, `Gen.`)
//!   never end a sentence.
//!
//! Numbers keep their periods (`3.5`, `1,389.50`), so they never end a sentence either.

use std::ops::Range;

use gazette_types::TokenKind;

use crate::lexicon;
use crate::scanner::RawToken;
use crate::stopwords;

/// Splits `tokens` (scanned from `text`) into sentences, as ranges of token indices.
pub(crate) fn split(text: &str, tokens: &[RawToken]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut first = 0;
    let mut i = 0;
    let n = tokens.len();
    while i < n {
        let t = tokens[i];
        let mut last = i;
        let terminator = t.kind == TokenKind::Punct && is_terminator(&text[t.start..t.end]);
        let mut brk = false;
        if terminator || t.abbrev {
            let mut closed = false;
            while last + 1 < n
                && tokens[last + 1].start == tokens[last].end
                && is_closer(&text[tokens[last + 1].start..tokens[last + 1].end])
            {
                last += 1;
                closed = true;
            }
            if let Some(next) = tokens.get(last + 1) {
                let spaced = next.start > tokens[last].end;
                let next_text = &text[next.start..next.end];
                brk = spaced
                    && if terminator || closed {
                        !continues_sentence(next_text)
                    } else {
                        let word = &text[t.start..t.end - 1];
                        if lexicon::is_title(word) {
                            false
                        } else if lexicon::ends_sentences(word) {
                            next.kind == TokenKind::Word
                                && !next.abbrev
                                && next_text.starts_with(char::is_uppercase)
                        } else {
                            starts_sentence(next, next_text)
                        }
                    };
            }
        }
        if !brk && let Some(next) = tokens.get(last + 1) {
            brk = paragraph_break(&text[tokens[last].end..next.start]);
        }
        if brk || last + 1 == n {
            out.push(first..last + 1);
            first = last + 1;
        }
        i = last + 1;
    }
    out
}

/// Returns true if and only if the punctuation token ends a sentence.
fn is_terminator(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c, '.' | '!' | '?' | '…' | '‽' | '。' | '！' | '？'))
}

/// Closing quotes and brackets that stay with the sentence they close.
fn is_closer(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "”" | "’" | "»" | "›" | ")" | "]" | "}" | "」" | "』" | "）"
    )
}

/// True when a token right after a terminator continues the sentence.
fn continues_sentence(next: &str) -> bool {
    match next.chars().next() {
        Some(c) if c.is_lowercase() => true,
        Some(',' | ';' | ':' | '—' | '–' | '-') => true,
        _ => false,
    }
}

/// True when `next` is a capitalised function word (`The`, `It`, `But`), not a name.
fn starts_sentence(next: &RawToken, next_text: &str) -> bool {
    if next.kind != TokenKind::Word || next.abbrev {
        return false;
    }
    let mut chars = next_text.chars();
    if !chars.next().is_some_and(char::is_uppercase) || chars.any(char::is_uppercase) {
        return false;
    }
    let lower = next_text.to_lowercase();
    stopwords::is_stopword(&lower)
}

/// True when the white space between two tokens holds a blank line.
fn paragraph_break(gap: &str) -> bool {
    gap.len() >= 2 && (gap.bytes().filter(|&b| b == b'\n').count() >= 2 || gap.contains('\u{2029}'))
}
