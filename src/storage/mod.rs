//! The shells' side of the core's storage interface: the data folder on disk (desktop), the
//! page's storage (browser), the background saver, and reading course folders and files a
//! person points at.

pub mod browser;
#[cfg(not(target_arch = "wasm32"))]
pub mod files;
pub mod folder;
#[cfg(target_arch = "wasm32")]
pub mod indexed_db;
pub mod saver;

pub use browser::BrowserStorage;
#[cfg(not(target_arch = "wasm32"))]
pub use files::FileStorage;
pub use saver::Saver;

#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;

/// The data folder: `explicit` (from `--data-dir` or `BEACON_DATA_DIR`) or the user data folder
/// of the platform (e.g. `~/.local/share/beacon` on Linux).
#[cfg(not(target_arch = "wasm32"))]
#[must_use]
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            directories::ProjectDirs::from("org", "Beacon", "beacon")
                .map(|d| d.data_dir().to_path_buf())
        })
        .unwrap_or_else(|| PathBuf::from("beacon-data"))
}
