//! The courses people add to a data folder, in its `courses/` folder: a course folder in
//! Beacon's format, or a GIFT file. Untrusted input is contained: files over 4 MiB and courses
//! over 10,000 questions are refused with a clear message, names are cleaned so that they stay
//! inside `courses/` and are listed, and one broken course never stops the others.

use std::path::{Path, PathBuf};

use crate::content::{
    Course, CourseFile, CourseInfo, Loaded, MAX_FILE_BYTES, Problem, Severity, load_files, text_of,
};
use crate::formats::gift;
use crate::storage::{Storage, StorageError, join};

/// The folder of added courses inside the data folder.
pub const FOLDER: &str = "courses";
/// What is said of a file over [`MAX_FILE_BYTES`].
const TOO_LARGE: &str = "the file is larger than 4 MiB, the most a course file may be";
/// Most questions a course may have.
pub const MAX_QUESTIONS: usize = 10_000;

/// One course on the shelf.
#[derive(Debug)]
pub struct Entry {
    /// A stable key: `shipped`, or the file or folder name under `courses/`.
    pub key: String,
    /// Where it is, for people.
    pub location: String,
    /// The course, unless it could not be loaded at all.
    pub course: Option<Course>,
    /// Problems and notes, with file and line.
    pub problems: Vec<Problem>,
    /// Cue warnings for the course's authors (see [`crate::content::cues`]); they never stop
    /// loading.
    pub cues: Vec<Problem>,
}

impl Entry {
    /// The title to show.
    #[must_use]
    pub fn title(&self) -> String {
        self.course
            .as_ref()
            .map_or_else(|| self.key.clone(), |c| c.info.title.clone())
    }

    /// A course loaded from its files, with the question limit applied. `label` names the
    /// course folder in messages.
    #[must_use]
    pub fn from_files(key: &str, label: &Path, files: Vec<CourseFile>) -> Entry {
        let loaded = load_files(label, files);
        let cues = loaded.cue_warnings();
        let mut problems: Vec<Problem> = loaded
            .problems
            .into_iter()
            .filter(Problem::is_error)
            .collect();
        let course = limited(loaded.course, label, &mut problems);
        Entry {
            key: key.to_owned(),
            location: label.display().to_string(),
            course,
            problems,
            cues,
        }
    }

    /// A course imported from a GIFT file's bytes, with its notes as problems.
    #[must_use]
    pub fn from_gift(key: &str, label: &Path, bytes: &[u8]) -> Entry {
        let mut problems = Vec::new();
        let course =
            gift_course(label, bytes, &mut problems).and_then(|c| limited(c, label, &mut problems));
        Entry {
            key: key.to_owned(),
            location: label.display().to_string(),
            course,
            problems,
            cues: Vec::new(),
        }
    }
}

/// The course, unless it has more than [`MAX_QUESTIONS`] questions (then a problem says so).
fn limited(course: Course, label: &Path, problems: &mut Vec<Problem>) -> Option<Course> {
    let n = course.questions().count();
    if n > MAX_QUESTIONS {
        problems.push(Problem::whole_file(
            label,
            Severity::Error,
            format!(
                "this course has {n} questions; Beacon opens courses of at most {MAX_QUESTIONS}"
            ),
        ));
        return None;
    }
    Some(course)
}

/// Imports a GIFT file's bytes, turning its notes into problems; `None` when nothing could be
/// imported.
fn gift_course(label: &Path, bytes: &[u8], problems: &mut Vec<Problem>) -> Option<Course> {
    let mut loaded = load_gift(label, bytes);
    problems.append(&mut loaded.problems);
    (!loaded.course.modules.is_empty()).then_some(loaded.course)
}

/// A GIFT file's bytes imported as a course, with every problem by line: a file over 4 MiB or
/// not UTF-8 (the offset, value, line and column of the first bad byte), an empty file, and each
/// question left out or changed. The course has no modules when nothing could be imported.
#[must_use]
pub fn load_gift(label: &Path, bytes: &[u8]) -> Loaded {
    let mut problems = Vec::new();
    let name = label.file_name().map_or_else(
        || "course.gift".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let Some(text) = text_of(label, bytes, &mut problems) else {
        let info = CourseInfo {
            title: name,
            ..CourseInfo::default()
        };
        return Loaded::from_file(Course::new(info, Vec::new()), problems, label);
    };
    let imported = gift::import(&text, &name);
    for note in imported.notes {
        problems.push(Problem {
            file: label.to_path_buf(),
            line: note.line,
            column: usize::from(note.line > 0),
            severity: if note.skipped {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: note.message,
        });
    }
    Loaded::from_file(imported.course, problems, label)
}

/// Whether a file name is one a course folder keeps: `.toml`, or a `.png` logo (any case).
fn is_toml(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml") || e.eq_ignore_ascii_case("png"))
}

/// Whether a name under `courses/` is one the shelf lists: a folder, or a `.gift` file, not
/// hidden.
fn listed(name: &str, is_folder: bool) -> bool {
    !name.starts_with('.')
        && (is_folder
            || Path::new(name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("gift")))
}

/// The courses in the storage's `courses/` folder, by name.
#[must_use]
pub fn added(storage: &dyn Storage) -> Vec<Entry> {
    let Ok(entries) = storage.list(FOLDER) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .filter(|e| listed(&e.name, e.is_folder))
        .map(|e| {
            let name = join(&[FOLDER, &e.name]);
            let label = PathBuf::from(storage.locate(&name));
            if e.is_folder {
                let (files, mut problems) = folder_files(storage, &name);
                let mut entry = Entry::from_files(&e.name, &label, files);
                problems.append(&mut entry.problems);
                entry.problems = problems;
                entry
            } else if storage.size(&name).is_some_and(|n| n > MAX_FILE_BYTES) {
                unreadable(&e.name, &label, TOO_LARGE.into())
            } else {
                match storage.read(&name) {
                    Ok(Some(bytes)) => Entry::from_gift(&e.name, &label, &bytes),
                    Ok(None) => unreadable(&e.name, &label, "the file has gone".into()),
                    Err(err) => unreadable(&e.name, &label, err.to_string()),
                }
            }
        })
        .collect()
}

/// An entry that could not be read at all.
fn unreadable(key: &str, label: &Path, message: String) -> Entry {
    Entry {
        key: key.to_owned(),
        location: label.display().to_string(),
        course: None,
        problems: vec![Problem::whole_file(label, Severity::Error, message)],
        cues: Vec::new(),
    }
}

/// The `.toml` files of a course folder in the storage, with a problem for each that cannot be
/// read.
fn folder_files(storage: &dyn Storage, folder: &str) -> (Vec<CourseFile>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for e in storage.list(folder).unwrap_or_default() {
        if e.is_folder || !is_toml(&e.name) {
            continue;
        }
        let name = join(&[folder, &e.name]);
        let label = PathBuf::from(storage.locate(&name));
        if storage.size(&name).is_some_and(|n| n > MAX_FILE_BYTES) {
            problems.push(Problem::whole_file(&label, Severity::Error, TOO_LARGE));
            continue;
        }
        match storage.read(&name) {
            Ok(Some(bytes)) => files.push(CourseFile::new(label, bytes)),
            Ok(None) => {}
            Err(err) => problems.push(Problem::whole_file(
                &label,
                Severity::Error,
                err.to_string(),
            )),
        }
    }
    (files, problems)
}

/// A course to add: a folder's files, or one GIFT file.
#[derive(Debug, Clone)]
pub enum Source {
    /// A course folder, as read.
    Folder {
        /// Its files (names without folders) and their bytes.
        files: Vec<(String, Vec<u8>)>,
        /// Files the reader could not take, each with why (too large, a link, unreadable).
        skipped: Vec<String>,
    },
    /// A GIFT file's bytes.
    Gift(Vec<u8>),
}

/// The name a course is stored under: its own name without leading dots or characters that
/// could leave `courses/`; a GIFT file always ends in `.gift`, so the shelf lists it.
#[must_use]
pub fn stored_name(name: &str, gift: bool) -> String {
    let clean: String = name
        .trim()
        .trim_start_matches('.')
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '\0' | ':') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let clean = if clean.is_empty() {
        "course".to_owned()
    } else {
        clean
    };
    if gift
        && !Path::new(&clean)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gift"))
    {
        format!("{clean}.gift")
    } else {
        clean
    }
}

/// What adding a course did.
#[derive(Debug)]
pub struct Added {
    /// The course as it now stands on the shelf, with its problems.
    pub entry: Entry,
    /// Files that were not copied, with why (too large, not a course file).
    pub skipped: Vec<String>,
}

/// Copies a course into `courses/` under a free name made from `name` and loads it.
///
/// # Errors
/// When the storage refuses, or nothing of the course could be kept (every file was skipped).
pub fn add(storage: &dyn Storage, name: &str, source: Source) -> Result<Added, StorageError> {
    let gift = matches!(source, Source::Gift(_));
    let base = stored_name(name, gift);
    let mut target = base.clone();
    let mut n = 1;
    while storage.exists(&join(&[FOLDER, &target])) {
        n += 1;
        target = match base.strip_suffix(".gift") {
            Some(stem) if gift => format!("{stem}-{n}.gift"),
            _ => format!("{base}-{n}"),
        };
    }
    let path = join(&[FOLDER, &target]);
    let mut skipped = Vec::new();
    match source {
        Source::Gift(bytes) => {
            if bytes.len() as u64 > MAX_FILE_BYTES {
                return Err(refused(storage, &path, TOO_LARGE));
            }
            storage.write(&path, &bytes, None)?;
        }
        Source::Folder {
            files,
            skipped: unread,
        } => {
            skipped = unread;
            let mut kept = 0;
            for (file, bytes) in files {
                let file_name = stored_name(&file, false);
                if !is_toml(&file_name) {
                    skipped.push(format!("{file}: not a course file (.toml, or a .png logo)"));
                } else if bytes.len() as u64 > MAX_FILE_BYTES {
                    skipped.push(format!(
                        "{file}: larger than 4 MiB, the most a course file may be"
                    ));
                } else {
                    storage.write(&join(&[&path, &file_name]), &bytes, None)?;
                    kept += 1;
                }
            }
            if kept == 0 {
                return Err(refused(
                    storage,
                    &path,
                    &format!(
                        "the folder has no course file Beacon can use ({})",
                        if skipped.is_empty() {
                            "it has no .toml files".to_owned()
                        } else {
                            skipped.join("; ")
                        }
                    ),
                ));
            }
        }
    }
    let entry = added(storage)
        .into_iter()
        .find(|e| e.key == target)
        .unwrap_or_else(|| {
            unreadable(
                &target,
                Path::new(&storage.locate(&path)),
                "the course could not be read back".into(),
            )
        });
    Ok(Added { entry, skipped })
}

/// An error for a course that is refused.
fn refused(storage: &dyn Storage, path: &str, message: &str) -> StorageError {
    StorageError::Io {
        place: storage.locate(path),
        doing: "added",
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStorage;

    const GIFT: &str = "::q1:: The Protocol was adopted in 2000. {T}\n";

    #[test]
    fn a_gift_file_without_the_extension_is_stored_under_a_listed_name() {
        let s = MemoryStorage::new();
        let added = add(&s, ".hidden quiz", Source::Gift(GIFT.as_bytes().to_vec())).expect("add");
        assert_eq!(added.entry.key, "hidden quiz.gift");
        assert!(added.entry.course.is_some(), "{:?}", added.entry.problems);
        let again = add(
            &s,
            "hidden quiz.gift",
            Source::Gift(GIFT.as_bytes().to_vec()),
        )
        .expect("add");
        assert_eq!(again.entry.key, "hidden quiz-2.gift");
        let keys: Vec<String> = super::added(&s).into_iter().map(|e| e.key).collect();
        assert_eq!(keys, ["hidden quiz-2.gift", "hidden quiz.gift"]);
    }

    #[test]
    fn names_cannot_leave_the_courses_folder() {
        assert_eq!(stored_name("../../x", false), "-..-x");
        assert_eq!(stored_name("a/b.gift", true), "a-b.gift");
        assert_eq!(stored_name("...", true), "course.gift");
    }

    #[test]
    fn a_folder_with_nothing_usable_is_refused_and_skips_are_reported() {
        let s = MemoryStorage::new();
        let big = vec![b'#'; usize::try_from(MAX_FILE_BYTES).expect("fits") + 1];
        let e = add(
            &s,
            "big",
            Source::Folder {
                files: vec![("course.toml".into(), big.clone())],
                skipped: Vec::new(),
            },
        )
        .expect_err("nothing left");
        assert!(e.to_string().contains("larger than 4 MiB"), "{e}");
        assert!(s.snapshot().is_empty());
        let ok = add(
            &s,
            "mixed",
            Source::Folder {
                files: vec![
                    ("course.toml".into(), b"title = \"Mixed\"\n".to_vec()),
                    ("huge.toml".into(), big),
                    ("notes.txt".into(), b"x".to_vec()),
                ],
                skipped: vec!["linked.toml: a link".into()],
            },
        )
        .expect("added");
        assert_eq!(ok.skipped.len(), 3, "{:?}", ok.skipped);
        // What the reader left out is said when nothing else is left.
        let e = add(
            &s,
            "unreadable",
            Source::Folder {
                files: Vec::new(),
                skipped: vec!["course.toml: the file is larger than 4 MiB".into()],
            },
        )
        .expect_err("nothing left");
        assert!(
            e.to_string().contains("course.toml: the file is larger"),
            "{e}"
        );
    }
}
