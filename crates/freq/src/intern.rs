//! A string interner with foldhash; ids are dense and in insertion order.

use std::collections::HashMap;

use foldhash::fast::RandomState;

/// Maps strings to dense `u32` ids.
#[derive(Default, Debug)]
pub(crate) struct Interner {
    map: HashMap<Box<str>, u32, RandomState>,
    strings: Vec<Box<str>>,
}

impl Interner {
    /// Returns the id of `s` and whether it was new.
    #[inline]
    pub(crate) fn intern(&mut self, s: &str) -> (u32, bool) {
        if let Some(&id) = self.map.get(s) {
            return (id, false);
        }
        let id = u32::try_from(self.strings.len()).expect("fewer than 4 billion distinct terms");
        let boxed: Box<str> = s.into();
        self.strings.push(boxed.clone());
        self.map.insert(boxed, id);
        (id, true)
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
