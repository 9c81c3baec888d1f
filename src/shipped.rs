//! The course that ships with Beacon, embedded in the program when it is built, so that a
//! copied program needs nothing beside it. `--course DIR` loads another course instead (for
//! course authors). The files are kept as they are: the course is about 200 KB, and compressed
//! it would save about 150 KB of a program of several megabytes while costing time at every
//! start.

use std::path::Path;

use include_dir::{Dir, include_dir};

use beacon_core::content::{CourseFile, Loaded, load_files, load_files_without_cues};

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

/// Loads the shipped course, with every check (`beacon check`).
#[must_use]
pub fn load() -> Loaded {
    load_files(Path::new(LABEL), files())
}

/// Loads the shipped course for the app: every check but the cue checks, which are for
/// authors, which ran on these same bytes when the program was built, and which the test below
/// holds at no warning. They are most of the load's time, so start-up is quicker without them.
#[must_use]
pub fn load_for_app() -> Loaded {
    load_files_without_cues(Path::new(LABEL), files())
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

    #[test]
    fn the_app_loads_the_same_course_and_the_cue_checks_find_nothing_in_it() {
        let full = load();
        let warnings: Vec<String> = full
            .cue_warnings()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(warnings.is_empty(), "{warnings:#?}");
        let app = load_for_app();
        // The modules in order, with their lessons' facts, terms, events and questions.
        assert_eq!(
            format!("{:?}", app.course.modules),
            format!("{:?}", full.course.modules)
        );
        assert!(!app.course.modules.is_empty());
        assert_eq!(app.problems, full.problems);
        assert!(app.cue_warnings().is_empty());
    }
}
