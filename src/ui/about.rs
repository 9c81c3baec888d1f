//! About and help: what the course is, its sources, where to get help, the content note and
//! the keyboard shortcuts.

use egui::{Label, RichText, Ui};

use super::{Action, theme, widgets};
use crate::content::Course;

/// The keyboard shortcuts, as listed in the app and the README.
pub const SHORTCUTS: [(&str, &str); 8] = [
    (
        "1 to 9",
        "Pick a choice in a quiz question (True is 1, False is 2), in the part of a case study \
         that has the focus, or in a lesson's check question",
    ),
    (
        "Enter",
        "Check the answer, then go on to the next question, wherever the focus is in the \
         question; in a lesson, check the answer given or turn the page",
    ),
    (
        "Esc",
        "Go back: leave a quiz (asks first), close a lesson, a definition or a dialog",
    ),
    (
        "Tab / Shift+Tab",
        "Move between controls, starting at the question; the focused one has a ring and is \
         scrolled into view",
    ),
    ("F6", "Move between the top bar and the page"),
    (
        "Space",
        "Press the focused button or tick the focused box; Skip asks before it drops an answer",
    ),
    (
        "Page Up / Page Down",
        "Scroll the page; with nothing focused, Home, End, the arrow keys and Space scroll too",
    ),
    ("Ctrl + / Ctrl -", "Zoom the whole window in or out"),
];

/// Draws the about and help screen.
pub fn ui(ui: &mut Ui, course: &Course) -> Option<Action> {
    let mut action = None;
    widgets::page(ui, "about", |ui| {
        let p = theme::palette(ui.ctx());
        widgets::heading(ui, "About and help");
        ui.label(
            RichText::new(&course.info.title)
                .text_style(theme::title())
                .strong(),
        );
        ui.label(
            RichText::new(format!(
                "Course version {} \u{00b7} Beacon {}",
                course.info.version,
                env!("CARGO_PKG_VERSION")
            ))
            .color(p.muted),
        );
        widgets::paragraph(ui, &course.info.description);
        ui.add_space(theme::GAP);
        theme::card(ui.ctx()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("Where to get help").strong());
            widgets::paragraph(ui, "If someone is in immediate danger, call your local emergency number.");
            if course.info.help_lines.is_empty() {
                widgets::paragraph(ui, "Help lines differ by country. Your organisation can add the ones for your country to the course file course.toml.");
            }
            for h in &course.info.help_lines {
                ui.add_space(theme::GAP_SMALL / 2.0);
                ui.add(Label::new(RichText::new(format!("{} ({})", h.name, h.country)).strong()).wrap());
                ui.add(Label::new(h.contact.as_str()).wrap());
                if let Some(note) = &h.note {
                    widgets::muted(ui, note);
                }
            }
        });
        ui.add_space(theme::GAP);
        ui.label(
            RichText::new("Content note")
                .text_style(theme::title())
                .strong(),
        );
        widgets::paragraph(ui, &course.info.content_note);
        ui.add_space(theme::GAP);
        ui.label(RichText::new("Sources").text_style(theme::title()).strong());
        widgets::paragraph(
            ui,
            "Every fact in the course names its source, one of those below, and where in it.",
        );
        for s in &course.info.sources {
            let line = format!("\u{2022} {}", s.describe());
            match &s.url {
                Some(url) => {
                    ui.horizontal_wrapped(|ui| {
                        ui.add(Label::new(line).wrap());
                        ui.hyperlink_to(url.as_str(), url.as_str());
                    });
                }
                None => {
                    ui.add(Label::new(line).wrap());
                }
            }
        }
        ui.add_space(theme::GAP);
        ui.label(
            RichText::new("Keyboard")
                .text_style(theme::title())
                .strong(),
        );
        egui::Grid::new("shortcuts")
            .num_columns(2)
            .spacing([24.0, 6.0])
            .show(ui, |ui| {
                for (keys, what) in SHORTCUTS {
                    ui.label(RichText::new(keys).monospace().strong());
                    ui.add(Label::new(what).wrap());
                    ui.end_row();
                }
            });
    });
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        action = Some(Action::Go(super::Nav::Home));
    }
    action
}
