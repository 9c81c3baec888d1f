//! The class report: results files from several computers or an LRS, read together; each
//! test's scores and consistency, a scatter of facility against discrimination, and a table of
//! questions sortable by flag, each opening its text, key and choices.

use egui::{Align, Label, Layout, RichText, Ui, vec2};
use egui_plot::{HLine, HoverPosition, Legend, Plot, Points, VLine};

use super::{Action, DroppedFiles, Nav, theme, widgets};
use crate::content::Course;
use crate::stats::flags::percent;
use crate::stats::{self, FlagKind, Options, Pool, QuestionStats, Report, Which};

/// What the question table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most serious flag first.
    Flag,
    /// Hardest first.
    Facility,
    /// Least discriminating first.
    Discrimination,
    /// Most attempts first.
    Attempts,
    /// Course order.
    Course,
}

/// The class report screen's own state: the pooled files and how they are shown.
#[derive(Debug, Default)]
pub struct ClassReportState {
    pool: Pool,
    report: Option<Report>,
    /// First attempts or all.
    pub which: Which,
    /// The test whose questions are shown; `None` for every test.
    pub test: Option<String>,
    /// The table's order.
    pub sort: Option<Sort>,
    /// The table's order reversed.
    pub reverse: bool,
    /// The question whose details are open.
    pub open: Option<String>,
}

impl ClassReportState {
    /// An empty report, waiting for files.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a results file and recomputes the report.
    pub fn add(&mut self, course: &Course, name: &str, bytes: &[u8]) {
        self.pool.read(name, bytes, course);
        self.refresh(course);
    }

    /// Notes a file that could not be read at all.
    pub fn unreadable(&mut self, course: &Course, name: &str, error: &str) {
        self.pool
            .cannot_read(name, &format!("could not be read ({error})"));
        self.refresh(course);
    }

    /// The report, once a file is read.
    #[must_use]
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    fn refresh(&mut self, course: &Course) {
        let options = Options {
            which: self.which,
            test: self.test.clone(),
            ..Options::default()
        };
        self.report = Some(stats::analyse(&self.pool, course, &options));
    }

    /// The questions in the table's order.
    fn sorted(&self) -> Vec<&QuestionStats> {
        let Some(report) = &self.report else {
            return Vec::new();
        };
        let mut rows: Vec<&QuestionStats> = report.questions.iter().collect();
        let worst = |q: &QuestionStats| q.worst().unwrap_or(FlagKind::FewAttempts);
        let undefined = |x: Option<f64>| x.unwrap_or(f64::INFINITY);
        match self.sort.unwrap_or(Sort::Flag) {
            Sort::Flag => rows.sort_by_key(|q| (q.worst().is_none(), worst(q))),
            Sort::Facility => rows.sort_by(|a, b| a.facility.total_cmp(&b.facility)),
            Sort::Discrimination => rows.sort_by(|a, b| {
                undefined(a.discrimination).total_cmp(&undefined(b.discrimination))
            }),
            Sort::Attempts => rows.sort_by_key(|q| std::cmp::Reverse(q.attempts)),
            Sort::Course => {}
        }
        if self.reverse {
            rows.reverse();
        }
        rows
    }
}

/// Draws the class report.
pub fn ui(ui: &mut Ui, course: &Course, state: &mut ClassReportState) -> Option<Action> {
    let mut action = None;
    let dropped = ui.input(|i| i.raw.dropped_files.clone());
    if !dropped.is_empty() {
        action = Some(Action::AddResultFiles(DroppedFiles(dropped)));
    }
    widgets::page(ui, "class report", |ui| {
        widgets::heading(ui, "Class report");
        widgets::paragraph(
            ui,
            "Open the results from each computer (Beacon's CSV or xAPI export) or the statements from your learning record store, all at once: Beacon reads them together and shows which questions work and which deserve a look. You can also drop files on this window.",
        );
        ui.horizontal_wrapped(|ui| {
            if widgets::primary(ui, "Open result files\u{2026}").clicked() {
                action = Some(Action::OpenResultFiles);
            }
            if ui.button("Back to Classroom").clicked() {
                action = Some(Action::Go(Nav::Classroom));
            }
        });
        if ui.input(|i| !i.raw.hovered_files.is_empty()) {
            ui.label(RichText::new("Drop to add these files").strong());
        }
        let Some(report) = state.report.clone() else {
            return;
        };
        ui.add_space(theme::GAP_SMALL);
        widgets::muted(ui, &format!("Read: {}", report.files.join(", ")));
        notes_ui(ui, &report);
        ui.add_space(theme::GAP_SMALL);
        options_ui(ui, course, state, &report);
        ui.add_space(theme::GAP_SMALL);
        widgets::titled_card(ui, "Tests", |ui| tests_ui(ui, &report));
        if report.questions.is_empty() {
            return;
        }
        ui.add_space(theme::GAP_SMALL);
        widgets::titled_card(ui, "Facility and discrimination", |ui| {
            scatter_ui(ui, &report, &mut state.open);
        });
        ui.add_space(theme::GAP_SMALL);
        widgets::titled_card(ui, "Questions", |ui| table_ui(ui, state));
    });
    if let Some(open) = state.open.clone()
        && let Some(q) = state.report.as_ref().and_then(|r| r.question(&open))
        && details_ui(ui.ctx(), q)
    {
        state.open = None;
    }
    if action.is_none()
        && state.open.is_none()
        && !ui.ctx().egui_wants_keyboard_input()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    {
        action = Some(Action::Go(Nav::Classroom));
    }
    action
}

/// What was left out of the files, folded away.
fn notes_ui(ui: &mut Ui, report: &Report) {
    if report.notes.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Left out of the files ({})", report.notes.len()))
        .id_salt("notes")
        .show(ui, |ui| {
            for note in &report.notes {
                ui.add(Label::new(note.to_string()).wrap());
            }
        });
}

/// First or all attempts, and which test's questions.
fn options_ui(ui: &mut Ui, course: &Course, state: &mut ClassReportState, report: &Report) {
    let mut first = state.which == Which::First;
    if ui
        .checkbox(
            &mut first,
            "Count only each learner's first attempt at each test (as Moodle does)",
        )
        .changed()
    {
        state.which = if first { Which::First } else { Which::All };
        state.refresh(course);
    }
    let title = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| report.test_stats(id))
            .map_or_else(|| "Every test".to_owned(), |t| t.title.clone())
    };
    let mut chosen = state.test.clone();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Questions of");
        egui::ComboBox::from_id_salt("test")
            .selected_text(title(&chosen))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, "Every test");
                for t in &report.tests {
                    ui.selectable_value(&mut chosen, Some(t.id.clone()), &t.title);
                }
            })
            .response
            .labelled_by(label.id);
    });
    if chosen != state.test {
        state.test = chosen;
        state.refresh(course);
    }
}

/// One sentence per test.
fn tests_ui(ui: &mut Ui, report: &Report) {
    ui.label(stats::render::summary(report));
    for t in &report.tests {
        let share = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), percent);
        let consistency = match (t.alpha, t.standard_error) {
            (Some(a), Some(se)) => format!(
                "internal consistency (Cronbach's alpha) {a:.2} over {} attempts of {} questions, standard error {}",
                t.alpha_attempts,
                t.questions.unwrap_or(0),
                percent(se)
            ),
            _ => "too few attempts with per-question results for internal consistency".to_owned(),
        };
        ui.add(
            Label::new(format!(
                "{}: {} learners, {} attempts; mean {}, median {}, standard deviation {}; {consistency}.",
                t.title,
                t.learners,
                t.attempts,
                share(t.mean),
                share(t.median),
                share(t.sd),
            ))
            .wrap(),
        );
    }
}

/// The colour and legend name of a question's dot.
fn group(ui: &Ui, q: &QuestionStats) -> (&'static str, egui::Color32) {
    let p = theme::palette(ui.ctx());
    match q.worst() {
        Some(FlagKind::NegativeDiscrimination | FlagKind::LowDiscrimination) => {
            ("Check the key and wording", p.wrong)
        }
        Some(FlagKind::FewAttempts) => ("Few attempts", p.muted),
        Some(_) => ("Worth a look", p.partly),
        None => ("Working well", p.right),
    }
}

/// Facility (x) against discrimination (y), one dot per question; a click opens it.
fn scatter_ui(ui: &mut Ui, report: &Report, open: &mut Option<String>) {
    let mut groups: Vec<(&str, egui::Color32, Vec<&QuestionStats>)> = Vec::new();
    for q in report
        .questions
        .iter()
        .filter(|q| q.discrimination.is_some())
    {
        let (name, color) = group(ui, q);
        match groups.iter_mut().find(|g| g.0 == name) {
            Some(g) => g.2.push(q),
            None => groups.push((name, color, vec![q])),
        }
    }
    let t = report.thresholds;
    let point = |q: &QuestionStats| [q.facility, q.discrimination.unwrap_or(0.0)];
    let lookup = groups.clone();
    let response = Plot::new("facility and discrimination")
        .height(280.0)
        .legend(Legend::default())
        .include_x(0.0)
        .include_x(1.0)
        .include_y(-0.5)
        .include_y(1.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .x_axis_label("facility (share right)")
        .y_axis_label("discrimination")
        .label_formatter(move |pos| match pos {
            HoverPosition::NearDataPoint {
                plot_name, index, ..
            } => lookup
                .iter()
                .find(|g| g.0 == *plot_name)
                .and_then(|g| g.2.get(*index))
                .map(|q| {
                    format!(
                        "{}\nfacility {}, discrimination {:.2}",
                        q.id,
                        percent(q.facility),
                        q.discrimination.unwrap_or(0.0)
                    )
                }),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            let guide = theme::palette(plot.ctx()).muted;
            plot.vline(VLine::new("", t.hard).color(guide));
            plot.vline(VLine::new("", t.easy).color(guide));
            plot.hline(HLine::new("", t.low_discrimination).color(guide));
            for (name, color, questions) in &groups {
                let points: Vec<[f64; 2]> = questions.iter().map(|q| point(q)).collect();
                plot.points(
                    Points::new(*name, points)
                        .color(*color)
                        .radius(5.0)
                        .filled(true),
                );
            }
        });
    if response.response.clicked()
        && let Some(pos) = response.response.interact_pointer_pos()
    {
        let nearest = groups
            .iter()
            .flat_map(|g| g.2.iter())
            .map(|q| {
                let screen = response.transform.position_from_point(&point(q).into());
                (screen.distance(pos), q)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((distance, q)) = nearest
            && distance < 12.0
        {
            *open = Some(q.id.clone());
        }
    }
    let hidden = report.questions.len() - groups.iter().map(|g| g.2.len()).sum::<usize>();
    let summary = format!(
        "Scatter of {} questions: further right is easier, higher tells stronger from weaker learners better. The lines mark {} and {} right and a discrimination of {:.2}.",
        report.questions.len() - hidden,
        percent(t.hard),
        percent(t.easy),
        t.low_discrimination
    );
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));
    widgets::muted(ui, &summary);
    if hidden > 0 {
        widgets::muted(
            ui,
            &format!(
                "{hidden} questions without a discrimination index (everyone got the same score, or too few attempts) are not drawn."
            ),
        );
    }
}

/// The question table: sortable headers, then a row per question.
fn table_ui(ui: &mut Ui, state: &mut ClassReportState) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let width = |text: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
    };
    let gap = ui.spacing().item_spacing.x;
    // Each figure's column is as wide as its heading (or "100%"); the flag's as its longest.
    let headings = ["Attempts", "Facility", "Discrimination"];
    let widths = headings.map(|h| width(h).max(width("100%")) + 4.0);
    let flag = width(FlagKind::LowDiscrimination.label()) + 4.0;
    let question = ui.available_width() - widths.iter().sum::<f32>() - flag - 4.0 * gap;
    let stacked = question < 220.0;
    ui.horizontal_wrapped(|ui| {
        ui.label("Sort by");
        for (sort, name) in [
            (Sort::Flag, "Flag"),
            (Sort::Facility, "Facility"),
            (Sort::Discrimination, "Discrimination"),
            (Sort::Attempts, "Attempts"),
            (Sort::Course, "Course order"),
        ] {
            let on = state.sort.unwrap_or(Sort::Flag) == sort;
            let arrow = match (on, state.reverse) {
                (false, _) => "",
                (true, false) => " \u{2b07}",
                (true, true) => " \u{2b06}",
            };
            let b = ui.add(egui::Button::selectable(on, format!("{name}{arrow}")));
            let b = widgets::named(b, format!("Sort by {}", name.to_lowercase()));
            if b.clicked() {
                state.reverse = on && !state.reverse;
                state.sort = Some(sort);
            }
        }
    });
    ui.separator();
    let rows: Vec<QuestionStats> = state.sorted().into_iter().cloned().collect();
    if !stacked {
        ui.horizontal(|ui| {
            cell(ui, question, false, |ui| {
                ui.label(RichText::new("Question").strong());
            });
            for (name, w) in headings.iter().zip(widths) {
                cell(ui, w, true, |ui| {
                    ui.label(RichText::new(*name).strong());
                });
            }
            cell(ui, flag, false, |ui| {
                ui.label(RichText::new("Flag").strong());
            });
        });
    }
    let p = theme::palette(ui.ctx());
    for q in &rows {
        let prompt = q.prompt.as_deref().unwrap_or(&q.id);
        let discrimination = q
            .discrimination
            .map_or_else(|| "-".to_owned(), |d| format!("{d:.2}"));
        let flag_text = q.worst().map_or("", FlagKind::label);
        let flag_color = match q.worst() {
            Some(FlagKind::FewAttempts) | None => p.muted,
            Some(FlagKind::NegativeDiscrimination | FlagKind::LowDiscrimination) => p.wrong,
            Some(_) => p.partly,
        };
        let mut question_ui = |ui: &mut Ui| {
            let link = ui.add(egui::Link::new(short(prompt)));
            if widgets::named(link, format!("Open {}", q.id)).clicked() {
                state.open = Some(q.id.clone());
            }
            widgets::muted(ui, &q.id);
        };
        if stacked {
            question_ui(ui);
            ui.add(
                Label::new(format!(
                    "{} attempts \u{00b7} facility {} \u{00b7} discrimination {discrimination}",
                    q.attempts,
                    percent(q.facility)
                ))
                .wrap(),
            );
            if !flag_text.is_empty() {
                ui.label(RichText::new(flag_text).color(flag_color));
            }
        } else {
            ui.horizontal(|ui| {
                cell(ui, question, false, question_ui);
                let figures = [
                    q.attempts.to_string(),
                    percent(q.facility),
                    discrimination.clone(),
                ];
                for (text, w) in figures.into_iter().zip(widths) {
                    cell(ui, w, true, |ui| {
                        ui.label(text);
                    });
                }
                cell(ui, flag, false, |ui| {
                    ui.add(Label::new(RichText::new(flag_text).color(flag_color)).wrap());
                });
            });
        }
        ui.separator();
    }
}

/// A table cell of a fixed width.
fn cell(ui: &mut Ui, width: f32, right: bool, add: impl FnOnce(&mut Ui)) {
    let layout = if right {
        Layout::top_down(Align::Max)
    } else {
        Layout::top_down(Align::Min)
    };
    ui.allocate_ui_with_layout(vec2(width, 0.0), layout, |ui| {
        ui.set_width(width);
        add(ui);
    });
}

/// A prompt cut to about 120 characters for the table.
fn short(prompt: &str) -> String {
    if prompt.chars().count() <= 120 {
        return prompt.to_owned();
    }
    let cut: String = prompt.chars().take(117).collect();
    format!("{}\u{2026}", cut.trim_end())
}

/// A question's text, key, figures, choices and flags; returns true when closed.
fn details_ui(ctx: &egui::Context, q: &QuestionStats) -> bool {
    let mut close = false;
    let modal = widgets::dialog(ctx, "question details").show(ctx, |ui| {
        ui.set_max_width(560.0);
        egui::ScrollArea::vertical()
            .max_height(ctx.content_rect().height() * 0.7)
            .show(ui, |ui| {
                ui.label(RichText::new(&q.id).text_style(theme::title()).strong());
                if let Some(prompt) = &q.prompt {
                    ui.add(Label::new(prompt.as_str()).wrap());
                } else {
                    widgets::muted(ui, "This question is not in the open course.");
                }
                if let Some(key) = &q.key {
                    ui.add(Label::new(RichText::new(format!("Right answer: {key}")).strong()).wrap());
                }
                ui.add_space(theme::GAP_SMALL);
                let figure = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |x| format!("{x:.2}"));
                ui.add(
                    Label::new(format!(
                        "{} attempts \u{00b7} facility {} \u{00b7} discrimination {} \u{00b7} discriminative efficiency {} \u{00b7} standard deviation {}",
                        q.attempts,
                        percent(q.facility),
                        figure(q.discrimination),
                        q.efficiency.map_or_else(|| "-".to_owned(), percent),
                        figure(q.sd),
                    ))
                    .wrap(),
                );
                if !q.choices.is_empty() {
                    ui.add_space(theme::GAP_SMALL);
                    ui.label(RichText::new(format!("Picked, of {} responses", q.responses)).strong());
                    for c in &q.choices {
                        let text = format!(
                            "{}{}: {} ({})",
                            c.text,
                            if c.correct { " (right)" } else { "" },
                            percent(c.share),
                            c.picked
                        );
                        ui.add(Label::new(text.as_str()).wrap());
                        widgets::bar(ui, c.share as f32, &text);
                    }
                }
                for f in &q.flags {
                    ui.add_space(theme::GAP_SMALL);
                    ui.add(Label::new(f.reason.as_str()).wrap());
                }
            });
        ui.add_space(theme::GAP_SMALL);
        let button = widgets::primary(ui, "Close");
        widgets::focus_default(ui, "question details", &button);
        if button.clicked() {
            close = true;
        }
    });
    close || modal.should_close()
}
