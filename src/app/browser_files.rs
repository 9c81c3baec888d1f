//! Files in the browser: a document is downloaded (a Blob and a link with `download`, which the
//! browser saves where it saves downloads), and a file is chosen with the page's own file
//! picker (an `<input type=file>`), whose content the app reads.

use std::cell::RefCell;
use std::rc::Rc;

use eframe::wasm_bindgen::closure::Closure;
use eframe::wasm_bindgen::{JsCast as _, JsValue};

use crate::storage::browser::js_error;

/// The media type a browser should give a download.
fn media_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, e)| e) {
        Some("pdf") => "application/pdf",
        Some("json") => "application/json",
        Some("csv") => "text/csv",
        Some("html") => "text/html",
        Some("gift" | "txt") => "text/plain",
        _ => "application/octet-stream",
    }
}

/// Downloads `bytes` as the file `name`.
///
/// # Errors
/// When the page cannot make the download.
pub fn download(name: &str, bytes: &[u8]) -> Result<(), String> {
    let made = (|| -> Result<(), JsValue> {
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let document = window
            .document()
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(media_type(name));
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        link.set_href(&url);
        link.set_download(name);
        link.click();
        // The download has its own copy by then; the address is let go a minute later.
        let revoke = Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        window.set_timeout_with_callback_and_timeout_and_arguments_0(
            revoke.unchecked_ref(),
            60_000,
        )?;
        Ok(())
    })();
    made.map_err(|e| js_error(&e))
}

/// What a file picker gives: the file's name and content, `None` when cancelled.
pub type Picked = Result<Option<(String, Vec<u8>)>, String>;

/// What a picker of several files gives: each file's name and its content (or why it could
/// not be read); none when cancelled.
pub type PickedMany = Result<Vec<(String, Result<Vec<u8>, String>)>, String>;

/// Who is told what was picked, once (by the change or the cancel event, whichever comes).
type Done = Rc<RefCell<Option<Box<dyn FnOnce(PickedMany)>>>>;

/// Shows the browser's file picker for one file of `accept` (as the `accept` attribute) and
/// calls `done` once with what the person chose.
pub fn pick(accept: &str, done: impl FnOnce(Picked) + 'static) {
    show_picker(accept, false, move |picked| {
        done(picked.and_then(|files| match files.into_iter().next() {
            Some((name, bytes)) => bytes.map(|b| Some((name, b))),
            None => Ok(None),
        }));
    });
}

/// Shows the browser's file picker for any number of files of `accept` and calls `done` once
/// with all of them, read.
pub fn pick_many(accept: &str, done: impl FnOnce(PickedMany) + 'static) {
    show_picker(accept, true, done);
}

fn show_picker(accept: &str, multiple: bool, done: impl FnOnce(PickedMany) + 'static) {
    let done: Done = Rc::new(RefCell::new(Some(Box::new(done))));
    let finish = |done: &Done, picked: PickedMany| {
        if let Some(done) = done.borrow_mut().take() {
            done(picked);
        }
    };
    let input = (|| -> Result<web_sys::HtmlInputElement, JsValue> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let input: web_sys::HtmlInputElement = document.create_element("input")?.dyn_into()?;
        input.set_type("file");
        input.set_accept(accept);
        input.set_multiple(multiple);
        Ok(input)
    })();
    let input = match input {
        Ok(input) => input,
        Err(e) => return finish(&done, Err(js_error(&e))),
    };
    let on_change = {
        let done = Rc::clone(&done);
        let input = input.clone();
        Closure::once_into_js(move || {
            let files: Vec<web_sys::File> = input
                .files()
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            wasm_bindgen_futures::spawn_local(async move {
                let mut read = Vec::with_capacity(files.len());
                for file in files {
                    let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                        .await
                        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                        .map_err(|e| {
                            format!("{} could not be read: {}", file.name(), js_error(&e))
                        });
                    read.push((file.name(), bytes));
                }
                finish(&done, Ok(read));
            });
        })
    };
    let on_cancel = {
        let done = Rc::clone(&done);
        Closure::once_into_js(move || finish(&done, Ok(Vec::new())))
    };
    input.set_onchange(Some(on_change.unchecked_ref()));
    input.set_oncancel(Some(on_cancel.unchecked_ref()));
    input.click();
}
