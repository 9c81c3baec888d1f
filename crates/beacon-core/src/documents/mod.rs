//! Documents Beacon writes for people outside the app: certificates and printable quizzes.

pub mod certificate;
pub mod pdf;
pub mod printable;

pub use pdf::{Paper, PdfError};
