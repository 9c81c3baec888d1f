//! `beacon quiz`: print an assembled quiz as text or JSON; the same seed prints the same quiz.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde_json::{Value, json};

use crate::content::{Body, Course};
use crate::quiz::{self, Quiz, QuizItem, QuizSpec, Scope, describe, right_response};

/// Options of `beacon quiz`.
#[derive(Debug, Args)]
pub struct QuizArgs {
    /// Draw only from these modules (repeat for several; default: the whole course).
    #[arg(long = "module", value_name = "MODULE")]
    pub modules: Vec<String>,
    /// Number of questions.
    #[arg(long, default_value_t = 10)]
    pub count: usize,
    /// Seed of the random draw (default: a new one, printed so the quiz can be replayed).
    #[arg(long, allow_negative_numbers = true, value_parser = super::seed)]
    pub seed: Option<u64>,
    /// Print the right answers and explanations.
    #[arg(long)]
    pub answers: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Leave out questions generated from events, terms and numbers.
    #[arg(long)]
    pub authored_only: bool,
    /// The course folder.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints the quiz.
///
/// # Errors
/// When a module does not exist.
pub fn run(course: &Course, args: &QuizArgs) -> anyhow::Result<ExitCode> {
    for m in &args.modules {
        if course.module(m).is_none() {
            let ids: Vec<&str> = course.modules.iter().map(|m| m.id.as_str()).collect();
            anyhow::bail!("no module `{m}`; the modules are: {}", ids.join(", "));
        }
    }
    let scope = if args.modules.is_empty() {
        Scope::Course
    } else {
        Scope::Modules(args.modules.clone())
    };
    let spec = QuizSpec {
        scope,
        count: args.count,
        generated: !args.authored_only,
    };
    let seed = args.seed.unwrap_or_else(rand::random);
    let quiz = quiz::assemble(course, &spec, seed);
    if args.json {
        super::emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&to_json(&quiz, args.answers))?
        ))?;
    } else {
        super::emit(&to_text(&quiz, args.answers))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The quiz as plain text.
#[must_use]
pub fn to_text(quiz: &Quiz, answers: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Quiz of {} (seed {})\n",
        crate::plural::count(quiz.items.len(), "question", "questions"),
        quiz.seed
    );
    for (n, item) in quiz.items.iter().enumerate() {
        let q = &item.question;
        let _ = writeln!(out, "{}. {}", n + 1, q.prompt);
        body_text(&mut out, &q.body, &item.order, &item.part_orders);
        if answers {
            let right = describe(&q.body, &right_response(&q.body));
            let _ = writeln!(out, "   Answer: {right}\n   Why: {}", q.explanation);
        }
        out.push('\n');
    }
    out
}

fn body_text(out: &mut String, body: &Body, order: &[usize], part_orders: &[Vec<usize>]) {
    const LETTERS: &[u8] = b"ABCDEFGH";
    match body {
        Body::Single(c) | Body::Multiple(c) => {
            if matches!(body, Body::Multiple(_)) {
                let _ = writeln!(out, "   (Select all that apply.)");
            }
            for (k, &i) in order.iter().enumerate() {
                let letter = char::from(LETTERS.get(k).copied().unwrap_or(b'?'));
                let _ = writeln!(
                    out,
                    "   {letter}) {}",
                    c.0.get(i).map_or("", |c| c.text.as_str())
                );
            }
        }
        Body::TrueFalse(_) => {
            let _ = writeln!(out, "   True / False");
        }
        Body::FillIn(_) => {
            let _ = writeln!(out, "   Answer: ______________________");
        }
        Body::Numeric(n) => {
            let _ = writeln!(
                out,
                "   Answer: __________ {}",
                n.unit.as_deref().unwrap_or("")
            );
        }
        Body::Matching(pairs) => {
            for (k, p) in pairs.iter().enumerate() {
                let right = order
                    .get(k)
                    .and_then(|&j| pairs.get(j))
                    .map_or("", |p| p.right.as_str());
                let letter = char::from(LETTERS.get(k).copied().unwrap_or(b'?'));
                let _ = writeln!(out, "   {}. {:<30}  {letter}) {right}", k + 1, p.left);
            }
        }
        Body::Ordering(items) => {
            for &i in order {
                let _ = writeln!(out, "   [ ] {}", items.get(i).map_or("", String::as_str));
            }
        }
        Body::Scenario { case, parts } => {
            let _ = writeln!(out, "   Case: {case}");
            for (k, p) in parts.iter().enumerate() {
                let _ = writeln!(out, "   ({}) {}", k + 1, p.prompt);
                body_text(
                    out,
                    &p.body,
                    part_orders.get(k).map_or(&[], Vec::as_slice),
                    &[],
                );
            }
        }
    }
}

/// The quiz as JSON: one object per question with its choices in the order shown.
#[must_use]
pub fn to_json(quiz: &Quiz, answers: bool) -> Value {
    json!({
        "seed": quiz.seed,
        "count": quiz.items.len(),
        "questions": quiz.items.iter().map(|item| item_json(item, answers)).collect::<Vec<_>>(),
    })
}

fn item_json(item: &QuizItem, answers: bool) -> Value {
    let q = &item.question;
    let mut v = json!({
        "id": q.id,
        "module": item.module,
        "kind": q.body.kind().name(),
        "difficulty": q.difficulty,
        "prompt": q.prompt,
        "generated": q.generated,
        // A scenario's facts are those of all its parts: parts have none of their own.
        "facts": q.facts,
    });
    let shown = |texts: Vec<&str>, order: &[usize]| -> Vec<String> {
        order
            .iter()
            .filter_map(|&i| texts.get(i).map(|s| (*s).to_owned()))
            .collect()
    };
    match &q.body {
        Body::Single(c) | Body::Multiple(c) => {
            v["choices"] = json!(shown(
                c.0.iter().map(|c| c.text.as_str()).collect(),
                &item.order
            ));
        }
        Body::Matching(p) => {
            v["left"] = json!(p.iter().map(|p| p.left.as_str()).collect::<Vec<_>>());
            v["right"] = json!(shown(
                p.iter().map(|p| p.right.as_str()).collect(),
                &item.order
            ));
        }
        Body::Ordering(items) => {
            v["items"] = json!(shown(
                items.iter().map(String::as_str).collect(),
                &item.order
            ));
        }
        Body::Scenario { case, parts } => {
            v["case"] = json!(case);
            v["parts"] = json!(parts.iter().map(|p| p.prompt.as_str()).collect::<Vec<_>>());
        }
        Body::Numeric(n) => {
            v["unit"] = json!(n.unit);
        }
        Body::TrueFalse(_) | Body::FillIn(_) => {}
    }
    if answers {
        v["answer"] = json!(describe(&q.body, &right_response(&q.body)));
        v["explanation"] = json!(q.explanation);
    }
    v
}
