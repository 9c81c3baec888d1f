//! Saving without making the learner wait: on the desktop a worker thread writes the encoded
//! progress while the UI goes on (only the newest pending version is written); where threads
//! are not available (the browser) or the thread cannot start, each save is written at once.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;

use beacon_core::data::ProgressFile;
use chrono::{DateTime, Utc};

/// How far the worker has got.
#[derive(Debug, Default)]
struct State {
    sent: u64,
    written: u64,
    error: Option<String>,
}

/// A save waiting for the worker: its number, the bytes and when it was made.
type Job = (u64, Vec<u8>, DateTime<Utc>);

/// A writer of one progress file.
#[derive(Debug)]
pub struct Saver {
    file: Arc<ProgressFile>,
    tx: Option<Sender<Job>>,
    worker: Option<JoinHandle<()>>,
    state: Arc<(Mutex<State>, Condvar)>,
}

impl Saver {
    /// Starts a worker writing `file`. When the thread cannot start, the saver writes on the
    /// caller's thread instead and returns the reason as well, to be shown.
    #[must_use]
    pub fn new(file: Arc<ProgressFile>) -> (Self, Option<String>) {
        let state = Arc::new((Mutex::new(State::default()), Condvar::new()));
        let mut saver = Self {
            file: Arc::clone(&file),
            tx: None,
            worker: None,
            state: Arc::clone(&state),
        };
        if cfg!(target_arch = "wasm32") {
            return (saver, None);
        }
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("beacon-saver".into())
            .spawn(move || run(&file, &rx, &state));
        match spawned {
            Ok(worker) => {
                saver.tx = Some(tx);
                saver.worker = Some(worker);
                (saver, None)
            }
            Err(e) => (
                saver,
                Some(format!(
                    "Beacon could not start its background saver ({e}), so it saves while you wait; your progress is still saved after every answer."
                )),
            ),
        }
    }

    /// The file written.
    #[must_use]
    pub fn file(&self) -> &Arc<ProgressFile> {
        &self.file
    }

    /// Queues `bytes` to be written (or writes them now, without a worker).
    pub fn save(&self, bytes: Vec<u8>, now: DateTime<Utc>) {
        let (lock, cvar) = &*self.state;
        let mut s = lock.lock().unwrap_or_else(PoisonError::into_inner);
        s.sent += 1;
        let n = s.sent;
        match &self.tx {
            Some(tx) => {
                drop(s);
                let _ = tx.send((n, bytes, now));
            }
            None => {
                let result = self.file.save_encoded(&bytes, now);
                s.written = n;
                s.error = result.err().map(|e| e.to_string());
                cvar.notify_all();
            }
        }
    }

    /// Waits until everything queued is written; returns the last error, if the last write
    /// failed.
    pub fn flush(&self) -> Option<String> {
        let (lock, cvar) = &*self.state;
        let mut s = lock.lock().unwrap_or_else(PoisonError::into_inner);
        while s.written < s.sent && self.worker.as_ref().is_some_and(|w| !w.is_finished()) {
            s = cvar.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
        s.error.clone()
    }

    /// The error of the last write, if it failed and was not dismissed.
    #[must_use]
    pub fn last_error(&self) -> Option<String> {
        let (lock, _) = &*self.state;
        lock.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .error
            .clone()
    }

    /// Forgets the last error (the learner dismissed it); the next failing save shows it again.
    pub fn dismiss_error(&self) {
        let (lock, _) = &*self.state;
        lock.lock().unwrap_or_else(PoisonError::into_inner).error = None;
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

/// The worker: write the newest queued version, report, repeat until the sender is gone.
fn run(file: &ProgressFile, rx: &Receiver<Job>, state: &(Mutex<State>, Condvar)) {
    while let Ok(mut job) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            job = newer;
        }
        let (n, bytes, now) = job;
        let result = file.save_encoded(&bytes, now);
        let (lock, cvar) = state;
        let mut s = lock.lock().unwrap_or_else(PoisonError::into_inner);
        s.written = n;
        s.error = result.err().map(|e| e.to_string());
        cvar.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use beacon_core::data::progress_file::{encode, parse};
    use beacon_core::progress::Progress;
    use beacon_core::storage::{MemoryStorage, Storage};

    fn now() -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH
    }

    fn file(s: &Arc<MemoryStorage>) -> Arc<ProgressFile> {
        Arc::new(ProgressFile::open(Arc::clone(s) as Arc<dyn Storage>, "p1", now()).0)
    }

    #[test]
    fn the_newest_version_is_stored_after_flush() {
        let s = Arc::new(MemoryStorage::new());
        let (saver, problem) = Saver::new(file(&s));
        assert_eq!(problem, None);
        let mut p = Progress::default();
        for i in 0..50 {
            p.learner.name = format!("v{i}");
            saver.save(encode(&p), now());
        }
        assert_eq!(saver.flush(), None);
        let stored = parse(&s.read("p1/progress.json").expect("r").expect("file")).expect("json");
        assert_eq!(stored.learner.name, "v49");
    }

    #[test]
    fn a_failed_write_is_reported_until_dismissed() {
        let s = Arc::new(MemoryStorage::new());
        let (saver, _) = Saver::new(file(&s));
        s.fail_writes(Some("No space left on device"));
        saver.save(encode(&Progress::default()), now());
        assert!(saver.flush().is_some_and(|e| e.contains("No space left")));
        assert!(saver.last_error().is_some());
        saver.dismiss_error();
        assert_eq!(saver.last_error(), None);
        s.fail_writes(None);
        saver.save(encode(&Progress::default()), now());
        assert_eq!(saver.flush(), None, "freeing space and saving again works");
        assert!(s.exists("p1/progress.json"));
    }
}
