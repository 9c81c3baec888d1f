//! Small widgets shared by the screens: the reading column, headings, banners, buttons with
//! shortcuts, a progress bar and the keyboard focus ring.

use egui::{Label, RichText, Ui};

use super::theme;

/// Lays out `add` in a centred column of at most [`theme::READING_WIDTH`], inside a scroll area.
pub fn page(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    egui::ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width().min(theme::READING_WIDTH);
            let side = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.horizontal(|ui| {
                ui.add_space(side);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    ui.add_space(theme::GAP);
                    add(ui);
                    ui.add_space(theme::GAP * 2.0);
                });
            });
        });
}

/// A page heading.
pub fn heading(ui: &mut Ui, text: &str) {
    ui.add(Label::new(RichText::new(text).heading().strong()).wrap());
    ui.add_space(theme::GAP_SMALL);
}

/// A paragraph of wrapped text.
pub fn paragraph(ui: &mut Ui, text: &str) {
    ui.add(Label::new(text).wrap());
}

/// Muted small text (sources, hints).
pub fn muted(ui: &mut Ui, text: &str) {
    let color = theme::palette(ui.ctx()).muted;
    ui.add(Label::new(RichText::new(text).small().color(color)).wrap());
}

/// A prominent button.
pub fn primary(ui: &mut Ui, text: &str) -> egui::Response {
    let p = theme::palette(ui.ctx());
    ui.add(egui::Button::new(RichText::new(text).color(p.on_accent).strong()).fill(p.accent))
}

/// A dialog asking to confirm: a title, a sentence, a button that does it and a prominent one
/// that does not. Returns `Some(true)` to go ahead, `Some(false)` to cancel (also on Esc or a
/// click outside), `None` while open.
#[must_use]
pub fn confirm(
    ctx: &egui::Context,
    id: &str,
    title: &str,
    text: &str,
    yes: &str,
    no: &str,
) -> Option<bool> {
    let modal = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.label(RichText::new(title).heading());
        paragraph(ui, text);
        ui.add_space(theme::GAP_SMALL);
        let mut choice = None;
        ui.horizontal(|ui| {
            if ui.button(yes).clicked() {
                choice = Some(true);
            }
            if primary(ui, no).clicked() {
                choice = Some(false);
            }
        });
        choice
    });
    match modal.inner {
        None if modal.should_close() => Some(false),
        choice => choice,
    }
}

/// A full-width card under a title, holding what `add` draws.
pub fn titled_card(ui: &mut Ui, title: &str, add: impl FnOnce(&mut Ui)) {
    theme::card(ui.ctx()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(title).text_style(theme::title()).strong());
        add(ui);
    });
}

/// A button whose accessible name says more than its text (e.g. which module it is for).
pub fn button_for(ui: &mut Ui, text: &str, name: impl Into<String>) -> egui::Response {
    named(ui.button(text), name)
}

/// Gives a button an accessible name that says more than its text; keeps its enabled state.
pub fn named(button: egui::Response, name: impl Into<String>) -> egui::Response {
    let name = name.into();
    let enabled = button.enabled();
    button.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Button, enabled, &name));
    button
}

/// A banner with a message and a "Dismiss" button; returns true when dismissed.
pub fn banner(ui: &mut Ui, title: &str, lines: &[String]) -> bool {
    let p = theme::palette(ui.ctx());
    let mut dismissed = false;
    egui::Frame::new()
        .fill(p.banner)
        .corner_radius(egui::CornerRadius::same(theme::RADIUS))
        .inner_margin(egui::Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.add(Label::new(RichText::new(title).strong()).wrap());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    dismissed = ui.button("Dismiss").clicked();
                });
            });
            for line in lines {
                ui.add(Label::new(line.as_str()).wrap());
            }
        });
    ui.add_space(theme::GAP_SMALL);
    dismissed
}

/// What was clicked on a banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BannerClick {
    /// "Dismiss".
    Dismiss,
    /// "Copy", with the text to copy.
    Copy(String),
}

/// A banner with a message, a "Dismiss" button and, when `copy` is given, the text to copy shown
/// on its own line with a "Copy" button (a path a person may need to find by hand).
pub fn banner_with_copy(
    ui: &mut Ui,
    title: &str,
    line: &str,
    copy: Option<&str>,
) -> Option<BannerClick> {
    let p = theme::palette(ui.ctx());
    let mut click = None;
    egui::Frame::new()
        .fill(p.banner)
        .corner_radius(egui::CornerRadius::same(theme::RADIUS))
        .inner_margin(egui::Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.add(Label::new(RichText::new(title).strong()).wrap());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Dismiss").clicked() {
                        click = Some(BannerClick::Dismiss);
                    }
                });
            });
            ui.add(Label::new(line).wrap());
            if let Some(text) = copy
                && copy_line(ui, text)
            {
                click = Some(BannerClick::Copy(text.to_owned()));
            }
        });
    ui.add_space(theme::GAP_SMALL);
    click
}

/// A path or other text to copy, in monospace, with a "Copy" button; true when clicked.
pub fn copy_line(ui: &mut Ui, text: &str) -> bool {
    let mut clicked = false;
    ui.horizontal_wrapped(|ui| {
        ui.add(Label::new(RichText::new(text).monospace()).wrap());
        clicked = button_for(ui, "Copy", format!("Copy {text}")).clicked();
    });
    clicked
}

/// A horizontal bar showing `fraction` (0 to 1) with a label read by screen readers. An empty
/// bar shows only its track: no dot pretends that something was done.
pub fn bar(ui: &mut Ui, fraction: f32, label: &str) {
    let p = theme::palette(ui.ctx());
    let height = 8.0;
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let fraction = fraction.clamp(0.0, 1.0);
    let radius = height / 2.0;
    ui.painter()
        .rect_filled(rect, radius, ui.visuals().extreme_bg_color);
    if fraction > 0.0 {
        let width = (rect.width() * fraction).max(height);
        let fill = egui::Rect::from_min_size(rect.min, egui::vec2(width, height));
        ui.painter().rect_filled(fill, radius, p.accent);
    }
    let label = label.to_owned();
    response.widget_info(move || {
        egui::WidgetInfo::labeled(egui::Role::ProgressIndicator, true, &label)
    });
}

/// A bar with a visible label above it saying what it measures; screen readers read `name`
/// (which can say more, e.g. which module).
pub fn labelled_bar(ui: &mut Ui, label: &str, fraction: f32, name: &str) {
    let color = theme::palette(ui.ctx()).muted;
    ui.add(Label::new(RichText::new(label).color(color)).wrap());
    bar(ui, fraction, name);
}

/// Draws a ring around the widget with keyboard focus, so Tab navigation is always visible.
pub fn focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    let color = theme::palette(ctx).accent;
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("focus ring"),
    ));
    painter.rect_stroke(
        response.rect.expand(3.0),
        egui::CornerRadius::same(theme::RADIUS),
        egui::Stroke::new(theme::FOCUS_RING, color),
        egui::StrokeKind::Outside,
    );
}

/// A duration in minutes and seconds, e.g. "3 min 05 s".
#[must_use]
pub fn duration(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    if s < 60 {
        format!("{s} s")
    } else {
        format!("{} min {:02} s", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(5.2), "5 s");
        assert_eq!(duration(185.0), "3 min 05 s");
        assert_eq!(duration(-1.0), "0 s");
    }
}
