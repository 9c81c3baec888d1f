//! Frame and save benchmarks of the desktop app: one egui frame (layout and tessellation,
//! headless) of each screen, of a lesson page with 1,000 key points, and one save of the
//! progress file.

#![allow(clippy::expect_used)] // a benchmark that cannot set up should stop loudly

#[path = "common/long_lesson.rs"]
mod long_lesson;

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use beacon::app::{BeaconApp, Options, SystemClock};
use beacon::content::Body;
use beacon::data::ProgressFile;
use beacon::data::progress_file::{FILE, encode};
use beacon::progress::{AnswerRecord, Progress};
use beacon::quiz::{Outcome, QuizSpec, Response, Scope};
use beacon::storage::FileStorage;
use beacon::ui::{Action, Nav};
use beacon_core::storage::Storage;
use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use long_lesson::write_long_lesson;

fn app(data: &Path) -> BeaconApp {
    app_with(data, None)
}

/// The app on `course` (a course folder), or on the embedded course.
fn app_with(data: &Path, course: Option<&Path>) -> BeaconApp {
    let options = Options {
        course_dir: course.map(Path::to_path_buf),
        data_dir: data.to_path_buf(),
        clock: Arc::new(SystemClock),
        seed: Some(7),
        tz: chrono::FixedOffset::east_opt(0).expect("UTC"),
    };
    BeaconApp::new(&options)
}

/// One frame: the egui pass and the tessellation of its shapes.
fn frame(ctx: &egui::Context, app: &mut BeaconApp) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.frame_ui(ui));
    // No renderer takes the font texture here (epaint asserts that in debug builds).
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn screens(c: &mut Criterion) {
    let data = tempfile::tempdir().expect("tmp");
    let mut app = app(data.path());
    let ctx = egui::Context::default();
    let mut group = c.benchmark_group("frame");
    let mut bench = |name: &str, app: &mut BeaconApp| {
        for _ in 0..3 {
            frame(&ctx, app);
        }
        group.bench_function(name, |b| b.iter(|| black_box(frame(&ctx, app))));
    };
    bench("welcome", &mut app);
    app.apply(Action::Welcome { name: "Ada".into() });
    bench("home", &mut app);
    app.apply(Action::OpenLesson {
        module: "palermo".into(),
        page: Some(1),
    });
    bench("lesson page", &mut app);
    app.apply(Action::OpenLesson {
        module: "palermo".into(),
        page: Some(6),
    });
    bench("lesson timeline", &mut app);
    app.apply(Action::StartQuiz {
        spec: QuizSpec {
            scope: Scope::Course,
            count: 10,
            generated: true,
        },
        title: "Quick quiz".into(),
        module: None,
    });
    bench("quiz", &mut app);
    // The longest questions (a single choice by its longest choice, and the longest case
    // study), at 200% text, checked so that the feedback shows too.
    app.apply(Action::QuizFinished);
    app.apply(Action::SetTextSize(200));
    for (name, id) in longest_questions(app.course()) {
        app.apply(Action::StartQuiz {
            spec: QuizSpec {
                scope: Scope::Questions(vec![id]),
                count: 1,
                generated: false,
            },
            title: "Longest".into(),
            module: None,
        });
        bench(&format!("{name} at 200%"), &mut app);
        let response = match app.screen() {
            beacon::ui::Screen::Quiz(q) => q
                .attempt
                .current()
                .map(|i| beacon::quiz::right_response(&i.question.body)),
            _ => None,
        }
        .expect("a question");
        app.apply(Action::QuizAnswered {
            response,
            seconds: 3.0,
        });
        bench(&format!("{name} at 200%, checked"), &mut app);
        app.apply(Action::QuizFinished);
    }
    app.apply(Action::SetTextSize(100));
    app.apply(Action::StartQuiz {
        spec: QuizSpec {
            scope: Scope::Course,
            count: 10,
            generated: true,
        },
        title: "Quick quiz".into(),
        module: None,
    });
    app.apply(Action::QuizFinished);
    bench("results", &mut app);
    app.apply(Action::Go(Nav::History));
    bench("history", &mut app);
    app.apply(Action::Go(Nav::Settings));
    bench("settings", &mut app);
    app.apply(Action::Go(Nav::About));
    bench("about", &mut app);
    group.finish();
    app.flush();
}

/// The ids of the single-choice question with the longest choice and of the case study with
/// the most text.
fn longest_questions(course: &beacon::content::Course) -> Vec<(&'static str, String)> {
    let questions = || course.modules.iter().flat_map(|m| &m.questions);
    let single = questions()
        .filter_map(|q| match &q.body {
            Body::Single(c) => Some((c.0.iter().map(|c| c.text.len()).max()?, q)),
            _ => None,
        })
        .max_by_key(|(n, _)| *n)
        .map(|(_, q)| q.id.clone())
        .expect("a single-choice question");
    let scenario = questions()
        .filter_map(|q| match &q.body {
            Body::Scenario { case, parts } => Some((
                case.len() + parts.iter().map(|p| p.prompt.len()).sum::<usize>(),
                q,
            )),
            _ => None,
        })
        .max_by_key(|(n, _)| *n)
        .map(|(_, q)| q.id.clone())
        .expect("a case study");
    vec![
        ("longest single choice", single),
        ("longest case study", scenario),
    ]
}

/// Key points on the long lesson page: one per fact of its one section.
const KEY_POINTS: usize = 1000;

/// One frame of a lesson page with [`KEY_POINTS`] key points.
fn long_lesson(c: &mut Criterion) {
    let course = tempfile::tempdir().expect("tmp");
    write_long_lesson(course.path(), KEY_POINTS, false);
    let data = tempfile::tempdir().expect("tmp");
    let mut app = app_with(data.path(), Some(course.path()));
    let ctx = egui::Context::default();
    app.apply(Action::Welcome { name: "Ada".into() });
    app.apply(Action::OpenLesson {
        module: "m".into(),
        page: Some(1),
    });
    let points = match app.screen() {
        beacon::ui::Screen::Lesson(l) => l.lesson.pages.get(1).map(|p| match p {
            beacon::lesson::Page::Section { points, .. } => points.len(),
            _ => 0,
        }),
        _ => None,
    };
    assert_eq!(
        points,
        Some(KEY_POINTS),
        "the lesson page shows every key point"
    );
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    let mut group = c.benchmark_group("frame");
    group.bench_function("lesson page with 1000 key points", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)));
    });
    group.finish();
    app.flush();
}

/// A learner's progress after `n` answers.
fn progress_with(n: usize) -> Progress {
    let mut p = Progress::default();
    for i in 0..n {
        p.answers.push(AnswerRecord {
            question: format!("palermo.q-{}", i % 200),
            module: "palermo".into(),
            at: Utc::now(),
            outcome: Outcome::Right,
            score: 1.0,
            seconds: 12.5,
            attempt: Some((i / 10) as u64),
            response: Some(Response::Choice(i % 4)),
        });
    }
    p
}

fn saving(c: &mut Criterion) {
    let data = tempfile::tempdir().expect("tmp");
    let storage: Arc<dyn Storage> = Arc::new(FileStorage::open(data.path()));
    let (store, _, _) = ProgressFile::open(Arc::clone(&storage), "p1", Utc::now());
    let mut group = c.benchmark_group("save");
    group.sample_size(20);
    for n in [100, 1000, 100_000] {
        let p = progress_with(n);
        group.bench_function(format!("encode {n} answers"), |b| {
            b.iter(|| black_box(encode(&p)));
        });
        group.bench_function(format!("atomic save {n} answers"), |b| {
            b.iter(|| store.save(&p, Utc::now()).expect("save"));
        });
    }
    group.finish();
    drop(store);
    // Loading: open the data folder (lock, read, parse) with a year of daily use on file.
    let year = tempfile::tempdir().expect("tmp");
    {
        let storage: Arc<dyn Storage> = Arc::new(FileStorage::open(year.path()));
        let (store, _, _) = ProgressFile::open(storage, "p1", Utc::now());
        store
            .save(&progress_with(100_000), Utc::now())
            .expect("save");
    }
    let bytes = std::fs::metadata(year.path().join("p1").join(FILE))
        .expect("file")
        .len();
    println!("progress file with 100000 answers: {} KiB", bytes / 1024);
    let mut group = c.benchmark_group("load");
    group.sample_size(20);
    group.bench_function("open 100000 answers", |b| {
        b.iter(|| {
            let storage: Arc<dyn Storage> = Arc::new(FileStorage::open(year.path()));
            let (_, p, _) = ProgressFile::open(storage, "p1", Utc::now());
            black_box(p.answers.len())
        });
    });
    group.finish();
}

criterion_group!(benches, screens, long_lesson, saving);
criterion_main!(benches);
