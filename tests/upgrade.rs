//! A data folder written by an earlier version of Beacon (before profiles had UUIDs) opens with
//! every answer, attempt, PIN and certificate key kept; its profiles get UUIDs once. The fixture
//! is `tests/fixtures/data-v1/`, made by its `make.py` in that version's layout.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::path::Path;

use common::*;

/// Copies a folder tree.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy(&entry.path(), &target);
        } else if entry.path().extension().is_none_or(|e| e != "py") {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn an_earlier_versions_data_folder_keeps_everything() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data-v1");
    let data = tempfile::tempdir().expect("tmp");
    copy(&fixture, data.path());
    let key_before = std::fs::read(data.path().join("certificate.key")).expect("key");
    let old: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixture.join("profiles/p1/progress.json")).expect("old progress"),
    )
    .expect("json");
    let old_answers = old["answer_log"]["rows"].as_array().expect("rows").len();

    let mut harness = app(data.path());
    assert!(
        shown(&harness, "Who is learning?"),
        "a PIN: the picker shows"
    );
    let profiles = harness.state().profiles().profiles().to_vec();
    assert_eq!(profiles.len(), 2);
    assert!(profiles.iter().all(|p| !p.uuid.is_nil()), "UUIDs given");
    assert_ne!(profiles[0].uuid, profiles[1].uuid);
    assert!(
        harness.state().profiles().check_pin("p2", "1234"),
        "the PIN kept"
    );
    assert!(!harness.state().profiles().check_pin("p2", "0000"));

    click(&mut harness, "Open Ada");
    let progress = harness.state().progress().clone();
    assert_eq!(progress.answers.len(), old_answers, "every answer kept");
    assert_eq!(progress.attempts.len(), 2, "every attempt kept");
    assert_eq!(
        progress.attempts[1].passed,
        Some(true),
        "the passed final assessment kept"
    );
    assert!(progress.lessons["definition"].finished);
    assert_eq!(progress.learner.name, "Ada Lovelace");
    harness.state().flush();
    drop(harness);

    // UUIDs are made once.
    let again = app(data.path());
    let uuids: Vec<_> = again
        .state()
        .profiles()
        .profiles()
        .iter()
        .map(|p| p.uuid)
        .collect();
    assert_eq!(uuids, profiles.iter().map(|p| p.uuid).collect::<Vec<_>>());
    drop(again);

    // The certificate key is the same, so certificates issued before still verify.
    let key_after = std::fs::read(data.path().join("certificate.key")).expect("key");
    assert_eq!(key_before, key_after);
    let cert = beacon::documents::certificate::Certificate {
        name: "Ada Lovelace".into(),
        course: "How the UN and its partners fight human trafficking".into(),
        version: "1.0.0".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"),
        score: 85,
    };
    let code = cert.code(&key_before);
    assert_cmd::Command::cargo_bin("beacon")
        .expect("binary")
        .arg("--data-dir")
        .arg(data.path())
        .args([
            "verify",
            &code,
            "--name",
            "Ada Lovelace",
            "--date",
            "2026-11-28",
            "--score",
            "85",
        ])
        .assert()
        .success();
}
