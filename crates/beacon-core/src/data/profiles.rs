//! Several learners on one computer: the data folder holds the list of profiles, each with its
//! own progress folder, a random UUID that identifies the learner in exported results, an
//! optional PIN (a salted Argon2 hash: privacy between classmates, not security), and deleted
//! profiles kept for 30 days. An optional teacher PIN opens and changes every profile.
//!
//! The list is kept as carefully as progress: written atomically with a `.bak`, with a schema
//! version, damage moved aside and recovered from the `.bak`, and each profile's own entry
//! mirrored in its folder (`profile.json`), so that names and PINs survive even when both
//! copies of the list are lost.

use std::sync::Arc;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::progress_file::{BACKUP, FILE, move_aside};
use super::stamp;
use crate::storage::{Storage, StorageError, join};

/// The list of profiles' file name.
pub const INDEX: &str = "profiles.json";
/// The list's previous version.
pub const INDEX_BACKUP: &str = "profiles.json.bak";
/// A profile's own entry, kept in its folder.
pub const MIRROR: &str = "profile.json";
/// The folder of profiles.
pub const FOLDER: &str = "profiles";
/// The folder of deleted profiles.
pub const DELETED: &str = "deleted";
/// Days a deleted profile is kept.
pub const KEEP_DELETED_DAYS: i64 = 30;
/// The schema version of the list this build writes. Version 2 added UUIDs, the teacher PIN and
/// the version number itself.
pub const INDEX_SCHEMA: u32 = 2;

/// One learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Folder name under `profiles/`: `p` and a number, or a UUID.
    pub id: String,
    /// A random identifier made when the profile was created (or first opened by a version
    /// that has them); it names the learner in exported results, so two computers never merge
    /// two learners.
    #[serde(default)]
    pub uuid: Uuid,
    /// Name shown in the picker.
    pub name: String,
    /// Argon2 hash of the 4-digit PIN, in PHC form, if one is set.
    #[serde(default)]
    pub pin: Option<String>,
    /// When it was created.
    pub created: DateTime<Utc>,
}

impl Profile {
    /// The identifier of the learner in exported results: the profile's UUID, or for a profile
    /// from an earlier version that no version with UUIDs has opened for writing yet (an export
    /// that only reads the data folder), a UUID derived from its id, name and creation time,
    /// the same at every export.
    #[must_use]
    pub fn account(&self) -> Uuid {
        if self.uuid.is_nil() {
            let key = format!(
                "{}\u{1f}{}\u{1f}{}",
                self.id,
                self.name,
                self.created.to_rfc3339()
            );
            Uuid::new_v5(&Uuid::NAMESPACE_OID, key.as_bytes())
        } else {
            self.uuid
        }
    }

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
    schema: u32,
    last: Option<String>,
    profiles: Vec<Profile>,
    /// Argon2 hash of the teacher PIN, if one is set.
    teacher_pin: Option<String>,
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
    /// The PIN given does not open this profile.
    #[error("that PIN is not right: type the profile's PIN or the teacher PIN")]
    WrongPin,
    /// No such profile.
    #[error("there is no such profile")]
    Unknown,
    /// The storage refused.
    #[error("the profile could not be saved: {0}")]
    Storage(#[from] StorageError),
}

/// Whether a profile id read from a file is one Beacon makes: `p` and digits, or a UUID. No
/// other id is ever used as a folder name.
#[must_use]
pub fn is_valid_id(id: &str) -> bool {
    let numbered = id
        .strip_prefix('p')
        .is_some_and(|n| !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()));
    numbered || (id.len() == 36 && Uuid::parse_str(id).is_ok())
}

/// A new random UUID (version 4) from the crate's random source.
fn new_uuid() -> Uuid {
    uuid::Builder::from_random_bytes(rand::random()).into_uuid()
}

/// The profiles of a data folder.
#[derive(Debug)]
pub struct Profiles {
    storage: Arc<dyn Storage>,
    index: Index,
}

/// Profiles opened, and what the learner should be told about them.
pub type OpenedProfiles = (Profiles, Vec<String>);

impl Profiles {
    /// Opens the profiles: reads the list (recovering it from its `.bak`, else from each
    /// profile's own entry, and saying so), gives every profile a UUID, moves a single-learner
    /// `progress.json` from before profiles into a first profile, and removes deleted profiles
    /// older than 30 days. On a read-only storage nothing is changed.
    #[must_use]
    pub fn open(storage: Arc<dyn Storage>, now: DateTime<Utc>) -> OpenedProfiles {
        let mut notices = Vec::new();
        let index = read_index(&*storage, now, &mut notices);
        let mut profiles = Profiles { storage, index };
        profiles.keep_valid_ids(&mut notices);
        profiles.adopt_orphans(&mut notices);
        if profiles.is_read_only() {
            return (profiles, notices);
        }
        profiles.upgrade(&mut notices);
        profiles.adopt_single_learner(now);
        profiles.purge_deleted(now);
        (profiles, notices)
    }

    /// Why changes are refused, if they are.
    #[must_use]
    pub fn read_only_reason(&self) -> Option<String> {
        self.storage.read_only_reason()
    }

    /// Whether changes are refused.
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        self.read_only_reason().is_some()
    }

    /// The storage the profiles live in.
    #[must_use]
    pub fn storage(&self) -> &Arc<dyn Storage> {
        &self.storage
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

    /// The folder of a profile's progress, within the storage.
    #[must_use]
    pub fn folder(id: &str) -> String {
        join(&[FOLDER, id])
    }

    /// Remembers the profile used last.
    ///
    /// # Errors
    /// When the list cannot be written.
    pub fn set_last(&mut self, id: &str) -> Result<(), ProfileError> {
        if self.index.last.as_deref() == Some(id) {
            return Ok(());
        }
        self.index.last = Some(id.to_owned());
        self.write()
    }

    /// Creates a profile with a unique, non-empty name and a new UUID.
    ///
    /// # Errors
    /// When the name is empty or taken, or the storage refuses.
    pub fn create(&mut self, name: &str, now: DateTime<Utc>) -> Result<Profile, ProfileError> {
        let name = self.check_name(name, None)?;
        // The first free folder name; there are never more profiles than this range.
        let free = (1..=999_999_999u32).find(|n| {
            let id = format!("p{n}");
            self.profile(&id).is_none() && !self.storage.exists(&Self::folder(&id))
        });
        let id = format!("p{}", free.unwrap_or(999_999_999));
        let profile = Profile {
            id,
            uuid: new_uuid(),
            name,
            pin: None,
            created: now,
        };
        self.write_mirror(&profile)?;
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
        self.change(id, |p| p.name = name)
    }

    /// Deletes a profile: its folder moves to `deleted/ID-DATE/`, kept for 30 days. Returns
    /// where it was kept.
    ///
    /// # Errors
    /// When the profile does not exist or the folder cannot be moved.
    pub fn delete(&mut self, id: &str, now: DateTime<Utc>) -> Result<String, ProfileError> {
        self.writable()?;
        let at = self
            .index
            .profiles
            .iter()
            .position(|p| p.id == id)
            .ok_or(ProfileError::Unknown)?;
        let kept = join(&[DELETED, &format!("{id}-{}", stamp(now))]);
        let folder = Self::folder(id);
        if self.storage.exists(&folder) {
            self.storage.rename(&folder, &kept)?;
        }
        let profile = self.index.profiles.remove(at);
        self.storage.write(
            &join(&[&kept, MIRROR]),
            &serde_json::to_vec_pretty(&profile).unwrap_or_default(),
            None,
        )?;
        if self.index.last.as_deref() == Some(id) {
            self.index.last = None;
        }
        self.write()?;
        Ok(self.storage.locate(&kept))
    }

    /// Sets (or with `None` removes) a profile's 4-digit PIN, stored as a salted Argon2 hash.
    ///
    /// # Errors
    /// When the PIN is not 4 digits or the profile does not exist.
    pub fn set_pin(&mut self, id: &str, pin: Option<&str>) -> Result<(), ProfileError> {
        let hash = pin.map(hash_pin).transpose()?;
        self.change(id, |p| p.pin = hash)
    }

    /// Whether `pin` opens the profile: always for a profile without a PIN, else its own PIN
    /// or the teacher PIN.
    #[must_use]
    pub fn check_pin(&self, id: &str, pin: &str) -> bool {
        match self.profile(id).map(|p| p.pin.as_deref()) {
            Some(None) => true,
            Some(Some(hash)) => verify(hash, pin) || self.check_teacher_pin(pin),
            None => false,
        }
    }

    /// Whether `pin` allows changing the profile: always for a profile without a PIN, else
    /// its own PIN or the teacher PIN (as for opening it).
    ///
    /// # Errors
    /// [`ProfileError::WrongPin`] when the profile has a PIN and `pin` opens it not;
    /// [`ProfileError::Unknown`] when there is no such profile.
    pub fn authorise(&self, id: &str, pin: &str) -> Result<(), ProfileError> {
        if self.profile(id).is_none() {
            return Err(ProfileError::Unknown);
        }
        if self.check_pin(id, pin) {
            Ok(())
        } else {
            Err(ProfileError::WrongPin)
        }
    }

    /// Whether a teacher PIN is set.
    #[must_use]
    pub fn has_teacher_pin(&self) -> bool {
        self.index.teacher_pin.is_some()
    }

    /// Whether `pin` is the teacher PIN (false when none is set).
    #[must_use]
    pub fn check_teacher_pin(&self, pin: &str) -> bool {
        self.index
            .teacher_pin
            .as_deref()
            .is_some_and(|hash| verify(hash, pin))
    }

    /// Sets (or with `None` removes) the teacher PIN, which opens and changes every profile.
    ///
    /// # Errors
    /// When the PIN is not 4 digits or the list cannot be written.
    pub fn set_teacher_pin(&mut self, pin: Option<&str>) -> Result<(), ProfileError> {
        self.writable()?;
        self.index.teacher_pin = pin.map(hash_pin).transpose()?;
        self.write()
    }

    /// Changes one profile, in the list and in its own entry.
    fn change(&mut self, id: &str, f: impl FnOnce(&mut Profile)) -> Result<(), ProfileError> {
        self.writable()?;
        let profile = self
            .index
            .profiles
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or(ProfileError::Unknown)?;
        f(profile);
        let profile = profile.clone();
        self.write_mirror(&profile)?;
        self.write()
    }

    fn check_name(&self, name: &str, except: Option<&str>) -> Result<String, ProfileError> {
        self.writable()?;
        let name = name.trim();
        let taken =
            self.index.profiles.iter().any(|p| {
                Some(p.id.as_str()) != except && p.name.to_lowercase() == name.to_lowercase()
            });
        if name.is_empty() || taken {
            return Err(ProfileError::Name);
        }
        Ok(name.to_owned())
    }

    fn writable(&self) -> Result<(), ProfileError> {
        match self.storage.read_only_reason() {
            Some(reason) => Err(ProfileError::Storage(StorageError::ReadOnly {
                place: self.storage.locate(INDEX),
                reason,
            })),
            None => Ok(()),
        }
    }

    /// Writes `profiles.json` atomically, keeping the previous version as `.bak`.
    fn write(&self) -> Result<(), ProfileError> {
        self.writable()?;
        let mut index = self.index.clone();
        index.schema = INDEX_SCHEMA;
        let bytes = serde_json::to_vec_pretty(&index).unwrap_or_default();
        self.storage.write(INDEX, &bytes, Some(INDEX_BACKUP))?;
        Ok(())
    }

    /// Writes a profile's own entry into its folder.
    fn write_mirror(&self, profile: &Profile) -> Result<(), ProfileError> {
        let bytes = serde_json::to_vec_pretty(profile).unwrap_or_default();
        self.storage
            .write(&join(&[&Self::folder(&profile.id), MIRROR]), &bytes, None)?;
        Ok(())
    }

    /// Leaves out entries whose id is not one Beacon makes, so that a hand-edited list can never
    /// move or delete a folder outside the data folder.
    fn keep_valid_ids(&mut self, notices: &mut Vec<String>) {
        self.index.profiles.retain(|p| {
            let ok = is_valid_id(&p.id);
            if !ok {
                notices.push(format!(
                    "The list of profiles names a profile \"{}\" with the id {:?}, which is not an id Beacon makes; it was left out.",
                    p.name, p.id
                ));
            }
            ok
        });
        if self.index.last.as_deref().is_some_and(|l| !is_valid_id(l)) {
            self.index.last = None;
        }
    }

    /// Adds back profiles whose folders exist but which the list does not name (a list recovered
    /// from its backup, or a crash while a profile was being made).
    fn adopt_orphans(&mut self, notices: &mut Vec<String>) {
        let found: Vec<Profile> = rebuild(&*self.storage)
            .profiles
            .into_iter()
            .filter(|p| self.profile(&p.id).is_none())
            .collect();
        if found.is_empty() {
            return;
        }
        notices.push(format!(
            "Beacon found {} in the profiles folder but not in the list of profiles, and added them back.",
            found.iter().map(|p| format!("\"{}\"", p.name)).collect::<Vec<_>>().join(", ")
        ));
        self.index.profiles.extend(found);
        let _ = self.write();
    }

    /// Gives every profile a UUID and its own entry, and writes the list in this version's
    /// form (profiles made by an earlier version have neither).
    fn upgrade(&mut self, notices: &mut Vec<String>) {
        let mut changed = self.index.schema != INDEX_SCHEMA && !self.index.profiles.is_empty();
        for p in &mut self.index.profiles {
            if p.uuid.is_nil() {
                p.uuid = new_uuid();
                changed = true;
            }
        }
        for p in &self.index.profiles {
            let mirror = join(&[&Self::folder(&p.id), MIRROR]);
            let current = self
                .storage
                .read(&mirror)
                .ok()
                .flatten()
                .and_then(|b| serde_json::from_slice::<Profile>(&b).ok());
            if current.as_ref() != Some(p) && self.write_mirror(p).is_err() {
                notices.push(format!(
                    "The entry of profile \"{}\" could not be written into its folder.",
                    p.name
                ));
            }
        }
        if changed && let Err(e) = self.write() {
            notices.push(format!("The list of profiles could not be updated: {e}"));
        }
    }

    /// Moves the progress of Beacon from before profiles into a first profile.
    fn adopt_single_learner(&mut self, now: DateTime<Utc>) {
        if !self.index.profiles.is_empty() {
            return;
        }
        let Ok(Some(old)) = self.storage.read(FILE) else {
            return;
        };
        let name = learner_name(&old).unwrap_or_else(|| "Learner 1".to_owned());
        let Ok(profile) = self.create(&name, now) else {
            return;
        };
        let folder = Self::folder(&profile.id);
        for file in [FILE, BACKUP] {
            if self.storage.exists(file) {
                let _ = self.storage.rename(file, &join(&[&folder, file]));
            }
        }
        let _ = self.set_last(&profile.id);
    }

    /// Removes deleted profiles kept for more than 30 days.
    fn purge_deleted(&self, now: DateTime<Utc>) {
        let Ok(entries) = self.storage.list(DELETED) else {
            return;
        };
        for entry in entries.into_iter().filter(|e| e.is_folder) {
            let stamp = entry.name.rsplitn(3, '-').take(2).collect::<Vec<_>>();
            let [time, date] = stamp.as_slice() else {
                continue;
            };
            let Ok(at) =
                chrono::NaiveDateTime::parse_from_str(&format!("{date}{time}"), "%Y%m%d%H%M%S")
            else {
                continue;
            };
            if now.naive_utc() - at > Duration::days(KEEP_DELETED_DAYS) {
                let _ = self.storage.remove(&join(&[DELETED, &entry.name]));
            }
        }
    }
}

/// The learner's name in a progress file, if it has one.
fn learner_name(progress: &[u8]) -> Option<String> {
    serde_json::from_slice::<serde_json::Value>(progress)
        .ok()
        .and_then(|v| v["learner"]["name"].as_str().map(str::to_owned))
        .filter(|n| !n.trim().is_empty())
}

/// Hashes a 4-digit PIN with Argon2 and a random salt.
fn hash_pin(pin: &str) -> Result<String, ProfileError> {
    if pin.len() != 4 || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(ProfileError::Pin);
    }
    Argon2::default()
        .hash_password(pin.as_bytes())
        .map(|h| h.to_string())
        .map_err(|_| ProfileError::Pin)
}

/// Whether `pin` matches an Argon2 hash.
fn verify(hash: &str, pin: &str) -> bool {
    Argon2::default()
        .verify_password(pin.as_bytes(), hash)
        .is_ok()
}

/// Parses the list: a JSON object with a `profiles` array (lists from before version 2 have no
/// schema number and are read as version 1).
fn parse_index(bytes: &[u8]) -> Option<Index> {
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    if !value
        .get("profiles")
        .is_some_and(serde_json::Value::is_array)
    {
        return None;
    }
    let mut index: Index = serde_json::from_value(value).ok()?;
    if index.schema == 0 {
        index.schema = 1;
    }
    Some(index)
}

/// Reads the list, recovering from damage and saying so; never silently.
fn read_index(storage: &dyn Storage, now: DateTime<Utc>, notices: &mut Vec<String>) -> Index {
    match storage.read(INDEX) {
        Ok(Some(bytes)) => {
            if let Some(index) = parse_index(&bytes) {
                return index;
            }
            let kept = if storage.read_only_reason().is_some() {
                storage.locate(INDEX)
            } else {
                move_aside(storage, INDEX, now)
            };
            if let Ok(Some(bak)) = storage.read(INDEX_BACKUP)
                && let Some(index) = parse_index(&bak)
            {
                notices.push(format!(
                    "The list of profiles could not be read, so Beacon used the copy from before the last change. The damaged list was kept as {kept}."
                ));
                return index;
            }
            let index = rebuild(storage);
            notices.push(format!(
                "The list of profiles and its backup could not be read. Beacon found {} profile(s) from their folders. The damaged list was kept as {kept}.{}",
                index.profiles.len(),
                lost_entries(storage, &index)
            ));
            index
        }
        Ok(None) => {
            let index = rebuild(storage);
            if !index.profiles.is_empty() {
                notices.push(format!(
                    "The list of profiles was missing. Beacon found {} profile(s) from their folders.{}",
                    index.profiles.len(),
                    lost_entries(storage, &index)
                ));
            }
            index
        }
        Err(e) => {
            notices.push(format!(
                "{e}. Beacon shows the profiles it can find and will not change anything until the list can be read."
            ));
            let mut index = storage
                .read(INDEX_BACKUP)
                .ok()
                .flatten()
                .and_then(|b| parse_index(&b))
                .unwrap_or_else(|| rebuild(storage));
            index.schema = INDEX_SCHEMA;
            index
        }
    }
}

/// Names the profiles rebuilt without their own entry (their name and PIN were not known).
fn lost_entries(storage: &dyn Storage, index: &Index) -> String {
    let lost: Vec<&str> = index
        .profiles
        .iter()
        .filter(|p| !storage.exists(&join(&[&Profiles::folder(&p.id), MIRROR])))
        .map(|p| p.name.as_str())
        .collect();
    if lost.is_empty() {
        " Their names and PINs were kept in their folders.".to_owned()
    } else {
        format!(
            " For {} the name and PIN were not known: the name comes from the progress file, and no PIN is set. Check them on the profiles screen.",
            lost.join(", ")
        )
    }
}

/// The list rebuilt from the profile folders: each folder's own entry, or for a folder without
/// one the learner's name from its progress.
fn rebuild(storage: &dyn Storage) -> Index {
    let mut profiles: Vec<Profile> = storage
        .list(FOLDER)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.is_folder && is_valid_id(&e.name))
        .map(|e| {
            let folder = Profiles::folder(&e.name);
            let mirror = storage
                .read(&join(&[&folder, MIRROR]))
                .ok()
                .flatten()
                .and_then(|b| serde_json::from_slice::<Profile>(&b).ok())
                .filter(|p| p.id == e.name);
            mirror.unwrap_or_else(|| Profile {
                name: storage
                    .read(&join(&[&folder, FILE]))
                    .ok()
                    .flatten()
                    .and_then(|b| learner_name(&b))
                    .unwrap_or_else(|| e.name.clone()),
                id: e.name,
                uuid: Uuid::nil(),
                pin: None,
                created: DateTime::<Utc>::UNIX_EPOCH,
            })
        })
        .collect();
    profiles.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
    Index {
        schema: INDEX_SCHEMA,
        last: None,
        profiles,
        teacher_pin: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStorage;

    use crate::testing::now;

    fn open(s: &Arc<MemoryStorage>) -> OpenedProfiles {
        Profiles::open(Arc::clone(s) as Arc<dyn Storage>, now())
    }

    #[test]
    fn profiles_are_created_renamed_and_remembered() {
        let s = Arc::new(MemoryStorage::new());
        let (mut lib, notices) = open(&s);
        assert!(notices.is_empty());
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
        let (lib, _) = open(&s);
        let names: Vec<&str> = lib.profiles().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ada", "Grace H."]);
        assert_eq!(lib.last().map(|p| p.id.as_str()), Some(b.id.as_str()));
        assert_ne!(a.id, b.id);
        assert_ne!(a.uuid, b.uuid);
        assert_eq!(a.uuid.get_version_num(), 4);
        assert!(s.exists(&join(&[&Profiles::folder(&a.id), MIRROR])));
    }

    #[test]
    fn a_pin_is_stored_hashed_and_checked_and_the_teacher_pin_opens_it() {
        let s = Arc::new(MemoryStorage::new());
        let (mut lib, _) = open(&s);
        let p = lib.create("Ada", now()).expect("create");
        assert!(lib.check_pin(&p.id, ""), "no PIN, no question");
        assert!(matches!(
            lib.set_pin(&p.id, Some("12a4")),
            Err(ProfileError::Pin)
        ));
        lib.set_pin(&p.id, Some("4821")).expect("pin");
        let stored = String::from_utf8(s.read(INDEX).expect("r").expect("index")).expect("utf8");
        assert!(!stored.contains("4821"), "the PIN itself is never written");
        assert!(stored.contains("$argon2id$"));
        assert!(lib.check_pin(&p.id, "4821"));
        assert!(!lib.check_pin(&p.id, "4822"));
        assert!(!lib.check_pin(&p.id, "9999"));
        lib.set_teacher_pin(Some("9999")).expect("teacher");
        assert!(lib.check_pin(&p.id, "9999"), "the teacher PIN opens it");
        lib.set_pin(&p.id, None).expect("remove");
        assert!(lib.check_pin(&p.id, "0000"));
    }

    #[test]
    fn a_deleted_profile_is_kept_for_30_days() {
        let s = Arc::new(MemoryStorage::new());
        let (mut lib, _) = open(&s);
        let p = lib.create("Ada", now()).expect("create");
        s.put(&join(&[&Profiles::folder(&p.id), FILE]), b"{\"schema\":2}");
        let kept = lib.delete(&p.id, now()).expect("delete");
        assert!(lib.profiles().is_empty());
        assert_eq!(kept, "memory:deleted/p1-20261128-100000");
        assert!(
            s.exists("deleted/p1-20261128-100000/progress.json"),
            "the progress is kept"
        );
        drop(Profiles::open(
            Arc::clone(&s) as Arc<dyn Storage>,
            now() + Duration::days(29),
        ));
        assert!(
            s.exists("deleted/p1-20261128-100000"),
            "still there after 29 days"
        );
        drop(Profiles::open(
            Arc::clone(&s) as Arc<dyn Storage>,
            now() + Duration::days(31),
        ));
        assert!(
            !s.exists("deleted/p1-20261128-100000"),
            "gone after 30 days"
        );
    }

    #[test]
    fn progress_from_before_profiles_becomes_the_first_profile() {
        let s = Arc::new(MemoryStorage::new());
        s.put(
            FILE,
            br#"{"schema":1,"learner":{"name":"Ada","welcomed":true}}"#,
        );
        let (lib, _) = open(&s);
        let [p] = lib.profiles() else {
            panic!("one profile")
        };
        assert_eq!(p.name, "Ada");
        assert!(s.exists(&join(&[&Profiles::folder(&p.id), FILE])));
        assert!(!s.exists(FILE));
    }

    #[test]
    fn a_damaged_list_is_recovered_from_its_backup_then_from_the_folders_with_pins_kept() {
        let s = Arc::new(MemoryStorage::new());
        let (mut lib, _) = open(&s);
        let ada = lib.create("Ada", now()).expect("create");
        lib.set_pin(&ada.id, Some("4821")).expect("pin");
        lib.create("Grace", now()).expect("create");
        s.put(INDEX, b"{}");
        let (lib, notices) = open(&s);
        let names: Vec<&str> = lib.profiles().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ada", "Grace"],
            "Grace, newer than the backup, is found in her folder"
        );
        assert!(
            notices[0].contains("copy from before the last change"),
            "{notices:?}"
        );
        assert!(notices[1].contains("\"Grace\""), "{notices:?}");
        assert!(
            s.snapshot()
                .keys()
                .any(|k| k.starts_with("profiles.json.damaged-"))
        );
        s.put(INDEX, b"{ damaged");
        s.put(INDEX_BACKUP, b"also damaged");
        let (lib, notices) = open(&s);
        let names: Vec<&str> = lib.profiles().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ada", "Grace"]);
        assert!(
            !lib.check_pin(&ada.id, "0000"),
            "the PIN survived in the profile's folder"
        );
        assert!(lib.check_pin(&ada.id, "4821"));
        assert!(notices[0].contains("found 2 profile(s)"), "{notices:?}");
    }

    #[test]
    fn an_earlier_version_list_gets_uuids_and_mirrors_and_keeps_pins() {
        let s = Arc::new(MemoryStorage::new());
        let hash = hash_pin("1234").expect("hash");
        let old = serde_json::json!({
            "last": "p2",
            "profiles": [
                {"id": "p1", "name": "Ben (class 7B)", "pin": hash, "created": "2026-10-01T09:00:00Z"},
                {"id": "p2", "name": "Ada", "created": "2026-10-02T09:00:00Z"},
            ]
        });
        s.put(INDEX, old.to_string().as_bytes());
        let (lib, notices) = open(&s);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(lib.last().map(|p| p.name.as_str()), Some("Ada"));
        assert!(lib.profiles().iter().all(|p| !p.uuid.is_nil()));
        assert!(lib.check_pin("p1", "1234") && !lib.check_pin("p1", "0000"));
        let uuids: Vec<Uuid> = lib.profiles().iter().map(|p| p.uuid).collect();
        let (again, _) = open(&s);
        let same: Vec<Uuid> = again.profiles().iter().map(|p| p.uuid).collect();
        assert_eq!(uuids, same, "a UUID is made once");
        assert!(s.exists("profiles/p1/profile.json"));
    }

    #[test]
    fn ids_that_are_not_beacons_are_left_out() {
        let s = Arc::new(MemoryStorage::new());
        let list = serde_json::json!({"schema": 2, "profiles": [
            {"id": "../../etc", "name": "Evil", "created": "2026-10-01T09:00:00Z"},
            {"id": "p3", "name": "Ada", "created": "2026-10-01T09:00:00Z"},
        ]});
        s.put(INDEX, list.to_string().as_bytes());
        let (mut lib, notices) = open(&s);
        assert_eq!(lib.profiles().len(), 1);
        assert!(notices[0].contains("not an id Beacon makes"));
        assert!(matches!(
            lib.delete("../../etc", now()),
            Err(ProfileError::Unknown)
        ));
        for (id, ok) in [
            ("p1", true),
            ("p12", true),
            ("p", false),
            ("p1/..", false),
            ("x1", false),
            ("0b9f4c2e-8d4b-4a0e-9a53-2b1b8c7d6e5f", true),
        ] {
            assert_eq!(is_valid_id(id), ok, "{id}");
        }
    }

    #[test]
    fn a_read_only_storage_changes_nothing() {
        let s = Arc::new(MemoryStorage::new());
        let (mut lib, _) = open(&s);
        lib.create("Ada", now()).expect("create");
        let ro = Arc::new(MemoryStorage::read_only(
            s.snapshot(),
            "Beacon is open elsewhere",
        ));
        let (mut lib, _) = Profiles::open(Arc::clone(&ro) as Arc<dyn Storage>, now());
        assert!(lib.is_read_only());
        assert!(matches!(
            lib.create("Eve", now()),
            Err(ProfileError::Storage(StorageError::ReadOnly { .. }))
        ));
        assert_eq!(ro.snapshot(), s.snapshot());
    }
}
