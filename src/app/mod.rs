//! The eframe shell: owns the course, the learner's progress and the current screen, draws the
//! top bar and banners, and applies every [`Action`] in one place.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use beacon_core::data::courses::Entry;
use beacon_core::data::{Profiles, ProgressFile, courses};
use beacon_core::storage::Storage;

use crate::content::{Course, CourseInfo, Problem};
use crate::progress::{Progress, Scheduler};
use crate::storage::Saver;
use crate::ui::{self, Action, Nav, Screen, theme, widgets};

mod apply;
#[cfg(target_arch = "wasm32")]
mod browser_files;
mod class_report;
pub mod dialogs;
mod documents;
mod scorm;
mod session;

/// The key of the course that ships with Beacon.
pub const SHIPPED: &str = "shipped";

/// Where time comes from, so tests can move it.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// How to start the app.
#[derive(Clone)]
pub struct Options {
    /// A course folder to open instead of the shipped course (`--course`, for course authors).
    pub course_dir: Option<PathBuf>,
    /// The data folder.
    pub data_dir: PathBuf,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// The seed of the first quiz, each next quiz taking the next number; `None` draws a
    /// random seed per quiz. Tests and reproducible demonstrations fix it.
    pub seed: Option<u64>,
    /// The learner's time zone, for counting days (reviews, activity, streak).
    pub tz: chrono::FixedOffset,
}

impl Options {
    /// The local time zone's offset now.
    #[must_use]
    pub fn local_tz() -> chrono::FixedOffset {
        *chrono::Local::now().offset()
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("course_dir", &self.course_dir)
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

/// The Beacon app.
pub struct BeaconApp {
    course: Course,
    problems: Vec<Problem>,
    show_problems: bool,
    /// Every course on this computer: the shipped one first, then the added ones.
    shelf: Vec<Entry>,
    /// The key of the open course (`shipped` or its name under `courses/`).
    course_key: String,
    profiles: Profiles,
    /// Where the data folder's files are kept.
    storage: Arc<dyn Storage>,
    /// The open profile's id; `None` while choosing or before the first one is made.
    profile: Option<String>,
    progress: Progress,
    /// Writes the open profile's progress; `None` when nothing may be saved.
    saver: Option<Saver>,
    /// Why the open profile's progress is not saved, when it is not.
    not_saving: Option<String>,
    notice: Option<String>,
    screen: Screen,
    clock: Arc<dyn Clock>,
    applied: Option<crate::progress::Settings>,
    keyboard_nav: bool,
    /// Which screen the last frame drew: a different one now (or none, in the first frame)
    /// starts at its top.
    drawn: Option<std::mem::Discriminant<Screen>>,
    /// The top bar and its first button as last drawn, for F6.
    top_bar: Option<(egui::Rect, egui::Id)>,
    next_seed: Option<u64>,
    /// Frames drawn; with `BEACON_EXIT_AFTER_FIRST_FRAME` set, the app closes once the first
    /// frame is on screen (for `scripts/measure-startup`).
    frames: u64,
    exit_after_first_frame: bool,
    scheduler: Scheduler,
    tz: chrono::FixedOffset,
    /// A full-screen change waiting for the next frame (presenter mode).
    fullscreen: Option<bool>,
    /// A new quiz waiting while the learner is asked what to do with the unfinished one.
    pending_start: Option<Action>,
    /// How long each module's lesson is, in course order (for the course map).
    lengths: Vec<crate::lesson::Length>,
    /// Whether the open profile saw the welcome screen in this run (its first visit).
    visit: ui::home::Visit,
    /// The file dialog that is open, if one is.
    dialog: Option<dialogs::Pending>,
    /// The system's file dialogs and file manager.
    desktop: Arc<dyn dialogs::Desktop>,
    /// A path the notice offers to copy (where a file went, or the data folder), with the
    /// notice it belongs to.
    notice_copy: Option<(String, String)>,
    /// A certificate waiting for the name to print on it.
    certificate_name: Option<CertificateName>,
    /// The lesson page showing and since when, to credit its reading time.
    page_shown: Option<(String, usize, DateTime<Utc>)>,
    /// The egui context of the last frame, to wake the app when a dialog closes.
    ctx: egui::Context,
    /// The added courses while they are still being read (after the first frame).
    loading_shelf: Option<std::sync::mpsc::Receiver<Vec<Entry>>>,
    /// Results files for the class report still being read (the browser reads files later).
    results_coming: Option<std::sync::mpsc::Receiver<class_report::ReadFiles>>,
    /// The course folder the program was started with (`--course`), in place of its own.
    #[cfg(not(target_arch = "wasm32"))]
    shipped_dir: Option<PathBuf>,
    /// The browser build a SCORM package is made from; `None` finds the one shipped.
    web_build: Option<PathBuf>,
    /// A SCORM package still being made (in the background), and where it goes.
    scorm_coming: Option<scorm::Coming>,
}

/// The dialog that asks for the name to print on a certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct CertificateName {
    /// The passed attempt.
    pub attempt: u64,
    /// Paper size.
    pub paper: crate::documents::Paper,
    /// Where the certificate goes.
    pub target: ui::SaveTarget,
    /// The name as typed.
    pub name: String,
    /// Why the name was refused, if it was.
    pub problem: Option<String>,
}

impl std::fmt::Debug for BeaconApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BeaconApp")
            .field("screen", &self.screen.name())
            .finish_non_exhaustive()
    }
}

impl BeaconApp {
    /// Loads the course and the learner's progress from the data folder on disk.
    #[cfg(not(target_arch = "wasm32"))]
    #[must_use]
    pub fn new(options: &Options) -> Self {
        let storage: Arc<dyn Storage> =
            Arc::new(crate::storage::FileStorage::open(&options.data_dir));
        Self::with_storage(options, storage)
    }

    /// Loads the course and the learner's progress from `storage` (the data folder on the
    /// desktop, browser storage on the web).
    #[must_use]
    pub fn with_storage(options: &Options, storage: Arc<dyn Storage>) -> Self {
        let shipped = match &options.course_dir {
            Some(dir) => crate::storage::folder::load_entry(SHIPPED, dir),
            None => {
                let loaded = crate::shipped::load_for_app();
                let cues = loaded.cue_warnings();
                Entry {
                    key: SHIPPED.to_owned(),
                    location: crate::shipped::LABEL.to_owned(),
                    cues,
                    course: Some(loaded.course),
                    problems: loaded
                        .problems
                        .into_iter()
                        .filter(Problem::is_error)
                        .collect(),
                }
            }
        };
        Self::with_entry(options, storage, shipped)
    }

    /// Opens `shipped` as the first course (in place of the course built into the program:
    /// a SCORM package's own course in the browser) with the learner's progress from
    /// `storage`.
    #[must_use]
    pub fn with_entry(options: &Options, storage: Arc<dyn Storage>, shipped: Entry) -> Self {
        let now = options.clock.now();
        let shelf = vec![shipped];
        let course = shelf[0]
            .course
            .clone()
            .unwrap_or_else(|| Course::new(CourseInfo::default(), Vec::new()));
        let problems = [shelf[0].problems.as_slice(), shelf[0].cues.as_slice()].concat();
        let (profiles, notices) = Profiles::open(Arc::clone(&storage), now);
        let mut notice_lines = notices;
        if let Some(reason) = storage.read_only_reason() {
            notice_lines.insert(0, format!("{reason}."));
        }
        let notice = (!notice_lines.is_empty()).then(|| notice_lines.join(" "));
        let scheduler = Scheduler::new(Progress::default().settings.desired_retention);
        let mut app = Self {
            course,
            show_problems: !problems.is_empty(),
            problems,
            shelf,
            course_key: SHIPPED.to_owned(),
            profiles,
            storage,
            profile: None,
            progress: Progress::default(),
            saver: None,
            not_saving: None,
            notice,
            screen: Screen::Welcome(ui::welcome::WelcomeState::default()),
            clock: Arc::clone(&options.clock),
            applied: None,
            keyboard_nav: false,
            drawn: None,
            top_bar: None,
            next_seed: options.seed,
            frames: 0,
            exit_after_first_frame: std::env::var_os("BEACON_EXIT_AFTER_FIRST_FRAME").is_some(),
            scheduler,
            tz: options.tz,
            fullscreen: None,
            pending_start: None,
            lengths: Vec::new(),
            visit: ui::home::Visit::Again,
            dialog: None,
            desktop: Arc::new(dialogs::SystemDesktop),
            notice_copy: None,
            certificate_name: None,
            page_shown: None,
            ctx: egui::Context::default(),
            loading_shelf: None,
            results_coming: None,
            #[cfg(not(target_arch = "wasm32"))]
            shipped_dir: options.course_dir.clone(),
            web_build: None,
            scorm_coming: None,
        };
        app.lengths = lengths(&app.course);
        app.load_shelf();
        app.start(now);
        app
    }

    /// Reads the added courses off the UI thread (there may be many, and large); the course
    /// map says they are loading until they are in. Without threads (the browser) they are
    /// read on the first frame after the first one is drawn.
    fn load_shelf(&mut self) {
        let (tx, rx) = std::sync::mpsc::channel();
        let storage = Arc::clone(&self.storage);
        let read = move || {
            let _ = tx.send(courses::added(&*storage));
        };
        if cfg!(target_arch = "wasm32") {
            read();
        } else if let Err(e) = std::thread::Builder::new()
            .name("beacon-courses".into())
            .spawn(read)
        {
            self.notice = Some(format!("The added courses could not be read: {e}"));
            return;
        }
        self.loading_shelf = Some(rx);
    }

    /// Whether the added courses are still being read.
    #[must_use]
    pub fn shelf_loading(&self) -> bool {
        self.loading_shelf.is_some()
    }

    /// Takes in the added courses once they are read, and the answer of a closed file dialog.
    fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.loading_shelf {
            match rx.try_recv() {
                Ok(added) => {
                    self.shelf.extend(added);
                    self.loading_shelf = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.loading_shelf = None,
            }
        }
        if let Some(answer) = self.dialog.as_mut().and_then(dialogs::Pending::poll) {
            self.dialog = None;
            self.dialog_answered(answer);
        }
        self.poll_result_files();
        self.poll_scorm_package(ctx);
    }

    /// Waits until the added courses are read (for tests and tools that need them at once).
    pub fn wait_for_shelf(&mut self) {
        if let Some(rx) = self.loading_shelf.take()
            && let Ok(added) = rx.recv()
        {
            self.shelf.extend(added);
        }
    }

    /// Puts in another desktop (file dialogs and file manager), e.g. one that has neither.
    pub fn set_desktop(&mut self, desktop: Arc<dyn dialogs::Desktop>) {
        self.desktop = desktop;
    }

    /// Says something in the notice banner, with a path to copy if `copy` is given.
    pub(crate) fn tell(&mut self, text: impl Into<String>, copy: Option<String>) {
        let text = text.into();
        self.notice_copy = copy.map(|c| (text.clone(), c));
        self.notice = Some(text);
    }

    /// The time zone days are counted in.
    #[must_use]
    pub fn tz(&self) -> chrono::FixedOffset {
        self.tz
    }

    /// The current time of the app's clock.
    #[must_use]
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The loaded course.
    #[must_use]
    pub fn course(&self) -> &Course {
        &self.course
    }

    /// The learner's progress as it is now.
    #[must_use]
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The screen showing.
    #[must_use]
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Where the data folder is, for people (a path on the desktop).
    #[must_use]
    pub fn data_location(&self) -> String {
        self.storage.locate("")
    }

    /// The data folder's storage.
    #[must_use]
    pub fn storage(&self) -> &Arc<dyn Storage> {
        &self.storage
    }

    /// Every course on this computer, the shipped one first.
    #[must_use]
    pub fn shelf(&self) -> &[Entry] {
        &self.shelf
    }

    /// The key of the open course.
    #[must_use]
    pub fn course_key(&self) -> &str {
        &self.course_key
    }

    /// The folder (in the storage) of a profile's progress in the open course: the profile's
    /// folder for the shipped course, `courses/KEY/` inside it for an added one.
    #[must_use]
    pub fn progress_folder(&self, profile: &str) -> String {
        let base = Profiles::folder(profile);
        if self.course_key == SHIPPED {
            base
        } else {
            beacon_core::storage::join(&[&base, "courses", &self.course_key])
        }
    }

    /// The profiles of this data folder.
    #[must_use]
    pub fn profiles(&self) -> &Profiles {
        &self.profiles
    }

    /// The open profile's id.
    #[must_use]
    pub fn profile(&self) -> Option<&str> {
        self.profile.as_deref()
    }

    /// The open profile's progress file, when one is open.
    #[must_use]
    pub fn progress_file(&self) -> Option<&Arc<ProgressFile>> {
        self.saver.as_ref().map(Saver::file)
    }

    /// What the notice banner says, if it shows.
    #[must_use]
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Why nothing is saved for the open profile, if that is so.
    #[must_use]
    pub fn not_saving(&self) -> Option<&str> {
        self.not_saving.as_deref()
    }

    /// Waits until every save has reached the disk; returns the last save error, if any.
    pub fn flush(&self) -> Option<String> {
        self.saver.as_ref().and_then(Saver::flush)
    }

    /// Hands the progress to the background writer.
    fn save(&mut self) {
        if let Some(saver) = &self.saver {
            saver.save(
                beacon_core::data::progress_file::encode(&self.progress),
                self.clock.now(),
            );
        }
    }

    /// Draws one frame.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = ctx.clone();
        if self.frames > 0 {
            self.poll_background(&ctx);
        }
        if self.applied.as_ref() != Some(&self.progress.settings) {
            theme::apply(&ctx, &self.progress.settings);
            self.applied = Some(self.progress.settings.clone());
            // The root ui was made with last frame's style; give it the new one now.
            ui.set_style(ctx.global_style());
        }
        self.keys(&ctx);
        if let Some(full) = self.fullscreen.take() {
            // eframe's web runner has no full screen of its own: the page asks the browser.
            #[cfg(target_arch = "wasm32")]
            crate::web::fullscreen(full);
            #[cfg(not(target_arch = "wasm32"))]
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(full));
        }
        let mut action = None;
        let now = self.clock.now();
        self.expire_assessment(now);
        if let Screen::Presenter(state) = &mut self.screen {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    action = ui::presenter::ui(ui, &self.course, state, now);
                });
            if let Some(action) = action {
                self.apply(action);
                ctx.request_repaint();
            }
            return;
        }
        if let Screen::Quiz(state) = &self.screen
            && let Some(deadline) = state.deadline(&self.course)
        {
            if now >= deadline {
                self.tell("Time is up: your answers were handed in.", None);
                self.apply(Action::QuizFinished);
            } else {
                // A running timer needs a frame a second; nothing else repaints while idle.
                ctx.request_repaint_after(std::time::Duration::from_secs(1));
            }
        }
        let bar = egui::Panel::top("top bar")
            .frame(
                egui::Frame::side_top_panel(&ctx.global_style())
                    .inner_margin(egui::Margin::symmetric(theme::PAGE_MARGIN, 10)),
            )
            .show(ui, |ui| {
                action = self.top_bar_ui(ui);
            });
        self.top_bar = self.top_bar.map(|(_, first)| (bar.response.rect, first));
        let data_location = self.data_location();
        // egui keeps each scroll area's offset (across runs too, in the window's state file):
        // a screen seen before would open where it was left, the course map at its bottom.
        let drawn = Some(std::mem::discriminant(&self.screen));
        widgets::set_screen_opened(&ctx, std::mem::replace(&mut self.drawn, drawn) != drawn);
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(a) = self.banners_ui(ui) {
                action = Some(a);
            }
            let screen_action = match &mut self.screen {
                Screen::Welcome(state) => ui::welcome::ui(ui, &self.course, state),
                Screen::Profiles(state) => {
                    ui::profiles::ui(ui, &self.profiles, self.profile.as_deref(), state)
                }
                Screen::Home => ui::home::ui(
                    ui,
                    &ui::home::Map {
                        course: &self.course,
                        progress: &self.progress,
                        now,
                        tz: self.tz,
                        shelf: ui::home::Shelf {
                            entries: &self.shelf,
                            current: &self.course_key,
                            loading: self.loading_shelf.is_some(),
                        },
                        lengths: &self.lengths,
                        visit: self.visit,
                    },
                ),
                Screen::Lesson(state) => ui::lesson::ui(ui, &self.course, state),
                Screen::Quiz(state) => ui::quiz::ui(ui, &self.course, state, now),
                Screen::Results(state) => ui::results::ui(ui, &self.course, state),
                Screen::Classroom(state) => {
                    let name = self
                        .profile
                        .as_deref()
                        .and_then(|id| self.profiles.profile(id))
                        .map_or("this profile", |p| p.name.as_str());
                    let teacher_pin = self.profiles.has_teacher_pin();
                    ui::classroom::ui(ui, &self.course, state, name, teacher_pin)
                }
                Screen::AssessmentIntro => {
                    ui::assessment::ui(ui, &self.course, &self.progress, now, self.tz)
                }
                Screen::Presenter(_) => None,
                Screen::ClassReport(state) => ui::class_report::ui(ui, &self.course, state),
                Screen::History => ui::history::ui(ui, &self.course, &self.progress, self.tz),
                Screen::Statistics => {
                    ui::statistics::ui(ui, &self.course, &self.progress, self.clock.now(), self.tz)
                }
                Screen::Settings(state) => ui::settings::ui(
                    ui,
                    &self.progress,
                    &data_location,
                    self.profiles.has_teacher_pin(),
                    state,
                ),
                Screen::About => ui::about::ui(ui, &self.course),
            };
            if screen_action.is_some() {
                action = screen_action;
            }
        });
        widgets::set_screen_opened(&ctx, false);
        if self.pending_start.is_some()
            && let Some(unfinished) = &self.progress.unfinished
            && let Some(choice) = ui::unfinished::ui(&ctx, unfinished)
        {
            action = Some(choice);
        }
        if let Some(a) = self.certificate_name_ui(&ctx) {
            action = Some(a);
        }
        if let Some(action) = action {
            self.apply(action);
            ctx.request_repaint();
        }
        if self.keyboard_nav {
            widgets::focus_ring(&ctx);
        }
        self.frames += 1;
        if self.exit_after_first_frame {
            if self.frames >= 2 {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ctx.request_repaint();
        }
    }

    /// Keys that work on every screen, before anything is drawn: whether the keyboard is in
    /// use (a key pressed since the last click: focus rings show, and a new question or page
    /// gives its first control focus); holding Enter or Space down presses nothing again; Tab
    /// with nothing focused starts at the page, not the top bar; F6 moves between the top bar
    /// and the page.
    fn keys(&mut self, ctx: &egui::Context) {
        ctx.input_mut(|i| {
            if i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::Key { pressed: true, .. } | egui::Event::Text(_)
                )
            }) {
                self.keyboard_nav = true;
            }
            if i.pointer.any_pressed() {
                self.keyboard_nav = false;
            }
            i.events.retain(|e| {
                !matches!(
                    e,
                    egui::Event::Key {
                        key: egui::Key::Enter | egui::Key::Space,
                        repeat: true,
                        ..
                    }
                )
            });
        });
        widgets::set_keyboard_in_use(ctx, self.keyboard_nav);
        widgets::tab_into_page(ctx);
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F6)) {
            let focused = ctx.memory(egui::Memory::focused);
            match self.top_bar {
                Some((bar, start))
                    if !focused
                        .and_then(|id| ctx.read_response(id))
                        .is_some_and(|w| bar.contains(w.rect.center())) =>
                {
                    ctx.memory_mut(|m| m.request_focus(start));
                }
                _ => widgets::focus_first(ctx),
            }
        }
    }

    fn top_bar_ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        self.top_bar = None;
        ui.horizontal_wrapped(|ui| {
            let p = theme::palette(ui.ctx());
            ui.label(
                RichText::new("Beacon")
                    .text_style(theme::title())
                    .strong()
                    .color(p.accent),
            );
            ui.add_space(theme::GAP);
            if matches!(self.screen, Screen::Welcome(_)) || self.profile.is_none() {
                if self.profiles.is_read_only() {
                    ui.label(RichText::new("Not saving").color(p.wrong));
                }
                return;
            }
            for (nav, label) in [
                (Nav::Home, "Home"),
                (Nav::History, "History"),
                (Nav::Statistics, "Statistics"),
                (Nav::Classroom, "Classroom"),
                (Nav::Settings, "Settings"),
                (Nav::About, "About and help"),
            ] {
                let current = matches!(
                    (&self.screen, nav),
                    (Screen::Home, Nav::Home)
                        | (Screen::Statistics, Nav::Statistics)
                        | (
                            Screen::Classroom(_) | Screen::ClassReport(_),
                            Nav::Classroom
                        )
                        | (Screen::History, Nav::History)
                        | (Screen::Settings(_), Nav::Settings)
                        | (Screen::About, Nav::About)
                );
                let button = ui.add(egui::Button::selectable(current, label));
                if nav == Nav::Home {
                    self.top_bar = Some((ui.max_rect(), button.id));
                }
                if button.clicked() {
                    action = Some(Action::Go(nav));
                }
            }
            let who = self
                .profile
                .as_deref()
                .and_then(|id| self.profiles.profile(id))
                .map_or("Profiles", |p| p.name.as_str());
            let b = ui.add(egui::Button::selectable(
                matches!(self.screen, Screen::Profiles(_)),
                format!("Profile: {who}"),
            ));
            b.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Profiles"));
            if b.clicked() {
                action = Some(Action::Go(Nav::Profiles));
            }
            if self.not_saving.is_some() {
                ui.label(RichText::new("Not saving").color(p.wrong));
            }
        });
        action
    }

    fn banners_ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        let width = ui.available_width().min(theme::READING_WIDTH);
        let side = ((ui.available_width() - width) / 2.0).max(0.0);
        let save_error = self.saver.as_ref().and_then(Saver::last_error);
        if !(self.show_problems || self.notice.is_some() || save_error.is_some()) {
            return None;
        }
        ui.horizontal(|ui| {
            ui.add_space(side);
            ui.vertical(|ui| {
                ui.set_width(width);
                ui.add_space(theme::GAP_SMALL);
                if let Some(notice) = &self.notice {
                    // Notices are of every kind (a file saved, a progress file set aside, a
                    // course added): a neutral heading, not "About your progress".
                    match widgets::banner_with_copy(
                        ui,
                        "Note",
                        notice,
                        self.notice_copy
                            .as_ref()
                            .filter(|(text, _)| text == notice)
                            .map(|(_, copy)| copy.as_str()),
                    ) {
                        Some(widgets::BannerClick::Dismiss) => action = Some(Action::DismissNotice),
                        Some(widgets::BannerClick::Copy(text)) => ui.ctx().copy_text(text),
                        None => {}
                    }
                }
                if let Some(e) = save_error
                    && widgets::banner(ui, "Saving failed", &[format!("{e}. Beacon will try again after your next answer.")])
                {
                    action = Some(Action::DismissSaveError);
                }
                if self.show_problems {
                    let lines: Vec<String> = self.problems.iter().take(6).map(problem_line).collect();
                    let errors = self.problems.iter().filter(|p| p.is_error()).count();
                    let title = if errors > 0 {
                        format!(
                            "Some course files have problems and were skipped ({errors}); the rest of the course works"
                        )
                    } else {
                        format!(
                            "Notes for the course's authors: {} cue warnings (hints a learner could guess from); the course works as usual",
                            self.problems.len()
                        )
                    };
                    if widgets::banner(ui, &title, &lines) {
                        action = Some(Action::DismissProblems);
                    }
                }
            });
        });
        action
    }
}

impl BeaconApp {
    /// The dialog asking for the name to print on a certificate, while one is waiting.
    fn certificate_name_ui(&mut self, ctx: &egui::Context) -> Option<Action> {
        let request = self.certificate_name.as_mut()?;
        let mut action = None;
        let modal = widgets::dialog(ctx, "certificate name").show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.label(RichText::new("Your name on the certificate").heading());
            widgets::paragraph(
                ui,
                "Write your full name as it should appear on your certificate. It is printed exactly as you write it here, and kept for your next certificate.",
            );
            let label = ui.label("Full name");
            let field = ui
                .add(egui::TextEdit::singleline(&mut request.name).desired_width(320.0))
                .labelled_by(label.id);
            if !field.has_focus() && request.name.is_empty() {
                field.request_focus();
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(problem) = &request.problem {
                ui.add(
                    egui::Label::new(RichText::new(problem).color(theme::palette(ui.ctx()).wrong))
                        .wrap(),
                );
            }
            ui.add_space(theme::GAP_SMALL);
            ui.horizontal(|ui| {
                if widgets::primary(ui, "Make the certificate").clicked() || enter {
                    action = Some(Action::CertificateNamed);
                }
                if ui.button("Cancel").clicked() {
                    action = Some(Action::CancelCertificate);
                }
            });
        });
        if action.is_none() && modal.should_close() {
            action = Some(Action::CancelCertificate);
        }
        action
    }
}

impl eframe::App for BeaconApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.credit_page(self.clock.now());
        let _ = self.flush();
    }
}

/// How long each module's lesson is, in course order.
fn lengths(course: &Course) -> Vec<crate::lesson::Length> {
    course
        .modules
        .iter()
        .map(|m| crate::lesson::lesson(course, m).length())
        .collect()
}

/// A content problem on one line for the banner.
fn problem_line(p: &Problem) -> String {
    if p.line == 0 {
        format!("{}: {}", p.file_name(), p.message)
    } else {
        format!("{}, line {}: {}", p.file_name(), p.line, p.message)
    }
}

/// What the command line adds to a start of the window.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// Where eframe keeps the window's size and place (see [`window_state_file`]).
    pub window_state: Option<PathBuf>,
    /// A course folder or GIFT file to add and open (`beacon FILE.gift`, a double-click).
    pub open: Option<PathBuf>,
}

/// Where eframe keeps the window's size and place: `window.ron` in the data folder given with
/// `--data-dir` (a USB stick then leaves nothing behind), else in the system's settings folder
/// (`~/.config/beacon` on Linux), never among the learner's files in the default data folder.
#[cfg(not(target_arch = "wasm32"))]
#[must_use]
pub fn window_state_file(data_dir: Option<&Path>) -> Option<PathBuf> {
    const FILE: &str = "window.ron";
    match data_dir {
        Some(dir) => Some(dir.join(FILE)),
        None => directories::ProjectDirs::from("org", "Beacon", "beacon")
            .map(|d| d.preference_dir().join(FILE)),
    }
}

/// The window icon, drawn from `assets/icon.svg` by `scripts/make-icons`.
#[cfg(not(target_arch = "wasm32"))]
#[must_use]
pub fn icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/256x256.png"))
        .unwrap_or_default()
}

impl BeaconApp {
    /// Adds a course folder or GIFT file given at start (`beacon FILE.gift`) as "Add a GIFT
    /// file…" does, and opens it when a profile is open.
    pub fn open_file(&mut self, path: &Path) {
        // The added courses first, so the new one is not listed twice.
        self.wait_for_shelf();
        let Some(key) = self.add_course_from(path) else {
            return;
        };
        let title = self
            .shelf
            .iter()
            .find(|e| e.key == key && e.course.is_some())
            .map(Entry::title);
        if let Some(title) = title
            && self.profile.is_some()
        {
            let notice = self.notice.take();
            self.open_course(&key, self.clock.now());
            // Keep the note on problems, if the course had some; else say what happened.
            self.notice = notice.filter(|n| n.contains("problems")).or(Some(format!(
                "Added \"{title}\" from {} and opened it.",
                path.display()
            )));
        }
    }
}

/// The smallest window Beacon allows, in points: every screen still fits its text inside it
/// (at 100% and 200% text; the clipping test checks), with room for a question and its choices.
pub const MIN_WINDOW: [f32; 2] = [640.0, 480.0];

/// Opens the app window.
///
/// # Errors
/// When no window can be created (no display, no graphics driver).
#[cfg(not(target_arch = "wasm32"))]
pub fn run(options: Options, launch: Launch) -> eframe::Result {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Beacon")
            .with_app_id(crate::APP_ID)
            .with_icon(icon())
            .with_inner_size([1024.0, 720.0])
            .with_min_inner_size(MIN_WINDOW),
        persist_window: true,
        persistence_path: launch.window_state,
        ..Default::default()
    };
    eframe::run_native(
        "Beacon",
        native,
        Box::new(move |_cc| {
            let mut app = BeaconApp::new(&options);
            if let Some(path) = &launch.open {
                app.open_file(path);
            }
            Ok(Box::new(app))
        }),
    )
}
