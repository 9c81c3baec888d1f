//! Small widgets shared by the screens: the reading column, headings, banners, buttons with
//! shortcuts, a progress bar and the keyboard focus ring.

use egui::{Label, RichText, Ui};

use super::theme;

/// Lays out `add` in a centred column of at most [`theme::READING_WIDTH`], inside a scroll area;
/// keyboard focus enters at its top (see [`focus_start`]).
pub fn page(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    page_opened(ui, id, false, |ui| {
        focus_start(ui);
        add(ui);
    });
}

/// Like [`page`], for pages that mark their own [`focus_start`]; when `opened` (a new lesson
/// page or question is showing for the first time) the view starts at the top. The view
/// follows keyboard focus, and Page Up, Page Down, Home, End, the arrow keys (when no control
/// has focus) and Space (likewise) scroll it.
pub fn page_opened(ui: &mut Ui, id: &str, opened: bool, add: impl FnOnce(&mut Ui)) {
    let opened = opened || ui.data(|d| d.get_temp::<bool>(screen_opened_id()).unwrap_or(false));
    let mut area = egui::ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink([false, false]);
    if opened {
        area = area.vertical_scroll_offset(0.0);
    }
    area.show(ui, |ui| {
        let width = ui.available_width().min(theme::READING_WIDTH);
        let side = ((ui.available_width() - width) / 2.0).max(0.0);
        let content = ui.horizontal(|ui| {
            ui.add_space(side);
            ui.vertical(|ui| {
                ui.set_width(width);
                ui.add_space(theme::GAP);
                add(ui);
                ui.add_space(theme::GAP * 2.0);
            });
        });
        // A page that has just opened stays at its top, even when focus went to a control
        // further down.
        follow_focus(ui, content.response.rect, !opened);
        scroll_keys(ui);
    });
}

fn screen_opened_id() -> egui::Id {
    egui::Id::unique("beacon screen opened")
}

/// Says whether the screen drawn this frame has just opened (a different screen than the last
/// frame's, or the first frame): then its page starts at the top, like a lesson page or question
/// that has just opened.
pub fn set_screen_opened(ctx: &egui::Context, opened: bool) {
    ctx.data_mut(|d| d.insert_temp(screen_opened_id(), opened));
}

/// Scrolls a control that has just gained keyboard focus into view, when it lies in `content`
/// (and `scroll` allows). Focus moved by the arrow keys never reports `gained_focus` (egui
/// moves it between frames), so the page remembers which control it last saw focused.
fn follow_focus(ui: &Ui, content: egui::Rect, scroll: bool) {
    let seen = ui.scope_id().with("beacon focus seen");
    let focused = ui.ctx().memory(egui::Memory::focused);
    let moved = ui.ctx().data_mut(|d| {
        let last = d.get_temp::<Option<egui::Id>>(seen).flatten();
        d.insert_temp(seen, focused);
        last != focused
    });
    let Some(id) = focused else {
        return;
    };
    let Some(response) = ui.ctx().read_response(id) else {
        return;
    };
    let placed = noted_within(ui.ctx(), placed_id(), 0);
    if scroll
        && !placed
        && moved
        && response.layer_id == ui.layer_id()
        && content.contains(response.rect.center())
        && !ui.clip_rect().contains_rect(response.rect)
    {
        ui.scroll_to_rect(response.rect.expand(theme::GAP), None);
    }
}

/// Brings a question just checked into view: the first of these that fits in the view is
/// scrolled to, from the top of the answer (`answer`, the question's controls) or else of the
/// choice picked (`picked`), down to the bottom of what follows the verdict (`rest`: the
/// feedback and the way on) or else of the verdict (`verdict`; the way on stays below, and Enter
/// still goes on). At 200% text the feedback alone can fill the view, and the learner's own
/// choice went out of sight above it. When none fits and the feedback spells out what was picked
/// and what was right (`spelled_out`, from [`verdict_fits_with`]), the feedback goes to the top
/// of the view; otherwise the verdict goes to the foot of the view, under as much of the answer
/// as fits. A control given focus in the same frame does not scroll the view away again.
pub fn show_checked(
    ui: &Ui,
    answer: egui::Rect,
    picked: Option<egui::Rect>,
    verdict: egui::Rect,
    rest: egui::Rect,
    spelled_out: bool,
) {
    let view = ui.clip_rect().height() - 2.0 * theme::GAP;
    let tops = std::iter::once(answer.top()).chain(picked.map(|r| r.top()));
    let spans = tops.flat_map(|top| [(top, rest.bottom()), (top, verdict.bottom())]);
    let fitting = spans
        .filter(|(top, bottom)| bottom - top <= view)
        .map(|(top, bottom)| {
            egui::Rect::from_x_y_ranges(answer.x_range(), top - theme::GAP..=bottom + theme::GAP)
        })
        .next();
    match fitting {
        Some(span) => ui.scroll_to_rect(span, None),
        None => {
            let align = if spelled_out {
                egui::Align::TOP
            } else {
                egui::Align::BOTTOM
            };
            ui.scroll_to_rect(verdict.expand(theme::GAP), Some(align));
        }
    }
    note_pass(ui.ctx(), placed_id());
}

/// Whether the verdict of a question, drawn next under its controls, fits in the view together
/// with the choice picked (`picked`; `None` when nothing picked is a choice). When it does not
/// (long choices at 200% text in a small window), the feedback spells out the learner's answer
/// and the right one, which the choices otherwise mark in place.
#[must_use]
pub fn verdict_fits_with(ui: &Ui, picked: Option<egui::Rect>) -> bool {
    let Some(picked) = picked else {
        return true;
    };
    let verdict_bottom =
        ui.cursor().top() + 3.0 * theme::GAP + ui.text_style_height(&egui::TextStyle::Heading);
    verdict_bottom - picked.top() <= ui.clip_rect().height() - 2.0 * theme::GAP
}

/// Where [`show_checked`] notes the pass in which it placed the view.
fn placed_id() -> egui::Id {
    egui::Id::unique("beacon view placed")
}

/// Notes under `id` that something happened (was drawn, was done) in this pass; read with
/// [`noted_within`].
pub fn note_pass(ctx: &egui::Context, id: egui::Id) {
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| d.insert_temp(id, pass));
}

/// Whether [`note_pass`] noted `id` in this pass or in the `passes` passes before it.
#[must_use]
pub fn noted_within(ctx: &egui::Context, id: egui::Id, passes: u64) -> bool {
    let now = ctx.cumulative_pass_nr();
    ctx.data(|d| d.get_temp::<u64>(id))
        .is_some_and(|noted| noted + passes >= now)
}

/// Page Up and Page Down scroll by most of a screen (single-line fields do not use them); when
/// no control has focus, Home and End go to the top and the end, and the arrow keys and Space
/// scroll too (with one, the arrows move the focus and the view follows it, and Space presses
/// it).
fn scroll_keys(ui: &Ui) {
    use egui::{Key, Modifiers};
    let page = (ui.clip_rect().height() - 3.0 * theme::GAP).max(theme::GAP);
    let line = 3.0 * theme::GAP;
    if dialog_open(ui.ctx()) {
        return;
    }
    let free = ui.ctx().memory(egui::Memory::focused).is_none();
    let delta = ui.input_mut(|i| {
        let mut delta = 0.0;
        for (key, by, when) in [
            (Key::PageDown, -page, true),
            (Key::PageUp, page, true),
            (Key::ArrowDown, -line, free),
            (Key::ArrowUp, line, free),
            (Key::Space, -page, free),
            (Key::End, -f32::INFINITY, free),
            (Key::Home, f32::INFINITY, free),
        ] {
            if when && i.consume_key(Modifiers::NONE, key) {
                delta += by;
            }
        }
        delta
    });
    if delta != 0.0 {
        // An infinite delta is clamped by the scroll area to its ends.
        let delta = delta.clamp(-1.0e6, 1.0e6);
        ui.scroll_with_delta_animation(
            egui::vec2(0.0, delta),
            egui::style::ScrollAnimation::none(),
        );
    }
}

/// The id of the point where keyboard focus enters a page's content.
fn focus_start_id() -> egui::Id {
    egui::Id::unique("beacon focus start")
}

/// Marks where keyboard focus enters this page: Tab with nothing focused goes to the first
/// control after this point (not to the top bar), and so does [`focus_first`]. Place it before
/// the page's first control; nothing is drawn.
pub fn focus_start(ui: &mut Ui) {
    let id = focus_start_id();
    let ctx = ui.ctx().clone();
    note_pass(&ctx, id);
    if ctx.memory(|m| m.has_focus(id)) {
        // Focus is here only for this moment: hand it on to the next control that wants it.
        ctx.memory_mut(|m| {
            m.move_focus(egui::FocusDirection::Next);
            m.interested_in_focus(id, ui.layer_id());
        });
    }
}

/// Moves keyboard focus to the first control after this page's [`focus_start`], when called
/// before it in the same frame.
pub fn focus_first(ctx: &egui::Context) {
    ctx.memory_mut(|m| m.request_focus(focus_start_id()));
}

/// Tab with nothing focused starts at the page's content rather than at the top bar, on pages
/// that mark a [`focus_start`]. The shell calls this at the start of a frame.
pub fn tab_into_page(ctx: &egui::Context) {
    let id = focus_start_id();
    let marked_last_frame = noted_within(ctx, id, 1);
    let tab = ctx.input(|i| {
        i.events.iter().any(|e| {
            matches!(
                e,
                egui::Event::Key {
                    key: egui::Key::Tab,
                    pressed: true,
                    modifiers,
                    ..
                } if modifiers.is_none()
            )
        })
    });
    if tab && marked_last_frame && !dialog_open(ctx) && ctx.memory(egui::Memory::focused).is_none()
    {
        focus_first(ctx);
    }
}

/// Whether the learner is using the keyboard (a key was pressed since the last click), so a
/// newly opened question may take focus without looking selected to a mouse user.
#[must_use]
pub fn keyboard_in_use(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(egui::Id::unique("beacon keyboard in use")))
        .unwrap_or(false)
}

/// Records whether the learner is using the keyboard (see [`keyboard_in_use`]).
pub fn set_keyboard_in_use(ctx: &egui::Context, used: bool) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique("beacon keyboard in use"), used));
}

/// Takes a fresh press of Enter (not one repeated by holding the key) for the page, when no
/// control has focus or `owns` says the focused one belongs to what Enter acts on. Any Enter
/// taken this way is removed, so no focused button also sees it.
pub fn take_enter(ui: &Ui, owns: impl Fn(egui::Id) -> bool) -> bool {
    if dialog_open(ui.ctx()) {
        return false;
    }
    if ui
        .ctx()
        .memory(egui::Memory::focused)
        .is_some_and(|id| !owns(id))
    {
        return false;
    }
    ui.input_mut(|i| {
        let mut fresh = false;
        i.events.retain(|e| match e {
            egui::Event::Key {
                key: egui::Key::Enter,
                pressed,
                repeat,
                modifiers,
                ..
            } if modifiers.is_none() => {
                fresh |= *pressed && !*repeat;
                false
            }
            _ => true,
        });
        fresh
    })
}

/// The keys 1 to 9, in order.
pub const DIGITS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

/// The digit keys 1 to 9 pressed this frame, in the order pressed (and takes them): quick
/// typing can bring several in one frame, and none may be lost. The caller makes sure that no
/// text field has focus (egui's `text_edit_focused` cannot tell: it also answers yes for a
/// widget that happens to share an id with a text field on another screen).
#[must_use]
pub fn take_digits(ui: &Ui) -> Vec<usize> {
    if dialog_open(ui.ctx()) {
        return Vec::new();
    }
    ui.input_mut(|i| {
        let mut digits = Vec::new();
        i.events.retain(|e| match e {
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if modifiers.matches_logically(egui::Modifiers::NONE) => {
                match DIGITS.iter().position(|k| k == key) {
                    Some(n) => {
                        digits.push(n + 1);
                        false
                    }
                    None => true,
                }
            }
            _ => true,
        });
        digits
    })
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

/// A slider whose rail stands out from any background (egui paints the rail in the colour of a
/// check box's inside, which on the page is the page's own colour: the rail was invisible).
pub fn slider(ui: &mut Ui, slider: egui::Slider<'_>) -> egui::Response {
    let line = theme::palette(ui.ctx()).line;
    ui.scope(|ui| {
        ui.visuals_mut().widgets.inactive.bg_fill = line;
        ui.add(slider)
    })
    .inner
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
    let modal = dialog(ctx, id).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.label(RichText::new(title).heading());
        paragraph(ui, text);
        ui.add_space(theme::GAP_SMALL);
        let mut choice = None;
        ui.horizontal(|ui| {
            if ui.button(yes).clicked() {
                choice = Some(true);
            }
            let keep = primary(ui, no);
            focus_default(ui, id, &keep);
            if keep.clicked() {
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

/// A dialog over the page (egui's `Modal`) with room around its text: the popup frame's
/// margin put the title against the border.
#[must_use]
pub fn dialog(ctx: &egui::Context, id: &str) -> egui::Modal {
    let frame = egui::Frame::popup(&ctx.global_style()).inner_margin(egui::Margin::same(18));
    egui::Modal::new(egui::Id::unique(id)).frame(frame)
}

/// Whether a dialog is open over the page (as of the last frame): the page behind it then
/// takes no keys (Enter, digits, scrolling), so they reach the dialog's buttons.
#[must_use]
pub fn dialog_open(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.top_modal_layer().is_some())
}

/// Gives `button` keyboard focus on the first frame its dialog (named `dialog`) is shown, as
/// desktop dialogs do: Enter or Space presses it at once, and Tab moves between the dialog's
/// buttons (never to the page behind it).
pub fn focus_default(ui: &Ui, dialog: &str, button: &egui::Response) {
    let id = egui::Id::unique("beacon dialog shown").with(dialog);
    let shown_before = noted_within(ui.ctx(), id, 1);
    note_pass(ui.ctx(), id);
    if !shown_before {
        button.request_focus();
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
            egui::Sides::new().shrink_left().wrap().show(
                ui,
                |ui| {
                    ui.add(Label::new(RichText::new(title).strong()).wrap());
                },
                |ui| {
                    dismissed = ui.button("Dismiss").clicked();
                },
            );
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

/// A horizontal bar showing `fraction` (0 to 1) with a label read by screen readers: an
/// outlined track, filled with the accent colour up to `fraction`.
pub fn bar(ui: &mut Ui, fraction: f32, label: &str) {
    let p = theme::palette(ui.ctx());
    let height = 10.0;
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let radius = egui::CornerRadius::same(5);
    let painter = ui.painter();
    painter.rect(
        rect,
        radius,
        p.track,
        egui::Stroke::new(1.0, p.line),
        egui::StrokeKind::Inside,
    );
    let fraction = fraction.clamp(0.0, 1.0);
    if fraction > 0.0 {
        let mut filled = rect;
        filled.set_width(rect.width() * fraction);
        painter.rect_filled(filled, radius, p.accent);
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
    // The ring is cut where its widget is: a control scrolled half under the top bar has only
    // its visible part ringed, never a ring drawn over the bar (`interact_rect` is the part of
    // the widget its scroll area shows).
    let (rect, shown) = (response.rect, response.interact_rect);
    if !shown.is_positive() {
        return;
    }
    let mut clip = rect.expand(3.0 + theme::FOCUS_RING);
    if shown.top() > rect.top() {
        clip.min.y = shown.top();
    }
    if shown.bottom() < rect.bottom() {
        clip.max.y = shown.bottom();
    }
    if shown.left() > rect.left() {
        clip.min.x = shown.left();
    }
    if shown.right() < rect.right() {
        clip.max.x = shown.right();
    }
    let painter = ctx
        .layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("focus ring"),
        ))
        .with_clip_rect(clip);
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
