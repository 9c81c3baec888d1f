//! A course whose one lesson page has many key points: for the frames bench and the UI test of
//! that page.

#![allow(clippy::expect_used, dead_code)] // shared by a bench and a test

use std::fmt::Write;
use std::path::Path;

/// Writes a course of one module whose one section has `points` facts, each a key point of its
/// lesson page ("Point N: …"), with a true-or-false question on every tenth fact. With `term`,
/// the module has a term ("protocol") that every point names.
pub fn write_long_lesson(dir: &Path, points: usize, term: bool) {
    std::fs::write(
        dir.join("course.toml"),
        "id = \"long\"\ntitle = \"Long lesson\"\nversion = \"1\"\nlanguage = \"en\"\n\
         description = \"Many key points.\"\ncontent_note = \"None.\"\nmodules = [\"m\"]\n\n\
         [[sources]]\nid = \"seed\"\ntitle = \"Source article\"\n",
    )
    .expect("write course.toml");
    let mut s = String::from(
        "id = \"m\"\ntitle = \"Module\"\nsummary = \"S.\"\nobjectives = [\"O.\"]\n\n\
         [[sections]]\nid = \"s\"\ntitle = \"Section\"\n\
         text = \"A section whose key points run long.\"\n\n",
    );
    if term {
        s.push_str(
            "[[terms]]\nterm = \"protocol\"\ndefinition = \"An agreement between states.\"\n\
             section = \"s\"\nsource = \"seed:P1\"\n\n",
        );
    }
    for f in 0..points {
        let _ = write!(
            s,
            "[[facts]]\nid = \"m.f{f}\"\nsection = \"s\"\n\
             text = \"Point {f}: the report of year {} names {} parties and their protocol.\"\n\
             source = \"seed:P{}\"\n\n",
            2000 + f % 25,
            f * 7 % 190,
            f % 20 + 1
        );
    }
    for q in 0..points.div_ceil(10) {
        let _ = write!(
            s,
            "[[questions]]\nid = \"m.q{q}\"\nfacts = [\"m.f{}\"]\ndifficulty = 1\n\
             explanation = \"Because.\"\nkind = \"true_false\"\n\
             prompt = \"Statement {q} holds?\"\nanswer = {}\n\n",
            q * 10,
            q % 2 == 0
        );
    }
    std::fs::write(dir.join("m.toml"), s).expect("write module");
}
