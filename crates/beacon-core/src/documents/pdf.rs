//! A small flowing-text PDF writer on `printpdf`: wrapped paragraphs, headings, answer lines,
//! check boxes and page breaks on A4 or US Letter, with an embedded font (Ubuntu, as the app
//! uses) so no system font is ever looked up.

use chrono::{DateTime, Utc};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, RawImageData, RawImageFormat, Rect, Rgb, TextItem,
    XObjectTransform,
};

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 x 297 mm.
    #[default]
    A4,
    /// 8.5 x 11 inches.
    Letter,
}

impl Paper {
    /// Width and height in points.
    #[must_use]
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (Mm(210.0).into_pt().0, Mm(297.0).into_pt().0),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The paper named `a4` or `letter`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Paper> {
        match name.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" | "us-letter" | "usletter" => Some(Paper::Letter),
            _ => None,
        }
    }
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The embedded font could not be read (a build problem, not a user one).
    #[error("the embedded font could not be read")]
    Font,
    /// An image could not be read as a PNG.
    #[error("the image could not be read as a PNG: {0}")]
    Image(String),
}

/// Margin around the page, in points.
const MARGIN: f32 = 56.0;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.35;

/// Grey and ink colours.
fn ink(grey: f32) -> Color {
    Color::Rgb(Rgb {
        r: grey,
        g: grey,
        b: grey,
        icc_profile: None,
    })
}

/// Writes pages top to bottom, starting a new page when the current one is full.
pub struct PdfWriter {
    doc: PdfDocument,
    font: ParsedFont,
    font_id: FontId,
    paper: Paper,
    /// Whether pages are turned on their side.
    landscape: bool,
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
    /// Distance from the top of the page to the next line, in points.
    y: f32,
    /// While measuring: nothing is drawn and no page is turned, only `y` moves.
    measuring: bool,
}

impl PdfWriter {
    /// A new document with one empty page.
    ///
    /// # Errors
    /// When the embedded font cannot be parsed.
    pub fn new(title: &str, paper: Paper) -> Result<Self, PdfError> {
        let font = ParsedFont::from_bytes(epaint_default_fonts::UBUNTU_LIGHT, 0, &mut Vec::new())
            .ok_or(PdfError::Font)?;
        let mut doc = PdfDocument::new(title);
        let font_id = doc.add_font(&font);
        Ok(Self {
            doc,
            font,
            font_id,
            paper,
            landscape: false,
            pages: Vec::new(),
            ops: Vec::new(),
            y: MARGIN,
            measuring: false,
        })
    }

    /// A new document whose pages are turned on their side (landscape).
    ///
    /// # Errors
    /// When the embedded font cannot be parsed.
    pub fn landscape(title: &str, paper: Paper) -> Result<Self, PdfError> {
        let mut w = Self::new(title, paper)?;
        w.landscape = true;
        Ok(w)
    }

    /// Dates the document (its creation and modification dates), which otherwise reads 1970.
    pub fn made(&mut self, at: DateTime<Utc>) {
        let Ok(stamp) = printpdf::DateTime::from_unix_timestamp(at.timestamp()) else {
            return;
        };
        let info = &mut self.doc.metadata.info;
        info.creation_date = stamp;
        info.modification_date = stamp;
        info.metadata_date = stamp;
        "Beacon".clone_into(&mut info.creator);
        "Beacon".clone_into(&mut info.producer);
    }

    /// Width and height of a page in points, as it is turned.
    #[must_use]
    pub fn page_size(&self) -> (f32, f32) {
        let (w, h) = self.paper.size();
        if self.landscape { (h, w) } else { (w, h) }
    }

    /// The width text may take, in points.
    #[must_use]
    pub fn text_width(&self) -> f32 {
        self.page_size().0 - 2.0 * MARGIN
    }

    /// Distance from the top of the page to the next line, in points.
    #[must_use]
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves the next line to `y` points from the top of the page.
    pub fn set_y(&mut self, y: f32) {
        self.y = y;
    }

    /// The points of page height that `draw` would take, without drawing anything.
    pub fn height_of(&mut self, draw: impl FnOnce(&mut Self)) -> f32 {
        let (y, measuring) = (self.y, self.measuring);
        self.measuring = true;
        draw(self);
        let height = self.y - y;
        self.y = y;
        self.measuring = measuring;
        height
    }

    /// The height of a page between its top and bottom margins, in points.
    #[must_use]
    pub fn usable_height(&self) -> f32 {
        self.page_size().1 - 2.0 * MARGIN
    }

    /// The width of `text` at `size` points.
    #[must_use]
    pub fn measure(&self, text: &str, size: f32) -> f32 {
        let em = f32::from(self.font.units_per_em.max(1));
        let units: f32 = text
            .chars()
            .map(|c| {
                self.font
                    .lookup_glyph_index(u32::from(c))
                    .and_then(|g| self.font.get_glyph_width(g))
                    .map_or(em * 0.5, f32::from)
            })
            .sum();
        units / em * size
    }

    /// Splits `text` into lines no wider than `width` at `size` (words longer than a line are
    /// cut).
    #[must_use]
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.measure(&candidate, size) <= width || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    word.clone_into(&mut line);
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Starts a new page if fewer than `needed` points are left.
    pub fn ensure(&mut self, needed: f32) {
        if !self.measuring && self.y + needed > self.page_size().1 - MARGIN {
            self.page_break();
        }
    }

    /// Ends the current page and starts the next.
    pub fn page_break(&mut self) {
        if self.measuring {
            return;
        }
        let (w, h) = self.page_size();
        let ops = std::mem::take(&mut self.ops);
        self.pages
            .push(PdfPage::new(Mm::from(Pt(w)), Mm::from(Pt(h)), ops));
        self.y = MARGIN;
    }

    /// Moves down by `pt` points.
    pub fn space(&mut self, pt: f32) {
        self.y += pt;
    }

    fn text_at(&mut self, text: &str, size: f32, x: f32, grey: f32) {
        if self.measuring {
            return;
        }
        let baseline = self.page_size().1 - self.y - size;
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor { col: ink(grey) },
            Op::SetFont {
                font: PdfFontHandle::External(self.font_id.clone()),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(baseline),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// A wrapped paragraph at `size`, indented by `indent` points; `grey` 0 is black.
    pub fn paragraph(&mut self, text: &str, size: f32, indent: f32, grey: f32) {
        let width = self.text_width() - indent;
        for line in self.wrap(text, size, width) {
            self.ensure(size * LEADING);
            self.text_at(&line, size, MARGIN + indent, grey);
            self.y += size * LEADING;
        }
    }

    /// Two texts side by side, each wrapped in half the width: one row of a matching table.
    pub fn two_columns(&mut self, left: &str, right: &str, size: f32, indent: f32) {
        let gap = 16.0;
        let half = (self.text_width() - indent - gap) / 2.0;
        let left_lines = self.wrap(left, size, half);
        let right_lines = self.wrap(right, size, half);
        let rows = left_lines.len().max(right_lines.len());
        self.ensure(size * LEADING * rows as f32);
        for row in 0..rows {
            if let Some(l) = left_lines.get(row) {
                self.text_at(l, size, MARGIN + indent, 0.0);
            }
            if let Some(r) = right_lines.get(row) {
                self.text_at(r, size, MARGIN + indent + half + gap, 0.0);
            }
            self.y += size * LEADING;
        }
        self.y += size * 0.3;
    }

    /// Text wrapped in a column `width` points wide whose left edge is `x` points from the
    /// page's left edge; `centre` centres each line in the column.
    pub fn column(&mut self, text: &str, size: f32, x: f32, width: f32, grey: f32, centre: bool) {
        for line in self.wrap(text, size, width) {
            self.ensure(size * LEADING);
            let left = if centre {
                x + (width - self.measure(&line, size)) / 2.0
            } else {
                x
            };
            self.text_at(&line, size, left, grey);
            self.y += size * LEADING;
        }
    }

    /// A straight line from (`x1`, `y1`) to (`x2`, `y2`), measured from the page's top left.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        let h = self.page_size().1;
        self.stroke_line(x1, h - y1, x2, h - y2, 0.3);
    }

    /// A PNG image fitted into a box `max_w` by `max_h` points whose top is at the current line
    /// and which is centred on `centre_x`; the line moves below it.
    ///
    /// # Errors
    /// When the bytes are not a PNG image Beacon can read.
    pub fn image(
        &mut self,
        png: &[u8],
        centre_x: f32,
        max_w: f32,
        max_h: f32,
    ) -> Result<(), PdfError> {
        let image = decode_png(png)?;
        let (w, h) = (image.width as f32, image.height as f32);
        let scale = (max_w / w.max(1.0)).min(max_h / h.max(1.0));
        let (shown_w, shown_h) = (w * scale, h * scale);
        if !self.measuring {
            let id = self.doc.add_image(&image);
            let bottom = self.page_size().1 - self.y - shown_h;
            self.ops.push(Op::UseXobject {
                id,
                transform: XObjectTransform {
                    translate_x: Some(Pt(centre_x - shown_w / 2.0)),
                    translate_y: Some(Pt(bottom)),
                    scale_x: Some(scale),
                    scale_y: Some(scale),
                    dpi: Some(72.0),
                    ..XObjectTransform::default()
                },
            });
        }
        self.y += shown_h;
        Ok(())
    }

    /// A line of text centred on the page.
    pub fn centered(&mut self, text: &str, size: f32, grey: f32) {
        for line in self.wrap(text, size, self.text_width()) {
            self.ensure(size * LEADING);
            let x = (self.page_size().0 - self.measure(&line, size)) / 2.0;
            self.text_at(&line, size, x, grey);
            self.y += size * LEADING;
        }
    }

    /// A hollow box followed by wrapped text: a choice to tick.
    pub fn check_box(&mut self, text: &str, size: f32, indent: f32) {
        let edge = size * 0.8;
        self.ensure(size * LEADING);
        let (_, h) = self.page_size();
        let x = MARGIN + indent;
        let top = h - self.y - size * 0.05;
        self.stroke_rect(x, top - edge, edge, edge);
        let first = self.y;
        self.paragraph(text, size, indent + edge + 8.0, 0.0);
        if self.y < first {
            self.y = first + size * LEADING;
        }
    }

    /// `n` ruled lines to write an answer on.
    pub fn answer_lines(&mut self, n: usize, indent: f32) {
        for _ in 0..n {
            self.ensure(26.0);
            self.y += 22.0;
            let (w, h) = self.page_size();
            let y = h - self.y;
            self.stroke_line(MARGIN + indent, y, w - MARGIN, y, 0.6);
            self.y += 4.0;
        }
    }

    /// A horizontal rule across the text width.
    pub fn rule(&mut self) {
        self.ensure(12.0);
        let (w, h) = self.page_size();
        self.y += 6.0;
        let y = h - self.y;
        self.stroke_line(MARGIN, y, w - MARGIN, y, 0.5);
        self.y += 6.0;
    }

    /// A frame around the whole page, `inset` points inside its edge.
    pub fn page_frame(&mut self, inset: f32) {
        let (w, h) = self.page_size();
        self.stroke_rect(inset, inset, w - 2.0 * inset, h - 2.0 * inset);
    }

    fn stroke_line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, grey: f32) {
        if self.measuring {
            return;
        }
        self.ops.extend([
            Op::SetOutlineColor { col: ink(grey) },
            Op::SetOutlineThickness { pt: Pt(0.8) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: Pt(x1),
                                y: Pt(y1),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: Pt(x2),
                                y: Pt(y2),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        if self.measuring {
            return;
        }
        self.ops.extend([
            Op::SetOutlineColor { col: ink(0.2) },
            Op::SetOutlineThickness { pt: Pt(0.9) },
            Op::DrawRectangle {
                rectangle: Rect {
                    mode: Some(printpdf::PaintMode::Stroke),
                    ..Rect::from_xywh(Pt(x), Pt(y), Pt(w), Pt(h))
                },
            },
        ]);
    }

    /// The finished PDF.
    #[must_use]
    pub fn finish(mut self) -> Vec<u8> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.page_break();
        }
        let pages = std::mem::take(&mut self.pages);
        self.doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut Vec::new())
    }
}

/// Reads a PNG into 8-bit RGB pixels, laying any transparency over white paper.
fn decode_png(bytes: &[u8]) -> Result<RawImage, PdfError> {
    let err = |e: png::DecodingError| PdfError::Image(e.to_string());
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(err)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| PdfError::Image("the image is too large".into()))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(err)?;
    let channels = info.color_type.samples();
    let over_white = |v: u8, a: u8| {
        let (v, a) = (u16::from(v), u16::from(a));
        u8::try_from((v * a + 255 * (255 - a)) / 255).unwrap_or(255)
    };
    let mut rgb = Vec::with_capacity(info.width as usize * info.height as usize * 3);
    for px in buf
        .get(..info.buffer_size())
        .unwrap_or_default()
        .chunks_exact(channels)
    {
        match *px {
            [g] => rgb.extend([g, g, g]),
            [g, a] => rgb.extend([over_white(g, a); 3]),
            [r, g, b] => rgb.extend([r, g, b]),
            [r, g, b, a] => rgb.extend([over_white(r, a), over_white(g, a), over_white(b, a)]),
            _ => return Err(PdfError::Image("an unusual pixel format".into())),
        }
    }
    Ok(RawImage {
        pixels: RawImageData::U8(rgb),
        width: info.width as usize,
        height: info.height as usize,
        data_format: RawImageFormat::RGB8,
        tag: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_within_the_width() {
        let w = PdfWriter::new("t", Paper::A4).expect("font");
        let text = "The Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children entered into force on 25 December 2003.";
        let lines = w.wrap(text, 12.0, 200.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(w.measure(l, 12.0) <= 200.0 || !l.contains(' '), "{l}");
        }
        assert_eq!(lines.join(" "), text);
        assert!(
            w.measure("WWW", 12.0) > w.measure("iii", 12.0),
            "widths come from the font"
        );
    }

    #[test]
    fn paper_sizes() {
        let (w, h) = Paper::A4.size();
        assert!((w - 595.3).abs() < 0.5 && (h - 841.9).abs() < 0.5);
        assert_eq!(Paper::Letter.size(), (612.0, 792.0));
        assert_eq!(Paper::from_name("Letter"), Some(Paper::Letter));
        assert_eq!(Paper::from_name("a5"), None);
    }
}
