//! Analysis throughput (`cargo bench --bench analysis`): MB/s of `analyze()` on one core for a
//! news article written for the benchmarks, all polnear-train articles concatenated into one
//! text, and a whole pdnc-dev novel. The corpora are read from `../shared` at run time;
//! without it, generated texts of the same kind stand in (the benchmark names say which).

mod common;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use quotelens::analysis::{Options, analyze};
use std::hint::black_box;
use std::time::Duration;

fn throughput(c: &mut Criterion) {
    let options = Options::default();
    let texts = [
        common::Text {
            label: "news article (benches/fixtures/dock-strike.txt)".into(),
            text: common::NEWS_ARTICLE.to_string(),
        },
        common::polnear_train_concatenation(),
        common::pdnc_novel(),
    ];
    let mut group = c.benchmark_group("analyze");
    for t in &texts {
        let big = t.text.len() > 100_000;
        group
            .throughput(Throughput::Bytes(t.text.len() as u64))
            .sample_size(if big { 10 } else { 100 })
            .warm_up_time(Duration::from_secs(if big { 1 } else { 3 }))
            .measurement_time(Duration::from_secs(if big { 20 } else { 5 }));
        let id = BenchmarkId::from_parameter(format!("{} ({} bytes)", t.label, t.text.len()));
        group.bench_with_input(id, &t.text, |b, text| {
            b.iter(|| analyze(black_box(text), &options))
        });
    }
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
