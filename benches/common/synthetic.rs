//! A synthetic course for benchmarks: MODULES x QUESTIONS_PER_MODULE questions of every kind.

#![allow(clippy::expect_used, dead_code)] // shared by several benches, each using its share

use std::fmt::Write;
use std::path::Path;

pub const MODULES: usize = 20;
pub const QUESTIONS_PER_MODULE: usize = 500;

/// Writes a valid course of MODULES x QUESTIONS_PER_MODULE questions of every kind.
pub fn write_synthetic(dir: &Path) {
    let ids: Vec<String> = (0..MODULES).map(|m| format!("\"m{m}\"")).collect();
    let course = format!(
        "id = \"synthetic\"\ntitle = \"Synthetic\"\nversion = \"1\"\nlanguage = \"en\"\n\
         description = \"Bench.\"\ncontent_note = \"Bench.\"\nmodules = [{}]\n\n\
         [[sources]]\nid = \"seed\"\ntitle = \"Source article\"\n\n\
         [[sources]]\nid = \"facts\"\ntitle = \"Fact check\"\n",
        ids.join(", ")
    );
    std::fs::write(dir.join("course.toml"), course).expect("write course.toml");
    for m in 0..MODULES {
        let mut s = format!(
            "id = \"m{m}\"\ntitle = \"Module {m}\"\nsummary = \"S.\"\nobjectives = [\"O.\"]\n\n\
             [[sections]]\nid = \"s\"\ntitle = \"Section\"\n\n"
        );
        for f in 0..50 {
            let _ = write!(
                s,
                "[[facts]]\nid = \"m{m}.f{f}\"\nsection = \"s\"\ntext = \"Fact {f} of module {m}.\"\nsource = \"seed:P{}\"\n\n",
                f % 20 + 2
            );
        }
        for t in 0..6 {
            let _ = write!(
                s,
                "[[terms]]\nterm = \"Term {m}-{t}\"\ndefinition = \"Meaning {t}.\"\nsection = \"s\"\nsource = \"facts:3\"\n\n"
            );
        }
        for e in 0..6 {
            let _ = write!(
                s,
                "[[events]]\nid = \"m{m}.e{e}\"\ndate = \"{}\"\ntitle = \"Event {e}\"\ndescription = \"D.\"\nsource = \"facts:2\"\n\n",
                2000 + e
            );
        }
        for q in 0..QUESTIONS_PER_MODULE {
            let fact = q % 50;
            let head = format!(
                "[[questions]]\nid = \"m{m}.q{q}\"\nfacts = [\"m{m}.f{fact}\"]\ndifficulty = {}\nexplanation = \"Because.\"\n",
                q % 3 + 1
            );
            let body = match q % 8 {
                0 => "kind = \"single\"\nprompt = \"Pick.\"\nchoices = [\"A\", \"B\", \"C\", \"D\"]\nanswer = \"B\"\n".to_owned(),
                1 => "kind = \"multiple\"\nprompt = \"Pick all.\"\nchoices = [\"A\", \"B\", \"C\", \"D\"]\nanswers = [\"A\", \"C\"]\n".to_owned(),
                2 => "kind = \"true_false\"\nprompt = \"True?\"\nanswer = true\n".to_owned(),
                3 => "kind = \"fill_in\"\nprompt = \"The ___ city.\"\naccept = [\"Palermo\", \"Palermo, Italy\"]\n".to_owned(),
                4 => "kind = \"numeric\"\nprompt = \"Year?\"\nanswer = 2000\ntolerance = 1\n".to_owned(),
                5 => "kind = \"matching\"\nprompt = \"Match.\"\npairs = [{ left = \"a\", right = \"1\" }, { left = \"b\", right = \"2\" }, { left = \"c\", right = \"3\" }]\n".to_owned(),
                6 => "kind = \"ordering\"\nprompt = \"Order.\"\nitems = [\"first\", \"second\", \"third\", \"fourth\"]\n".to_owned(),
                _ => "kind = \"scenario\"\nprompt = \"Case.\"\ncase = \"A short case.\"\n\n[[questions.parts]]\nkind = \"true_false\"\nprompt = \"T?\"\nanswer = false\n\n[[questions.parts]]\nkind = \"single\"\nprompt = \"Next step?\"\nchoices = [\"Report\", \"Confront\"]\nanswer = \"Report\"\n".to_owned(),
            };
            s.push_str(&head);
            s.push_str(&body);
            s.push('\n');
        }
        std::fs::write(dir.join(format!("m{m:02}.toml")), s).expect("write module");
    }
}
