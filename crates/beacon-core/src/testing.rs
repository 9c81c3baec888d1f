//! Helpers for the core's own tests: the shipped course read from the repository's
//! `questions/` folder.

use std::path::Path;

use crate::content::{Course, CourseFile, load_files};

/// The repository's `questions/` folder.
pub fn questions_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questions")
}

/// The shipped course, loaded from the repository.
pub fn shipped() -> Course {
    let dir = questions_dir();
    let files = std::fs::read_dir(&dir)
        .expect("questions/")
        .filter_map(Result::ok)
        .map(|e| CourseFile::new(e.path(), std::fs::read(e.path()).expect("read")))
        .collect();
    load_files(&dir, files).course
}

/// The fixed time the core's tests run at: 2026-11-28 10:00 UTC.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00Z")
        .map(|d| d.with_timezone(&chrono::Utc))
        .expect("time")
}
