//! Which learner's progress is open: the profile picker at start, opening, creating, renaming,
//! deleting and protecting profiles.

use chrono::{DateTime, Utc};

use super::BeaconApp;
use crate::progress::review;
use crate::progress::{Notice, ProfileError, Progress, Saver, Scheduler, Store};
use crate::ui::{self, Screen};

impl BeaconApp {
    /// The first screen: the welcome for a new data folder, the only profile when it has no
    /// PIN, otherwise the picker with the last profile preselected.
    pub(super) fn start(&mut self, now: DateTime<Utc>) {
        let profiles = self.library.profiles();
        match profiles {
            [] => self.screen = Screen::Welcome(ui::welcome::WelcomeState::default()),
            [only] if !only.has_pin() => {
                let id = only.id.clone();
                self.open_profile(&id, now);
            }
            _ => {
                self.screen = Screen::Profiles(Box::new(ui::profiles::ProfilesState::picking(
                    self.library.last(),
                )));
            }
        }
    }

    /// Opens a profile's progress (after any PIN was checked).
    pub(super) fn open_profile(&mut self, id: &str, now: DateTime<Utc>) {
        self.close_profile();
        let dir = self.progress_dir(id);
        let (store, mut progress, notices) = match Store::load(&dir, now) {
            Ok(loaded) => loaded,
            Err(e) => {
                self.notice = Some(e.to_string());
                return;
            }
        };
        let store = if self.library.is_read_only() {
            Store::read_only(&dir)
        } else {
            store
        };
        if !notices.is_empty() {
            self.notice = Some(
                notices
                    .iter()
                    .map(Notice::message)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        self.scheduler = Scheduler::new(progress.settings.desired_retention);
        let migrated = review::migrate(&mut progress, &self.course, &self.scheduler);
        self.saver = (!store.is_read_only()).then(|| Saver::new(dir.clone()));
        self.store = store;
        self.progress = progress;
        self.profile = Some(id.to_owned());
        self.applied = None;
        if !self.library.is_read_only() {
            let _ = self.library.set_last(id);
        }
        if migrated {
            self.save();
        }
        self.screen = if self.progress.learner.welcomed {
            Screen::Home
        } else {
            let name = self
                .library
                .profile(id)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            Screen::Welcome(ui::welcome::WelcomeState { name })
        };
    }

    /// Saves and closes the open profile.
    pub(super) fn close_profile(&mut self) {
        if let Some(saver) = self.saver.take()
            && let Some(e) = saver.flush()
        {
            self.notice = Some(e);
        }
        self.profile = None;
        self.progress = Progress::default();
        self.store = Store::read_only(self.library.root());
    }

    /// Finishes the first-run screen: makes the profile if there is none yet.
    pub(super) fn welcome(&mut self, name: String, now: DateTime<Utc>) {
        if self.profile.is_none() {
            let profile_name = if name.is_empty() {
                "Learner 1".to_owned()
            } else {
                name.clone()
            };
            match self.library.create(&profile_name, now) {
                Ok(p) => self.open_profile(&p.id, now),
                Err(ProfileError::ReadOnly) => {
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
        self.save();
        self.screen = Screen::Home;
    }

    /// Opens a profile if the PIN fits; otherwise the picker says so.
    pub(super) fn try_open(&mut self, id: &str, pin: &str, now: DateTime<Utc>) {
        if self.library.check_pin(id, pin) {
            self.open_profile(id, now);
        } else if let Screen::Profiles(state) = &mut self.screen {
            state.error =
                Some("That PIN is not right. Ask your teacher if you have forgotten it.".into());
            state.pin.clear();
        }
    }

    /// Runs a change to the profiles and shows its error, if any, on the profiles screen.
    pub(super) fn change_profiles(
        &mut self,
        change: impl FnOnce(&mut crate::progress::Library) -> Result<Option<String>, ProfileError>,
    ) {
        let result = change(&mut self.library);
        if let Screen::Profiles(state) = &mut self.screen {
            match result {
                Ok(message) => {
                    state.reset_forms();
                    state.message = message;
                }
                Err(e) => state.error = Some(e.to_string()),
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
            .cloned()
            .collect();
        self.show_problems = !self.problems.is_empty();
        let profile = self.profile.clone();
        self.close_profile();
        self.course = course;
        key.clone_into(&mut self.course_key);
        if let Some(id) = profile {
            self.open_profile(&id, now);
            // A new course shows its own welcome (content note), keeping the learner's name.
            if let Screen::Welcome(state) = &mut self.screen
                && state.name.is_empty()
            {
                state.name = self
                    .library
                    .profile(&id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
            }
        }
    }

    /// Adds a course folder or GIFT file chosen in the system's dialog.
    pub(super) fn add_course(&mut self, folder: bool) {
        let picked = if folder {
            rfd::FileDialog::new()
                .set_title("Choose a course folder")
                .pick_folder()
        } else {
            rfd::FileDialog::new()
                .set_title("Choose a GIFT file")
                .add_filter("GIFT", &["gift", "txt"])
                .pick_file()
        };
        if let Some(path) = picked {
            self.add_course_from(&path);
        }
    }

    /// Copies a course into the data folder's courses and lists it.
    pub fn add_course_from(&mut self, path: &std::path::Path) {
        match crate::content::shelf::add(self.library.root(), path) {
            Ok(entry) if !entry.path.exists() => {
                let why: Vec<String> = entry.problems.iter().map(ToString::to_string).collect();
                self.notice = Some(format!(
                    "Nothing could be added from that folder: {}",
                    why.join("; ")
                ));
            }
            Ok(entry) => {
                let errors = entry.problems.iter().filter(|p| p.is_error()).count();
                self.notice = Some(match &entry.course {
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
                });
                self.shelf.retain(|e| e.key != entry.key);
                self.shelf.push(entry);
            }
            Err(e) => self.notice = Some(format!("The course could not be added: {e}")),
        }
    }
}
