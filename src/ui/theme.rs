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

/// The colours of one theme. Text colours keep a contrast of at least 4.5:1 on every
/// background they are drawn on, and the outlines of controls, cards and bars at least 3:1
/// against what surrounds them (WCAG 2.2 AA; the tests compute the ratios).
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Accent for links, key terms, bars and the focus ring.
    pub accent: Color32,
    /// Text on an accent background.
    pub on_accent: Color32,
    /// A right answer.
    pub right: Color32,
    /// A partly right answer.
    pub partly: Color32,
    /// A wrong answer.
    pub wrong: Color32,
    /// Background of the page.
    pub page: Color32,
    /// Background of cards, dialogs and popups.
    pub card: Color32,
    /// Outlines of controls, cards and bars.
    pub line: Color32,
    /// Inside of check boxes, radio buttons and text fields.
    pub control: Color32,
    /// Face of buttons.
    pub button: Color32,
    /// The empty part of a bar.
    pub track: Color32,
    /// Every other row of a table.
    pub stripe: Color32,
    /// Background of a selected button (the screen showing in the top bar).
    pub selected: Color32,
    /// Background of the notice banner.
    pub banner: Color32,
    /// Muted text (sources, hints).
    pub muted: Color32,
    /// Strong text.
    pub strong: Color32,
}

/// The light palette.
pub const LIGHT: Palette = Palette {
    accent: Color32::from_rgb(0x1f, 0x5f, 0xa8),
    on_accent: Color32::WHITE,
    right: Color32::from_rgb(0x1b, 0x6e, 0x3a),
    partly: Color32::from_rgb(0x8a, 0x5a, 0x00),
    wrong: Color32::from_rgb(0xa3, 0x2b, 0x2b),
    page: Color32::from_rgb(0xf5, 0xf6, 0xf8),
    card: Color32::WHITE,
    line: Color32::from_rgb(0x7b, 0x85, 0x94),
    control: Color32::WHITE,
    button: Color32::from_rgb(0xe9, 0xed, 0xf2),
    track: Color32::from_rgb(0xe6, 0xea, 0xf0),
    stripe: Color32::from_rgb(0xec, 0xef, 0xf3),
    selected: Color32::from_rgb(0xd6, 0xe3, 0xf3),
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
    page: Color32::from_rgb(0x1b, 0x1e, 0x23),
    card: Color32::from_rgb(0x26, 0x2a, 0x31),
    line: Color32::from_rgb(0x88, 0x92, 0xa0),
    control: Color32::from_rgb(0x1b, 0x1e, 0x23),
    button: Color32::from_rgb(0x32, 0x38, 0x42),
    track: Color32::from_rgb(0x32, 0x38, 0x42),
    stripe: Color32::from_rgb(0x23, 0x27, 0x2d),
    selected: Color32::from_rgb(0x2c, 0x3e, 0x57),
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
    let outline = Stroke::new(1.0, p.line);
    v.hyperlink_color = p.accent;
    v.panel_fill = p.page;
    v.window_fill = p.card;
    v.window_stroke = outline;
    v.extreme_bg_color = p.control;
    v.text_edit_bg_color = Some(p.control);
    v.faint_bg_color = p.stripe;
    v.selection.bg_fill = p.selected;
    v.selection.stroke = Stroke::new(1.5, p.accent);
    v.widgets.noninteractive.fg_stroke.color = p.strong;
    v.widgets.noninteractive.bg_fill = p.card;
    // Buttons, check boxes, radio buttons and text fields: a face and an outline that stand out
    // from the page, and a check mark or dot drawn thick enough to see.
    v.widgets.inactive.bg_fill = p.control;
    v.widgets.inactive.weak_bg_fill = p.button;
    v.widgets.inactive.bg_stroke = outline;
    v.widgets.inactive.fg_stroke = Stroke::new(2.0, p.strong);
    v.widgets.hovered.bg_fill = p.control;
    v.widgets.hovered.weak_bg_fill = p.selected;
    v.widgets.hovered.bg_stroke = Stroke::new(1.5, p.accent);
    v.widgets.hovered.fg_stroke = Stroke::new(2.0, p.strong);
    v.widgets.active.bg_fill = p.control;
    v.widgets.active.weak_bg_fill = p.selected;
    v.widgets.active.bg_stroke = Stroke::new(2.0, p.accent);
    v.widgets.active.fg_stroke = Stroke::new(2.0, p.strong);
    for w in [
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
        &mut v.widgets.noninteractive,
    ] {
        w.corner_radius = radius;
    }
}

/// A frame for a card: a block with an outline.
pub fn card(ctx: &egui::Context) -> egui::Frame {
    let p = palette(ctx);
    egui::Frame::new()
        .fill(p.card)
        .stroke(Stroke::new(1.0, p.line))
        .corner_radius(CornerRadius::same(RADIUS))
        .inner_margin(egui::Margin::same(14))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The WCAG 2.1 contrast ratio of two opaque colours, from the `color` crate's relative
    /// luminance.
    fn ratio(a: Color32, b: Color32) -> f32 {
        let luminance = |c: Color32| {
            let [r, g, b] = [c.r(), c.g(), c.b()].map(|x| f32::from(x) / 255.0);
            color::OpaqueColor::<color::Srgb>::new([r, g, b]).relative_luminance()
        };
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn the_ratio_matches_published_values() {
        // WebAIM's contrast checker: #767676 on white is 4.54:1, black on white 21:1, and
        // #949494 on white 3.03:1.
        let white = Color32::WHITE;
        assert!((ratio(Color32::from_gray(0x76), white) - 4.54).abs() < 0.01);
        assert!((ratio(Color32::BLACK, white) - 21.0).abs() < 0.01);
        assert!((ratio(Color32::from_gray(0x94), white) - 3.03).abs() < 0.01);
    }

    /// Every pair below 4.5:1 (text) or 3:1 (controls and graphics) in `theme`, as egui draws it
    /// after [`apply`].
    fn too_faint(theme: egui::Theme) -> Vec<String> {
        let ctx = egui::Context::default();
        apply(&ctx, &Settings::default());
        ctx.set_theme(theme);
        let style = ctx.style_of(theme);
        let v = &style.visuals;
        let p = palette(&ctx);
        let card = card(&ctx);
        let w = &v.widgets;
        let backgrounds = [
            ("page", v.panel_fill),
            ("card", card.fill),
            ("dialog", v.window_fill),
            ("banner", p.banner),
            ("table stripe", v.faint_bg_color),
        ];
        let mut pairs: Vec<(String, Color32, Color32, f32)> = Vec::new();
        for (bg, background) in backgrounds {
            for (fg, text) in [
                ("text", w.noninteractive.fg_stroke.color),
                ("strong text", p.strong),
                ("muted text", p.muted),
                ("links and terms", v.hyperlink_color),
                ("accent text", p.accent),
                ("right", p.right),
                ("partly right", p.partly),
                ("wrong", p.wrong),
            ] {
                pairs.push((format!("{fg} on {bg}"), text, background, 4.5));
            }
        }
        for (what, text, background) in [
            (
                "button text",
                w.inactive.fg_stroke.color,
                w.inactive.weak_bg_fill,
            ),
            (
                "hovered button text",
                w.hovered.fg_stroke.color,
                w.hovered.weak_bg_fill,
            ),
            (
                "selected button text",
                v.selection.stroke.color,
                v.selection.bg_fill,
            ),
            (
                "text in a field",
                w.inactive.fg_stroke.color,
                v.text_edit_bg_color(),
            ),
            ("primary button text", p.on_accent, p.accent),
        ] {
            pairs.push((what.to_owned(), text, background, 4.5));
        }
        for (bg, background) in [
            ("page", v.panel_fill),
            ("card", card.fill),
            ("dialog", v.window_fill),
        ] {
            for (what, graphic) in [
                (
                    "outline of buttons, boxes and fields",
                    w.inactive.bg_stroke.color,
                ),
                ("outline of a hovered control", w.hovered.bg_stroke.color),
                ("outline of a bar's track", p.line),
                ("focus ring", p.accent),
                ("filled part of a bar", p.accent),
                ("chosen matching letter", p.accent),
            ] {
                pairs.push((format!("{what} on {bg}"), graphic, background, 3.0));
            }
        }
        for (what, graphic, background) in [
            ("card outline", card.stroke.color, v.panel_fill),
            (
                "tick in a box",
                w.inactive.fg_stroke.color,
                w.inactive.bg_fill,
            ),
            (
                "dot in a radio button",
                w.inactive.fg_stroke.color,
                w.inactive.bg_fill,
            ),
            ("filled part of a bar on its track", p.accent, p.track),
            (
                "chosen matching letter beside an unchosen one",
                p.accent,
                w.inactive.weak_bg_fill,
            ),
        ] {
            pairs.push((what.to_owned(), graphic, background, 3.0));
        }
        let mut faint: Vec<String> = pairs
            .into_iter()
            .filter_map(|(what, a, b, min)| {
                let r = ratio(a, b);
                (r < min).then(|| format!("{what}: {r:.2}:1, needs {min}:1"))
            })
            .collect();
        for (what, stroke) in [
            ("control outline", w.inactive.bg_stroke),
            ("card outline", card.stroke),
            ("tick", w.inactive.fg_stroke),
        ] {
            if stroke.width < 1.0 || stroke.color.a() < 255 {
                faint.push(format!("{what} is not drawn solid: {stroke:?}"));
            }
        }
        faint
    }

    #[test]
    fn the_light_theme_has_contrast() {
        let faint = too_faint(egui::Theme::Light);
        assert!(faint.is_empty(), "{}", faint.join("\n"));
    }

    #[test]
    fn the_dark_theme_has_contrast() {
        let faint = too_faint(egui::Theme::Dark);
        assert!(faint.is_empty(), "{}", faint.join("\n"));
    }
}
