//! Tokenizer throughput on real, redistributable text: the seed article and the 2021 State of
//! the Union address (public domain). Token counts are asserted so that a broken tokenizer
//! cannot look fast. Run with `cargo bench -p gazette-tokenize`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazette_tokenize::{Tokenizer, sentence_spans};

const SEED: &str = include_str!("../../../data/fixtures/tokenize/nato-mission-2021-10-31.txt");
const SOTU: &str = include_str!("../../../data/fixtures/tokenize/sotu-2021-biden.txt");
const SEED_TOKENS: usize = 1_384;
const SOTU_TOKENS: usize = 9_749;
const SOTU_SENTENCES: usize = 570;

fn tokenizer(c: &mut Criterion) {
    let t = Tokenizer::default();
    assert_eq!(t.tokenize(SEED).len(), SEED_TOKENS);
    assert_eq!(t.tokenize(SOTU).len(), SOTU_TOKENS);
    assert_eq!(sentence_spans(SOTU).len(), SOTU_SENTENCES);

    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Elements(SEED_TOKENS as u64));
    g.bench_function("seed", |b| {
        b.iter(|| assert_eq!(t.tokenize(black_box(SEED)).len(), SEED_TOKENS))
    });
    g.throughput(Throughput::Elements(SOTU_TOKENS as u64));
    g.bench_function("sotu-2021", |b| {
        b.iter(|| assert_eq!(t.tokenize(black_box(SOTU)).len(), SOTU_TOKENS))
    });
    g.bench_function("sotu-2021-spans-only", |b| {
        b.iter(|| assert_eq!(t.token_spans(black_box(SOTU)).count(), SOTU_TOKENS))
    });
    g.bench_function("sotu-2021-sentences", |b| {
        b.iter(|| assert_eq!(t.sentences(black_box(SOTU)).len(), SOTU_SENTENCES))
    });
    g.bench_function("sotu-2021-sentence-spans", |b| {
        b.iter(|| assert_eq!(sentence_spans(black_box(SOTU)).len(), SOTU_SENTENCES))
    });
    let stem = Tokenizer::builder().stem(true).build();
    g.bench_function("sotu-2021-stemmed", |b| {
        b.iter(|| assert_eq!(stem.tokenize(black_box(SOTU)).len(), SOTU_TOKENS))
    });
    g.finish();
}

criterion_group!(benches, tokenizer);
criterion_main!(benches);
