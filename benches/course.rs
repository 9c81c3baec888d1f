//! Benchmarks of the content core: loading the shipped course, loading a synthetic course of
#![allow(clippy::expect_used)] // a benchmark that cannot set up should stop loudly
//! 10,000 questions, and assembling a 20-question quiz from it.

use std::hint::black_box;
use std::path::Path;

use beacon::quiz::{self, QuizSpec, Scope};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/synthetic.rs"]
mod synthetic;

use synthetic::{MODULES, QUESTIONS_PER_MODULE, write_synthetic};

fn benches(c: &mut Criterion) {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    c.bench_function("load shipped course", |b| {
        b.iter(|| black_box(beacon::storage::folder::load_folder(&shipped).expect("loads")));
    });

    let tmp = tempfile::tempdir().expect("temp dir");
    write_synthetic(tmp.path());
    let loaded = beacon::storage::folder::load_folder(tmp.path()).expect("loads");
    assert_eq!(loaded.errors().count(), 0, "synthetic course is valid");
    let total: usize = loaded
        .course
        .modules
        .iter()
        .map(|m| m.questions.len())
        .sum();
    assert_eq!(total, MODULES * QUESTIONS_PER_MODULE);

    let mut group = c.benchmark_group("synthetic 10000 questions");
    group.sample_size(20);
    group.bench_function("load", |b| {
        b.iter(|| black_box(beacon::storage::folder::load_folder(tmp.path()).expect("loads")));
    });
    let spec = QuizSpec {
        scope: Scope::Course,
        count: 20,
        generated: false,
    };
    let mut seed = 0u64;
    group.bench_function("assemble 20 questions", |b| {
        b.iter(|| {
            seed += 1;
            black_box(quiz::assemble(&loaded.course, &spec, seed))
        });
    });
    let with_generated = QuizSpec {
        generated: true,
        ..spec.clone()
    };
    group.bench_function("assemble 20 questions with generated", |b| {
        b.iter(|| {
            seed += 1;
            black_box(quiz::assemble(&loaded.course, &with_generated, seed))
        });
    });
    group.finish();
}

criterion_group!(course, benches);
criterion_main!(course);
