//! Byte tests eight bytes at a time in a `u64` ("SIMD within a register"), for the scans
//! that run over every byte of a corpus (the tokenizer's word ends and ingestion's duplicate
//! fingerprint). Each test gives the high bit (0x80) of every byte lane that
//! passes, so that lanes can be counted, shifted and combined with the others.
//!
//! # Example
//! ```
//! use gazette_types::swar::between;
//!
//! let x = u64::from_le_bytes(*b"ab 1 Z.c");
//! // Lanes 0, 1 and 7 are lower-case letters.
//! assert_eq!(between(x, b'a', b'z'), 0x80 | 0x80 << 8 | 0x80 << 56);
//! // Lanes 3 and 5 are a digit and a capital.
//! assert_eq!(between(x, b'0', b'9') | between(x, b'A', b'Z'), 0x80 << 24 | 0x80 << 40);
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
