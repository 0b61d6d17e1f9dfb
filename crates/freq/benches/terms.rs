//! Counting the seed article 50 times (as 50 articles); asserts the word count so a broken
//! tokenizer or counter cannot look fast.

use criterion::{Criterion, criterion_group, criterion_main};
use gazette_freq::{CorpusCounts, CountOptions};
use gazette_types::Article;

const SEED: &str = include_str!("../../../data/fixtures/freq/nato-mission-2021-10-31.txt");

fn terms(c: &mut Criterion) {
    let articles: Vec<Article> = (0..50)
        .map(|i| Article::new(i.to_string(), "", SEED))
        .collect();
    let once = CorpusCounts::from_articles(&articles[..1], &CountOptions::default()).words();
    assert!(once > 1_000, "seed article has {once} words");
    c.bench_function("terms-seed-x50", |b| {
        b.iter(|| {
            let mut builder = CorpusCounts::builder(&CountOptions::default());
            builder.add(&articles);
            let counts = builder.finish();
            assert_eq!(counts.words(), once * 50);
            assert_eq!(
                counts.count("nato"),
                CorpusCounts::from_articles(&articles[..1], &CountOptions::default()).count("nato")
                    * 50
            );
        })
    });
}

criterion_group!(benches, terms);
criterion_main!(benches);
