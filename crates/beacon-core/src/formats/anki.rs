//! Anki export: a CSV of cards with the header lines Anki reads.

use crate::content::{Body, Course};
use crate::quiz::{describe, right_response};

/// A CSV of cards for Anki: one card per authored question that has a short answer, with the
/// question (and its choices) on the front, the right answer and explanation on the back, and
/// tags for the course and module. Anki reads the header lines.
///
/// # Errors
/// When the CSV writer fails (it writes to memory, so only on a bug).
pub fn to_anki_csv(course: &Course) -> Result<String, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let mut out =
        String::from("#separator:Comma\n#html:false\n#columns:Front,Back,Tags\n#tags column:3\n");
    for module in &course.modules {
        for q in &module.questions {
            let front = match &q.body {
                Body::Single(c) | Body::Multiple(c) => {
                    let choices: Vec<String> =
                        c.0.iter()
                            .map(|ch| format!("\u{2022} {}", ch.text))
                            .collect();
                    format!("{}\n{}", q.prompt, choices.join("\n"))
                }
                Body::TrueFalse(_) => format!("True or false? {}", q.prompt),
                Body::FillIn(_) | Body::Numeric(_) => q.prompt.clone(),
                Body::Matching(_) | Body::Ordering(_) | Body::Scenario { .. } => continue,
            };
            let back = format!(
                "{}\n\n{}",
                describe(&q.body, &right_response(&q.body)),
                q.explanation
            );
            let tags = format!(
                "{}::{}",
                course.info.id.replace(' ', "_"),
                module.id.replace(' ', "_")
            );
            w.write_record([front, back, tags])?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    out.push_str(&String::from_utf8_lossy(&bytes));
    Ok(out)
}
