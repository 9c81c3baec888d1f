//! A SCORM package: a zip with `imsmanifest.xml` at its root and the browser build beside it
//! (`index.html`, `beacon.js`, `beacon_bg.wasm`, the course embedded in the `.wasm`), plus a
//! course's own files under `course/` when the package carries another course than the shipped
//! one. The zip is deterministic: the same inputs give the same bytes.

use std::fmt::Write as _;
use std::io::{Seek, Write};

use zip::write::SimpleFileOptions;

use super::Version;
use super::manifest::{self, LAUNCH};
use crate::content::CourseInfo;

/// The folder inside the package that holds a course's own files.
pub const COURSE_DIR: &str = "course";

/// The `<meta>` of the launch page that says the page runs from a SCORM package: its content is
/// the version (`1.2` or `2004`), so the page looks for that version's LMS API first.
pub const META_SCORM: &str = "beacon-scorm";
/// The `<meta>` of the launch page that lists the course files under `course/`, separated by
/// spaces, when the package carries its own course.
pub const META_COURSE: &str = "beacon-course";

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
    /// The launch page cannot be marked as a package's.
    #[error("the browser build's {LAUNCH} {0}")]
    LaunchPage(&'static str),
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

/// What a file name may hold as it is in the launch page's list and in a URL: letters, digits
/// and `-._~`; everything else (spaces, `#`, `%`, quotes, non-ASCII letters) is percent-encoded.
const LISTED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A course file's name as the launch page lists it, and as the page fetches it under
/// `course/`: percent-encoded, so any name the data folder keeps can be listed.
#[must_use]
pub fn encoded(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, LISTED).to_string()
}

/// The course file names in a launch page's list (the content of its `beacon-course` meta).
#[must_use]
pub fn listed_names(list: &str) -> Vec<String> {
    list.split_whitespace()
        .map(|n| {
            percent_encoding::percent_decode_str(n)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect()
}

/// The launch page `html` marked as a `version` package's, listing `course_files`: the package
/// `<meta>` lines go before `</head>`, in place of any an earlier package left (a browser build
/// that runs from a package can package itself again).
///
/// # Errors
/// When the page has no `</head>`, or a `<meta>` of an earlier package is not closed.
pub fn launch_page(
    html: &str,
    version: Version,
    course_files: &[String],
) -> Result<String, PackageError> {
    let mut html = html.to_owned();
    for name in [META_SCORM, META_COURSE] {
        let tag = format!("<meta name=\"{name}\"");
        while let Some(start) = html.find(&tag) {
            let len = html[start..]
                .find('>')
                .ok_or(PackageError::LaunchPage("has a <meta> that is not closed"))?;
            // The tag, with the indent before it and the line end after it.
            let from = html[..start].trim_end_matches(' ').len();
            let mut to = start + len + 1;
            for end in ["\r\n", "\n"] {
                if html[to..].starts_with(end) {
                    to += end.len();
                    break;
                }
            }
            html.replace_range(from..to, "");
        }
    }
    let mut meta = format!(
        "  <meta name=\"{META_SCORM}\" content=\"{}\">\n",
        version.label()
    );
    if !course_files.is_empty() {
        let listed: Vec<String> = course_files.iter().map(|n| encoded(n)).collect();
        let _ = writeln!(
            meta,
            "  <meta name=\"{META_COURSE}\" content=\"{}\">",
            listed.join(" ")
        );
    }
    let at = html
        .find("</head>")
        .ok_or(PackageError::LaunchPage("has no </head>"))?;
    Ok(format!("{}{meta}{}", &html[..at], &html[at..]))
}

/// The files of a `version` package: the browser build `web` with its launch page marked (see
/// [`launch_page`]) and a course's own files (`course`, by file name) under [`COURSE_DIR`]. A
/// manifest or course files already in `web` (a build that runs from a package) are left out:
/// the package gets its own.
///
/// # Errors
/// When the launch page is missing, is not UTF-8 or has no `</head>`.
pub fn assemble(
    version: Version,
    web: Vec<File>,
    course: Vec<File>,
) -> Result<Vec<File>, PackageError> {
    let inside = format!("{COURSE_DIR}/");
    let mut files: Vec<File> = web
        .into_iter()
        .filter(|f| f.path != manifest::FILE && !f.path.starts_with(&inside))
        .collect();
    let names: Vec<String> = course.iter().map(|f| f.path.clone()).collect();
    let launch = files
        .iter_mut()
        .find(|f| f.path == LAUNCH)
        .ok_or(PackageError::NoLaunchPage)?;
    let html = std::str::from_utf8(&launch.bytes)
        .map_err(|_| PackageError::LaunchPage("is not UTF-8 text"))?;
    launch.bytes = launch_page(html, version, &names)?.into_bytes();
    files.extend(
        course
            .into_iter()
            .map(|f| File::new(format!("{inside}{}", f.path), f.bytes)),
    );
    Ok(files)
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
    fn the_launch_page_says_it_is_in_a_package() {
        let html = "<html><head><title>Beacon</title></head><body></body></html>";
        let page = launch_page(
            html,
            Version::Scorm12,
            &["course.toml".into(), "a.toml".into()],
        )
        .expect("page");
        assert!(
            page.contains(r#"<meta name="beacon-scorm" content="1.2">"#),
            "{page}"
        );
        assert!(
            page.contains(r#"<meta name="beacon-course" content="course.toml a.toml">"#),
            "{page}"
        );
        assert!(page.find("beacon-course") < page.find("</head>"));
        assert!(launch_page("<html></html>", Version::Scorm2004, &[]).is_err());
        assert!(matches!(
            launch_page(
                "<head><meta name=\"beacon-scorm\" content=\"1.2\"",
                Version::Scorm12,
                &[]
            ),
            Err(PackageError::LaunchPage(_))
        ));
        // Windows line ends go with the tag.
        let crlf = "<head>\r\n  <meta name=\"beacon-scorm\" content=\"1.2\">\r\n</head>";
        let again = launch_page(crlf, Version::Scorm12, &[]).expect("page");
        assert_eq!(
            again,
            "<head>\r\n  <meta name=\"beacon-scorm\" content=\"1.2\">\n</head>"
        );
        // A page that already runs from a package is marked afresh, not twice.
        let again = launch_page(&page, Version::Scorm2004, &[]).expect("page");
        assert_eq!(again.matches("beacon-scorm").count(), 1, "{again}");
        assert!(again.contains(r#"content="2004""#), "{again}");
        assert!(!again.contains("beacon-course"), "{again}");
        assert!(again.contains("<title>Beacon</title>"), "{again}");
    }

    #[test]
    fn a_package_puts_the_course_under_its_folder_and_drops_an_old_package_s_files() {
        let mut build = web();
        build[1] = File::new(LAUNCH, "<html><head></head></html>");
        build.push(File::new(manifest::FILE, "<manifest/>"));
        build.push(File::new("course/old.toml", "x"));
        let files = assemble(
            Version::Scorm2004,
            build,
            vec![
                File::new("course.toml", "title"),
                File::new("a.gift", "::q::"),
            ],
        )
        .expect("files");
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "beacon_bg.wasm",
                LAUNCH,
                "beacon.js",
                "course/course.toml",
                "course/a.gift"
            ]
        );
        let page = String::from_utf8(files[1].bytes.clone()).unwrap();
        assert!(page.contains(r#"content="course.toml a.gift""#), "{page}");
        assert!(zip_of(&files).is_ok());
        // Any name the data folder keeps: listed encoded, read back as it was.
        let odd = "Module 1 quiz #2 (50%) é.gift";
        let mut build = web();
        build[1] = File::new(LAUNCH, "<html><head></head></html>");
        let files = assemble(Version::Scorm12, build, vec![File::new(odd, "q")]).expect("files");
        let page = String::from_utf8(files[1].bytes.clone()).unwrap();
        let list = page
            .split("name=\"beacon-course\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the list");
        assert!(!list.contains(' ') && !list.contains('#'), "{list}");
        assert_eq!(listed_names(list), [odd]);
        assert_eq!(
            files.last().map(|f| f.path.as_str()),
            Some("course/Module 1 quiz #2 (50%) é.gift")
        );
        assert!(matches!(
            assemble(Version::Scorm12, web()[..1].to_vec(), Vec::new()),
            Err(PackageError::NoLaunchPage)
        ));
        let mut latin1 = web();
        latin1[1] = File::new(LAUNCH, vec![0xff, 0xfe]);
        assert!(matches!(
            assemble(Version::Scorm12, latin1, Vec::new()),
            Err(PackageError::LaunchPage(_))
        ));
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
