//! A SCORM package of the course Beacon has open, from the command line (`beacon export scorm`)
//! or the Classroom screen: the browser build that ships beside the program (the packages put it
//! in a `web` folder, its `.wasm` brotli-compressed to keep them small), the launch page marked
//! as a package's, and the course's own files when it is not the course built in.

use std::io::Cursor;
use std::path::Path;
#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;

use crate::app::SHIPPED;
use crate::content::{CourseFile, CourseInfo};
use crate::data::courses::Entry;
use crate::formats::scorm::Version;
#[cfg(not(target_arch = "wasm32"))]
use crate::formats::scorm::manifest;
use crate::formats::scorm::package::{self, File};

/// The browser build's files besides the launch page.
pub const WASM: &str = "beacon_bg.wasm";
/// The ending of a file the packages keep brotli-compressed.
pub const COMPRESSED: &str = ".br";

/// The package's bytes: `web` (the browser build) with its launch page marked for `version`, and
/// `course` (by file name) under `course/`.
///
/// # Errors
/// When the build has no launch page or the files cannot go into a package.
pub fn package(
    version: Version,
    info: &CourseInfo,
    web: Vec<File>,
    course: Vec<File>,
) -> Result<Vec<u8>, String> {
    let files = package::assemble(version, web, course).map_err(|e| e.to_string())?;
    let mut out = Cursor::new(Vec::new());
    package::write(version, info, &files, &mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// The course of a package's own files (by file name, as under `course/`): one GIFT file (a
/// course added from one), else a course folder's files. It opens in place of the course built
/// in.
#[must_use]
pub fn course_entry(files: Vec<File>) -> Entry {
    let folder = Path::new(package::COURSE_DIR);
    if let [one] = files.as_slice()
        && Path::new(&one.path)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gift"))
    {
        return Entry::from_gift(SHIPPED, &folder.join(&one.path), &one.bytes);
    }
    let files = files
        .into_iter()
        .map(|f| CourseFile::new(folder.join(f.path), f.bytes))
        .collect();
    Entry::from_files(SHIPPED, folder, files)
}

/// The name a package is saved under: the course's title in lower case with dashes, and the
/// version.
#[must_use]
pub fn file_name(info: &CourseInfo, version: Version) -> String {
    let mut stem = String::new();
    for c in info.title.chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    let stem = if stem.is_empty() { "beacon" } else { stem };
    format!("{stem}-scorm-{}.zip", version.label())
}

/// Whether `dir` holds a browser build: a launch page and the `.wasm`, as is or compressed.
#[cfg(not(target_arch = "wasm32"))]
fn is_build(dir: &Path) -> bool {
    dir.join(manifest::LAUNCH).is_file()
        && (dir.join(WASM).is_file() || dir.join(format!("{WASM}{COMPRESSED}")).is_file())
}

/// The places a browser build is looked for, in order: `named` (`--web`, `BEACON_WEB_DIR`), the
/// `web` folder beside the program (the `.tar.gz`, the `.zip` and the Windows installer), the
/// `.deb`'s `/usr/share/beacon/web` on Linux, the app bundle's `Resources/web` on macOS, then
/// `target/dist/web` under the working folder (what `scripts/web` builds in a source tree).
#[cfg(not(target_arch = "wasm32"))]
#[must_use]
pub fn places(named: Option<&Path>) -> Vec<PathBuf> {
    let mut places = Vec::new();
    if let Some(dir) = named {
        places.push(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("BEACON_WEB_DIR") {
        places.push(PathBuf::from(dir));
    }
    // The program itself, links followed (a link to it in a `bin` folder, or into an app
    // bundle). Not on Windows, where that would name it `\\?\C:\...`.
    let program = std::env::current_exe().and_then(|exe| {
        if cfg!(windows) {
            Ok(exe)
        } else {
            std::fs::canonicalize(exe)
        }
    });
    if let Some(bin) = program
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
    {
        places.push(bin.join("web"));
        if let Some(up) = bin.parent() {
            if cfg!(target_os = "linux") {
                places.push(up.join("share").join("beacon").join("web"));
            }
            if cfg!(target_os = "macos") {
                places.push(up.join("Resources").join("web"));
            }
        }
    }
    places.push(Path::new("target").join("dist").join("web"));
    places
}

/// The first place of [`places`] that holds a browser build.
///
/// # Errors
/// Says where it looked when none does.
#[cfg(not(target_arch = "wasm32"))]
pub fn locate(named: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = named
        && !is_build(dir)
    {
        return Err(format!(
            "the browser build is missing: {} has no {} and {WASM}. Build it with scripts/web (from Beacon's source folder), or name a build folder with --web DIR or BEACON_WEB_DIR",
            dir.display(),
            manifest::LAUNCH
        ));
    }
    first_build(&places(named))
}

/// The first of `places` that holds a browser build; else why there is none, for a teacher.
#[cfg(not(target_arch = "wasm32"))]
fn first_build(places: &[PathBuf]) -> Result<PathBuf, String> {
    places.iter().find(|d| is_build(d)).cloned().ok_or_else(|| {
        let looked: Vec<String> = places.iter().map(|p| p.display().to_string()).collect();
        format!(
            "this copy of Beacon has no browser build to put in the package. Every download of Beacon has one, in a folder named \"web\" that is installed with the program: install Beacon again from its downloads, or put that folder back beside the program (Beacon looked in {})",
            looked.join(", ")
        )
    })
}

/// A course folder's files for a package, by file name, and the problems of reading it (a link
/// to a place outside the folder is refused, not read).
///
/// # Errors
/// When the folder does not exist or cannot be listed.
#[cfg(not(target_arch = "wasm32"))]
pub fn folder_course(dir: &Path) -> Result<(Vec<File>, Vec<crate::content::Problem>), String> {
    let (files, problems) = crate::storage::folder::folder_files(dir).map_err(|e| e.to_string())?;
    let files = files
        .into_iter()
        .filter_map(|f| {
            let name = f.name.file_name()?.to_string_lossy().into_owned();
            Some(File::new(name, f.bytes))
        })
        .collect();
    Ok((files, problems))
}

/// Every file of the browser build in `dir` with its path inside the build, in name order; a
/// file ending in `.br` is decompressed and named without it (unless the build also has it
/// uncompressed).
///
/// # Errors
/// When a file cannot be read or a compressed one is damaged.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_build(dir: &Path) -> Result<Vec<File>, String> {
    let mut files = Vec::new();
    read_under(dir, "", &mut files)?;
    let plain: std::collections::BTreeSet<String> = files
        .iter()
        .filter(|f| !f.path.ends_with(COMPRESSED))
        .map(|f| f.path.clone())
        .collect();
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        match f.path.strip_suffix(COMPRESSED) {
            Some(name) if plain.contains(name) => {}
            Some(name) => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(
                    &mut brotli_decompressor::Decompressor::new(f.bytes.as_slice(), 64 * 1024),
                    &mut bytes,
                )
                .map_err(|e| format!("{} is damaged: {e}", dir.join(&f.path).display()))?;
                out.push(File::new(name, bytes));
            }
            None => out.push(f),
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

#[cfg(not(target_arch = "wasm32"))]
fn read_under(dir: &Path, prefix: &str, out: &mut Vec<File>) -> Result<(), String> {
    let said = |e: std::io::Error| format!("{}: {e}", dir.display());
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(said)?
        .collect::<Result<_, _>>()
        .map_err(said)?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let inside = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if path.is_dir() {
            read_under(&path, &inside, out)?;
        } else {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            out.push(File::new(inside, bytes));
        }
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// `brotli -q 11` of "\0asm and more bytes of a tiny module\n", made with node's zlib
    /// (`zlib.brotliCompressSync`): input for the reader, not its expected output.
    const TINY_BR: &[u8] = include_bytes!("../tests/data/tiny.wasm.br");

    #[test]
    fn a_build_s_compressed_files_are_read_uncompressed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<html><head></head></html>").unwrap();
        std::fs::write(dir.path().join("beacon.js"), "export {}").unwrap();
        std::fs::write(dir.path().join("beacon_bg.wasm.br"), TINY_BR).unwrap();
        assert_eq!(locate(Some(dir.path())).unwrap(), dir.path());
        let files = read_build(dir.path()).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["beacon.js", "beacon_bg.wasm", "index.html"]);
        assert_eq!(
            files[1].bytes,
            b"\0asm and more bytes of a tiny module\n".to_vec()
        );

        // Damage is named, with the file.
        let mut broken = TINY_BR.to_vec();
        broken.truncate(broken.len() / 2);
        std::fs::write(dir.path().join("beacon_bg.wasm.br"), broken).unwrap();
        let e = read_build(dir.path()).unwrap_err();
        assert!(e.contains("beacon_bg.wasm.br is damaged"), "{e}");

        // Beside the plain file, the compressed copy is not read.
        std::fs::write(dir.path().join("beacon_bg.wasm"), "plain").unwrap();
        let files = read_build(dir.path()).unwrap();
        assert_eq!(files.len(), 3);
        assert_eq!(files[1].bytes, b"plain".to_vec());
    }

    #[test]
    fn a_package_s_course_is_a_gift_file_or_a_folder_s_files() {
        let gift = course_entry(vec![File::new(
            "extra.gift",
            "::q1::Is it 2000?{T}\n\n::q2::Who? {=UNODC ~WHO}\n",
        )]);
        assert_eq!(gift.key, SHIPPED);
        assert!(gift.problems.is_empty(), "{:?}", gift.problems);
        assert_eq!(gift.course.expect("a course").questions().count(), 2);

        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scorm-course");
        let files = ["course.toml", "01-basics.toml"]
            .map(|n| File::new(n, std::fs::read(dir.join(n)).expect("read")))
            .to_vec();
        let folder = course_entry(files);
        assert!(
            folder.problems.iter().all(|p| !p.is_error()),
            "{:?}",
            folder.problems
        );
        let course = folder.course.expect("a course");
        assert_eq!(course.info.title, "SCORM test course");
        assert_eq!(course.modules.len(), 1);

        // Two GIFT files are not one course: each is read as a folder's file would be, and a
        // folder has no GIFT files, so nothing loads.
        let two = course_entry(vec![
            File::new("a.gift", "Q?{T}"),
            File::new("b.gift", "Q?{F}"),
        ]);
        assert!(two.course.as_ref().is_none_or(|c| c.modules.is_empty()));
    }

    #[test]
    fn without_a_build_anywhere_a_teacher_is_told_what_to_do() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let places = [a.path().to_path_buf(), b.path().to_path_buf()];
        let e = first_build(&places).unwrap_err();
        assert!(e.contains("install Beacon again"), "{e}");
        assert!(e.contains("\"web\""), "{e}");
        for p in &places {
            assert!(e.contains(&p.display().to_string()), "{e}");
        }
        assert!(!e.contains("scripts/web"), "no developer's words: {e}");
        // The first place that holds one is taken.
        std::fs::write(b.path().join("index.html"), "<html><head></head></html>").unwrap();
        std::fs::write(b.path().join("beacon_bg.wasm.br"), TINY_BR).unwrap();
        assert_eq!(first_build(&places).unwrap(), b.path());
    }

    #[test]
    fn a_named_folder_without_a_build_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let e = locate(Some(dir.path())).unwrap_err();
        assert!(e.contains("the browser build is missing"), "{e}");
        assert!(e.contains(&dir.path().display().to_string()), "{e}");
    }

    #[test]
    fn package_names_come_from_the_course_title() {
        let info = |title: &str| CourseInfo {
            title: title.into(),
            ..CourseInfo::default()
        };
        assert_eq!(
            file_name(
                &info("Fighting human trafficking: the UN's work"),
                Version::Scorm12
            ),
            "fighting-human-trafficking-the-un-s-work-scorm-1.2.zip"
        );
        assert_eq!(
            file_name(&info("  ¿?  "), Version::Scorm2004),
            "beacon-scorm-2004.zip"
        );
    }
}
