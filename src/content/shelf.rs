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
    let course = if path.is_dir() {
        match load(path) {
            Ok(loaded) => {
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
        } else if n == 0 {
            if !problems.iter().any(Problem::is_error) {
                problems.push(Problem::whole_file(
                    path,
                    Severity::Error,
                    "this course has no questions",
                ));
            }
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
    }
}

fn load_gift(path: &Path, problems: &mut Vec<Problem>) -> Option<Course> {
    read_gift(path, problems).filter(|c| !c.modules.is_empty())
}

/// Whether a file name is one Beacon reads as GIFT: `.gift`, or `.txt` as Moodle names its
/// GIFT exports.
#[must_use]
pub fn is_gift_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gift") || e.eq_ignore_ascii_case("txt"))
}

/// Reads a GIFT file into a course (with no modules when nothing could be imported), its
/// problems by line; `None` when the file cannot be read as text at all.
pub fn read_gift(path: &Path, problems: &mut Vec<Problem>) -> Option<Course> {
    let text = super::read_text(path, problems)?;
    let name = path.file_name().map_or_else(
        || "course.gift".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let imported = gift::import(&text, &name);
    for note in imported.notes {
        problems.push(Problem {
            file: path.to_path_buf(),
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
    Some(imported.course)
}

/// Why a path is not a course Beacon can read, in plain words; `None` when it is one (a folder,
/// or a GIFT file).
#[must_use]
pub fn not_a_course(path: &Path) -> Option<String> {
    let shown = path.display();
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(format!("{shown} does not exist"));
        }
        Err(e) => return Some(format!("{shown} could not be read: {e}")),
    };
    if meta.is_dir() {
        return None;
    }
    if !meta.is_file() {
        return Some(format!(
            "{shown} is not a course: it is not a regular file or folder"
        ));
    }
    if is_gift_name(path) {
        return None;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if path.extension().is_some_and(|e| e == "toml") {
        return Some(format!(
            "{shown} is one file of a course; a course is the folder that holds course.toml and its modules: give the folder ({})",
            parent.display()
        ));
    }
    Some(format!(
        "{shown} is not a course: a course is a folder with course.toml and its module files, or a GIFT file (.gift, or .txt as Moodle exports it)"
    ))
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
            });
            continue;
        }
        out.push(load_entry(&name, &path));
    }
    out
}

/// Copies a course folder or GIFT file into `DATA/courses/` (regular files only: links are
/// not copied) and loads it. Returns the entry, with its problems; files left out of a folder
/// (too large, links, sub-folders) are among them. A GIFT file is always stored under a name the
/// shelf lists (`NAME.gift`, never starting with `.`), whatever it was called.
///
/// # Errors
/// When the source cannot be read or the copy cannot be written, and when it is not a course:
/// a file that is empty, not UTF-8 text, too large, a `.toml` file (one file of a course
/// folder), or named other than `.gift` or `.txt` and holding no GIFT question Beacon can use.
pub fn add(data_dir: &Path, source: &Path) -> std::io::Result<Entry> {
    let meta = fs::symlink_metadata(source)?;
    if meta.file_type().is_symlink() {
        return Err(std::io::Error::other(
            "a link cannot be added as a course: choose the folder or file itself",
        ));
    }
    let dir = data_dir.join(FOLDER);
    if meta.is_dir() {
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| std::io::Error::other("the course has no name"))?;
        fs::create_dir_all(&dir)?;
        let target = free_name(&dir, &listed_name(&name), "");
        return add_folder(source, &target);
    }
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "only a folder or a regular file can be added as a course",
        ));
    }
    if source
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        return Err(std::io::Error::other(
            not_a_course(source).unwrap_or_default(),
        ));
    }
    let mut problems = Vec::new();
    let Some(text) = super::read_text(source, &mut problems) else {
        let why = problems.first().map_or_else(
            || "the file could not be read".to_owned(),
            |p| match p.line {
                0 => p.message.clone(),
                line => format!("line {line}, column {}: {}", p.column, p.message),
            },
        );
        return Err(std::io::Error::other(why));
    };
    if text.trim().is_empty() {
        return Err(std::io::Error::other(
            "the file is empty: a GIFT file holds questions such as `Who adopted the Protocol? {=the UN General Assembly ~UNESCO}`",
        ));
    }
    if !is_gift_name(source) && gift::import(&text, "").course.questions().next().is_none() {
        return Err(std::io::Error::other(
            not_a_course(source).unwrap_or_else(|| "the file holds no GIFT question".to_owned()),
        ));
    }
    let stem = source
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    fs::create_dir_all(&dir)?;
    let target = free_name(&dir, &listed_name(&stem), ".gift");
    fs::write(&target, text)?;
    let key = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(load_entry(&key, &target))
}

/// A name the shelf lists: no leading `.` (a hidden file), never empty.
fn listed_name(name: &str) -> String {
    let name = name.trim().trim_start_matches('.');
    if name.is_empty() {
        "course".to_owned()
    } else {
        name.to_owned()
    }
}

/// `DIR/NAME+EXT`, or `DIR/NAME-2+EXT` and so on, whichever is free.
fn free_name(dir: &Path, name: &str, ext: &str) -> PathBuf {
    let mut target = dir.join(format!("{name}{ext}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = dir.join(format!("{name}-{n}{ext}"));
    }
    target
}

/// Copies a course folder's own files (regular files of at most 4 MiB; no links, no
/// sub-folders) to `target` and loads the copy. What is left out is reported; when nothing
/// could be copied, the empty copy is removed.
fn add_folder(source: &Path, target: &Path) -> std::io::Result<Entry> {
    fs::create_dir_all(target)?;
    let mut left_out = Vec::new();
    let mut copied = 0;
    let mut entries: Vec<fs::DirEntry> = fs::read_dir(source)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let kind = entry.file_type()?;
        let why = if kind.is_symlink() {
            Some("it is a link; only the course's own files are copied")
        } else if kind.is_dir() {
            Some("it is a folder; a course's files sit directly in its folder")
        } else if !kind.is_file() {
            Some("it is not a regular file")
        } else if entry.metadata()?.len() > MAX_FILE_BYTES {
            Some("it is larger than 4 MiB, the most a course file may be")
        } else {
            None
        };
        match why {
            Some(why) => left_out.push(Problem::whole_file(
                &entry.path(),
                Severity::Error,
                format!("not copied: {why}"),
            )),
            None => {
                fs::copy(entry.path(), target.join(entry.file_name()))?;
                copied += 1;
            }
        }
    }
    let key = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut entry = load_entry(&key, target);
    if copied == 0 {
        fs::remove_dir(target)?;
        entry.problems.clear();
    }
    left_out.append(&mut entry.problems);
    entry.problems = left_out;
    Ok(entry)
}
