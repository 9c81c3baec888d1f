//! Answering a question with its natural control: radio buttons, check boxes, a text field, a
//! number field, a partner for each item, or items moved up and down. Shared by quizzes and the
//! lesson's "check yourself" questions.

use std::collections::BTreeSet;
use std::fmt::Write;

use egui::{Label, RichText, Role, Sense, Ui, WidgetInfo};

use super::{theme, widgets};
use crate::content::{Body, Question};
use crate::quiz::{Feedback, Outcome, Response, describe, right_response};

/// Letters that name the choices and partners.
const LETTERS: &str = "ABCDEFGH";

/// What the learner has entered so far for one question.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// The chosen choice (authored index).
    Single(Option<usize>),
    /// The ticked choices (authored indexes).
    Multiple(BTreeSet<usize>),
    /// True or false.
    Bool(Option<bool>),
    /// Typed text.
    Text(String),
    /// Typed number, parsed when checked.
    Number(String),
    /// For each item, the partner chosen (authored index).
    Matching(Vec<Option<usize>>),
    /// The items' authored indexes in the learner's order.
    Ordering(Vec<usize>),
    /// One input per scenario part.
    Parts(Vec<Input>),
}

impl Input {
    /// An empty input; an ordering starts in the order shown.
    #[must_use]
    pub fn new(body: &Body, order: &[usize], part_orders: &[Vec<usize>]) -> Self {
        match body {
            Body::Single(_) => Input::Single(None),
            Body::Multiple(_) => Input::Multiple(BTreeSet::new()),
            Body::TrueFalse(_) => Input::Bool(None),
            Body::FillIn(_) => Input::Text(String::new()),
            Body::Numeric(_) => Input::Number(String::new()),
            Body::Matching(pairs) => Input::Matching(vec![None; pairs.len()]),
            Body::Ordering(items) => Input::Ordering(if order.len() == items.len() {
                order.to_vec()
            } else {
                (0..items.len()).collect()
            }),
            Body::Scenario { parts, .. } => Input::Parts(
                parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        Input::new(&p.body, part_orders.get(i).map_or(&[], Vec::as_slice), &[])
                    })
                    .collect(),
            ),
        }
    }

    /// The response to grade, or `None` while nothing usable is entered.
    #[must_use]
    pub fn response(&self) -> Option<Response> {
        match self {
            Input::Single(c) => c.map(Response::Choice),
            Input::Multiple(set) => (!set.is_empty()).then(|| Response::Choices(set.clone())),
            Input::Bool(b) => b.map(Response::Bool),
            Input::Text(t) => (!t.trim().is_empty()).then(|| Response::Text(t.clone())),
            Input::Number(t) => crate::quiz::parse_number(t).map(Response::Number),
            Input::Matching(m) => m
                .iter()
                .any(Option::is_some)
                .then(|| Response::Matching(m.clone())),
            Input::Ordering(o) => Some(Response::Ordering(o.clone())),
            Input::Parts(parts) => {
                let answers: Vec<Option<Response>> = parts.iter().map(Input::response).collect();
                answers
                    .iter()
                    .any(Option::is_some)
                    .then_some(Response::Parts(answers))
            }
        }
    }

    /// Picks the `n`-th shown choice (1-based), as the number keys do. Returns whether it applied.
    pub fn pick(&mut self, n: usize, order: &[usize]) -> bool {
        let Some(&authored) = n.checked_sub(1).and_then(|i| order.get(i)) else {
            return match self {
                Input::Bool(b) if n == 1 || n == 2 => {
                    *b = Some(n == 1);
                    true
                }
                _ => false,
            };
        };
        match self {
            Input::Single(c) => {
                *c = Some(authored);
                true
            }
            Input::Multiple(set) => {
                if !set.remove(&authored) {
                    set.insert(authored);
                }
                true
            }
            _ => false,
        }
    }
}

/// Draws the controls of a question. When `locked` (after checking) they cannot change and the
/// right choices are marked. Returns true when the learner pressed Enter in a text field.
pub fn answer_ui(
    ui: &mut Ui,
    id: egui::Id,
    body: &Body,
    order: &[usize],
    part_orders: &[Vec<usize>],
    input: &mut Input,
    locked: bool,
) -> bool {
    let mut submitted = false;
    let p = theme::palette(ui.ctx());
    match (body, input) {
        (Body::Single(choices), Input::Single(chosen)) => {
            for (n, &i) in order.iter().enumerate() {
                let Some(choice) = choices.0.get(i) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    let text = format!("{}. {}", n + 1, choice.text);
                    ui.add_enabled_ui(!locked, |ui| {
                        if ui.radio(*chosen == Some(i), wrap_text(ui, &text)).clicked() {
                            *chosen = Some(i);
                        }
                    });
                    if locked {
                        mark(ui, choice.correct, *chosen == Some(i), p);
                    }
                });
            }
        }
        (Body::Multiple(choices), Input::Multiple(set)) => {
            ui.label(RichText::new("Select all that apply.").color(p.muted));
            for (n, &i) in order.iter().enumerate() {
                let Some(choice) = choices.0.get(i) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    let mut ticked = set.contains(&i);
                    let text = format!("{}. {}", n + 1, choice.text);
                    ui.add_enabled_ui(!locked, |ui| {
                        if ui.checkbox(&mut ticked, wrap_text(ui, &text)).changed() {
                            if ticked {
                                set.insert(i);
                            } else {
                                set.remove(&i);
                            }
                        }
                    });
                    if locked {
                        mark(ui, choice.correct, set.contains(&i), p);
                    }
                });
            }
        }
        (Body::TrueFalse(answer), Input::Bool(chosen)) => {
            ui.add_enabled_ui(!locked, |ui| {
                ui.horizontal(|ui| {
                    for (n, value, label) in [(1, true, "True"), (2, false, "False")] {
                        if ui
                            .radio(*chosen == Some(value), format!("{n}. {label}"))
                            .clicked()
                        {
                            *chosen = Some(value);
                        }
                        ui.add_space(theme::GAP);
                    }
                });
            });
            if locked {
                ui.horizontal(|ui| mark(ui, true, *chosen == Some(*answer), p));
            }
        }
        (Body::FillIn(_), Input::Text(text)) => {
            submitted |= text_field(ui, id, "Your answer", text, locked, None);
        }
        (Body::Numeric(n), Input::Number(text)) => {
            submitted |= text_field(
                ui,
                id,
                "Your answer (a number)",
                text,
                locked,
                n.unit.as_deref(),
            );
            if !text.trim().is_empty() && crate::quiz::parse_number(text).is_none() {
                ui.label(RichText::new("Enter a number, for example 2000 or 27.6.").color(p.wrong));
            }
        }
        (Body::Matching(pairs), Input::Matching(chosen)) => {
            matching_ui(ui, pairs, order, chosen, locked);
        }
        (Body::Ordering(items), Input::Ordering(current)) => {
            ordering_ui(ui, id, items, current, locked);
        }
        (Body::Scenario { case, parts }, Input::Parts(inputs)) => {
            theme::card(ui.ctx()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new("The case").strong());
                ui.add(Label::new(case.as_str()).wrap());
            });
            for (k, (part, input)) in parts.iter().zip(inputs.iter_mut()).enumerate() {
                ui.add_space(theme::GAP_SMALL);
                ui.add(
                    Label::new(RichText::new(format!("Part {}. {}", k + 1, part.prompt)).strong())
                        .wrap(),
                );
                let po = part_orders.get(k).map_or(&[][..], Vec::as_slice);
                submitted |= answer_ui(ui, id.with(k), &part.body, po, &[], input, locked);
            }
        }
        _ => {
            ui.label("This question cannot be shown.");
        }
    }
    submitted
}

/// A choice's text, wrapping within the column.
fn wrap_text(_ui: &Ui, text: &str) -> RichText {
    RichText::new(text)
}

/// A right / wrong mark next to a choice after checking.
fn mark(ui: &mut Ui, correct: bool, chosen: bool, p: theme::Palette) {
    match (correct, chosen) {
        (true, true) => ui.label(RichText::new("\u{2714} right").color(p.right)),
        (true, false) => ui.label(RichText::new("\u{2714} the right answer").color(p.right)),
        (false, true) => ui.label(RichText::new("\u{2716} not right").color(p.wrong)),
        (false, false) => return,
    };
}

/// A labelled single-line text field. Returns true when Enter was pressed in it.
fn text_field(
    ui: &mut Ui,
    id: egui::Id,
    label: &str,
    text: &mut String,
    locked: bool,
    unit: Option<&str>,
) -> bool {
    let mut submitted = false;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let edit = egui::TextEdit::singleline(text)
            .id(id.with("text"))
            .desired_width(260.0_f32.min(ui.available_width() - 40.0));
        let response = ui.add_enabled(!locked, edit).labelled_by(label.id);
        if let Some(unit) = unit {
            ui.label(unit);
        }
        submitted = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    });
    submitted
}

/// Each item gets a partner picked from lettered options shown in full above.
fn matching_ui(
    ui: &mut Ui,
    pairs: &[crate::content::Pair],
    order: &[usize],
    chosen: &mut [Option<usize>],
    locked: bool,
) {
    let p = theme::palette(ui.ctx());
    ui.label(RichText::new("Pick the matching letter for each item.").color(p.muted));
    theme::card(ui.ctx()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        for (k, &j) in order.iter().enumerate() {
            let Some(pair) = pairs.get(j) else { continue };
            let letter = LETTERS.chars().nth(k).unwrap_or('?');
            ui.add(Label::new(format!("{letter}. {}", pair.right)).wrap());
        }
    });
    ui.add_space(theme::GAP_SMALL);
    for (i, pair) in pairs.iter().enumerate() {
        ui.add(Label::new(RichText::new(&pair.left).strong()).wrap());
        ui.horizontal_wrapped(|ui| {
            for (k, &j) in order.iter().enumerate() {
                let letter = LETTERS.chars().nth(k).unwrap_or('?');
                let selected = chosen.get(i).copied().flatten() == Some(j);
                let response = ui.add_enabled(
                    !locked,
                    egui::Button::selectable(selected, letter.to_string()),
                );
                let right = pairs.get(j).map_or("", |q| q.right.as_str());
                let a11y = format!("{}: {letter}, {}", pair.left, short(right));
                response
                    .widget_info(|| WidgetInfo::selected(Role::Button, !locked, selected, &a11y));
                if response.clicked()
                    && let Some(slot) = chosen.get_mut(i)
                {
                    *slot = if selected { None } else { Some(j) };
                }
            }
            if locked {
                let right = order
                    .iter()
                    .position(|&j| j == i)
                    .and_then(|k| LETTERS.chars().nth(k))
                    .unwrap_or('?');
                let ok = chosen.get(i).copied().flatten() == Some(i);
                let (text, color) = if ok {
                    ("\u{2714} right".to_owned(), p.right)
                } else {
                    (format!("\u{2716} the right answer is {right}"), p.wrong)
                };
                ui.label(RichText::new(text).color(color));
            }
        });
        ui.add_space(theme::GAP_SMALL / 2.0);
    }
}

/// What an ordering row carries while it is dragged: which list, and its position there.
struct OrderDrag {
    list: egui::Id,
    pos: usize,
}

/// Items listed in the learner's order. Each can be dragged by its text to a new place, or moved
/// up or down with its buttons (which keyboard and screen-reader users reach with Tab). The
/// buttons stay outside the drag handle: egui gives a press on a drag area to the drag.
fn ordering_ui(ui: &mut Ui, list: egui::Id, items: &[String], current: &mut [usize], locked: bool) {
    let p = theme::palette(ui.ctx());
    ui.label(
        RichText::new(if locked {
            "Your order, marked item by item."
        } else {
            "Drag the items by their text, or move them up or down, until they are in the right \
             order."
        })
        .color(p.muted),
    );
    let mut moved: Option<(usize, usize)> = None;
    for (pos, &i) in current.iter().enumerate() {
        let Some(item) = items.get(i) else { continue };
        let text = format!("{}. {item}", pos + 1);
        let card = theme::card(ui.ctx())
            .inner_margin(egui::Margin::symmetric(10, 6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    let up = widgets::named(
                        ui.add_enabled(!locked && pos > 0, egui::Button::new("Up")),
                        format!("Move up: {item}"),
                    );
                    if up.clicked() {
                        moved = Some((pos, pos - 1));
                    }
                    let down = widgets::named(
                        ui.add_enabled(
                            !locked && pos + 1 < current.len(),
                            egui::Button::new("Down"),
                        ),
                        format!("Move down: {item}"),
                    );
                    if down.clicked() {
                        moved = Some((pos, pos + 1));
                    }
                    if locked {
                        ui.add(Label::new(text).wrap());
                        let (t, c) = if i == pos {
                            ("\u{2714}", p.right)
                        } else {
                            ("\u{2716}", p.wrong)
                        };
                        ui.label(RichText::new(t).color(c));
                    } else {
                        // The id follows the item, not the place, so a drag survives the list
                        // changing.
                        let id = list.with(("ordering item", i));
                        ui.dnd_drag_source(id, OrderDrag { list, pos }, |ui| {
                            drag_handle(ui, id, &text, p);
                        });
                    }
                });
            })
            .response;
        if locked {
            continue;
        }
        let from = |payload: Option<std::sync::Arc<OrderDrag>>| {
            payload.filter(|d| d.list == list).map(|d| d.pos)
        };
        if let Some(from) = from(card.dnd_release_payload::<OrderDrag>()) {
            moved = Some((from, pos));
        } else if let Some(from) = from(card.dnd_hover_payload::<OrderDrag>())
            && from != pos
        {
            // A line where the dragged item would land: above this row or below it.
            let r = card.rect;
            let y = if from > pos {
                r.top() - 2.0
            } else {
                r.bottom() + 2.0
            };
            ui.painter()
                .hline(r.x_range(), y, egui::Stroke::new(3.0, p.accent));
        }
    }
    if let Some((from, to)) = moved {
        move_item(current, from, to);
    }
}

/// An ordering item's text with a grip in front; outlined while it follows the pointer.
fn drag_handle(ui: &mut Ui, id: egui::Id, text: &str, p: theme::Palette) {
    let dragged = ui.ctx().is_being_dragged(id);
    let frame = if dragged {
        egui::Frame::new()
            .fill(p.card)
            .stroke(egui::Stroke::new(2.0, p.accent))
            .corner_radius(egui::CornerRadius::same(theme::RADIUS))
            .inner_margin(egui::Margin::symmetric(8, 4))
    } else {
        egui::Frame::new().inner_margin(egui::Margin::symmetric(8, 4))
    };
    frame.show(ui, |ui| {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 14.0), Sense::hover());
            for k in 0..3 {
                let y = rect.top() + 3.0 + 4.0 * k as f32;
                ui.painter()
                    .hline(rect.x_range(), y, egui::Stroke::new(1.5, p.muted));
            }
            ui.add(Label::new(text).wrap().selectable(false));
        });
    });
}

/// Moves the entry at `from` to `to`, shifting those between by one.
fn move_item(order: &mut [usize], from: usize, to: usize) {
    if from < to && to < order.len() {
        order[from..=to].rotate_left(1);
    } else if to < from && from < order.len() {
        order[to..=from].rotate_right(1);
    }
}

/// The first words of a long text, for accessible labels.
fn short(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        out.push('\u{2026}');
    }
    out
}

/// The grade shown after "Check": the outcome, the right answer, the explanation and its source.
pub fn feedback_ui(ui: &mut Ui, question: &Question, feedback: &Feedback, sources: &[String]) {
    let p = theme::palette(ui.ctx());
    let (icon, color) = match feedback.outcome {
        Outcome::Right => ("\u{2714}", p.right),
        Outcome::PartlyRight => ("\u{25d1}", p.partly),
        Outcome::Wrong | Outcome::Skipped => ("\u{2716}", p.wrong),
    };
    theme::card(ui.ctx())
        .stroke(egui::Stroke::new(1.5, color))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut heading = format!("{icon} {}", feedback.outcome.label());
            if feedback.outcome == Outcome::PartlyRight {
                let _ = write!(heading, " ({:.0}%)", feedback.score * 100.0);
            }
            ui.label(RichText::new(heading).heading().color(color));
            if feedback.outcome != Outcome::Right {
                let right = describe(&question.body, &right_response(&question.body));
                ui.add(Label::new(RichText::new(format!("Right answer: {right}")).strong()).wrap());
            }
            ui.add(Label::new(question.explanation.as_str()).wrap());
            if let Body::Scenario { parts, .. } = &question.body {
                for (k, part) in parts.iter().enumerate() {
                    if let Some(e) = &part.explanation {
                        ui.add(Label::new(format!("Part {}: {e}", k + 1)).wrap());
                    }
                }
            }
            if !sources.is_empty() {
                ui.add(
                    Label::new(
                        RichText::new(format!("Source: {}", sources.join("; ")))
                            .small()
                            .color(p.muted),
                    )
                    .wrap(),
                );
            }
        });
}

/// A label that can take keyboard focus, for key terms with a definition on hover or focus.
pub fn term_label(ui: &mut Ui, term: &str, definition: &str) {
    let p = theme::palette(ui.ctx());
    let response = ui.add(
        Label::new(RichText::new(term).underline().color(p.accent))
            .sense(Sense::click())
            .wrap(),
    );
    response.widget_info(|| WidgetInfo::labeled(Role::Link, true, format!("{term}: {definition}")));
    if response.has_focus() {
        response.show_tooltip_text(definition);
    } else {
        response.on_hover_text(definition);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_item_shifts_the_ones_between() {
        let mut order = [0, 1, 2, 3, 4];
        move_item(&mut order, 0, 3);
        assert_eq!(order, [1, 2, 3, 0, 4]);
        move_item(&mut order, 4, 0);
        assert_eq!(order, [4, 1, 2, 3, 0]);
        move_item(&mut order, 2, 2);
        assert_eq!(order, [4, 1, 2, 3, 0]);
        move_item(&mut order, 1, 9);
        assert_eq!(order, [4, 1, 2, 3, 0], "out of range changes nothing");
    }

    #[test]
    fn number_keys_pick_the_shown_choice() {
        let mut input = Input::Single(None);
        assert!(input.pick(2, &[3, 1, 0, 2]));
        assert_eq!(input, Input::Single(Some(1)));
        let mut many = Input::Multiple(BTreeSet::new());
        many.pick(1, &[2, 0, 1]);
        many.pick(3, &[2, 0, 1]);
        many.pick(1, &[2, 0, 1]);
        assert_eq!(many, Input::Multiple([1].into_iter().collect()));
        let mut tf = Input::Bool(None);
        assert!(tf.pick(2, &[]));
        assert_eq!(tf, Input::Bool(Some(false)));
        assert!(!Input::Text(String::new()).pick(1, &[]));
    }
}
