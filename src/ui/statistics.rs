//! Statistics: score over time per module, an activity calendar of the last 12 weeks, reviews
//! due in the next 30 days, and per module the facts seen, mastered and the weakest three.

use chrono::{DateTime, Datelike, FixedOffset, Utc};
use egui::{Color32, Label, RichText, Sense, Ui, pos2, vec2};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints, Points};

use super::{Action, theme, widgets};
use crate::content::Course;
use crate::plural::count;
use crate::progress::{Progress, review};

/// Weeks shown in the activity calendar.
pub const CALENDAR_WEEKS: usize = 12;
/// Days shown in the reviews-due chart.
pub const DUE_DAYS: usize = 30;
/// Height of each chart.
const CHART_HEIGHT: f32 = 220.0;

/// Draws the statistics.
pub fn ui(
    ui: &mut Ui,
    course: &Course,
    progress: &Progress,
    now: DateTime<Utc>,
    tz: FixedOffset,
) -> Option<Action> {
    let mut action = None;
    widgets::page(ui, "statistics", |ui| {
        let p = theme::palette(ui.ctx());
        widgets::heading(ui, "Statistics");
        if progress.settings.show_streak {
            let days = review::streak(progress, now, tz);
            let text = match days {
                0 => "No streak yet: answer a question today to start one.".to_owned(),
                1 => "Streak: 1 day".to_owned(),
                n => format!("Streak: {n} days in a row"),
            };
            ui.label(RichText::new(text).text_style(theme::title()).strong());
        }
        let seen: usize = progress.memory.len();
        ui.label(format!(
            "{} given \u{00b7} {seen} of {} practised \u{00b7} {} finished",
            count(progress.answers.len(), "answer", "answers"),
            count(course.facts().count(), "fact", "facts"),
            count(progress.attempts.len(), "quiz", "quizzes")
        ));
        ui.add_space(theme::GAP);

        section(ui, "Score over time");
        scores_ui(ui, course, progress);
        ui.add_space(theme::GAP);

        section(ui, "Activity in the last 12 weeks");
        calendar_ui(ui, progress, now, tz);
        ui.add_space(theme::GAP);

        section(ui, "Reviews due in the next 30 days");
        due_ui(ui, progress, now, tz);
        ui.add_space(theme::GAP);

        section(ui, "By module");
        widgets::muted(
            ui,
            "A fact counts as mastered once you have answered it right on a later day than you \
             last met it, for as long as you are still likely (90%) to recall it. Answers given \
             the day you learn a fact show you understood it, not that you will remember it.",
        );
        for module in &course.modules {
            let m = review::mastery(module, progress, now);
            theme::card(ui.ctx()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.add(Label::new(RichText::new(&module.title).strong()).wrap());
                let label = format!(
                    "{} of {} practised \u{00b7} {} mastered",
                    m.seen,
                    count(m.facts, "fact", "facts"),
                    m.mastered
                );
                widgets::labelled_bar(
                    ui,
                    &label,
                    m.share() as f32,
                    &format!(
                        "{}: {} of {} mastered",
                        module.title,
                        m.mastered,
                        count(m.facts, "fact", "facts")
                    ),
                );
                let weakest = review::weakest(course, progress, now, Some(&module.id), 3);
                if !weakest.is_empty() {
                    ui.label(RichText::new("Weakest facts").color(p.muted));
                    for (fact, r) in &weakest {
                        let text = course.fact(fact).map_or(fact.as_str(), |f| f.text.as_str());
                        ui.add(
                            Label::new(format!(
                                "\u{2022} {text} (likely recalled in a week: {:.0}%)",
                                r * 100.0
                            ))
                            .wrap(),
                        );
                    }
                    let b = widgets::button_for(
                        ui,
                        "Review these",
                        format!("Review the weakest facts of {}", module.title),
                    );
                    if b.clicked() {
                        action = Some(Action::ReviewFacts(
                            weakest.into_iter().map(|(f, _)| f).collect(),
                        ));
                    }
                }
            });
            ui.add_space(theme::GAP_SMALL);
        }
    });
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        action = Some(Action::Go(super::Nav::Home));
    }
    action
}

fn section(ui: &mut Ui, title: &str) {
    ui.label(RichText::new(title).text_style(theme::title()).strong());
}

/// One line per module: the score of each attempt against its date.
fn scores_ui(ui: &mut Ui, course: &Course, progress: &Progress) {
    let Some(first) = progress.attempts.iter().map(|a| a.finished).min() else {
        widgets::paragraph(ui, "Finish a quiz to see your scores here.");
        return;
    };
    let day = |t: DateTime<Utc>| (t - first).num_seconds() as f64 / 86_400.0;
    // The legend sits inside the plot: long module titles are shortened to fit it, at any
    // text size.
    let letter = ui.text_style_height(&egui::TextStyle::Small) * 0.55;
    let fits = ((ui.available_width() * 0.55) / letter).max(8.0) as usize;
    let lines: Vec<(String, Vec<[f64; 2]>)> = course
        .modules
        .iter()
        .map(|m| {
            let points: Vec<[f64; 2]> = progress
                .attempts_on(&m.id)
                .map(|a| [day(a.finished), f64::from(a.percent())])
                .collect();
            let mut name: String = m.title.chars().take(fits).collect();
            if m.title.chars().count() > fits {
                name.pop();
                name.push('\u{2026}');
            }
            (name, points)
        })
        .filter(|(_, points)| !points.is_empty())
        .collect();
    let last_day = lines
        .iter()
        .flat_map(|(_, p)| p.iter().map(|xy| xy[0]))
        .fold(0.0_f64, f64::max);
    let summary = format!(
        "Line chart of quiz scores over time for {}",
        count(lines.len(), "module", "modules")
    );
    let response = Plot::new("scores")
        .height(CHART_HEIGHT)
        .legend(Legend::default().text_style(egui::TextStyle::Small))
        .include_y(0.0)
        .include_y(100.0)
        .include_x(0.0)
        .include_x(last_day.max(7.0))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .x_axis_label("days since your first quiz")
        .y_axis_label("score %")
        .show(ui, |plot| {
            for (name, points) in lines {
                plot.line(Line::new(name.clone(), PlotPoints::from(points.clone())).width(2.0));
                plot.points(Points::new(name, PlotPoints::from(points)).radius(3.5));
            }
        })
        .response;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));
}

/// The colour of a calendar day with `count` answers, `max` being the busiest day's: the
/// theme's track colour for none, then the accent from faint to full.
fn day_color(ui: &Ui, count: usize, max: usize) -> Color32 {
    let accent = theme::palette(ui.ctx()).accent;
    if count == 0 {
        ui.visuals().extreme_bg_color
    } else {
        accent.gamma_multiply(0.25 + 0.75 * (count as f32 / max.max(1) as f32))
    }
}

/// A heat map of answers per day: one column per week, one row per weekday, with a legend of
/// the same colours.
fn calendar_ui(ui: &mut Ui, progress: &Progress, now: DateTime<Utc>, tz: FixedOffset) {
    let days = review::answers_per_day(progress, now, tz, CALENDAR_WEEKS * 7);
    let max = days.iter().map(|d| d.1).max().unwrap_or(0).max(1);
    let active = days.iter().filter(|d| d.1 > 0).count();
    let total: usize = days.iter().map(|d| d.1).sum();
    let cell = 16.0_f32;
    let gap = 4.0_f32;
    let label_width = 36.0_f32;
    let size = vec2(
        label_width + CALENDAR_WEEKS as f32 * (cell + gap),
        7.0 * (cell + gap),
    );
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let summary = format!(
        "Activity calendar: {} on {active} of the last {} days",
        count(total, "answer", "answers"),
        days.len()
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));
    let painter = ui.painter_at(rect);
    let muted = theme::palette(ui.ctx()).muted;
    let font = egui::TextStyle::Small.resolve(ui.style());
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
        painter.text(
            pos2(
                rect.left(),
                rect.top() + row as f32 * (cell + gap) + cell / 2.0,
            ),
            egui::Align2::LEFT_CENTER,
            name,
            font.clone(),
            muted,
        );
    }
    // The last column ends with today; weekday rows start on Monday.
    let today = days.last().map_or(now.date_naive(), |d| d.0);
    let offset_today = today.weekday().num_days_from_monday() as usize;
    let mut hovered = None;
    for (i, (date, n)) in days.iter().enumerate() {
        let back = days.len() - 1 - i;
        let Some(slot) = (CALENDAR_WEEKS * 7 - 1 - (6 - offset_today)).checked_sub(back) else {
            continue;
        };
        let (col, row) = (slot / 7, slot % 7);
        if col >= CALENDAR_WEEKS {
            continue;
        }
        let min = pos2(
            rect.left() + label_width + col as f32 * (cell + gap),
            rect.top() + row as f32 * (cell + gap),
        );
        let r = egui::Rect::from_min_size(min, vec2(cell, cell));
        painter.rect_filled(r, 3.0, day_color(ui, *n, max));
        if response.hover_pos().is_some_and(|p| r.contains(p)) {
            hovered = Some(format!(
                "{}: {}",
                date.format("%-d %b %Y"),
                count(*n, "answer", "answers")
            ));
        }
    }
    // The legend shows the very colours of the squares, so it reads right in either theme.
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        ui.label(RichText::new("No answers").small().color(muted));
        for step in 0..=4 {
            let (r, _) = ui.allocate_exact_size(vec2(cell, cell), Sense::hover());
            ui.painter().rect_filled(r, 3.0, day_color(ui, step, 4));
        }
        ui.label(RichText::new("Most answers in a day").small().color(muted));
    });
    if let Some(text) = hovered {
        response.on_hover_text(text);
    }
}

/// Bars of how many facts fall due on each of the next 30 days.
fn due_ui(ui: &mut Ui, progress: &Progress, now: DateTime<Utc>, tz: FixedOffset) {
    let due = review::due_per_day(progress, now, tz, DUE_DAYS);
    let total: usize = due.iter().sum();
    if total == 0 {
        widgets::paragraph(
            ui,
            "Nothing is scheduled yet: facts are scheduled once you have answered questions on them.",
        );
        return;
    }
    let color = theme::palette(ui.ctx()).accent;
    let bars: Vec<Bar> = due
        .iter()
        .enumerate()
        .map(|(d, n)| Bar::new(d as f64, *n as f64).width(0.7))
        .collect();
    let summary = format!(
        "Bar chart: {total} reviews due in the next {DUE_DAYS} days, {} today",
        due.first().copied().unwrap_or(0)
    );
    let response = Plot::new("due")
        .height(CHART_HEIGHT)
        .include_y(0.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .x_axis_label("days from today")
        .y_axis_label("reviews due")
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("Reviews due", bars).color(color));
        })
        .response;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));
}
