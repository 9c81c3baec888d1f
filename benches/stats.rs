//! Benchmark of the class report: 10,000 learners who each answered 200 questions (2 million
//! answer rows, one attempt per learner, in Beacon's results CSV), read and analysed.
#![allow(clippy::expect_used)] // a benchmark that cannot set up should stop loudly

use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

use beacon::formats::results_csv::CSV_HEADER;
use beacon::stats::{self, Options, Pool};
use criterion::{Criterion, criterion_group, criterion_main};
use rand::{RngExt, SeedableRng};

const LEARNERS: usize = 10_000;
const MODULES: usize = 10;
const PER_MODULE: usize = 20;
const QUESTIONS: usize = MODULES * PER_MODULE;

/// A course of 200 single-choice questions.
fn write_course(dir: &Path) {
    let ids: Vec<String> = (0..MODULES).map(|m| format!("\"m{m}\"")).collect();
    std::fs::write(
        dir.join("course.toml"),
        format!(
            "id = \"bench\"\ntitle = \"Bench\"\nversion = \"1\"\nlanguage = \"en\"\n\
             description = \"Bench.\"\ncontent_note = \"Bench.\"\nmodules = [{}]\n\n\
         [[sources]]\nid = \"seed\"\ntitle = \"Source article\"\n\n\
         [[sources]]\nid = \"facts\"\ntitle = \"Fact check\"\n",
            ids.join(", ")
        ),
    )
    .expect("write course.toml");
    for m in 0..MODULES {
        let mut s = format!(
            "id = \"m{m}\"\ntitle = \"Module {m}\"\nsummary = \"S.\"\nobjectives = [\"O.\"]\n\n\
             [[sections]]\nid = \"s\"\ntitle = \"Section\"\n\n[[facts]]\nid = \"m{m}.f\"\n\
             section = \"s\"\ntext = \"A fact.\"\nsource = \"seed:P2\"\n\n"
        );
        for q in 0..PER_MODULE {
            let _ = write!(
                s,
                "[[questions]]\nid = \"m{m}.q{q}\"\nkind = \"single\"\nprompt = \"Pick.\"\n\
                 choices = [\"A\", \"B\", \"C\", \"D\"]\nanswer = \"B\"\nfacts = [\"m{m}.f\"]\n\
                 difficulty = 1\nexplanation = \"B.\"\n\n"
            );
        }
        std::fs::write(dir.join(format!("m{m:02}.toml")), s).expect("write module");
    }
}

/// Beacon's results CSV: per learner an attempt row, then 200 answer rows.
fn results_csv() -> Vec<u8> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut out = CSV_HEADER.join(",");
    out.push('\n');
    for l in 0..LEARNERS {
        let ability: f64 = rng.random();
        let id = format!("00000000-0000-5000-8000-{l:012}");
        let mut rows = String::new();
        let mut total = 0.0;
        for n in 0..QUESTIONS {
            let right = rng.random::<f64>() < 0.3 + 0.6 * ability;
            total += f64::from(u8::from(right));
            let (outcome, score, choice) = if right {
                ("right", "1", 1)
            } else {
                ("wrong", "0", [0, 2, 3][n % 3])
            };
            let _ = writeln!(
                rows,
                "Learner {l},,,final,,2026-11-28T09:{:02}:{:02}Z,{score},1,,,PT5S,5,answer,{id},{id},{},m{}.q{},{outcome},c{choice}",
                n / 60,
                n % 60,
                n + 1,
                n / PER_MODULE,
                n % PER_MODULE
            );
        }
        let _ = writeln!(
            out,
            "Learner {l},bench,1,final,Final assessment,2026-11-28T10:00:00Z,{total},{QUESTIONS},{},,PT20M,1200,attempt,{id},{id},,,,",
            (total / QUESTIONS as f64 * 100.0).round()
        );
        out.push_str(&rows);
    }
    out.into_bytes()
}

fn benches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    write_course(tmp.path());
    let course = beacon::storage::folder::load_folder(tmp.path())
        .expect("loads")
        .course;
    assert_eq!(course.questions().count(), QUESTIONS);
    let bytes = results_csv();
    eprintln!(
        "results CSV: {:.0} MB, {} rows",
        bytes.len() as f64 / 1e6,
        LEARNERS * (QUESTIONS + 1)
    );
    let report = |bytes: &[u8]| {
        let mut pool = Pool::new();
        pool.read("results.csv", bytes, &course);
        stats::analyse(&pool, &course, &Options::default())
    };
    let check = report(&bytes);
    assert_eq!(check.learners, LEARNERS);
    assert_eq!(check.questions.len(), QUESTIONS);
    assert!(check.tests[0].alpha.is_some() && check.notes.is_empty());
    let mut group = c.benchmark_group("class report");
    group.sample_size(10);
    group.bench_function("10,000 learners x 200 questions from CSV", |b| {
        b.iter(|| black_box(report(black_box(&bytes))));
    });
    group.finish();
}

criterion_group!(stats_bench, benches);
criterion_main!(stats_bench);
