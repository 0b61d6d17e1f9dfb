//! Figure extraction throughput on real text: the 2021 State of the Union address
//! (public domain, `data/fixtures/tokenize/`). Asserts the figure count so a broken parser
//! cannot look fast.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazette_types::Article;

const SOTU: &str = include_str!("../../../data/fixtures/tokenize/sotu-2021-biden.txt");

fn figures(c: &mut Criterion) {
    let mut article = Article::new("sotu-2021", "State of the Union", SOTU);
    article.published = Some("2021-04-28".into());
    let expected = gazette_extract::figures::extract(&article).len();
    assert_eq!(expected, 200, "figures in the 2021 State of the Union");
    let mut group = c.benchmark_group("figures");
    group.throughput(Throughput::Bytes(SOTU.len() as u64));
    group.bench_function("extract-sotu-2021", |b| {
        b.iter(|| {
            let n = gazette_extract::figures::extract(&article).len();
            assert_eq!(n, expected);
        })
    });
    group.finish();
}

criterion_group!(benches, figures);
criterion_main!(benches);
