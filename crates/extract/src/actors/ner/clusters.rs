//! Learning word clusters from unlabelled text (used once, to write `data/clusters.tsv`).
//!
//! Each frequent word gets a vector of its left and right neighbours (log counts over the
//! most frequent context words, randomly projected to a few dimensions); k-means groups the
//! words into fine clusters, and k-means over the fine centroids gives the coarser levels,
//! so the three ids form a small hierarchy as Brown cluster prefixes do. The capitalisation
//! share (how often a word is capitalised when not first in its sentence) comes along.

use std::collections::HashMap;

use rayon::prelude::*;

use super::features::normalise;
use crate::actors::text;

/// Settings of [`learn`].
pub struct ClusterOptions {
    /// Words kept (most frequent first).
    pub vocabulary: usize,
    /// Minimum count of a kept word.
    pub min_count: u32,
    /// Context words (most frequent first).
    pub contexts: usize,
    /// Dimensions after projection.
    pub dims: usize,
    /// Cluster counts, coarse to fine.
    pub levels: [usize; 3],
    /// k-means iterations.
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            vocabulary: 60_000,
            min_count: 4,
            contexts: 1500,
            dims: 96,
            levels: [64, 256, 1024],
            iterations: 12,
        }
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Learns clusters from `texts` and returns the lexicon file contents.
pub fn learn(texts: &[String], opts: &ClusterOptions) -> String {
    // Lower-cased token sequences per sentence, and capitalisation counts.
    let sents: Vec<Vec<(String, bool)>> = texts
        .par_iter()
        .flat_map_iter(|t| {
            text::sentences(t)
                .into_iter()
                .map(|s| {
                    s.tokens
                        .iter()
                        .map(|sp| {
                            let w = normalise(sp.slice(t));
                            let cap = w.chars().next().is_some_and(char::is_uppercase);
                            (w.to_lowercase(), cap)
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut counts: HashMap<&str, (u32, u32, u32)> = HashMap::new();
    for s in &sents {
        for (i, (w, cap)) in s.iter().enumerate() {
            let e = counts.entry(w.as_str()).or_insert((0, 0, 0));
            e.0 += 1;
            if i > 0 {
                e.1 += 1;
                if *cap {
                    e.2 += 1;
                }
            }
        }
    }
    let mut vocab: Vec<(&str, u32)> = counts
        .iter()
        .filter(|(_, c)| c.0 >= opts.min_count)
        .map(|(w, c)| (*w, c.0))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    vocab.truncate(opts.vocabulary);
    let index: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let nctx = opts.contexts.min(vocab.len());
    // Random ±1 projection of the 2 * nctx context dimensions.
    let mut rng = Rng((0x005e_edc1_u64 << 8) | 1);
    let d = opts.dims;
    let proj: Vec<f32> = (0..2 * nctx * d)
        .map(|_| if rng.next() & 1 == 0 { 1.0 } else { -1.0 })
        .collect();
    let mut ctx: Vec<HashMap<u32, u32>> = vec![HashMap::new(); vocab.len()];
    for s in &sents {
        for i in 0..s.len() {
            let Some(&w) = index.get(s[i].0.as_str()) else {
                continue;
            };
            if i > 0
                && let Some(&c) = index.get(s[i - 1].0.as_str())
                && c < nctx
            {
                *ctx[w].entry(c as u32).or_insert(0) += 1;
            }
            if i + 1 < s.len()
                && let Some(&c) = index.get(s[i + 1].0.as_str())
                && c < nctx
            {
                *ctx[w].entry((nctx + c) as u32).or_insert(0) += 1;
            }
        }
    }
    let vecs: Vec<Vec<f32>> = ctx
        .par_iter()
        .map(|m| {
            let mut v = vec![0f32; d];
            for (&c, &n) in m {
                let wgt = (1.0 + n as f32).ln();
                let p = &proj[c as usize * d..(c as usize + 1) * d];
                for (a, b) in v.iter_mut().zip(p) {
                    *a += wgt * b;
                }
            }
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|x| *x /= norm);
            v
        })
        .collect();
    let fine = kmeans(&vecs, opts.levels[2], opts.iterations, 7);
    let cents = centroids(&vecs, &fine, opts.levels[2], d);
    let mid = kmeans(&cents, opts.levels[1], opts.iterations * 2, 11);
    let coarse = kmeans(&cents, opts.levels[0], opts.iterations * 2, 13);
    let mut out = String::from(
        "# word\tcoarse\tmid\tfine\tcaps (tenths of non-initial occurrences capitalised)\n",
    );
    for (i, (w, _)) in vocab.iter().enumerate() {
        if w.contains(char::is_whitespace) || w.is_empty() {
            continue;
        }
        let f = fine[i];
        let c = counts[w];
        let caps = (c.2 * 10 + c.1 / 2).checked_div(c.1).unwrap_or(0);
        out.push_str(&format!("{w}\t{}\t{}\t{f}\t{caps}\n", coarse[f], mid[f]));
    }
    out
}

fn centroids(vecs: &[Vec<f32>], assign: &[usize], k: usize, d: usize) -> Vec<Vec<f32>> {
    let mut c = vec![vec![0f32; d]; k];
    let mut n = vec![0usize; k];
    for (v, &a) in vecs.iter().zip(assign) {
        n[a] += 1;
        for (x, y) in c[a].iter_mut().zip(v) {
            *x += y;
        }
    }
    for (ci, ni) in c.iter_mut().zip(&n) {
        if *ni > 0 {
            let norm = ci.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            ci.iter_mut().for_each(|x| *x /= norm);
        }
    }
    c
}

/// Spherical k-means (cosine), deterministic initialisation from a seed.
fn kmeans(vecs: &[Vec<f32>], k: usize, iters: usize, seed: u64) -> Vec<usize> {
    let k = k.min(vecs.len()).max(1);
    let d = vecs.first().map_or(0, Vec::len);
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    // Initial centres: the most frequent words spread out by stride plus jitter.
    let mut cents: Vec<Vec<f32>> = (0..k)
        .map(|i| {
            let j = (i * vecs.len() / k + (rng.next() % 7) as usize).min(vecs.len() - 1);
            vecs[j].clone()
        })
        .collect();
    let mut assign = vec![0usize; vecs.len()];
    for _ in 0..iters {
        assign = vecs
            .par_iter()
            .map(|v| {
                let mut best = 0;
                let mut bs = f32::NEG_INFINITY;
                for (ci, c) in cents.iter().enumerate() {
                    let s: f32 = v.iter().zip(c).map(|(a, b)| a * b).sum();
                    if s > bs {
                        bs = s;
                        best = ci;
                    }
                }
                best
            })
            .collect();
        let new = centroids(vecs, &assign, k, d);
        for (c, n) in cents.iter_mut().zip(new) {
            if n.iter().any(|x| *x != 0.0) {
                *c = n;
            }
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Learns `data/clusters.tsv` from the text files under `CLUSTER_CORPUS` (colon-separated
    /// folders) and writes `CLUSTER_OUT`.
    #[test]
    #[ignore]
    fn learn_from_env() {
        let (Ok(dirs), Ok(out)) = (
            std::env::var("CLUSTER_CORPUS"),
            std::env::var("CLUSTER_OUT"),
        ) else {
            return;
        };
        let mut texts = Vec::new();
        for dir in dirs.split(':') {
            collect(std::path::Path::new(dir), &mut texts);
        }
        eprintln!("{} texts", texts.len());
        let lex = learn(&texts, &ClusterOptions::default());
        std::fs::write(out, lex).unwrap();
    }

    fn collect(p: &std::path::Path, out: &mut Vec<String>) {
        if p.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(p)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect();
            entries.sort();
            for e in entries {
                collect(&e, out);
            }
            return;
        }
        let Ok(raw) = std::fs::read(p) else { return };
        let text = String::from_utf8_lossy(&raw).into_owned();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        match ext {
            "json" | "jsonl" => {
                for line in text.lines() {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                        strings(&v, out);
                    }
                }
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                    strings(&v, out);
                }
            }
            "txt" | "" => out.push(text),
            _ => {}
        }
    }

    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if s.len() > 200 => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
}
