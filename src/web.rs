//! The browser's entry point: Beacon drawn by eframe's web runner into the page's canvas
//! `beacon_canvas` (see `web/index.html`), with the learner's progress in the page's storage
//! (IndexedDB, read before the app starts: [`crate::storage::browser::open_in_page`]).
//! `scripts/web` builds it.

use std::sync::Arc;

use eframe::wasm_bindgen::JsCast as _;
use eframe::web_sys;

use crate::app::{BeaconApp, Options, SystemClock};

pub(crate) mod scorm;

/// Starts Beacon in the page: replaces the "Loading" line with the app, or says that it could
/// not start.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(canvas) = document
            .get_element_by_id("beacon_canvas")
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        let options = Options {
            course_dir: None,
            data_dir: std::path::PathBuf::new(),
            clock: Arc::new(SystemClock),
            seed: seed_in_address(),
            tz: Options::local_tz(),
        };
        // Run from a SCORM package: its own course, and the LMS keeps the progress; browser
        // storage only without an LMS.
        let package = scorm::Package::read(&document).await;
        let storage: Arc<dyn beacon_core::storage::Storage> =
            match package.connect(options.clock.now()) {
                Some(lms) => lms,
                None => Arc::new(crate::storage::browser::open_in_page().await),
            };
        let started = eframe::WebRunner::new()
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(move |_cc| {
                    Ok(Box::new(WebApp {
                        app: package.app(&options, storage),
                        marked: false,
                        notice: None,
                    }))
                }),
            )
            .await;
        if let Some(loading) = document.get_element_by_id("loading") {
            match started {
                Ok(()) => loading.remove(),
                Err(e) => {
                    web_sys::console::error_1(&e);
                    loading.set_text_content(Some("Beacon could not start in this browser."));
                }
            }
        }
    });
}

/// Fills the screen with the page (the Fullscreen API), or leaves full screen: presenter mode
/// in the browser. The click that starts presenting is the user gesture browsers ask for;
/// Esc or the browser's own control leaves full screen as well.
pub fn fullscreen(on: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let full = document.fullscreen_element().is_some();
    if on && !full {
        if let Some(root) = document.document_element()
            && let Err(e) = root.request_fullscreen()
        {
            web_sys::console::warn_1(&e);
        }
    } else if !on && full {
        document.exit_fullscreen();
    }
}

/// The seed of the first quiz when the page's address asks for one (`?seed=N`, for tests and
/// reproducible demonstrations, as `--seed` on the desktop); each quiz is drawn at random
/// otherwise.
fn seed_in_address() -> Option<u64> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("seed="))
        .and_then(|n| n.parse().ok())
}

/// The app, whether its first frame is marked, and the notice last put in the page.
struct WebApp {
    app: BeaconApp,
    marked: bool,
    notice: Option<String>,
}

impl eframe::App for WebApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.frame_ui(ui);
        if self.app.notice() != self.notice.as_deref() {
            self.notice = self.app.notice().map(str::to_owned);
            page_notice(self.notice.as_deref());
        }
        if !self.marked {
            self.marked = true;
            mark_first_frame();
        }
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        eframe::App::on_exit(&mut self.app, gl);
    }
}

/// Records the time of the first frame as the page's performance mark `first-frame`, which the
/// browser tests and the measurements read (the web floor sets the same mark).
fn mark_first_frame() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("first-frame");
    }
}

/// Puts the app's notice in the page as well, as the text of a visually hidden status line
/// (`#beacon_notice`, `role=status`), so screen readers announce it and tests can read it.
fn page_notice(text: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let line = document.get_element_by_id("beacon_notice").or_else(|| {
        let p = document.create_element("p").ok()?;
        p.set_id("beacon_notice");
        let _ = p.set_attribute("role", "status");
        let _ = p.set_attribute(
            "style",
            "position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap",
        );
        document.body()?.append_child(&p).ok()?;
        Some(p)
    });
    if let Some(line) = line {
        line.set_text_content(text);
    }
}
