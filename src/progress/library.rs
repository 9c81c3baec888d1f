//! Several learners on one computer: the data folder holds a list of profiles, each with its own
//! progress folder, an optional PIN (a salted Argon2 hash: privacy between classmates, not
//! security), and deleted profiles kept for 30 days.
//!
//! ```text
//! DATA/beacon.lock            held while Beacon runs (a second copy cannot write)
//! DATA/profiles.json          the list of profiles and the last one used
//! DATA/profiles/ID/           one profile's progress.json and its backup
//! DATA/deleted/ID-DATE/       a deleted profile, removed after 30 days
//! ```

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::store::{BACKUP, FILE, StoreError, lock_folder};

/// The list of profiles' file name.
pub const INDEX: &str = "profiles.json";
/// Days a deleted profile is kept.
pub const KEEP_DELETED_DAYS: i64 = 30;

/// One learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Folder name under `profiles/`.
    pub id: String,
    /// Name shown in the picker.
    pub name: String,
    /// Argon2 hash of the 4-digit PIN, in PHC form, if one is set.
    #[serde(default)]
    pub pin: Option<String>,
    /// When it was created.
    pub created: DateTime<Utc>,
}

impl Profile {
    /// Whether opening this profile asks for a PIN.
    #[must_use]
    pub fn has_pin(&self) -> bool {
        self.pin.is_some()
    }
}

/// `profiles.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct Index {
    last: Option<String>,
    profiles: Vec<Profile>,
}

/// Why a profile change was refused.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The name is empty or already taken.
    #[error("a profile needs a name that no other profile has")]
    Name,
    /// A PIN must be 4 digits.
    #[error("a PIN is 4 digits")]
    Pin,
    /// No such profile.
    #[error("there is no such profile")]
    Unknown,
    /// The folder is read-only (a second running copy).
    #[error("Beacon is open elsewhere with this data folder, so profiles cannot change here")]
    ReadOnly,
    /// The disk refused.
    #[error("the profile could not be saved: {0}")]
    Io(#[from] std::io::Error),
}

/// The data folder with its profiles, locked while open.
#[derive(Debug)]
pub struct Library {
    root: PathBuf,
    index: Index,
    lock: Option<File>,
}

impl Library {
    /// Opens the data folder: takes the lock, reads the profiles (rebuilding the list from the
    /// profile folders if it is damaged), moves a single-learner `progress.json` from before
    /// profiles into a first profile, and removes deleted profiles older than 30 days.
    ///
    /// # Errors
    /// [`StoreError::InUse`] when another copy holds the lock; [`StoreError::Folder`] when the
    /// folder cannot be created.
    pub fn open(root: &Path, now: DateTime<Utc>) -> Result<Library, StoreError> {
        let lock = lock_folder(root)?;
        let mut library = Library {
            root: root.to_path_buf(),
            index: read_index(root),
            lock: Some(lock),
        };
        library.adopt_single_learner(now);
        library.purge_deleted(now);
        Ok(library)
    }

    /// The data folder without the lock: nothing can be changed (a second running copy).
    #[must_use]
    pub fn read_only(root: &Path) -> Library {
        Library {
            root: root.to_path_buf(),
            index: read_index(root),
            lock: None,
        }
    }

    /// Whether changes are refused.
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// The data folder.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The profiles, in the order they were created.
    #[must_use]
    pub fn profiles(&self) -> &[Profile] {
        &self.index.profiles
    }

    /// The profile with this id.
    #[must_use]
    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.index.profiles.iter().find(|p| p.id == id)
    }

    /// The profile used last, or the first one.
    #[must_use]
    pub fn last(&self) -> Option<&Profile> {
        self.index
            .last
            .as_deref()
            .and_then(|id| self.profile(id))
            .or_else(|| self.index.profiles.first())
    }

    /// The folder of a profile's progress.
    #[must_use]
    pub fn profile_dir(&self, id: &str) -> PathBuf {
        self.root.join("profiles").join(id)
    }

    /// Remembers the profile used last.
    ///
    /// # Errors
    /// When the list cannot be written.
    pub fn set_last(&mut self, id: &str) -> Result<(), ProfileError> {
        self.index.last = Some(id.to_owned());
        self.write()
    }

    /// Creates a profile with a unique, non-empty name.
    ///
    /// # Errors
    /// When the name is empty or taken, or the folder cannot be written.
    pub fn create(&mut self, name: &str, now: DateTime<Utc>) -> Result<Profile, ProfileError> {
        let name = self.check_name(name, None)?;
        // The first free folder name; there are never more profiles than this range.
        let free = (1..=u32::MAX).find(|n| {
            let id = format!("p{n}");
            !self.root.join("profiles").join(&id).exists() && self.profile(&id).is_none()
        });
        let id = format!("p{}", free.unwrap_or(u32::MAX));
        fs::create_dir_all(self.profile_dir(&id))?;
        let profile = Profile {
            id,
            name,
            pin: None,
            created: now,
        };
        self.index.profiles.push(profile.clone());
        self.write()?;
        Ok(profile)
    }

    /// Renames a profile.
    ///
    /// # Errors
    /// When the name is empty or taken, or the profile does not exist.
    pub fn rename(&mut self, id: &str, name: &str) -> Result<(), ProfileError> {
        let name = self.check_name(name, Some(id))?;
        self.index
            .profiles
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or(ProfileError::Unknown)?
            .name = name;
        self.write()
    }

    /// Deletes a profile: its folder moves to `deleted/ID-DATE/`, kept for 30 days.
    /// Returns where it was kept.
    ///
    /// # Errors
    /// When the profile does not exist or the folder cannot be moved.
    pub fn delete(&mut self, id: &str, now: DateTime<Utc>) -> Result<PathBuf, ProfileError> {
        self.writable()?;
        let at = self
            .index
            .profiles
            .iter()
            .position(|p| p.id == id)
            .ok_or(ProfileError::Unknown)?;
        let kept = self
            .root
            .join("deleted")
            .join(format!("{id}-{}", now.format("%Y%m%d-%H%M%S")));
        fs::create_dir_all(self.root.join("deleted"))?;
        let dir = self.profile_dir(id);
        if dir.exists() {
            fs::rename(&dir, &kept)?;
        } else {
            fs::create_dir_all(&kept)?;
        }
        let profile = self.index.profiles.remove(at);
        fs::write(
            kept.join("profile.json"),
            serde_json::to_vec_pretty(&profile).map_err(std::io::Error::other)?,
        )?;
        if self.index.last.as_deref() == Some(id) {
            self.index.last = None;
        }
        self.write()?;
        Ok(kept)
    }

    /// Sets (or with `None` removes) a profile's 4-digit PIN, stored as a salted Argon2 hash.
    ///
    /// # Errors
    /// When the PIN is not 4 digits or the profile does not exist.
    pub fn set_pin(&mut self, id: &str, pin: Option<&str>) -> Result<(), ProfileError> {
        let hash = match pin {
            Some(pin) => {
                if pin.len() != 4 || !pin.chars().all(|c| c.is_ascii_digit()) {
                    return Err(ProfileError::Pin);
                }
                let hash = Argon2::default()
                    .hash_password(pin.as_bytes())
                    .map_err(|e| ProfileError::Io(std::io::Error::other(e.to_string())))?;
                Some(hash.to_string())
            }
            None => None,
        };
        self.index
            .profiles
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or(ProfileError::Unknown)?
            .pin = hash;
        self.write()
    }

    /// Whether `pin` opens the profile (always true for a profile without a PIN).
    #[must_use]
    pub fn check_pin(&self, id: &str, pin: &str) -> bool {
        match self.profile(id).map(|p| p.pin.as_deref()) {
            Some(None) => true,
            Some(Some(hash)) => Argon2::default()
                .verify_password(pin.as_bytes(), hash)
                .is_ok(),
            None => false,
        }
    }

    fn check_name(&self, name: &str, except: Option<&str>) -> Result<String, ProfileError> {
        self.writable()?;
        let name = name.trim();
        let taken = self
            .index
            .profiles
            .iter()
            .any(|p| Some(p.id.as_str()) != except && p.name.eq_ignore_ascii_case(name));
        if name.is_empty() || taken {
            return Err(ProfileError::Name);
        }
        Ok(name.to_owned())
    }

    fn writable(&self) -> Result<(), ProfileError> {
        if self.is_read_only() {
            Err(ProfileError::ReadOnly)
        } else {
            Ok(())
        }
    }

    /// Writes `profiles.json` atomically.
    fn write(&self) -> Result<(), ProfileError> {
        self.writable()?;
        let bytes = serde_json::to_vec_pretty(&self.index).map_err(std::io::Error::other)?;
        let tmp = self.root.join(format!("{INDEX}.tmp"));
        fs::write(&tmp, bytes)?;
        File::open(&tmp)?.sync_all()?;
        fs::rename(&tmp, self.root.join(INDEX))?;
        Ok(())
    }

    /// Moves the progress of Beacon from before profiles into a first profile.
    fn adopt_single_learner(&mut self, now: DateTime<Utc>) {
        let old = self.root.join(FILE);
        if !old.exists() || !self.index.profiles.is_empty() {
            return;
        }
        let name = fs::read(&old)
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| v["learner"]["name"].as_str().map(str::to_owned))
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "Learner 1".to_owned());
        let Ok(profile) = self.create(&name, now) else {
            return;
        };
        let dir = self.profile_dir(&profile.id);
        for file in [FILE, BACKUP] {
            let from = self.root.join(file);
            if from.exists() {
                let _ = fs::rename(&from, dir.join(file));
            }
        }
        let _ = self.set_last(&profile.id);
    }

    /// Removes deleted profiles kept for more than 30 days.
    fn purge_deleted(&self, now: DateTime<Utc>) {
        let Ok(entries) = fs::read_dir(self.root.join("deleted")) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stamp = name.rsplitn(3, '-').take(2).collect::<Vec<_>>();
            let [time, date] = stamp.as_slice() else {
                continue;
            };
            let Ok(at) =
                chrono::NaiveDateTime::parse_from_str(&format!("{date}{time}"), "%Y%m%d%H%M%S")
            else {
                continue;
            };
            if now.naive_utc() - at > Duration::days(KEEP_DELETED_DAYS) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Reads `profiles.json`; if it is missing or damaged, the profile folders are listed instead,
/// so no learner's progress is ever hidden.
fn read_index(root: &Path) -> Index {
    if let Some(index) = fs::read(root.join(INDEX))
        .ok()
        .and_then(|b| serde_json::from_slice::<Index>(&b).ok())
    {
        return index;
    }
    let mut profiles: Vec<Profile> = fs::read_dir(root.join("profiles"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| {
            let id = e.file_name().to_string_lossy().into_owned();
            Profile {
                name: id.clone(),
                id,
                pin: None,
                created: DateTime::<Utc>::UNIX_EPOCH,
            }
        })
        .collect();
    profiles.sort_by(|a, b| a.id.cmp(&b.id));
    Index {
        last: None,
        profiles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-28T10:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .expect("time")
    }

    #[test]
    fn profiles_are_created_renamed_and_remembered() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut lib = Library::open(dir.path(), now()).expect("open");
        assert!(lib.profiles().is_empty());
        let a = lib.create("Ada", now()).expect("create");
        let b = lib.create("Grace", now()).expect("create");
        assert!(
            matches!(lib.create("ada", now()), Err(ProfileError::Name)),
            "names are unique"
        );
        assert!(matches!(lib.create("  ", now()), Err(ProfileError::Name)));
        lib.rename(&b.id, "Grace H.").expect("rename");
        lib.set_last(&b.id).expect("last");
        drop(lib);
        let lib = Library::open(dir.path(), now()).expect("reopen");
        let names: Vec<&str> = lib.profiles().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ada", "Grace H."]);
        assert_eq!(lib.last().map(|p| p.id.as_str()), Some(b.id.as_str()));
        assert_ne!(a.id, b.id);
        assert!(lib.profile_dir(&a.id).is_dir());
    }

    #[test]
    fn a_pin_is_stored_hashed_and_checked() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut lib = Library::open(dir.path(), now()).expect("open");
        let p = lib.create("Ada", now()).expect("create");
        assert!(lib.check_pin(&p.id, ""), "no PIN, no question");
        assert!(matches!(
            lib.set_pin(&p.id, Some("12a4")),
            Err(ProfileError::Pin)
        ));
        lib.set_pin(&p.id, Some("4821")).expect("pin");
        let stored = std::fs::read_to_string(dir.path().join(INDEX)).expect("index");
        assert!(!stored.contains("4821"), "the PIN itself is never written");
        assert!(stored.contains("$argon2id$"));
        assert!(lib.check_pin(&p.id, "4821"));
        assert!(!lib.check_pin(&p.id, "4822"));
        lib.set_pin(&p.id, None).expect("remove");
        assert!(lib.check_pin(&p.id, "0000"));
    }

    #[test]
    fn a_deleted_profile_is_kept_for_30_days() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut lib = Library::open(dir.path(), now()).expect("open");
        let p = lib.create("Ada", now()).expect("create");
        std::fs::write(lib.profile_dir(&p.id).join(FILE), b"{}").expect("progress");
        let kept = lib.delete(&p.id, now()).expect("delete");
        assert!(lib.profiles().is_empty());
        assert!(kept.join(FILE).exists(), "the progress is kept");
        drop(lib);
        drop(Library::open(dir.path(), now() + Duration::days(29)).expect("open"));
        assert!(kept.exists(), "still there after 29 days");
        drop(Library::open(dir.path(), now() + Duration::days(31)).expect("open"));
        assert!(!kept.exists(), "gone after 30 days");
    }

    #[test]
    fn progress_from_before_profiles_becomes_the_first_profile() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(
            dir.path().join(FILE),
            br#"{"schema":1,"learner":{"name":"Ada","welcomed":true}}"#,
        )
        .expect("old");
        let lib = Library::open(dir.path(), now()).expect("open");
        let [p] = lib.profiles() else {
            panic!("one profile")
        };
        assert_eq!(p.name, "Ada");
        assert!(lib.profile_dir(&p.id).join(FILE).exists());
        assert!(!dir.path().join(FILE).exists());
    }

    #[test]
    fn a_damaged_list_is_rebuilt_from_the_folders_and_a_second_copy_is_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut lib = Library::open(dir.path(), now()).expect("open");
        lib.create("Ada", now()).expect("create");
        assert!(matches!(
            Library::open(dir.path(), now()),
            Err(StoreError::InUse(_))
        ));
        let mut second = Library::read_only(dir.path());
        assert!(matches!(
            second.create("Eve", now()),
            Err(ProfileError::ReadOnly)
        ));
        drop(lib);
        std::fs::write(dir.path().join(INDEX), b"{ damaged").expect("damage");
        let lib = Library::open(dir.path(), now()).expect("open");
        assert_eq!(lib.profiles().len(), 1, "the profile folder is found again");
    }
}
