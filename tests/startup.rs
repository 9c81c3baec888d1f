//! Start-up at scale: the course is built into the program, and the courses added to a data
//! folder are read after the first frame, so many large ones never delay the window.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::time::{Duration, Instant};

use beacon::app::BeaconApp;
use common::{options, shown, welcome};

fn gift_with(questions: usize) -> String {
    use std::fmt::Write as _;
    (0..questions).fold(String::from("$CATEGORY: Big course\n\n"), |mut s, i| {
        let _ = write!(s, "::q{i}:: Statement number {i} is true. {{T}}\n\n");
        s
    })
}

#[test]
fn added_courses_are_read_after_the_first_frame_and_then_listed() {
    let data = tempfile::tempdir().expect("tmp");
    let courses = data.path().join("courses");
    std::fs::create_dir_all(&courses).expect("mkdir");
    std::fs::write(courses.join("big.gift"), gift_with(3_000)).expect("write");
    let opts = options(data.path(), &common::course_dir());
    let app = BeaconApp::new(&opts);
    assert_eq!(
        app.shelf().len(),
        1,
        "only the shipped course before the first frame"
    );
    assert!(app.shelf_loading());
    drop(app);

    let mut harness = common::app_with(opts);
    welcome(&mut harness, "Ada");
    let deadline = Instant::now() + Duration::from_secs(60);
    while harness.state().shelf_loading() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        harness.run();
    }
    harness.run();
    assert!(!harness.state().shelf_loading());
    assert!(
        shown(&harness, "3000 questions"),
        "the added course is listed with its size"
    );
}

#[test]
fn a_program_without_a_course_folder_still_has_the_whole_course() {
    let data = tempfile::tempdir().expect("tmp");
    let opts = beacon::app::Options {
        course_dir: None,
        ..options(data.path(), &common::course_dir())
    };
    let app = BeaconApp::new(&opts);
    let from_folder = beacon::storage::folder::load_folder(&common::course_dir())
        .expect("questions/")
        .course;
    assert_eq!(app.course().modules.len(), from_folder.modules.len());
    assert_eq!(
        app.course().questions().count(),
        from_folder.questions().count()
    );
}
