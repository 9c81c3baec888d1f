//! The eframe shell: owns the course, the learner's progress and the current screen, draws the
//! top bar and banners, and applies every [`Action`] in one place.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use egui::{RichText, Ui};

use crate::content::{self, Course, CourseInfo, Problem};
use crate::progress::review;
use crate::progress::{
    AnswerRecord, AttemptRecord, Notice, Place, Progress, Saver, Scheduler, Store, StoreError,
};
use crate::quiz::{self, Outcome};
use crate::ui::{self, Action, Nav, Screen, theme, widgets};

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

/// A clock that stands still until moved (for tests).
#[derive(Debug, Clone)]
pub struct FixedClock(Arc<Mutex<DateTime<Utc>>>);

impl FixedClock {
    /// A clock showing `at`.
    #[must_use]
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(at)))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        let mut t = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *t += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// How to start the app.
#[derive(Clone)]
pub struct Options {
    /// The course folder.
    pub course_dir: PathBuf,
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
    progress: Progress,
    store: Store,
    saver: Option<Saver>,
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
}

impl std::fmt::Debug for BeaconApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BeaconApp")
            .field("screen", &self.screen.name())
            .finish_non_exhaustive()
    }
}

impl BeaconApp {
    /// Loads the course and the learner's progress.
    #[must_use]
    pub fn new(options: &Options) -> Self {
        let now = options.clock.now();
        let (course, problems) = match content::load(&options.course_dir) {
            Ok(loaded) => (
                loaded.course,
                loaded
                    .problems
                    .into_iter()
                    .filter(Problem::is_error)
                    .collect(),
            ),
            Err(e) => (
                Course::new(CourseInfo::default(), Vec::new()),
                vec![Problem::whole_file(
                    &options.course_dir,
                    content::Severity::Error,
                    e.to_string(),
                )],
            ),
        };
        let (store, mut progress, notice) = match Store::open(&options.data_dir, now) {
            Ok((store, progress, notices)) => {
                let notice = (!notices.is_empty()).then(|| {
                    notices
                        .iter()
                        .map(Notice::message)
                        .collect::<Vec<_>>()
                        .join(" ")
                });
                (store, progress, notice)
            }
            Err(e @ StoreError::InUse(_)) => {
                let progress = read_quietly(&options.data_dir);
                (
                    Store::read_only(&options.data_dir),
                    progress,
                    Some(e.to_string()),
                )
            }
            Err(e) => (
                Store::read_only(&options.data_dir),
                Progress::default(),
                Some(e.to_string()),
            ),
        };
        let saver = (!store.is_read_only()).then(|| Saver::new(options.data_dir.clone()));
        let scheduler = Scheduler::new(progress.settings.desired_retention);
        let migrated = review::migrate(&mut progress, &course, &scheduler);
        let screen = if progress.learner.welcomed {
            Screen::Home
        } else {
            Screen::Welcome(ui::welcome::WelcomeState::default())
        };
        let mut app = Self {
            course,
            show_problems: !problems.is_empty(),
            problems,
            progress,
            store,
            saver,
            notice,
            screen,
            clock: Arc::clone(&options.clock),
            applied: None,
            keyboard_nav: false,
            next_seed: options.seed,
            frames: 0,
            exit_after_first_frame: std::env::var_os("BEACON_EXIT_AFTER_FIRST_FRAME").is_some(),
            scheduler,
            tz: options.tz,
        };
        if migrated {
            app.save();
        }
        app
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

    /// The data folder.
    #[must_use]
    pub fn data_dir(&self) -> &Path {
        self.store.dir()
    }

    /// Waits until every save has reached the disk; returns the last save error, if any.
    pub fn flush(&self) -> Option<String> {
        self.saver.as_ref().and_then(Saver::flush)
    }

    /// Hands the progress to the background writer.
    fn save(&mut self) {
        if let Some(saver) = &self.saver {
            match Store::encode(&self.progress) {
                Ok(bytes) => saver.save(bytes),
                Err(e) => self.notice = Some(format!("Your progress could not be saved: {e}")),
            }
        }
    }

    /// Draws one frame.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
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
        let mut action = None;
        egui::Panel::top("top bar")
            .frame(
                egui::Frame::side_top_panel(&ctx.global_style())
                    .inner_margin(egui::Margin::symmetric(theme::PAGE_MARGIN, 10)),
            )
            .show(ui, |ui| {
                action = self.top_bar_ui(ui);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(a) = self.banners_ui(ui) {
                action = Some(a);
            }
            let screen_action = match &mut self.screen {
                Screen::Welcome(state) => ui::welcome::ui(ui, &self.course, state),
                Screen::Home => {
                    ui::home::ui(ui, &self.course, &self.progress, self.clock.now(), self.tz)
                }
                Screen::Lesson(state) => ui::lesson::ui(ui, &self.course, state),
                Screen::Quiz(state) => ui::quiz::ui(ui, &self.course, state),
                Screen::Results(state) => ui::results::ui(ui, state),
                Screen::History => ui::history::ui(ui, &self.course, &self.progress),
                Screen::Statistics => {
                    ui::statistics::ui(ui, &self.course, &self.progress, self.clock.now(), self.tz)
                }
                Screen::Settings(state) => {
                    ui::settings::ui(ui, &self.progress, self.store.dir(), state)
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
            if matches!(self.screen, Screen::Welcome(_)) {
                return;
            }
            for (nav, label) in [
                (Nav::Home, "Home"),
                (Nav::History, "History"),
                (Nav::Statistics, "Statistics"),
                (Nav::Settings, "Settings"),
                (Nav::About, "About and help"),
            ] {
                let current = matches!(
                    (&self.screen, nav),
                    (Screen::Home, Nav::Home)
                        | (Screen::Statistics, Nav::Statistics)
                        | (Screen::History, Nav::History)
                        | (Screen::Settings(_), Nav::Settings)
                        | (Screen::About, Nav::About)
                );
                if ui.add(egui::Button::selectable(current, label)).clicked() {
                    action = Some(Action::Go(nav));
                }
            }
            if self.store.is_read_only() {
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
                if let Some(e) = save_error {
                    widgets::banner(ui, "Saving failed", &[format!("{e}. Beacon will try again after your next answer.")]);
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

    /// Applies an action: the one place where screens change and progress is written.
    pub fn apply(&mut self, action: Action) {
        let now = self.clock.now();
        match action {
            Action::Go(nav) => {
                if let Screen::Quiz(state) = &mut self.screen {
                    state.confirm_leave = true;
                    return;
                }
                self.screen = match nav {
                    Nav::Home => Screen::Home,
                    Nav::History => Screen::History,
                    Nav::Statistics => Screen::Statistics,
                    Nav::Settings => Screen::Settings(ui::settings::SettingsState::default()),
                    Nav::About => Screen::About,
                };
            }
            Action::Welcome { name } => {
                self.progress.learner.name = name;
                self.progress.learner.welcomed = true;
                self.save();
                self.screen = Screen::Home;
            }
            Action::OpenLesson { module, page } => {
                let Some(m) = self.course.module(&module) else {
                    return;
                };
                let page = page
                    .unwrap_or_else(|| self.progress.lessons.get(&module).map_or(0, |l| l.page));
                let state = ui::lesson::LessonState::new(&self.course, m, page);
                let (page, last) = (state.page, state.page + 1 >= state.lesson.pages.len());
                self.screen = Screen::Lesson(Box::new(state));
                self.record_page(&module, page, last);
            }
            Action::LessonPage { module, page, last } => {
                if let Screen::Lesson(state) = &mut self.screen {
                    state.page = page;
                }
                self.record_page(&module, page, last);
            }
            Action::CheckAnswered {
                question,
                module,
                response,
                score,
                seconds,
            } => {
                if let Some(q) = self.course.question(&question) {
                    review::remember(
                        &mut self.progress,
                        &self.scheduler,
                        q,
                        Outcome::of(score),
                        seconds,
                        now,
                    );
                }
                self.progress.answers.push(AnswerRecord {
                    question,
                    module,
                    at: now,
                    outcome: Outcome::of(score),
                    score,
                    seconds,
                    attempt: None,
                    response: Some(response),
                });
                self.save();
            }
            Action::StartQuiz {
                spec,
                title,
                module,
            } => self.start_quiz(&spec, title, module, false, now),
            Action::StartReview => {
                let queue = review::queue(&self.course, &self.progress, now, self.tz);
                let facts: Vec<String> = queue.due.into_iter().chain(queue.new).collect();
                self.start_review(&facts, "Review", now);
            }
            Action::PractiseWeakSpots => {
                let facts: Vec<String> =
                    review::weakest(&self.course, &self.progress, now, None, 10)
                        .into_iter()
                        .map(|(f, _)| f)
                        .collect();
                self.start_review(&facts, "Weak spots", now);
            }
            Action::ReviewFacts(facts) => self.start_review(&facts, "Review", now),
            Action::ResumeQuiz => self.resume_quiz(),
            Action::Continue => match self.progress.last_place.clone() {
                Some(Place::Quiz) => self.resume_quiz(),
                Some(Place::Lesson { module, page }) => self.apply(Action::OpenLesson {
                    module,
                    page: Some(page),
                }),
                None => {}
            },
            Action::QuizAnswered {
                response,
                score,
                seconds,
            } => {
                if let Screen::Quiz(state) = &self.screen
                    && let Some(item) = state.attempt.current()
                {
                    review::remember(
                        &mut self.progress,
                        &self.scheduler,
                        &item.question,
                        Outcome::of(score),
                        seconds,
                        now,
                    );
                    self.progress.answers.push(AnswerRecord {
                        question: item.question.id.clone(),
                        module: item.module.clone(),
                        at: now,
                        outcome: Outcome::of(score),
                        score,
                        seconds,
                        attempt: Some(state.info.id),
                        response: Some(response),
                    });
                    self.progress.unfinished = Some(state.unfinished());
                }
                self.save();
            }
            Action::QuizMoved => {
                if let Screen::Quiz(state) = &self.screen {
                    self.progress.unfinished = Some(state.unfinished());
                }
                self.save();
            }
            Action::QuizFinished => self.finish_quiz(now),
            Action::LeaveQuiz => {
                if let Screen::Quiz(state) = &self.screen {
                    self.progress.unfinished = Some(state.unfinished());
                    self.progress.last_place = Some(Place::Quiz);
                }
                self.save();
                self.screen = Screen::Home;
            }
            Action::SetTheme(theme) => {
                self.progress.settings.theme = theme;
                self.save();
            }
            Action::SetTextSize(size) => {
                self.progress.settings.text_size = size.clamp(
                    crate::progress::Settings::MIN_TEXT,
                    crate::progress::Settings::MAX_TEXT,
                );
                self.save();
            }
            Action::SetName(name) => {
                self.progress.learner.name = name;
                self.save();
            }
            Action::SetNewPerDay(n) => {
                self.progress.settings.new_per_day = n.min(100);
                self.save();
            }
            Action::SetRetention(r) => {
                self.progress.settings.desired_retention = r.clamp(0.70, 0.97);
                self.scheduler = Scheduler::new(self.progress.settings.desired_retention);
                self.save();
            }
            Action::SetShowStreak(show) => {
                self.progress.settings.show_streak = show;
                self.save();
            }
            Action::OpenDataFolder => {
                if let Err(e) = opener::open(self.store.dir()) {
                    self.notice = Some(format!(
                        "The data folder could not be opened ({e}). It is {}.",
                        self.store.dir().display()
                    ));
                }
            }
            Action::ResetProgress => self.reset(now),
            Action::DismissProblems => self.show_problems = false,
            Action::DismissNotice => self.notice = None,
        }
    }

    /// The seed of the next quiz: the next fixed one in tests, a random one otherwise.
    fn next_seed(&mut self) -> u64 {
        match &mut self.next_seed {
            Some(next) => {
                *next = next.wrapping_add(1);
                next.wrapping_sub(1)
            }
            None => rand::random(),
        }
    }

    fn start_quiz(
        &mut self,
        spec: &crate::quiz::QuizSpec,
        title: String,
        module: Option<String>,
        review: bool,
        now: DateTime<Utc>,
    ) {
        let seed = self.next_seed();
        let quiz = quiz::assemble(&self.course, spec, seed);
        if quiz.items.is_empty() {
            self.notice = Some("There are no questions to ask here yet.".into());
            return;
        }
        let id = self.progress.next_attempt_id();
        let mut state = ui::quiz::QuizState::new(quiz, id, title, module, now);
        state.info.review = review;
        self.progress.unfinished = Some(state.unfinished());
        self.progress.last_place = Some(Place::Quiz);
        self.screen = Screen::Quiz(Box::new(state));
        self.save();
    }

    fn start_review(&mut self, facts: &[String], title: &str, now: DateTime<Utc>) {
        let seed = self.next_seed();
        match review::quiz_for_facts(&self.course, &self.progress, facts, seed) {
            Some(spec) => self.start_quiz(&spec, title.to_owned(), None, true, now),
            None => self.notice = Some("Nothing to review right now. Well done.".into()),
        }
    }

    fn record_page(&mut self, module: &str, page: usize, last: bool) {
        let lesson = self.progress.lessons.entry(module.to_owned()).or_default();
        lesson.page = page;
        lesson.pages_read.insert(page);
        lesson.finished |= last;
        self.progress.last_place = Some(Place::Lesson {
            module: module.to_owned(),
            page,
        });
        self.save();
    }

    fn resume_quiz(&mut self) {
        let Some(saved) = self.progress.unfinished.clone() else {
            return;
        };
        match ui::quiz::QuizState::resume(&self.course, &saved) {
            Some(state) => {
                self.progress.last_place = Some(Place::Quiz);
                self.screen = Screen::Quiz(Box::new(state));
            }
            None => {
                self.progress.unfinished = None;
                self.progress.last_place = None;
                self.notice = Some("The unfinished quiz could not be resumed because its questions are no longer in the course.".into());
                self.save();
            }
        }
    }

    fn finish_quiz(&mut self, now: DateTime<Utc>) {
        let Screen::Quiz(state) = &mut self.screen else {
            return;
        };
        state.attempt.finish();
        let result = state.attempt.result(&self.course);
        let seconds = state
            .attempt
            .slots()
            .iter()
            .map(|s| match s {
                quiz::Slot::Answered { seconds, .. } => *seconds,
                _ => 0.0,
            })
            .sum();
        let record = AttemptRecord {
            info: state.info.clone(),
            finished: now,
            score: result.score,
            max: result.max,
            seconds,
            questions: state
                .attempt
                .quiz()
                .items
                .iter()
                .map(|i| i.question.id.clone())
                .collect(),
            missed: result.missed(),
        };
        self.progress.attempts.push(record.clone());
        self.progress.unfinished = None;
        if self.progress.last_place == Some(Place::Quiz) {
            self.progress.last_place = None;
        }
        self.save();
        self.screen = Screen::Results(Box::new(ui::results::ResultsState { result, record }));
    }

    fn reset(&mut self, now: DateTime<Utc>) {
        let backup = self.store.dir().join(format!(
            "progress-before-reset-{}.json",
            now.format("%Y%m%d-%H%M%S")
        ));
        let written = Store::encode(&self.progress)
            .map_err(std::io::Error::other)
            .and_then(|bytes| std::fs::write(&backup, bytes));
        if let Err(e) = written {
            self.notice = Some(format!(
                "Progress was not reset, because the backup could not be written: {e}"
            ));
            return;
        }
        let fresh = Progress {
            learner: self.progress.learner.clone(),
            settings: self.progress.settings.clone(),
            ..Progress::default()
        };
        self.progress = fresh;
        self.save();
        self.notice = Some(format!(
            "Your progress was reset. A backup was kept as {}.",
            backup.display()
        ));
        self.screen = Screen::Home;
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

/// Reads progress without the lock, for a read-only second copy.
fn read_quietly(dir: &Path) -> Progress {
    let mut progress: Progress = std::fs::read(dir.join(crate::progress::FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    progress.absorb_legacy();
    progress
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
