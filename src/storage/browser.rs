//! The browser's storage: the data folder's files as entries of a key-value store, one key per
//! file (`beacon/` and the file's name, e.g. `beacon/profiles/p1/progress.json`), so the same
//! core code keeps the same files with the same rules as on the desktop.
//!
//! In the page the store is IndexedDB ([`Mirrored`] over `indexed_db`): the whole store is read
//! into memory before the app starts (the core's storage calls are synchronous), each change is
//! applied to the copy in memory at once and sent to IndexedDB as one transaction of its own,
//! in order. A put is atomic, so a crash or a closed tab loses at most the changes not yet
//! committed (the last write), never a damaged file. With a backup, the old content is stored
//! under the backup's key first. Text (every file Beacon writes is JSON or TOML) is kept as it
//! is, readable in the browser's developer tools; anything else as base64. Data that an earlier
//! version kept in `localStorage` is copied into IndexedDB once ([`migration`]) and left where
//! it was. Where IndexedDB cannot be opened, `localStorage` ([`LocalStorage`]) is used as before.
//!
//! The key-value store is behind [`KeyValue`], so the rules here are tested natively against a
//! map.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};

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

/// Where [`Mirrored`] sends each change, in the order made (IndexedDB in the page). Each call
/// is one atomic write of its own; failures come back later, through [`Persist::failure`].
pub trait Persist: Send + Sync + fmt::Debug {
    /// Stores `value` under `key`.
    fn put(&self, key: &str, value: &str);

    /// Removes `key`.
    fn delete(&self, key: &str);

    /// What went wrong with an earlier change, if anything did: from then on nothing more is
    /// taken, so what is stored stays a state the app was in.
    fn failure(&self) -> Option<String>;
}

/// A key-value store kept in memory and mirrored, change by change, to a slower store that
/// can only be read all at once at start (IndexedDB): reads come from memory, writes go to
/// memory at once and to the store in order.
#[derive(Debug)]
pub struct Mirrored {
    values: Mutex<BTreeMap<String, String>>,
    persist: Box<dyn Persist>,
    read_only: Option<String>,
}

impl Mirrored {
    /// The store that holds `values`, sending changes to `persist`; with `read_only`, every
    /// write is refused for that reason (another tab has the storage).
    #[must_use]
    pub fn new(
        values: BTreeMap<String, String>,
        persist: Box<dyn Persist>,
        read_only: Option<String>,
    ) -> Self {
        Self {
            values: Mutex::new(values),
            persist,
            read_only,
        }
    }

    fn values(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        self.values.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn check(&self) -> Result<(), String> {
        if let Some(reason) = &self.read_only {
            return Err(reason.clone());
        }
        match self.persist.failure() {
            Some(e) => Err(format!(
                "the browser refused to store an earlier change ({e}), so nothing more is saved until the page is reloaded"
            )),
            None => Ok(()),
        }
    }
}

impl KeyValue for Mirrored {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        Ok(self.values().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        self.check()?;
        self.values().insert(key.to_owned(), value.to_owned());
        self.persist.put(key, value);
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), String> {
        self.check()?;
        if self.values().remove(key).is_some() {
            self.persist.delete(key);
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, String> {
        Ok(self.values().keys().cloned().collect())
    }

    fn unavailable(&self) -> Option<String> {
        self.read_only.clone()
    }
}

/// The key that records that `localStorage` was copied into IndexedDB (outside [`PREFIX`], so
/// it is no file of the data folder).
pub const MIGRATED: &str = "migrated-from-localStorage";

/// What to copy from `local` (the entries an earlier Beacon kept in `localStorage`) into
/// `stored` (IndexedDB's entries): Beacon's entries, only the first time (IndexedDB holds no
/// file and has not been migrated before), with [`MIGRATED`] set to `when`. `local` is left as
/// it is. Returns the entries copied, also added to `stored`.
pub fn migration(
    stored: &mut BTreeMap<String, String>,
    local: &dyn KeyValue,
    when: &str,
) -> Vec<(String, String)> {
    if stored.contains_key(MIGRATED) || stored.keys().any(|k| k.starts_with(PREFIX)) {
        return Vec::new();
    }
    let mut copied = Vec::new();
    for key in local.keys().unwrap_or_default() {
        if !key.starts_with(PREFIX) {
            continue;
        }
        if let Ok(Some(value)) = local.get(&key) {
            copied.push((key, value));
        }
    }
    if copied.is_empty() {
        return copied;
    }
    copied.push((MIGRATED.to_owned(), when.to_owned()));
    for (k, v) in &copied {
        stored.insert(k.clone(), v.clone());
    }
    copied
}

/// What the second tab says, and why it does not save.
pub const OTHER_TAB: &str = "Beacon is open in another tab; this tab does not save";

/// The data folder for this page: IndexedDB read into memory (with `localStorage`'s entries of
/// an earlier version copied in the first time), or `localStorage` where IndexedDB cannot be
/// opened. When another tab holds the page's lock, nothing is saved ([`OTHER_TAB`]).
#[cfg(target_arch = "wasm32")]
pub async fn open_in_page() -> BrowserStorage {
    let other_tab = !super::indexed_db::take_lock().await;
    let read_only = other_tab.then(|| OTHER_TAB.to_owned());
    match super::indexed_db::open().await {
        Ok((mut values, persist)) => {
            let when = js_sys::Date::new_0().to_iso_string();
            if read_only.is_none() {
                for (k, v) in migration(&mut values, &LocalStorage, &String::from(when)) {
                    persist.put(&k, &v);
                }
            }
            BrowserStorage::new(Box::new(Mirrored::new(
                values,
                Box::new(persist),
                read_only,
            )))
        }
        Err(e) => {
            web_sys::console::warn_1(
                &format!("IndexedDB could not be opened ({e}); using localStorage").into(),
            );
            match read_only {
                Some(reason) => BrowserStorage::new(Box::new(ReadOnlyLocal(reason))),
                None => BrowserStorage::local(),
            }
        }
    }
}

/// `localStorage` read but never written: the second tab's storage where there is no IndexedDB.
#[cfg(target_arch = "wasm32")]
#[derive(Debug)]
struct ReadOnlyLocal(String);

#[cfg(target_arch = "wasm32")]
impl KeyValue for ReadOnlyLocal {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        LocalStorage.get(key)
    }
    fn set(&self, _key: &str, _value: &str) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn remove(&self, _key: &str) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn keys(&self) -> Result<Vec<String>, String> {
        LocalStorage.keys()
    }
    fn unavailable(&self) -> Option<String> {
        Some(self.0.clone())
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
pub(crate) fn js_error(e: &eframe::wasm_bindgen::JsValue) -> String {
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

    /// A change sent: the key, and the new value or `None` for a removal.
    type Change = (String, Option<String>);

    /// IndexedDB as the tests see it: every change sent, in order, and a failure to report.
    #[derive(Debug, Default, Clone)]
    struct Sent {
        changes: Arc<Mutex<Vec<Change>>>,
        failure: Arc<Mutex<Option<String>>>,
    }

    impl Sent {
        fn changes(&self) -> Vec<Change> {
            self.changes
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
        }

        /// What a reload would read: the changes applied in order to what was there.
        fn replayed(&self, mut start: BTreeMap<String, String>) -> BTreeMap<String, String> {
            for (k, v) in self.changes() {
                match v {
                    Some(v) => start.insert(k, v),
                    None => start.remove(&k),
                };
            }
            start
        }
    }

    impl Persist for Sent {
        fn put(&self, key: &str, value: &str) {
            self.changes
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((key.to_owned(), Some(value.to_owned())));
        }
        fn delete(&self, key: &str) {
            self.changes
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((key.to_owned(), None));
        }
        fn failure(&self) -> Option<String> {
            self.failure
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
        }
    }

    #[test]
    fn mirrored_changes_go_out_in_order_backup_first_and_a_reload_reads_the_same_progress() {
        use beacon_core::data::ProgressFile;
        use beacon_core::progress::Progress;
        use chrono::{DateTime, Utc};

        let sent = Sent::default();
        let now = DateTime::<Utc>::UNIX_EPOCH;
        let s: Arc<dyn Storage> = Arc::new(BrowserStorage::new(Box::new(Mirrored::new(
            BTreeMap::new(),
            Box::new(sent.clone()),
            None,
        ))));
        let (file, _, _) = ProgressFile::open(Arc::clone(&s), "profiles/p1", now);
        let mut p = Progress::default();
        p.learner.name = "Amina".into();
        file.save(&p, now).expect("save");
        let before = sent.changes().len();
        p.learner.name = "Amina K.".into();
        file.save(&p, now).expect("save again");
        let second: Vec<String> = sent.changes()[before..]
            .iter()
            .map(|(k, _)| k.clone())
            .collect();
        assert_eq!(
            second,
            [
                "beacon/profiles/p1/progress.json.bak",
                "beacon/profiles/p1/progress.json"
            ],
            "the backup is stored first, then the file, one change each"
        );
        // A reload reads what was sent, and a tab closed before the last change lost only it.
        let reloaded: Arc<dyn Storage> = Arc::new(BrowserStorage::new(Box::new(Mirrored::new(
            sent.replayed(BTreeMap::new()),
            Box::new(Sent::default()),
            None,
        ))));
        let (_, again, notices) = ProgressFile::open(reloaded, "profiles/p1", now);
        assert_eq!(again.learner.name, "Amina K.", "{notices:?}");
        let all = sent.changes();
        let cut = Sent {
            changes: Arc::new(Mutex::new(all[..all.len() - 1].to_vec())),
            ..Sent::default()
        };
        let crashed: Arc<dyn Storage> = Arc::new(BrowserStorage::new(Box::new(Mirrored::new(
            cut.replayed(BTreeMap::new()),
            Box::new(Sent::default()),
            None,
        ))));
        let (_, older, notices) = ProgressFile::open(crashed, "profiles/p1", now);
        assert_eq!(older.learner.name, "Amina", "the save before: {notices:?}");
        assert!(notices.is_empty(), "and nothing is damaged: {notices:?}");
    }

    #[test]
    fn a_failed_change_stops_saving_and_the_second_tab_never_writes() {
        let sent = Sent::default();
        let s = BrowserStorage::new(Box::new(Mirrored::new(
            BTreeMap::new(),
            Box::new(sent.clone()),
            None,
        )));
        s.write("progress.json", b"1", None).expect("write");
        *sent.failure.lock().unwrap_or_else(PoisonError::into_inner) =
            Some("QuotaExceededError".into());
        let e = s.write("progress.json", b"2", None).expect_err("refused");
        assert!(e.to_string().contains("QuotaExceededError"), "{e}");
        assert_eq!(sent.changes().len(), 1, "nothing more is sent");

        let other = Sent::default();
        let mut values = BTreeMap::new();
        values.insert(key("progress.json"), encode(b"1"));
        let tab = BrowserStorage::new(Box::new(Mirrored::new(
            values,
            Box::new(other.clone()),
            Some(OTHER_TAB.to_owned()),
        )));
        assert_eq!(tab.read_only_reason().as_deref(), Some(OTHER_TAB));
        assert!(matches!(
            tab.write("progress.json", b"2", Some("progress.json.bak")),
            Err(StorageError::ReadOnly { .. })
        ));
        assert!(tab.remove("progress.json").is_err());
        assert_eq!(
            tab.read("progress.json").expect("read").as_deref(),
            Some(&b"1"[..]),
            "it still reads"
        );
        assert!(other.changes().is_empty());
    }

    #[test]
    fn local_storage_is_copied_once_and_left_as_it_was() {
        let local = Map::default();
        local
            .set("beacon/profiles/p1/progress.json", r#"t:{"schema":3}"#)
            .expect("set");
        local.set("beacon/profiles.json", "t:{}").expect("set");
        local.set("egui_memory_ron", "eframe's").expect("set");
        let mut stored = BTreeMap::new();
        let copied = migration(&mut stored, &local, "2026-12-06T00:00:00Z");
        let keys: Vec<&str> = copied.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "beacon/profiles.json",
                "beacon/profiles/p1/progress.json",
                MIGRATED
            ]
        );
        assert_eq!(
            stored
                .get("beacon/profiles/p1/progress.json")
                .map(String::as_str),
            Some(r#"t:{"schema":3}"#)
        );
        assert_eq!(local.values().len(), 3, "localStorage is left as it was");
        // Not again: not after the learner's files were all removed, nor over newer ones.
        stored.retain(|k, _| !k.starts_with(PREFIX));
        assert!(migration(&mut stored, &local, "later").is_empty());
        let mut newer = BTreeMap::new();
        newer.insert(
            "beacon/profiles.json".to_owned(),
            "t:{\"newer\":1}".to_owned(),
        );
        assert!(migration(&mut newer, &local, "later").is_empty());
    }
}
