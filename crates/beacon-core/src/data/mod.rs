//! What a data folder holds, kept through the [`crate::storage::Storage`] interface, so the same
//! rules hold on the desktop, in the browser and in tests:
//!
//! ```text
//! beacon.lock                 held while Beacon runs (desktop; a second copy does not write)
//! profiles.json (+ .bak)      the list of profiles, the last one used, the teacher PIN
//! profiles/ID/profile.json    one profile's own entry (name, UUID, PIN hash)
//! profiles/ID/progress.json   its progress in the shipped course (+ .bak, backups/ daily copies)
//! profiles/ID/courses/KEY/    its progress in an added course (same files)
//! courses/NAME                added courses: a course folder or a .gift file
//! deleted/ID-DATE/            a deleted profile, removed after 30 days
//! certificate.key             this installation's key for certificate codes
//! ```

pub mod courses;
pub mod profiles;
pub mod progress_file;

pub use profiles::{Profile, ProfileError, Profiles};
pub use progress_file::{Notice, ProgressFile};

use chrono::{DateTime, Utc};

use crate::storage::{Storage, StorageError};

/// The certificate key's file name.
pub const KEY_FILE: &str = "certificate.key";
/// The shortest key accepted, in bytes.
pub const KEY_BYTES: usize = 32;

/// A time as it appears in the names of kept files: `YYYYMMDD-HHMMSS`.
#[must_use]
pub fn stamp(now: DateTime<Utc>) -> String {
    now.format("%Y%m%d-%H%M%S").to_string()
}

/// Why the certificate key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The key file is there but too short (or empty): codes made with it could be forged, and
    /// replacing it would make earlier certificates fail to verify, so Beacon does neither.
    #[error(
        "{place} holds {len} bytes, not a key of at least {KEY_BYTES}. Beacon will not use or replace it: restore it from a backup of the data folder, or remove it to make a new key (codes on certificates made with the old key then no longer verify)"
    )]
    Short {
        /// Where the key is.
        place: String,
        /// Its length.
        len: usize,
    },
    /// There is no key, and none was to be made (verifying, not issuing).
    #[error("{place} does not exist: this installation has not issued certificates")]
    Missing {
        /// Where the key would be.
        place: String,
    },
    /// The storage refused.
    #[error("the certificate key could not be used: {0}")]
    Storage(#[from] StorageError),
}

/// This installation's certificate key: read, or with `create` made (32 random bytes, written
/// atomically and durably) when there is none. A short, empty or unreadable key is an error and
/// is never replaced.
///
/// # Errors
/// [`KeyError`] when the key is unusable, missing (and not to be made), or cannot be written.
pub fn certificate_key(storage: &dyn Storage, create: bool) -> Result<Vec<u8>, KeyError> {
    match storage.read(KEY_FILE)? {
        Some(key) if key.len() >= KEY_BYTES => Ok(key),
        Some(key) => Err(KeyError::Short {
            place: storage.locate(KEY_FILE),
            len: key.len(),
        }),
        None if create => {
            let key: [u8; KEY_BYTES] = rand::random();
            storage.write(KEY_FILE, &key, None)?;
            Ok(key.to_vec())
        }
        None => Err(KeyError::Missing {
            place: storage.locate(KEY_FILE),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStorage;

    #[test]
    fn the_key_is_made_once_and_kept() {
        let s = MemoryStorage::new();
        assert!(matches!(
            certificate_key(&s, false),
            Err(KeyError::Missing { .. })
        ));
        let a = certificate_key(&s, true).expect("key");
        let b = certificate_key(&s, false).expect("key");
        assert_eq!(a, b);
        assert_eq!(a.len(), KEY_BYTES);
    }

    #[test]
    fn a_short_or_empty_key_is_an_error_and_never_replaced() {
        for bad in [&b""[..], b"short"] {
            let s = MemoryStorage::new();
            s.put(KEY_FILE, bad);
            let e = certificate_key(&s, true).expect_err("refused");
            assert!(e.to_string().contains("will not use or replace it"), "{e}");
            assert_eq!(s.read(KEY_FILE).expect("r").as_deref(), Some(bad));
        }
    }
}
