//! The desktop's storage: a data folder on disk. Writes go to a temp file in the same folder that
//! is flushed and synced, the current file becomes the backup through a hard link (a copy where
//! links are not possible), the temp file is renamed over the current one and the folder is
//! synced: a crash at any point leaves the old or the new file, plus the one before. A lock file
//! keeps a second running copy from writing. Only regular files inside the data folder are ever
//! opened: a named pipe, a device or a link leading out of the folder is refused, so nothing
//! can hang or escape.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use beacon_core::storage::{Listed, Storage, StorageError, is_safe_name};

/// The lock file's name in the data folder.
pub const LOCK: &str = "beacon.lock";

/// A data folder on disk.
#[derive(Debug)]
pub struct FileStorage {
    root: PathBuf,
    /// The data folder's real path, to tell links that lead out of it.
    real_root: PathBuf,
    read_only: Option<String>,
    /// Held while open.
    _lock: Option<File>,
}

impl FileStorage {
    /// Opens the data folder `root` (creating it), takes its lock and removes temp files left
    /// by a crash. When another copy of Beacon holds the lock, the storage opens read-only and
    /// [`Storage::read_only_reason`] says why.
    #[must_use]
    pub fn open(root: &Path) -> FileStorage {
        let _ = fs::create_dir_all(root);
        let real_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(root.join(LOCK));
        let (lock, read_only) = match lock {
            Ok(file) => match file.try_lock() {
                // Without locks on this file system, go on without one.
                Ok(()) | Err(TryLockError::Error(_)) => (Some(file), None),
                Err(TryLockError::WouldBlock) => (
                    None,
                    Some(format!(
                        "Beacon is already open with the data folder {}. Close the other window first; this one will not save anything",
                        root.display()
                    )),
                ),
            },
            // The folder cannot be made now (a full disk, say): writes will try again.
            Err(_) => (None, None),
        };
        let storage = FileStorage {
            root: root.to_path_buf(),
            real_root,
            read_only,
            _lock: lock,
        };
        if storage.read_only.is_none() {
            remove_leftovers(&storage.root, 5);
        }
        storage
    }

    /// A view of the data folder that never writes, saying `reason` (for commands that only
    /// read, such as exports, while the app may be running).
    #[must_use]
    pub fn read_only(root: &Path, reason: &str) -> FileStorage {
        FileStorage {
            root: root.to_path_buf(),
            real_root: fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            read_only: Some(reason.to_owned()),
            _lock: None,
        }
    }

    /// The data folder, writable without taking its lock, for commands that only add files no
    /// running copy writes (`beacon import` adds to `courses/`). Leftover temp files are left
    /// alone, since a running copy may be writing them.
    #[must_use]
    pub fn unlocked(root: &Path) -> FileStorage {
        FileStorage {
            root: root.to_path_buf(),
            real_root: fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            read_only: None,
            _lock: None,
        }
    }

    /// The data folder.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path of a name, refusing names that could leave the data folder.
    fn path(&self, name: &str) -> Result<PathBuf, StorageError> {
        if name.is_empty() {
            return Ok(self.root.clone());
        }
        if !is_safe_name(name) {
            return Err(StorageError::OutsideLink {
                place: format!("{} (in {})", name, self.root.display()),
            });
        }
        Ok(self.root.join(name))
    }

    /// The path of an existing name whose real location is inside the data folder.
    fn inside(&self, name: &str, path: &Path) -> Result<(), StorageError> {
        match fs::canonicalize(path) {
            Ok(real) if real.starts_with(&self.real_root) => Ok(()),
            Ok(_) => Err(StorageError::OutsideLink {
                place: self.locate(name),
            }),
            Err(e) => Err(self.io(name, "read", &e)),
        }
    }

    fn io(&self, name: &str, doing: &'static str, e: &std::io::Error) -> StorageError {
        StorageError::Io {
            place: self.locate(name),
            doing,
            message: e.to_string(),
        }
    }

    fn check_writable(&self, name: &str) -> Result<(), StorageError> {
        match &self.read_only {
            Some(reason) => Err(StorageError::ReadOnly {
                place: self.locate(name),
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }
}

/// Removes temp files a crash left behind (`NAME.tmp-PID`), down to `depth` folders.
fn remove_leftovers(dir: &Path, depth: u32) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if kind.is_dir() && depth > 0 {
            remove_leftovers(&entry.path(), depth - 1);
        } else if kind.is_file() && is_temp(&name) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a file name is one of our temp files: `NAME.tmp-DIGITS`.
fn is_temp(name: &str) -> bool {
    name.rsplit_once(".tmp-").is_some_and(|(stem, pid)| {
        !stem.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Makes a rename durable; not possible (nor needed) on every platform.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

impl Storage for FileStorage {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let path = self.path(name)?;
        let meta = match fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(self.io(name, "read", &e)),
        };
        if meta.file_type().is_symlink() {
            self.inside(name, &path)?;
        }
        // Never open a named pipe or a device: opening one can block for ever.
        let real = fs::metadata(&path).map_err(|e| self.io(name, "read", &e))?;
        if !real.is_file() {
            return Err(StorageError::NotAFile {
                place: self.locate(name),
            });
        }
        let mut bytes = Vec::new();
        File::open(&path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(|e| self.io(name, "read", &e))?;
        Ok(Some(bytes))
    }

    fn write(&self, name: &str, bytes: &[u8], backup: Option<&str>) -> Result<(), StorageError> {
        self.check_writable(name)?;
        let path = self.path(name)?;
        let backup = backup.map(|b| self.path(b)).transpose()?;
        let dir = path.parent().unwrap_or(&self.root).to_path_buf();
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let pid = std::process::id();
        let tmp = dir.join(format!("{file_name}.tmp-{pid}"));
        let result = (|| {
            fs::create_dir_all(&dir)?;
            if let Ok(meta) = fs::symlink_metadata(&path)
                && !meta.is_file()
            {
                return Err(std::io::Error::other(
                    "something other than a regular file is in its place",
                ));
            }
            let mut f = File::create(&tmp)?;
            f.write_all(bytes)?;
            f.flush()?;
            f.sync_all()?;
            drop(f);
            if let Some(backup) = &backup
                && path.exists()
            {
                let bak_name = backup
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let bak_tmp = dir.join(format!("{bak_name}.tmp-{pid}"));
                let _ = fs::remove_file(&bak_tmp);
                // A hard link is instant; file systems without links (FAT on a USB stick) get a
                // copy.
                if fs::hard_link(&path, &bak_tmp).is_err() {
                    fs::copy(&path, &bak_tmp)?;
                    File::open(&bak_tmp)?.sync_all()?;
                }
                fs::rename(&bak_tmp, backup)?;
            }
            fs::rename(&tmp, &path)?;
            sync_dir(&dir);
            Ok(())
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result.map_err(|e| self.io(name, "written", &e))
    }

    fn rename(&self, from: &str, to: &str) -> Result<(), StorageError> {
        self.check_writable(from)?;
        let (src, dst) = (self.path(from)?, self.path(to)?);
        if fs::symlink_metadata(&dst).is_ok() {
            return Err(StorageError::Io {
                place: self.locate(to),
                doing: "renamed",
                message: "something of that name is already there".into(),
            });
        }
        let result = (|| {
            if let Some(parent) = dst.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::rename(&src, &dst)?;
            if let Some(parent) = dst.parent() {
                sync_dir(parent);
            }
            Ok(())
        })();
        result.map_err(|e: std::io::Error| self.io(from, "renamed", &e))
    }

    fn remove(&self, name: &str) -> Result<(), StorageError> {
        self.check_writable(name)?;
        let path = self.path(name)?;
        let result = match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(&path),
            Ok(_) => fs::remove_file(&path),
        };
        result.map_err(|e| self.io(name, "removed", &e))
    }

    fn list(&self, folder: &str) -> Result<Vec<Listed>, StorageError> {
        let path = self.path(folder)?;
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.io(folder, "listed", &e)),
            Ok(meta) if meta.file_type().is_symlink() => self.inside(folder, &path)?,
            Ok(_) => {}
        }
        let entries = fs::read_dir(&path).map_err(|e| self.io(folder, "listed", &e))?;
        let mut out: Vec<Listed> = entries
            .filter_map(Result::ok)
            .map(|e| Listed {
                name: e.file_name().to_string_lossy().into_owned(),
                // A link counts as what it leads to; reading it checks where that is.
                is_folder: e.path().is_dir(),
            })
            .filter(|l| !is_temp(&l.name) && l.name != LOCK)
            .collect();
        out.sort();
        Ok(out)
    }

    fn locate(&self, name: &str) -> String {
        if name.is_empty() {
            self.root.display().to_string()
        } else {
            self.root.join(name).display().to_string()
        }
    }

    fn read_only_reason(&self) -> Option<String> {
        self.read_only.clone()
    }

    fn size(&self, name: &str) -> Option<u64> {
        let path = self.path(name).ok()?;
        fs::metadata(path)
            .ok()
            .filter(fs::Metadata::is_file)
            .map(|m| m.len())
    }

    fn exists(&self, name: &str) -> bool {
        self.path(name)
            .is_ok_and(|p| fs::symlink_metadata(p).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_keep_a_backup_and_leave_no_temp_files() {
        let dir = tempfile::tempdir().expect("tmp");
        let s = FileStorage::open(dir.path());
        s.write("p/progress.json", b"1", Some("p/progress.json.bak"))
            .expect("1");
        s.write("p/progress.json", b"2", Some("p/progress.json.bak"))
            .expect("2");
        assert_eq!(
            s.read("p/progress.json").expect("r").as_deref(),
            Some(&b"2"[..])
        );
        assert_eq!(
            s.read("p/progress.json.bak").expect("r").as_deref(),
            Some(&b"1"[..])
        );
        let names: Vec<String> = s
            .list("p")
            .expect("ls")
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert_eq!(names, ["progress.json", "progress.json.bak"]);
    }

    #[test]
    fn leftover_temp_files_are_removed_at_start() {
        let dir = tempfile::tempdir().expect("tmp");
        fs::create_dir_all(dir.path().join("profiles/p1")).expect("mk");
        for f in [
            "progress.json.tmp-123",
            "profiles/p1/progress.json.tmp-99",
            "profiles/p1/progress.json.bak.tmp-7",
        ] {
            fs::write(dir.path().join(f), b"partial").expect("w");
        }
        fs::write(dir.path().join("profiles/p1/notes.tmp-x"), b"mine").expect("w");
        drop(FileStorage::open(dir.path()));
        assert!(!dir.path().join("progress.json.tmp-123").exists());
        assert!(!dir.path().join("profiles/p1/progress.json.tmp-99").exists());
        assert!(
            !dir.path()
                .join("profiles/p1/progress.json.bak.tmp-7")
                .exists()
        );
        assert!(
            dir.path().join("profiles/p1/notes.tmp-x").exists(),
            "not ours"
        );
    }

    #[test]
    fn a_second_copy_is_read_only_and_writes_nothing() {
        let dir = tempfile::tempdir().expect("tmp");
        let first = FileStorage::open(dir.path());
        assert_eq!(first.read_only_reason(), None);
        let second = FileStorage::open(dir.path());
        assert!(
            second
                .read_only_reason()
                .is_some_and(|r| r.contains("already open"))
        );
        assert!(matches!(
            second.write("x", b"1", None),
            Err(StorageError::ReadOnly { .. })
        ));
        assert!(!dir.path().join("x").exists());
        drop(first);
        // Another test of this process may fork a child (`mkfifo`) that holds a copy of the
        // lock's descriptor until it runs its program (std closes it then): give it a moment.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut third = FileStorage::open(dir.path());
        while third.read_only_reason().is_some() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
            third = FileStorage::open(dir.path());
        }
        assert_eq!(
            third.read_only_reason(),
            None,
            "the lock is free once closed"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_or_a_folder_is_refused_without_hanging() {
        let dir = tempfile::tempdir().expect("tmp");
        let s = FileStorage::open(dir.path());
        let fifo = dir.path().join("progress.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        assert!(matches!(
            s.read("progress.json"),
            Err(StorageError::NotAFile { .. })
        ));
        assert!(s.write("progress.json", b"x", None).is_err());
        fs::create_dir(dir.path().join("profiles.json")).expect("dir");
        assert!(matches!(
            s.read("profiles.json"),
            Err(StorageError::NotAFile { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_refused() {
        let outside = tempfile::tempdir().expect("tmp");
        fs::write(outside.path().join("secret"), b"s").expect("w");
        let dir = tempfile::tempdir().expect("tmp");
        std::os::unix::fs::symlink(outside.path().join("secret"), dir.path().join("link"))
            .expect("link");
        let s = FileStorage::open(dir.path());
        assert!(matches!(
            s.read("link"),
            Err(StorageError::OutsideLink { .. })
        ));
        assert!(matches!(
            s.read("../x"),
            Err(StorageError::OutsideLink { .. })
        ));
    }
}
