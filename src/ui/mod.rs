//! The egui front end: one file per screen, a theme, and shared widgets. Screens draw and return
//! [`Action`]s; the app shell applies them in one place.

pub mod about;
pub mod assessment;
pub mod class_report;
pub mod classroom;
pub mod history;
pub mod home;
pub mod lesson;
pub mod presenter;
pub mod profiles;
pub mod question;
pub mod quiz;
pub mod results;
pub mod settings;
pub mod statistics;
pub mod theme;
pub mod timeline;
pub mod unfinished;
pub mod welcome;
pub mod widgets;

use crate::progress::ThemeChoice;
use crate::quiz::{QuizSpec, Response};

/// The screen showing, with its own runtime state.
#[derive(Debug)]
pub enum Screen {
    /// First run: content note and name.
    Welcome(welcome::WelcomeState),
    /// Who is learning: pick, open and manage profiles.
    Profiles(Box<profiles::ProfilesState>),
    /// The course map.
    Home,
    /// Reading a lesson.
    Lesson(Box<lesson::LessonState>),
    /// Taking a quiz.
    Quiz(Box<quiz::QuizState>),
    /// The result of a quiz.
    Results(Box<results::ResultsState>),
    /// Past attempts.
    History,
    /// Statistics: scores, activity, reviews due, mastery.
    Statistics,
    /// Settings.
    Settings(settings::SettingsState),
    /// About the course and where to get help.
    About,
    /// Classroom tools: present, print, export.
    Classroom(Box<classroom::ClassroomState>),
    /// Presenting a quiz on a projector.
    Presenter(Box<presenter::PresenterState>),
    /// What the final assessment is, before it starts.
    AssessmentIntro,
    /// Item statistics from pooled results files.
    ClassReport(Box<class_report::ClassReportState>),
}

impl Screen {
    /// The name shown in the window and used by tests.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Screen::Welcome(_) => "Welcome",
            Screen::Profiles(_) => "Profiles",
            Screen::Home => "Home",
            Screen::Lesson(_) => "Lesson",
            Screen::Quiz(_) => "Quiz",
            Screen::Results(_) => "Results",
            Screen::History => "History",
            Screen::Statistics => "Statistics",
            Screen::Settings(_) => "Settings",
            Screen::About => "About and help",
            Screen::Classroom(_) => "Classroom",
            Screen::Presenter(_) => "Presenter",
            Screen::AssessmentIntro => "Final assessment",
            Screen::ClassReport(_) => "Class report",
        }
    }
}

/// Screens reachable from the top bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The course map.
    Home,
    /// Past attempts.
    History,
    /// Statistics.
    Statistics,
    /// Profiles.
    Profiles,
    /// Classroom tools.
    Classroom,
    /// Settings.
    Settings,
    /// About and help.
    About,
}

/// A document Beacon can write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// A printable quiz.
    Quiz {
        /// Modules, count, quiz number and swapped-out questions.
        choice: crate::progress::ClassroomChoice,
        /// HTML rather than PDF.
        html: bool,
        /// Paper of a PDF.
        paper: crate::documents::Paper,
    },
    /// Exported results.
    Results {
        /// xAPI rather than CSV.
        xapi: bool,
        /// Every profile rather than the open one.
        all: bool,
        /// The teacher PIN typed, which every profile's results need when one is set.
        teacher_pin: String,
    },
    /// The certificate of a passed final assessment.
    Certificate {
        /// The attempt.
        attempt: u64,
        /// Paper size.
        paper: crate::documents::Paper,
        /// The name to print; `None` asks for it first.
        name: Option<String>,
    },
    /// The open profile's progress file, to move it to another computer or browser.
    Progress,
    /// A SCORM package of the open course, for an organisation's LMS.
    Scorm {
        /// SCORM 1.2 or 2004.
        version: crate::formats::scorm::Version,
    },
}

/// Where a document goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveTarget {
    /// A file chosen in the system's save dialog.
    Dialog,
    /// The `exports` folder inside the data folder.
    DataFolder,
}

/// Files dropped on the window, read by the shell.
#[derive(Debug, Clone)]
pub struct DroppedFiles(pub Vec<egui::DroppedFileHandle>);

impl PartialEq for DroppedFiles {
    fn eq(&self, other: &Self) -> bool {
        let paths = |f: &Self| {
            f.0.iter()
                .map(|h| h.path().to_path_buf())
                .collect::<Vec<_>>()
        };
        paths(self) == paths(other)
    }
}

/// What the learner asked for; applied by the app shell.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Go to a top-level screen (a running quiz asks first).
    Go(Nav),
    /// Open a profile, with its PIN if it has one.
    OpenProfile {
        /// Profile id.
        id: String,
        /// The PIN typed (empty when none).
        pin: String,
    },
    /// Create a profile and open it.
    CreateProfile {
        /// Its name.
        name: String,
    },
    /// Rename a profile.
    RenameProfile {
        /// Profile id.
        id: String,
        /// The new name.
        name: String,
        /// The profile's PIN or the teacher PIN, when the profile has a PIN.
        pin: String,
    },
    /// Delete a profile (confirmed); it is kept for 30 days.
    DeleteProfile {
        /// Profile id.
        id: String,
        /// The profile's PIN or the teacher PIN, when the profile has a PIN.
        pin: String,
    },
    /// Set, change or remove a profile's PIN.
    SetPin {
        /// Profile id.
        id: String,
        /// The new PIN (typed twice alike), or `None` to remove it.
        pin: Option<String>,
        /// The current PIN or the teacher PIN, when the profile has a PIN.
        current: String,
    },
    /// Set, change or remove the teacher PIN, which opens and changes every profile.
    SetTeacherPin {
        /// The new PIN (typed twice alike), or `None` to remove it.
        pin: Option<String>,
        /// The current teacher PIN, when one is set.
        current: String,
    },
    /// Finish the first-run screen.
    Welcome {
        /// Name for certificates, may be empty.
        name: String,
    },
    /// Open a module's lesson at a page, or where the learner left it.
    OpenLesson {
        /// Module id.
        module: String,
        /// Page to open; `None` resumes.
        page: Option<usize>,
    },
    /// The lesson reader turned to a page.
    LessonPage {
        /// Module id.
        module: String,
        /// The new page.
        page: usize,
        /// Whether it is the last page.
        last: bool,
    },
    /// A "check yourself" question was answered in a lesson.
    CheckAnswered {
        /// Question id.
        question: String,
        /// Module id.
        module: String,
        /// What was answered; the shell grades it.
        response: Response,
        /// Seconds taken.
        seconds: f64,
    },
    /// Start a new quiz.
    StartQuiz {
        /// What to draw.
        spec: QuizSpec,
        /// Title shown.
        title: String,
        /// The module, when on one.
        module: Option<String>,
    },
    /// Resume the unfinished quiz.
    ResumeQuiz,
    /// Discard the unfinished quiz and start the quiz that asked to replace it.
    DiscardUnfinished,
    /// Keep the unfinished quiz and start nothing.
    KeepUnfinished,
    /// Show a finished attempt again, from History.
    OpenAttempt(u64),
    /// Show what the final assessment is, before starting it.
    OpenAssessment,
    /// Start the final assessment (after its instructions), or resume the open one.
    StartAssessment,
    /// The name for a waiting certificate was given.
    CertificateNamed,
    /// The waiting certificate is not wanted after all.
    CancelCertificate,
    /// Open another course on this computer.
    OpenCourse {
        /// Its key.
        key: String,
    },
    /// Add a course through the system's dialog: a folder, or a GIFT file.
    AddCourse {
        /// A folder rather than a file.
        folder: bool,
    },
    /// Start presenting a quiz on a projector.
    StartPresenting(crate::progress::ClassroomChoice),
    /// The classroom choices changed: keep them for this profile.
    ClassroomChosen(crate::progress::ClassroomChoice),
    /// Leave presenter mode.
    StopPresenting,
    /// Write a document.
    Save {
        /// What.
        document: Document,
        /// Where.
        target: SaveTarget,
    },
    /// Start a review of the facts that are due (and today's new ones).
    StartReview,
    /// Start a practice of the facts with the lowest recall probability.
    PractiseWeakSpots,
    /// Start a review of these facts.
    ReviewFacts(Vec<String>),
    /// The current quiz question was checked (the quiz screen has recorded it).
    QuizAnswered {
        /// What was answered; the shell grades it.
        response: Response,
        /// Seconds taken.
        seconds: f64,
    },
    /// The quiz moved on (next or skip); save where it is.
    QuizMoved,
    /// The quiz reached its end.
    QuizFinished,
    /// Leave the quiz (confirmed); it can be resumed.
    LeaveQuiz,
    /// Reopen the exact lesson page or unfinished quiz.
    Continue,
    /// Change the theme.
    SetTheme(ThemeChoice),
    /// Change the text size (percent).
    SetTextSize(u16),
    /// Change the learner's name.
    SetName(String),
    /// Change how many new facts a day's reviews may bring in.
    SetNewPerDay(u16),
    /// Change the recall probability reviews aim at (0.70 to 0.97).
    SetRetention(f64),
    /// Show or hide the streak.
    SetShowStreak(bool),
    /// Open the data folder in the file manager.
    OpenDataFolder,
    /// Reset progress (confirmed); a backup is kept.
    ResetProgress,
    /// Choose a progress file exported from Beacon and put it in place of the open profile's
    /// progress (a backup is kept).
    ImportProgress,
    /// Hide the content problems banner.
    DismissProblems,
    /// Hide the progress notice banner.
    DismissNotice,
    /// Hide the "saving failed" banner until the next failed save.
    DismissSaveError,
    /// Open the class report (item statistics from results files).
    OpenClassReport,
    /// Pick results files for the class report in the system's dialog.
    OpenResultFiles,
    /// Add files dropped on the window to the class report.
    AddResultFiles(DroppedFiles),
}
