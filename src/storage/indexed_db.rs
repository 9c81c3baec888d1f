//! The page's IndexedDB behind [`super::browser::Mirrored`]: the database `beacon`, one object
//! store `files` whose keys and values are those [`super::browser::BrowserStorage`] writes
//! (`beacon/profiles/p1/progress.json` → `t:{...}`). Everything is read once before the app
//! starts; each change is then one `readwrite` transaction of its own, with `strict`
//! durability, issued at once. IndexedDB runs transactions whose scopes overlap in the order
//! they were made, so the changes land in the order the app made them, each whole or not at
//! all. A transaction that aborts (a full quota) is recorded, and the storage then refuses
//! further writes, saying why.
//!
//! Two tabs: the page takes the Web Lock `beacon-data` (`navigator.locks.request` with
//! `ifAvailable`) and keeps it while it lives; a tab that cannot have it does not save.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use eframe::wasm_bindgen::closure::Closure;
use eframe::wasm_bindgen::{JsCast as _, JsValue};

use super::browser::{Persist, js_error};

/// The database's name.
const DATABASE: &str = "beacon";
/// The object store of the data folder's files.
const STORE: &str = "files";
/// The Web Lock that the one saving tab holds.
const LOCK: &str = "beacon-data";

thread_local! {
    /// The open database (JavaScript objects stay on the page's one thread).
    static DB: RefCell<Option<web_sys::IdbDatabase>> = const { RefCell::new(None) };
    /// The handler of aborted transactions, shared by all of them.
    static ON_ABORT: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// A request's result, once it has succeeded.
async fn done(request: &web_sys::IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let r = request.clone();
        let ok = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = request.clone();
        let failed = Closure::once_into_js(move |_: JsValue| {
            let message = r
                .error()
                .ok()
                .flatten()
                .map_or_else(|| "unknown error".to_owned(), |e| e.message());
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&message));
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(failed.unchecked_ref()));
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| js_error(&e))
}

/// Opens the database (creating its store the first time) and reads every entry.
///
/// # Errors
/// When the browser offers no IndexedDB here or refuses to open it.
pub async fn open() -> Result<(BTreeMap<String, String>, IdbPersist), String> {
    let factory = web_sys::window()
        .ok_or("there is no browser window")?
        .indexed_db()
        .map_err(|e| js_error(&e))?
        .ok_or("this browser offers no IndexedDB here")?;
    let request = factory
        .open_with_u32(DATABASE, 1)
        .map_err(|e| js_error(&e))?;
    let upgrading = request.clone();
    let upgrade = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        if let Ok(db) = upgrading.result() {
            let db: web_sys::IdbDatabase = db.unchecked_into();
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db: web_sys::IdbDatabase = done(&request).await?.unchecked_into();
    request.set_onupgradeneeded(None);
    drop(upgrade);

    let tx = db.transaction_with_str(STORE).map_err(|e| js_error(&e))?;
    let store = tx.object_store(STORE).map_err(|e| js_error(&e))?;
    let keys = store.get_all_keys().map_err(|e| js_error(&e))?;
    let values = store.get_all().map_err(|e| js_error(&e))?;
    let keys: js_sys::Array = done(&keys).await?.unchecked_into();
    let values: js_sys::Array = done(&values).await?.unchecked_into();
    let mut entries = BTreeMap::new();
    for (k, v) in keys.iter().zip(values.iter()) {
        if let (Some(k), Some(v)) = (k.as_string(), v.as_string()) {
            entries.insert(k, v);
        }
    }

    let failure = Arc::new(Mutex::new(None));
    let recorded = Arc::clone(&failure);
    let on_abort = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let why = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbTransaction>().ok())
            .and_then(|t| t.error())
            .map_or_else(
                || "a change was aborted".to_owned(),
                |e| format!("{}: {}", e.name(), e.message()),
            );
        web_sys::console::error_1(&format!("Beacon's storage: {why}").into());
        recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert(why);
    });
    ON_ABORT.with(|h| *h.borrow_mut() = Some(on_abort.into_js_value().unchecked_into()));
    DB.with(|d| *d.borrow_mut() = Some(db));
    Ok((entries, IdbPersist { failure }))
}

/// Sends changes to the open database.
#[derive(Debug, Clone)]
pub struct IdbPersist {
    failure: Arc<Mutex<Option<String>>>,
}

impl IdbPersist {
    /// Makes one `readwrite` transaction with `strict` durability (the data is on disk when it
    /// completes) and does `change` in it.
    fn change(&self, change: impl FnOnce(&web_sys::IdbObjectStore) -> Result<(), JsValue>) {
        let made = DB.with(|db| -> Result<(), JsValue> {
            let db = db.borrow();
            let db = db
                .as_ref()
                .ok_or_else(|| JsValue::from_str("IndexedDB is not open"))?;
            // `transaction(store, mode, {durability})`: web-sys has the options only among
            // its unstable APIs.
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"durability".into(), &"strict".into())?;
            let transaction: js_sys::Function =
                js_sys::Reflect::get(db, &"transaction".into())?.dyn_into()?;
            let tx: web_sys::IdbTransaction = transaction
                .call3(db, &STORE.into(), &"readwrite".into(), &options)?
                .dyn_into()?;
            ON_ABORT.with(|h| tx.set_onabort(h.borrow().as_ref()));
            change(&tx.object_store(STORE)?)
        });
        if let Err(e) = made {
            self.failure
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get_or_insert(js_error(&e));
        }
    }
}

impl Persist for IdbPersist {
    fn put(&self, key: &str, value: &str) {
        self.change(|store| {
            store
                .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
                .map(drop)
        });
    }

    fn delete(&self, key: &str) {
        self.change(|store| store.delete(&JsValue::from_str(key)).map(drop));
    }

    fn failure(&self) -> Option<String> {
        self.failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Waits `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Asks once for the lock without waiting: whether this page now holds it (for as long as it
/// lives), or `None` when the browser has no Web Locks here.
async fn try_lock() -> Option<bool> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request: js_sys::Function = js_sys::Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE).ok()?;
    let answer = js_sys::Promise::new(&mut |resolve, _| {
        let told = resolve.clone();
        let callback = Closure::once_into_js(move |lock: JsValue| -> js_sys::Promise {
            let held = !lock.is_null();
            let _ = told.call1(&JsValue::NULL, &JsValue::from_bool(held));
            if held {
                // Never settles: the lock is held until the page goes.
                js_sys::Promise::new(&mut |_, _| {})
            } else {
                js_sys::Promise::resolve(&JsValue::UNDEFINED)
            }
        });
        if request
            .call3(&locks, &LOCK.into(), &options, &callback)
            .is_err()
        {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
        }
    });
    wasm_bindgen_futures::JsFuture::from(answer)
        .await
        .ok()
        .and_then(|v| v.as_bool())
}

/// Takes the lock of the one tab that saves: `false` when another tab of this site holds it.
/// A page being reloaded may still hold it for a moment, so a refusal is asked again a few
/// times within about a second. Without Web Locks the page goes on without one, as the
/// desktop does on a file system without locks.
pub async fn take_lock() -> bool {
    for attempt in 0..5 {
        match try_lock().await {
            None | Some(true) => return true,
            Some(false) if attempt < 4 => sleep(250).await,
            Some(false) => {}
        }
    }
    false
}
