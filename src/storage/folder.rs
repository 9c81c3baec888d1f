//! Reading courses a person points at on disk (the course folder given with `--course`, a folder
//! or GIFT file to add): a thin layer over the core's loader that keeps the checks a folder
//! needs. Only the `.toml` files directly in the folder are read, each at most 4 MiB (a larger
//! one is reported, not read); only regular files (never a named pipe or device); and a link
//! leading out of the folder is refused.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use beacon_core::content::{CourseFile, Loaded, MAX_FILE_BYTES, Problem, Severity, load_files};
use beacon_core::data::courses::{self, Entry, Source};

/// Why a course folder could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// Nothing is there, or it is not a folder.
    #[error("the course folder {0} does not exist")]
    NotFound(PathBuf),
    /// The folder could not be listed.
    #[error("the course folder {path} could not be read: {message}")]
    Unreadable {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        message: String,
    },
}

/// Reads a file of at most [`MAX_FILE_BYTES`], refusing anything but a regular file.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| format!("the file could not be read: {e}"))?;
    if !meta.is_file() {
        return Err("this is not a regular file, so Beacon does not open it".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err("the file is larger than 4 MiB, the most a course file may be".into());
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("the file could not be read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err("the file is larger than 4 MiB, the most a course file may be".into());
    }
    Ok(bytes)
}

/// The course files of a folder, with a problem for each that was not read.
pub(crate) fn folder_files(dir: &Path) -> Result<(Vec<CourseFile>, Vec<Problem>), FolderError> {
    if !dir.is_dir() {
        return Err(FolderError::NotFound(dir.to_path_buf()));
    }
    let entries = fs::read_dir(dir).map_err(|e| FolderError::Unreadable {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })?;
    let root = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "toml" || e.eq_ignore_ascii_case("png"))
        })
        .collect();
    paths.sort();
    for path in paths {
        let inside = fs::canonicalize(&path).is_ok_and(|real| real.starts_with(&root));
        if !inside {
            problems.push(Problem::whole_file(&path, Severity::Error, "this file is a link to a place outside the course folder; Beacon does not follow it"));
            continue;
        }
        match read_capped(&path) {
            Ok(bytes) => files.push(CourseFile::new(path, bytes)),
            Err(message) => problems.push(Problem::whole_file(&path, Severity::Error, message)),
        }
    }
    Ok((files, problems))
}

/// Loads the course in a folder on disk.
///
/// # Errors
/// Only when the folder itself cannot be read; problems in files are reported in [`Loaded`].
pub fn load_folder(dir: &Path) -> Result<Loaded, FolderError> {
    let (files, mut problems) = folder_files(dir)?;
    let mut loaded = load_files(dir, files);
    loaded.problems.append(&mut problems);
    loaded
        .problems
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    Ok(loaded)
}

/// Whether a file's name is one Beacon reads as GIFT: `.gift`, or `.txt` as Moodle names its
/// GIFT exports.
fn is_gift_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gift") || e.eq_ignore_ascii_case("txt"))
}

/// Why `path` is not a course Beacon can check, in plain words; `None` when it is a folder or a
/// GIFT file.
fn not_a_course(path: &Path) -> Option<String> {
    let shown = path.display();
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(FolderError::NotFound(path.to_path_buf()).to_string());
        }
        Err(e) => return Some(format!("{shown} could not be read: {e}")),
    };
    if meta.is_dir() || (meta.is_file() && is_gift_name(path)) {
        return None;
    }
    if !meta.is_file() {
        return Some(format!(
            "{shown} is not a course: it is neither a folder nor a regular file"
        ));
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        return Some(format!(
            "{shown} is one file of a course; a course is the folder that holds course.toml and its modules: give the folder ({})",
            folder.display()
        ));
    }
    Some(format!(
        "{shown} is not a course: a course is a folder with course.toml and its module files, or a GIFT file (.gift, or .txt as Moodle exports it)"
    ))
}

/// Loads the course at `path`, a folder or a GIFT file on disk, with every problem: what
/// `beacon check` reports, the same for both.
///
/// # Errors
/// When `path` is not a course (the message says what a course is) or cannot be read at all.
pub fn load_course_at(path: &Path) -> Result<Loaded, String> {
    if let Some(why) = not_a_course(path) {
        return Err(why);
    }
    if path.is_dir() {
        return load_folder(path).map_err(|e| e.to_string());
    }
    let bytes = read_capped(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(courses::load_gift(path, &bytes))
}

/// Loads a course folder or GIFT file on disk as a shelf entry.
#[must_use]
pub fn load_entry(key: &str, path: &Path) -> Entry {
    if path.is_dir() {
        match folder_files(path) {
            Ok((files, mut problems)) => {
                let mut entry = Entry::from_files(key, path, files);
                problems.append(&mut entry.problems);
                entry.problems = problems;
                entry
            }
            Err(e) => Entry {
                key: key.to_owned(),
                location: path.display().to_string(),
                course: None,
                problems: vec![Problem::whole_file(path, Severity::Error, e.to_string())],
                cues: Vec::new(),
            },
        }
    } else {
        match read_capped(path) {
            Ok(bytes) => Entry::from_gift(key, path, &bytes),
            Err(message) => Entry {
                key: key.to_owned(),
                location: path.display().to_string(),
                course: None,
                problems: vec![Problem::whole_file(path, Severity::Error, message)],
                cues: Vec::new(),
            },
        }
    }
}

/// Reads a course folder or GIFT file a person chose, to add it to the data folder: its name
/// and its files. Links are refused (choose the folder or file itself); in a folder only its
/// own regular files are taken, and those that cannot be taken are listed.
///
/// # Errors
/// When the source cannot be read at all.
pub fn read_source(path: &Path) -> Result<(String, Source), String> {
    let meta = fs::symlink_metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.file_type().is_symlink() {
        return Err("a link cannot be added as a course: choose the folder or file itself".into());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| "the course has no name".to_owned())?;
    if !meta.is_dir() {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            return Err(not_a_course(path).unwrap_or_default());
        }
        let bytes = read_capped(path).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok((name, Source::Gift(bytes)));
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let entries = fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        // Only the course's own files: no links, no sub-folders.
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        match read_capped(&entry.path()) {
            Ok(bytes) => files.push((file, bytes)),
            Err(why) => skipped.push(format!("{file}: {why}")),
        }
    }
    files.sort();
    Ok((name, Source::Folder { files, skipped }))
}
