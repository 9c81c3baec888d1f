//! The system's file dialogs and file manager, without ever holding up a frame: a dialog runs on
//! its own thread and the shell picks up the answer on a later frame. While one is open, the app
//! keeps drawing (a timer, a repaint) and another dialog is not opened on top of it. When the
//! system cannot show a dialog or a folder, the answer says so, and the shell says what it did
//! instead.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use web_time::Instant;

/// What a dialog is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Choose a course folder to add.
    AddCourseFolder,
    /// Choose a GIFT file to add.
    AddGiftFile,
    /// Choose a progress file (from "Export my progress") to import.
    ImportProgress,
    /// Choose where to save a document, with the file name to suggest and its bytes.
    Save {
        /// The suggested file name.
        name: String,
        /// The document.
        bytes: Vec<u8>,
    },
}

/// The desktop Beacon runs on: its file dialogs and its file manager. Tests put in one that
/// has neither, or one that answers a dialog at once.
pub trait Desktop: Send + Sync {
    /// Shows the dialog for `purpose` and waits for the answer (on a thread of its own): the
    /// path chosen, `Ok(None)` when the person cancelled, or why no dialog could be shown.
    ///
    /// # Errors
    /// When the system has no way to show a file dialog.
    fn choose(&self, purpose: &Purpose) -> Result<Option<PathBuf>, String>;

    /// Shows a folder in the file manager.
    ///
    /// # Errors
    /// When the system has no file manager to show it in.
    fn open_folder(&self, place: &str) -> Result<(), String>;
}

/// The real desktop: the system's dialogs (through `rfd`) and file manager (through `opener`).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemDesktop;

/// A dialog answered without a path sooner than this was almost surely never shown (no portal
/// or dialog program on the system), rather than cancelled by a person.
#[cfg(not(target_arch = "wasm32"))]
const TOO_QUICK: Duration = Duration::from_millis(250);

impl Desktop for SystemDesktop {
    /// In the browser a document is downloaded (the browser says where it goes); choosing a
    /// file is [`Pending::open`]'s file picker, not this.
    #[cfg(target_arch = "wasm32")]
    fn choose(&self, purpose: &Purpose) -> Result<Option<PathBuf>, String> {
        match purpose {
            Purpose::Save { name, bytes } => {
                super::browser_files::download(name, bytes).map(|()| Some(PathBuf::from(name)))
            }
            Purpose::AddCourseFolder => {
                Err("a browser cannot give Beacon a whole folder; add a GIFT file instead".into())
            }
            Purpose::AddGiftFile | Purpose::ImportProgress => {
                Err("this browser could not show a file picker".into())
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn choose(&self, purpose: &Purpose) -> Result<Option<PathBuf>, String> {
        let dialog = match purpose {
            Purpose::AddCourseFolder => {
                rfd::AsyncFileDialog::new().set_title("Choose a course folder")
            }
            Purpose::AddGiftFile => rfd::AsyncFileDialog::new()
                .set_title("Choose a GIFT file")
                .add_filter("GIFT", &["gift", "txt"]),
            Purpose::ImportProgress => rfd::AsyncFileDialog::new()
                .set_title("Choose a progress file exported from Beacon")
                .add_filter("Beacon progress", &["json"]),
            Purpose::Save { name, .. } => rfd::AsyncFileDialog::new().set_file_name(name),
        };
        let opened = Instant::now();
        let picked = pollster::block_on(async {
            match purpose {
                Purpose::AddCourseFolder => dialog.pick_folder().await,
                Purpose::Save { .. } => dialog.save_file().await,
                Purpose::AddGiftFile | Purpose::ImportProgress => dialog.pick_file().await,
            }
        });
        match picked {
            Some(h) => Ok(Some(h.path().to_path_buf())),
            None if opened.elapsed() < TOO_QUICK => {
                Err("this system could not show a file dialog".into())
            }
            None => Ok(None),
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn open_folder(&self, _place: &str) -> Result<(), String> {
        Err("a browser has no file manager".into())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn open_folder(&self, place: &str) -> Result<(), String> {
        opener::open(place).map_err(|e| e.to_string())
    }
}

/// A dialog that is open.
#[derive(Debug)]
pub struct Pending {
    /// What it is for.
    pub purpose: Purpose,
    /// When it was opened.
    pub opened: Instant,
    answer: Receiver<Chosen>,
}

/// What a dialog gives back: the path chosen (`Ok(None)` when cancelled), and in the browser,
/// which has no paths, the file's name and content as well.
type Chosen = (Result<Option<PathBuf>, String>, Option<(String, Vec<u8>)>);

/// What a finished dialog said.
#[derive(Debug)]
pub struct Answer {
    /// What it was for.
    pub purpose: Purpose,
    /// The chosen path; `Ok(None)` when cancelled; `Err` when no dialog could be shown.
    pub path: Result<Option<PathBuf>, String>,
    /// How long it was open.
    pub open_for: Duration,
    /// The file's name and content, when the browser's file picker read it (it gives no path).
    pub file: Option<(String, Vec<u8>)>,
}

impl Pending {
    /// Opens the dialog for `purpose` on a thread of its own; `repaint` is called when it
    /// closes, so the answer is picked up at once.
    #[must_use]
    pub fn open(
        purpose: Purpose,
        desktop: Arc<dyn Desktop>,
        repaint: impl FnOnce() + Send + 'static,
    ) -> Pending {
        let (tx, answer) = channel();
        let asked = purpose.clone();
        #[cfg(target_arch = "wasm32")]
        if let Some(accept) = match asked {
            Purpose::AddGiftFile => Some(".gift,.txt"),
            Purpose::ImportProgress => Some(".json,application/json"),
            _ => None,
        } {
            // The browser's file picker answers later, with the file's content.
            super::browser_files::pick(accept, move |picked| {
                let _ = tx.send(match picked {
                    Ok(Some((name, bytes))) => {
                        (Ok(Some(PathBuf::from(&name))), Some((name, bytes)))
                    }
                    Ok(None) => (Ok(None), None),
                    Err(e) => (Err(e), None),
                });
                repaint();
            });
            return Pending {
                purpose,
                opened: Instant::now(),
                answer,
            };
        }
        if cfg!(target_arch = "wasm32") {
            // No threads in the browser: its desktop answers at once.
            let _ = tx.send((desktop.choose(&asked), None));
            repaint();
            return Pending {
                purpose,
                opened: Instant::now(),
                answer,
            };
        }
        // Without a thread the receiver sees a closed channel, which reads as "no dialog".
        let _ = std::thread::Builder::new()
            .name("beacon-dialog".into())
            .spawn(move || {
                let _ = tx.send((desktop.choose(&asked), None));
                repaint();
            });
        Pending {
            purpose,
            opened: Instant::now(),
            answer,
        }
    }

    /// The answer, once the dialog has closed.
    pub fn poll(&mut self) -> Option<Answer> {
        let (path, file) = match self.answer.try_recv() {
            Ok(chosen) => chosen,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => (
                Err("Beacon could not start the file dialog".to_owned()),
                None,
            ),
        };
        Some(Answer {
            purpose: std::mem::replace(&mut self.purpose, Purpose::AddGiftFile),
            path,
            open_for: self.opened.elapsed(),
            file,
        })
    }
}
