//! The system's file dialogs, without ever holding up a frame: a dialog runs on its own thread
//! and the shell picks up the answer on a later frame. While one is open, the app keeps drawing
//! (a timer, a repaint) and another dialog is not opened on top of it.

use std::path::PathBuf;
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
    /// Choose where to save a document, with the file name to suggest and its bytes.
    Save {
        /// The suggested file name.
        name: String,
        /// The document.
        bytes: Vec<u8>,
    },
}

/// A dialog that is open.
#[derive(Debug)]
pub struct Pending {
    /// What it is for.
    pub purpose: Purpose,
    /// When it was opened: a dialog that answers at once was probably not shown at all.
    pub opened: Instant,
    answer: Receiver<Option<PathBuf>>,
}

/// What a finished dialog said.
#[derive(Debug)]
pub struct Answer {
    /// What it was for.
    pub purpose: Purpose,
    /// The chosen path; `None` when cancelled or when no dialog could be shown.
    pub path: Option<PathBuf>,
    /// How long it was open.
    pub open_for: Duration,
}

impl Pending {
    /// Opens the dialog for `purpose` on a thread of its own; `repaint` is called when it
    /// closes, so the answer is picked up at once.
    #[must_use]
    pub fn open(purpose: Purpose, repaint: impl FnOnce() + Send + 'static) -> Pending {
        let (tx, answer) = channel();
        let dialog = match &purpose {
            Purpose::AddCourseFolder => {
                rfd::AsyncFileDialog::new().set_title("Choose a course folder")
            }
            Purpose::AddGiftFile => rfd::AsyncFileDialog::new()
                .set_title("Choose a GIFT file")
                .add_filter("GIFT", &["gift", "txt"]),
            Purpose::Save { name, .. } => rfd::AsyncFileDialog::new().set_file_name(name),
        };
        let folder = purpose == Purpose::AddCourseFolder;
        let save = matches!(purpose, Purpose::Save { .. });
        // Without a thread the receiver sees a closed channel, which reads as "no dialog".
        let _ = std::thread::Builder::new()
            .name("beacon-dialog".into())
            .spawn(move || {
                let picked = pollster::block_on(async {
                    if folder {
                        dialog.pick_folder().await
                    } else if save {
                        dialog.save_file().await
                    } else {
                        dialog.pick_file().await
                    }
                });
                let _ = tx.send(picked.map(|h| h.path().to_path_buf()));
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
        let path = match self.answer.try_recv() {
            Ok(path) => path,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => None,
        };
        Some(Answer {
            purpose: std::mem::replace(&mut self.purpose, Purpose::AddGiftFile),
            path,
            open_for: self.opened.elapsed(),
        })
    }
}
