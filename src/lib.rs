//! Beacon: a course and quiz on how the United Nations and its partners fight human
//! trafficking. This is the app crate: the eframe shell (`app`), the screens (`ui`), the command
//! line (`cli`), the desktop's storage (`storage`) and the shipped course (`shipped`), on top of
//! the window-free core crate, whose modules are re-exported here under their own names.

pub use beacon_core::{content, data, documents, formats, lesson, plural, progress, quiz, stats};

/// Beacon's one reverse-DNS id: the window's app id (Wayland app id, X11 WM_CLASS), the desktop
/// entry, the AppStream component, the Windows AppUserModelID and the macOS bundle id.
pub const APP_ID: &str = "org.beaconlearning.Beacon";

pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod scorm_export;
pub mod shipped;
pub mod storage;
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
