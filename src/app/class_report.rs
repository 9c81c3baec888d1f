//! Reading results files into the class report: picked in the system's dialog or dropped on
//! the window.

use std::path::PathBuf;

use super::BeaconApp;
use crate::ui::{DroppedFiles, Screen};

/// Results files as read: each file's name or path, and its bytes or why it could not be read.
pub(super) type ReadFiles = Vec<(PathBuf, Result<Vec<u8>, String>)>;

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
        let files: ReadFiles = paths
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).map_err(|e| e.to_string());
                (p, bytes)
            })
            .collect();
        self.add_to_report(files);
    }

    /// Shows the browser's file picker for results files; they join the class report when
    /// the browser has read them.
    #[cfg(target_arch = "wasm32")]
    pub(super) fn open_result_files(&mut self) {
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = self.ctx.clone();
        super::browser_files::pick_many(".csv,.json,text/csv,application/json", move |picked| {
            let read: ReadFiles = match picked {
                Ok(files) => files
                    .into_iter()
                    .map(|(name, bytes)| (PathBuf::from(name), bytes))
                    .collect(),
                Err(e) => vec![(PathBuf::from("the chosen files"), Err(e))],
            };
            let _ = tx.send(read);
            ctx.request_repaint();
        });
        self.results_coming = Some(rx);
    }

    /// Adds files dropped on the window to the class report; the browser reads them first.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn add_result_files(&mut self, files: &DroppedFiles) {
        let read: ReadFiles = files
            .0
            .iter()
            .map(|f| (f.path().to_path_buf(), f.bytes()))
            .collect();
        self.add_to_report(read);
    }

    /// Adds files dropped on the page to the class report once the browser has read them.
    #[cfg(target_arch = "wasm32")]
    pub(super) fn add_result_files(&mut self, files: &DroppedFiles) {
        let files = files.0.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = self.ctx.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut read: ReadFiles = Vec::with_capacity(files.len());
            for f in &files {
                let bytes = f.bytes_async().await;
                read.push((f.path().to_path_buf(), bytes));
            }
            let _ = tx.send(read);
            ctx.request_repaint();
        });
        self.results_coming = Some(rx);
    }

    /// Adds the results files read since the last frame (in the browser, after the picker or
    /// a drop) to the class report.
    pub(super) fn poll_result_files(&mut self) {
        let Some(rx) = &self.results_coming else {
            return;
        };
        match rx.try_recv() {
            Ok(read) => {
                self.results_coming = None;
                self.add_to_report(read);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.results_coming = None,
        }
    }

    fn add_to_report(&mut self, files: ReadFiles) {
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
