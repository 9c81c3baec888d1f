//! Moodle XML export: `<quiz>` with a category question per module and `<question type="...">`
//! for multichoice, truefalse, shortanswer, numerical, matching and ordering (Moodle's ordering
//! question type), with fractions, feedback and general feedback. Scenarios, which Moodle has no
//! plain question type for, are reported, not faked.

use std::io::Cursor;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::content::{Body, Course, Question};
use crate::quiz::format_number;

/// Moodle XML with the questions it could not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoodleXml {
    /// The XML document.
    pub xml: String,
    /// Questions left out, with the reason.
    pub left_out: Vec<String>,
}

/// Builds the XML with quick-xml's writer (escaping is the writer's job).
struct Xml(Writer<Cursor<Vec<u8>>>);

impl Xml {
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (k, v) in attrs {
            start.push_attribute((*k, *v));
        }
        let _ = self.0.write_event(Event::Start(start));
    }

    fn close(&mut self, name: &str) {
        let _ = self.0.write_event(Event::End(BytesEnd::new(name)));
    }

    /// `<name><text>value</text></name>`, as Moodle writes most texts.
    fn text_element(&mut self, name: &str, attrs: &[(&str, &str)], value: &str) {
        self.open(name, attrs);
        self.leaf("text", value);
        self.close(name);
    }

    /// `<name>value</name>`.
    fn leaf(&mut self, name: &str, value: &str) {
        self.open(name, &[]);
        let _ = self.0.write_event(Event::Text(BytesText::new(value)));
        self.close(name);
    }

    /// An `<answer fraction="..">` (a percentage; for ordering, the position) with its text and
    /// optional feedback.
    fn answer(&mut self, fraction: f64, text: &str, feedback: Option<&str>) {
        let fraction = format_number((fraction * 100_000.0).round() / 100_000.0);
        self.open(
            "answer",
            &[("fraction", &fraction), ("format", "plain_text")],
        );
        self.leaf("text", text);
        if let Some(f) = feedback {
            self.text_element("feedback", &[("format", "plain_text")], f);
        }
        self.close("answer");
    }
}

/// The course as Moodle XML.
#[must_use]
pub fn to_moodle_xml(course: &Course) -> MoodleXml {
    let mut x = Xml(Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2));
    let _ =
        x.0.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    x.open("quiz", &[]);
    let mut left_out = Vec::new();
    for module in &course.modules {
        x.open("question", &[("type", "category")]);
        x.text_element(
            "category",
            &[],
            &format!(
                "$course$/top/{}/{}",
                course.info.title.replace('/', "-"),
                module.title.replace('/', "-")
            ),
        );
        x.close("question");
        for q in &module.questions {
            if let Err(why) = question(&mut x, q) {
                left_out.push(format!("{}: {why}", q.id));
            }
        }
    }
    x.close("quiz");
    let xml = String::from_utf8_lossy(&x.0.into_inner().into_inner()).into_owned();
    MoodleXml { xml, left_out }
}

/// The Moodle type of a question, or why there is none.
fn moodle_type(body: &Body) -> Result<&'static str, &'static str> {
    Ok(match body {
        Body::Single(_) | Body::Multiple(_) => "multichoice",
        Body::TrueFalse(_) => "truefalse",
        Body::FillIn(_) => "shortanswer",
        Body::Numeric(_) => "numerical",
        Body::Matching(_) => "matching",
        Body::Ordering(_) => "ordering",
        Body::Scenario { .. } => {
            return Err("Moodle has no plain question type with several parts");
        }
    })
}

fn question(x: &mut Xml, q: &Question) -> Result<(), &'static str> {
    let kind = moodle_type(&q.body)?;
    x.open("question", &[("type", kind)]);
    x.text_element("name", &[], &q.id);
    x.text_element("questiontext", &[("format", "plain_text")], &q.prompt);
    x.text_element(
        "generalfeedback",
        &[("format", "plain_text")],
        &q.explanation,
    );
    x.leaf("defaultgrade", "1");
    x.leaf("penalty", "0");
    x.leaf("hidden", "0");
    x.leaf("idnumber", &q.id);
    match &q.body {
        Body::Single(c) | Body::Multiple(c) => {
            let single = matches!(q.body, Body::Single(_));
            x.leaf("single", if single { "true" } else { "false" });
            x.leaf(
                "shuffleanswers",
                if c.0.iter().any(|ch| ch.fixed) {
                    "false"
                } else {
                    "true"
                },
            );
            x.leaf("answernumbering", "abc");
            let right = c.0.iter().filter(|ch| ch.correct).count().max(1) as f64;
            for ch in &c.0 {
                let fraction = match (single, ch.correct) {
                    (true, true) => 100.0,
                    (true, false) => 0.0,
                    (false, true) => 100.0 / right,
                    (false, false) => -100.0 / right,
                };
                x.answer(fraction, &ch.text, None);
            }
        }
        Body::TrueFalse(b) => {
            x.answer(if *b { 100.0 } else { 0.0 }, "true", None);
            x.answer(if *b { 0.0 } else { 100.0 }, "false", None);
        }
        Body::FillIn(accept) => {
            x.leaf("usecase", "0");
            for a in accept {
                x.answer(100.0, a, None);
            }
        }
        Body::Numeric(n) => {
            let tolerance = (n.max - n.shown).max(n.shown - n.min);
            x.open("answer", &[("fraction", "100"), ("format", "plain_text")]);
            x.leaf("text", &format_number(n.shown));
            x.leaf("tolerance", &tolerance.to_string());
            x.close("answer");
            if let Some(unit) = &n.unit {
                x.open("units", &[]);
                x.open("unit", &[]);
                x.leaf("multiplier", "1");
                x.leaf("unit_name", unit);
                x.close("unit");
                x.close("units");
            }
        }
        Body::Matching(pairs) => {
            x.leaf("shuffleanswers", "true");
            for p in pairs {
                x.open("subquestion", &[("format", "plain_text")]);
                x.leaf("text", &p.left);
                x.open("answer", &[]);
                x.leaf("text", &p.right);
                x.close("answer");
                x.close("subquestion");
            }
        }
        Body::Ordering(items) => {
            x.leaf("layouttype", "VERTICAL");
            x.leaf("selecttype", "ALL");
            x.leaf("selectcount", "0");
            x.leaf("gradingtype", "LONGESTORDEREDSUBSET");
            for (i, item) in items.iter().enumerate() {
                x.answer(
                    f64::from(u32::try_from(i + 1).unwrap_or(u32::MAX)),
                    item,
                    None,
                );
            }
        }
        Body::Scenario { .. } => {}
    }
    x.close("question");
    Ok(())
}
