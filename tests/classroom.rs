//! Classrooms and volunteer onboarding: profiles with PINs, the final assessment, certificates,
//! presenter mode, printable quizzes and results export.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use beacon::ui::Screen;
use common::*;
use egui_kittest::kittest::Queryable as _;

fn type_in(
    harness: &mut egui_kittest::Harness<'static, beacon::app::BeaconApp>,
    label: &str,
    text: &str,
) {
    let node = harness.get_by_label(label);
    node.focus();
    node.type_text(text);
    harness.run();
}

#[test]
fn two_profiles_keep_their_own_progress_and_a_pin_protects_one() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    let course = harness.state().course().clone();
    let first = &course.modules[0].title;
    click(&mut harness, &format!("Take the quiz: {first}"));
    take_quiz_right(&mut harness);
    click(&mut harness, "Back to the course map");

    // A second learner on the same computer.
    click(&mut harness, "Profiles");
    assert!(shown(&harness, "Who is learning?"));
    type_in(&mut harness, "Name of the new profile", "Grace");
    click(&mut harness, "Create profile");
    assert!(
        shown(&harness, "Before you start"),
        "a new profile starts with the welcome"
    );
    click(&mut harness, "Start learning");
    assert!(shown(&harness, "Welcome back, Grace."));
    assert!(!shown(&harness, "best score"), "Grace has no scores yet");
    let second = &course.modules[1].title;
    click(&mut harness, &format!("Take the quiz: {second}"));
    take_quiz_right(&mut harness);
    click(&mut harness, "Back to the course map");

    // Grace protects her profile with a PIN.
    click(&mut harness, "Profiles");
    click(&mut harness, "Set a PIN for Grace");
    type_in(&mut harness, "New 4-digit PIN for Grace", "2468");
    click(&mut harness, "Save PIN");
    assert!(shown(&harness, "PIN set."));

    // Switching shows each one's own progress.
    click(&mut harness, "Ada");
    click(&mut harness, "Open Ada");
    assert!(shown(&harness, "Welcome back, Ada."));
    assert_eq!(harness.state().progress().attempts.len(), 1);
    assert_eq!(
        harness.state().progress().attempts[0]
            .info
            .module
            .as_deref(),
        Some(course.modules[0].id.as_str())
    );
    harness.state().flush();
    drop(harness);

    // At the next start the picker shows, with the last profile (Ada) preselected.
    let mut harness = app(data.path());
    assert!(shown(&harness, "Who is learning?"));
    assert!(
        matches!(harness.state().screen(), Screen::Profiles(s) if s.selected.as_deref() == harness.state().library().profiles().iter().find(|p| p.name == "Ada").map(|p| p.id.as_str()))
    );
    click(&mut harness, "Grace");
    assert!(
        shown(&harness, "PIN for Grace"),
        "a protected profile asks for its PIN"
    );
    type_in(&mut harness, "PIN for Grace", "1111");
    click(&mut harness, "Open Grace");
    assert!(shown(&harness, "That PIN is not right"));
    assert!(harness.state().profile().is_none());
    type_in(&mut harness, "PIN for Grace", "2468");
    click(&mut harness, "Open Grace");
    assert!(shown(&harness, "Welcome back, Grace."));
    assert_eq!(harness.state().progress().attempts.len(), 1);
    assert_eq!(
        harness.state().progress().attempts[0]
            .info
            .module
            .as_deref(),
        Some(course.modules[1].id.as_str())
    );
    let index = std::fs::read_to_string(data.path().join("profiles.json")).expect("index");
    assert!(!index.contains("2468"), "the PIN is stored only as a hash");
}

#[test]
fn a_deleted_profile_is_asked_about_and_kept() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    click(&mut harness, "Profiles");
    type_in(&mut harness, "Name of the new profile", "Visitor");
    click(&mut harness, "Create profile");
    click(&mut harness, "Start learning");
    click(&mut harness, "Profiles");
    click(&mut harness, "Delete Visitor");
    assert!(shown(&harness, "Delete Visitor's profile?"));
    click(&mut harness, "Delete profile");
    assert!(shown(&harness, "kept for 30 days"));
    let names: Vec<String> = harness
        .state()
        .library()
        .profiles()
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(names, ["Ada"]);
    let kept = std::fs::read_dir(data.path().join("deleted"))
        .expect("deleted folder")
        .count();
    assert_eq!(kept, 1);
}
