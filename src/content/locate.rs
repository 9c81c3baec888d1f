//! Where the course folder is: given on the command line, next to the executable, in the
//! working directory, or (for development builds) in the source tree.

use std::path::{Path, PathBuf};

/// The folder name of the shipped course.
pub const COURSE_FOLDER: &str = "questions";

/// The course folder to use: `explicit` if given, else the first `questions/` folder found next
/// to the executable, in the working directory, or in the source tree Beacon was built from.
#[must_use]
pub fn course_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    candidates()
        .into_iter()
        .find(|d| d.join(super::COURSE_FILE).is_file())
        .unwrap_or_else(|| PathBuf::from(COURSE_FOLDER))
}

/// The places searched, in order.
#[must_use]
pub fn candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        out.push(dir.join(COURSE_FOLDER));
    }
    out.push(PathBuf::from(COURSE_FOLDER));
    out.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(COURSE_FOLDER));
    out
}
