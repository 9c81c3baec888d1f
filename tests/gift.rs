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
    let for_moodle_only_in_comments = course
        .questions()
        .filter(|q| matches!(q.body, Body::Ordering(_) | Body::Scenario { .. }))
        .count();
    assert!(for_moodle_only_in_comments > 0);
    assert_eq!(
        exported.left_out.len(),
        for_moodle_only_in_comments,
        "ordering and scenario questions are reported as left out for Moodle, not faked"
    );
    assert!(exported.left_out.iter().all(|l| l.contains("GIFT has no")));
    let imported = gift::import(&exported.text, "course.gift");
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    let back = &imported.course;
    // Every question, in order, the same to the last field, and graded the same.
    let before: Vec<&beacon::content::Question> = course.questions().collect();
    let after: Vec<&beacon::content::Question> = back.questions().collect();
    assert_eq!(before, after);
    for q in &after {
        let right = beacon::quiz::right_response(&q.body);
        assert!((beacon::quiz::grade(&q.body, &right) - 1.0).abs() < 1e-9);
    }
    // The course's details and sources, and each module's facts, terms and events.
    assert_eq!(back.info.title, course.info.title);
    assert_eq!(back.info.content_note, course.info.content_note);
    assert_eq!(back.info.sources, course.info.sources);
    assert_eq!(back.info.assessment, course.info.assessment);
    assert_eq!(back.modules.len(), course.modules.len());
    for (a, b) in course.modules.iter().zip(&back.modules) {
        assert_eq!(
            (&a.id, &a.title, &a.summary, &a.objectives),
            (&b.id, &b.title, &b.summary, &b.objectives)
        );
        assert_eq!(a.sections, b.sections, "{}", a.id);
        assert_eq!(a.facts, b.facts, "{}", a.id);
        assert_eq!(a.terms, b.terms, "{}", a.id);
        assert_eq!(a.events, b.events, "{}", a.id);
        // Opened as a learner opens it: the same lesson, page by page.
        assert_eq!(
            beacon::lesson::lesson(&course, a),
            beacon::lesson::lesson(back, b),
            "{}",
            a.id
        );
    }
    // The same review queue for a learner who has read every lesson, and the same first review
    // session.
    let progress = read_every_lesson(&course);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-28T09:00:00Z")
        .expect("time")
        .with_timezone(&chrono::Utc);
    let tz = chrono::FixedOffset::east_opt(0).expect("UTC");
    let queue = beacon::progress::review::queue(&course, &progress, now, tz);
    assert!(!queue.new.is_empty(), "reviews start");
    assert_eq!(
        beacon::progress::review::queue(back, &progress, now, tz),
        queue
    );
    assert_eq!(
        beacon::progress::review::quiz_for_facts(&course, &progress, &queue.new, 7),
        beacon::progress::review::quiz_for_facts(back, &progress, &queue.new, 7)
    );
}

#[test]
fn a_question_bank_from_moodle_gets_a_lesson_and_reviews() {
    let imported = gift::import(
        "::q1:: The Protocol was adopted in 2000. {T ####It was adopted on 15 November 2000.}\n\n::q2:: Who leads the UN's work? {=UNODC ~UNESCO}",
        "bank.gift",
    );
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    let course = &imported.course;
    let module = &course.modules[0];
    let lesson = beacon::lesson::lesson(course, module);
    let points: Vec<&str> = lesson
        .pages
        .iter()
        .flat_map(|p| match p {
            beacon::lesson::Page::Section { points, .. } => {
                points.iter().map(|k| k.text.as_str()).collect()
            }
            _ => Vec::new(),
        })
        .collect();
    assert_eq!(
        points,
        [
            "It was adopted on 15 November 2000.",
            "Who leads the UN's work? Answer: UNODC."
        ]
    );
    // Each key point cites the file, a source the course declares.
    for fact in course.facts() {
        assert_eq!(
            course.cite(&fact.source),
            "Questions imported from bank.gift"
        );
    }
    let now = chrono::Utc::now();
    let tz = chrono::FixedOffset::east_opt(0).expect("UTC");
    let queue = beacon::progress::review::queue(course, &read_every_lesson(course), now, tz);
    assert_eq!(queue.new.len(), 2);
}

/// The progress of a learner who has read every page of every lesson (reviews start from
/// what was taught).
fn read_every_lesson(course: &beacon::content::Course) -> beacon::progress::Progress {
    let mut progress = beacon::progress::Progress::default();
    for m in &course.modules {
        let pages = beacon::lesson::lesson(course, m).pages.len();
        progress.lessons.insert(
            m.id.clone(),
            beacon::progress::LessonProgress {
                pages_read: (0..pages).collect(),
                ..beacon::progress::LessonProgress::default()
            },
        );
    }
    progress
}

/// A module file with one fact and one question made of `fields`.
fn module_with(id: &str, fields: &str) -> String {
    format!(
        "id = \"m\"\ntitle = \"M\"\nsummary = \"S\"\nobjectives = [\"O\"]\n\n[[sections]]\nid = \"s\"\ntitle = \"S\"\n\n[[facts]]\nid = \"m.f\"\nsection = \"s\"\ntext = \"F\"\nsource = \"seed:P2\"\n\n[[questions]]\nid = \"{id}\"\nfacts = [\"m.f\"]\ndifficulty = 1\nexplanation = \"E\"\n{fields}\n"
    )
}

#[test]
fn gift_questions_pass_the_same_checks_as_a_course_folder() {
    let long = "word ".repeat(2_500).trim_end().to_owned();
    let nine_pairs_gift =
        "Match {=a -> 1 =b -> 2 =c -> 3 =d -> 4 =e -> 5 =f -> 6 =g -> 7 =h -> 8 =i -> 9}";
    let nine_pairs_toml = format!(
        "kind = \"matching\"\nprompt = \"Match\"\npairs = [{}]",
        ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{{ left = \"{l}\", right = \"{}\" }}", i + 1))
            .collect::<Vec<_>>()
            .join(", ")
    );
    // The same mistake in a GIFT question and in a module file, and what both are told.
    let cases: [(String, String, String, &str); 6] = [
        (
            "Pick {=1 ~2 ~3 ~4 ~5 ~6 ~7 ~8 ~9}".into(),
            "q".into(),
            "kind = \"single\"\nprompt = \"Pick\"\nchoices = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\"]\nanswer = \"1\"".into(),
            "a question needs 2 to 8 choices, not 9",
        ),
        (
            "Pick {=same ~same}".into(),
            "q".into(),
            "kind = \"single\"\nprompt = \"Pick\"\nchoices = [\"same\", \"same\"]\nanswer = \"same\"".into(),
            "choice `same` is given twice",
        ),
        (
            nine_pairs_gift.into(),
            "q".into(),
            nine_pairs_toml,
            "a matching question needs 2 to 8 pairs, not 9",
        ),
        (
            "// beacon: id=gen:number:x\n::x:: Made up? {T}".into(),
            "gen:number:x".into(),
            "kind = \"true_false\"\nprompt = \"Made up?\"\nanswer = true".into(),
            "question id `gen:number:x` starts with `gen:`, which Beacon keeps for the questions it generates",
        ),
        (
            "[html]<p></p>{T}".into(),
            "q".into(),
            "kind = \"true_false\"\nprompt = \"\"\nanswer = true".into(),
            "field `prompt` is empty",
        ),
        (
            format!("{long}{{T####E}}"),
            "q".into(),
            format!("kind = \"true_false\"\nprompt = \"{long}\"\nanswer = true"),
            "a question may have at most 10000",
        ),
    ];
    for (gift_text, id, toml_fields, says) in cases {
        let imported = gift::import(&gift_text, "bank.gift");
        assert_eq!(imported.course.questions().count(), 0, "{gift_text}");
        let from_gift: Vec<&str> = imported
            .notes
            .iter()
            .filter(|n| n.skipped)
            .map(|n| n.message.as_str())
            .collect();
        assert!(
            from_gift.iter().any(|m| m.contains(says)),
            "{gift_text}: {from_gift:?}"
        );
        let (module, problems) = beacon::content::parse_module(
            &module_with(&id, &toml_fields),
            std::path::Path::new("m.toml"),
        );
        assert!(module.is_none(), "{toml_fields}");
        let from_toml: Vec<&str> = problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(from_gift, from_toml, "{says}");
    }
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
