//! The Classroom screen's SCORM package: the open course, for an organisation's LMS, saved when
//! it is made. On the desktop it is made on a thread of its own, from the browser build shipped
//! with the program (see `scorm_export::places`). In the browser the page fetches its own files
//! (the launch page, the script, the `.wasm` and, when it runs from a package, that package's
//! course) while it keeps drawing, then zips them on the page's one thread: the page pauses for
//! the few seconds that takes.

use beacon_core::data::courses;
use beacon_core::storage::join;

use super::{BeaconApp, SHIPPED};
use crate::content::{CourseInfo, Problem};
use crate::formats::scorm::Version;
use crate::formats::scorm::package::File;
use crate::scorm_export;
use crate::ui::SaveTarget;

/// Why a course is not packaged.
const HAS_PROBLEMS: &str = "this course has problems (listed with it on the course map), and an LMS package is made only of a course without them";

/// A course's files for a package, by file name, and the problems of reading them.
type CourseFiles = (Vec<File>, Vec<Problem>);

/// A package being made: where it goes, and its name and bytes (or why not)
/// once the page's files are fetched.
pub(super) type Coming = (
    SaveTarget,
    std::sync::mpsc::Receiver<Result<(String, Vec<u8>), String>>,
);

impl BeaconApp {
    /// The browser build a SCORM package is made from, in place of the one shipped beside the
    /// program (tests, and a course author's own build).
    pub fn set_web_build(&mut self, dir: Option<std::path::PathBuf>) {
        self.web_build = dir;
    }

    /// The open course's own files for a package, by file name, with the problems of reading
    /// them; `None` for the course the program was started with when it comes from the program
    /// itself (the `.wasm` has it).
    fn course_files(&self) -> Result<Option<CourseFiles>, String> {
        if self.course_key == SHIPPED {
            #[cfg(not(target_arch = "wasm32"))]
            if let Some(dir) = &self.shipped_dir {
                return scorm_export::folder_course(dir).map(Some);
            }
            return Ok(None);
        }
        // An added course, as the data folder keeps it: a folder of files or one GIFT file.
        let stored = join(&[courses::FOLDER, &self.course_key]);
        let read = |name: &str| match self.storage.read(name) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => Err(format!("{} has gone", self.storage.locate(name))),
            Err(e) => Err(e.to_string()),
        };
        let entries = self.storage.list(&stored).unwrap_or_default();
        if entries.is_empty() {
            let gift = File::new(self.course_key.clone(), read(&stored)?);
            return Ok(Some((vec![gift], Vec::new())));
        }
        let mut files = Vec::new();
        for e in entries.into_iter().filter(|e| !e.is_folder) {
            let bytes = read(&join(&[&stored, &e.name]))?;
            files.push(File::new(e.name, bytes));
        }
        Ok(Some((files, Vec::new())))
    }

    /// The open course's files for a package and its details. Files read now are checked as the
    /// package's page will load them (a course folder may have changed since Beacon opened it).
    fn package_course(&self) -> Result<(Option<Vec<File>>, CourseInfo), String> {
        let fine = |problems: &[Problem], course: &crate::content::Course| {
            !problems.iter().any(Problem::is_error) && !course.modules.is_empty()
        };
        match self.course_files()? {
            None if fine(&self.problems, &self.course) => Ok((None, self.course.info.clone())),
            None => Err(HAS_PROBLEMS.into()),
            Some((files, mut problems)) => {
                // The problems of reading the folder (a link refused) count too.
                let entry = scorm_export::course_entry(files.clone());
                problems.extend(entry.problems);
                match entry.course {
                    Some(course) if fine(&problems, &course) => Ok((Some(files), course.info)),
                    _ => Err(HAS_PROBLEMS.into()),
                }
            }
        }
    }

    /// Says why the package could not be made.
    fn not_packaged(&mut self, why: &str) {
        self.notice = Some(format!("The LMS package could not be made: {why}."));
    }

    /// Starts making the package of the open course from the browser build beside the program,
    /// off the UI thread (deflating a 10 MB `.wasm` takes a moment); it is saved when made.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn start_scorm_package(&mut self, version: Version, target: SaveTarget) {
        let (course, info) = match self.package_course() {
            Ok((course, info)) => (course.unwrap_or_default(), info),
            Err(e) => return self.not_packaged(&e),
        };
        let named = self.web_build.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = self.ctx.clone();
        let make = move || {
            let made = scorm_export::locate(named.as_deref())
                .and_then(|dir| scorm_export::read_build(&dir))
                .and_then(|web| scorm_export::package(version, &info, web, course))
                .map(|bytes| (scorm_export::file_name(&info, version), bytes));
            let _ = tx.send(made);
            ctx.request_repaint();
        };
        if let Err(e) = std::thread::Builder::new()
            .name("beacon-scorm".into())
            .spawn(make)
        {
            return self.not_packaged(&e.to_string());
        }
        self.notice = Some("Making the LMS package\u{2026}".into());
        self.scorm_coming = Some((target, rx));
    }

    /// Starts making the package of the open course from the page's own files; it is saved
    /// when they are in.
    #[cfg(target_arch = "wasm32")]
    pub(super) fn start_scorm_package(&mut self, version: Version, target: SaveTarget) {
        let (course, info) = match self.package_course() {
            Ok(found) => found,
            Err(e) => return self.not_packaged(&e),
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = self.ctx.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let made = crate::web::scorm::own_files(course)
                .await
                .and_then(|(web, course)| scorm_export::package(version, &info, web, course))
                .map(|bytes| (scorm_export::file_name(&info, version), bytes));
            let _ = tx.send(made);
            ctx.request_repaint();
        });
        self.notice = Some(
            "Making the LMS package\u{2026} (the page pauses for a few seconds while it zips)"
                .into(),
        );
        self.scorm_coming = Some((target, rx));
    }

    /// Saves the package made since the last frame (in the browser, once the page's files are
    /// fetched).
    pub(super) fn poll_scorm_package(&mut self, ctx: &egui::Context) {
        let Some((target, rx)) = &self.scorm_coming else {
            return;
        };
        let target = *target;
        let made = match rx.try_recv() {
            Ok(made) => made,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err("it stopped before it was done".into())
            }
        };
        self.scorm_coming = None;
        self.notice = None;
        match made {
            Ok((name, bytes)) => self.save_made(name, bytes, target, ctx),
            Err(e) => self.not_packaged(&e),
        }
    }
}
