//! Training the tagger: averaged structured perceptron (Collins 2002) with BILOU tags and
//! first-order Viterbi decoding. Deterministic: the sentence order of every epoch comes from
//! a fixed-seed generator, and nothing depends on hash-map iteration order.

use rayon::prelude::*;

use super::conll::ConllSentence;
use super::features::{DocContext, Resources, sentence_features};
use super::hash::FeatureMap;
use super::{Entity, NT, TYPES, Tagger, entities, model, viterbi};

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Features whose largest averaged weight is below this are left out of the model file.
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 2003,
            min_count: 1,
            prune: 0.05,
        }
    }
}

/// Exact-span precision, recall and F1, overall and per type.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Predictions with the same span and type as a gold entity.
    pub correct: usize,
    /// Per type (PER, ORG, LOC, MISC): (gold, predicted, correct).
    pub per_type: [(usize, usize, usize); 4],
}

impl Scores {
    fn f1_of(g: usize, p: usize, c: usize) -> f64 {
        if g + p == 0 {
            return 0.0;
        }
        2.0 * c as f64 / (g + p) as f64
    }

    /// Overall F1.
    pub fn f1(&self) -> f64 {
        Scores::f1_of(self.gold, self.predicted, self.correct)
    }

    /// F1 of one type (index into PER, ORG, LOC, MISC).
    pub fn f1_type(&self, i: usize) -> f64 {
        let (g, p, c) = self.per_type[i];
        Scores::f1_of(g, p, c)
    }

    fn add(&mut self, gold: &[Entity], pred: &[Entity]) {
        self.gold += gold.len();
        self.predicted += pred.len();
        for e in gold {
            self.per_type[type_index(e)].0 += 1;
        }
        for e in pred {
            self.per_type[type_index(e)].1 += 1;
            if gold.contains(e) {
                self.correct += 1;
                self.per_type[type_index(e)].2 += 1;
            }
        }
    }

    /// One line: `f1=0.9000 PER=… ORG=… LOC=… MISC=…`.
    pub fn summary(&self) -> String {
        format!(
            "f1={:.4} PER={:.4} ORG={:.4} LOC={:.4} MISC={:.4} (gold {}, predicted {}, correct {})",
            self.f1(),
            self.f1_type(0),
            self.f1_type(1),
            self.f1_type(2),
            self.f1_type(3),
            self.gold,
            self.predicted,
            self.correct
        )
    }
}

fn type_index(e: &Entity) -> usize {
    TYPES.iter().position(|t| *t == e.kind).expect("known type")
}

/// Scores a tagger on gold sentences.
pub fn evaluate(tagger: &Tagger, sentences: &[ConllSentence]) -> Scores {
    let per: Vec<(Vec<Entity>, Vec<Entity>)> = by_doc(sentences)
        .par_iter()
        .flat_map_iter(|doc| {
            let words: Vec<Vec<&str>> = doc
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
            let pred = tagger.tag_document(&refs);
            doc.iter()
                .map(|s| entities(&s.tags))
                .zip(pred)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut scores = Scores::default();
    for (g, p) in &per {
        scores.add(g, p);
    }
    scores
}

/// Sentences as dense feature ids.
struct Encoded {
    feats: Vec<u32>,
    /// Per sentence: token offsets into `feats` (len = tokens + 1).
    offsets: Vec<Vec<u32>>,
}

/// Groups consecutive sentences of the same document.
fn by_doc(sentences: &[ConllSentence]) -> Vec<&[ConllSentence]> {
    let mut out = Vec::new();
    let mut s = 0;
    for i in 1..=sentences.len() {
        if i == sentences.len() || sentences[i].doc != sentences[s].doc {
            out.push(&sentences[s..i]);
            s = i;
        }
    }
    out
}

fn extract(sentences: &[ConllSentence], res: &Resources) -> Vec<(Vec<u64>, Vec<u32>)> {
    by_doc(sentences)
        .par_iter()
        .flat_map_iter(|doc| {
            let words: Vec<Vec<&str>> = doc
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
            let ctx = DocContext::new(&refs, res);
            refs.iter()
                .map(|w| {
                    let mut f = Vec::new();
                    let mut o = Vec::new();
                    sentence_features(w, res, Some(&ctx), &mut f, &mut o);
                    (f, o)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn encode(raw: &[(Vec<u64>, Vec<u32>)], ids: &FeatureMap<u32>) -> Encoded {
    let mut feats = Vec::new();
    let mut offsets = Vec::with_capacity(raw.len());
    for (f, o) in raw {
        let mut offs = Vec::with_capacity(o.len());
        offs.push(feats.len() as u32);
        for w in o.windows(2) {
            for h in &f[w[0] as usize..w[1] as usize] {
                if let Some(&id) = ids.get(h) {
                    feats.push(id);
                }
            }
            offs.push(feats.len() as u32);
        }
        offsets.push(offs);
    }
    Encoded { feats, offsets }
}

fn decode(enc: &Encoded, s: usize, w: &[f32], trans: &[f32], start: &[f32]) -> Vec<usize> {
    let offs = &enc.offsets[s];
    let n = offs.len() - 1;
    let mut scores = vec![0f32; n * NT];
    for i in 0..n {
        let row = &mut scores[i * NT..(i + 1) * NT];
        for &f in &enc.feats[offs[i] as usize..offs[i + 1] as usize] {
            let wr = &w[f as usize * NT..(f as usize + 1) * NT];
            for (a, b) in row.iter_mut().zip(wr) {
                *a += b;
            }
        }
    }
    viterbi(&scores, trans, start)
}

/// A small deterministic generator (xorshift64*).
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

/// Parameters with the averaging trick of Daumé (2006): `avg = w - u / c`.
struct Averaged {
    w: Vec<f32>,
    u: Vec<f64>,
}

impl Averaged {
    fn new(n: usize) -> Self {
        Averaged {
            w: vec![0.0; n],
            u: vec![0.0; n],
        }
    }
    #[inline]
    fn add(&mut self, i: usize, d: f32, c: f64) {
        self.w[i] += d;
        self.u[i] += c * f64::from(d);
    }
    fn average(&self, c: f64) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| (f64::from(*w) - u / c) as f32)
            .collect()
    }
}

/// Trains a model. `log` receives one progress line per epoch. Returns the model file bytes.
pub fn train(
    train: &[ConllSentence],
    dev: Option<&[ConllSentence]>,
    opts: &TrainOptions,
    mut log: impl FnMut(&str),
) -> Vec<u8> {
    let res = Tagger::resources();
    let raw = extract(train, &res);
    // Dense ids for features seen at least `min_count` times, in first-seen order.
    let mut counts: FeatureMap<u32> = FeatureMap::default();
    let mut order: Vec<u64> = Vec::new();
    for (f, _) in &raw {
        for h in f {
            let c = counts.entry(*h).or_insert(0);
            if *c == 0 {
                order.push(*h);
            }
            *c += 1;
        }
    }
    let mut ids: FeatureMap<u32> = FeatureMap::default();
    let mut hashes: Vec<u64> = Vec::new();
    for h in &order {
        if counts[h] >= opts.min_count {
            ids.insert(*h, hashes.len() as u32);
            hashes.push(*h);
        }
    }
    drop(counts);
    log(&format!(
        "{} sentences, {} features (of {} seen)",
        train.len(),
        hashes.len(),
        order.len()
    ));
    let enc = encode(&raw, &ids);
    drop(raw);
    let dev_enc = dev.map(|d| encode(&extract(d, &res), &ids));
    let nf = hashes.len();
    let mut w = Averaged::new(nf * NT);
    let mut trans = Averaged::new(NT * NT);
    let mut start = Averaged::new(NT);
    let mut c = 1f64;
    let mut rng = Rng(opts.seed | 1);
    let mut order: Vec<usize> = (0..train.len()).collect();
    for epoch in 1..=opts.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &s in &order {
            let gold = &train[s].tags;
            let pred = decode(&enc, s, &w.w, &trans.w, &start.w);
            if pred != *gold {
                errors += 1;
                let offs = &enc.offsets[s];
                for (i, (&g, &p)) in gold.iter().zip(&pred).enumerate() {
                    if g != p {
                        for &f in &enc.feats[offs[i] as usize..offs[i + 1] as usize] {
                            w.add(f as usize * NT + g, 1.0, c);
                            w.add(f as usize * NT + p, -1.0, c);
                        }
                    }
                    let (gp, pp) = if i == 0 {
                        (None, None)
                    } else {
                        (Some(gold[i - 1]), Some(pred[i - 1]))
                    };
                    if (gp, g) != (pp, p) {
                        match gp {
                            None => start.add(g, 1.0, c),
                            Some(a) => trans.add(a * NT + g, 1.0, c),
                        }
                        match pp {
                            None => start.add(p, -1.0, c),
                            Some(a) => trans.add(a * NT + p, -1.0, c),
                        }
                    }
                }
            }
            c += 1.0;
        }
        let mut line = format!("epoch {epoch}: {errors} sentences wrong");
        if let (Some(dev), Some(de)) = (dev, &dev_enc) {
            let (aw, at, as_) = (w.average(c), trans.average(c), start.average(c));
            let per: Vec<(Vec<Entity>, Vec<Entity>)> = (0..dev.len())
                .into_par_iter()
                .map(|s| {
                    (
                        entities(&dev[s].tags),
                        entities(&decode(de, s, &aw, &at, &as_)),
                    )
                })
                .collect();
            let mut sc = Scores::default();
            for (g, p) in &per {
                sc.add(g, p);
            }
            line.push_str(&format!("; dev {}", sc.summary()));
        }
        log(&line);
    }
    let aw = w.average(c);
    let mut kept: Vec<(u64, Vec<f32>)> = Vec::new();
    for (i, h) in hashes.iter().enumerate() {
        let row = &aw[i * NT..(i + 1) * NT];
        if row.iter().any(|x| x.abs() >= opts.prune) {
            kept.push((*h, row.to_vec()));
        }
    }
    log(&format!("model keeps {} of {} features", kept.len(), nf));
    model::encode(&kept, &start.average(c), &trans.average(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trains from `NER_TRAIN` (and `NER_DEV`) and writes `NER_OUT`, without the CLI:
    /// `NER_TRAIN=… NER_OUT=… cargo test --release -p gazette-extract train_from_env -- --ignored`.
    #[test]
    #[ignore]
    fn train_from_env() {
        let (Ok(tr), Ok(out)) = (std::env::var("NER_TRAIN"), std::env::var("NER_OUT")) else {
            return;
        };
        let sentences = crate::actors::ner::read_conll(&std::fs::read_to_string(tr).unwrap());
        let dev = std::env::var("NER_DEV")
            .ok()
            .map(|d| crate::actors::ner::read_conll(&std::fs::read_to_string(d).unwrap()));
        let mut opts = TrainOptions::default();
        if let Ok(e) = std::env::var("NER_EPOCHS") {
            opts.epochs = e.parse().unwrap();
        }
        let bytes = train(&sentences, dev.as_deref(), &opts, |l| eprintln!("{l}"));
        std::fs::write(out, &bytes).unwrap();
        let tagger = Tagger::from_bytes(&bytes).unwrap();
        if let Some(dev) = &dev {
            eprintln!("final {}", evaluate(&tagger, dev).summary());
        }
    }
}
