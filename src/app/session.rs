//! Which learner's progress is open: the profile picker at start, opening, creating, renaming,
//! deleting and protecting profiles.

use chrono::{DateTime, Utc};

use super::BeaconApp;
use crate::progress::review;
use std::sync::Arc;

use beacon_core::data::courses;
use beacon_core::data::{Notice, ProfileError, Profiles, ProgressFile};

use crate::progress::{Progress, Scheduler};
use crate::storage::Saver;
use crate::ui::{self, Screen};

impl BeaconApp {
    /// The first screen: the welcome for a new data folder, the only profile when it has no
    /// PIN, otherwise the picker with the last profile preselected.
    pub(super) fn start(&mut self, now: DateTime<Utc>) {
        let profiles = self.profiles.profiles();
        match profiles {
            [] => self.screen = Screen::Welcome(ui::welcome::WelcomeState::default()),
            [only] if !only.has_pin() => {
                let id = only.id.clone();
                self.open_profile(&id, now);
            }
            _ => {
                self.screen = Screen::Profiles(Box::new(ui::profiles::ProfilesState::picking(
                    self.profiles.last(),
                )));
            }
        }
    }

    /// Opens a profile's progress (after any PIN was checked).
    pub(super) fn open_profile(&mut self, id: &str, now: DateTime<Utc>) {
        self.close_profile();
        let folder = self.progress_folder(id);
        let (file, mut progress, notices) =
            ProgressFile::open(Arc::clone(&self.storage), &folder, now);
        if !notices.is_empty() {
            let text = notices
                .iter()
                .map(Notice::message)
                .collect::<Vec<_>>()
                .join(" ");
            self.notice = Some(match self.notice.take() {
                Some(before) => format!("{before} {text}"),
                None => text,
            });
        }
        self.scheduler = Scheduler::new(progress.settings.desired_retention);
        let migrated = review::migrate(&mut progress, &self.course, &self.scheduler);
        self.not_saving = file.read_only_reason().map(str::to_owned);
        self.saver = if file.is_read_only() {
            None
        } else {
            let (saver, problem) = Saver::new(Arc::new(file));
            if let Some(problem) = problem {
                self.notice = Some(problem);
            }
            Some(saver)
        };
        self.progress = progress;
        self.visit = ui::home::Visit::Again;
        self.pending_start = None;
        self.profile = Some(id.to_owned());
        self.applied = None;
        if !self.profiles.is_read_only() {
            let _ = self.profiles.set_last(id);
        }
        if migrated {
            self.save();
        }
        self.screen = if self.progress.learner.welcomed {
            Screen::Home
        } else {
            let name = self
                .profiles
                .profile(id)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            Screen::Welcome(ui::welcome::WelcomeState { name })
        };
    }

    /// Saves and closes the open profile.
    pub(super) fn close_profile(&mut self) {
        self.credit_page(self.clock.now());
        if let Some(saver) = self.saver.take()
            && let Some(e) = saver.flush()
        {
            self.notice = Some(e);
        }
        self.profile = None;
        self.progress = Progress::default();
        self.not_saving = None;
    }

    /// Finishes the first-run screen: makes the profile if there is none yet.
    pub(super) fn welcome(&mut self, name: String, now: DateTime<Utc>) {
        if self.profile.is_none() {
            let profile_name = if name.is_empty() {
                "Learner 1".to_owned()
            } else {
                name.clone()
            };
            match self.profiles.create(&profile_name, now) {
                Ok(p) => self.open_profile(&p.id, now),
                Err(ProfileError::Storage(beacon_core::storage::StorageError::ReadOnly {
                    ..
                })) => {
                    self.progress = Progress::default();
                }
                Err(e) => {
                    self.notice = Some(e.to_string());
                    return;
                }
            }
        }
        self.progress.learner.name = name;
        self.progress.learner.welcomed = true;
        self.visit = ui::home::Visit::First;
        self.save();
        self.screen = Screen::Home;
    }

    /// Opens a profile if the PIN fits; otherwise the picker says so.
    pub(super) fn try_open(&mut self, id: &str, pin: &str, now: DateTime<Utc>) {
        if self.profiles.check_pin(id, pin) {
            self.open_profile(id, now);
        } else if let Screen::Profiles(state) = &mut self.screen {
            state.error =
                Some("That PIN is not right. Ask your teacher if you have forgotten it.".into());
            state.pins.remove(id);
        }
    }

    /// Runs a change to the profiles and shows its error, if any, on the profiles screen.
    pub(super) fn change_profiles(
        &mut self,
        change: impl FnOnce(&mut Profiles) -> Result<Option<String>, ProfileError>,
    ) {
        let result = change(&mut self.profiles);
        if let Screen::Profiles(state) = &mut self.screen {
            match result {
                Ok(message) => {
                    state.reset_forms();
                    state.message = message;
                }
                Err(e) => {
                    state.error = Some(super::apply::capitalised(&e.to_string()));
                    if let Some(form) = &mut state.form {
                        form.current.clear();
                    }
                }
            }
        }
    }
}

impl BeaconApp {
    /// Opens another course for the same learner: its own progress, its own screens.
    pub(super) fn open_course(&mut self, key: &str, now: DateTime<Utc>) {
        let Some(entry) = self.shelf.iter().find(|e| e.key == key) else {
            return;
        };
        let Some(course) = entry.course.clone() else {
            self.notice = Some(format!(
                "{} could not be opened: see its problems in the course list.",
                entry.title()
            ));
            return;
        };
        self.problems = entry
            .problems
            .iter()
            .filter(|p| p.is_error())
            .chain(&entry.cues)
            .cloned()
            .collect();
        self.show_problems = !self.problems.is_empty();
        let profile = self.profile.clone();
        self.close_profile();
        self.course = course;
        self.lengths = super::lengths(&self.course);
        key.clone_into(&mut self.course_key);
        if let Some(id) = profile {
            self.open_profile(&id, now);
            // A new course shows its own welcome (content note), keeping the learner's name.
            if let Screen::Welcome(state) = &mut self.screen
                && state.name.is_empty()
            {
                state.name = self
                    .profiles
                    .profile(&id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
            }
        }
    }

    /// Opens the system's dialog to choose a course folder or GIFT file to add.
    pub(super) fn add_course(&mut self, folder: bool, ctx: &egui::Context) {
        let purpose = if folder {
            super::dialogs::Purpose::AddCourseFolder
        } else {
            super::dialogs::Purpose::AddGiftFile
        };
        self.open_dialog(purpose, ctx);
    }

    /// Opens a file dialog unless one is open already.
    pub(super) fn open_dialog(&mut self, purpose: super::dialogs::Purpose, ctx: &egui::Context) {
        if self.dialog.is_some() {
            self.notice = Some("A file dialog is already open: finish with it first.".into());
            return;
        }
        let ctx = ctx.clone();
        self.dialog = Some(super::dialogs::Pending::open(
            purpose,
            Arc::clone(&self.desktop),
            move || ctx.request_repaint(),
        ));
    }

    /// Acts on what a closed file dialog said. When no dialog could be shown, a document is
    /// saved in the data folder instead, and the notice says where, with the path to copy.
    pub(super) fn dialog_answered(&mut self, answer: super::dialogs::Answer) {
        use super::dialogs::Purpose;
        let now = self.clock.now();
        if let Some((name, bytes)) = answer.file {
            // The browser's file picker: the content, and no path.
            match answer.purpose {
                Purpose::ImportProgress => self.import_progress(&name, &bytes, now),
                Purpose::AddGiftFile => {
                    self.add_course_source(Ok((
                        name,
                        beacon_core::data::courses::Source::Gift(bytes),
                    )));
                }
                Purpose::AddCourseFolder | Purpose::Save { .. } => {}
            }
            return;
        }
        let path = match answer.path {
            Ok(Some(path)) => path,
            Ok(None) => return,
            Err(why) => {
                match answer.purpose {
                    Purpose::Save { name, bytes } => match self.save_in_data_folder(&name, &bytes) {
                        Ok(place) => self.tell(
                            format!("Beacon could not show a save dialog ({why}), so it saved the file in its data folder instead:"),
                            Some(place),
                        ),
                        Err(e) => self.tell(
                            format!("Beacon could not show a save dialog ({why}), and the file could not be saved in the data folder either: {e}"),
                            None,
                        ),
                    },
                    Purpose::AddCourseFolder | Purpose::AddGiftFile
                        if cfg!(target_arch = "wasm32") =>
                    {
                        self.tell(format!("The course could not be added: {why}."), None);
                    }
                    Purpose::AddCourseFolder | Purpose::AddGiftFile => self.tell(
                        format!("Beacon could not show a dialog to choose the course ({why}). Courses can also be added with `beacon import PATH`; the data folder is:"),
                        Some(self.data_location()),
                    ),
                    Purpose::ImportProgress => self.tell(
                        format!("Beacon could not show a dialog to choose the progress file ({why}); your progress was not changed."),
                        None,
                    ),
                }
                return;
            }
        };
        match answer.purpose {
            Purpose::AddCourseFolder | Purpose::AddGiftFile => {
                self.add_course_from(&path);
            }
            Purpose::ImportProgress => match std::fs::read(&path) {
                Ok(bytes) => self.import_progress(&path.display().to_string(), &bytes, now),
                Err(e) => self.tell(
                    format!(
                        "{} could not be read ({e}); your progress was not changed.",
                        path.display()
                    ),
                    None,
                ),
            },
            // The browser downloaded it (the "path" is the file's name).
            Purpose::Save { .. } if cfg!(target_arch = "wasm32") => self.tell(
                "Downloaded (your browser keeps it with your downloads):",
                Some(path.display().to_string()),
            ),
            Purpose::Save { bytes, .. } => match std::fs::write(&path, bytes) {
                Ok(()) => {
                    let place = path.display().to_string();
                    self.tell("Saved:", Some(place));
                }
                Err(e) => self.tell(format!("{} could not be saved: {e}", path.display()), None),
            },
        }
    }

    /// Copies a course folder or GIFT file on disk into the data folder's courses and lists it;
    /// returns its key when it was added.
    pub fn add_course_from(&mut self, path: &std::path::Path) -> Option<String> {
        self.add_course_source(crate::storage::folder::read_source(path))
    }

    /// Adds a course read from a folder, a file or the browser's file picker (its name and
    /// source); returns its key when it was added.
    fn add_course_source(
        &mut self,
        source: Result<(String, courses::Source), String>,
    ) -> Option<String> {
        // A folder source carries the files its reader could not take; `add` reports them.
        let added = source.and_then(|(name, source)| {
            courses::add(&*self.storage, &name, source).map_err(|e| e.to_string())
        });
        match added {
            Ok(added) => {
                let entry = added.entry;
                let errors = entry.problems.iter().filter(|p| p.is_error()).count();
                let mut message = match &entry.course {
                    Some(c) if errors == 0 => format!(
                        "Added \"{}\". Open it from the list of courses.",
                        c.info.title
                    ),
                    Some(c) => format!(
                        "Added \"{}\" with {errors} problems: the questions that could be read are there; the problems are listed with the course.",
                        c.info.title
                    ),
                    None => {
                        "Nothing could be read from that course; its problems are listed with it."
                            .to_owned()
                    }
                };
                if !added.skipped.is_empty() {
                    message = format!("{message} Not copied: {}.", added.skipped.join("; "));
                }
                self.notice = Some(message);
                let key = entry.key.clone();
                self.shelf.retain(|e| e.key != entry.key);
                self.shelf.push(entry);
                Some(key)
            }
            Err(e) => {
                self.notice = Some(format!("The course could not be added: {e}"));
                None
            }
        }
    }
}
