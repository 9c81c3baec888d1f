//! Learner records and where they live on disk. No egui here.

mod answer_log;
pub mod assessment;
mod library;
mod memory;
mod model;
pub mod review;
mod saver;
mod store;

pub use answer_log::{decode_response, encode_response};
pub use library::{INDEX, KEEP_DELETED_DAYS, Library, Profile, ProfileError};
pub use memory::{FactMemory, MAXIMUM_INTERVAL, Rating, Scheduler, fast_seconds, retrievability};
pub use model::*;
pub use saver::Saver;
pub use store::{BACKUP, FILE, LOCK, Notice, Store, StoreError, write_atomic};

use std::path::PathBuf;

/// The data folder: `explicit` (from `--data-dir` or `BEACON_DATA_DIR`) or the user data folder
/// of the platform (e.g. `~/.local/share/beacon` on Linux).
#[must_use]
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            directories::ProjectDirs::from("org", "Beacon", "beacon")
                .map(|d| d.data_dir().to_path_buf())
        })
        .unwrap_or_else(|| PathBuf::from("beacon-data"))
}
