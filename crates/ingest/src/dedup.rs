//! Duplicate detection: exact duplicates by a hash of the normalised body, near-duplicates
//! by MinHash over word 3-shingles with locality-sensitive hashing (bands of rows), so the
//! cost grows linearly with the corpus, not quadratically.

use std::collections::HashMap;

/// Number of MinHash functions per article.
const HASHES: usize = 128;
/// Rows per LSH band; `HASHES / ROWS` bands.
const ROWS: usize = 4;
/// Shingle width in words.
const SHINGLE: usize = 3;

/// What an article duplicates, if anything.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    /// Not a duplicate of any earlier article.
    New,
    /// Same normalised body as the earlier article with this id.
    Exact(String),
    /// Estimated Jaccard similarity of word 3-shingles at least the threshold.
    Near(String, f64),
}

/// Remembers the articles seen so far. Memory: one hash and id per article plus, for
/// near-duplicate detection, a 512-byte signature per article.
pub(crate) struct Deduper {
    threshold: Option<f64>,
    exact: HashMap<u128, usize>,
    ids: Vec<String>,
    signatures: Vec<Option<Box<[u32; HASHES]>>>,
    bands: Vec<HashMap<u64, Vec<u32>>>,
}

impl Deduper {
    /// `threshold`: minimum estimated Jaccard similarity for a near-duplicate (`None` turns
    /// near-duplicate detection off).
    pub(crate) fn new(threshold: Option<f64>) -> Deduper {
        Deduper {
            threshold,
            exact: HashMap::new(),
            ids: Vec::new(),
            signatures: Vec::new(),
            bands: (0..HASHES / ROWS).map(|_| HashMap::new()).collect(),
        }
    }

    /// Returns true if and only if [`Deduper::check`] would need `fp`'s MinHash signature
    /// now: near-duplicate detection is on and the body is not an exact duplicate of an
    /// article already seen. Exact duplicates (all but one copy of a corpus read twice) then
    /// never pay for a signature.
    pub(crate) fn needs_signature(&self, fp: &Fingerprint) -> bool {
        self.threshold.is_some()
            && matches!(fp.near, Near::Pending(_))
            && !self.exact.contains_key(&fp.hash)
    }

    /// Checks one article's body against every earlier one and remembers it when new.
    /// `fingerprint` comes from [`fingerprint`] (computed in parallel beforehand; its
    /// signature, when still pending, is computed here).
    pub(crate) fn check(&mut self, id: &str, fp: &Fingerprint) -> Verdict {
        if let Some(&i) = self.exact.get(&fp.hash) {
            return Verdict::Exact(self.ids[i].clone());
        }
        let index = self.ids.len();
        let computed;
        let sig = match &fp.near {
            Near::None => None,
            Near::Ready(sig) => Some(sig),
            Near::Pending(shingles) => {
                computed = signature(shingles);
                Some(&computed)
            }
        };
        if let (Some(threshold), Some(sig)) = (self.threshold, sig) {
            let mut best: Option<(usize, f64)> = None;
            for (b, band) in self.bands.iter().enumerate() {
                let key = band_key(&sig[b * ROWS..(b + 1) * ROWS]);
                if let Some(candidates) = band.get(&key) {
                    for &c in candidates {
                        let c = c as usize;
                        if best.is_some_and(|(bi, _)| bi == c) {
                            continue;
                        }
                        let Some(other) = &self.signatures[c] else {
                            continue;
                        };
                        let sim = similarity(sig, other);
                        if sim >= threshold
                            && best.is_none_or(|(bi, bs)| sim > bs || (sim == bs && c < bi))
                        {
                            best = Some((c, sim));
                        }
                    }
                }
            }
            if let Some((c, sim)) = best {
                return Verdict::Near(self.ids[c].clone(), sim);
            }
            for (b, band) in self.bands.iter_mut().enumerate() {
                let key = band_key(&sig[b * ROWS..(b + 1) * ROWS]);
                band.entry(key).or_default().push(index as u32);
            }
            self.signatures.push(Some(sig.clone()));
        } else {
            self.signatures.push(None);
        }
        self.exact.insert(fp.hash, index);
        self.ids.push(id.to_string());
        Verdict::New
    }
}

/// What dedup needs to know about a body.
#[derive(Debug, Clone)]
pub(crate) struct Fingerprint {
    hash: u128,
    near: Near,
}

/// The MinHash side of a [`Fingerprint`].
#[derive(Debug, Clone)]
enum Near {
    /// Near-duplicate detection is off, or the body is too short.
    None,
    /// The distinct shingle hashes, sorted; the signature is computed from them only when
    /// the body is not an exact duplicate ([`Fingerprint::sign`], [`Deduper::check`]).
    Pending(Vec<u64>),
    /// The signature.
    Ready(Box<[u32; HASHES]>),
}

impl Fingerprint {
    /// Computes the MinHash signature if it is still pending (the costly part: 128 hashes
    /// per distinct shingle). [`Deduper::needs_signature`] says whether it will be needed.
    pub(crate) fn sign(&mut self) {
        if let Near::Pending(shingles) = &self.near {
            self.near = Near::Ready(signature(shingles));
        }
    }

    /// The exact-duplicate hash of the normalised body.
    pub(crate) fn hash(&self) -> &u128 {
        &self.hash
    }
}

/// Normalises a body (lower case, words only) and computes its exact hash and, when
/// `near` is set and the body has enough words, the hashes of its word 3-shingles (the
/// MinHash signature is computed from them later, and only for bodies that are not exact
/// duplicates).
pub(crate) fn fingerprint(text: &str, near: bool) -> Fingerprint {
    // The lower-cased words, each followed by a space, in one buffer, and, for the shingles,
    // where each word ends. The hash only finds equal buffers within one run and is never
    // shown, so it need not be cryptographic: 128-bit XXH3 is ten times faster than BLAKE3
    // on an article (a collision among a billion bodies has odds of about 1 in 10^20).
    SCRATCH.with_borrow_mut(|scratch| {
        let (buf, ends) = normalised_words(text, near, scratch);
        let hash = xxhash_rust::xxh3::xxh3_128(buf);
        let near = if near && ends.len() >= SHINGLE + 2 {
            let word = |k: usize| {
                let start = if k == 0 { 0 } else { ends[k - 1] as usize + 1 };
                &buf[start..ends[k] as usize]
            };
            let mut shingles: Vec<u64> = (0..=ends.len() - SHINGLE)
                .map(|k| hash64((k..k + SHINGLE).map(word)))
                .collect();
            // The signature is a minimum over shingles, so repeats change nothing.
            shingles.sort_unstable();
            shingles.dedup();
            Near::Pending(shingles)
        } else {
            Near::None
        };
        scratch.trim();
        Fingerprint { hash, near }
    })
}

thread_local! {
    /// [`fingerprint`]'s buffers, kept from one body to the next on each thread.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// The buffers [`walk_words`] writes into. They are never cleared, only grown: every byte
/// is written before it is read, so old bytes past the end of the last body cost nothing,
/// where a fresh zeroed buffer per body cost a `memset` and an allocation.
#[derive(Default)]
struct Scratch {
    bytes: Vec<u8>,
    ends: Vec<u32>,
}

impl Scratch {
    /// Bodies up to this many bytes keep their buffers for the next one.
    const KEEP: usize = 1 << 20;

    /// Lets go of buffers that a very long body made large.
    fn trim(&mut self) {
        if self.bytes.len() > Self::KEEP {
            self.bytes = Vec::new();
        }
        if self.ends.len() > Self::KEEP / 4 {
            self.ends = Vec::new();
        }
    }
}

/// ASCII letters and digits lower-cased; 0 for every other ASCII byte.
const ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The words of `text` (runs of alphanumeric characters, as `split(!is_alphanumeric)` gives
/// them) lower-cased (`str::to_lowercase` on each word), each followed by a space; with
/// `ends`, also where each word ends in the buffer.
fn normalised_words<'s>(text: &str, ends: bool, scratch: &'s mut Scratch) -> (&'s [u8], &'s [u32]) {
    let (len, words) = if ends {
        walk_words::<true>(text, scratch)
    } else {
        walk_words::<false>(text, scratch)
    };
    (&scratch.bytes[..len], &scratch.ends[..words])
}

/// [`normalised_words`], with or without the word ends. Runs of ASCII go through
/// [`ascii_run`]: each byte is written (lower-cased, or a space for a non-word byte) and the
/// write position only moves on for a word byte or the first non-word byte after a word. A
/// non-ASCII character takes a slower path: a word with one is lower-cased whole (final
/// sigma), from where it started.
fn walk_words<const ENDS: bool>(text: &str, scratch: &mut Scratch) -> (usize, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // Each byte writes at most one byte, plus the space after the last word; a non-ASCII
    // word that grows when lower-cased makes room for itself.
    let Scratch {
        bytes: buf,
        ends: word_ends,
    } = scratch;
    if buf.len() < n + 1 {
        buf.resize(n + 1, 0);
    }
    if ENDS && word_ends.len() < n / 2 + 1 {
        word_ends.resize(n / 2 + 1, 0);
    }
    let mut len = 0usize;
    let mut words = 0usize;
    let mut in_word = false;
    let mut i = 0;
    while i < n {
        if bytes[i] < 0x80 {
            let state = ascii_run::<ENDS>(
                bytes,
                buf,
                word_ends,
                Walk {
                    i,
                    len,
                    words,
                    in_word,
                },
            );
            Walk {
                i,
                len,
                words,
                in_word,
            } = state;
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        if !c.is_alphanumeric() {
            if ENDS {
                word_ends[words] = len as u32;
                words += usize::from(in_word);
            }
            buf[len] = b' ';
            len += usize::from(in_word);
            in_word = false;
            i += c.len_utf8();
            continue;
        }
        // A word with a non-ASCII character: from its start to its end, lower-cased whole.
        // A word in progress here is ASCII (a word with a non-ASCII character is taken whole
        // below), written a byte for a byte: it starts after the last non-word byte.
        let mut start = i;
        if in_word {
            while start > 0 && bytes[start - 1] < 0x80 && ASCII_WORD[bytes[start - 1] as usize] != 0
            {
                start -= 1;
            }
        }
        let at = len - (i - start);
        while i < n {
            let (alnum, width) = if bytes[i] < 0x80 {
                (ASCII_WORD[bytes[i] as usize] != 0, 1)
            } else {
                let c = text[i..].chars().next().expect("i is on a char boundary");
                (c.is_alphanumeric(), c.len_utf8())
            };
            if !alnum {
                break;
            }
            i += width;
        }
        let lower = text[start..i].to_lowercase();
        len = at + lower.len();
        // Room for the word and the rest of the text, as at the start.
        if buf.len() < len + (n - i) + 1 {
            buf.resize(len + (n - i) + 1, 0);
        }
        buf[at..len].copy_from_slice(lower.as_bytes());
        in_word = true;
    }
    if in_word {
        if ENDS {
            word_ends[words] = len as u32;
            words += 1;
        }
        buf[len] = b' ';
        len += 1;
    }
    (len, words)
}

/// Where [`walk_words`] is: the next byte of the text, the length written to the buffer,
/// the words ended so far and whether the last byte was a word byte.
#[derive(Clone, Copy)]
struct Walk {
    i: usize,
    len: usize,
    words: usize,
    in_word: bool,
}

/// [`walk_words`] over ASCII bytes from `at.i` to the next non-ASCII byte or the end. Kept
/// out of line so that its state stays in registers.
///
/// Eight bytes go at once. Every byte before the first dropped one (a non-word byte after a
/// non-word byte, or first after one) is written, lower-cased or as a space, and each
/// non-word byte among them ends a word; the dropped byte is skipped, and the next eight
/// start after it. In prose most chunks drop nothing, and the others (". ", ", ") drop one
/// byte, so no byte goes alone except in the last seven of the text or before a non-ASCII
/// one.
#[inline(never)]
fn ascii_run<const ENDS: bool>(
    bytes: &[u8],
    buf: &mut [u8],
    word_ends: &mut [u32],
    at: Walk,
) -> Walk {
    use gazette_types::swar::{self, HIGH};
    /// A space (0x20, bit 5) in every lane.
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let Walk {
        mut i,
        mut len,
        mut words,
        mut in_word,
    } = at;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        if x & HIGH != 0 {
            break;
        }
        // Setting bit 5 lower-cases a capital, leaves a lower-case letter or a digit as it
        // is (their bit 5 is set), and maps no other byte into `a..=z`.
        let folded = x | SPACES;
        let word = swar::between(folded, b'a', b'z') | swar::between(x, b'0', b'9');
        let non = !word & HIGH;
        let non_before = (non << 8) | if in_word { 0 } else { 0x80 };
        let dropped = non & non_before;
        // Word lanes lower-cased, the others a space (bit 5 alone). All eight are written
        // (the buffer has room: `len <= i`), and `len` moves past the kept ones.
        let out = folded & (((word >> 7) * 0xFF) | SPACES);
        buf[len..len + 8].copy_from_slice(&out.to_le_bytes());
        // The lanes kept: all eight, or those before the first dropped one.
        let kept = if dropped == 0 {
            8
        } else {
            dropped.trailing_zeros() as usize / 8
        };
        if ENDS {
            let mut ends = if kept == 8 {
                non
            } else {
                non & ((1u64 << (8 * kept)) - 1)
            };
            while ends != 0 {
                let lane = ends.trailing_zeros() as usize / 8;
                word_ends[words] = (len + lane) as u32;
                words += 1;
                ends &= ends - 1;
            }
        }
        len += kept;
        if kept == 8 {
            i += 8;
            in_word = word >> 63 != 0;
        } else {
            // The dropped byte is a non-word byte: past it, no word is open.
            i += kept + 1;
            in_word = false;
        }
    }
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0x80 {
            break;
        }
        let m = ASCII_WORD[b as usize];
        let w = m != 0;
        if ENDS {
            word_ends[words] = len as u32;
            words += usize::from(!w & in_word);
        }
        // The lower-cased byte, or a space (0x20) for a non-word byte.
        buf[len] = m | (u8::from(!w) << 5);
        len += usize::from(w | in_word);
        in_word = w;
        i += 1;
    }
    Walk {
        i,
        len,
        words,
        in_word,
    }
}

/// The MinHash signature of a set of shingle hashes.
fn signature(shingles: &[u64]) -> Box<[u32; HASHES]> {
    // One slot at a time over all shingles: the running minimum stays in a register.
    let mut sig = Box::new([u32::MAX; HASHES]);
    for (slot, &seed) in sig.iter_mut().zip(SEEDS.iter()) {
        *slot = shingles
            .iter()
            .map(|&base| (mix(base ^ seed) >> 32) as u32)
            .fold(u32::MAX, u32::min);
    }
    sig
}

fn hash64<'w>(words: impl Iterator<Item = &'w [u8]>) -> u64 {
    // FNV-1a: deterministic across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for &b in w.iter().chain(&[0x1f]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// splitmix64 finaliser.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut i = 0;
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    while i < HASHES {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[i] = z ^ (z >> 31);
        i += 1;
    }
    seeds
};

fn band_key(rows: &[u32]) -> u64 {
    rows.iter()
        .fold(0x8422_2325u64, |h, &r| mix(h ^ u64::from(r)))
}

fn similarity(a: &[u32; HASHES], b: &[u32; HASHES]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / HASHES as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "The town council voted on Tuesday to rebuild the old stone bridge at a cost of one million pounds after years of debate among residents and engineers about its future.";

    /// The buffers a thread keeps hold the bytes of a longer body that came before; they
    /// never reach the hash or the shingles of the next.
    #[test]
    fn a_body_is_fingerprinted_alike_after_a_longer_one() {
        let short = "Ça va: the Bridge, rebuilt.";
        let fresh = std::thread::spawn(move || fingerprint(short, true))
            .join()
            .unwrap();
        let _ = fingerprint(&A.repeat(20), true);
        let after = fingerprint(short, true);
        assert_eq!(after.hash, fresh.hash);
        let mut d = Deduper::new(Some(0.8));
        assert_eq!(d.check("a", &fresh), Verdict::New);
        assert_eq!(d.check("b", &after), Verdict::Exact("a".into()));
    }

    #[test]
    fn exact_duplicates_ignore_case_and_spacing() {
        let mut d = Deduper::new(Some(0.8));
        assert_eq!(d.check("a", &fingerprint(A, true)), Verdict::New);
        let b = A.to_uppercase().replace(' ', "  \n");
        assert_eq!(
            d.check("b", &fingerprint(&b, true)),
            Verdict::Exact("a".into())
        );
    }

    #[test]
    fn near_duplicates_are_found_and_different_texts_are_not() {
        let mut d = Deduper::new(Some(0.7));
        assert_eq!(d.check("a", &fingerprint(A, true)), Verdict::New);
        let edited = A.replace("Tuesday", "Wednesday");
        match d.check("b", &fingerprint(&edited, true)) {
            Verdict::Near(of, sim) => {
                assert_eq!(of, "a");
                assert!(sim > 0.7 && sim < 1.0, "{sim}");
            }
            other => panic!("expected near duplicate, got {other:?}"),
        }
        let other = "Quarterly profits at the media giant jumped by three quarters to more than a billion dollars in the three months to December, helped by strong advertising sales.";
        assert_eq!(d.check("c", &fingerprint(other, true)), Verdict::New);
    }

    /// The fingerprint as first written (a word list, hashed word by word, 128 hashes per
    /// shingle): the faster one must give the same hash and signature.
    fn reference(text: &str) -> (u128, Option<Box<[u32; HASHES]>>) {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
        for w in &words {
            hasher.update(w.as_bytes());
            hasher.update(b" ");
        }
        let sig = (words.len() >= SHINGLE + 2).then(|| {
            let mut sig = Box::new([u32::MAX; HASHES]);
            for shingle in words.windows(SHINGLE) {
                let base = hash64(shingle.iter().map(|w| w.as_bytes()));
                for (i, slot) in sig.iter_mut().enumerate() {
                    let h = (mix(base ^ SEEDS[i]) >> 32) as u32;
                    if h < *slot {
                        *slot = h;
                    }
                }
            }
            sig
        });
        (hasher.digest128(), sig)
    }

    proptest::proptest! {
        /// Random mixes of ASCII, accented and other-script letters, digits, combining marks,
        /// punctuation and spaces: the fast word walk gives the reference hash and signature.
        #[test]
        fn fingerprint_matches_the_reference_on_any_text(
            text in "([a-zA-Z0-9]{0,6}|[ÉéßİΣσςЖж½²\u{301}]{1,2}|[ ,.;'’—]{1,2}){0,40}"
        ) {
            assert_matches_reference(&text);
        }

        /// ASCII prose and any printable ASCII: the eight-byte steps (taken when no byte is
        /// dropped) and the byte steps between them give the reference hash and signature.
        #[test]
        fn fingerprint_matches_the_reference_on_ascii(
            prose in "([a-zA-Z0-9]{1,12}[ ,.;:'()@`\\[\\]{}-]{1,3}){0,30}",
            any in "[ -~\t\n]{0,120}",
        ) {
            assert_matches_reference(&prose);
            assert_matches_reference(&any);
            assert_matches_reference(&format!("{prose}é{any}"));
        }
    }

    #[test]
    fn fingerprint_matches_the_reference() {
        for text in [
            A,
            "ΣΊΣΥΦΟΣ ΟΔΟΣ and Ünïcode words: Straße, İstanbul; the the the the the the.",
            "one two three four",
            "one two three four five",
            "Café ÉCOLE naïve x1Σ ΟΔΟΣ. İstanbul—über£5 ½ 3² x\u{301}y «Ab» end",
            "  ...leading and trailing punctuation... ",
            "ascii-only, with: punctuation; and NUMBERS 1,389 3.5%",
            "",
        ] {
            assert_matches_reference(text);
        }
    }

    /// The fingerprint of `text` has the reference's hash and MinHash signature.
    fn assert_matches_reference(text: &str) {
        let (hash, sig) = reference(text);
        let mut fp = fingerprint(text, true);
        assert_eq!(fp.hash, hash, "{text}");
        fp.sign();
        match (&fp.near, sig) {
            (Near::Ready(got), Some(want)) => assert_eq!(got, &want, "{text}"),
            (Near::None, None) => {}
            (got, want) => panic!("{text}: {got:?} vs {want:?}"),
        }
    }

    #[test]
    fn exact_duplicates_need_no_signature() {
        let mut d = Deduper::new(Some(0.8));
        let mut first = fingerprint(A, true);
        assert!(d.needs_signature(&first));
        first.sign();
        assert!(!d.needs_signature(&first));
        assert_eq!(d.check("a", &first), Verdict::New);
        let again = fingerprint(A, true);
        assert!(!d.needs_signature(&again));
        assert_eq!(d.check("b", &again), Verdict::Exact("a".into()));
    }

    #[test]
    fn near_detection_can_be_switched_off() {
        let mut d = Deduper::new(None);
        assert_eq!(d.check("a", &fingerprint(A, false)), Verdict::New);
        let edited = A.replace("Tuesday", "Wednesday");
        assert_eq!(d.check("b", &fingerprint(&edited, false)), Verdict::New);
    }
}
