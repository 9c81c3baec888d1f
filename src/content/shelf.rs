//! The courses on this computer: the shipped one, and every course a user added to the data
//! folder's `courses/` folder (a folder in Beacon's format, or a GIFT file). Untrusted input is
//! contained: links that lead out of `courses/` are refused, files over 4 MiB and courses over
//! 10,000 questions are refused with a clear message, and one broken course never stops the
//! others.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Course, MAX_FILE_BYTES, Problem, Severity, load};
use crate::gift;

/// The folder of added courses inside the data folder.
pub const FOLDER: &str = "courses";
/// Most questions a course may have.
pub const MAX_QUESTIONS: usize = 10_000;

/// One course on the shelf.
#[derive(Debug)]
pub struct Entry {
    /// A stable key: `shipped`, or the file or folder name under `courses/`.
    pub key: String,
    /// Where it is.
    pub path: PathBuf,
    /// The course, unless it could not be loaded at all.
    pub course: Option<Course>,
    /// Problems and notes, with file and line.
    pub problems: Vec<Problem>,
    /// Cue warnings for the course's authors (see [`super::cues`]); they never stop loading.
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
}

/// Loads a course folder or GIFT file, applying the limits.
#[must_use]
pub fn load_entry(key: &str, path: &Path) -> Entry {
    let mut problems = Vec::new();
    let mut cues = Vec::new();
    let course = if path.is_dir() {
        match load(path) {
            Ok(loaded) => {
                cues = loaded.cue_warnings();
                problems.extend(loaded.problems.into_iter().filter(Problem::is_error));
                Some(loaded.course)
            }
            Err(e) => {
                problems.push(Problem::whole_file(path, Severity::Error, e.to_string()));
                None
            }
        }
    } else {
        load_gift(path, &mut problems)
    };
    let course = course.filter(|c| {
        let n = c.questions().count();
        if n > MAX_QUESTIONS {
            problems.push(Problem::whole_file(
                path,
                Severity::Error,
                format!(
                    "this course has {n} questions; Beacon opens courses of at most {MAX_QUESTIONS}"
                ),
            ));
            false
        } else {
            true
        }
    });
    Entry {
        key: key.to_owned(),
        path: path.to_path_buf(),
        course,
        problems,
        cues,
    }
}

fn load_gift(path: &Path, problems: &mut Vec<Problem>) -> Option<Course> {
    let size = fs::metadata(path).map_or(0, |m| m.len());
    if size > MAX_FILE_BYTES {
        problems.push(Problem::whole_file(
            path,
            Severity::Error,
            "the file is larger than 4 MiB, the most a course file may be",
        ));
        return None;
    }
    let text = match fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            problems.push(Problem::whole_file(
                path,
                Severity::Error,
                "the file is not UTF-8 text: save it as UTF-8",
            ));
            return None;
        }
        Err(e) => {
            problems.push(Problem::whole_file(
                path,
                Severity::Error,
                format!("the file could not be read: {e}"),
            ));
            return None;
        }
    };
    let name = path.file_name().map_or_else(
        || "course.gift".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let imported = gift::import(&text, &name);
    for note in imported.notes {
        problems.push(Problem {
            file: path.to_path_buf(),
            line: note.line,
            column: 1,
            severity: if note.skipped {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: note.message,
        });
    }
    (!imported.course.modules.is_empty()).then_some(imported.course)
}

/// The courses in `DATA/courses/`, by name. Links leading out of the folder are refused.
#[must_use]
pub fn added(data_dir: &Path) -> Vec<Entry> {
    let dir = data_dir.join(FOLDER);
    let Ok(read) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let root = fs::canonicalize(&dir).unwrap_or(dir.clone());
    let mut paths: Vec<PathBuf> = read.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let is_gift = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gift"));
        if !(path.is_dir() || is_gift) || name.starts_with('.') {
            continue;
        }
        let inside = fs::canonicalize(&path).is_ok_and(|real| real.starts_with(&root));
        if !inside {
            out.push(Entry {
                key: name.clone(),
                path: path.clone(),
                course: None,
                problems: vec![Problem::whole_file(&path, Severity::Error, "this is a link to a place outside the courses folder; Beacon does not follow it")],
                cues: Vec::new(),
            });
            continue;
        }
        out.push(load_entry(&name, &path));
    }
    out
}

/// Copies a course folder or GIFT file into `DATA/courses/` (regular files only: links are
/// not copied) and loads it. Returns the entry, with its problems.
///
/// # Errors
/// When the source cannot be read or the copy cannot be written.
pub fn add(data_dir: &Path, source: &Path) -> std::io::Result<Entry> {
    let meta = fs::symlink_metadata(source)?;
    if meta.file_type().is_symlink() {
        return Err(std::io::Error::other(
            "a link cannot be added as a course: choose the folder or file itself",
        ));
    }
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| std::io::Error::other("the course has no name"))?;
    let dir = data_dir.join(FOLDER);
    fs::create_dir_all(&dir)?;
    let mut target = dir.join(&name);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = dir.join(if meta.is_dir() {
            format!("{name}-{n}")
        } else {
            format!("{}-{n}.gift", name.trim_end_matches(".gift"))
        });
    }
    if meta.is_dir() {
        fs::create_dir_all(&target)?;
        for entry in fs::read_dir(source)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            // Only the course's own files: no links, no sub-folders.
            if kind.is_file() {
                let len = entry.metadata()?.len();
                if len > MAX_FILE_BYTES {
                    continue;
                }
                fs::copy(entry.path(), target.join(entry.file_name()))?;
            }
        }
    } else {
        if meta.len() > MAX_FILE_BYTES {
            return Err(std::io::Error::other(
                "the file is larger than 4 MiB, the most a course file may be",
            ));
        }
        fs::copy(source, &target)?;
    }
    let key = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(name);
    Ok(load_entry(&key, &target))
}
