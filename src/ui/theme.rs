//! Design tokens: every colour, spacing and type size of the UI lives here, and `apply` puts them
//! into egui's style for the chosen theme and text size.

use egui::{Color32, CornerRadius, FontFamily, FontId, Stroke, TextStyle, Visuals};

use crate::progress::{Settings, ThemeChoice};

/// Widest a column of reading text gets, in points.
pub const READING_WIDTH: f32 = 760.0;
/// Widest a key term's definition popup gets, in points.
pub const DEFINITION_WIDTH: f32 = 320.0;
/// Space between blocks on a page.
pub const GAP: f32 = 16.0;
/// Small space between related items.
pub const GAP_SMALL: f32 = 8.0;
/// Space around the page content.
pub const PAGE_MARGIN: i8 = 20;
/// Corner radius of cards and buttons.
pub const RADIUS: u8 = 8;
/// Width of the keyboard focus ring.
pub const FOCUS_RING: f32 = 2.5;

/// Base type sizes at 100% text size.
pub const BODY: f32 = 16.0;
/// Headings of a page.
pub const HEADING: f32 = 24.0;
/// Small print: sources, hints.
pub const SMALL: f32 = 13.0;
/// Buttons.
pub const BUTTON: f32 = 16.0;
/// Titles of cards and sections.
pub const TITLE: f32 = 19.0;

/// The text style of card and section titles.
#[must_use]
pub fn title() -> TextStyle {
    TextStyle::Name("title".into())
}

/// The colours of one theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Accent for links, key terms and the focus ring.
    pub accent: Color32,
    /// Text on an accent background.
    pub on_accent: Color32,
    /// A right answer.
    pub right: Color32,
    /// A partly right answer.
    pub partly: Color32,
    /// A wrong answer.
    pub wrong: Color32,
    /// Background of cards.
    pub card: Color32,
    /// Background of the notice banner.
    pub banner: Color32,
    /// Muted text (sources, hints).
    pub muted: Color32,
    /// Strong text.
    pub strong: Color32,
}

/// The light palette (contrast of text on background at least 4.5:1).
pub const LIGHT: Palette = Palette {
    accent: Color32::from_rgb(0x1f, 0x5f, 0xa8),
    on_accent: Color32::WHITE,
    right: Color32::from_rgb(0x1b, 0x6e, 0x3a),
    partly: Color32::from_rgb(0x8a, 0x5a, 0x00),
    wrong: Color32::from_rgb(0xa3, 0x2b, 0x2b),
    card: Color32::from_rgb(0xf3, 0xf5, 0xf8),
    banner: Color32::from_rgb(0xfd, 0xf3, 0xd8),
    muted: Color32::from_rgb(0x55, 0x5d, 0x68),
    strong: Color32::from_rgb(0x14, 0x18, 0x1f),
};

/// The dark palette.
pub const DARK: Palette = Palette {
    accent: Color32::from_rgb(0x7c, 0xb4, 0xf5),
    on_accent: Color32::from_rgb(0x0d, 0x1b, 0x2a),
    right: Color32::from_rgb(0x6f, 0xcf, 0x8f),
    partly: Color32::from_rgb(0xe9, 0xc0, 0x6a),
    wrong: Color32::from_rgb(0xf0, 0x8a, 0x8a),
    card: Color32::from_rgb(0x26, 0x2a, 0x31),
    banner: Color32::from_rgb(0x3d, 0x33, 0x1c),
    muted: Color32::from_rgb(0xa9, 0xb1, 0xbc),
    strong: Color32::from_rgb(0xf1, 0xf3, 0xf6),
};

/// The palette of the theme egui is showing now.
#[must_use]
pub fn palette(ctx: &egui::Context) -> Palette {
    if ctx.theme() == egui::Theme::Dark {
        DARK
    } else {
        LIGHT
    }
}

/// Puts the theme choice and text size into egui's style.
pub fn apply(ctx: &egui::Context, settings: &Settings) {
    ctx.set_theme(match settings.theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
    let scale = settings.text_scale();
    for (theme, palette) in [(egui::Theme::Light, LIGHT), (egui::Theme::Dark, DARK)] {
        ctx.style_mut_of(theme, |style| {
            style.text_styles = [
                (
                    TextStyle::Heading,
                    FontId::new(HEADING * scale, FontFamily::Proportional),
                ),
                (
                    TextStyle::Body,
                    FontId::new(BODY * scale, FontFamily::Proportional),
                ),
                (
                    TextStyle::Button,
                    FontId::new(BUTTON * scale, FontFamily::Proportional),
                ),
                (
                    TextStyle::Small,
                    FontId::new(SMALL * scale, FontFamily::Proportional),
                ),
                (
                    TextStyle::Monospace,
                    FontId::new(BODY * scale, FontFamily::Monospace),
                ),
                (
                    title(),
                    FontId::new(TITLE * scale, FontFamily::Proportional),
                ),
            ]
            .into();
            style.spacing.item_spacing = egui::vec2(GAP_SMALL, GAP_SMALL);
            style.spacing.button_padding = egui::vec2(12.0, 6.0);
            style.spacing.interact_size.y = 28.0 * scale.max(1.0);
            style.spacing.icon_width = 18.0 * scale;
            style.spacing.icon_width_inner = 10.0 * scale;
            visuals(&mut style.visuals, palette);
        });
    }
}

fn visuals(v: &mut Visuals, p: Palette) {
    let radius = CornerRadius::same(RADIUS);
    v.hyperlink_color = p.accent;
    v.selection.bg_fill = p.accent.gamma_multiply(0.35);
    v.selection.stroke = Stroke::new(1.5, p.accent);
    v.widgets.noninteractive.fg_stroke.color = p.strong;
    v.widgets.inactive.fg_stroke.color = p.strong;
    for w in [
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
        &mut v.widgets.noninteractive,
    ] {
        w.corner_radius = radius;
    }
    v.widgets.hovered.bg_stroke = Stroke::new(1.5, p.accent);
    v.widgets.active.bg_stroke = Stroke::new(2.0, p.accent);
}

/// A frame for a card: a soft background block.
pub fn card(ctx: &egui::Context) -> egui::Frame {
    egui::Frame::new()
        .fill(palette(ctx).card)
        .corner_radius(CornerRadius::same(RADIUS))
        .inner_margin(egui::Margin::same(14))
}
