//! The browser's storage: the data folder's files as entries of the page's `localStorage`, one
//! key per file (`beacon/` and the file's name, e.g. `beacon/profiles/p1/progress.json`), so
//! the same core code keeps the same files with the same rules as on the desktop.
//!
//! A write is one `setItem`, which the browser applies whole or not at all; with a backup, the
//! old content is first stored under the backup's key. Text (every file Beacon writes is JSON or
//! TOML) is kept as it is, readable in the browser's developer tools; anything else as base64.
//! `localStorage` holds about 5 MB per site; IndexedDB, for a year of daily use, is to come.
//!
//! The key-value store is behind [`KeyValue`], so the rules here are tested natively against a
//! map; in the browser it is [`LocalStorage`].

use std::fmt;

use beacon_core::storage::{Listed, Storage, StorageError, listing, within};
use data_encoding::BASE64;

/// The prefix of Beacon's keys, apart from anything else the page keeps (eframe's own state).
pub const PREFIX: &str = "beacon/";

/// A text file's value starts with this, a binary file's with [`BINARY`].
const TEXT: &str = "t:";
/// A binary file's value: this and the bytes in base64.
const BINARY: &str = "b:";

/// A store of string keys and values, such as the page's `localStorage`.
pub trait KeyValue: Send + Sync + fmt::Debug {
    /// The value of `key`, `None` when there is none.
    ///
    /// # Errors
    /// When the store cannot be read.
    fn get(&self, key: &str) -> Result<Option<String>, String>;

    /// Sets `key` to `value`, whole or not at all.
    ///
    /// # Errors
    /// When the store refuses it (full, or turned off).
    fn set(&self, key: &str, value: &str) -> Result<(), String>;

    /// Removes `key`; no such key is not an error.
    ///
    /// # Errors
    /// When the store refuses it.
    fn remove(&self, key: &str) -> Result<(), String>;

    /// Every key.
    ///
    /// # Errors
    /// When the store cannot be read.
    fn keys(&self) -> Result<Vec<String>, String>;

    /// Why the store cannot be used at all, or `None` when it can.
    fn unavailable(&self) -> Option<String>;
}

/// The data folder in a browser's key-value store.
#[derive(Debug)]
pub struct BrowserStorage {
    store: Box<dyn KeyValue>,
}

impl BrowserStorage {
    /// The data folder in `store`.
    #[must_use]
    pub fn new(store: Box<dyn KeyValue>) -> Self {
        Self { store }
    }

    /// The data folder in the page's `localStorage`.
    #[cfg(target_arch = "wasm32")]
    #[must_use]
    pub fn local() -> Self {
        Self::new(Box::new(LocalStorage))
    }

    fn failed(&self, name: &str, doing: &'static str, message: String) -> StorageError {
        StorageError::Io {
            place: self.locate(name),
            doing,
            message,
        }
    }

    fn check_writable(&self, name: &str) -> Result<(), StorageError> {
        match self.read_only_reason() {
            Some(reason) => Err(StorageError::ReadOnly {
                place: self.locate(name),
                reason,
            }),
            None => Ok(()),
        }
    }

    /// The names of every file kept (without the prefix).
    fn names(&self, doing: &'static str) -> Result<Vec<String>, StorageError> {
        let keys = self.store.keys().map_err(|e| self.failed("", doing, e))?;
        Ok(keys
            .into_iter()
            .filter_map(|k| k.strip_prefix(PREFIX).map(str::to_owned))
            .collect())
    }

    fn set(&self, name: &str, bytes: &[u8]) -> Result<(), StorageError> {
        self.store
            .set(&key(name), &encode(bytes))
            .map_err(|e| self.failed(name, "written", e))
    }
}

/// The key of a file.
fn key(name: &str) -> String {
    format!("{PREFIX}{name}")
}

/// A file's content as a value: text as it is, anything else in base64.
fn encode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => format!("{TEXT}{text}"),
        Err(_) => format!("{BINARY}{}", BASE64.encode(bytes)),
    }
}

/// A value's content, or why it is not one Beacon wrote.
fn decode(value: &str) -> Result<Vec<u8>, String> {
    if let Some(text) = value.strip_prefix(TEXT) {
        Ok(text.as_bytes().to_vec())
    } else if let Some(b64) = value.strip_prefix(BINARY) {
        BASE64
            .decode(b64.as_bytes())
            .map_err(|e| format!("its content is damaged ({e})"))
    } else {
        Err("its content is not in the form Beacon writes".into())
    }
}

impl Storage for BrowserStorage {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let value = self
            .store
            .get(&key(name))
            .map_err(|e| self.failed(name, "read", e))?;
        match value {
            Some(value) => decode(&value)
                .map(Some)
                .map_err(|e| self.failed(name, "read", e)),
            None if self.names("read")?.iter().any(|n| within(n, name)) => {
                Err(StorageError::NotAFile {
                    place: self.locate(name),
                })
            }
            None => Ok(None),
        }
    }

    fn write(&self, name: &str, bytes: &[u8], backup: Option<&str>) -> Result<(), StorageError> {
        self.check_writable(name)?;
        if let Some(backup) = backup
            && let Some(old) = self
                .store
                .get(&key(name))
                .map_err(|e| self.failed(name, "read", e))?
        {
            self.store
                .set(&key(backup), &old)
                .map_err(|e| self.failed(backup, "written", e))?;
        }
        self.set(name, bytes)
    }

    fn rename(&self, from: &str, to: &str) -> Result<(), StorageError> {
        self.check_writable(from)?;
        let names = self.names("renamed")?;
        if names.iter().any(|n| within(n, to)) {
            return Err(self.failed(
                to,
                "renamed",
                "something of that name is already there".into(),
            ));
        }
        let moving: Vec<&String> = names.iter().filter(|n| within(n, from)).collect();
        if moving.is_empty() {
            return Err(self.failed(from, "renamed", "there is no such file".into()));
        }
        // Every file is in its new place before any old one goes: a failure half-way leaves
        // copies, never a loss.
        for name in &moving {
            let value = self
                .store
                .get(&key(name))
                .map_err(|e| self.failed(name, "read", e))?
                .unwrap_or_default();
            let new = format!("{to}{}", &name[from.len()..]);
            self.store
                .set(&key(&new), &value)
                .map_err(|e| self.failed(&new, "written", e))?;
        }
        for name in moving {
            self.store
                .remove(&key(name))
                .map_err(|e| self.failed(name, "removed", e))?;
        }
        Ok(())
    }

    fn remove(&self, name: &str) -> Result<(), StorageError> {
        self.check_writable(name)?;
        for n in self.names("removed")? {
            if within(&n, name) {
                self.store
                    .remove(&key(&n))
                    .map_err(|e| self.failed(&n, "removed", e))?;
            }
        }
        Ok(())
    }

    fn list(&self, folder: &str) -> Result<Vec<Listed>, StorageError> {
        let names = self.names("listed")?;
        Ok(listing(names.iter().map(String::as_str), folder))
    }

    fn locate(&self, name: &str) -> String {
        if name.is_empty() {
            "this browser's storage for this site".to_owned()
        } else {
            format!("{name} in this browser's storage for this site")
        }
    }

    fn read_only_reason(&self) -> Option<String> {
        self.store.unavailable()
    }
}

/// The page's `localStorage`, looked up at each use (a JavaScript object cannot be kept across
/// threads, which the storage interface allows).
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalStorage;

#[cfg(target_arch = "wasm32")]
impl LocalStorage {
    fn storage() -> Result<web_sys::Storage, String> {
        web_sys::window()
            .ok_or("there is no browser window")?
            .local_storage()
            .map_err(|e| js_error(&e))?
            .ok_or_else(|| "this browser does not offer local storage".to_owned())
    }
}

/// What a JavaScript exception says.
#[cfg(target_arch = "wasm32")]
fn js_error(e: &eframe::wasm_bindgen::JsValue) -> String {
    use eframe::wasm_bindgen::JsCast as _;
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

#[cfg(target_arch = "wasm32")]
impl KeyValue for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        Self::storage()?.get_item(key).map_err(|e| js_error(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        Self::storage()?
            .set_item(key, value)
            .map_err(|e| js_error(&e))
    }

    fn remove(&self, key: &str) -> Result<(), String> {
        Self::storage()?.remove_item(key).map_err(|e| js_error(&e))
    }

    fn keys(&self) -> Result<Vec<String>, String> {
        let storage = Self::storage()?;
        let n = storage.length().map_err(|e| js_error(&e))?;
        let mut keys = Vec::new();
        for i in 0..n {
            if let Some(k) = storage.key(i).map_err(|e| js_error(&e))? {
                keys.push(k);
            }
        }
        Ok(keys)
    }

    fn unavailable(&self) -> Option<String> {
        Self::storage()
            .err()
            .map(|e| format!("this browser does not let Beacon keep your progress ({e})"))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex, PoisonError};

    use super::*;

    /// A map standing in for `localStorage`, which can be made to refuse writes (a full quota).
    #[derive(Debug, Default, Clone)]
    struct Map {
        values: Arc<Mutex<BTreeMap<String, String>>>,
        full: Arc<Mutex<bool>>,
    }

    impl Map {
        fn values(&self) -> BTreeMap<String, String> {
            self.values
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
        }
    }

    impl KeyValue for Map {
        fn get(&self, key: &str) -> Result<Option<String>, String> {
            Ok(self.values().get(key).cloned())
        }
        fn set(&self, key: &str, value: &str) -> Result<(), String> {
            if *self.full.lock().unwrap_or_else(PoisonError::into_inner) {
                return Err("QuotaExceededError".into());
            }
            self.values
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(key.to_owned(), value.to_owned());
            Ok(())
        }
        fn remove(&self, key: &str) -> Result<(), String> {
            self.values
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(key);
            Ok(())
        }
        fn keys(&self) -> Result<Vec<String>, String> {
            Ok(self.values().into_keys().collect())
        }
        fn unavailable(&self) -> Option<String> {
            None
        }
    }

    fn storage() -> (BrowserStorage, Map) {
        let map = Map::default();
        (BrowserStorage::new(Box::new(map.clone())), map)
    }

    #[test]
    fn files_are_keys_under_the_prefix_with_a_backup_of_the_last_content() {
        let (s, map) = storage();
        let name = "profiles/p1/progress.json";
        let bak = "profiles/p1/progress.json.bak";
        s.write(name, br#"{"v":1}"#, Some(bak)).expect("first");
        assert_eq!(s.read(bak).expect("read"), None, "no backup of nothing");
        s.write(name, br#"{"v":2}"#, Some(bak)).expect("second");
        assert_eq!(
            s.read(name).expect("r").as_deref(),
            Some(&br#"{"v":2}"#[..])
        );
        assert_eq!(s.read(bak).expect("r").as_deref(), Some(&br#"{"v":1}"#[..]));
        let values = map.values();
        assert_eq!(
            values
                .get("beacon/profiles/p1/progress.json")
                .map(String::as_str),
            Some(r#"t:{"v":2}"#),
            "text is kept readable: {values:?}"
        );
        map.set("egui_memory_ron", "not ours").expect("set");
        assert_eq!(
            s.list("").expect("ls"),
            [Listed {
                name: "profiles".into(),
                is_folder: true
            }]
        );
        assert_eq!(
            s.list("profiles/p1")
                .expect("ls")
                .into_iter()
                .map(|l| l.name)
                .collect::<Vec<_>>(),
            ["progress.json", "progress.json.bak"]
        );
        assert!(matches!(
            s.read("profiles/p1"),
            Err(StorageError::NotAFile { .. })
        ));
    }

    #[test]
    fn binary_content_round_trips() {
        let (s, map) = storage();
        let bytes = [0_u8, 159, 146, 150, 255];
        s.write("key.bin", &bytes, None).expect("write");
        assert_eq!(s.read("key.bin").expect("r").as_deref(), Some(&bytes[..]));
        assert!(
            map.values()
                .get("beacon/key.bin")
                .is_some_and(|v| v.starts_with("b:"))
        );
        map.set("beacon/key.bin", "b:@@@").expect("damage");
        let e = s.read("key.bin").expect_err("damaged");
        assert!(e.to_string().contains("damaged"), "{e}");
    }

    #[test]
    fn a_full_store_keeps_the_old_content_and_says_why() {
        let (s, map) = storage();
        s.write("progress.json", b"old", Some("progress.json.bak"))
            .expect("write");
        *map.full.lock().unwrap_or_else(PoisonError::into_inner) = true;
        let e = s
            .write("progress.json", b"new", Some("progress.json.bak"))
            .expect_err("full");
        assert!(e.to_string().contains("QuotaExceededError"), "{e}");
        assert_eq!(
            s.read("progress.json").expect("r").as_deref(),
            Some(&b"old"[..])
        );
    }

    #[test]
    fn folders_rename_and_remove_with_everything_in_them() {
        let (s, _) = storage();
        s.write("profiles/p1/progress.json", b"1", None).expect("w");
        s.write("profiles/p1/courses/x/progress.json", b"2", None)
            .expect("w");
        s.write("profiles/p10/progress.json", b"3", None)
            .expect("w");
        s.rename("profiles/p1", "profiles/p2").expect("rename");
        assert!(!s.exists("profiles/p1"));
        assert_eq!(
            s.read("profiles/p2/courses/x/progress.json")
                .expect("r")
                .as_deref(),
            Some(&b"2"[..])
        );
        assert!(s.rename("profiles/p2", "profiles/p10").is_err(), "taken");
        assert!(s.rename("profiles/none", "profiles/p3").is_err(), "missing");
        s.remove("profiles/p2").expect("remove");
        assert!(!s.exists("profiles/p2"));
        assert_eq!(
            s.read("profiles/p10/progress.json").expect("r").as_deref(),
            Some(&b"3"[..]),
            "a folder whose name starts the same stays"
        );
    }

    #[test]
    fn progress_files_keep_their_rules_in_browser_storage() {
        use beacon_core::data::ProgressFile;
        use beacon_core::data::progress_file::encode;
        use beacon_core::progress::Progress;
        use chrono::{DateTime, Utc};

        let map = Map::default();
        let now = DateTime::<Utc>::UNIX_EPOCH;
        let s: Arc<dyn Storage> = Arc::new(BrowserStorage::new(Box::new(map.clone())));
        let (file, _, _) = ProgressFile::open(Arc::clone(&s), "profiles/p1", now);
        let mut p = Progress::default();
        p.learner.name = "Amina".into();
        file.save_encoded(&encode(&p), now).expect("save");
        p.learner.name = "Amina K.".into();
        file.save_encoded(&encode(&p), now).expect("save again");
        map.set("beacon/profiles/p1/progress.json", "t:{damaged")
            .expect("damage");
        let (_, reopened, notices) = ProgressFile::open(s, "profiles/p1", now);
        assert_eq!(
            reopened.learner.name, "Amina",
            "the backup is used when the file is damaged; notices: {notices:?}"
        );
        assert!(!notices.is_empty(), "and the learner is told");
    }
}
