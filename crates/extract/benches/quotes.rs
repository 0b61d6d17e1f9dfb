//! Quote finding speed on real text in the repository: the WSWS article on the NATO mission
//! (`data/fixtures/tokenize/nato-mission-2021-10-31.txt`) and the 2021 State of the Union
//! (public domain), one thread. The speakers come from the actor extractor, run once outside
//! the timed loop. Asserts the quote counts so a broken finder cannot look fast.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazette_extract::actors::ActorExtractor;
use gazette_extract::quotes;
use gazette_types::Article;

const NATO: &str = include_str!("../../../data/fixtures/tokenize/nato-mission-2021-10-31.txt");
const SOTU: &str = include_str!("../../../data/fixtures/tokenize/sotu-2021-biden.txt");

/// Statements found in the NATO article with the actor extractor's actors as speakers.
const NATO_QUOTES: usize = 30;
/// Statements found in the State of the Union the same way.
const SOTU_QUOTES: usize = 139;
/// Statements found in the NATO article with speakers proposed from capitalised names.
const NATO_FALLBACK: usize = 30;

fn quote_finder(c: &mut Criterion) {
    let extractor = ActorExtractor::new();
    let mut group = c.benchmark_group("quotes");
    for (name, text, expected) in [
        ("extract-nato-2021", NATO, NATO_QUOTES),
        ("extract-sotu-2021", SOTU, SOTU_QUOTES),
    ] {
        let article = Article::new(name, "", text);
        let actors = quotes::body_actors(&article, &extractor.extract(&article));
        assert_eq!(
            quotes::extract(&article, &actors).len(),
            expected,
            "quotes in {name}"
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let n = quotes::extract(&article, &actors).len();
                assert_eq!(n, expected);
                n
            })
        });
    }
    let article = Article::new("nato", "", NATO);
    let fallback = quotes::extract_with_fallback(&article).len();
    assert_eq!(fallback, NATO_FALLBACK, "quotes with fallback speakers");
    group.bench_function("fallback-nato-2021", |b| {
        b.iter(|| {
            let n = quotes::extract_with_fallback(&article).len();
            assert_eq!(n, fallback);
            n
        })
    });
    group.finish();
}

criterion_group!(benches, quote_finder);
criterion_main!(benches);
