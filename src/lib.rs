//! Beacon: a desktop course and quiz on how the United Nations and its partners fight human
//! trafficking. The core (content, lessons, quizzes, progress) has no egui; `ui` and `app` sit on
//! top of it.

/// Beacon's one reverse-DNS id: the window's app id (Wayland app id, X11 WM_CLASS), the desktop
/// entry, the AppStream component, the Windows AppUserModelID and the macOS bundle id.
pub const APP_ID: &str = "org.beaconlearning.Beacon";

pub mod app;
pub mod cli;
pub mod content;
pub mod documents;
pub mod gift;
pub mod lesson;
pub mod moodle;
pub mod progress;
pub mod quiz;
pub mod ui;
