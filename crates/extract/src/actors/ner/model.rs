//! The model file: a small binary format, little-endian.
//!
//! ```text
//! magic "GZNER\x01" | u32 features | f32 start[17] | f32 trans[17*17]
//! | u32 key[features] (sorted) | f32 scale[features] | i8 weight[features*17]
//! ```
//! Keys are 32-bit folds of the 64-bit feature hashes; weights are quantised per row
//! (`weight * scale`), which keeps the file a few megabytes.

use super::{NT, Weights};
use crate::actors::Error;

const MAGIC: &[u8; 6] = b"GZNER\x01";

/// Folds a 64-bit feature hash to the 32-bit key stored in the model.
#[inline]
pub(crate) fn key32(h: u64) -> u64 {
    (h ^ (h >> 32)) & 0xffff_ffff
}

/// Serialises weights: `rows` are keyed by full 64-bit hashes in `features`.
pub(crate) fn encode(features: &[(u64, Vec<f32>)], start: &[f32], trans: &[f32]) -> Vec<u8> {
    let mut merged: std::collections::BTreeMap<u32, Vec<f32>> = Default::default();
    for (h, row) in features {
        let k = key32(*h) as u32;
        let e = merged.entry(k).or_insert_with(|| vec![0.0; NT]);
        for (a, b) in e.iter_mut().zip(row) {
            *a += b;
        }
    }
    let mut out = Vec::with_capacity(merged.len() * 25 + 2048);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(merged.len() as u32).to_le_bytes());
    for x in start.iter().chain(trans) {
        out.extend_from_slice(&x.to_le_bytes());
    }
    for k in merged.keys() {
        out.extend_from_slice(&k.to_le_bytes());
    }
    let mut scales = Vec::with_capacity(merged.len());
    for row in merged.values() {
        let m = row.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if m > 0.0 { m / 127.0 } else { 1.0 };
        scales.push(scale);
        out.extend_from_slice(&scale.to_le_bytes());
    }
    for (row, scale) in merged.values().zip(&scales) {
        for x in row {
            out.push((x / scale).round().clamp(-127.0, 127.0) as i8 as u8);
        }
    }
    out
}

/// Reads a model file.
pub(crate) fn decode(bytes: &[u8]) -> Result<Weights, Error> {
    let bad = |why: &str| Error::Model(why.to_string());
    if bytes.len() < MAGIC.len() + 4 || &bytes[..MAGIC.len()] != MAGIC {
        return Err(bad("not a gazette NER model (bad magic)"));
    }
    let mut pos = MAGIC.len();
    let u32_at = |p: usize| u32::from_le_bytes(bytes[p..p + 4].try_into().expect("4 bytes"));
    let n = u32_at(pos) as usize;
    pos += 4;
    let need = pos + (NT + NT * NT) * 4 + n * (4 + 4 + NT);
    if bytes.len() != need {
        return Err(bad("truncated or oversized model file"));
    }
    let f32_at = |p: usize| f32::from_le_bytes(bytes[p..p + 4].try_into().expect("4 bytes"));
    let mut start = Vec::with_capacity(NT);
    for _ in 0..NT {
        start.push(f32_at(pos));
        pos += 4;
    }
    let mut trans = Vec::with_capacity(NT * NT);
    for _ in 0..NT * NT {
        trans.push(f32_at(pos));
        pos += 4;
    }
    let keys: Vec<u32> = (0..n).map(|i| u32_at(pos + i * 4)).collect();
    pos += n * 4;
    let scales: Vec<f32> = (0..n).map(|i| f32_at(pos + i * 4)).collect();
    pos += n * 4;
    let rows: Vec<i8> = bytes[pos..pos + n * NT].iter().map(|b| *b as i8).collect();
    Ok(Weights::new(&keys, &rows, &scales, trans, start))
}
