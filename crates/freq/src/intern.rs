//! String-keyed maps and a string interner; interner ids are dense and in insertion order.
//!
//! Strings of up to 15 bytes (nearly every word of running text) are looked up by their bytes
//! and length packed into one or two `u64`s, in an open-addressing table of their own: a
//! lookup then reads no string from the heap, calls no `memcmp` and usually touches one cache
//! line, and the key is built with a few overlapping loads, not a `memcpy`. Longer strings go
//! in a `HashMap` with foldhash.

use std::collections::HashMap;

use foldhash::fast::RandomState;

/// A map from strings to small `Copy` values, with keys packed as above.
#[derive(Debug)]
pub(crate) struct StrMap<V> {
    /// Strings of up to 7 bytes.
    short: Packed<u64, V>,
    /// Strings of 8 to 15 bytes.
    mid: Packed<[u64; 2], V>,
    /// Longer strings.
    long: HashMap<Box<str>, V, RandomState>,
}

impl<V: Copy + Default> Default for StrMap<V> {
    fn default() -> Self {
        StrMap {
            short: Packed::default(),
            mid: Packed::default(),
            long: HashMap::default(),
        }
    }
}

impl<V: Copy + Default> StrMap<V> {
    /// The value of `s`, inserting `make(s)` first when `s` is new; and whether it was new.
    #[inline]
    pub(crate) fn get_or_insert_with(&mut self, s: &str, make: impl FnOnce() -> V) -> (V, bool) {
        let b = s.as_bytes();
        match b.len() {
            0..=7 => self.short.get_or_insert_with(pack7(b), make),
            8..=15 => self.mid.get_or_insert_with(pack15(b), make),
            _ => {
                if let Some(&v) = self.long.get(s) {
                    return (v, false);
                }
                let v = make();
                self.long.insert(s.into(), v);
                (v, true)
            }
        }
    }
}

/// A packed key: one that no string packs to marks an empty slot.
trait Key: Copy + Eq {
    const EMPTY: Self;
    fn hash(self) -> u64;
}

/// foldhash's folded multiply (the 128-bit product's halves xor-ed), with fixed constants:
/// the table is only looked up, never iterated, so its order shows nowhere.
#[inline]
fn fold(x: u64, k: u64) -> u64 {
    let p = u128::from(x) * u128::from(k);
    (p as u64) ^ ((p >> 64) as u64)
}

const K0: u64 = 0x243f_6a88_85a3_08d3;
const K1: u64 = 0x1319_8a2e_0370_7344;

impl Key for u64 {
    // The top byte of a packed key is its length, at most 7.
    const EMPTY: u64 = u64::MAX;
    #[inline]
    fn hash(self) -> u64 {
        fold(self ^ K0, K1)
    }
}

impl Key for [u64; 2] {
    // The top byte of the second word is the length, 8 to 15.
    const EMPTY: [u64; 2] = [u64::MAX; 2];
    #[inline]
    fn hash(self) -> u64 {
        fold(self[0] ^ K0, self[1] ^ K1)
    }
}

/// An open-addressing table of packed keys with their values side by side, probed linearly
/// and kept at most half full: a lookup of a word usually reads one cache line, where a
/// `HashMap` reads its control bytes and then the entry.
#[derive(Debug)]
struct Packed<K, V> {
    slots: Vec<(K, V)>,
    len: usize,
}

impl<K: Key, V: Copy + Default> Default for Packed<K, V> {
    fn default() -> Self {
        Packed {
            slots: vec![(K::EMPTY, V::default()); 16],
            len: 0,
        }
    }
}

impl<K: Key, V: Copy + Default> Packed<K, V> {
    /// The value of `key`, inserting `make()` first when it is new; and whether it was new.
    #[inline]
    fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> (V, bool) {
        let mask = self.slots.len() - 1;
        let mut i = key.hash() as usize & mask;
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return (v, false);
            }
            if k == K::EMPTY {
                let v = make();
                self.slots[i] = (key, v);
                self.len += 1;
                if self.len * 2 > self.slots.len() {
                    self.grow();
                }
                return (v, true);
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table and puts every key back.
    #[cold]
    fn grow(&mut self) {
        let cap = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![(K::EMPTY, V::default()); cap]);
        let mask = cap - 1;
        for (k, v) in old {
            if k == K::EMPTY {
                continue;
            }
            let mut i = k.hash() as usize & mask;
            while self.slots[i].0 != K::EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = (k, v);
        }
    }
}

/// Maps strings to dense `u32` ids.
#[derive(Default, Debug)]
pub(crate) struct Interner {
    map: StrMap<u32>,
    strings: Vec<Box<str>>,
}

impl Interner {
    /// Returns the id of `s` and whether it was new.
    #[inline]
    pub(crate) fn intern(&mut self, s: &str) -> (u32, bool) {
        let Interner { map, strings } = self;
        map.get_or_insert_with(s, || {
            let id = u32::try_from(strings.len()).expect("fewer than 4 billion distinct terms");
            strings.push(s.into());
            id
        })
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

    /// The strings in id order, taken out.
    pub(crate) fn into_strings(self) -> Vec<Box<str>> {
        self.strings
    }
}

/// Up to 7 bytes and their length in one `u64` (the length in the top byte, so `a` and `a\0`
/// differ). Built from overlapping loads: the first and last four bytes, or the first,
/// middle and last byte.
#[inline]
fn pack7(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!(n <= 7);
    let bytes = if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | (hi << (8 * (n - 4)))
    } else if n > 0 {
        u64::from(b[0])
            | (u64::from(b[n / 2]) << (8 * (n / 2)))
            | (u64::from(b[n - 1]) << (8 * (n - 1)))
    } else {
        0
    };
    bytes | ((n as u64) << 56)
}

/// 8 to 15 bytes and their length in two `u64`s: the first eight bytes, and the last eight
/// shifted so that the bytes they share with the first are dropped, with the length on top.
#[inline]
fn pack15(b: &[u8]) -> [u64; 2] {
    let n = b.len();
    debug_assert!((8..=15).contains(&n));
    let lo = u64::from_le_bytes(b[..8].try_into().expect("8 bytes"));
    let hi = u64::from_le_bytes(b[n - 8..].try_into().expect("8 bytes"));
    // `hi` holds bytes n-8..n; keep the n-8 bytes past the first eight (none for n = 8).
    let rest = hi.checked_shr(8 * (16 - n) as u32).unwrap_or(0);
    [lo, rest | ((n as u64) << 56)]
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

    /// Packing is one-to-one: every pair of distinct strings of each length class, over a
    /// small alphabet with NUL (so a shorter string padded with zeros is tried against a
    /// longer one), gets distinct keys.
    #[test]
    fn packed_keys_are_distinct_for_distinct_strings() {
        let alphabet = [b'\0', b'a', b'b'];
        let mut seen7 = std::collections::HashMap::new();
        let mut seen15 = std::collections::HashMap::new();
        // All strings of 0..=7 bytes over the alphabet, and 8..=15-byte strings made of a
        // fixed prefix with every 0..=7-byte tail.
        let mut all: Vec<Vec<u8>> = vec![Vec::new()];
        let mut level = vec![Vec::new()];
        for _ in 0..7 {
            level = level
                .iter()
                .flat_map(|s: &Vec<u8>| {
                    alphabet.iter().map(move |&c| {
                        let mut t = s.clone();
                        t.push(c);
                        t
                    })
                })
                .collect();
            all.extend(level.iter().cloned());
        }
        for s in &all {
            assert!(seen7.insert(pack7(s), s.clone()).is_none(), "{s:?}");
            let mut long = b"abcdefgh".to_vec();
            long.extend_from_slice(s);
            assert!(
                seen15.insert(pack15(&long), long.clone()).is_none(),
                "{long:?}"
            );
            let mut long = b"\0\0\0\0\0\0\0\0".to_vec();
            long.extend_from_slice(s);
            assert!(
                seen15.insert(pack15(&long), long.clone()).is_none(),
                "{long:?}"
            );
        }
    }

    /// Thousands of keys in each length class, so the tables grow many times: every key keeps
    /// its value, and a key never inserted is new.
    #[test]
    fn map_keeps_values_while_it_grows() {
        let mut m: StrMap<u32> = StrMap::default();
        let word = |k: u32, len: usize| format!("{k:0len$}");
        let keys: Vec<String> = (0..5000u32)
            .flat_map(|k| [word(k, 4), word(k, 7), word(k, 8), word(k, 15), word(k, 20)])
            .collect();
        for (v, key) in keys.iter().enumerate() {
            assert_eq!(m.get_or_insert_with(key, || v as u32), (v as u32, true));
        }
        for (v, key) in keys.iter().enumerate() {
            assert_eq!(m.get_or_insert_with(key, || u32::MAX), (v as u32, false));
        }
        assert_eq!(m.get_or_insert_with("absent", || 7), (7, true));
    }

    proptest::proptest! {
        /// Any strings (short, mid-length and long, with NUL bytes and non-ASCII letters),
        /// repeated at random: the map gives what a `HashMap` gives.
        #[test]
        fn map_agrees_with_a_hash_map(
            words in proptest::collection::vec("[\0abé\u{3a3}]{0,20}", 0..400),
        ) {
            let mut m: StrMap<u32> = StrMap::default();
            let mut reference: HashMap<String, u32> = HashMap::new();
            for (v, w) in words.iter().enumerate() {
                let new = !reference.contains_key(w);
                let want = *reference.entry(w.clone()).or_insert(v as u32);
                proptest::prop_assert_eq!(m.get_or_insert_with(w, || v as u32), (want, new));
            }
        }
    }

    #[test]
    fn map_keeps_values_for_every_length_class() {
        let mut m: StrMap<u32> = StrMap::default();
        let words = [
            "",
            "a",
            "abcdefg",
            "abcdefgh",
            "abcdefghijklmno",
            "abcdefghijklmnop",
        ];
        for (k, w) in words.iter().enumerate() {
            assert_eq!(m.get_or_insert_with(w, || k as u32), (k as u32, true));
        }
        for (k, w) in words.iter().enumerate() {
            assert_eq!(m.get_or_insert_with(w, || 99), (k as u32, false));
        }
    }
}
