//! The eframe shell: owns the course, the learner's progress and the current screen, draws the
//! top bar and banners, and applies every [`Action`] in one place.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use beacon_core::data::courses::Entry;
use beacon_core::data::{Profiles, ProgressFile, courses};
use beacon_core::storage::Storage;

use crate::content::{Course, CourseInfo, Problem};
use crate::progress::{Progress, Scheduler};
use crate::storage::{FileStorage, Saver};
use crate::ui::{self, Action, Nav, Screen, theme, widgets};

mod apply;
pub mod dialogs;
mod documents;
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
    next_seed: Option<u64>,
    /// Frames drawn; with `BEACON_EXIT_AFTER_FIRST_FRAME` set, the app closes once the first
    /// frame is on screen (for `scripts/measure-startup`).
    frames: u64,
    exit_after_first_frame: bool,
    scheduler: Scheduler,
    tz: chrono::FixedOffset,
    /// A full-screen change waiting for the next frame (presenter mode).
    fullscreen: Option<bool>,
    /// The file dialog that is open, if one is.
    dialog: Option<dialogs::Pending>,
    /// The egui context of the last frame, to wake the app when a dialog closes.
    ctx: egui::Context,
    /// The added courses while they are still being read (after the first frame).
    loading_shelf: Option<std::sync::mpsc::Receiver<Vec<Entry>>>,
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
    #[must_use]
    pub fn new(options: &Options) -> Self {
        let storage: Arc<dyn Storage> = Arc::new(FileStorage::open(&options.data_dir));
        Self::with_storage(options, storage)
    }

    /// Loads the course and the learner's progress from `storage` (the data folder on the
    /// desktop, browser storage on the web).
    #[must_use]
    pub fn with_storage(options: &Options, storage: Arc<dyn Storage>) -> Self {
        let now = options.clock.now();
        let shipped = match &options.course_dir {
            Some(dir) => crate::storage::folder::load_entry(SHIPPED, dir),
            None => {
                let loaded = crate::shipped::load();
                Entry {
                    key: SHIPPED.to_owned(),
                    location: crate::shipped::LABEL.to_owned(),
                    course: Some(loaded.course),
                    problems: loaded
                        .problems
                        .into_iter()
                        .filter(Problem::is_error)
                        .collect(),
                }
            }
        };
        let shelf = vec![shipped];
        let course = shelf[0]
            .course
            .clone()
            .unwrap_or_else(|| Course::new(CourseInfo::default(), Vec::new()));
        let problems = shelf[0].problems.clone();
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
            next_seed: options.seed,
            frames: 0,
            exit_after_first_frame: std::env::var_os("BEACON_EXIT_AFTER_FIRST_FRAME").is_some(),
            scheduler,
            tz: options.tz,
            fullscreen: None,
            dialog: None,
            ctx: egui::Context::default(),
            loading_shelf: None,
        };
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
    }

    /// Waits until the added courses are read (for tests and tools that need them at once).
    pub fn wait_for_shelf(&mut self) {
        if let Some(rx) = self.loading_shelf.take()
            && let Ok(added) = rx.recv()
        {
            self.shelf.extend(added);
        }
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
        ctx.input(|i| {
            if i.key_pressed(egui::Key::Tab) {
                self.keyboard_nav = true;
            }
            if i.pointer.any_pressed() {
                self.keyboard_nav = false;
            }
        });
        if let Some(full) = self.fullscreen.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(full));
        }
        let mut action = None;
        if let Screen::Presenter(state) = &mut self.screen {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| action = ui::presenter::ui(ui, &self.course, state));
            if let Some(action) = action {
                self.apply(action);
                ctx.request_repaint();
            }
            return;
        }
        let now = self.clock.now();
        if let Screen::Quiz(state) = &self.screen
            && let Some(deadline) = state.deadline(&self.course)
        {
            if now >= deadline {
                self.notice = Some("Time is up: your answers were handed in.".into());
                self.apply(Action::QuizFinished);
            } else {
                // A running timer needs a frame a second; nothing else repaints while idle.
                ctx.request_repaint_after(std::time::Duration::from_secs(1));
            }
        }
        egui::Panel::top("top bar")
            .frame(
                egui::Frame::side_top_panel(&ctx.global_style())
                    .inner_margin(egui::Margin::symmetric(theme::PAGE_MARGIN, 10)),
            )
            .show(ui, |ui| {
                action = self.top_bar_ui(ui);
            });
        let data_location = self.data_location();
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
                    &self.course,
                    &self.progress,
                    self.clock.now(),
                    self.tz,
                    &ui::home::Shelf {
                        entries: &self.shelf,
                        current: &self.course_key,
                        loading: self.loading_shelf.is_some(),
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
                    ui::classroom::ui(ui, &self.course, state, name)
                }
                Screen::Presenter(_) => None,
                Screen::History => ui::history::ui(ui, &self.course, &self.progress),
                Screen::Statistics => {
                    ui::statistics::ui(ui, &self.course, &self.progress, self.clock.now(), self.tz)
                }
                Screen::Settings(state) => {
                    ui::settings::ui(ui, &self.progress, &data_location, state)
                }
                Screen::About => ui::about::ui(ui, &self.course),
            };
            if screen_action.is_some() {
                action = screen_action;
            }
        });
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

    fn top_bar_ui(&self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
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
                        | (Screen::Classroom(_), Nav::Classroom)
                        | (Screen::History, Nav::History)
                        | (Screen::Settings(_), Nav::Settings)
                        | (Screen::About, Nav::About)
                );
                if ui.add(egui::Button::selectable(current, label)).clicked() {
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
                if let Some(notice) = &self.notice
                    && widgets::banner(ui, "About your progress", std::slice::from_ref(notice))
                {
                    action = Some(Action::DismissNotice);
                }
                if let Some(e) = save_error
                    && widgets::banner(ui, "Saving failed", &[format!("{e}. Beacon will try again after your next answer.")])
                {
                    action = Some(Action::DismissSaveError);
                }
                if self.show_problems {
                    let lines: Vec<String> = self.problems.iter().take(6).map(problem_line).collect();
                    let title = format!(
                        "Some course files have problems and were skipped ({}); the rest of the course works",
                        self.problems.len()
                    );
                    if widgets::banner(ui, &title, &lines) {
                        action = Some(Action::DismissProblems);
                    }
                }
            });
        });
        action
    }
}

impl eframe::App for BeaconApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        let _ = self.flush();
    }
}

/// A content problem on one line for the banner.
fn problem_line(p: &Problem) -> String {
    if p.line == 0 {
        format!("{}: {}", p.file_name(), p.message)
    } else {
        format!("{}, line {}: {}", p.file_name(), p.line, p.message)
    }
}

/// Opens the app window.
///
/// # Errors
/// When no window can be created (no display, no graphics driver).
pub fn run(options: Options) -> eframe::Result {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Beacon")
            .with_app_id("beacon")
            .with_inner_size([1024.0, 720.0])
            .with_min_inner_size([640.0, 480.0]),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Beacon",
        native,
        Box::new(move |_cc| Ok(Box::new(BeaconApp::new(&options)))),
    )
}
