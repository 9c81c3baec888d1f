//! A SCORM package: a zip with `imsmanifest.xml` at its root and the browser build beside it
//! (`index.html`, `beacon.js`, `beacon_bg.wasm`, the course embedded in the `.wasm`), plus a
//! course's own files under `course/` when the package carries another course than the shipped
//! one. The zip is deterministic: the same inputs give the same bytes.

use std::io::{Seek, Write};

use zip::write::SimpleFileOptions;

use super::Version;
use super::manifest::{self, LAUNCH};
use crate::content::CourseInfo;

/// The folder inside the package that holds a course's own files.
pub const COURSE_DIR: &str = "course";

/// Why a package could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// The browser build has no launch page.
    #[error("the browser build has no {LAUNCH}: build it with scripts/web")]
    NoLaunchPage,
    /// A file's path cannot go into a package.
    #[error("\"{0}\" cannot go into a package: paths are relative, with / and no ..")]
    BadPath(String),
    /// Two files with one path.
    #[error("\"{0}\" is in the package twice")]
    Duplicate(String),
    /// Writing the zip failed.
    #[error("the zip could not be written: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing the output failed.
    #[error("the package could not be written: {0}")]
    Io(#[from] std::io::Error),
}

/// One file of the package: its path inside the package (`/` separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Where it goes in the package.
    pub path: String,
    /// What it holds.
    pub bytes: Vec<u8>,
}

impl File {
    /// A file at `path` holding `bytes`.
    #[must_use]
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

fn check_path(path: &str) -> Result<(), PackageError> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
        || path == manifest::FILE;
    if bad {
        Err(PackageError::BadPath(path.to_owned()))
    } else {
        Ok(())
    }
}

/// Writes the package of `course` for `version` with `files` (the browser build and any course
/// files) to `out`, the manifest first and the rest in path order.
///
/// # Errors
/// When the launch page is missing, a path cannot go into a zip, or writing fails.
pub fn write<W: Write + Seek>(
    version: Version,
    course: &CourseInfo,
    files: &[File],
    out: W,
) -> Result<(), PackageError> {
    let mut sorted: Vec<&File> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for pair in sorted.windows(2) {
        if pair[0].path == pair[1].path {
            return Err(PackageError::Duplicate(pair[0].path.clone()));
        }
    }
    for f in &sorted {
        check_path(&f.path)?;
    }
    if !sorted.iter().any(|f| f.path == LAUNCH) {
        return Err(PackageError::NoLaunchPage);
    }
    let paths: Vec<String> = sorted.iter().map(|f| f.path.clone()).collect();
    let xml = manifest::manifest(version, course, &paths);

    let mut zip = zip::ZipWriter::new(out);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .unix_permissions(0o644);
    zip.start_file(manifest::FILE, options)?;
    zip.write_all(xml.as_bytes())?;
    for f in sorted {
        zip.start_file(f.path.as_str(), options)?;
        zip.write_all(&f.bytes)?;
    }
    zip.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;

    fn web() -> Vec<File> {
        vec![
            File::new("beacon_bg.wasm", vec![0, 97, 115, 109]),
            File::new(LAUNCH, "<!DOCTYPE html>"),
            File::new("beacon.js", "export default 1"),
        ]
    }

    fn zip_of(files: &[File]) -> Result<Vec<u8>, PackageError> {
        let mut out = Cursor::new(Vec::new());
        write(Version::Scorm12, &CourseInfo::default(), files, &mut out)?;
        Ok(out.into_inner())
    }

    #[test]
    fn the_manifest_is_at_the_root_and_lists_every_file() {
        let bytes = zip_of(&web()).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let names: Vec<String> = zip
            .file_names()
            .map(|n| n.map(std::borrow::Cow::into_owned))
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(names[0], manifest::FILE);
        let mut xml = String::new();
        zip.by_name(manifest::FILE)
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        for f in web() {
            assert!(names.contains(&f.path), "{names:?}");
            assert!(
                xml.contains(&format!(r#"<file href="{}"/>"#, f.path)),
                "{xml}"
            );
        }
        let mut wasm = Vec::new();
        zip.by_name("beacon_bg.wasm")
            .unwrap()
            .read_to_end(&mut wasm)
            .unwrap();
        assert_eq!(wasm, vec![0, 97, 115, 109]);
    }

    #[test]
    fn packages_are_reproducible() {
        let mut reversed = web();
        reversed.reverse();
        assert_eq!(zip_of(&web()).unwrap(), zip_of(&reversed).unwrap());
    }

    #[test]
    fn bad_layouts_are_refused() {
        assert!(matches!(
            zip_of(&web()[..1]),
            Err(PackageError::NoLaunchPage)
        ));
        for bad in ["../x", "/etc/passwd", "a//b", "c:\\x", "imsmanifest.xml"] {
            let mut files = web();
            files.push(File::new(bad, "x"));
            assert!(
                matches!(zip_of(&files), Err(PackageError::BadPath(p)) if p == bad),
                "{bad}"
            );
        }
        let mut twice = web();
        twice.push(File::new("beacon.js", "again"));
        assert!(matches!(zip_of(&twice), Err(PackageError::Duplicate(p)) if p == "beacon.js"));
    }
}
