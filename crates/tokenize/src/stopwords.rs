//! English stop words, extendable by the user.
//!
//! The built-in list is the NLTK English list (function words, pronouns, auxiliaries and
//! their contractions) plus the clitic `'s` that the tokenizer splits off possessives, the
//! contractions written with an apostrophe (`it's`, `we're`, `can't`) and a few auxiliaries
//! NLTK leaves out (`would`, `could`, `also`). Content words that news analysis needs stay out
//! (`said`, `us`, `may`: `US` and `May` fold to them). Words are compared in normalised form:
//! lower case with straight apostrophes, as [`crate::Tokenizer::normalize`] makes them.
//!
//! # Example
//! ```
//! use gazette_tokenize::stopwords::{is_stopword, StopWords};
//!
//! assert!(is_stopword("the"));
//! assert!(is_stopword("'s"));
//! assert!(!is_stopword("nato"));
//! let words = StopWords::new().with_words(["nato", "Kremlin"]);
//! assert!(words.contains("the") && words.contains("nato") && words.contains("kremlin"));
//! ```

use std::collections::HashSet;

/// The built-in English list, sorted (a test checks) so lookups can binary-search.
const ENGLISH: &[&str] = &[
    "'",
    "'d",
    "'ll",
    "'m",
    "'re",
    "'s",
    "'ve",
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "ain",
    "ain't",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn",
    "couldn't",
    "d",
    "did",
    "didn",
    "didn't",
    "do",
    "does",
    "doesn",
    "doesn't",
    "doing",
    "don",
    "don't",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadn",
    "hadn't",
    "has",
    "hasn",
    "hasn't",
    "have",
    "haven",
    "haven't",
    "having",
    "he",
    "he'd",
    "he'll",
    "he's",
    "her",
    "here",
    "here's",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "how's",
    "i",
    "i'd",
    "i'll",
    "i'm",
    "i've",
    "if",
    "in",
    "into",
    "is",
    "isn",
    "isn't",
    "it",
    "it'd",
    "it'll",
    "it's",
    "its",
    "itself",
    "just",
    "let's",
    "ll",
    "m",
    "ma",
    "me",
    "mightn",
    "mightn't",
    "more",
    "most",
    "mustn",
    "mustn't",
    "my",
    "myself",
    "needn",
    "needn't",
    "no",
    "nor",
    "not",
    "now",
    "o",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "re",
    "s",
    "same",
    "shan",
    "shan't",
    "she",
    "she'd",
    "she'll",
    "she's",
    "should",
    "should've",
    "shouldn",
    "shouldn't",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "that'll",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they'd",
    "they'll",
    "they're",
    "they've",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "ve",
    "very",
    "was",
    "wasn",
    "wasn't",
    "we",
    "we'd",
    "we'll",
    "we're",
    "we've",
    "were",
    "weren",
    "weren't",
    "what",
    "what's",
    "when",
    "where",
    "where's",
    "which",
    "while",
    "who",
    "who's",
    "whom",
    "why",
    "why's",
    "will",
    "with",
    "won",
    "won't",
    "would",
    "wouldn",
    "wouldn't",
    "y",
    "you",
    "you'd",
    "you'll",
    "you're",
    "you've",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Returns true if and only if `word` is on the built-in English stop-word list.
///
/// `word` should be normalised (lower case, straight apostrophes); a word that is not
/// (`The`, `it’s`) is normalised first, which costs an allocation.
pub fn is_stopword(word: &str) -> bool {
    // A hash set: the binary search it replaced took eight string comparisons a word, and
    // every distinct word of a corpus is checked once per thread.
    static SET: std::sync::LazyLock<HashSet<&'static str, foldhash::fast::FixedState>> =
        std::sync::LazyLock::new(|| ENGLISH.iter().copied().collect());
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        SET.contains(word)
    } else {
        let folded: String = word
            .to_lowercase()
            .chars()
            .map(|c| {
                if matches!(c, '’' | '‘' | 'ʼ') {
                    '\''
                } else {
                    c
                }
            })
            .collect();
        SET.contains(folded.as_str())
    }
}

/// The built-in English list, in sorted order.
pub fn english() -> &'static [&'static str] {
    ENGLISH
}

/// A stop-word set: the built-in English list (or nothing) plus the user's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopWords {
    builtin: bool,
    extra: HashSet<String>,
}

impl Default for StopWords {
    fn default() -> Self {
        StopWords::new()
    }
}

impl StopWords {
    /// The built-in English list.
    pub fn new() -> Self {
        StopWords {
            builtin: true,
            extra: HashSet::new(),
        }
    }

    /// An empty set, for users who bring their whole list.
    pub fn empty() -> Self {
        StopWords {
            builtin: false,
            extra: HashSet::new(),
        }
    }

    /// Adds words (normalised: lower case, straight apostrophes) and returns the set.
    pub fn with_words<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.extend(words);
        self
    }

    /// Adds words (normalised: lower case, straight apostrophes).
    pub fn extend<I, S>(&mut self, words: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for w in words {
            let w = w.as_ref().trim();
            if !w.is_empty() {
                self.extra.insert(fold(w));
            }
        }
    }

    /// Adds the words of a list file's contents: one word per line, `#` starts a comment,
    /// blank lines ignored.
    pub fn extend_from_list(&mut self, list: &str) {
        self.extend(list.lines().map(|l| l.split('#').next().unwrap_or("")));
    }

    /// Returns true if and only if `word` is in the set. `word` is compared after case
    /// folding and apostrophe unification, like [`is_stopword`].
    pub fn contains(&self, word: &str) -> bool {
        if self.builtin && is_stopword(word) {
            return true;
        }
        if self.extra.is_empty() {
            return false;
        }
        if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            self.extra.contains(word)
        } else {
            self.extra.contains(&fold(word))
        }
    }

    /// Number of words in the set.
    pub fn len(&self) -> usize {
        let builtin = if self.builtin { ENGLISH.len() } else { 0 };
        builtin
            + self
                .extra
                .iter()
                .filter(|w| !(self.builtin && is_stopword(w)))
                .count()
    }

    /// Returns true if and only if the set has no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Lower case with straight apostrophes.
fn fold(word: &str) -> String {
    word.to_lowercase()
        .chars()
        .map(|c| {
            if matches!(c, '’' | '‘' | 'ʼ') {
                '\''
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_is_sorted_and_unique() {
        for pair in ENGLISH.windows(2) {
            assert!(pair[0] < pair[1], "{:?} before {:?}", pair[0], pair[1]);
        }
    }

    #[test]
    fn lookups_fold_case_and_apostrophes() {
        assert!(is_stopword("The"));
        assert!(is_stopword("it’s"));
        assert!(!is_stopword("us"));
        assert!(!is_stopword("said"));
        let mut words = StopWords::empty();
        words.extend_from_list("# outlets\nWSWS\n\n  reuters # agency\n");
        assert!(words.contains("wsws") && words.contains("Reuters"));
        assert!(!words.contains("the"));
        assert_eq!(words.len(), 2);
    }
}
