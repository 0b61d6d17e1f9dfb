//! Search patterns: a term, a phrase, or globs (`war*`, `nuclear weapon*`).

use crate::{ErrorKind, Result};

/// One word of a pattern: `*` matches any run of characters, `?` one character.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Glob {
    Exact(String),
    Prefix(String),
    Wild(Vec<GlobPart>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum GlobPart {
    Lit(char),
    Any,
    Star,
}

impl Glob {
    fn parse(word: &str) -> Glob {
        if !word.contains(['*', '?']) {
            return Glob::Exact(word.to_string());
        }
        let stem = word.trim_end_matches('*');
        if !stem.contains(['*', '?']) && stem.len() + 1 == word.len() {
            return Glob::Prefix(stem.to_string());
        }
        Glob::Wild(
            word.chars()
                .map(|c| match c {
                    '*' => GlobPart::Star,
                    '?' => GlobPart::Any,
                    c => GlobPart::Lit(c),
                })
                .collect(),
        )
    }

    fn matches(&self, word: &str) -> bool {
        match self {
            Glob::Exact(w) => w == word,
            Glob::Prefix(p) => word.starts_with(p.as_str()),
            Glob::Wild(parts) => {
                let chars: Vec<char> = word.chars().collect();
                wild(parts, &chars)
            }
        }
    }
}

/// Iterative glob match with single backtracking point (linear for one `*`).
fn wild(parts: &[GlobPart], word: &[char]) -> bool {
    let (mut p, mut w) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while w < word.len() {
        match parts.get(p) {
            Some(GlobPart::Star) => {
                star = Some((p, w));
                p += 1;
            }
            Some(GlobPart::Any) => {
                p += 1;
                w += 1;
            }
            Some(GlobPart::Lit(c)) if *c == word[w] => {
                p += 1;
                w += 1;
            }
            _ => match star {
                Some((sp, sw)) => {
                    p = sp + 1;
                    w = sw + 1;
                    star = Some((sp, sw + 1));
                }
                None => return false,
            },
        }
    }
    parts[p..].iter().all(|x| *x == GlobPart::Star)
}

/// A term, phrase or glob pattern as users write it: words separated by spaces, each word
/// may use `*` (any characters) and `?` (one character). `nuclear weapon*` matches
/// `nuclear weapons` and `nuclear weapon`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    source: String,
    words: Vec<Glob>,
}

impl Pattern {
    /// Parses a pattern; with `lowercase` it is case-folded to match case-folded text.
    ///
    /// # Errors
    /// When the pattern has no words.
    pub fn new(pattern: &str, lowercase: bool) -> Result<Pattern> {
        let folded = if lowercase {
            pattern.to_lowercase()
        } else {
            pattern.to_string()
        };
        let folded = folded.replace('’', "'");
        let words: Vec<Glob> = folded.split_whitespace().map(Glob::parse).collect();
        if words.is_empty() {
            return Err(ErrorKind::EmptyPattern(pattern.to_string()).into());
        }
        Ok(Pattern {
            source: pattern.trim().to_string(),
            words,
        })
    }

    /// The pattern as the user wrote it (trimmed).
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The number of words the pattern spans.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Returns true if and only if the pattern has no words (never, once built).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Returns true if and only if the pattern is one word without wildcards.
    pub fn is_exact_word(&self) -> bool {
        matches!(self.words.as_slice(), [Glob::Exact(_)])
    }

    /// Returns true if and only if the words `tokens` (already normalised) start with a match.
    pub fn matches_at<S: AsRef<str>>(&self, tokens: &[S]) -> bool {
        tokens.len() >= self.words.len()
            && self
                .words
                .iter()
                .zip(tokens)
                .all(|(g, t)| g.matches(t.as_ref()))
    }

    /// Returns true if and only if word `i` of the pattern matches the token `word`.
    pub(crate) fn word_matches(&self, i: usize, word: &str) -> bool {
        self.words.get(i).is_some_and(|g| g.matches(word))
    }

    /// Returns true if and only if the first word of the pattern matches `word`.
    pub(crate) fn matches_first(&self, word: &str) -> bool {
        self.word_matches(0, word)
    }

    /// Returns true if and only if a counted term (a word, or an n-gram with words joined by
    /// single spaces) matches the whole pattern.
    pub fn matches_term(&self, term: &str) -> bool {
        if self.words.len() == 1 {
            return self.words[0].matches(term);
        }
        let parts: Vec<&str> = term.split(' ').collect();
        parts.len() == self.words.len() && self.matches_at(&parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_phrases() {
        let p = Pattern::new("nuclear weapon*", true).unwrap();
        assert!(p.matches_at(&["nuclear", "weapons", "treaty"]));
        assert!(p.matches_term("nuclear weapon"));
        assert!(!p.matches_term("nuclear"));
        assert!(!p.matches_at(&["nuclear"]));
        let w = Pattern::new("War*", true).unwrap();
        assert!(w.matches_term("warfare") && w.matches_term("war") && !w.matches_term("awards"));
        let q = Pattern::new("*ise?", true).unwrap();
        assert!(q.matches_term("realised") && q.matches_term("rises") && !q.matches_term("rise"));
        let mid = Pattern::new("re*ed", true).unwrap();
        assert!(
            mid.matches_term("realised") && mid.matches_term("reed") && !mid.matches_term("red")
        );
        assert!(Pattern::new("  ", true).is_err());
        assert!(
            Pattern::new("Britain’s", true)
                .unwrap()
                .matches_term("britain's")
        );
    }
}
