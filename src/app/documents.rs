//! Writing documents from the app: printable quizzes, exported results and certificates, to a
//! file chosen in the save dialog or to the `exports` folder of the data folder.

use chrono::{DateTime, Utc};

use beacon_core::data::{ProgressFile, certificate_key};
use beacon_core::storage::join;

use super::BeaconApp;
use crate::documents::certificate::{self, Certificate};
use crate::documents::printable;
use crate::formats::{Learner, results_csv, xapi};
use crate::quiz::{classroom_quiz, classroom_title};
use crate::ui::{Document, SaveTarget};

impl BeaconApp {
    /// Writes a document and says where it went.
    pub(super) fn save_document(
        &mut self,
        document: &Document,
        target: SaveTarget,
        now: DateTime<Utc>,
        ctx: &egui::Context,
    ) {
        if let Document::Scorm { version } = document {
            self.start_scorm_package(*version, target);
            return;
        }
        let made = self.make_document(document, now);
        let (name, bytes) = match made {
            Ok(made) => made,
            Err(e) => {
                self.notice = Some(e);
                return;
            }
        };
        self.save_made(name, bytes, target, ctx);
    }

    /// Saves a document's bytes under `name` where `target` says, and says where they went.
    pub(super) fn save_made(
        &mut self,
        name: String,
        bytes: Vec<u8>,
        target: SaveTarget,
        ctx: &egui::Context,
    ) {
        let written = match target {
            SaveTarget::Dialog => {
                self.open_dialog(super::dialogs::Purpose::Save { name, bytes }, ctx);
                return;
            }
            SaveTarget::DataFolder => self.save_in_data_folder(&name, &bytes),
        };
        match written {
            Ok(place) => self.tell("Saved in the data folder:", Some(place)),
            Err(e) => self.tell(e, None),
        }
    }

    /// Writes a document under a free name in the data folder's `exports` folder; returns where.
    pub(super) fn save_in_data_folder(&self, name: &str, bytes: &[u8]) -> Result<String, String> {
        let name = self.export_name(name);
        self.storage
            .write(&name, bytes, None)
            .map(|()| self.storage.locate(&name))
            .map_err(|e| e.to_string())
    }

    /// A free file name in the data folder's `exports` folder.
    fn export_name(&self, name: &str) -> String {
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let mut path = join(&["exports", name]);
        let mut n = 1;
        while self.storage.exists(&path) {
            n += 1;
            path = join(&["exports", &format!("{stem}-{n}.{ext}")]);
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
                choice,
                html,
                paper,
            } => {
                let quiz = classroom_quiz(
                    &self.course,
                    &choice.modules,
                    choice.count,
                    choice.seed,
                    &choice.swapped,
                );
                let title = classroom_title(&self.course, &choice.modules);
                let seed = choice.seed;
                if *html {
                    Ok((
                        format!("quiz-{seed}.html"),
                        printable::html(&self.course, &quiz, &title, now).into_bytes(),
                    ))
                } else {
                    let bytes = printable::pdf(&self.course, &quiz, &title, *paper, now)
                        .map_err(|e| e.to_string())?;
                    Ok((format!("quiz-{seed}.pdf"), bytes))
                }
            }
            Document::Results {
                xapi,
                all,
                teacher_pin,
            } => {
                if *all
                    && self.profiles.has_teacher_pin()
                    && !self.profiles.check_teacher_pin(teacher_pin)
                {
                    return Err("Every profile's results need the teacher PIN: type it next to \"Every profile on this computer\".".into());
                }
                let mut learners: Vec<(String, String, String, crate::progress::Progress)> =
                    Vec::new();
                let mut unreadable = Vec::new();
                for p in self.profiles.profiles() {
                    let uuid = p.account().to_string();
                    if Some(p.id.as_str()) == self.profile.as_deref() {
                        learners.push((p.id.clone(), uuid, p.name.clone(), self.progress.clone()));
                    } else if *all {
                        match ProgressFile::peek(&**self.storage(), &self.progress_folder(&p.id)) {
                            Ok(progress) => {
                                learners.push((p.id.clone(), uuid, p.name.clone(), progress));
                            }
                            Err(e) => unreadable.push(format!("{} ({e})", p.name)),
                        }
                    }
                }
                if !unreadable.is_empty() {
                    return Err(format!(
                        "Nothing was exported: the progress of {} could not be read.",
                        unreadable.join(", ")
                    ));
                }
                let list: Vec<Learner<'_>> = learners
                    .iter()
                    .map(|(id, uuid, name, progress)| Learner {
                        id,
                        uuid,
                        name,
                        progress,
                    })
                    .collect();
                if *xapi {
                    let json = serde_json::to_vec_pretty(&xapi::xapi(&self.course, &list))
                        .map_err(|e| e.to_string())?;
                    Ok((format!("results-{date}.xapi.json"), json))
                } else {
                    let csv = results_csv::csv(&self.course, &list).map_err(|e| e.to_string())?;
                    Ok((format!("results-{date}.csv"), csv.into_bytes()))
                }
            }
            Document::Progress => {
                if self.profile.is_none() {
                    return Err("Open a profile first: its progress is what is exported.".into());
                }
                Ok((
                    format!("beacon-progress-{date}.json"),
                    beacon_core::data::progress_file::encode(&self.progress),
                ))
            }
            Document::Certificate {
                attempt,
                paper,
                name,
            } => {
                let record = self
                    .progress
                    .attempts
                    .iter()
                    .find(|a| a.info.id == *attempt && a.passed == Some(true))
                    .ok_or("Only a passed final assessment has a certificate.")?;
                // Never a profile label: the name is the one the learner confirmed.
                let name = certificate::check_name(name.as_deref().unwrap_or_default())
                    .map_err(|e| e.to_string())?;
                let cert = self.certificate(record, &name);
                // Inside an LMS a key would be new each session, so no code could ever be
                // confirmed: the certificate points to the LMS's record instead.
                let code = if self.storage().forgets_after_session() {
                    None
                } else {
                    let key =
                        certificate_key(&**self.storage(), true).map_err(|e| e.to_string())?;
                    Some(cert.code(&key))
                };
                let issuer = certificate::Issuer::of(&self.course);
                let bytes = certificate::pdf(&cert, code.as_deref(), *paper, &issuer, now)
                    .map_err(|e| e.to_string())?;
                Ok((format!("certificate-{}.pdf", cert.date), bytes))
            }
            // Made in the background (`start_scorm_package`).
            Document::Scorm { .. } => Err("The LMS package is made in the background.".into()),
        }
    }

    /// The certificate of a passed attempt made out to `name`: the course, the day and the
    /// score.
    #[must_use]
    pub fn certificate(&self, record: &crate::progress::AttemptRecord, name: &str) -> Certificate {
        Certificate {
            name: name.to_owned(),
            course: self.course.info.title.clone(),
            version: self.course.info.version.clone(),
            date: record.finished.with_timezone(&self.tz).date_naive(),
            score: record.percent(),
        }
    }
}
