//! The course that ships with Beacon, embedded in the program when it is built, so that a
//! copied program needs nothing beside it. `--course DIR` loads another course instead (for
//! course authors). The files are kept as they are: the course is about 200 KB, and compressed
//! it would save about 150 KB of a program of several megabytes while costing time at every
//! start.

use std::path::Path;

use include_dir::{Dir, include_dir};

use beacon_core::content::{CourseFile, Loaded, load_files};

/// The shipped course's files, from `questions/` at build time.
static COURSE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/questions");

/// The name the shipped course goes by in messages (its files are `questions/NAME.toml`).
pub const LABEL: &str = "questions";

/// The shipped course's files, named `questions/FILE`.
#[must_use]
pub fn files() -> Vec<CourseFile> {
    COURSE
        .files()
        .map(|f| CourseFile::new(Path::new(LABEL).join(f.path()), f.contents()))
        .collect()
}

/// Loads the shipped course.
#[must_use]
pub fn load() -> Loaded {
    load_files(Path::new(LABEL), files())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_course_is_the_questions_folder() {
        let loaded = load();
        assert!(loaded.errors().next().is_none(), "{:?}", loaded.problems);
        let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/questions"))
            .expect("questions/")
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
            .count();
        assert_eq!(files().len(), on_disk);
        assert_eq!(
            loaded.course.modules.len(),
            on_disk - 1,
            "every file but course.toml is a module"
        );
    }
}
