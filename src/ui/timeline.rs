//! A module's events drawn as a timeline: an axis with a dot per event, then each event beside
//! a vertical line, earliest first.

use std::sync::Arc;

use egui::{FontId, Galley, Label, RichText, Sense, Stroke, Ui, pos2, vec2};

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

/// A horizontal axis from the first to the last year, with a dot at each event's place (dots too
/// close to share a row stack below each other) and each year that has an event labelled where
/// the labels fit.
fn axis_ui(ui: &mut Ui, events: &[Event]) {
    let p = theme::palette(ui.ctx());
    let first = events.iter().map(|e| e.date.year).min().unwrap_or(0);
    let last = events.iter().map(|e| e.date.year).max().unwrap_or(first);
    let width = ui.available_width();
    let left_edge = ui.cursor().left();
    let left = left_edge + 24.0;
    let right = left_edge + width - 24.0;
    let span = (last - first).max(1) as f32;
    let place = |year: i32, fraction_of_year: f32| {
        if first == last {
            f32::midpoint(left, right)
        } else {
            left + ((year - first) as f32 + fraction_of_year) / (span + 1.0) * (right - left)
        }
    };
    let xs: Vec<f32> = events
        .iter()
        .map(|e| {
            let month = f32::from(e.date.month.unwrap_or(1)) - 1.0;
            place(e.date.year, month / 12.0)
        })
        .collect();
    let rows = rows(&xs, 2.0 * DOT + 2.0);
    let row_count = rows.iter().max().map_or(1, |r| r + 1);
    let font: FontId = egui::TextStyle::Small.resolve(ui.style());
    let mut years: Vec<i32> = events.iter().map(|e| e.date.year).collect();
    years.dedup();
    let labels: Vec<(f32, Arc<Galley>)> = years
        .iter()
        .map(|&y| {
            let galley = ui
                .painter()
                .layout_no_wrap(y.to_string(), font.clone(), p.muted);
            (place(y, 0.0), galley)
        })
        .collect();
    let spans: Vec<(f32, f32)> = labels
        .iter()
        .map(|(x, g)| (x - g.size().x / 2.0, x + g.size().x / 2.0))
        .collect();
    let shown = fitting_labels(&spans, 8.0);
    let y = ui.cursor().top() + 12.0;
    let label_top = y + row_count as f32 * (2.0 * DOT + 2.0) + 2.0;
    let label_height = labels.first().map_or(0.0, |(_, g)| g.size().y);
    let height = label_top - ui.cursor().top() + label_height + 4.0;
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let summary = format!("Timeline of {} events from {first} to {last}", events.len());
    response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));
    let painter = ui.painter_at(rect);
    painter.line_segment([pos2(left, y), pos2(right, y)], Stroke::new(2.0, p.muted));
    for ((x, galley), keep) in labels.into_iter().zip(shown) {
        painter.line_segment(
            [pos2(x, y - 4.0), pos2(x, y + 4.0)],
            Stroke::new(1.0, p.muted),
        );
        if keep {
            let at = pos2(x - galley.size().x / 2.0, label_top);
            painter.galley(at, galley, p.muted);
        }
    }
    for (x, row) in xs.iter().zip(&rows) {
        let dot_y = y + *row as f32 * (2.0 * DOT + 2.0);
        painter.circle_filled(pos2(*x, dot_y), DOT - 1.0, p.accent);
    }
}

/// The row of each dot at `xs` (in order of date): the first row where it keeps `gap` from the
/// dot before it, so no two dots overlap.
fn rows(xs: &[f32], gap: f32) -> Vec<usize> {
    let mut ends: Vec<f32> = Vec::new();
    xs.iter()
        .map(|&x| match ends.iter().position(|&end| x - end >= gap) {
            Some(row) => {
                ends[row] = x;
                row
            }
            None => {
                ends.push(x);
                ends.len() - 1
            }
        })
        .collect()
}

/// Which labels, given as horizontal spans in order, can be shown without two touching (`gap`
/// apart at least): the last always, the others from the first on where they fit.
fn fitting_labels(spans: &[(f32, f32)], gap: f32) -> Vec<bool> {
    let mut keep = vec![false; spans.len()];
    let Some(&(last_start, _)) = spans.last() else {
        return keep;
    };
    let mut end = f32::NEG_INFINITY;
    for (i, &(start, stop)) in spans.iter().enumerate() {
        let is_last = i + 1 == spans.len();
        let clear_of_last = is_last || stop + gap <= last_start;
        if start >= end + gap && clear_of_last {
            keep[i] = true;
            end = stop;
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_dots_stack_and_never_overlap() {
        let xs = [10.0, 12.0, 13.0, 40.0, 41.0, 100.0];
        let rows = rows(&xs, 14.0);
        assert_eq!(rows, [0, 1, 2, 0, 1, 0]);
        for i in 0..xs.len() {
            for j in 0..i {
                if rows[i] == rows[j] {
                    assert!(xs[i] - xs[j] >= 14.0, "dots {j} and {i} overlap");
                }
            }
        }
    }

    #[test]
    fn year_labels_that_would_touch_are_left_out_but_the_last_stays() {
        let spans = [
            (0.0, 30.0),
            (20.0, 50.0),
            (60.0, 90.0),
            (95.0, 125.0),
            (120.0, 150.0),
        ];
        let keep = fitting_labels(&spans, 8.0);
        assert_eq!(keep, [true, false, true, false, true]);
        assert_eq!(fitting_labels(&[(0.0, 10.0)], 8.0), [true]);
        assert!(fitting_labels(&[], 8.0).is_empty());
    }
}
