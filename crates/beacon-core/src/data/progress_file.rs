//! A learner's progress file: written atomically with a `.bak` of the previous version and a
//! rotation of daily copies, recovered from damage without deleting anything, never
//! overwritten when it comes from a newer Beacon, and left alone (with a message naming it)
//! when the system cannot read it.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, NaiveDate, Utc};

use super::stamp;
use crate::progress::{Progress, SCHEMA};
use crate::storage::{Storage, StorageError, join};

/// The progress file's name in a profile's folder.
pub const FILE: &str = "progress.json";
/// The previous version's name.
pub const BACKUP: &str = "progress.json.bak";
/// The folder of daily copies inside a profile's folder.
pub const DAILY: &str = "backups";
/// How many daily copies are kept (one a day, the newest days).
pub const KEEP_DAILY: usize = 7;

/// Something the learner should be told about their progress file, in their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The file was damaged; an earlier copy was loaded.
    Restored {
        /// Where the damaged file was moved.
        kept_as: String,
        /// Which copy was loaded: the one from the previous save, or a daily copy.
        from: String,
    },
    /// The file and every copy were damaged; progress starts fresh.
    StartedFresh {
        /// Where the damaged files were moved.
        kept_as: Vec<String>,
    },
    /// The file comes from a newer Beacon; it is used read-only.
    NewerVersion {
        /// The schema the file says.
        schema: u32,
    },
    /// The system could not read the file; it was left as it is and nothing is saved.
    Unreadable {
        /// What went wrong, naming the file.
        error: String,
    },
}

impl Notice {
    /// The message shown to the learner.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Notice::Restored { kept_as, from } => format!(
                "Your progress file could not be read, so Beacon loaded {from}. You may have lost only your most recent answers. The damaged file was kept as {kept_as}."
            ),
            Notice::StartedFresh { kept_as } => format!(
                "Your progress file and its backups could not be read, so Beacon started with fresh progress. Nothing was deleted: the damaged files were kept as {}.",
                kept_as.join(" and ")
            ),
            Notice::NewerVersion { schema } => format!(
                "Your progress was saved by a newer version of Beacon (format {schema}; this version understands up to {SCHEMA}). To keep it safe, this version will not change it, so nothing you do now is saved. Please update Beacon."
            ),
            Notice::Unreadable { error } => format!(
                "{error}. Beacon left the file as it is and will not save anything until it can be read: close any program that has it open, check that you may read it, then restart Beacon."
            ),
        }
    }

    /// Whether this notice means nothing will be saved.
    #[must_use]
    pub fn stops_saving(&self) -> bool {
        matches!(
            self,
            Notice::NewerVersion { .. } | Notice::Unreadable { .. }
        )
    }
}

/// Why a file's bytes are not progress.
#[derive(Debug, thiserror::Error)]
pub enum Damage {
    /// Not JSON, or not the shape of progress.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// JSON without a schema version: not a progress file (`{}` is damage, not a fresh start).
    #[error("the file has no schema version, so it is not a Beacon progress file")]
    NoSchema,
}

/// Parses a progress file: it must be a JSON object with a `schema` number.
///
/// # Errors
/// [`Damage`] when it is not a progress file.
pub fn parse(bytes: &[u8]) -> Result<Progress, Damage> {
    /// The schema version alone: the rest of the file is skipped over, not built into a tree,
    /// so a year of answers is not parsed twice (a `serde_json::Value` of it doubled the time).
    #[derive(serde::Deserialize)]
    struct Schema {
        schema: Option<u64>,
    }
    // Only an object: serde would also take `[3]` for a struct, field by field.
    let object = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{');
    if !object || serde_json::from_slice::<Schema>(bytes)?.schema.is_none() {
        return Err(Damage::NoSchema);
    }
    let mut progress: Progress = serde_json::from_slice(bytes)?;
    progress.absorb_legacy();
    Ok(progress)
}

/// Serializes progress for [`ProgressFile::save_encoded`]; cheap enough for the UI thread.
#[must_use]
pub fn encode(progress: &Progress) -> Vec<u8> {
    // The model has no maps with non-string keys, so this cannot fail.
    serde_json::to_vec(progress).unwrap_or_default()
}

/// One profile's progress file in a storage.
#[derive(Debug)]
pub struct ProgressFile {
    storage: Arc<dyn Storage>,
    folder: String,
    read_only: Option<String>,
    /// The day of the newest daily copy known to exist.
    daily: Mutex<Option<NaiveDate>>,
}

/// A progress file opened: the file, the progress in it, and what the learner should be told.
pub type Opened = (ProgressFile, Progress, Vec<Notice>);

impl ProgressFile {
    /// Opens the progress in `folder` (`""` for the top of the storage), recovering from damage:
    /// a damaged file is moved aside (never deleted) and the previous save or the newest daily
    /// copy is loaded. A file the system cannot read is left where it is and the progress opens
    /// without saving.
    #[must_use]
    pub fn open(storage: Arc<dyn Storage>, folder: &str, now: DateTime<Utc>) -> Opened {
        let mut file = ProgressFile {
            read_only: storage.read_only_reason(),
            storage,
            folder: folder.to_owned(),
            daily: Mutex::new(None),
        };
        let (progress, notices) = file.load(now);
        if file.read_only.is_none()
            && let Some(n) = notices.iter().find(|n| n.stops_saving())
        {
            file.read_only = Some(n.message());
        }
        (file, progress, notices)
    }

    /// A profile's progress read without changing anything (nothing is moved or created), for
    /// exports while the app may be running: the file, else its backup, else the newest daily
    /// copy.
    ///
    /// # Errors
    /// When no copy can be read or parsed, naming the file and what is wrong.
    pub fn peek(storage: &dyn Storage, folder: &str) -> Result<Progress, String> {
        let main = join(&[folder, FILE]);
        let first_error = match storage.read(&main) {
            Ok(None) => return Ok(Progress::default()),
            Ok(Some(bytes)) => match parse(&bytes) {
                Ok(p) => return Ok(p),
                Err(e) => format!("{}: {e}", storage.locate(&main)),
            },
            Err(e) => e.to_string(),
        };
        copies(storage, folder)
            .into_iter()
            .find_map(|name| {
                storage
                    .read(&name)
                    .ok()
                    .flatten()
                    .and_then(|b| parse(&b).ok())
            })
            .ok_or(first_error)
    }

    /// The folder this file lives in.
    #[must_use]
    pub fn folder(&self) -> &str {
        &self.folder
    }

    /// Where the file is, for people.
    #[must_use]
    pub fn location(&self) -> String {
        self.storage.locate(&join(&[&self.folder, FILE]))
    }

    /// Why saves are refused, if they are.
    #[must_use]
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Whether saves are refused.
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Saves progress now, on this thread.
    ///
    /// # Errors
    /// When the file cannot be written; the previous file is then left as it was.
    pub fn save(&self, progress: &Progress, now: DateTime<Utc>) -> Result<(), StorageError> {
        self.save_encoded(&encode(progress), now)
    }

    /// Saves already encoded progress: the file is replaced atomically with the previous
    /// version kept as `.bak`, and the first save of each day also writes a daily copy (the
    /// newest seven are kept). A read-only file writes nothing and is not an error.
    ///
    /// # Errors
    /// When the file cannot be written; the previous file is then left as it was.
    pub fn save_encoded(&self, bytes: &[u8], now: DateTime<Utc>) -> Result<(), StorageError> {
        if self.read_only.is_some() {
            return Ok(());
        }
        self.storage.write(
            &join(&[&self.folder, FILE]),
            bytes,
            Some(&join(&[&self.folder, BACKUP])),
        )?;
        self.daily_copy(bytes, now.date_naive());
        Ok(())
    }

    /// Writes today's daily copy if there is none yet, and removes the oldest beyond
    /// [`KEEP_DAILY`]. A failure here never fails the save itself: the main file and its
    /// backup are written.
    fn daily_copy(&self, bytes: &[u8], today: NaiveDate) {
        let mut known = self.daily.lock().unwrap_or_else(PoisonError::into_inner);
        if *known == Some(today) {
            return;
        }
        let folder = join(&[&self.folder, DAILY]);
        let name = join(&[
            &folder,
            &format!("progress-{}.json", today.format("%Y-%m-%d")),
        ]);
        if !self.storage.exists(&name) && self.storage.write(&name, bytes, None).is_err() {
            return;
        }
        *known = Some(today);
        let mut names: Vec<String> = self
            .storage
            .list(&folder)
            .unwrap_or_default()
            .into_iter()
            .filter(|e| !e.is_folder && is_daily(&e.name))
            .map(|e| e.name)
            .collect();
        names.sort();
        let surplus = names.len().saturating_sub(KEEP_DAILY);
        for old in names.iter().take(surplus) {
            let _ = self.storage.remove(&join(&[&folder, old]));
        }
    }

    /// Loads progress, recovering from damage without deleting anything.
    fn load(&self, now: DateTime<Utc>) -> (Progress, Vec<Notice>) {
        let storage = &*self.storage;
        let main = join(&[&self.folder, FILE]);
        match storage.read(&main) {
            // The system could not read it: leave it, and say so. An earlier copy is shown
            // (read-only) so the learner sees their progress.
            Err(e) => {
                let progress = copies(storage, &self.folder)
                    .into_iter()
                    .find_map(|n| storage.read(&n).ok().flatten().and_then(|b| parse(&b).ok()))
                    .unwrap_or_default();
                (
                    progress,
                    vec![Notice::Unreadable {
                        error: e.to_string(),
                    }],
                )
            }
            // No file: a first start, or a crash of an older version between its two renames,
            // which left only the backup: use it silently.
            Ok(None) => match storage.read(&join(&[&self.folder, BACKUP])) {
                Ok(Some(bytes)) => parse(&bytes).map_or_else(|_| fresh(), checked),
                _ => fresh(),
            },
            Ok(Some(bytes)) => match parse(&bytes) {
                Ok(p) => checked(p),
                Err(_) => self.recover(&main, now),
            },
        }
    }

    /// The main file is damaged: move it aside and load the newest good copy.
    fn recover(&self, main: &str, now: DateTime<Utc>) -> (Progress, Vec<Notice>) {
        let storage = &*self.storage;
        let kept = move_aside(storage, main, now);
        let mut damaged = vec![kept.clone()];
        for name in copies(storage, &self.folder) {
            let Ok(Some(bytes)) = storage.read(&name) else {
                continue;
            };
            match parse(&bytes) {
                Ok(p) => {
                    let from = if name.ends_with(BACKUP) {
                        "the copy it keeps from your previous save".to_owned()
                    } else {
                        format!("the daily copy {}", storage.locate(&name))
                    };
                    let (p, mut notices) = checked(p);
                    notices.insert(
                        0,
                        Notice::Restored {
                            kept_as: kept,
                            from,
                        },
                    );
                    return (p, notices);
                }
                // A damaged backup is moved aside too, so that it is never taken for good.
                Err(_) if name.ends_with(BACKUP) => {
                    damaged.push(move_aside(storage, &name, now));
                }
                Err(_) => {}
            }
        }
        (
            Progress::default(),
            vec![Notice::StartedFresh { kept_as: damaged }],
        )
    }
}

/// Fresh progress with nothing to say.
fn fresh() -> (Progress, Vec<Notice>) {
    (Progress::default(), Vec::new())
}

/// Whether a name is a daily copy's.
fn is_daily(name: &str) -> bool {
    name.strip_prefix("progress-")
        .and_then(|rest| rest.strip_suffix(".json"))
        .is_some_and(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok())
}

/// The copies to fall back on, best first: the backup, then the daily copies, newest first.
fn copies(storage: &dyn Storage, folder: &str) -> Vec<String> {
    let mut daily: Vec<String> = storage
        .list(&join(&[folder, DAILY]))
        .unwrap_or_default()
        .into_iter()
        .filter(|e| !e.is_folder && is_daily(&e.name))
        .map(|e| join(&[folder, DAILY, &e.name]))
        .collect();
    daily.sort_by(|a, b| b.cmp(a));
    let mut out = vec![join(&[folder, BACKUP])];
    out.extend(daily);
    out
}

/// Adds a notice when the file is from a newer schema.
fn checked(p: Progress) -> (Progress, Vec<Notice>) {
    if p.schema > SCHEMA {
        let schema = p.schema;
        (p, vec![Notice::NewerVersion { schema }])
    } else {
        (p, Vec::new())
    }
}

/// Renames a damaged file to `NAME.damaged-YYYYMMDD-HHMMSS`, never deleting it; returns where
/// it is now (where it was, if it could not be moved).
pub(super) fn move_aside(storage: &dyn Storage, name: &str, now: DateTime<Utc>) -> String {
    let base = format!("{name}.damaged-{}", stamp(now));
    let mut target = base.clone();
    let mut n = 1;
    while storage.exists(&target) {
        n += 1;
        target = format!("{base}-{n}");
    }
    match storage.rename(name, &target) {
        Ok(()) => storage.locate(&target),
        Err(_) => storage.locate(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStorage;

    use crate::testing::now;

    fn named(name: &str) -> Progress {
        let mut p = Progress::default();
        p.learner.name = name.into();
        p
    }

    fn open(s: &Arc<MemoryStorage>) -> Opened {
        ProgressFile::open(Arc::clone(s) as Arc<dyn Storage>, "p1", now())
    }

    #[test]
    fn saves_and_loads_and_keeps_a_backup() {
        let s = Arc::new(MemoryStorage::new());
        let (file, p, notices) = open(&s);
        assert!(notices.is_empty());
        assert_eq!(p, Progress::default());
        file.save(&named("Ada"), now()).expect("save 1");
        file.save(&named("Grace"), now()).expect("save 2");
        let (_, loaded, _) = open(&s);
        assert_eq!(loaded.learner.name, "Grace");
        let bak = parse(&s.read("p1/progress.json.bak").expect("r").expect("bak")).expect("json");
        assert_eq!(bak.learner.name, "Ada");
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_and_the_backup_loaded() {
        let s = Arc::new(MemoryStorage::new());
        let (file, _, _) = open(&s);
        file.save(&named("Ada"), now()).expect("save");
        file.save(&named("Ada"), now())
            .expect("save again, making a backup");
        s.put("p1/progress.json", b"{ not json");
        let (file, loaded, notices) = open(&s);
        assert_eq!(loaded.learner.name, "Ada");
        let [Notice::Restored { kept_as, .. }] = notices.as_slice() else {
            panic!("expected a restore notice, got {notices:?}");
        };
        assert_eq!(kept_as, "memory:p1/progress.json.damaged-20261128-100000");
        assert_eq!(
            s.read("p1/progress.json.damaged-20261128-100000")
                .expect("r")
                .as_deref(),
            Some(&b"{ not json"[..]),
            "the damaged file is kept"
        );
        assert!(!file.is_read_only());
    }

    #[test]
    fn an_empty_object_is_damage_and_never_replaces_the_good_backup() {
        let s = Arc::new(MemoryStorage::new());
        let (file, _, _) = open(&s);
        file.save(&named("Ada"), now()).expect("save");
        file.save(&named("Ada"), now()).expect("save");
        for bad in [
            &b"{}"[..],
            b"[]",
            b"{\"learner\":{\"name\":\"X\"}}",
            b"null",
            b"[3]",
            b" [3, {}]",
            b"{\"schema\":null}",
            b"{\"schema\":\"3\"}",
            b"{\"schema\":-1}",
        ] {
            s.put("p1/progress.json", bad);
            let (file, loaded, notices) = open(&s);
            assert_eq!(
                loaded.learner.name,
                "Ada",
                "{}",
                String::from_utf8_lossy(bad)
            );
            assert!(matches!(notices.as_slice(), [Notice::Restored { .. }]));
            file.save(&loaded, now()).expect("save");
            let bak = parse(&s.read("p1/progress.json.bak").expect("r").expect("bak"));
            assert_eq!(
                bak.expect("the backup is still progress").learner.name,
                "Ada"
            );
        }
    }

    #[test]
    fn both_bad_falls_back_to_a_daily_copy_then_starts_fresh_keeping_everything() {
        let s = Arc::new(MemoryStorage::new());
        let (file, _, _) = open(&s);
        file.save(&named("Monday"), now()).expect("save");
        s.put("p1/progress.json", b"garbage");
        s.put("p1/progress.json.bak", b"more garbage");
        let (_, loaded, notices) = open(&s);
        assert_eq!(loaded.learner.name, "Monday", "the daily copy");
        assert!(
            matches!(&notices[..], [Notice::Restored { from, .. }] if from.contains("daily copy")),
            "{notices:?}"
        );
        s.put("p1/progress.json", b"garbage");
        s.put("p1/progress.json.bak", b"more garbage");
        s.remove("p1/backups").expect("rm");
        let (_, loaded, notices) = open(&s);
        assert_eq!(loaded, Progress::default());
        let [Notice::StartedFresh { kept_as }] = notices.as_slice() else {
            panic!("expected a fresh start, got {notices:?}");
        };
        assert_eq!(kept_as.len(), 2);
        let files = s.snapshot();
        assert_eq!(
            files.keys().filter(|k| k.contains(".damaged-")).count(),
            4,
            "every damaged file is kept: {:?}",
            files.keys().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_newer_schema_is_never_overwritten() {
        let s = Arc::new(MemoryStorage::new());
        let newer = format!(
            "{{\"schema\": {}, \"learner\": {{\"name\": \"Future\"}}}}",
            SCHEMA + 1
        );
        s.put("p1/progress.json", newer.as_bytes());
        let (file, p, notices) = open(&s);
        assert!(matches!(notices.as_slice(), [Notice::NewerVersion { .. }]));
        assert!(file.is_read_only());
        file.save(&p, now())
            .expect("a refused save is not an error");
        assert_eq!(
            s.read("p1/progress.json").expect("r").as_deref(),
            Some(newer.as_bytes())
        );
    }

    #[test]
    fn an_unreadable_file_is_left_alone_and_nothing_is_saved() {
        let s = Arc::new(MemoryStorage::new());
        let (file, _, _) = open(&s);
        file.save(&named("Ada"), now()).expect("save");
        file.save(&named("Ada"), now()).expect("save");
        let before = s.snapshot();
        // A folder where the file should be stands for every file the system will not read.
        s.remove("p1/progress.json").expect("rm");
        s.put("p1/progress.json/inside", b"x");
        let before_open = s.snapshot();
        let (file, loaded, notices) = open(&s);
        assert_eq!(loaded.learner.name, "Ada", "the backup is shown");
        let [Notice::Unreadable { error }] = notices.as_slice() else {
            panic!("{notices:?}")
        };
        assert!(error.contains("memory:p1/progress.json"), "{error}");
        assert!(file.is_read_only());
        file.save(&named("Lost"), now()).expect("refused quietly");
        assert_eq!(s.snapshot(), before_open, "nothing moved or written");
        assert_ne!(before, before_open);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let s = Arc::new(MemoryStorage::new());
        let (file, _, _) = open(&s);
        file.save(&named("Ada"), now()).expect("save");
        s.fail_writes(Some("No space left on device"));
        let e = file.save(&named("Lost"), now()).expect_err("full disk");
        assert!(e.to_string().contains("No space left"));
        s.fail_writes(None);
        let (_, loaded, _) = open(&s);
        assert_eq!(loaded.learner.name, "Ada");
    }

    #[test]
    fn daily_copies_rotate_keeping_seven_days() {
        let s = Arc::new(MemoryStorage::new());
        let (file, _, _) = open(&s);
        for day in 0..10 {
            let at = now() + chrono::Duration::days(day);
            file.save(&named(&format!("day {day}")), at).expect("save");
            file.save(&named(&format!("day {day} later")), at)
                .expect("save");
        }
        let daily: Vec<String> = s
            .list("p1/backups")
            .expect("list")
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(daily.len(), KEEP_DAILY);
        assert_eq!(
            daily.first().map(String::as_str),
            Some("progress-2026-12-01.json")
        );
        let newest = parse(
            &s.read("p1/backups/progress-2026-12-07.json")
                .expect("r")
                .expect("f"),
        );
        assert_eq!(
            newest.expect("parse").learner.name,
            "day 9",
            "the day's first save"
        );
    }

    #[test]
    fn peek_changes_nothing_and_names_a_damaged_file() {
        let s = MemoryStorage::new();
        s.put("p1/progress.json", b"{ damaged");
        let before = s.snapshot();
        let e = ProgressFile::peek(&s, "p1").expect_err("nothing readable");
        assert!(e.contains("memory:p1/progress.json"), "{e}");
        assert_eq!(s.snapshot(), before);
        s.put("p1/progress.json.bak", &encode(&named("Ada")));
        assert_eq!(
            ProgressFile::peek(&s, "p1").expect("bak").learner.name,
            "Ada"
        );
    }
}
