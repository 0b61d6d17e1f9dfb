//! Byte tests eight bytes at a time in a `u64` ("SIMD within a register"), for the scans
//! that run over every byte of a corpus (the tokenizer's word ends, ingestion's spacing check
//! and duplicate fingerprint). Each test gives the high bit (0x80) of every byte lane that
//! passes, so that lanes can be counted, shifted and combined with the others.
//!
//! # Example
//! ```
//! use gazette_types::swar::{between, equal};
//!
//! let x = u64::from_le_bytes(*b"ab 1 Z.c");
//! // Lanes 0, 1 and 7 are lower-case letters; lanes 2 and 4 are spaces.
//! assert_eq!(between(x, b'a', b'z'), 0x80 | 0x80 << 8 | 0x80 << 56);
//! assert_eq!(equal(x, b' '), 0x80 << 16 | 0x80 << 32);
//! ```

/// The high bit of every lane.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// One in every lane.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The lanes of `x` (every lane below 0x80) that lie in `lo..=hi`: a lane at or over `lo`
/// carries into its high bit when `0x80 - lo` is added, one over `hi` when `0x7F - hi` is,
/// and neither sum carries into the next lane.
#[inline]
pub fn between(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least = x + ONES * u64::from(0x80 - lo);
    let above = x + ONES * u64::from(0x7F - hi);
    at_least & !above & HIGH
}

/// The lanes of `x` equal to `b`, for any lanes: a lane of `x ^ b` is zero exactly when its
/// low seven bits plus 0x7F do not reach the high bit and its own high bit is clear.
#[inline]
pub fn equal(x: u64, b: u8) -> u64 {
    const LOW: u64 = !HIGH;
    let v = x ^ (ONES * u64::from(b));
    !(((v & LOW) + LOW) | v | LOW)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every lane of every byte value against a byte-at-a-time check.
    #[test]
    fn lane_tests_match_byte_tests() {
        for (b, lane, around) in (0u8..=255)
            .flat_map(|b| (0..8).map(move |lane| (b, lane)))
            .flat_map(|(b, lane)| [0x00, 0x20, 0x7F].map(|around| (b, lane, around)))
        {
            // The tested byte in one lane, neighbours that could carry or borrow around it.
            let mut bytes = [around; 8];
            bytes[lane] = b;
            let x = u64::from_le_bytes(bytes);
            let bit = |hit: bool| if hit { 0x80u64 << (8 * lane) } else { 0 };
            let mine = |m: u64| m & (0xFFu64 << (8 * lane));
            assert_eq!(
                mine(equal(x, b' ')),
                bit(b == b' '),
                "{b:#x} in lane {lane}"
            );
            assert_eq!(mine(equal(x, b)), bit(true), "{b:#x} in lane {lane}");
            if b < 0x80 {
                for (lo, hi) in [(b'a', b'z'), (b'0', b'9'), (9, 13), (0, 0x7F)] {
                    assert_eq!(
                        mine(between(x, lo, hi)),
                        bit((lo..=hi).contains(&b)),
                        "{b:#x} in {lo}..={hi}, lane {lane}"
                    );
                }
            }
        }
    }
}
