//! The GIFT parser, construct by construct, with the structure each must produce (examples from
//! Moodle's GIFT documentation), import into a course, and the round trip of the shipped course.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

use beacon::content::Body;
use beacon::formats::gift::{self, Answers, Number, TextFormat, Weighted};

fn one(text: &str) -> beacon::formats::gift::Question {
    let file = gift::parse(text);
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(file.questions.len(), 1, "{:?}", file.questions);
    file.questions.into_iter().next().expect("one question")
}

fn w(value: &str, weight: f64, feedback: Option<&str>) -> Weighted<String> {
    Weighted {
        value: value.into(),
        weight,
        feedback: feedback.map(Into::into),
        equals: false,
    }
}

/// An answer written with `=`.
fn eq(value: &str, feedback: Option<&str>) -> Weighted<String> {
    Weighted {
        equals: true,
        ..w(value, 100.0, feedback)
    }
}

#[test]
fn comments_are_ignored_and_blank_lines_separate_questions() {
    let file = gift::parse("// a comment\nFirst?{T}\n\n  // another\nSecond?{F}\n");
    assert_eq!(file.questions.len(), 2);
    assert_eq!(file.questions[0].text, "First?");
    assert_eq!(file.questions[1].line, 5);
}

#[test]
fn titles() {
    let q = one("::Grant's tomb:: Who is buried in Grant's tomb?{=no one ~Grant}");
    assert_eq!(q.title.as_deref(), Some("Grant's tomb"));
    assert_eq!(q.text, "Who is buried in Grant's tomb?");
}

#[test]
fn categories_may_contain_colons() {
    let file = gift::parse(
        "$CATEGORY: $course$/top/Default for course:Sub: part\n\nQ?{T}\n\n$CATEGORY: other\nR?{F}",
    );
    assert_eq!(
        file.questions[0].category.as_deref(),
        Some("$course$/top/Default for course:Sub: part")
    );
    assert_eq!(file.questions[1].category.as_deref(), Some("other"));
}

#[test]
fn text_formats() {
    for (prefix, format) in [
        ("[html]", TextFormat::Html),
        ("[markdown]", TextFormat::Markdown),
        ("[plain]", TextFormat::Plain),
        ("[moodle]", TextFormat::Moodle),
        ("", TextFormat::Moodle),
    ] {
        let q = one(&format!("::t::{prefix}Is it so?{{T}}"));
        assert_eq!(q.format, format, "{prefix}");
        assert_eq!(q.text, "Is it so?");
    }
}

#[test]
fn escapes_and_new_lines() {
    let q = one(r"1 \= 1 \~ 2 \# \{x\} \: \\ and\nnext {T}");
    assert_eq!(q.text, "1 = 1 ~ 2 # {x} : \\ and\nnext");
    let q = one(r"Which sign? {=\= ~\~ ~\#}");
    assert_eq!(
        q.answers,
        Answers::Choice(vec![eq("=", None), w("~", 0.0, None), w("#", 0.0, None)])
    );
}

#[test]
fn multiple_choice() {
    let q = one("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}");
    assert_eq!(
        q.answers,
        Answers::Choice(vec![
            w("Grant", 0.0, None),
            w("Jefferson", 0.0, None),
            eq("no one", None)
        ])
    );
}

#[test]
fn multiple_answers_with_weights_negative_too() {
    let q = one(
        "What two people are entombed in Grant's tomb? {~%-100%No one ~%50%Grant ~%50%Grant's wife ~%-100%Grant's father}",
    );
    assert_eq!(
        q.answers,
        Answers::Choice(vec![
            w("No one", -100.0, None),
            w("Grant", 50.0, None),
            w("Grant's wife", 50.0, None),
            w("Grant's father", -100.0, None)
        ])
    );
}

#[test]
fn true_false_with_its_two_feedbacks() {
    let q = one("Grant is buried in Grant's tomb.{FALSE#No one is buried there.#Right!}");
    assert_eq!(
        q.answers,
        Answers::TrueFalse {
            answer: false,
            wrong_feedback: Some("No one is buried there.".into()),
            right_feedback: Some("Right!".into()),
        }
    );
    for (t, answer) in [("{T}", true), ("{TRUE}", true), ("{F}", false)] {
        let q = one(&format!("Q{t}"));
        assert!(matches!(q.answers, Answers::TrueFalse { answer: a, .. } if a == answer));
    }
}

#[test]
fn short_answer_with_several_answers_and_partial_credit() {
    let q = one("Who's buried in Grant's tomb?{=no one =nobody =%50%Grant}");
    assert_eq!(
        q.answers,
        Answers::ShortAnswer(vec![
            eq("no one", None),
            eq("nobody", None),
            Weighted {
                weight: 50.0,
                ..eq("Grant", None)
            }
        ])
    );
}

#[test]
fn missing_word_keeps_the_text_after_the_braces() {
    let q = one("Moodle costs {~lots of money =nothing ~a small amount} to download.");
    assert_eq!(q.text, "Moodle costs");
    assert_eq!(q.after.as_deref(), Some("to download."));
    assert!(q.space_before && q.space_after);
}

#[test]
fn numerical_tolerance_range_and_weighted_answers() {
    let q = one("When was Ulysses S. Grant born?{#1822:5}");
    assert_eq!(
        q.answers,
        Answers::Numerical(vec![Weighted {
            value: Number::Exact {
                value: 1822.0,
                tolerance: 5.0
            },
            weight: 100.0,
            feedback: None,
            equals: true
        }])
    );
    let q = one("What is a number from 1 to 5? {#1..5}");
    assert_eq!(
        q.answers,
        Answers::Numerical(vec![Weighted {
            value: Number::Range { min: 1.0, max: 5.0 },
            weight: 100.0,
            feedback: None,
            equals: true
        }])
    );
    let q = one("When was Grant born? {# =1822:0 #Right =%50%1822:2 #Close}");
    assert_eq!(
        q.answers,
        Answers::Numerical(vec![
            Weighted {
                value: Number::Exact {
                    value: 1822.0,
                    tolerance: 0.0
                },
                weight: 100.0,
                feedback: Some("Right".into()),
                equals: true
            },
            Weighted {
                value: Number::Exact {
                    value: 1822.0,
                    tolerance: 2.0
                },
                weight: 50.0,
                feedback: Some("Close".into()),
                equals: true
            },
        ])
    );
    let q = one("Below zero? {#-5:0.5}");
    assert!(
        matches!(&q.answers, Answers::Numerical(a) if a[0].value == Number::Exact { value: -5.0, tolerance: 0.5 })
    );
}

#[test]
fn matching_with_extra_distractors() {
    let q = one(
        "Match the countries with their capitals. {=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo = -> Paris}",
    );
    assert_eq!(
        q.answers,
        Answers::Matching {
            pairs: vec![
                ("Canada".into(), "Ottawa".into()),
                ("Italy".into(), "Rome".into()),
                ("Japan".into(), "Tokyo".into())
            ],
            distractors: vec!["Paris".into()],
        }
    );
}

#[test]
fn per_answer_and_general_feedback() {
    let q = one("Pick one {=right#Good. ~wrong#Not this one. ####Because it is.}");
    assert_eq!(
        q.answers,
        Answers::Choice(vec![
            eq("right", Some("Good.")),
            w("wrong", 0.0, Some("Not this one."))
        ])
    );
    assert_eq!(q.general_feedback.as_deref(), Some("Because it is."));
}

#[test]
fn essays_and_descriptions_are_reported_as_skipped_on_import() {
    let file = gift::parse("Write about it. {}\n\nThis is only a description.");
    assert_eq!(file.questions[0].answers, Answers::Essay);
    assert_eq!(file.questions[1].answers, Answers::Description);
    let imported = gift::import(
        "Write about it. {}\n\nThis is only a description.\n\nReal?{T}",
        "bank.gift",
    );
    let skipped: Vec<(usize, bool)> = imported.notes.iter().map(|n| (n.line, n.skipped)).collect();
    assert_eq!(skipped, [(1, true), (3, true)]);
    assert!(imported.notes[0].message.contains("essay"));
    assert!(imported.notes[1].message.contains("description"));
    assert_eq!(imported.course.questions().count(), 1);
}

#[test]
fn a_bad_question_never_stops_the_rest() {
    let text = "Good one?{T}\n\nBroken {=a ~b\n\nNo right answer {~a ~b}\n\nBad weight {~%abc%x =y}\n\nLast?{F}";
    let file = gift::parse(text);
    let lines: Vec<usize> = file.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 5, 7]);
    assert!(file.problems[0].message.contains("not closed"));
    assert_eq!(file.questions.len(), 2);
    assert_eq!(file.questions[1].line, 9);
}

#[test]
fn import_makes_modules_from_categories_and_ids_from_unique_titles() {
    let text = "$CATEGORY: $course$/top/Treaties\n\n::q-year:: In which year? {#2000}\n\n::dup:: A?{T}\n\n::dup:: B?{F}\n\n$CATEGORY: $course$/top/People\n\n[html]<p>Who <b>leads</b>?</p>{=UNODC ~ICAT}\n\nThe {=Palermo} Protocols.";
    let imported = gift::import(text, "bank.gift");
    let course = &imported.course;
    let titles: Vec<&str> = course.modules.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["Treaties", "People"]);
    assert!(
        course.question("q-year").is_some(),
        "a unique title becomes the id"
    );
    let treaty_ids: Vec<&str> = course.modules[0]
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(treaty_ids.len(), 3);
    assert!(
        !treaty_ids.contains(&"dup"),
        "a repeated title does not: {treaty_ids:?}"
    );
    let html = &course.modules[1].questions[0];
    assert_eq!(html.prompt, "Who leads?");
    assert!(matches!(&html.body, Body::Single(c) if c.0[0].correct));
    let fill = &course.modules[1].questions[1];
    assert_eq!(fill.prompt, "The ___ Protocols.");
    assert_eq!(fill.body, Body::FillIn(vec!["Palermo".into()]));
    for q in course.questions() {
        assert!(
            !q.facts.is_empty() && course.fact(&q.facts[0]).is_some(),
            "each question has a key point"
        );
    }
}

#[test]
fn import_reports_what_beacon_cannot_hold() {
    let imported = gift::import(
        "Who?{=no one =%50%Grant}\n\nMatch {=a -> 1 =b -> 2 = -> 3}",
        "x.gift",
    );
    assert_eq!(imported.course.questions().count(), 2);
    assert!(imported.notes.iter().all(|n| !n.skipped));
    assert!(imported.notes[0].message.contains("Grant (50%)"));
    assert!(imported.notes[1].message.contains("not kept: 3"));
}

fn shipped() -> beacon::content::Course {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    beacon::storage::folder::load_folder(&dir)
        .expect("course")
        .course
}

#[test]
fn the_shipped_course_survives_a_round_trip_through_gift() {
    let course = shipped();
    let exported = gift::to_gift(&course);
    let held: Vec<&beacon::content::Question> = course
        .questions()
        .filter(|q| !matches!(q.body, Body::Ordering(_) | Body::Scenario { .. }))
        .collect();
    let reported = course.questions().count() - held.len();
    assert_eq!(
        exported.left_out.len(),
        reported,
        "ordering and scenario questions are reported, not faked"
    );
    assert!(exported.left_out.iter().all(|l| l.contains("GIFT has no")));
    let imported = gift::import(&exported.text, "course.gift");
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    let back: Vec<&beacon::content::Question> = imported.course.questions().collect();
    assert_eq!(back.len(), held.len());
    for (original, again) in held.iter().zip(&back) {
        assert_eq!(original.id, again.id);
        assert_eq!(original.prompt, again.prompt, "{}", original.id);
        assert_eq!(original.body, again.body, "{}", original.id);
        assert_eq!(original.explanation, again.explanation, "{}", original.id);
        assert_eq!(original.facts, again.facts, "{}", original.id);
        assert_eq!(original.difficulty, again.difficulty, "{}", original.id);
        // Same grading: the right answer scores 1 in both, and every wrong choice the same.
        let right = beacon::quiz::right_response(&original.body);
        assert!((beacon::quiz::grade(&again.body, &right) - 1.0).abs() < 1e-9);
    }
    let modules: Vec<&str> = imported
        .course
        .modules
        .iter()
        .map(|m| m.title.as_str())
        .collect();
    let expected: Vec<&str> = course.modules.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(modules, expected, "each module becomes a category and back");
}

#[test]
fn markdown_and_html_questions_import_as_plain_text() {
    let imported = gift::import(
        "[markdown]The **Palermo** Protocol dates from *2000*: see [UNODC](https://www.unodc.org). {T}\n\n[html]Read this:<p>It has <span title=\"3 > 2\">three</span> parts<!-- <b>draft</b> --></p>{=act ~none}",
        "bank.gift",
    );
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    let prompts: Vec<&str> = imported
        .course
        .questions()
        .map(|q| q.prompt.as_str())
        .collect();
    assert_eq!(
        prompts,
        [
            "The Palermo Protocol dates from 2000: see UNODC.",
            "Read this:\nIt has three parts"
        ]
    );
}

#[test]
fn an_empty_file_or_one_without_questions_says_so() {
    for (text, says) in [
        ("", "the file is empty"),
        ("  \n\n", "the file is empty"),
        ("// only a comment\n$CATEGORY: Top\n", "holds no questions"),
        ("\u{feff}", "the file is empty"),
    ] {
        let imported = gift::import(text, "bank.gift");
        assert_eq!(imported.notes.len(), 1, "{text:?}");
        assert_eq!(imported.notes[0].line, 0, "about the whole file");
        assert!(imported.notes[0].message.contains(says), "{text:?}");
    }
    // A byte-order mark does not hide the first line.
    let imported = gift::import("\u{feff}// a comment\nQ?{T}", "bank.gift");
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    assert_eq!(imported.course.questions().count(), 1);
}

#[test]
fn a_question_too_large_for_one_screen_is_left_out_with_a_reason() {
    let many = (0..300_000).fold(String::from("Pick one {=right"), |mut s, i| {
        use std::fmt::Write as _;
        let _ = write!(s, " ~wrong {i}");
        s
    });
    let long = format!("{} {{T}}", "word ".repeat(5_000));
    let one_choice = "Only one {~%100%alone}";
    let text = format!("{many}}}\n\n{long}\n\n{one_choice}\n\nFine? {{T}}");
    let imported = gift::import(&text, "bank.gift");
    let skipped: Vec<(usize, &str)> = imported
        .notes
        .iter()
        .filter(|n| n.skipped)
        .map(|n| (n.line, n.message.as_str()))
        .collect();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert!(skipped[0].1.contains("2 to 8 choices, not 300001"));
    assert!(skipped[1].1.contains("at most 10000"));
    assert!(skipped[2].1.contains("2 to 8 choices, not 1"));
    assert_eq!(imported.course.questions().count(), 1);
}

#[test]
fn ids_are_unique_among_their_own_kind_only() {
    // A question titled like its module, or like another question's key point, keeps its title.
    let imported = gift::import(
        "$CATEGORY: Questions\n\n::questions:: First?{T}\n\n::second.fact:: Other?{T}\n\n::second:: Third?{F}",
        "bank.gift",
    );
    let course = &imported.course;
    assert_eq!(course.modules[0].id, "questions");
    let ids: Vec<&str> = course.questions().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["questions", "second.fact", "second"]);
    for q in course.questions() {
        assert!(course.fact(&q.facts[0]).is_some());
    }
}

#[test]
fn a_category_name_with_a_slash_is_read_as_moodle_writes_it() {
    let imported = gift::import(
        "$CATEGORY: $course$/top/Before // after\n\nQ?{T}",
        "bank.gift",
    );
    assert_eq!(imported.course.modules[0].title, "Before / after");
}
