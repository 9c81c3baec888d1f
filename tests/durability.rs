//! Nothing lost, nothing silently wrong: the app and the command line when the disk is full, a
//! file cannot be read, a second copy is open, or the certificate key is damaged.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::sync::Arc;

use beacon::app::BeaconApp;
use beacon_core::storage::{MemoryStorage, Storage};
use common::{click, options, shown, welcome};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// The app on a storage the test controls.
fn app_on(storage: &Arc<MemoryStorage>) -> Harness<'static, BeaconApp> {
    let data = std::env::temp_dir();
    let opts = options(&data, &common::course_dir());
    let storage = Arc::clone(storage) as Arc<dyn Storage>;
    let mut harness = Harness::builder()
        .with_size([1024.0, 768.0])
        .build_eframe(move |_cc| BeaconApp::with_storage(&opts, storage));
    harness.run();
    harness
}

#[test]
fn a_full_disk_on_first_run_keeps_the_name_and_saving_works_once_space_is_free() {
    let storage = Arc::new(MemoryStorage::new());
    storage.fail_writes(Some("No space left on device"));
    let mut harness = app_on(&storage);
    welcome(&mut harness, "Ada");
    assert!(
        shown(&harness, "No space left on device"),
        "the learner is told why"
    );
    assert!(
        shown(&harness, "Before you start"),
        "still on the welcome screen"
    );
    assert!(storage.snapshot().is_empty());
    storage.fail_writes(None);
    click(&mut harness, "Start learning");
    assert_eq!(harness.state().screen().name(), "Home");
    let profile = harness.state().profiles().profiles()[0].clone();
    assert_eq!(profile.name, "Ada", "the name typed before is the one used");
    assert!(harness.state().flush().is_none());
    assert!(storage.exists(&format!("profiles/{}/progress.json", profile.id)));
}

#[test]
fn a_failed_save_shows_a_banner_that_can_be_dismissed() {
    let storage = Arc::new(MemoryStorage::new());
    let mut harness = app_on(&storage);
    welcome(&mut harness, "Ada");
    storage.fail_writes(Some("No space left on device"));
    click(&mut harness, "Settings");
    harness.get_by_label("Dark").click();
    harness.run();
    assert!(harness.state().flush().is_some());
    harness.run();
    assert!(shown(&harness, "Saving failed"));
    click(&mut harness, "Dismiss");
    assert!(!shown(&harness, "Saving failed"), "Dismiss hides it");
}

#[cfg(unix)]
#[test]
fn a_progress_file_the_system_cannot_read_is_left_alone_and_named() {
    let data = tempfile::tempdir().expect("tmp");
    {
        let mut harness = common::app(data.path());
        welcome(&mut harness, "Ada");
        assert!(harness.state().flush().is_none());
    }
    let progress = common::progress_path(data.path());
    std::fs::remove_file(&progress).expect("rm");
    let made = std::process::Command::new("mkfifo").arg(&progress).status();
    assert!(made.is_ok_and(|s| s.success()));
    let harness = common::app(data.path());
    assert!(
        shown(&harness, &progress.display().to_string()),
        "the message names the file"
    );
    assert!(shown(&harness, "Not saving"));
    assert!(
        std::fs::symlink_metadata(&progress).is_ok_and(|m| m.file_type().is_fifo()),
        "the file is left where it is"
    );
}

#[cfg(unix)]
use std::os::unix::fs::FileTypeExt as _;

#[test]
fn reset_in_a_second_copy_writes_nothing_and_says_so() {
    let data = tempfile::tempdir().expect("tmp");
    let mut first = common::app(data.path());
    welcome(&mut first, "Ada");
    assert!(first.state().flush().is_none());
    let before = tree(data.path());
    let mut second = common::app(data.path());
    assert!(shown(&second, "Not saving"));
    click(&mut second, "Settings");
    click(&mut second, "Reset progress\u{2026}");
    second
        .get_all_by_label("Reset progress")
        .last()
        .expect("confirm")
        .click();
    second.run();
    assert!(shown(&second, "Progress was not reset"), "no false success");
    assert_eq!(tree(data.path()), before, "nothing on disk changed");
}

/// Every file under `dir` with its content.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("ls").filter_map(Result::ok) {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string();
                out.push((name, std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn verify_refuses_a_short_key_and_never_replaces_it() {
    let data = tempfile::tempdir().expect("tmp");
    std::fs::write(data.path().join("certificate.key"), b"").expect("key");
    assert_cmd::Command::cargo_bin("beacon")
        .expect("bin")
        .args([
            "verify",
            "AAAA-BBBB",
            "--name",
            "Ada",
            "--date",
            "2026-11-28",
            "--score",
            "90",
        ])
        .arg("--data-dir")
        .arg(data.path())
        .assert()
        .failure()
        .stderr(predicates::str::contains("will not use or replace it"));
    assert_eq!(
        std::fs::read(data.path().join("certificate.key")).expect("key"),
        b""
    );
}

#[cfg(unix)]
#[test]
fn import_of_a_named_pipe_is_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("tmp");
    let fifo = dir.path().join("course.gift");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()));
    let data = tempfile::tempdir().expect("tmp");
    assert_cmd::Command::cargo_bin("beacon")
        .expect("bin")
        .arg("import")
        .arg(&fifo)
        .arg("--data-dir")
        .arg(data.path())
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .failure()
        .stderr(predicates::str::contains("not a regular file"));
}

#[test]
fn an_export_of_every_profile_names_an_unreadable_one_and_fails() {
    let data = tempfile::tempdir().expect("tmp");
    {
        let mut harness = common::app(data.path());
        welcome(&mut harness, "Ada");
        assert!(harness.state().flush().is_none());
    }
    let progress = common::progress_path(data.path());
    std::fs::write(&progress, b"{ damaged").expect("damage");
    // With no good copy left (no .bak, no daily copy) nothing can stand in for it.
    std::fs::remove_file(progress.with_extension("json.bak")).ok();
    std::fs::remove_dir_all(progress.with_file_name("backups")).ok();
    assert_cmd::Command::cargo_bin("beacon")
        .expect("bin")
        .args(["export", "results", "--format", "csv"])
        .arg("--data-dir")
        .arg(data.path())
        .assert()
        .failure()
        .stderr(predicates::str::contains("profile \"Ada\""));
}
