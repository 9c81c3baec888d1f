//! Saving off the UI thread: the UI hands over the encoded progress and goes on; a worker
//! writes it atomically. Only the newest pending version is written.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;

use super::store::write_atomic;

/// How far the worker has got.
#[derive(Debug, Default)]
struct State {
    sent: u64,
    written: u64,
    error: Option<String>,
}

/// A background writer of the progress file.
#[derive(Debug)]
pub struct Saver {
    tx: Option<Sender<(u64, Vec<u8>)>>,
    worker: Option<JoinHandle<()>>,
    state: Arc<(Mutex<State>, Condvar)>,
}

impl Saver {
    /// Starts a worker writing into `dir`.
    #[must_use]
    pub fn new(dir: PathBuf) -> Self {
        let (tx, rx) = channel();
        let state = Arc::new((Mutex::new(State::default()), Condvar::new()));
        let worker_state = Arc::clone(&state);
        let worker = std::thread::Builder::new()
            .name("beacon-saver".into())
            .spawn(move || run(&dir, &rx, &worker_state))
            .ok();
        Self {
            tx: Some(tx),
            worker,
            state,
        }
    }

    /// Queues `bytes` to be written; returns at once.
    pub fn save(&self, bytes: Vec<u8>) {
        let (lock, _) = &*self.state;
        let mut s = lock.lock().unwrap_or_else(PoisonError::into_inner);
        s.sent += 1;
        let n = s.sent;
        drop(s);
        if let Some(tx) = &self.tx {
            let _ = tx.send((n, bytes));
        }
    }

    /// Waits until everything queued is written; returns the last error, if the last write failed.
    pub fn flush(&self) -> Option<String> {
        let (lock, cvar) = &*self.state;
        let mut s = lock.lock().unwrap_or_else(PoisonError::into_inner);
        while s.written < s.sent && self.worker.as_ref().is_some_and(|w| !w.is_finished()) {
            s = cvar.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
        s.error.clone()
    }

    /// The error of the last write, if it failed.
    #[must_use]
    pub fn last_error(&self) -> Option<String> {
        let (lock, _) = &*self.state;
        lock.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .error
            .clone()
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
fn run(dir: &std::path::Path, rx: &Receiver<(u64, Vec<u8>)>, state: &(Mutex<State>, Condvar)) {
    while let Ok(mut job) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            job = newer;
        }
        let (n, bytes) = job;
        let result = write_atomic(dir, &bytes);
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
    use crate::progress::{FILE, Progress};

    #[test]
    fn the_newest_version_is_on_disk_after_flush() {
        let dir = tempfile::tempdir().expect("tmp");
        let saver = Saver::new(dir.path().to_path_buf());
        let mut p = Progress::default();
        for i in 0..50 {
            p.learner.name = format!("v{i}");
            saver.save(serde_json::to_vec(&p).expect("json"));
        }
        assert_eq!(saver.flush(), None);
        let on_disk: Progress =
            serde_json::from_slice(&std::fs::read(dir.path().join(FILE)).expect("r"))
                .expect("json");
        assert_eq!(on_disk.learner.name, "v49");
    }

    #[test]
    fn a_failed_write_is_reported() {
        let dir = tempfile::tempdir().expect("tmp");
        let missing = dir.path().join("gone");
        let saver = Saver::new(missing);
        saver.save(b"{}".to_vec());
        assert!(
            saver
                .flush()
                .is_some_and(|e| e.contains("could not be saved"))
        );
    }
}
