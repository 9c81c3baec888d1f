//! Past attempts: the final assessment with passed or not, then each module's quizzes, then
//! quick quizzes, reviews and practice, each with date (in the app's time zone), score and time;
//! any attempt can be reopened to see its review.

use chrono::FixedOffset;
use egui::{RichText, Ui};

use super::{Action, theme, widgets};
use crate::content::Course;
use crate::plural::count;
use crate::progress::{AttemptRecord, Progress};

/// The groups of attempts shown, in order: a title and whether it is the final assessment.
fn groups<'p>(
    course: &Course,
    progress: &'p Progress,
) -> Vec<(String, bool, Vec<&'p AttemptRecord>)> {
    let attempts = &progress.attempts;
    let mut out = vec![(
        "Final assessment".to_owned(),
        true,
        attempts
            .iter()
            .filter(|a| a.info.assessment)
            .collect::<Vec<_>>(),
    )];
    for m in &course.modules {
        out.push((
            m.title.clone(),
            false,
            attempts
                .iter()
                .filter(|a| !a.info.assessment && a.info.module.as_deref() == Some(m.id.as_str()))
                .collect(),
        ));
    }
    // Attempts on modules that are no longer in the course are kept, under their own heading.
    out.push((
        "Modules no longer in the course".to_owned(),
        false,
        attempts
            .iter()
            .filter(|a| {
                !a.info.assessment
                    && a.info
                        .module
                        .as_deref()
                        .is_some_and(|m| course.module(m).is_none())
            })
            .collect(),
    ));
    out.push((
        "Quick quizzes, reviews and practice".to_owned(),
        false,
        attempts
            .iter()
            .filter(|a| !a.info.assessment && a.info.module.is_none())
            .collect(),
    ));
    out.retain(|(_, _, a)| !a.is_empty());
    out
}

/// Draws the history; dates are shown in `tz`.
pub fn ui(ui: &mut Ui, course: &Course, progress: &Progress, tz: FixedOffset) -> Option<Action> {
    let mut action = None;
    widgets::page(ui, "history", |ui| {
        widgets::heading(ui, "History");
        if progress.attempts.is_empty() {
            widgets::paragraph(
                ui,
                "No quizzes finished yet. Your attempts will be listed here with their date, score and time.",
            );
            return;
        }
        let total: f64 = progress.attempts.iter().map(|a| a.seconds).sum();
        ui.label(format!(
            "{} finished \u{00b7} {} answering questions",
            count(progress.attempts.len(), "quiz", "quizzes"),
            widgets::duration(total)
        ));
        ui.add_space(theme::GAP_SMALL);
        for (title, assessment, attempts) in groups(course, progress) {
            ui.add_space(theme::GAP_SMALL);
            ui.label(RichText::new(&title).text_style(theme::title()).strong());
            // A group of one module's quizzes needs no quiz column: its heading names them.
            let columns = Columns {
                quiz: attempts.iter().any(|a| a.info.title != title),
                result: assessment,
            };
            let rows: Vec<Row> = attempts
                .iter()
                .rev()
                .map(|a| Row::of(a, columns, tz))
                .collect();
            if let Some(id) = table_ui(ui, &title, columns, &rows) {
                action = Some(Action::OpenAttempt(id));
            }
        }
    });
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        action = Some(Action::Go(super::Nav::Home));
    }
    action
}

/// Which of the optional columns a group's table has.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// The quiz's title (when a group holds quizzes of different titles).
    quiz: bool,
    /// Passed or not (the final assessment).
    result: bool,
}

impl Columns {
    fn heads(self) -> Vec<&'static str> {
        let mut heads = vec!["Date"];
        if self.quiz {
            heads.push("Quiz");
        }
        heads.push("Score");
        if self.result {
            heads.push("Result");
        }
        heads.push("Time");
        heads
    }
}

/// How a cell is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Plain,
    Right,
    Partly,
}

/// One attempt as the table shows it.
struct Row {
    /// The cells in column order.
    cells: Vec<(String, Tone)>,
    /// The name of its Review button for screen readers.
    name: String,
    /// The attempt's id.
    id: u64,
}

impl Row {
    fn of(a: &AttemptRecord, columns: Columns, tz: FixedOffset) -> Self {
        let date = a
            .finished
            .with_timezone(&tz)
            .format("%-d %b %Y, %H:%M")
            .to_string();
        let mut cells = vec![(date.clone(), Tone::Plain)];
        if columns.quiz {
            cells.push((a.info.title.clone(), Tone::Plain));
        }
        let score = format!(
            "{}% ({} of {})",
            a.percent(),
            crate::quiz::format_score(a.score),
            a.max
        );
        cells.push((score, Tone::Plain));
        if columns.result {
            cells.push(match a.passed {
                Some(true) => ("\u{2714} Passed".to_owned(), Tone::Right),
                Some(false) => ("Not passed".to_owned(), Tone::Partly),
                None => ("\u{2013}".to_owned(), Tone::Plain),
            });
        }
        cells.push((widgets::duration(a.seconds), Tone::Plain));
        Self {
            cells,
            name: format!("Review the attempt: {}, {date}", a.info.title),
            id: a.info.id,
        }
    }
}

/// A table of attempts under a header row or, when the window is too narrow for its columns (a
/// small window, large text), one wrapped line per attempt, so nothing is cut off. Returns the
/// id of the attempt whose "Review" was pressed.
fn table_ui(ui: &mut Ui, title: &str, columns: Columns, rows: &[Row]) -> Option<u64> {
    let p = theme::palette(ui.ctx());
    let cell = |ui: &mut Ui, text: &str, tone: Tone| {
        let text = RichText::new(text);
        ui.label(match tone {
            Tone::Plain => text,
            Tone::Right => text.color(p.right),
            Tone::Partly => text.color(p.partly),
        });
    };
    let heads = columns.heads();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let width = |text: &str| {
        ui.painter()
            .layout_no_wrap(text.to_owned(), font.clone(), p.strong)
            .size()
            .x
    };
    let gap = 20.0;
    let button = width("Review") + 2.0 * ui.spacing().button_padding.x;
    let needed: f32 = heads
        .iter()
        .enumerate()
        .map(|(k, head)| {
            rows.iter()
                .filter_map(|r| r.cells.get(k))
                .map(|c| width(&c.0))
                .fold(width(head), f32::max)
        })
        .sum::<f32>()
        + button
        + gap * heads.len() as f32;
    let mut opened = None;
    if needed <= ui.available_width() {
        egui::Grid::new(("history", title))
            .striped(true)
            .num_columns(heads.len() + 1)
            .spacing([gap, 6.0])
            .show(ui, |ui| {
                for head in &heads {
                    ui.label(RichText::new(*head).strong());
                }
                ui.label("");
                ui.end_row();
                for row in rows {
                    for (text, tone) in &row.cells {
                        cell(ui, text, *tone);
                    }
                    if widgets::button_for(ui, "Review", row.name.clone()).clicked() {
                        opened = Some(row.id);
                    }
                    ui.end_row();
                }
            });
    } else {
        for row in rows {
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                let last = row.cells.len().saturating_sub(1);
                for (k, (text, tone)) in row.cells.iter().enumerate() {
                    let text = if k < last {
                        format!("{text} \u{00b7}")
                    } else {
                        text.clone()
                    };
                    cell(ui, &text, *tone);
                }
                if widgets::button_for(ui, "Review", row.name.clone()).clicked() {
                    opened = Some(row.id);
                }
            });
        }
    }
    opened
}
