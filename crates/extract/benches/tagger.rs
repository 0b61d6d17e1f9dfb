//! Tagging speed of the named-entity tagger on a public-domain speech in the repository
//! (Biden's 2021 address to Congress), one thread. Asserts counts so a broken tokenizer or
//! model cannot look fast.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazette_extract::actors::{ActorExtractor, Tagger, text};
use gazette_types::Article;

const SAMPLE: &str = include_str!("../../../data/fixtures/tokenize/sotu-2021-biden.txt");

fn tagger(c: &mut Criterion) {
    let tagger = Tagger::embedded();
    let sents = text::sentences(SAMPLE);
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.tokens.iter().map(|t| t.slice(SAMPLE)).collect())
        .collect();
    let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
    let tokens: usize = words.iter().map(Vec::len).sum();
    assert_eq!(tokens, TOKENS, "tokenizer changed: update TOKENS");
    let mut group = c.benchmark_group("ner");
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function("tag-sotu-2021", |b| {
        b.iter(|| {
            let ents: usize = tagger.tag_document(&refs).iter().map(Vec::len).sum();
            assert!(ents >= 300, "only {ents} entities");
            ents
        })
    });
    let extractor = ActorExtractor::new();
    let article = Article::new("sotu-2021", "", SAMPLE);
    group.bench_function("actors-sotu-2021", |b| {
        b.iter(|| {
            let found = extractor.extract(&article);
            assert!(found.actors.len() >= 80);
            found.actors.len()
        })
    });
    group.finish();
}

const TOKENS: usize = 9_802;

criterion_group!(benches, tagger);
criterion_main!(benches);
