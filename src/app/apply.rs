//! Applying actions: the one place where screens change and progress is written.

use chrono::{DateTime, Utc};

use super::BeaconApp;
use crate::progress::review;
use crate::progress::{AnswerRecord, AttemptRecord, NextStep, Place, Progress, Scheduler};
use crate::quiz::{self, Outcome};
use crate::ui::{self, Action, Nav, Screen};

impl BeaconApp {
    /// Applies an action: the one place where screens change and progress is written.
    pub fn apply(&mut self, action: Action) {
        let now = self.clock.now();
        self.apply_at(action, now);
        self.track_page(now);
    }

    fn apply_at(&mut self, action: Action, now: DateTime<Utc>) {
        if starts_a_quiz(&action)
            // An open final assessment is never discarded: starting a quiz then says so.
            && self
                .progress
                .unfinished
                .as_ref()
                .is_some_and(|u| !u.info.assessment)
            && !matches!(self.screen, Screen::Quiz(_))
        {
            // Never throw an unfinished quiz away silently: ask first (see `ui::unfinished`).
            self.pending_start = Some(action);
            return;
        }
        match action {
            Action::Go(nav) => {
                if let Screen::Quiz(state) = &mut self.screen {
                    state.asking = Some(ui::quiz::Asking::Leave(Some(nav)));
                    return;
                }
                self.screen = match nav {
                    Nav::Home => Screen::Home,
                    Nav::History => Screen::History,
                    Nav::Statistics => Screen::Statistics,
                    Nav::Classroom => Screen::Classroom(Box::new(self.classroom_state())),
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
            Action::RenameProfile { id, name, pin } => {
                self.change_profiles(|l| {
                    l.authorise(&id, &pin)?;
                    l.rename(&id, &name).map(|()| Some("Renamed.".into()))
                });
            }
            Action::SetPin { id, pin, current } => {
                let had = self
                    .profiles
                    .profile(&id)
                    .is_some_and(beacon_core::data::Profile::has_pin);
                let message = match (had, pin.is_some()) {
                    (_, false) => "PIN removed.",
                    (true, true) => "PIN changed.",
                    (false, true) => "PIN set.",
                };
                self.change_profiles(|l| {
                    l.authorise(&id, &current)?;
                    l.set_pin(&id, pin.as_deref())
                        .map(|()| Some(message.into()))
                });
            }
            Action::SetTeacherPin { pin, current } => {
                let message = if pin.is_some() {
                    "Teacher PIN saved. It opens and changes every profile."
                } else {
                    "Teacher PIN removed."
                };
                let result = if self.profiles.has_teacher_pin()
                    && !self.profiles.check_teacher_pin(&current)
                {
                    Err("that is not the current teacher PIN".to_owned())
                } else {
                    self.profiles
                        .set_teacher_pin(pin.as_deref())
                        .map_err(|e| e.to_string())
                };
                if let Screen::Settings(state) = &mut self.screen {
                    state.teacher = ui::settings::TeacherPinForm::default();
                    match result {
                        Ok(()) => state.teacher.message = Some(message.into()),
                        Err(e) => state.teacher.error = Some(capitalised(&e)),
                    }
                }
            }
            Action::DeleteProfile { id, pin } => {
                if !self.profiles.check_pin(&id, &pin) {
                    self.change_profiles(|_| Err(beacon_core::data::ProfileError::WrongPin));
                    return;
                }
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
                let state = ui::lesson::LessonState::new(&self.course, m, page, &self.progress);
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
                if let Screen::Lesson(state) = &mut self.screen {
                    state.checked(&question, feedback);
                }
                self.progress.answers.push(AnswerRecord {
                    question,
                    module: module.clone(),
                    at: now,
                    outcome: Outcome::of(score),
                    score,
                    seconds,
                    attempt: None,
                    response: Some(response),
                });
                self.note_reading(&module, now);
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
            Action::ResumeQuiz => {
                self.pending_start = None;
                self.resume_quiz(now);
            }
            Action::DiscardUnfinished => {
                let Some(start) = self.pending_start.take() else {
                    return;
                };
                if self
                    .progress
                    .unfinished
                    .as_ref()
                    .is_some_and(|u| u.info.assessment)
                {
                    return;
                }
                self.progress.unfinished = None;
                if self.progress.last_place == Some(Place::Quiz) {
                    self.progress.last_place = None;
                }
                self.save();
                self.apply(start);
            }
            Action::KeepUnfinished => self.pending_start = None,
            Action::OpenAttempt(id) => {
                match crate::progress::past::reopen(&self.course, &self.progress, id) {
                    Some((record, result)) => {
                        self.screen = Screen::Results(Box::new(ui::results::ResultsState {
                            result,
                            record: record.clone(),
                            from_history: true,
                        }));
                    }
                    None => {
                        self.notice = Some(
                            "That attempt cannot be shown: its questions are no longer in the course."
                                .into(),
                        );
                    }
                }
            }
            Action::OpenCourse { key } => self.open_course(&key, now),
            Action::AddCourse { folder } => self.add_course(folder, &self.ctx.clone()),
            Action::OpenAssessment => {
                if let Screen::Quiz(state) = &mut self.screen {
                    state.asking = Some(ui::quiz::Asking::Leave(None));
                    return;
                }
                self.screen = Screen::AssessmentIntro;
            }
            Action::StartAssessment => self.start_assessment(now),
            Action::StartPresenting(choice) => {
                let quiz = crate::quiz::classroom_quiz(
                    &self.course,
                    &choice.modules,
                    choice.count,
                    choice.seed,
                    &choice.swapped,
                );
                if quiz.items.is_empty() {
                    self.tell("There are no questions to present here.", None);
                    return;
                }
                let title = crate::quiz::classroom_title(&self.course, &choice.modules);
                let seconds = choice.seconds_per_question;
                self.remember_classroom(choice);
                self.screen = Screen::Presenter(Box::new(ui::presenter::PresenterState::new(
                    quiz, title, seconds, now,
                )));
                self.fullscreen = Some(true);
            }
            Action::StopPresenting => {
                self.fullscreen = Some(false);
                self.screen = Screen::Classroom(Box::new(self.classroom_state()));
            }
            Action::ClassroomChosen(choice) => self.remember_classroom(choice),
            Action::Save {
                document:
                    ui::Document::Certificate {
                        attempt,
                        paper,
                        name: None,
                    },
                target,
            } => {
                let known = crate::documents::certificate::check_name(&self.progress.learner.name)
                    .unwrap_or_default();
                self.certificate_name = Some(super::CertificateName {
                    attempt,
                    paper,
                    target,
                    name: known,
                    problem: None,
                });
            }
            Action::CertificateNamed => {
                let Some(request) = self.certificate_name.as_mut() else {
                    return;
                };
                match crate::documents::certificate::check_name(&request.name) {
                    Err(problem) => request.problem = Some(problem.to_string()),
                    Ok(name) => {
                        let (attempt, paper, target) =
                            (request.attempt, request.paper, request.target);
                        self.certificate_name = None;
                        if self.progress.learner.name != name {
                            self.progress.learner.name.clone_from(&name);
                            self.save();
                        }
                        self.apply_at(
                            Action::Save {
                                document: ui::Document::Certificate {
                                    attempt,
                                    paper,
                                    name: Some(name),
                                },
                                target,
                            },
                            now,
                        );
                    }
                }
            }
            Action::CancelCertificate => self.certificate_name = None,
            Action::Save { document, target } => {
                self.save_document(&document, target, now, &self.ctx.clone());
            }
            Action::Continue => {
                match crate::progress::next_step(&self.course, &self.progress, now, self.tz) {
                    NextStep::ResumeQuiz { .. } => self.resume_quiz(now),
                    NextStep::ContinueLesson { module, page, .. } => {
                        self.apply_at(
                            Action::OpenLesson {
                                module,
                                page: Some(page),
                            },
                            now,
                        );
                    }
                    NextStep::StartLesson { module, .. } => self.apply_at(
                        Action::OpenLesson {
                            module,
                            page: Some(0),
                        },
                        now,
                    ),
                    NextStep::Review { .. } => self.apply_at(Action::StartReview, now),
                    NextStep::Assessment => self.apply_at(Action::OpenAssessment, now),
                    NextStep::Done => {}
                }
            }
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
                let mut to = None;
                if let Screen::Quiz(state) = &self.screen {
                    self.progress.unfinished = Some(state.unfinished());
                    self.progress.last_place = Some(Place::Quiz);
                    if let Some(ui::quiz::Asking::Leave(nav)) = state.asking {
                        to = nav;
                    }
                }
                self.save();
                self.screen = Screen::Home;
                // Leaving for a screen of the top bar goes there, not to the course map.
                if let Some(nav) = to {
                    self.apply_at(Action::Go(nav), now);
                }
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
                if let Err(e) = self.desktop.open_folder(&place) {
                    self.tell(
                        format!(
                            "Beacon could not show the data folder, because this system has no file manager it can open ({e}). The folder is here; copy the path to find it by hand:"
                        ),
                        Some(place),
                    );
                }
            }
            Action::ResetProgress => self.reset(now),
            Action::ImportProgress => {
                self.open_dialog(super::dialogs::Purpose::ImportProgress, &self.ctx.clone());
            }
            Action::DismissProblems => self.show_problems = false,
            Action::DismissNotice => {
                self.notice = None;
                self.notice_copy = None;
            }
            Action::DismissSaveError => {
                if let Some(saver) = &self.saver {
                    saver.dismiss_error();
                }
            }
            Action::OpenClassReport => {
                self.screen = Screen::ClassReport(Box::default());
            }
            Action::OpenResultFiles => self.open_result_files(),
            Action::AddResultFiles(files) => self.add_result_files(&files),
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
        if self
            .progress
            .unfinished
            .as_ref()
            .is_some_and(|u| u.info.assessment)
        {
            self.tell(
                "Your final assessment is still open. Resume it and hand it in (or let its time run out) before you start another quiz: it is never thrown away.",
                None,
            );
            return;
        }
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

    /// Credits the time the lesson page that was showing has been shown, when another page or
    /// screen takes its place, and starts timing the new page.
    fn track_page(&mut self, now: DateTime<Utc>) {
        let showing = match &self.screen {
            Screen::Lesson(s) => Some((s.module.clone(), s.page)),
            _ => None,
        };
        let same = match (&self.page_shown, &showing) {
            (Some((m, p, _)), Some((m2, p2))) => m == m2 && p == p2,
            (None, None) => true,
            _ => false,
        };
        if same {
            return;
        }
        self.credit_page(now);
        self.page_shown = showing.map(|(m, p)| (m, p, now));
    }

    /// Adds the time the current lesson page has been shown to its total.
    pub(super) fn credit_page(&mut self, now: DateTime<Utc>) {
        let Some((module, page, since)) = self.page_shown.take() else {
            return;
        };
        let seconds = (now - since).num_milliseconds().max(0) as f64 / 1000.0;
        *self
            .progress
            .lessons
            .entry(module.clone())
            .or_default()
            .shown
            .entry(page)
            .or_default() += seconds;
        self.note_reading(&module, now);
        self.save();
    }

    /// Marks a lesson read for the final assessment once it is.
    fn note_reading(&mut self, module: &str, now: DateTime<Utc>) {
        if self
            .progress
            .lessons
            .get(module)
            .is_some_and(|l| l.read_at.is_none())
            && crate::progress::assessment::lesson_read(&self.course, &self.progress, module)
            && let Some(lesson) = self.progress.lessons.get_mut(module)
        {
            lesson.read_at = Some(now);
        }
    }

    /// Starts the final assessment after its instructions, or resumes the open one.
    fn start_assessment(&mut self, now: DateTime<Utc>) {
        let status = crate::progress::assessment::status(&self.course, &self.progress, now);
        if status.in_progress {
            self.resume_quiz(now);
            return;
        }
        if let Some(reason) = status.blocked(&self.course, self.tz) {
            self.tell(reason, None);
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

    /// Hands in an open final assessment whose time ran out while it was not on screen (left,
    /// or Beacon closed): it is graded as it stands.
    pub(super) fn expire_assessment(&mut self, now: DateTime<Utc>) {
        if matches!(&self.screen, Screen::Quiz(q) if q.info.assessment) {
            return;
        }
        let Some(saved) = self
            .progress
            .unfinished
            .as_ref()
            .filter(|u| u.info.assessment)
        else {
            return;
        };
        let Some(minutes) = self.course.info.assessment.time_limit_minutes else {
            return;
        };
        let deadline = saved.info.started + chrono::Duration::minutes(i64::from(minutes));
        if now < deadline {
            return;
        }
        let Some(mut state) = ui::quiz::QuizState::resume(&self.course, saved) else {
            return;
        };
        let results = self.record_finished(&mut state, deadline);
        self.tell(
            "The time of your final assessment ran out while you were away, so it was handed in with the answers you had given.",
            None,
        );
        if !matches!(self.screen, Screen::Lesson(_) | Screen::Presenter(_)) {
            self.screen = Screen::Results(Box::new(results));
        }
    }

    /// The classroom screen with this profile's last choices (a new quiz number the first time).
    fn classroom_state(&mut self) -> ui::classroom::ClassroomState {
        let choice = match self.progress.classroom.clone() {
            Some(choice) => choice,
            None => crate::progress::ClassroomChoice {
                seed: self.next_seed() % 1_000_000,
                ..crate::progress::ClassroomChoice::default()
            },
        };
        ui::classroom::ClassroomState::new(choice)
    }

    /// Keeps the classroom choices for this profile.
    fn remember_classroom(&mut self, choice: crate::progress::ClassroomChoice) {
        if self.progress.classroom.as_ref() != Some(&choice) {
            self.progress.classroom = Some(choice);
            self.save();
        }
    }

    fn resume_quiz(&mut self, now: DateTime<Utc>) {
        let Some(saved) = self.progress.unfinished.clone() else {
            return;
        };
        match ui::quiz::QuizState::resume(&self.course, &saved) {
            Some(state) => {
                self.progress.last_place = Some(Place::Quiz);
                let complete = state.complete();
                self.screen = Screen::Quiz(Box::new(state));
                if complete {
                    // Every question was answered before the learner left: hand it in now.
                    self.finish_quiz(now);
                }
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
        let Screen::Quiz(state) = std::mem::replace(&mut self.screen, Screen::Home) else {
            return;
        };
        let mut state = *state;
        let results = self.record_finished(&mut state, now);
        self.screen = Screen::Results(Box::new(results));
    }

    /// Grades a quiz as it stands, records the attempt and returns what the results show.
    fn record_finished(
        &mut self,
        state: &mut ui::quiz::QuizState,
        now: DateTime<Utc>,
    ) -> ui::results::ResultsState {
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
        ui::results::ResultsState {
            result,
            record,
            from_history: false,
        }
    }

    fn reset(&mut self, now: DateTime<Utc>) {
        self.page_shown = None;
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
        let backup = match self.keep_a_copy(&folder, "reset", now) {
            Ok(backup) => backup,
            Err(e) => {
                self.notice = Some(format!(
                    "Progress was not reset, because the backup could not be written: {e}"
                ));
                return;
            }
        };
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

impl BeaconApp {
    /// Puts the progress in `bytes` (a file from "Export my progress", or any progress file)
    /// in place of the open profile's, after the same checks as a progress file read at start;
    /// the progress it replaces is kept beside it first. `from` names the file for the notice.
    pub fn import_progress(&mut self, from: &str, bytes: &[u8], now: DateTime<Utc>) {
        let mut imported = match beacon_core::data::progress_file::parse(bytes) {
            Ok(p) => p,
            Err(e) => {
                self.notice = Some(format!(
                    "{from} is not a Beacon progress file ({e}); your progress was not changed."
                ));
                return;
            }
        };
        if imported.schema > beacon_core::progress::SCHEMA {
            self.notice = Some(format!(
                "{from} was saved by a newer version of Beacon (format {}); this version cannot take it in. Your progress was not changed.",
                imported.schema
            ));
            return;
        }
        let Some(saver) = &self.saver else {
            self.notice = Some(format!(
                "Progress was not imported: {}",
                self.not_saving
                    .clone()
                    .unwrap_or_else(|| "open a profile first".into())
            ));
            return;
        };
        let folder = saver.file().folder().to_owned();
        let backup = match self.keep_a_copy(&folder, "import", now) {
            Ok(backup) => backup,
            Err(e) => {
                self.notice = Some(format!(
                    "Progress was not imported, because a backup of your current progress could not be written: {e}"
                ));
                return;
            }
        };
        self.scheduler = Scheduler::new(imported.settings.desired_retention);
        review::migrate(&mut imported, &self.course, &self.scheduler);
        self.progress = imported;
        self.applied = None;
        self.page_shown = None;
        self.save();
        self.notice = Some(format!(
            "Your progress was imported from {from}. The progress it replaced was kept as {}.",
            self.storage.locate(&backup)
        ));
        self.screen = Screen::Home;
    }
}

impl BeaconApp {
    /// Writes the open progress beside the progress file as
    /// `progress-before-WHAT-YYYYMMDD-HHMMSS.json`, before a reset or an import replaces it;
    /// gives the copy's path.
    fn keep_a_copy(
        &self,
        folder: &str,
        what: &str,
        now: DateTime<Utc>,
    ) -> Result<String, beacon_core::storage::StorageError> {
        let backup = beacon_core::storage::join(&[
            folder,
            &format!(
                "progress-before-{what}-{}.json",
                now.format("%Y%m%d-%H%M%S")
            ),
        ]);
        let bytes = beacon_core::data::progress_file::encode(&self.progress);
        self.storage.write(&backup, &bytes, None)?;
        Ok(backup)
    }
}

/// Whether an action starts a new quiz (and so would replace an unfinished one).
fn starts_a_quiz(action: &Action) -> bool {
    matches!(
        action,
        Action::StartQuiz { .. }
            | Action::StartReview
            | Action::PractiseWeakSpots
            | Action::ReviewFacts(_)
            | Action::StartAssessment
    )
}

/// An error message as a sentence.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}
