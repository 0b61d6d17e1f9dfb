//! Gazetteers: word lists of places, organisations, demonyms, first names and titles.
//!
//! The lists live in `crates/extract/data/gazetteers/` (see the README there for provenance)
//! and are compiled into the binary. Entries are matched on lower-cased tokens, several words
//! long at most [`MAX_WORDS`].

use super::ner::hash::{FeatureHash, FeatureMap};

/// Longest entry, in tokens.
pub const MAX_WORDS: usize = 8;

/// A gazetteer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Category {
    /// Countries and their common short forms (`US`, `Britain`).
    Country = 0,
    /// Capitals and major cities.
    City = 1,
    /// States, provinces, continents and regions.
    Region = 2,
    /// Demonyms and nationality adjectives (`Russian`, `Ukrainians`).
    Demonym = 3,
    /// International and major national organisations.
    Organisation = 4,
    /// Common given names.
    FirstName = 5,
    /// Job titles and offices (`minister`, `spokesperson`, `secretary-general`).
    Title = 6,
    /// Honorifics (`Mr`, `Dr`, `Sir`).
    Honorific = 7,
    /// Months and weekdays.
    Temporal = 8,
    /// Company-name endings (`Inc`, `Ltd`, `Group`).
    CompanySuffix = 9,
}

impl Category {
    /// Every category, in bit order.
    pub const ALL: [Category; 10] = [
        Category::Country,
        Category::City,
        Category::Region,
        Category::Demonym,
        Category::Organisation,
        Category::FirstName,
        Category::Title,
        Category::Honorific,
        Category::Temporal,
        Category::CompanySuffix,
    ];

    /// Bit of this category in a mask.
    pub fn bit(self) -> u16 {
        1 << self as u8
    }

    /// The file of `crates/extract/data/gazetteers/` the category is read from.
    pub(crate) fn file(self) -> &'static str {
        match self {
            Category::Country => "countries.txt",
            Category::City => "cities.txt",
            Category::Region => "regions.txt",
            Category::Demonym => "demonyms.txt",
            Category::Organisation => "organisations.txt",
            Category::FirstName => "first_names.txt",
            Category::Title => "titles.txt",
            Category::Honorific => "honorifics.txt",
            Category::Temporal => "temporal.txt",
            Category::CompanySuffix => "company_suffixes.txt",
        }
    }

    pub(crate) fn source(self) -> &'static str {
        match self {
            Category::Country => include_str!("../../data/gazetteers/countries.txt"),
            Category::City => include_str!("../../data/gazetteers/cities.txt"),
            Category::Region => include_str!("../../data/gazetteers/regions.txt"),
            Category::Demonym => include_str!("../../data/gazetteers/demonyms.txt"),
            Category::Organisation => include_str!("../../data/gazetteers/organisations.txt"),
            Category::FirstName => include_str!("../../data/gazetteers/first_names.txt"),
            Category::Title => include_str!("../../data/gazetteers/titles.txt"),
            Category::Honorific => include_str!("../../data/gazetteers/honorifics.txt"),
            Category::Temporal => include_str!("../../data/gazetteers/temporal.txt"),
            Category::CompanySuffix => include_str!("../../data/gazetteers/company_suffixes.txt"),
        }
    }
}

#[derive(Clone, Copy, Default)]
pub(crate) struct Entry {
    /// Categories of the phrase ending here.
    pub(crate) mask: u16,
    /// True if and only if a longer phrase starts with this one.
    pub(crate) prefix: bool,
}

/// All gazetteer lists, indexed for matching token sequences.
#[derive(Default)]
pub struct Gazetteer {
    phrases: FeatureMap<Entry>,
}

/// The hash state before the first word of a phrase.
pub(crate) fn start() -> FeatureHash {
    FeatureHash::new(251)
}

impl Gazetteer {
    /// The built-in lists.
    pub fn builtin() -> Gazetteer {
        let mut g = Gazetteer::default();
        for cat in Category::ALL {
            for line in cat.source().lines() {
                let line = line.split('#').next().unwrap_or("").trim();
                if line.is_empty() {
                    continue;
                }
                g.insert(line, cat);
            }
        }
        g
    }

    /// Adds one entry (words separated by spaces) to a category.
    pub fn insert(&mut self, phrase: &str, cat: Category) {
        let lower = phrase.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().take(MAX_WORDS).collect();
        let mut h = start();
        for (i, w) in words.iter().enumerate() {
            h = h.str(w);
            let e = self.phrases.entry(h.finish()).or_default();
            if i + 1 == words.len() {
                e.mask |= cat.bit();
            } else {
                e.prefix = true;
            }
        }
    }

    /// Returns the categories of the exact phrase made of these lower-cased words (0 when none).
    pub fn lookup(&self, lower_words: &[&str]) -> u16 {
        let mut h = start();
        for w in lower_words {
            h = h.str(w);
        }
        self.phrases.get(&h.finish()).map_or(0, |e| e.mask)
    }

    /// Returns true if and only if the lower-cased phrase is in `cat`.
    pub fn is(&self, lower_words: &[&str], cat: Category) -> bool {
        self.lookup(lower_words) & cat.bit() != 0
    }

    /// The entry of the phrase whose hash state (after its last word) is `h`.
    #[inline]
    pub(crate) fn entry(&self, h: FeatureHash) -> Option<Entry> {
        self.phrases.get(&h.finish()).copied()
    }

    /// Marks every token with the gazetteer matches covering it: bit `cat * 4 + pos`, where
    /// `pos` is 0 begin, 1 inside, 2 last, 3 single-token match.
    pub(crate) fn mark(&self, lower_words: &[&str]) -> Vec<u64> {
        let n = lower_words.len();
        let mut marks = vec![0u64; n];
        for i in 0..n {
            let mut h = start();
            for j in i..n.min(i + MAX_WORDS) {
                h = h.str(lower_words[j]);
                let Some(e) = self.phrases.get(&h.finish()) else {
                    break;
                };
                let mut bits = e.mask;
                while bits != 0 {
                    let c = u64::from(bits.trailing_zeros());
                    bits &= bits - 1;
                    if j == i {
                        marks[i] |= 1 << (c * 4 + 3);
                    } else {
                        marks[i] |= 1 << (c * 4);
                        for m in &mut marks[i + 1..j] {
                            *m |= 1 << (c * 4 + 1);
                        }
                        marks[j] |= 1 << (c * 4 + 2);
                    }
                }
                if !e.prefix {
                    break;
                }
            }
        }
        marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_word_entries_match_with_positions() {
        let g = Gazetteer::builtin();
        let words = ["the", "united", "states", "and", "russia"];
        let marks = g.mark(&words);
        let c = Category::Country as u64;
        assert_eq!(marks[0] & (0xf << (c * 4)), 0);
        assert_ne!(marks[1] & (1 << (c * 4)), 0, "united: begin");
        assert_ne!(marks[2] & (1 << (c * 4 + 2)), 0, "states: last");
        assert_ne!(marks[4] & (1 << (c * 4 + 3)), 0, "russia: single");
        assert!(g.is(&["nato"], Category::Organisation));
        assert!(g.is(&["spokesperson"], Category::Title));
        assert!(!g.is(&["spokesperson"], Category::Country));
    }
}
