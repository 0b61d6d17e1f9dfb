//! Splitting raw article text into sentences and CoNLL-style tokens with byte spans.
//!
//! The tagger was trained on CoNLL-2003 tokenisation: punctuation split off, possessive `'s`
//! a token of its own, abbreviations (`U.S.`, `Mr.`, `Corp.`) and hyphenated words kept
//! whole. This splitter reproduces that. It sits behind [`sentences`] so it can be swapped
//! for `gazette-tokenize` once that offers the same granularity.

use gazette_types::Span;

/// One sentence: its span and the spans of its tokens, all byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Token spans in text order.
    pub tokens: Vec<Span>,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "maj", "adm", "gov", "sen",
    "rep", "rev", "fr", "st", "mt", "ft", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "bros",
    "no", "nos", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "approx", "dept", "est", "fig",
    "hon", "messrs", "mme", "mlle", "pres", "supt", "univ", "ave", "blvd", "rd", "etc", "al", "cf",
    "e.g", "i.e",
];

/// Abbreviations after which a period never ends a sentence (titles, honorifics).
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "maj", "adm", "gov", "sen",
    "rep", "rev", "fr", "st", "mt", "no", "nos", "vs", "hon", "messrs", "mme", "supt", "pres",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036f}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

/// Splits `text` into sentences of tokens. Blank lines always end a sentence.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut cur: Vec<Span> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if let Some(prev) = cur.last()
            && has_blank_line(&text[prev.end..t.start])
        {
            push(&mut out, &mut cur);
        }
        cur.push(*t);
        if ends_sentence(text, &toks, k) {
            push(&mut out, &mut cur);
        }
    }
    push(&mut out, &mut cur);
    out
}

fn push(out: &mut Vec<Sentence>, cur: &mut Vec<Span>) {
    if let (Some(f), Some(l)) = (cur.first(), cur.last()) {
        out.push(Sentence {
            span: Span::new(f.start, l.end),
            tokens: std::mem::take(cur),
        });
    }
}

fn has_blank_line(gap: &str) -> bool {
    gap.matches('\n').count() >= 2
}

/// Returns true if and only if a sentence ends after token `k`.
fn ends_sentence(text: &str, toks: &[Span], k: usize) -> bool {
    let t = toks[k].slice(text);
    let Some(next) = toks.get(k + 1) else {
        return false;
    };
    let gap = &text[toks[k].end..next.start];
    let next_text = next.slice(text);
    let next_first = next_text.chars().next().unwrap_or(' ');
    let closing = |s: &str| matches!(s, "\"" | "\u{201d}" | "'" | "\u{2019}" | ")");
    if matches!(t, "." | "!" | "?" | "..." | "\u{2026}") || t.ends_with('.') && t.len() > 1 {
        if t.ends_with('.') && t.len() > 1 {
            // An abbreviation with its period: ends a sentence only before a capital
            // that follows a line break or when it is not a title.
            let stem = t.trim_end_matches('.').to_lowercase();
            if NEVER_FINAL.contains(&stem.as_str()) || stem.chars().count() == 1 {
                return false;
            }
            return gap.contains('\n') && next_first.is_uppercase();
        }
        if closing(next_text) && gap.is_empty() {
            return false; // the closing quote ends it
        }
        return !gap.is_empty()
            && (next_first.is_uppercase()
                || next_first.is_ascii_digit()
                || matches!(next_first, '"' | '\u{201c}' | '\'' | '\u{2018}' | '('));
    }
    if closing(t) && k > 0 && gap.chars().any(char::is_whitespace) {
        let prev = toks[k - 1].slice(text);
        if matches!(prev, "." | "!" | "?") && toks[k - 1].end == toks[k].start {
            return next_first.is_uppercase();
        }
    }
    false
}

/// Splits `text` into tokens.
pub fn tokens(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let mut i = 0;
    while i < chars.len() {
        let (s, c) = chars[i];
        if c.is_whitespace() || c == '\u{feff}' || c.is_control() {
            i += 1;
            continue;
        }
        if is_word_char(c) {
            // A word: letters and digits joined by inner ' - . , & (digits only for ,).
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                if is_word_char(d) {
                    j += 1;
                    continue;
                }
                let nx = chars.get(j + 1).map(|x| x.1);
                let prev = chars[j - 1].1;
                let joins = match d {
                    '-' | '\u{2010}' | '\u{2011}' | '/' => {
                        nx.is_some_and(is_word_char) && d != '/'
                            || d == '/'
                                && prev.is_ascii_digit()
                                && nx.is_some_and(|x| x.is_ascii_digit())
                    }
                    '.' => {
                        nx.is_some_and(is_word_char) && !nx.is_some_and(char::is_lowercase)
                            || nx.is_some_and(|x| x.is_ascii_digit())
                    }
                    ',' => {
                        prev.is_ascii_digit()
                            && nx.is_some_and(|x| x.is_ascii_digit())
                            && chars.get(j + 4).is_none_or(|x| !x.1.is_ascii_digit())
                    }
                    '&' => prev.is_uppercase() && nx.is_some_and(char::is_uppercase),
                    c if is_apostrophe(c) => {
                        // Keep O'Brien and don't-style contractions inside, but split the
                        // possessive 's and n't as CoNLL does.
                        let rest: String = chars[j + 1..].iter().take(3).map(|x| x.1).collect();
                        let poss = rest.starts_with(['s', 'S'])
                            && !rest.chars().nth(1).is_some_and(is_word_char);
                        let nt = prev == 'n' || prev == 'N';
                        nx.is_some_and(is_word_char)
                            && !poss
                            && !(nt && rest.starts_with(['t', 'T']))
                    }
                    _ => false,
                };
                if joins {
                    j += 1;
                } else {
                    break;
                }
            }
            // Split `n't` off `don't`.
            let word_end = end_of(j);
            let word = &text[s..word_end];
            if j < chars.len() && is_apostrophe(chars[j].1) && word.ends_with(['n', 'N']) {
                let nx = chars.get(j + 1).map(|x| x.1);
                if matches!(nx, Some('t' | 'T'))
                    && !chars.get(j + 2).is_some_and(|x| is_word_char(x.1))
                {
                    let n_start = chars[j - 1].0;
                    if n_start > s {
                        out.push(Span::new(s, n_start));
                    }
                    out.push(Span::new(n_start, end_of(j + 2)));
                    i = j + 2;
                    continue;
                }
            }
            // An abbreviation or initial takes its final period.
            if j < chars.len() && chars[j].1 == '.' {
                let lower = word.to_lowercase();
                let single_cap = word.chars().count() == 1 && c.is_uppercase();
                let dotted =
                    word.contains('.') && word.chars().all(|x| x == '.' || x.is_alphabetic());
                // `No. 10` but not `said no.`
                let numero = matches!(lower.as_str(), "no" | "nos")
                    && (!c.is_uppercase()
                        || !text[end_of(j + 1)..]
                            .trim_start()
                            .starts_with(|x: char| x.is_ascii_digit()));
                if single_cap || dotted || ABBREVIATIONS.contains(&lower.as_str()) && !numero {
                    out.push(Span::new(s, end_of(j + 1)));
                    i = j + 1;
                    continue;
                }
            }
            out.push(Span::new(s, word_end));
            i = j;
            continue;
        }
        if is_apostrophe(c) {
            // Possessive or contraction suffix: 's 've 'll 're 'd 'm.
            let rest: String = chars[i + 1..].iter().take(3).map(|x| x.1).collect();
            let prev_word = i > 0 && is_word_char(chars[i - 1].1);
            for suf in ["s", "S", "ve", "ll", "re", "d", "m"] {
                if prev_word
                    && rest.starts_with(suf)
                    && !rest[suf.len()..].chars().next().is_some_and(is_word_char)
                {
                    let e = end_of(i + 1 + suf.chars().count());
                    out.push(Span::new(s, e));
                    i += 1 + suf.chars().count();
                    break;
                }
            }
            if out.last().is_some_and(|l| l.start == s) {
                continue;
            }
        }
        // Punctuation: runs of the same mark (`...`, `--`) are one token.
        let mut j = i + 1;
        while j < chars.len()
            && chars[j].1 == c
            && matches!(c, '.' | '-' | '!' | '?' | '=' | '*' | '_')
        {
            j += 1;
        }
        out.push(Span::new(s, end_of(j)));
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn conll_style_tokens() {
        assert_eq!(
            words("NATO's expulsion of Kramp-Karrenbauer, the U.S. says: \"no.\""),
            vec![
                "NATO",
                "'s",
                "expulsion",
                "of",
                "Kramp-Karrenbauer",
                ",",
                "the",
                "U.S.",
                "says",
                ":",
                "\"",
                "no",
                ".",
                "\""
            ]
        );
        assert_eq!(
            words("1,389 warheads, $5 billion, 3.5%"),
            vec![
                "1,389", "warheads", ",", "$", "5", "billion", ",", "3.5", "%"
            ]
        );
        assert_eq!(
            words("don\u{2019}t Russia\u{2019}s Mr. Smith"),
            vec!["do", "n\u{2019}t", "Russia", "\u{2019}s", "Mr.", "Smith"]
        );
    }

    #[test]
    fn sentence_boundaries() {
        let text = "Mr. Smith went to Washington. He said \"no.\" Then he left.\n\nA new line";
        let s = sentences(text);
        let firsts: Vec<&str> = s.iter().map(|x| x.tokens[0].slice(text)).collect();
        assert_eq!(firsts, vec!["Mr.", "He", "Then", "A"]);
    }
}
