//! A scanner that cuts text into word, number and punctuation tokens with byte spans.
//!
//! Unlike a general tokenizer it keeps what figure parsing needs: whether two tokens touch
//! (`1990` + `s`, `$` + `5`, `Zapad` + `-` + `2021`), and what whitespace separates them (a
//! figure may cross a single line break, `1.7\npercent`, but never a paragraph break).

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum K {
    /// Letters (any script).
    Word,
    /// ASCII digits with inner `,` or `.` groups (`1,389`, `3.5`, `41.41.2`).
    Num,
    /// Any other single non-space character.
    Punct,
}

/// The whitespace before a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Gap {
    /// The token touches the previous one.
    None,
    /// Spaces or tabs, no line break.
    Space,
    /// One line break.
    Newline,
    /// A blank line, or a line break followed by indentation (a new paragraph).
    Break,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    /// The text of the token.
    pub(crate) s: &'a str,
    /// Byte offset of the first byte.
    pub(crate) start: usize,
    /// Byte offset one past the last byte.
    pub(crate) end: usize,
    /// What the token is.
    pub(crate) k: K,
    /// Whitespace before the token.
    pub(crate) gap: Gap,
}

impl Tok<'_> {
    /// Returns true if and only if the token is a word starting with an upper-case letter.
    pub(crate) fn is_cap(&self) -> bool {
        self.k == K::Word && self.s.chars().next().is_some_and(char::is_uppercase)
    }

    /// Returns true if and only if the token is a word in lower case only.
    pub(crate) fn is_lower(&self) -> bool {
        self.k == K::Word && !self.s.chars().any(char::is_uppercase)
    }
}

/// Cuts `text` into tokens.
pub(crate) fn scan(text: &str) -> Vec<Tok<'_>> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 4);
    let mut gap = Gap::Break;
    let mut newlines = 0u32;
    let mut after_newline = false;
    let mut i = 0;
    while i < text.len() {
        let c = text[i..]
            .chars()
            .next()
            .expect("i is on a char boundary below len");
        let len = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
                after_newline = true;
                gap = if newlines >= 2 {
                    Gap::Break
                } else {
                    gap.max(Gap::Newline)
                };
            } else if after_newline && (c == '\t' || c == ' ') && gap == Gap::Newline {
                // Indentation after a line break starts a paragraph (newswire layout).
                if c == '\t' {
                    gap = Gap::Break;
                }
            } else if gap == Gap::None {
                gap = Gap::Space;
            }
            i += len;
            continue;
        }
        let start = i;
        let k = if c.is_ascii_digit() {
            i += 1;
            loop {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if i + 1 < bytes.len()
                    && (bytes[i] == b',' || bytes[i] == b'.')
                    && bytes[i + 1].is_ascii_digit()
                {
                    i += 1;
                    continue;
                }
                break;
            }
            K::Num
        } else if c.is_alphabetic() {
            i += len;
            while let Some(d) = text[i..].chars().next() {
                if d.is_alphabetic() || (is_mark(d) && i > start) {
                    i += d.len_utf8();
                } else {
                    break;
                }
            }
            K::Word
        } else {
            i += len;
            K::Punct
        };
        toks.push(Tok {
            s: &text[start..i],
            start,
            end: i,
            k,
            gap,
        });
        gap = Gap::None;
        newlines = 0;
        after_newline = false;
    }
    toks
}

/// The token in lower case, borrowed when it has no upper-case letter.
pub(crate) fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Combining marks keep a word together (decomposed accents).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

/// Marks the sentence each token belongs to (a running number).
pub(crate) fn sentences(toks: &[Tok<'_>]) -> Vec<u32> {
    let mut out = Vec::with_capacity(toks.len());
    let mut id = 0u32;
    for (i, t) in toks.iter().enumerate() {
        if i > 0 && t.gap == Gap::Break {
            id += 1;
        } else if i > 0 && ends_sentence(toks, i - 1) && t.gap != Gap::None {
            let starts_upper = t.is_cap()
                || t.k == K::Num
                || matches!(t.s, "\"" | "“" | "‘" | "'" | "`" | "(" | "_");
            if starts_upper {
                id += 1;
            }
        }
        out.push(id);
    }
    out
}

fn ends_sentence(toks: &[Tok<'_>], i: usize) -> bool {
    let mut j = i;
    // Closing quotes after the full stop: `... exhausted."`
    while j > 0 && matches!(toks[j].s, "\"" | "”" | "’" | "'" | ")") && toks[j].gap == Gap::None
    {
        j -= 1;
    }
    let t = &toks[j];
    match t.s {
        "!" | "?" => true,
        "." => {
            if j == 0 {
                return true;
            }
            let p = &toks[j - 1];
            if p.gap == Gap::None && p.k == K::Word {
                // `U.S.`, `Mr.`, `Sept.`: abbreviations do not end a sentence.
                let w = p.s;
                !(w.chars().count() == 1 || crate::figures::lexicon::is_abbreviation(w))
            } else {
                true
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_keeps_separators_and_gaps() {
        let toks = scan("about $1,389.5m in\n1990s, Zapad-2021.");
        let s: Vec<&str> = toks.iter().map(|t| t.s).collect();
        assert_eq!(
            s,
            [
                "about", "$", "1,389.5", "m", "in", "1990", "s", ",", "Zapad", "-", "2021", "."
            ]
        );
        assert_eq!(toks[2].gap, Gap::None);
        assert_eq!(toks[5].gap, Gap::Newline);
    }

    #[test]
    fn paragraph_indent_is_a_break() {
        let toks = scan("one.\n\t   Two");
        assert_eq!(toks[2].gap, Gap::Break);
        let sent = sentences(&toks);
        assert_ne!(sent[0], sent[2]);
    }
}
