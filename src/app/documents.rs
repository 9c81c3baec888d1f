//! Writing documents from the app: printable quizzes, exported results and certificates, to a
//! file chosen in the save dialog or to the `exports` folder of the data folder.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::BeaconApp;
use crate::documents::certificate::{self, Certificate};
use crate::documents::export::{self, Learner};
use crate::documents::{classroom_quiz, classroom_title, printable};
use crate::progress::Store;
use crate::ui::{Document, SaveTarget};

impl BeaconApp {
    /// Writes a document and says where it went.
    pub(super) fn save_document(
        &mut self,
        document: &Document,
        target: SaveTarget,
        now: DateTime<Utc>,
    ) {
        let made = self.make_document(document, now);
        let (name, bytes) = match made {
            Ok(made) => made,
            Err(e) => {
                self.notice = Some(e);
                return;
            }
        };
        let path = match target {
            #[cfg(not(target_arch = "wasm32"))]
            SaveTarget::Dialog => match rfd::FileDialog::new().set_file_name(&name).save_file() {
                Some(path) => path,
                None => return,
            },
            // The browser has no save dialog that returns a path.
            #[cfg(target_arch = "wasm32")]
            SaveTarget::Dialog => self.export_path(&name),
            SaveTarget::DataFolder => self.export_path(&name),
        };
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, bytes));
        self.notice = Some(match written {
            Ok(()) => format!("Saved {}.", path.display()),
            Err(e) => format!("{} could not be saved: {e}", path.display()),
        });
    }

    /// A free file name in the data folder's `exports` folder.
    fn export_path(&self, name: &str) -> PathBuf {
        let dir = self.library.root().join("exports");
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let mut path = dir.join(name);
        let mut n = 1;
        while path.exists() {
            n += 1;
            path = dir.join(format!("{stem}-{n}.{ext}"));
        }
        path
    }

    /// The file name and bytes of a document.
    fn make_document(
        &self,
        document: &Document,
        now: DateTime<Utc>,
    ) -> Result<(String, Vec<u8>), String> {
        let date = now.with_timezone(&self.tz).format("%Y-%m-%d");
        match document {
            Document::Quiz {
                modules,
                count,
                seed,
                html,
                paper,
            } => {
                let quiz = classroom_quiz(&self.course, modules, *count, *seed);
                let title = classroom_title(&self.course, modules);
                if *html {
                    Ok((
                        format!("quiz-{seed}.html"),
                        printable::html(&self.course, &quiz, &title).into_bytes(),
                    ))
                } else {
                    let bytes = printable::pdf(&self.course, &quiz, &title, *paper)
                        .map_err(|e| e.to_string())?;
                    Ok((format!("quiz-{seed}.pdf"), bytes))
                }
            }
            Document::Results { xapi, all } => {
                let mut learners: Vec<(String, String, crate::progress::Progress)> = Vec::new();
                for p in self.library.profiles() {
                    if Some(p.id.as_str()) == self.profile.as_deref() {
                        learners.push((p.id.clone(), p.name.clone(), self.progress.clone()));
                    } else if *all {
                        let progress = Store::load_read_only(&self.library.profile_dir(&p.id), now);
                        learners.push((p.id.clone(), p.name.clone(), progress));
                    }
                }
                let list: Vec<Learner<'_>> = learners
                    .iter()
                    .map(|(id, name, progress)| Learner { id, name, progress })
                    .collect();
                if *xapi {
                    let json = serde_json::to_vec_pretty(&export::xapi(&self.course, &list))
                        .map_err(|e| e.to_string())?;
                    Ok((format!("results-{date}.xapi.json"), json))
                } else {
                    let csv = export::csv(&self.course, &list).map_err(|e| e.to_string())?;
                    Ok((format!("results-{date}.csv"), csv.into_bytes()))
                }
            }
            Document::Certificate { attempt, paper } => {
                let record = self
                    .progress
                    .attempts
                    .iter()
                    .find(|a| a.info.id == *attempt && a.passed == Some(true))
                    .ok_or("Only a passed final assessment has a certificate.")?;
                let cert = self.certificate(record);
                let key = certificate::installation_key(self.library.root())
                    .map_err(|e| format!("The certificate key could not be made: {e}"))?;
                let code = cert.code(&key);
                let bytes = certificate::pdf(&cert, &code, *paper).map_err(|e| e.to_string())?;
                Ok((format!("certificate-{}.pdf", cert.date), bytes))
            }
        }
    }

    /// The certificate of a passed attempt: the learner's name (or profile name), the course,
    /// the day and the score.
    #[must_use]
    pub fn certificate(&self, record: &crate::progress::AttemptRecord) -> Certificate {
        let name = if self.progress.learner.name.trim().is_empty() {
            self.profile
                .as_deref()
                .and_then(|id| self.library.profile(id))
                .map_or_else(String::new, |p| p.name.clone())
        } else {
            self.progress.learner.name.clone()
        };
        Certificate {
            name,
            course: self.course.info.title.clone(),
            version: self.course.info.version.clone(),
            date: record.finished.with_timezone(&self.tz).date_naive(),
            score: record.percent(),
        }
    }
}
