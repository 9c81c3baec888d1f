//! Applying actions: the one place where screens change and progress is written.

use chrono::{DateTime, Utc};

use super::BeaconApp;
use crate::progress::review;
use crate::progress::{AnswerRecord, AttemptRecord, Place, Progress, Scheduler};
use crate::quiz::{self, Outcome};
use crate::ui::{self, Action, Nav, Screen};

impl BeaconApp {
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
                    Nav::Classroom => Screen::Classroom(Box::new(
                        ui::classroom::ClassroomState::new(self.next_seed()),
                    )),
                    Nav::Profiles => {
                        Screen::Profiles(Box::new(ui::profiles::ProfilesState::picking(
                            self.profile
                                .as_deref()
                                .and_then(|id| self.profiles.profile(id)),
                        )))
                    }
                    Nav::Settings => Screen::Settings(ui::settings::SettingsState::default()),
                    Nav::About => Screen::About,
                };
            }
            Action::Welcome { name } => self.welcome(name, now),
            Action::OpenProfile { id, pin } => self.try_open(&id, &pin, now),
            Action::CreateProfile { name } => match self.profiles.create(&name, now) {
                Ok(p) => self.open_profile(&p.id, now),
                Err(e) => self.change_profiles(|_| Err(e)),
            },
            Action::RenameProfile { id, name } => {
                self.change_profiles(|l| l.rename(&id, &name).map(|()| Some("Renamed.".into())));
            }
            Action::SetPin { id, pin } => {
                let set = pin.is_some();
                self.change_profiles(|l| {
                    l.set_pin(&id, pin.as_deref())
                        .map(|()| Some(if set { "PIN set." } else { "PIN removed." }.into()))
                });
            }
            Action::DeleteProfile { id } => {
                if self.profile.as_deref() == Some(id.as_str()) {
                    self.close_profile();
                }
                self.change_profiles(|l| {
                    l.delete(&id, now).map(|kept| {
                        Some(format!(
                            "Deleted. The progress is kept for 30 days in {kept}."
                        ))
                    })
                });
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
                seconds,
            } => {
                let Some(q) = self.course.question(&question) else {
                    return;
                };
                let score = quiz::grade(&q.body, &response);
                let feedback = quiz::Feedback {
                    score,
                    outcome: Outcome::of(score),
                };
                review::remember(
                    &mut self.progress,
                    &self.scheduler,
                    q,
                    Outcome::of(score),
                    seconds,
                    now,
                );
                if let Screen::Lesson(state) = &mut self.screen
                    && let Some(check) = state.checks.get_mut(&question)
                {
                    check.feedback = Some(feedback);
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
            Action::OpenCourse { key } => self.open_course(&key, now),
            Action::AddCourse { folder } => self.add_course(folder, &self.ctx.clone()),
            Action::StartAssessment => {
                let status = crate::progress::assessment::status(&self.course, &self.progress);
                if let Some(reason) = status.blocked(&self.course) {
                    self.notice = Some(reason);
                    return;
                }
                let spec = crate::progress::assessment::spec(&self.course);
                self.start_quiz(&spec, "Final assessment".to_owned(), None, false, now);
                if let Screen::Quiz(state) = &mut self.screen {
                    state.info.assessment = true;
                    self.progress.unfinished = Some(state.unfinished());
                    self.save();
                }
            }
            Action::StartPresenting {
                modules,
                count,
                seed,
            } => {
                let quiz = crate::quiz::classroom_quiz(&self.course, &modules, count, seed);
                if quiz.items.is_empty() {
                    self.notice = Some("There are no questions to present here.".into());
                    return;
                }
                let title = crate::quiz::classroom_title(&self.course, &modules);
                self.screen = Screen::Presenter(Box::new(ui::presenter::PresenterState {
                    quiz,
                    title,
                    index: 0,
                    revealed: false,
                }));
                self.fullscreen = Some(true);
            }
            Action::StopPresenting => {
                self.fullscreen = Some(false);
                self.screen = Screen::Classroom(Box::new(ui::classroom::ClassroomState::new(
                    self.next_seed(),
                )));
            }
            Action::Save { document, target } => {
                self.save_document(&document, target, now, &self.ctx.clone());
            }
            Action::Continue => match self.progress.last_place.clone() {
                Some(Place::Quiz) => self.resume_quiz(),
                Some(Place::Lesson { module, page }) => self.apply(Action::OpenLesson {
                    module,
                    page: Some(page),
                }),
                None => {}
            },
            Action::QuizAnswered { response, seconds } => {
                if let Screen::Quiz(state) = &mut self.screen
                    && let Some(item) = state.attempt.current().cloned()
                    && let Some(feedback) = state.grade(response.clone(), seconds)
                {
                    let score = feedback.score;
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
                let place = self.data_location();
                if let Err(e) = opener::open(&place) {
                    self.notice = Some(format!(
                        "The data folder could not be shown ({e}). It is {place} (Settings has a button to copy this)."
                    ));
                }
            }
            Action::ResetProgress => self.reset(now),
            Action::DismissProblems => self.show_problems = false,
            Action::DismissNotice => self.notice = None,
            Action::DismissSaveError => {
                if let Some(saver) = &self.saver {
                    saver.dismiss_error();
                }
            }
        }
    }

    /// The seed of the next quiz: the next fixed one in tests, a random one otherwise.
    pub(super) fn next_seed(&mut self) -> u64 {
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
        let now = self.clock.now();
        let lesson = self.progress.lessons.entry(module.to_owned()).or_default();
        lesson.page = page;
        lesson.pages_read.insert(page);
        if last && !lesson.finished {
            lesson.finished = true;
            lesson.finished_at = Some(now);
        }
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
            questions: state.attempt.quiz().question_ids(),
            missed: result.missed(),
            passed: state.info.assessment.then(|| {
                crate::progress::assessment::passes(&self.course, result.score, result.max)
            }),
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
        let Some(saver) = &self.saver else {
            self.notice = Some(format!(
                "Progress was not reset: {}",
                self.not_saving
                    .clone()
                    .unwrap_or_else(|| "nothing is saved here".into())
            ));
            return;
        };
        let folder = saver.file().folder().to_owned();
        let backup = beacon_core::storage::join(&[
            &folder,
            &format!("progress-before-reset-{}.json", now.format("%Y%m%d-%H%M%S")),
        ]);
        let bytes = beacon_core::data::progress_file::encode(&self.progress);
        if let Err(e) = self.storage.write(&backup, &bytes, None) {
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
            self.storage.locate(&backup)
        ));
        self.screen = Screen::Home;
    }
}
