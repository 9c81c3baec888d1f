//! Reading results files into the class report: picked in the system's dialog or dropped on
//! the window.

#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;

use super::BeaconApp;
use crate::ui::DroppedFiles;

/// What the browser version says when asked to read results files.
#[cfg(target_arch = "wasm32")]
const BROWSER_NO_FILES: &str = "The browser version cannot read results files yet: make the class report in the desktop version.";

impl BeaconApp {
    /// Asks for results files and adds them to the class report.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn open_result_files(&mut self) {
        let Some(paths) = rfd::FileDialog::new()
            .set_title("Results files for the class report")
            .add_filter("Results (CSV, xAPI JSON)", &["csv", "json"])
            .add_filter("Any file", &["*"])
            .pick_files()
        else {
            return;
        };
        let files: Vec<(PathBuf, std::io::Result<Vec<u8>>)> = paths
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p);
                (p, bytes)
            })
            .collect();
        self.add_to_report(
            files
                .into_iter()
                .map(|(p, b)| (p, b.map_err(|e| e.to_string()))),
        );
    }

    /// The browser version cannot read results files yet (its file picker and dropped files
    /// are read asynchronously); it says so.
    #[cfg(target_arch = "wasm32")]
    pub(super) fn open_result_files(&mut self) {
        self.tell(BROWSER_NO_FILES, None);
    }

    /// The browser version cannot read dropped files yet; it says so.
    #[cfg(target_arch = "wasm32")]
    pub(super) fn add_result_files(&mut self, _files: &DroppedFiles) {
        self.tell(BROWSER_NO_FILES, None);
    }

    /// Adds files dropped on the window to the class report.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn add_result_files(&mut self, files: &DroppedFiles) {
        let read: Vec<(PathBuf, Result<Vec<u8>, String>)> = files
            .0
            .iter()
            .map(|f| (f.path().to_path_buf(), f.bytes()))
            .collect();
        self.add_to_report(read.into_iter());
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn add_to_report(&mut self, files: impl Iterator<Item = (PathBuf, Result<Vec<u8>, String>)>) {
        let crate::ui::Screen::ClassReport(state) = &mut self.screen else {
            return;
        };
        for (path, bytes) in files {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            match bytes {
                Ok(bytes) => state.add(&self.course, &name, &bytes),
                Err(e) => state.unreadable(&self.course, &name, &e),
            }
        }
    }
}
