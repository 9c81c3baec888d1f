//! Benchmarks of the content core: loading the shipped course, loading a synthetic course of
//! 10,000 questions, assembling a 20-question quiz from it, and importing a GIFT file of 10,000
//! questions.
#![allow(clippy::expect_used)] // a benchmark that cannot set up should stop loudly

use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

use beacon::quiz::{self, QuizSpec, Scope};
use criterion::{Criterion, criterion_group, criterion_main};

const MODULES: usize = 20;
const QUESTIONS_PER_MODULE: usize = 500;

/// Writes a valid course of MODULES x QUESTIONS_PER_MODULE questions of every kind.
fn write_synthetic(dir: &Path) {
    let ids: Vec<String> = (0..MODULES).map(|m| format!("\"m{m}\"")).collect();
    let course = format!(
        "id = \"synthetic\"\ntitle = \"Synthetic\"\nversion = \"1\"\nlanguage = \"en\"\n\
         description = \"Bench.\"\ncontent_note = \"Bench.\"\nmodules = [{}]\n",
        ids.join(", ")
    );
    std::fs::write(dir.join("course.toml"), course).expect("write course.toml");
    for m in 0..MODULES {
        let mut s = format!(
            "id = \"m{m}\"\ntitle = \"Module {m}\"\nsummary = \"S.\"\nobjectives = [\"O.\"]\n\n\
             [[sections]]\nid = \"s\"\ntitle = \"Section\"\n\n"
        );
        for f in 0..50 {
            let _ = write!(
                s,
                "[[facts]]\nid = \"m{m}.f{f}\"\nsection = \"s\"\ntext = \"Fact {f} of module {m}.\"\nsource = \"seed:P{}\"\n\n",
                f % 20 + 2
            );
        }
        for t in 0..6 {
            let _ = write!(
                s,
                "[[terms]]\nterm = \"Term {m}-{t}\"\ndefinition = \"Meaning {t}.\"\nsection = \"s\"\nsource = \"facts:3\"\n\n"
            );
        }
        for e in 0..6 {
            let _ = write!(
                s,
                "[[events]]\nid = \"m{m}.e{e}\"\ndate = \"{}\"\ntitle = \"Event {e}\"\ndescription = \"D.\"\nsource = \"facts:2\"\n\n",
                2000 + e
            );
        }
        for q in 0..QUESTIONS_PER_MODULE {
            let fact = q % 50;
            let head = format!(
                "[[questions]]\nid = \"m{m}.q{q}\"\nfacts = [\"m{m}.f{fact}\"]\ndifficulty = {}\nexplanation = \"Because.\"\n",
                q % 3 + 1
            );
            let body = match q % 8 {
                0 => "kind = \"single\"\nprompt = \"Pick.\"\nchoices = [\"A\", \"B\", \"C\", \"D\"]\nanswer = \"B\"\n".to_owned(),
                1 => "kind = \"multiple\"\nprompt = \"Pick all.\"\nchoices = [\"A\", \"B\", \"C\", \"D\"]\nanswers = [\"A\", \"C\"]\n".to_owned(),
                2 => "kind = \"true_false\"\nprompt = \"True?\"\nanswer = true\n".to_owned(),
                3 => "kind = \"fill_in\"\nprompt = \"The ___ city.\"\naccept = [\"Palermo\", \"Palermo, Italy\"]\n".to_owned(),
                4 => "kind = \"numeric\"\nprompt = \"Year?\"\nanswer = 2000\ntolerance = 1\n".to_owned(),
                5 => "kind = \"matching\"\nprompt = \"Match.\"\npairs = [{ left = \"a\", right = \"1\" }, { left = \"b\", right = \"2\" }, { left = \"c\", right = \"3\" }]\n".to_owned(),
                6 => "kind = \"ordering\"\nprompt = \"Order.\"\nitems = [\"first\", \"second\", \"third\", \"fourth\"]\n".to_owned(),
                _ => "kind = \"scenario\"\nprompt = \"Case.\"\ncase = \"A short case.\"\n\n[[questions.parts]]\nkind = \"true_false\"\nprompt = \"T?\"\nanswer = false\n\n[[questions.parts]]\nkind = \"single\"\nprompt = \"Next step?\"\nchoices = [\"Report\", \"Confront\"]\nanswer = \"Report\"\n".to_owned(),
            };
            s.push_str(&head);
            s.push_str(&body);
            s.push('\n');
        }
        std::fs::write(dir.join(format!("m{m:02}.toml")), s).expect("write module");
    }
}

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
