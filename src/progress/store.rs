//! The progress file on disk: atomic writes with a `.bak` of the previous version, recovery from
//! a damaged file, refusal to overwrite a newer schema, and a lock so that a second running
//! copy cannot corrupt the first.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::model::{Progress, SCHEMA};

/// The progress file's name in the data folder.
pub const FILE: &str = "progress.json";
/// The previous version's name.
pub const BACKUP: &str = "progress.json.bak";
/// The lock file's name.
pub const LOCK: &str = "beacon.lock";

/// Why the data folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder could not be created or read.
    #[error("the data folder {path} cannot be used: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Another copy of Beacon holds the lock.
    #[error(
        "Beacon is already open with the data folder {0}. Close the other window first; this one will not save anything."
    )]
    InUse(PathBuf),
    /// Writing failed (disk full, permissions).
    #[error("your progress could not be saved to {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Something the learner should be told about their progress file, in their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The file was damaged; the backup was loaded.
    RestoredBackup {
        /// Where the damaged file was moved.
        kept_as: PathBuf,
    },
    /// Both the file and its backup were damaged; progress starts fresh.
    StartedFresh {
        /// Where the damaged files were moved.
        kept_as: Vec<PathBuf>,
    },
    /// The file comes from a newer Beacon; it is used read-only.
    NewerVersion {
        /// The schema the file says.
        schema: u32,
    },
}

impl Notice {
    /// The message shown to the learner.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Notice::RestoredBackup { kept_as } => format!(
                "Your progress file could not be read, so Beacon loaded the copy it keeps from your previous save. You may have lost only your very last answer. The damaged file was kept as {}.",
                kept_as.display()
            ),
            Notice::StartedFresh { kept_as } => format!(
                "Your progress file and its backup could not be read, so Beacon started with fresh progress. Nothing was deleted: the damaged files were kept as {}.",
                kept_as
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            Notice::NewerVersion { schema } => format!(
                "Your progress was saved by a newer version of Beacon (format {schema}; this version understands up to {SCHEMA}). To keep it safe, this version will not change it, so nothing you do now is saved. Please update Beacon."
            ),
        }
    }
}

/// The open data folder, holding the lock for as long as it lives.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    read_only: bool,
    /// Held while open: the lock of a data folder opened with [`Store::open`].
    lock: Option<File>,
}

/// Turns an I/O error on the data folder `dir` into [`StoreError::Folder`].
fn folder_error(dir: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Folder {
        path: dir.to_path_buf(),
        source,
    }
}

/// Creates the data folder `dir` if needed and takes its lock, held while the file stays open.
///
/// # Errors
/// [`StoreError::InUse`] when another copy holds the lock; [`StoreError::Folder`] when the
/// folder or its lock file cannot be made.
pub(super) fn lock_folder(dir: &Path) -> Result<File, StoreError> {
    fs::create_dir_all(dir).map_err(folder_error(dir))?;
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK))
        .map_err(folder_error(dir))?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(TryLockError::WouldBlock) => Err(StoreError::InUse(dir.to_path_buf())),
        Err(TryLockError::Error(source)) => Err(folder_error(dir)(source)),
    }
}

impl Store {
    /// Opens the data folder (creating it), takes the lock and loads the progress.
    ///
    /// # Errors
    /// [`StoreError::InUse`] when another copy holds the lock; [`StoreError::Folder`] when the
    /// folder cannot be created.
    pub fn open(
        dir: &Path,
        now: DateTime<Utc>,
    ) -> Result<(Store, Progress, Vec<Notice>), StoreError> {
        let lock = lock_folder(dir)?;
        let (mut store, progress, notices) = Self::load(dir, now)?;
        store.lock = Some(lock);
        Ok((store, progress, notices))
    }

    /// Opens a profile's folder (creating it) and loads its progress, without a lock of its own:
    /// the [`super::Library`] holds the lock of the whole data folder.
    ///
    /// # Errors
    /// [`StoreError::Folder`] when the folder cannot be created.
    pub fn load(
        dir: &Path,
        now: DateTime<Utc>,
    ) -> Result<(Store, Progress, Vec<Notice>), StoreError> {
        fs::create_dir_all(dir).map_err(folder_error(dir))?;
        let (progress, notices) = load(dir, now);
        let read_only = notices
            .iter()
            .any(|n| matches!(n, Notice::NewerVersion { .. }));
        Ok((
            Store {
                dir: dir.to_path_buf(),
                read_only,
                lock: None,
            },
            progress,
            notices,
        ))
    }

    /// A profile's progress read without changing anything (no file is moved or created), for
    /// exports by a command while the app may be running.
    #[must_use]
    pub fn load_read_only(dir: &Path, _now: DateTime<Utc>) -> Progress {
        read(&dir.join(FILE))
            .or_else(|_| read(&dir.join(BACKUP)))
            .unwrap_or_default()
    }

    /// A store that never writes: for a second running copy, or a newer file.
    #[must_use]
    pub fn read_only(dir: &Path) -> Store {
        Store {
            dir: dir.to_path_buf(),
            read_only: true,
            lock: None,
        }
    }

    /// The data folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether saves are refused.
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Serializes progress for [`write_atomic`]; cheap enough for the UI thread.
    ///
    /// # Errors
    /// Never in practice (the model has no maps with non-string keys).
    pub fn encode(progress: &Progress) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(progress)
    }

    /// Saves progress now, on this thread.
    ///
    /// # Errors
    /// When the file cannot be written; the previous file is then left as it was.
    pub fn save(&self, progress: &Progress) -> Result<(), StoreError> {
        if self.read_only {
            return Ok(());
        }
        let bytes = Self::encode(progress).map_err(|e| StoreError::Write {
            path: self.dir.join(FILE),
            source: std::io::Error::other(e),
        })?;
        write_atomic(&self.dir, &bytes)
    }
}

/// Writes `bytes` as the progress file: a temp file in the same folder is written, flushed and
/// synced, the current file becomes the `.bak`, the temp file is renamed over it, and the folder
/// is synced. A crash at any point leaves either the old or the new file, plus a backup.
///
/// # Errors
/// When any step fails; the current file is then untouched.
pub fn write_atomic(dir: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let path = dir.join(FILE);
    let err = |source: std::io::Error| StoreError::Write {
        path: path.clone(),
        source,
    };
    let tmp = dir.join(format!("{FILE}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        if path.exists() {
            let bak_tmp = dir.join(format!("{BACKUP}.tmp"));
            let _ = fs::remove_file(&bak_tmp);
            // A hard link is instant; file systems without links (FAT on a USB stick) get a copy.
            if fs::hard_link(&path, &bak_tmp).is_err() {
                fs::copy(&path, &bak_tmp)?;
                File::open(&bak_tmp)?.sync_all()?;
            }
            fs::rename(&bak_tmp, dir.join(BACKUP))?;
        }
        fs::rename(&tmp, &path)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(err)
}

/// Makes a rename durable; not possible (nor needed) on every platform.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Loads progress from the folder, recovering from damage without deleting anything.
fn load(dir: &Path, now: DateTime<Utc>) -> (Progress, Vec<Notice>) {
    let path = dir.join(FILE);
    let backup = dir.join(BACKUP);
    if !path.exists() {
        // A crash between the two renames of a save leaves only the backup: use it silently.
        if let Ok(p) = read(&backup) {
            return checked(p);
        }
        return (Progress::default(), Vec::new());
    }
    match read(&path) {
        Ok(p) => checked(p),
        Err(_) => {
            let kept = move_aside(&path, now);
            match read(&backup) {
                Ok(p) => {
                    let (p, mut notices) = checked(p);
                    notices.insert(
                        0,
                        Notice::RestoredBackup {
                            kept_as: kept.unwrap_or(path),
                        },
                    );
                    (p, notices)
                }
                Err(_) => {
                    let mut kept_as: Vec<PathBuf> = kept.into_iter().collect();
                    if backup.exists() {
                        kept_as.extend(move_aside(&backup, now));
                    }
                    (Progress::default(), vec![Notice::StartedFresh { kept_as }])
                }
            }
        }
    }
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

/// Reads and parses a progress file.
fn read(path: &Path) -> Result<Progress, Box<dyn std::error::Error>> {
    let bytes = fs::read(path)?;
    let mut progress: Progress = serde_json::from_slice(&bytes)?;
    progress.absorb_legacy();
    Ok(progress)
}

/// Renames a damaged file to `NAME.damaged-YYYYMMDD-HHMMSS`, never deleting it.
fn move_aside(path: &Path, now: DateTime<Utc>) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut target = path.with_file_name(format!("{name}.damaged-{stamp}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = path.with_file_name(format!("{name}.damaged-{stamp}-{n}"));
    }
    fs::rename(path, &target).ok()?;
    Some(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-28T10:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn saves_and_loads_and_keeps_a_backup() {
        let dir = tempfile::tempdir().expect("tmp");
        let (store, mut p, notices) = Store::open(dir.path(), now()).expect("open");
        assert!(notices.is_empty());
        p.learner.name = "Ada".into();
        store.save(&p).expect("save 1");
        p.learner.name = "Grace".into();
        store.save(&p).expect("save 2");
        drop(store);
        let (_, loaded, _) = Store::open(dir.path(), now()).expect("reopen");
        assert_eq!(loaded.learner.name, "Grace");
        let bak: Progress =
            serde_json::from_slice(&fs::read(dir.path().join(BACKUP)).expect("bak")).expect("json");
        assert_eq!(bak.learner.name, "Ada");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("ls")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "no temp files left behind");
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_and_the_backup_loaded() {
        let dir = tempfile::tempdir().expect("tmp");
        let (store, mut p, _) = Store::open(dir.path(), now()).expect("open");
        p.learner.name = "Ada".into();
        store.save(&p).expect("save");
        store.save(&p).expect("save again, making a backup");
        drop(store);
        fs::write(dir.path().join(FILE), b"{ not json").expect("corrupt");
        let (_, loaded, notices) = Store::open(dir.path(), now()).expect("reopen");
        assert_eq!(loaded.learner.name, "Ada");
        let [Notice::RestoredBackup { kept_as }] = notices.as_slice() else {
            panic!("expected a restore notice, got {notices:?}");
        };
        assert_eq!(
            fs::read(kept_as).expect("kept"),
            b"{ not json",
            "the damaged file is kept"
        );
        assert!(
            Notice::RestoredBackup {
                kept_as: kept_as.clone()
            }
            .message()
            .contains("could not be read")
        );
    }

    #[test]
    fn both_bad_starts_fresh_and_keeps_both() {
        let dir = tempfile::tempdir().expect("tmp");
        fs::write(dir.path().join(FILE), b"garbage").expect("w");
        fs::write(dir.path().join(BACKUP), b"more garbage").expect("w");
        let (_, loaded, notices) = Store::open(dir.path(), now()).expect("open");
        assert_eq!(loaded, Progress::default());
        let [Notice::StartedFresh { kept_as }] = notices.as_slice() else {
            panic!("expected a fresh start, got {notices:?}");
        };
        assert_eq!(kept_as.len(), 2);
        for k in kept_as {
            assert!(k.exists());
        }
    }

    #[test]
    fn a_newer_schema_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("tmp");
        let newer = format!(
            "{{\"schema\": {}, \"learner\": {{\"name\": \"Future\"}}}}",
            SCHEMA + 1
        );
        fs::write(dir.path().join(FILE), &newer).expect("w");
        let (store, p, notices) = Store::open(dir.path(), now()).expect("open");
        assert!(matches!(notices.as_slice(), [Notice::NewerVersion { .. }]));
        assert!(store.is_read_only());
        store.save(&p).expect("a refused save is not an error");
        assert_eq!(fs::read_to_string(dir.path().join(FILE)).expect("r"), newer);
    }

    #[test]
    fn a_second_copy_is_refused_while_the_first_runs() {
        let dir = tempfile::tempdir().expect("tmp");
        let (first, _, _) = Store::open(dir.path(), now()).expect("first");
        let second = Store::open(dir.path(), now());
        assert!(matches!(second, Err(StoreError::InUse(_))));
        drop(first);
        assert!(
            Store::open(dir.path(), now()).is_ok(),
            "free again once the first closes"
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("tmp");
        let (store, mut p, _) = Store::open(dir.path(), now()).expect("open");
        p.learner.name = "Ada".into();
        store.save(&p).expect("save");
        // A folder where the temp file must go makes the write fail, as a full disk would.
        let blocker = dir
            .path()
            .join(format!("{FILE}.tmp-{}", std::process::id()));
        fs::create_dir(&blocker).expect("block");
        p.learner.name = "Lost".into();
        assert!(store.save(&p).is_err());
        fs::remove_dir(&blocker).expect("unblock");
        drop(store);
        let (_, loaded, _) = Store::open(dir.path(), now()).expect("reopen");
        assert_eq!(loaded.learner.name, "Ada");
    }

    #[test]
    fn only_a_backup_after_a_crash_between_renames_loads_silently() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut p = Progress::default();
        p.learner.name = "Ada".into();
        fs::write(
            dir.path().join(BACKUP),
            serde_json::to_vec(&p).expect("json"),
        )
        .expect("w");
        let (_, loaded, notices) = Store::open(dir.path(), now()).expect("open");
        assert_eq!(loaded.learner.name, "Ada");
        assert!(notices.is_empty());
    }
}
