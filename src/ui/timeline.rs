//! A module's events drawn as a timeline: an axis with a dot per event, then each event beside
//! a vertical line, earliest first.

use egui::{Align2, FontId, Label, RichText, Sense, Stroke, Ui, pos2, vec2};

use super::theme;
use crate::content::Event;

/// Width of the column holding the line and dots.
const LINE_COLUMN: f32 = 28.0;
/// Radius of an event's dot.
const DOT: f32 = 6.0;

/// Draws the events (already sorted by date).
pub fn ui(ui: &mut Ui, events: &[Event]) {
    if events.is_empty() {
        return;
    }
    axis_ui(ui, events);
    ui.add_space(theme::GAP);
    let p = theme::palette(ui.ctx());
    let stroke = Stroke::new(2.0, p.accent);
    let count = events.len();
    for (i, event) in events.iter().enumerate() {
        let row = ui.horizontal(|ui| {
            let date_width = (ui.available_width() * 0.28).clamp(90.0, 190.0);
            ui.allocate_ui_with_layout(
                vec2(date_width, 0.0),
                egui::Layout::top_down(egui::Align::Max),
                |ui| {
                    ui.set_width(date_width);
                    ui.add(
                        Label::new(
                            RichText::new(event.date.to_string())
                                .strong()
                                .color(p.accent),
                        )
                        .wrap(),
                    );
                },
            );
            let x = ui.cursor().left() + LINE_COLUMN / 2.0;
            ui.add_space(LINE_COLUMN);
            ui.vertical(|ui| {
                ui.add(Label::new(RichText::new(&event.title).strong()).wrap());
                ui.add(Label::new(event.description.as_str()).wrap());
                ui.add_space(theme::GAP_SMALL);
            });
            x
        });
        let x = row.inner;
        let rect = row.response.rect;
        let dot_y = rect.top() + 10.0;
        let painter = ui.painter();
        let top = if i == 0 {
            dot_y
        } else {
            rect.top() - ui.spacing().item_spacing.y
        };
        let bottom = if i + 1 == count { dot_y } else { rect.bottom() };
        painter.line_segment([pos2(x, top), pos2(x, bottom)], stroke);
        painter.circle(pos2(x, dot_y), DOT, ui.visuals().panel_fill, stroke);
        painter.circle_filled(pos2(x, dot_y), DOT - 2.5, p.accent);
    }
}

/// A horizontal axis from the first to the last year, with a dot at each event's place.
fn axis_ui(ui: &mut Ui, events: &[Event]) {
    let p = theme::palette(ui.ctx());
    let first = events.iter().map(|e| e.date.year).min().unwrap_or(0);
    let last = events.iter().map(|e| e.date.year).max().unwrap_or(first);
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, 54.0), Sense::hover());
    let summary = format!("Timeline of {} events from {first} to {last}", events.len());
    response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));
    let painter = ui.painter_at(rect);
    let left = rect.left() + 24.0;
    let right = rect.right() - 24.0;
    let y = rect.top() + 18.0;
    painter.line_segment([pos2(left, y), pos2(right, y)], Stroke::new(2.0, p.muted));
    let span = (last - first).max(1) as f32;
    let place = |year: i32, fraction_of_year: f32| {
        if first == last {
            f32::midpoint(left, right)
        } else {
            left + ((year - first) as f32 + fraction_of_year) / (span + 1.0) * (right - left)
        }
    };
    let font: FontId = egui::TextStyle::Small.resolve(ui.style());
    for year in [first, last] {
        let x = place(year, 0.0);
        painter.text(
            pos2(x, y + 10.0),
            Align2::CENTER_TOP,
            year.to_string(),
            font.clone(),
            p.muted,
        );
    }
    for event in events {
        let month = f32::from(event.date.month.unwrap_or(1)) - 1.0;
        let x = place(event.date.year, month / 12.0);
        painter.circle_filled(pos2(x, y), DOT - 1.0, p.accent);
    }
}
