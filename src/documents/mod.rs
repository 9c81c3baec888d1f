//! Documents Beacon writes for people outside the app: certificates, printable quizzes and
//! exported results. No egui here.

pub mod certificate;
pub mod export;
pub mod pdf;
pub mod printable;

pub use pdf::{Paper, PdfError};
