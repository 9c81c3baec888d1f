//! The one way the core reaches saved data: a small interface that each shell implements (files in
//! a data folder on the desktop, browser storage on the web, memory in tests). Names are relative
//! paths with `/` between parts, such as `profiles/p1/progress.json`.
//!
//! Everything above this interface (progress files with their backups, the list of profiles,
//! added courses, the certificate key) is written once, in the core, and behaves the same on
//! every platform.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// Why a storage operation failed, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The system refused to read or write (permission, a file locked by another program, a
    /// full disk, a missing folder).
    #[error("{place} could not be {doing}: {message}")]
    Io {
        /// Where, as [`Storage::locate`] says it.
        place: String,
        /// What was being done: "read", "written", "renamed", "removed" or "listed".
        doing: &'static str,
        /// What the system said.
        message: String,
    },
    /// Something other than a regular file is where a file should be (a folder, a named pipe, a
    /// device); Beacon never opens it, so it can never hang on it.
    #[error("{place} is not a regular file, so Beacon leaves it alone")]
    NotAFile {
        /// Where.
        place: String,
    },
    /// A link that leads out of the data folder; Beacon does not follow it.
    #[error("{place} is a link to a place outside the data folder; Beacon does not follow it")]
    OutsideLink {
        /// Where.
        place: String,
    },
    /// This storage refuses writes (another copy of Beacon has the data folder, or it is on a
    /// read-only medium).
    #[error("nothing is saved to {place}: {reason}")]
    ReadOnly {
        /// Where.
        place: String,
        /// Why.
        reason: String,
    },
}

/// One entry of a folder listing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Listed {
    /// The entry's name within its folder (no `/`).
    pub name: String,
    /// Whether it is a folder.
    pub is_folder: bool,
}

/// Where a data folder's files live.
///
/// Implementations make [`Storage::write`] atomic and durable: after a crash or power loss at
/// any moment, the file holds either its old or its new content, never a mix, and a reported
/// success means the content is stored.
pub trait Storage: Send + Sync + fmt::Debug {
    /// The file's content, `Ok(None)` when there is no such file.
    ///
    /// # Errors
    /// When it exists but cannot be read, or is not a regular file.
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError>;

    /// Replaces the file's content atomically and durably, creating folders as needed. With
    /// `backup`, the previous content (if there was a file) is kept under that name, so that
    /// after a crash there is always the new or the old file, and the one before.
    ///
    /// # Errors
    /// When it cannot be written; the file then keeps its old content.
    fn write(&self, name: &str, bytes: &[u8], backup: Option<&str>) -> Result<(), StorageError>;

    /// Renames a file or folder; fails when `to` exists.
    ///
    /// # Errors
    /// When it cannot be renamed.
    fn rename(&self, from: &str, to: &str) -> Result<(), StorageError>;

    /// Removes a file, or a folder with everything in it; nothing to remove is not an error.
    ///
    /// # Errors
    /// When it cannot be removed.
    fn remove(&self, name: &str) -> Result<(), StorageError>;

    /// What is directly inside a folder (`""` is the top), sorted by name; a missing folder is
    /// empty.
    ///
    /// # Errors
    /// When the folder exists but cannot be listed.
    fn list(&self, folder: &str) -> Result<Vec<Listed>, StorageError>;

    /// Where a name is, in words a person can use to find it (a full path on the desktop).
    fn locate(&self, name: &str) -> String;

    /// Why writes are refused, or `None` when this storage can be written.
    fn read_only_reason(&self) -> Option<String>;

    /// Whether what is written here outside the progress is gone when the session ends: inside
    /// an LMS, where only the progress is kept (in `suspend_data`), a certificate key would be
    /// new each session, so certificates there carry no verification code.
    fn forgets_after_session(&self) -> bool {
        false
    }

    /// A file's size in bytes without reading it, `None` when there is no such file.
    fn size(&self, name: &str) -> Option<u64> {
        self.read(name)
            .ok()
            .flatten()
            .map(|b| u64::try_from(b.len()).unwrap_or(u64::MAX))
    }

    /// Whether a file or folder of this name exists.
    fn exists(&self, name: &str) -> bool {
        let (folder, leaf) = split(name);
        self.list(folder)
            .is_ok_and(|entries| entries.iter().any(|e| e.name == leaf))
    }
}

/// Joins name parts with `/`, skipping empty ones.
#[must_use]
pub fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .flat_map(|p| p.split('/'))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// A name's folder and last part: `a/b/c` gives (`a/b`, `c`).
#[must_use]
pub fn split(name: &str) -> (&str, &str) {
    name.rsplit_once('/').unwrap_or(("", name))
}

/// Whether a name stays inside its storage: relative, with no empty, `.` or `..` parts and no
/// backslashes, so that no name read from a file can reach outside the data folder.
#[must_use]
pub fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.contains('\\')
        && !name.contains('\0')
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// A storage that keeps everything in memory: for tests, and as the in-memory copy behind
/// browser storage. It can be told to refuse writes, to simulate a full disk.
#[derive(Debug, Default)]
pub struct MemoryStorage {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
    read_only: Option<String>,
    failing: Mutex<Option<String>>,
}

impl MemoryStorage {
    /// An empty storage.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A storage that refuses every write, saying `reason`.
    #[must_use]
    pub fn read_only(files: BTreeMap<String, Vec<u8>>, reason: &str) -> Self {
        Self {
            files: Mutex::new(files),
            read_only: Some(reason.to_owned()),
            failing: Mutex::new(None),
        }
    }

    /// Makes every later write fail with `message` (as a full disk would), or with `None` work
    /// again.
    pub fn fail_writes(&self, message: Option<&str>) {
        *self.failing.lock().unwrap_or_else(PoisonError::into_inner) = message.map(str::to_owned);
    }

    /// Every file and its content.
    #[must_use]
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        self.files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Puts a file in place directly (for tests that prepare damaged files).
    pub fn put(&self, name: &str, bytes: &[u8]) {
        self.files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name.to_owned(), bytes.to_vec());
    }

    fn check_writable(&self, name: &str, doing: &'static str) -> Result<(), StorageError> {
        if let Some(reason) = &self.read_only {
            return Err(StorageError::ReadOnly {
                place: self.locate(name),
                reason: reason.clone(),
            });
        }
        if let Some(message) = self
            .failing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
        {
            return Err(StorageError::Io {
                place: self.locate(name),
                doing,
                message,
            });
        }
        Ok(())
    }
}

/// Whether `key` is `name` or lies inside the folder `name` (for storages that keep files by
/// their full names, with folders only implied).
#[must_use]
pub fn within(key: &str, name: &str) -> bool {
    key == name
        || key
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// What is directly inside `folder` (`""` is the top) among files kept by their full names,
/// sorted by name: a name with more parts below the folder makes that part a folder.
#[must_use]
pub fn listing<'a>(keys: impl IntoIterator<Item = &'a str>, folder: &str) -> Vec<Listed> {
    let mut out: Vec<Listed> = Vec::new();
    for key in keys {
        let rest = if folder.is_empty() {
            Some(key)
        } else {
            key.strip_prefix(folder).and_then(|r| r.strip_prefix('/'))
        };
        let Some(rest) = rest else { continue };
        let entry = match rest.split_once('/') {
            Some((dir, _)) => Listed {
                name: dir.to_owned(),
                is_folder: true,
            },
            None => Listed {
                name: rest.to_owned(),
                is_folder: false,
            },
        };
        if !out.contains(&entry) {
            out.push(entry);
        }
    }
    out.sort();
    out
}

impl Storage for MemoryStorage {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bytes) = files.get(name) {
            return Ok(Some(bytes.clone()));
        }
        if files.keys().any(|k| within(k, name)) {
            return Err(StorageError::NotAFile {
                place: self.locate(name),
            });
        }
        Ok(None)
    }

    fn write(&self, name: &str, bytes: &[u8], backup: Option<&str>) -> Result<(), StorageError> {
        self.check_writable(name, "written")?;
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(backup) = backup
            && let Some(old) = files.get(name).cloned()
        {
            files.insert(backup.to_owned(), old);
        }
        files.insert(name.to_owned(), bytes.to_vec());
        Ok(())
    }

    fn rename(&self, from: &str, to: &str) -> Result<(), StorageError> {
        self.check_writable(from, "renamed")?;
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        if files.keys().any(|k| within(k, to)) {
            return Err(StorageError::Io {
                place: self.locate(to),
                doing: "renamed",
                message: "something of that name is already there".into(),
            });
        }
        let moving: Vec<String> = files.keys().filter(|k| within(k, from)).cloned().collect();
        if moving.is_empty() {
            return Err(StorageError::Io {
                place: self.locate(from),
                doing: "renamed",
                message: "there is no such file".into(),
            });
        }
        for key in moving {
            if let Some(bytes) = files.remove(&key) {
                files.insert(format!("{to}{}", &key[from.len()..]), bytes);
            }
        }
        Ok(())
    }

    fn remove(&self, name: &str) -> Result<(), StorageError> {
        self.check_writable(name, "removed")?;
        self.files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|k, _| !within(k, name));
        Ok(())
    }

    fn list(&self, folder: &str) -> Result<Vec<Listed>, StorageError> {
        let files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(listing(files.keys().map(String::as_str), folder))
    }

    fn locate(&self, name: &str) -> String {
        format!("memory:{name}")
    }

    fn read_only_reason(&self) -> Option<String> {
        self.read_only.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_storage_keeps_a_backup_and_lists_folders() {
        let s = MemoryStorage::new();
        s.write("a/b/progress.json", b"1", Some("a/b/progress.json.bak"))
            .expect("first");
        assert_eq!(s.read("a/b/progress.json.bak").expect("read"), None);
        s.write("a/b/progress.json", b"2", Some("a/b/progress.json.bak"))
            .expect("second");
        assert_eq!(
            s.read("a/b/progress.json.bak").expect("read").as_deref(),
            Some(&b"1"[..])
        );
        assert_eq!(
            s.list("a").expect("list"),
            [Listed {
                name: "b".into(),
                is_folder: true
            }]
        );
        assert!(s.exists("a/b"));
        assert!(matches!(s.read("a/b"), Err(StorageError::NotAFile { .. })));
        s.rename("a/b", "a/c").expect("rename folder");
        assert!(!s.exists("a/b") && s.exists("a/c/progress.json"));
        s.remove("a").expect("remove");
        assert!(s.snapshot().is_empty());
    }

    #[test]
    fn a_failing_or_read_only_storage_refuses_writes_and_keeps_content() {
        let s = MemoryStorage::new();
        s.write("x", b"old", None).expect("write");
        s.fail_writes(Some("no space left on device"));
        let e = s.write("x", b"new", None).expect_err("full");
        assert!(e.to_string().contains("no space left"), "{e}");
        assert_eq!(s.read("x").expect("read").as_deref(), Some(&b"old"[..]));
        let ro = MemoryStorage::read_only(s.snapshot(), "another copy is open");
        assert!(matches!(ro.remove("x"), Err(StorageError::ReadOnly { .. })));
        assert_eq!(
            ro.read_only_reason().as_deref(),
            Some("another copy is open")
        );
    }

    #[test]
    fn unsafe_names_are_refused() {
        for bad in ["", "/etc/passwd", "../x", "a/../../b", "a//b", "a\\b", "."] {
            assert!(!is_safe_name(bad), "{bad:?}");
        }
        assert!(is_safe_name("profiles/p1/progress.json"));
        assert_eq!(
            join(&["profiles", "", "p1/progress.json"]),
            "profiles/p1/progress.json"
        );
        assert_eq!(split("a/b/c"), ("a/b", "c"));
        assert_eq!(split("c"), ("", "c"));
    }
}
