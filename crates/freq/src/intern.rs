//! A string interner with foldhash; ids are dense and in insertion order.
//!
//! Strings of up to 7 bytes (most words of running text) are looked up by a `u64` holding
//! their bytes and length: a hit then reads no string from the heap and calls no `memcmp`.

use std::collections::HashMap;

use foldhash::fast::RandomState;

/// Maps strings to dense `u32` ids.
#[derive(Default, Debug)]
pub(crate) struct Interner {
    /// Strings of up to [`SHORT`] bytes, by [`pack`].
    short: HashMap<u64, u32, RandomState>,
    /// Longer strings.
    map: HashMap<Box<str>, u32, RandomState>,
    strings: Vec<Box<str>>,
}

impl Interner {
    /// Returns the id of `s` and whether it was new.
    #[inline]
    pub(crate) fn intern(&mut self, s: &str) -> (u32, bool) {
        if let Some(key) = pack(s) {
            if let Some(&id) = self.short.get(&key) {
                return (id, false);
            }
            let id = self.next_id();
            self.strings.push(s.into());
            self.short.insert(key, id);
            return (id, true);
        }
        if let Some(&id) = self.map.get(s) {
            return (id, false);
        }
        let id = self.next_id();
        let boxed: Box<str> = s.into();
        self.strings.push(boxed.clone());
        self.map.insert(boxed, id);
        (id, true)
    }

    fn next_id(&self) -> u32 {
        u32::try_from(self.strings.len()).expect("fewer than 4 billion distinct terms")
    }

    /// The string of an id.
    #[inline]
    pub(crate) fn resolve(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }

    /// Interns every string of `other` and returns the map from its ids to ours.
    pub(crate) fn absorb(&mut self, other: &Interner) -> Vec<u32> {
        other.strings.iter().map(|s| self.intern(s).0).collect()
    }

    /// The strings in id order.
    pub(crate) fn strings(&self) -> &[Box<str>] {
        &self.strings
    }
}

/// Longest string looked up by [`pack`].
const SHORT: usize = 7;

/// The bytes of a string of at most [`SHORT`] bytes and its length in one `u64` (the length
/// in the top byte, so `a` and `a\0` differ).
#[inline]
fn pack(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() > SHORT {
        return None;
    }
    let mut k = [0u8; 8];
    k[..b.len()].copy_from_slice(b);
    k[7] = b.len() as u8;
    Some(u64::from_le_bytes(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dense_and_stable_across_short_and_long_strings() {
        let mut i = Interner::default();
        let words = [
            "the",
            "government",
            "a",
            "a\0",
            "",
            "seven77",
            "eight888",
            "the",
        ];
        let ids: Vec<(u32, bool)> = words.iter().map(|w| i.intern(w)).collect();
        assert_eq!(
            ids,
            [
                (0, true),
                (1, true),
                (2, true),
                (3, true),
                (4, true),
                (5, true),
                (6, true),
                (0, false)
            ]
        );
        for (k, w) in words[..7].iter().enumerate() {
            assert_eq!(i.resolve(k as u32), *w);
            assert_eq!(i.intern(w), (k as u32, false));
        }
        assert_eq!(i.len(), 7);
    }
}
