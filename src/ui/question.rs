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

    /// What is still blank in an answer that can be checked partly given (a case study's
    /// parts, a matching's items), as a sentence; `None` when nothing is blank, or when nothing
    /// is given at all (there is nothing to check then).
    #[must_use]
    pub fn blanks(&self) -> Option<String> {
        match self {
            Input::Parts(parts) => {
                let blank: Vec<String> = parts
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.response().is_none())
                    .map(|(i, _)| (i + 1).to_string())
                    .collect();
                if blank.is_empty() || blank.len() == parts.len() {
                    return None;
                }
                Some(match blank.as_slice() {
                    [one] => format!("Part {one} has no answer yet."),
                    [first @ .., last] => {
                        format!("Parts {} and {last} have no answer yet.", first.join(", "))
                    }
                    [] => return None,
                })
            }
            Input::Matching(m) => {
                let blank = m.iter().filter(|x| x.is_none()).count();
                (blank > 0 && blank < m.len()).then(|| {
                    format!(
                        "{} not matched yet.",
                        crate::plural::count(blank, "item is", "items are")
                    )
                })
            }
            _ => None,
        }
    }

    /// Shows `response` again, e.g. for a question answered before the quiz was resumed.
    pub fn restore(&mut self, response: &Response) {
        match (self, response) {
            (Input::Single(c), Response::Choice(i)) => *c = Some(*i),
            (Input::Multiple(set), Response::Choices(r)) => set.clone_from(r),
            (Input::Bool(b), Response::Bool(v)) => *b = Some(*v),
            (Input::Text(t), Response::Text(r)) => t.clone_from(r),
            (Input::Number(t), Response::Number(x)) => *t = crate::quiz::format_number(*x),
            (Input::Matching(m), Response::Matching(r)) => m.clone_from(r),
            (Input::Ordering(o), Response::Ordering(r)) => o.clone_from(r),
            (Input::Parts(parts), Response::Parts(answers)) => {
                for (part, answer) in parts.iter_mut().zip(answers) {
                    if let Some(answer) = answer {
                        part.restore(answer);
                    }
                }
            }
            _ => {}
        }
    }

    /// Picks the `n`-th shown choice (1-based) of scenario part `part` (of the question itself
    /// outside scenarios), as the number keys do. Returns whether it applied.
    pub fn pick_in(
        &mut self,
        part: usize,
        n: usize,
        order: &[usize],
        part_orders: &[Vec<usize>],
    ) -> bool {
        match self {
            Input::Parts(parts) => parts.get_mut(part).is_some_and(|input| {
                input.pick(n, part_orders.get(part).map_or(&[], Vec::as_slice))
            }),
            _ => self.pick(n, order),
        }
    }

    /// The first choice picked, as (scenario part, its shown number from 1): the number a key
    /// picks it with. `None` when nothing picked is a numbered choice (typed answers, matchings,
    /// orderings).
    #[must_use]
    pub fn first_pick(
        &self,
        order: &[usize],
        part_orders: &[Vec<usize>],
    ) -> Option<(usize, usize)> {
        let shown = |authored: usize| order.iter().position(|&i| i == authored).map(|p| p + 1);
        match self {
            Input::Single(c) => c.and_then(shown).map(|n| (0, n)),
            Input::Multiple(set) => set.iter().filter_map(|&i| shown(i)).min().map(|n| (0, n)),
            Input::Bool(b) => b.map(|b| (0, if b { 1 } else { 2 })),
            Input::Parts(parts) => parts.iter().enumerate().find_map(|(k, input)| {
                let order = part_orders.get(k).map_or(&[][..], Vec::as_slice);
                input.first_pick(order, &[]).map(|(_, n)| (k, n))
            }),
            Input::Text(_) | Input::Number(_) | Input::Matching(_) | Input::Ordering(_) => None,
        }
    }

    /// Picks the `n`-th shown choice (1-based), as the number keys do. Returns whether it applied.
    pub fn pick(&mut self, n: usize, order: &[usize]) -> bool {
        if let Input::Bool(b) = self {
            if n == 1 || n == 2 {
                *b = Some(n == 1);
                return true;
            }
            return false;
        }
        let Some(&authored) = n.checked_sub(1).and_then(|i| order.get(i)) else {
            return false;
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

/// Where a question's controls are, so that keys can act on them: each interactive widget in
/// drawing order, with its scenario part and, for a choice, its shown number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Controls {
    widgets: Vec<Control>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Control {
    id: egui::Id,
    part: usize,
    number: Option<usize>,
    text_field: bool,
}

impl Controls {
    /// Whether the widget `id` is one of the question's controls.
    #[must_use]
    pub fn owns(&self, id: egui::Id) -> bool {
        self.widgets.iter().any(|c| c.id == id)
    }

    /// The scenario part (0 outside scenarios) of the control `id`.
    #[must_use]
    pub fn part_of(&self, id: egui::Id) -> Option<usize> {
        self.widgets.iter().find(|c| c.id == id).map(|c| c.part)
    }

    /// The control of the `number`-th shown choice in `part`.
    #[must_use]
    pub fn choice(&self, part: usize, number: usize) -> Option<egui::Id> {
        self.widgets
            .iter()
            .find(|c| c.part == part && c.number == Some(number))
            .map(|c| c.id)
    }

    /// Where the first choice picked in `input` was drawn (see [`Input::first_pick`]).
    #[must_use]
    pub fn picked_rect(
        &self,
        ctx: &egui::Context,
        input: &Input,
        order: &[usize],
        part_orders: &[Vec<usize>],
    ) -> Option<egui::Rect> {
        let (part, number) = input.first_pick(order, part_orders)?;
        let id = self.choice(part, number)?;
        ctx.read_response(id).map(|r| r.rect)
    }

    /// Whether the control `id` is a text field.
    #[must_use]
    pub fn is_text_field(&self, id: egui::Id) -> bool {
        self.widgets.iter().any(|c| c.id == id && c.text_field)
    }

    fn add(&mut self, response: &egui::Response, part: usize, number: Option<usize>) {
        self.widgets.push(Control {
            id: response.id,
            part,
            number,
            text_field: false,
        });
    }
}

/// Whether a question's first control is a text field (fill-in or numeric, or a case study
/// whose first part is one).
#[must_use]
pub fn opens_with_text_field(body: &Body) -> bool {
    match body {
        Body::FillIn(_) | Body::Numeric(_) => true,
        Body::Scenario { parts, .. } => parts
            .first()
            .is_some_and(|p| opens_with_text_field(&p.body)),
        _ => false,
    }
}

/// Number keys 1 to 9 pick a choice in the scenario part that has keyboard focus (the first
/// part when focus is elsewhere), and focus moves to the picked choice so that the next key
/// stays in that part. `controls` are where the question was last drawn. Returns whether a key
/// picked something.
pub fn digit_keys(
    ui: &Ui,
    controls: &Controls,
    input: &mut Input,
    order: &[usize],
    part_orders: &[Vec<usize>],
) -> bool {
    let focused = ui.ctx().memory(egui::Memory::focused);
    if focused.is_some_and(|id| controls.is_text_field(id)) {
        return false;
    }
    let part = focused.and_then(|id| controls.part_of(id)).unwrap_or(0);
    let mut picked_any = false;
    for n in widgets::take_digits(ui) {
        let picked = input.pick_in(part, n, order, part_orders);
        if picked && let Some(id) = controls.choice(part, n) {
            ui.ctx().memory_mut(|m| m.request_focus(id));
        }
        picked_any |= picked;
    }
    picked_any
}

/// What a question's controls may do and show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    /// Being answered: the controls can change.
    Open,
    /// Saved in the final assessment: fixed, and nothing says what is right until it is
    /// handed in.
    Saved,
    /// Checked: fixed, with the learner's and the right choices marked.
    Checked,
}

impl Lock {
    /// The answer can no longer change.
    #[must_use]
    pub fn locked(self) -> bool {
        self != Self::Open
    }

    /// Which choices are right may be shown.
    #[must_use]
    pub fn reveals(self) -> bool {
        self == Self::Checked
    }
}

/// Draws the controls of a question. Once locked they cannot change; once checked (not merely
/// saved in the final assessment) the right choices are marked. Returns where the controls
/// are, for the keys.
pub fn answer_ui(
    ui: &mut Ui,
    id: egui::Id,
    body: &Body,
    order: &[usize],
    part_orders: &[Vec<usize>],
    input: &mut Input,
    lock: Lock,
) -> Controls {
    let mut controls = Controls::default();
    body_ui(
        ui,
        id,
        body,
        (order, part_orders),
        input,
        lock,
        (0, &mut controls),
    );
    controls
}

/// The controls of one question or scenario part; `at` is the part and where its controls go.
fn body_ui(
    ui: &mut Ui,
    id: egui::Id,
    body: &Body,
    (order, part_orders): (&[usize], &[Vec<usize>]),
    input: &mut Input,
    lock: Lock,
    (part, controls): (usize, &mut Controls),
) {
    let p = theme::palette(ui.ctx());
    let locked = lock.locked();
    let reveal = lock.reveals();
    if locked {
        // Checked answers cannot change, but what was chosen stays as visible as before.
        ui.style_mut().visuals.disabled_alpha = 1.0;
    }
    match (body, input) {
        (Body::Single(choices), Input::Single(chosen)) => {
            for (n, &i) in order.iter().enumerate() {
                let Some(choice) = choices.0.get(i) else {
                    continue;
                };
                let text = format!("{}. {}", n + 1, choice.text);
                let r = ui.add_enabled(!locked, egui::RadioButton::new(*chosen == Some(i), text));
                controls.add(&r, part, Some(n + 1));
                if r.clicked() {
                    *chosen = Some(i);
                }
                if reveal {
                    mark(ui, choice.correct, *chosen == Some(i), p);
                }
            }
        }
        (Body::Multiple(choices), Input::Multiple(set)) => {
            ui.label(RichText::new("Select all that apply.").color(p.muted));
            for (n, &i) in order.iter().enumerate() {
                let Some(choice) = choices.0.get(i) else {
                    continue;
                };
                let mut ticked = set.contains(&i);
                let text = format!("{}. {}", n + 1, choice.text);
                let r = ui.add_enabled(!locked, egui::Checkbox::new(&mut ticked, text));
                controls.add(&r, part, Some(n + 1));
                if r.changed() {
                    if ticked {
                        set.insert(i);
                    } else {
                        set.remove(&i);
                    }
                }
                if reveal {
                    mark(ui, choice.correct, set.contains(&i), p);
                }
            }
        }
        (Body::TrueFalse(answer), Input::Bool(chosen)) => {
            ui.horizontal_wrapped(|ui| {
                for (n, value, label) in [(1, true, "True"), (2, false, "False")] {
                    let r = ui.add_enabled(
                        !locked,
                        egui::RadioButton::new(*chosen == Some(value), format!("{n}. {label}")),
                    );
                    controls.add(&r, part, Some(n));
                    if r.clicked() {
                        *chosen = Some(value);
                    }
                    if reveal {
                        mark(ui, value == *answer, *chosen == Some(value), p);
                    }
                    ui.add_space(theme::GAP);
                }
            });
        }
        (Body::FillIn(_), Input::Text(text)) => {
            text_field(ui, id, "Your answer", text, locked, None, (part, controls));
        }
        (Body::Numeric(n), Input::Number(text)) => {
            text_field(
                ui,
                id,
                "Your answer (a number)",
                text,
                locked,
                n.unit.as_deref(),
                (part, controls),
            );
            if !text.trim().is_empty() && crate::quiz::parse_number(text).is_none() {
                ui.add(
                    Label::new(
                        RichText::new("Enter a number, for example 2000 or 27.6.").color(p.wrong),
                    )
                    .wrap(),
                );
            }
        }
        (Body::Matching(pairs), Input::Matching(chosen)) => {
            matching_ui(ui, pairs, order, chosen, lock, (part, controls));
        }
        (Body::Ordering(items), Input::Ordering(current)) => {
            ordering_ui(ui, id, items, current, lock, (part, controls));
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
                body_ui(
                    ui,
                    id.with(k),
                    &part.body,
                    (po, &[]),
                    input,
                    lock,
                    (k, controls),
                );
            }
        }
        _ => {
            ui.label("This question cannot be shown.");
        }
    }
}

/// After checking, says which choice was the learner's and which is right (the verdict itself
/// is said once, in the feedback box), lined up with the choice's text.
fn mark(ui: &mut Ui, correct: bool, chosen: bool, p: theme::Palette) {
    let (text, color) = match (correct, chosen) {
        (true, true) => ("\u{2714} your answer", p.right),
        (true, false) => ("\u{2714} right answer", p.right),
        (false, true) => ("\u{2716} your answer", p.wrong),
        (false, false) => return,
    };
    ui.horizontal(|ui| {
        ui.add_space(ui.spacing().icon_width + ui.spacing().icon_spacing);
        ui.add(Label::new(RichText::new(text).color(color)).wrap());
    });
}

/// A labelled single-line text field, on one row when it fits.
fn text_field(
    ui: &mut Ui,
    id: egui::Id,
    label: &str,
    text: &mut String,
    locked: bool,
    unit: Option<&str>,
    (part, controls): (usize, &mut Controls),
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(label);
        let edit = egui::TextEdit::singleline(text)
            .id(id.with("text"))
            .desired_width(260.0_f32.min(ui.available_width() - 40.0));
        let response = ui.add_enabled(!locked, edit).labelled_by(label.id);
        controls.widgets.push(Control {
            id: response.id,
            part,
            number: None,
            text_field: true,
        });
        if let Some(unit) = unit {
            ui.label(unit);
        }
    });
}

/// Each item gets a partner picked from lettered options shown in full above.
fn matching_ui(
    ui: &mut Ui,
    pairs: &[crate::content::Pair],
    order: &[usize],
    chosen: &mut [Option<usize>],
    lock: Lock,
    (part, controls): (usize, &mut Controls),
) {
    let p = theme::palette(ui.ctx());
    let locked = lock.locked();
    ui.add(
        Label::new(RichText::new("Pick the matching letter for each item.").color(p.muted)).wrap(),
    );
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
                // A chosen letter is filled with the accent colour; the others are outlined.
                let button = if selected {
                    egui::Button::new(RichText::new(letter).strong().color(p.on_accent))
                        .fill(p.accent)
                        .selected(true)
                } else {
                    egui::Button::new(letter.to_string())
                };
                let response = ui.add_enabled(!locked, button);
                controls.add(&response, part, None);
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
            if lock.reveals() {
                let right = order
                    .iter()
                    .position(|&j| j == i)
                    .and_then(|k| LETTERS.chars().nth(k))
                    .unwrap_or('?');
                let ok = chosen.get(i).copied().flatten() == Some(i);
                let (text, color) = if ok {
                    ("\u{2714} matched".to_owned(), p.right)
                } else {
                    (format!("\u{2716} should be {right}"), p.wrong)
                };
                ui.add(Label::new(RichText::new(text).color(color)).wrap());
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
fn ordering_ui(
    ui: &mut Ui,
    list: egui::Id,
    items: &[String],
    current: &mut [usize],
    lock: Lock,
    (part, controls): (usize, &mut Controls),
) {
    let p = theme::palette(ui.ctx());
    let locked = lock.locked();
    ui.add(
        Label::new(
            RichText::new(match lock {
                Lock::Checked => {
                    "Your order. The items marked \u{2714} are in the right order among \
                     themselves; those marked \u{2716} are out of place."
                }
                Lock::Saved => "Your order, as saved.",
                Lock::Open => {
                    "Drag the items by their text, or move them up or down, until they are in \
                     the right order."
                }
            })
            .color(p.muted),
        )
        .wrap(),
    );
    let mut moved: Option<(usize, usize)> = None;
    let placed = crate::quiz::in_place(current);
    for (pos, &i) in current.iter().enumerate() {
        let Some(item) = items.get(i) else { continue };
        let text = format!("{}. {item}", pos + 1);
        // The row's ids follow the item, not the place: a drag survives the list changing, and
        // keyboard focus stays on the Up or Down button of the item it moved.
        let row = egui::UiBuilder::new().scope_id(list.with(("ordering row", i)));
        let card = ui
            .scope_builder(row, |ui| {
                theme::card(ui.ctx())
                    .inner_margin(egui::Margin::symmetric(10, 6))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            // Once checked, the order is fixed: no Up or Down to press.
                            if !locked {
                                let up = widgets::named(
                                    ui.add_enabled(!locked && pos > 0, egui::Button::new("Up")),
                                    format!("Move up: {item}"),
                                );
                                controls.add(&up, part, None);
                                if up.clicked() {
                                    moved = Some((pos, pos - 1));
                                    if pos == 1 && up.has_focus() {
                                        refocus(ui, list, Some((i, false)));
                                    }
                                }
                                let down = widgets::named(
                                    ui.add_enabled(
                                        !locked && pos + 1 < current.len(),
                                        egui::Button::new("Down"),
                                    ),
                                    format!("Move down: {item}"),
                                );
                                controls.add(&down, part, None);
                                if down.clicked() {
                                    moved = Some((pos, pos + 1));
                                    if pos + 2 == current.len() && down.has_focus() {
                                        refocus(ui, list, Some((i, true)));
                                    }
                                }
                                // An item moved to an end keeps focus on its other button.
                                for (button, is_up) in [(&up, true), (&down, false)] {
                                    if refocus(ui, list, None) == Some((i, is_up)) {
                                        button.request_focus();
                                        ui.data_mut(|d| {
                                            d.remove::<(usize, bool)>(list.with("refocus"));
                                        });
                                    }
                                }
                            }
                            if lock == Lock::Saved {
                                ui.add(Label::new(text).wrap());
                            } else if locked {
                                let (t, c, name) = if placed.get(pos).copied().unwrap_or(false) {
                                    ("\u{2714}", p.right, "in place")
                                } else {
                                    ("\u{2716}", p.wrong, "out of place")
                                };
                                let mark = ui.label(RichText::new(t).color(c));
                                let name = format!("{text}: {name}");
                                mark.widget_info(|| WidgetInfo::labeled(Role::Label, true, &name));
                                ui.add(Label::new(text).wrap());
                            } else {
                                let id = list.with(("ordering item", i));
                                ui.dnd_drag_source(id, OrderDrag { list, pos }, |ui| {
                                    drag_handle(ui, id, &text, p);
                                });
                            }
                        });
                    })
                    .response
            })
            .inner;
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

/// The button of an ordering item that should take focus next frame, as (item, Up rather than
/// Down): set with `Some`, read with `None`.
fn refocus(ui: &Ui, list: egui::Id, set: Option<(usize, bool)>) -> Option<(usize, bool)> {
    let key = list.with("refocus");
    match set {
        Some(value) => {
            ui.data_mut(|d| d.insert_temp(key, value));
            Some(value)
        }
        None => ui.data(|d| d.get_temp(key)),
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
/// With `spell_out`, a wrong or partly right answer is also given in words, with the right one,
/// for when the choices that mark them are out of view. Returns where the verdict (its first
/// line) was drawn.
#[must_use = "the verdict's place, to bring it into view"]
pub fn feedback_ui(
    ui: &mut Ui,
    question: &Question,
    input: &Input,
    feedback: &Feedback,
    sources: &[String],
    spell_out: bool,
) -> egui::Rect {
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
            let verdict = ui.label(RichText::new(heading).heading().color(color)).rect;
            if spell_out && feedback.outcome != Outcome::Right {
                // The choices that mark both in place are out of view with the verdict.
                if let Some(response) = input.response() {
                    let yours = describe(&question.body, &response);
                    ui.add(Label::new(format!("Your answer: {yours}")).wrap());
                }
                if marked_in_place(&question.body) {
                    let right = describe(&question.body, &right_response(&question.body));
                    ui.add(
                        Label::new(RichText::new(format!("Right answer: {right}")).strong()).wrap(),
                    );
                }
            }
            if feedback.outcome != Outcome::Right {
                for line in right_answer_lines(&question.body) {
                    ui.add(Label::new(RichText::new(line).strong()).wrap());
                }
            } else if let Some(spelled) = spelling(&question.body, input) {
                ui.add(
                    Label::new(RichText::new(format!("It is spelled: {spelled}")).strong()).wrap(),
                );
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
            verdict
        })
        .inner
}

/// The accepted answer a typed one was forgiven a typo against, to show its spelling; `None`
/// when the typed answer is spelled as accepted (case, accents and punctuation aside).
fn spelling<'q>(body: &'q Body, input: &Input) -> Option<&'q str> {
    let (Body::FillIn(accepted), Input::Text(typed)) = (body, input) else {
        return None;
    };
    let typed_norm = crate::quiz::text::normalize(typed);
    if accepted
        .iter()
        .any(|a| crate::quiz::text::normalize(a) == typed_norm)
    {
        return None;
    }
    accepted
        .iter()
        .find(|a| crate::quiz::text::matches(typed, a))
        .map(String::as_str)
}

/// Whether the controls of a checked question already mark the right answer in place (choices,
/// true or false, partners), so the feedback need not spell it out again.
fn marked_in_place(body: &Body) -> bool {
    match body {
        Body::Single(_) | Body::Multiple(_) | Body::TrueFalse(_) | Body::Matching(_) => true,
        Body::FillIn(_) | Body::Numeric(_) | Body::Ordering(_) => false,
        Body::Scenario { parts, .. } => parts.iter().all(|p| marked_in_place(&p.body)),
    }
}

/// The right answer in words where the controls do not show it: the whole answer, or for a
/// scenario the parts whose controls do not.
fn right_answer_lines(body: &Body) -> Vec<String> {
    if marked_in_place(body) {
        return Vec::new();
    }
    match body {
        Body::Scenario { parts, .. } => parts
            .iter()
            .enumerate()
            .filter(|(_, part)| !marked_in_place(&part.body))
            .map(|(k, part)| {
                let right = describe(&part.body, &right_response(&part.body));
                format!("Part {}, right answer: {right}", k + 1)
            })
            .collect(),
        _ => vec![format!(
            "Right answer: {}",
            describe(body, &right_response(body))
        )],
    }
}

/// A key term: underlined like a link. Clicking or tapping it (or Enter or Space when it has
/// focus) opens its definition under it, until the next click elsewhere or Esc; hovering it
/// shows the definition as a tooltip.
pub fn term_label(ui: &mut Ui, term: &str, definition: &str) {
    let p = theme::palette(ui.ctx());
    let response = ui
        .add(
            Label::new(RichText::new(term).underline().color(p.accent))
                .sense(Sense::click())
                .wrap(),
        )
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    response.widget_info(|| WidgetInfo::labeled(Role::Link, true, format!("{term}: {definition}")));
    widgets::note_pass(ui.ctx(), response.id.with(TERM_MARK));
    let popup = egui::Popup::from_toggle_button_response(&response)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .width(theme::DEFINITION_WIDTH)
        .show(|ui| {
            ui.set_max_width(theme::DEFINITION_WIDTH);
            ui.add(Label::new(RichText::new(term).strong()).wrap());
            ui.add(Label::new(definition).wrap());
        });
    if popup.is_none() {
        // Only the pointer shows a tooltip: one shown for focus opened by itself over the text
        // when a page gave the term its first focus, and stayed on screen after the term was
        // scrolled away. Keyboard users open the definition with Space (on a lesson page Enter
        // goes on, as everywhere: see [`is_term`]).
        response.on_hover_text(definition);
    }
}

const TERM_MARK: &str = "beacon term link";

/// Whether `id` is a key term's link drawn in the last frame or two (not a widget that has its
/// id now and was a term on another page).
#[must_use]
pub fn is_term(ctx: &egui::Context, id: egui::Id) -> bool {
    widgets::noted_within(ctx, id.with(TERM_MARK), 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forgiven_typo_is_shown_its_spelling() {
        let body = Body::FillIn(vec!["consent".into(), "agreement".into()]);
        let typed = |t: &str| Input::Text(t.into());
        assert_eq!(spelling(&body, &typed("concent")), Some("consent"));
        assert_eq!(spelling(&body, &typed("agreemant")), Some("agreement"));
        assert_eq!(spelling(&body, &typed(" Consent.")), None, "spelled right");
        assert_eq!(
            spelling(&body, &typed("coercion")),
            None,
            "not accepted at all"
        );
        let ordering = Body::Ordering(vec!["consent".into()]);
        assert_eq!(
            spelling(&ordering, &typed("concent")),
            None,
            "typed answers only"
        );
    }

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
        assert!(
            tf.pick(1, &[1, 0]),
            "a shown order does not stop true/false"
        );
        assert_eq!(tf, Input::Bool(Some(true)));
        assert!(!tf.pick(3, &[1, 0]));
        let mut parts = Input::Parts(vec![Input::Single(None), Input::Bool(None)]);
        assert!(parts.pick_in(1, 2, &[], &[vec![2, 0, 1], vec![0, 1]]));
        assert!(parts.pick_in(0, 1, &[], &[vec![2, 0, 1], vec![0, 1]]));
        assert_eq!(
            parts,
            Input::Parts(vec![Input::Single(Some(2)), Input::Bool(Some(false))])
        );
        assert!(!Input::Text(String::new()).pick(1, &[]));
    }
}
