//! "Export my progress" and "Import progress" (Settings): a learner's progress moves to another
//! install, or between a browser and a desktop, as one file, through the same checks as a
//! progress file read at start; the progress it replaces is kept.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::path::PathBuf;

use beacon::app::dialogs::{Desktop, Purpose};
use common::*;

/// A desktop whose dialogs answer at once: a save goes to `save_to`, a file chosen is `pick`.
struct Answering {
    save_to: PathBuf,
    pick: PathBuf,
}

impl Desktop for Answering {
    fn choose(&self, purpose: &Purpose) -> Result<Option<PathBuf>, String> {
        Ok(Some(match purpose {
            Purpose::Save { .. } => self.save_to.clone(),
            _ => self.pick.clone(),
        }))
    }

    fn open_folder(&self, _: &str) -> Result<(), String> {
        Err("no file manager".into())
    }
}

/// Runs frames until `text` shows (the dialog answers on a thread of its own).
fn wait_for(harness: &mut egui_kittest::Harness<'static, beacon::app::BeaconApp>, text: &str) {
    for _ in 0..500 {
        harness.run();
        if shown(harness, text) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{text:?} never showed");
}

#[test]
fn exported_progress_moves_to_another_install_and_a_bad_file_changes_nothing() {
    let files = tempfile::tempdir().expect("tmp");
    let exported = files.path().join("beacon-progress.json");
    let (ada_data, mut ada) = learner("Ada");
    let first = ada.state().course().modules[0].title.clone();
    read_lesson(&mut ada, &first);
    ada.state_mut().set_desktop(std::sync::Arc::new(Answering {
        save_to: exported.clone(),
        pick: PathBuf::new(),
    }));
    click(&mut ada, "Settings");
    click(&mut ada, "Export my progress");
    wait_for(&mut ada, "Saved:");
    let bytes = std::fs::read(&exported).expect("exported");
    let moved = beacon_core::data::progress_file::parse(&bytes).expect("a progress file");
    // Saving runs on a thread of its own: wait for it before reading the file.
    ada.state().flush();
    assert_eq!(
        moved,
        saved(ada_data.path()),
        "the file is Ada's saved progress"
    );
    assert_eq!(moved.learner.name, "Ada");
    assert!(!moved.lessons.is_empty(), "with the lesson read");

    // Another install, another learner: the import puts Ada's progress in place of Bo's.
    let (bo_data, mut bo) = learner("Bo");
    bo.state_mut().set_desktop(std::sync::Arc::new(Answering {
        save_to: PathBuf::new(),
        pick: exported,
    }));
    bo.state().flush();
    let before = saved(bo_data.path());
    click(&mut bo, "Settings");
    click(&mut bo, "Import progress\u{2026}");
    wait_for(&mut bo, "Your progress was imported");
    assert_eq!(bo.state().progress().learner.name, "Ada");
    bo.state().flush();
    assert_eq!(saved(bo_data.path()).lessons, moved.lessons, "and saved");
    let folder = progress_path(bo_data.path());
    let folder = folder.parent().expect("profile folder");
    let kept: Vec<_> = std::fs::read_dir(folder)
        .expect("ls")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("progress-before-import-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "Bo's progress is kept beside it");
    let kept = beacon_core::data::progress_file::parse(&std::fs::read(kept[0].path()).expect("r"))
        .expect("kept progress");
    assert_eq!(kept.learner.name, before.learner.name);

    // A file that is not progress changes nothing.
    let junk = files.path().join("notes.json");
    std::fs::write(&junk, br#"{"hello": "world"}"#).expect("write");
    bo.state_mut().set_desktop(std::sync::Arc::new(Answering {
        save_to: PathBuf::new(),
        pick: junk,
    }));
    click(&mut bo, "Dismiss");
    click(&mut bo, "Settings");
    click(&mut bo, "Import progress\u{2026}");
    wait_for(&mut bo, "is not a Beacon progress file");
    assert_eq!(bo.state().progress().learner.name, "Ada");
    bo.state().flush();
    assert_eq!(saved(bo_data.path()).learner.name, "Ada");
}
