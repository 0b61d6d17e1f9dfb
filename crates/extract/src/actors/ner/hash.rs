//! Stable feature hashing: FNV-1a over bytes with a final mix.
//!
//! The model file stores feature hashes, so this function must never change between
//! versions or platforms (no `std` hasher, no crate whose output may change).

/// Incremental FNV-1a hasher with a splitmix finaliser.
#[derive(Clone, Copy)]
pub(crate) struct FeatureHash(u64);

impl FeatureHash {
    /// Starts a feature of template `template`.
    #[inline]
    pub(crate) fn new(template: u8) -> Self {
        FeatureHash(0xcbf2_9ce4_8422_2325).byte(template)
    }

    /// Adds one byte.
    #[inline]
    pub(crate) fn byte(self, b: u8) -> Self {
        FeatureHash((self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
    }

    /// Adds a string followed by a separator byte (so `ab|c` differs from `a|bc`).
    #[inline]
    pub(crate) fn str(self, s: &str) -> Self {
        let mut h = self;
        for &b in s.as_bytes() {
            h = h.byte(b);
        }
        h.byte(0xff)
    }

    /// Adds a precomputed 64-bit value (a word's hash) in one step.
    #[inline]
    pub(crate) fn u(self, x: u64) -> Self {
        FeatureHash(
            (self.0 ^ x)
                .wrapping_mul(0x0000_0100_0000_01b3)
                .rotate_left(23),
        )
    }

    /// Returns the raw state (to use as a precomputed value with [`FeatureHash::u`]).
    #[inline]
    pub(crate) fn raw(self) -> u64 {
        self.0
    }

    /// Adds a number.
    #[inline]
    pub(crate) fn num(self, n: u32) -> Self {
        let mut h = self;
        for b in n.to_le_bytes() {
            h = h.byte(b);
        }
        h
    }

    /// Returns the final hash.
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A `Hasher` that passes through already-hashed `u64` keys.
#[derive(Default, Clone, Copy)]
pub(crate) struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = ((self.0 << 8) | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Spread the bits: hashbrown reads the top seven bits, and model keys are 32-bit.
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Hash map keyed by feature hashes.
pub(crate) type FeatureMap<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<PassThrough>>;
