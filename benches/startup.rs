//! Start-up at scale: making the app and drawing its first frame (headless) with an empty data
//! folder, and with ten added courses of 10,000 questions each. Added courses are read off the
//! UI thread, so they must not delay the first frame; how long they take to be listed is
//! measured too.

#![allow(clippy::expect_used)] // a benchmark that cannot set up should stop loudly

#[path = "common/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use beacon::app::{BeaconApp, Options, SystemClock};
use criterion::{Criterion, criterion_group, criterion_main};

fn options(data: &Path) -> Options {
    Options {
        course_dir: None,
        data_dir: data.to_path_buf(),
        clock: Arc::new(SystemClock),
        seed: Some(7),
        tz: chrono::FixedOffset::east_opt(0).expect("UTC"),
    }
}

fn first_frame(app: &mut BeaconApp) {
    let ctx = egui::Context::default();
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1024.0, 720.0),
        )),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.frame_ui(ui));
    // No renderer takes the font texture here (epaint asserts that in debug builds).
    output.textures_delta.clear();
    black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
}

/// Time to a first frame; the reading of added courses is waited for outside the timing.
fn to_first_frame(data: &Path, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let t0 = Instant::now();
        let mut app = BeaconApp::new(&options(data));
        first_frame(&mut app);
        total += t0.elapsed();
        app.wait_for_shelf();
    }
    total
}

fn startup(c: &mut Criterion) {
    let empty = tempfile::tempdir().expect("tmp");
    let big = tempfile::tempdir().expect("tmp");
    for n in 0..10 {
        let dir = big.path().join("courses").join(format!("synthetic-{n}"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        synthetic::write_synthetic(&dir);
    }
    let mut app = BeaconApp::new(&options(big.path()));
    app.wait_for_shelf();
    let listed: usize = app
        .shelf()
        .iter()
        .filter_map(|e| e.course.as_ref())
        .map(|c| c.questions().count())
        .sum();
    assert!(
        listed >= 100_000,
        "ten courses of 10,000 questions are listed: {listed}"
    );
    drop(app);

    let mut group = c.benchmark_group("start-up");
    group.sample_size(20);
    group.bench_function("first frame, empty data folder", |b| {
        b.iter_custom(|iters| to_first_frame(empty.path(), iters));
    });
    group.bench_function("first frame, ten added 10,000-question courses", |b| {
        b.iter_custom(|iters| to_first_frame(big.path(), iters));
    });
    group.sample_size(10);
    group.bench_function("ten added 10,000-question courses listed", |b| {
        b.iter(|| {
            let mut app = BeaconApp::new(&options(big.path()));
            app.wait_for_shelf();
            black_box(app.shelf().len())
        });
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
