//! A bare eframe window built with Beacon's eframe features: the baseline that
//! `scripts/measure-startup` compares Beacon's start-up time, memory and idle CPU with.

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
        if self.exit_after_first_frame {
            if self.frames >= 2 {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ui.ctx().request_repaint();
        }
    }
}
