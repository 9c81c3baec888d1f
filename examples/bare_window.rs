//! A bare eframe window built with Beacon's eframe features: the baseline that
//! `scripts/measure-startup` compares Beacon's start-up time, memory and idle CPU with, and, built
//! for the browser by `scripts/web` exactly as Beacon is, the web floor that `scripts/measure-web`
//! compares Beacon's download size, first frame and idle CPU with.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> eframe::Result {
    let exit_after_first_frame = std::env::var_os("BEACON_EXIT_AFTER_FIRST_FRAME").is_some();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare window")
            .with_inner_size([1024.0, 720.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Bare window",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(Bare {
                frames: 0,
                exit_after_first_frame,
            }))
        }),
    )
}

/// In the browser: draws into the page's canvas `beacon_canvas` (see `web/index.html`), and says
/// when the first frame is drawn the way Beacon does, so both are timed alike.
#[cfg(target_arch = "wasm32")]
fn main() {
    use eframe::wasm_bindgen::JsCast as _;
    wasm_bindgen_futures::spawn_local(async {
        let Some(document) = eframe::web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(canvas) = document
            .get_element_by_id("beacon_canvas")
            .and_then(|c| c.dyn_into::<eframe::web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        let started = eframe::WebRunner::new()
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(|_cc| {
                    Ok(Box::new(Bare {
                        frames: 0,
                        exit_after_first_frame: false,
                    }))
                }),
            )
            .await;
        if let Some(loading) = document.get_element_by_id("loading") {
            match started {
                Ok(()) => loading.remove(),
                Err(_) => loading.set_text_content(Some("The page could not start.")),
            }
        }
    });
}

/// An empty window.
struct Bare {
    frames: u32,
    exit_after_first_frame: bool,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("Bare window");
        });
        self.frames += 1;
        #[cfg(target_arch = "wasm32")]
        if self.frames == 1 {
            mark_first_frame();
        }
        if self.exit_after_first_frame {
            if self.frames >= 2 {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ui.ctx().request_repaint();
        }
    }
}

/// Records the time of the first frame as the page's performance mark `first-frame`, which the
/// browser tests and `scripts/measure-web` read.
#[cfg(target_arch = "wasm32")]
fn mark_first_frame() {
    if let Some(performance) = eframe::web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("first-frame");
    }
}
