//! Benchmarks of the content core: loading the shipped course, loading a synthetic course of
//! 10,000 questions, assembling a 20-question quiz from it, and importing a GIFT file of 10,000
//! questions.
#![allow(clippy::expect_used)] // a benchmark that cannot set up should stop loudly

use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

use beacon::quiz::{self, QuizSpec, Scope};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/synthetic.rs"]
mod synthetic;

use synthetic::{MODULES, QUESTIONS_PER_MODULE, write_synthetic};

/// A GIFT file as a teacher might bring from Moodle: 20 categories of 500 titled questions of
/// every kind GIFT has, with feedback, one in ten written in HTML.
fn synthetic_gift() -> String {
    let mut s = String::new();
    for m in 0..MODULES {
        let _ = write!(s, "$CATEGORY: $course$/top/Bench/Module {m}\n\n");
        for q in 0..QUESTIONS_PER_MODULE {
            let text = if q % 10 == 0 {
                format!("[html]<p>Question <b>{q}</b> of module {m}?</p>")
            } else {
                format!("Question {q} of module {m}?")
            };
            let answers = match q % 6 {
                0 => "=right#Yes. ~wrong#No. ~other ~none",
                1 => "~%50%one ~%50%two ~%-100%three ~%-100%four",
                2 => "TRUE#Not quite.#Right.",
                3 => "=Palermo =Palermo, Italy",
                4 => "#2000:1",
                _ => "=a -> 1 =b -> 2 =c -> 3",
            };
            let _ = write!(
                s,
                "::m{m}-q{q}:: {text} {{{answers} ####Because of fact {q}.}}\n\n"
            );
        }
    }
    s
}

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

    let gift = synthetic_gift();
    let imported = beacon::formats::gift::import(&gift, "bank.gift");
    assert!(imported.notes.is_empty(), "{:?}", &imported.notes[..1]);
    assert_eq!(
        imported.course.questions().count(),
        MODULES * QUESTIONS_PER_MODULE
    );
    let mut group = c.benchmark_group("GIFT file of 10000 questions");
    group.sample_size(20);
    group.bench_function("import", |b| {
        b.iter(|| black_box(beacon::formats::gift::import(&gift, "bank.gift")));
    });
    group.finish();
}

criterion_group!(course, benches);
criterion_main!(course);
