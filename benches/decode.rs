//! Decoding one real `/pokemon/{id}` body (`tests/fixtures/pokeapi/pokemon/25.json`, 280 kB):
//! what each batch item and each detail page costs in CPU before anything is shown.
//!
//! `cargo bench --bench decode`. `raw + typed` is what `Http::get_json` does (check and keep the
//! raw body, then decode the typed fields from it); the others show what each half costs.

use apidex::api::pokeapi::models::Pokemon;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::value::RawValue;

fn decode(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pokeapi/pokemon/25.json"
    );
    let body = std::fs::read(path).expect("the pikachu fixture");
    let mut group = c.benchmark_group("decode pokemon");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("raw + typed", |b| {
        b.iter(|| {
            let raw: Box<RawValue> = serde_json::from_slice(&body).expect("JSON");
            let typed: Pokemon = serde_json::from_str(raw.get()).expect("pokemon");
            (raw, typed)
        });
    });
    group.bench_function("typed only", |b| {
        b.iter(|| serde_json::from_slice::<Pokemon>(&body).expect("pokemon"));
    });
    group.bench_function("raw only", |b| {
        b.iter(|| serde_json::from_slice::<Box<RawValue>>(&body).expect("JSON"));
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
