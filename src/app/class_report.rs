//! Reading results files into the class report: picked in the system's dialog or dropped on
//! the window.

use std::path::PathBuf;

use super::BeaconApp;
use crate::ui::{DroppedFiles, Screen};

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

    /// The browser build has no file dialog here yet (issue 12): it says so.
    #[cfg(target_arch = "wasm32")]
    pub(super) fn open_result_files(&mut self) {
        self.notice = Some("Opening results files is not in the browser version yet.".into());
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

    /// The browser build does not read dropped files here yet (issue 12): it says so.
    #[cfg(target_arch = "wasm32")]
    pub(super) fn add_result_files(&mut self, _files: &DroppedFiles) {
        self.notice = Some("Dropping results files is not in the browser version yet.".into());
    }

    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    fn add_to_report(&mut self, files: impl Iterator<Item = (PathBuf, Result<Vec<u8>, String>)>) {
        let Screen::ClassReport(state) = &mut self.screen else {
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
