//! Moodle XML parsed back, the Anki CSV, courses users add (from the app and the command line),
//! the limits on untrusted input, and a property test: any valid course survives GIFT.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use beacon::content::{
    Body, Choice, Choices, Course, CourseInfo, Fact, Module, NumericAnswer, Pair, Question,
    Section, Source,
};
use beacon::ui::Screen;
use common::*;
use egui_kittest::kittest::Queryable as _;
use proptest::prelude::*;
use quick_xml::events::Event;

fn shipped() -> Course {
    beacon::storage::folder::load_folder(&course_dir())
        .expect("course")
        .course
}

/// Every element name in an XML document, with how often it occurs, and the `type` attributes
/// of `<question>`; fails if the document is not well-formed.
fn xml_outline(xml: &str) -> (BTreeMap<String, usize>, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = BTreeMap::new();
    let mut types = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                depth += 1;
                let name = e.name().as_ref().to_owned();
                if name == "question" {
                    let t = e
                        .try_get_attribute("type")
                        .expect("attribute")
                        .expect("a type");
                    types.push(t.value.to_string());
                }
                *names.entry(name).or_insert(0) += 1;
            }
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    (names, types)
}

#[test]
fn moodle_xml_is_well_formed_and_uses_moodles_element_names() {
    let course = shipped();
    let out = beacon::formats::moodle_xml::to_moodle_xml(&course);
    assert!(
        out.xml
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    );
    let (names, types) = xml_outline(&out.xml);
    assert_eq!(names.get("quiz"), Some(&1));
    for element in [
        "question",
        "name",
        "questiontext",
        "generalfeedback",
        "answer",
        "text",
        "subquestion",
        "single",
        "tolerance",
        "category",
    ] {
        assert!(names.contains_key(element), "<{element}> is written");
    }
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &types {
        *count.entry(t.as_str()).or_default() += 1;
    }
    assert_eq!(count.get("category"), Some(&course.modules.len()));
    for t in [
        "multichoice",
        "truefalse",
        "shortanswer",
        "numerical",
        "matching",
        "ordering",
    ] {
        assert!(count.contains_key(t), "type {t} is exported");
    }
    let scenarios = course
        .questions()
        .filter(|q| matches!(q.body, Body::Scenario { .. }))
        .count();
    assert_eq!(
        out.left_out.len(),
        scenarios,
        "only scenarios are left out, and they are reported"
    );
    let exported = types.iter().filter(|t| *t != "category").count();
    assert_eq!(exported + scenarios, course.questions().count());
    // Fractions: a single-answer question's right answer is 100.
    assert!(out.xml.contains("fraction=\"100\""));
}

#[test]
fn the_anki_csv_has_front_back_and_tags() {
    let course = shipped();
    let csv_text = beacon::formats::anki::to_anki_csv(&course).expect("csv");
    assert!(csv_text.starts_with("#separator:Comma\n"));
    let body: String = csv_text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert!(rows.len() > 100);
    for row in &rows {
        assert_eq!(row.len(), 3);
        assert!(!row[0].is_empty() && !row[1].is_empty());
        assert!(row[2].starts_with(&format!("{}::", course.info.id)));
    }
}

#[test]
fn export_course_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tmp");
    for (format, file) in [
        ("gift", "c.gift"),
        ("moodle-xml", "c.xml"),
        ("anki", "c.csv"),
    ] {
        let path = dir.path().join(file);
        Command::cargo_bin("beacon")
            .expect("binary")
            .arg("--course")
            .arg(course_dir())
            .args(["export", "course", "--format", format, "-o"])
            .arg(&path)
            .assert()
            .success();
        assert!(
            std::fs::metadata(&path).expect("written").len() > 1000,
            "{format}"
        );
    }
    let gift_text = std::fs::read_to_string(dir.path().join("c.gift")).expect("gift");
    let back = beacon::formats::gift::import(&gift_text, "c.gift");
    assert!(back.notes.is_empty());
    assert!(back.course.questions().count() > 100);
}

/// Runs `beacon import SOURCE` on the data folder `data`.
fn import_into(data: &Path, source: &Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("beacon")
        .expect("binary")
        .arg("--data-dir")
        .arg(data)
        .arg("import")
        .arg(source)
        .assert()
}

fn write_gift(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn import_copies_a_gift_file_or_course_folder_and_lists_problems_by_line() {
    let data = tempfile::tempdir().expect("tmp");
    let src = tempfile::tempdir().expect("tmp");
    let gift = write_gift(
        src.path(),
        "bank.gift",
        "$CATEGORY: Safety\n\nIs this fine?{T}\n\nBroken {=a ~b\n\nWhich one? {=right ~wrong}\n",
    );
    let cmd = |source: &Path| import_into(data.path(), source);
    cmd(&gift)
        .success()
        .stdout(predicates::str::contains(
            "bank.gift:5:1: error: the answers are not closed with }",
        ))
        .stdout(predicates::str::contains(
            "Added \"bank\" (1 module, 2 questions)",
        ));
    assert!(data.path().join("courses/bank.gift").exists());
    // A course folder in Beacon's format, with a broken module.
    cmd(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/unknown-kind"))
        .success()
        .stdout(predicates::str::contains(
            "02-broken.toml:18:8: error: unknown question kind `singel`",
        ));
    assert!(
        data.path()
            .join("courses/unknown-kind/course.toml")
            .exists()
    );
    // Nothing readable.
    let empty = write_gift(src.path(), "empty.gift", "Only a description.");
    cmd(&empty)
        .failure()
        .stdout(predicates::str::contains("Nothing could be loaded"));
}

#[test]
fn import_stores_a_gift_file_under_a_name_the_app_lists() {
    let data = tempfile::tempdir().expect("tmp");
    let src = tempfile::tempdir().expect("tmp");
    let cmd = |source: &Path| import_into(data.path(), source);
    // As Moodle names its GIFT exports, with no extension, hidden, or named for something else.
    for name in ["moodle-export.txt", "questions", ".hidden.gift", "notes.md"] {
        cmd(&write_gift(src.path(), name, "Listed? {T}\n"))
            .success()
            .stdout(predicates::str::contains("1 question)"));
    }
    // One file of a course folder is refused, with what to give instead.
    cmd(&write_gift(src.path(), "course.toml", "title = \"x\"\n"))
        .failure()
        .stderr(predicates::str::contains("give the folder"));
    let mut stored: Vec<String> = std::fs::read_dir(data.path().join("courses"))
        .expect("courses")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    stored.sort();
    assert_eq!(
        stored,
        [
            "hidden.gift",
            "moodle-export.txt.gift",
            "notes.md.gift",
            "questions.gift"
        ]
    );
    let listed: Vec<String> =
        beacon::data::courses::added(&beacon::storage::FileStorage::unlocked(data.path()))
            .into_iter()
            .filter(|e| e.course.is_some())
            .map(|e| e.key)
            .collect();
    assert_eq!(listed, stored, "the app lists everything that was added");
}

#[test]
fn a_course_folder_says_which_files_were_not_copied() {
    let data = tempfile::tempdir().expect("tmp");
    let src = tempfile::tempdir().expect("tmp");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/syntax");
    let course = src.path().join("with-big");
    std::fs::create_dir_all(&course).expect("mkdir");
    for f in ["course.toml", "01-good.toml"] {
        std::fs::copy(fixture.join(f), course.join(f)).expect("copy");
    }
    let big = "# padding\n".repeat(500_000);
    write_gift(&course, "02-big.toml", &big);
    let cmd = |source: &Path| import_into(data.path(), source);
    cmd(&course)
        .success()
        .stdout(predicates::str::contains(
            "not copied: 02-big.toml: the file is larger than 4 MiB",
        ))
        .stdout(predicates::str::contains("Added"));
    assert!(!data.path().join("courses/with-big/02-big.toml").exists());
    // Nothing left once the large file is left out: said, exit status 1, and nothing kept.
    let only_big = src.path().join("only-big");
    std::fs::create_dir_all(&only_big).expect("mkdir");
    write_gift(&only_big, "course.toml", &big);
    cmd(&only_big)
        .failure()
        .stderr(predicates::str::contains(
            "the folder has no course file Beacon can use",
        ))
        .stderr(predicates::str::contains(
            "course.toml: the file is larger than 4 MiB",
        ));
    assert!(!data.path().join("courses/only-big").exists());
}

#[test]
fn a_file_with_too_many_questions_gets_one_message() {
    let data = tempfile::tempdir().expect("tmp");
    let courses = data.path().join("courses");
    std::fs::create_dir_all(&courses).expect("mkdir");
    let many = (0..20_000).fold(String::new(), |mut s, i| {
        use std::fmt::Write as _;
        let _ = write!(s, "Q{i}?{{T}}\n\n");
        s
    });
    write_gift(&courses, "many.gift", &many);
    let shelf = beacon::data::courses::added(&beacon::storage::FileStorage::unlocked(data.path()));
    assert!(shelf[0].course.is_none());
    let messages: Vec<&str> = shelf[0]
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("this file has 20000 questions"));
    assert!(messages[0].contains("at most 10000"));
}

#[test]
fn oversized_files_and_courses_and_links_out_are_refused() {
    let data = tempfile::tempdir().expect("tmp");
    let courses = data.path().join("courses");
    std::fs::create_dir_all(&courses).expect("mkdir");
    // Over 4 MiB.
    let big = "Q?{T}\n\n".repeat(700_000);
    write_gift(&courses, "big.gift", &big);
    // Over 10,000 questions (but under 4 MiB).
    let many = (0..10_001).fold(String::new(), |mut s, i| {
        use std::fmt::Write as _;
        let _ = write!(s, "Q{i}?{{T}}\n\n");
        s
    });
    write_gift(&courses, "many.gift", &many);
    // A link leading out of the courses folder.
    let outside = tempfile::tempdir().expect("tmp");
    write_gift(outside.path(), "secret.gift", "Secret?{T}");
    std::os::unix::fs::symlink(
        outside.path().join("secret.gift"),
        courses.join("link.gift"),
    )
    .expect("symlink");
    // And a good one, which still loads.
    write_gift(&courses, "good.gift", "Good?{T}");
    let shelf = beacon::data::courses::added(&beacon::storage::FileStorage::unlocked(data.path()));
    let by_key: BTreeMap<&str, &beacon::data::courses::Entry> =
        shelf.iter().map(|e| (e.key.as_str(), e)).collect();
    let message = |k: &str| {
        by_key[k]
            .problems
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    assert!(by_key["big.gift"].course.is_none());
    assert!(message("big.gift").contains("larger than 4 MiB"));
    assert!(by_key["many.gift"].course.is_none());
    assert!(message("many.gift").contains("at most 10000"));
    assert!(by_key["link.gift"].course.is_none());
    assert!(message("link.gift").contains("outside the data folder"));
    assert!(by_key["good.gift"].course.is_some());
    // Inside a course folder, a module file linking out is not read either.
    let folder = courses.join("linked-course");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/syntax");
    std::fs::copy(fixture.join("course.toml"), folder.join("course.toml")).expect("copy");
    std::fs::copy(
        fixture.join("01-good.toml"),
        outside.path().join("01-good.toml"),
    )
    .expect("copy");
    std::os::unix::fs::symlink(
        outside.path().join("01-good.toml"),
        folder.join("01-good.toml"),
    )
    .expect("symlink");
    let loaded = beacon::storage::folder::load_folder(&folder).expect("loads");
    assert!(loaded.course.modules.is_empty());
    assert!(
        loaded
            .problems
            .iter()
            .any(|p| p.message.contains("outside the course folder"))
    );
}

#[test]
fn a_gift_file_in_the_courses_folder_is_a_course_with_its_own_progress() {
    let data = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(data.path().join("courses")).expect("mkdir");
    write_gift(
        &data.path().join("courses"),
        "volunteers.gift",
        "$CATEGORY: $course$/top/Induction\n\n::ind-1:: Volunteers report concerns to the coordinator.{T}\n\n::ind-2:: Who keeps the contact list? {=the coordinator ~every volunteer ~nobody}\n\n::ind-3:: The induction takes {#2} hours.\n",
    );
    write_gift(&data.path().join("courses"), "broken.gift", "Broken {=a\n");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    assert!(shown(&harness, "Courses on this computer"));
    assert!(shown(&harness, "volunteers"));
    assert!(
        shown(
            &harness,
            "broken.gift, line 1: the answers are not closed with }"
        ),
        "invalid files are listed with file and line"
    );
    click(&mut harness, "Open the course volunteers");
    assert_eq!(harness.state().course_key(), "volunteers.gift");
    assert_eq!(harness.state().course().questions().count(), 3);
    if harness.query_by_label("Start learning").is_some() {
        click(&mut harness, "Start learning");
    }
    click(&mut harness, "Take the quiz: Induction");
    take_quiz_right(&mut harness);
    assert!(shown(&harness, "3 of 3 (100%)"));
    harness.state().flush();
    let id = harness.state().profile().expect("profile").to_owned();
    let own = data
        .path()
        .join("profiles")
        .join(&id)
        .join("courses/volunteers.gift/progress.json");
    assert!(own.exists(), "the added course keeps its own progress");
    // Back in the shipped course, that quiz is not there.
    click(&mut harness, "Home");
    click(
        &mut harness,
        "Open the course How the UN and its partners fight human trafficking",
    );
    assert_eq!(harness.state().course_key(), "shipped");
    assert!(harness.state().progress().attempts.is_empty());
    assert!(matches!(harness.state().screen(), Screen::Home));
}

#[test]
fn adding_a_course_in_the_app_copies_it_and_lists_it() {
    let data = tempfile::tempdir().expect("tmp");
    let src = tempfile::tempdir().expect("tmp");
    let file = write_gift(src.path(), "extra.gift", "Extra?{T}\n\nMore? {=yes ~no}\n");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    // The dialog itself is the system's; the copy behind it is what the button runs.
    harness.state_mut().add_course_from(&file);
    harness.run();
    assert!(shown(&harness, "Added \"extra\""));
    assert!(shown(&harness, "Open the course extra"));
    assert!(data.path().join("courses/extra.gift").exists());
}

/// The details of a generated course, with the source its facts cite.
fn course_info(title: &str) -> CourseInfo {
    CourseInfo {
        id: "c".into(),
        title: title.into(),
        version: "1".into(),
        language: "en".into(),
        description: "Generated.".into(),
        content_note: "Generated.".into(),
        sources: vec![beacon::content::Reference {
            id: "seed".into(),
            title: "The source article".into(),
            url: None,
            author: None,
            date: None,
        }],
        ..CourseInfo::default()
    }
}

/// Text with GIFT's special characters, spaces and letters (no blank lines, no `___`).
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 ~=#{}:\\\\%,.'?-]{1,30}".prop_map(|s| {
        let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() { "x".to_owned() } else { t }
    })
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        (proptest::collection::vec(text(), 2..5), 0usize..4).prop_map(|(texts, right)| {
            let mut seen = std::collections::BTreeSet::new();
            let texts: Vec<String> = texts
                .into_iter()
                .filter(|t| seen.insert(t.clone()))
                .collect();
            let right = right % texts.len().max(1);
            Body::Single(Choices(
                texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Choice {
                        text: t.clone(),
                        correct: i == right,
                        fixed: false,
                    })
                    .collect(),
            ))
        }),
        (proptest::collection::vec((text(), any::<bool>()), 2..5)).prop_map(|items| {
            let mut seen = std::collections::BTreeSet::new();
            let mut items: Vec<(String, bool)> = items
                .into_iter()
                .filter(|(t, _)| seen.insert(t.clone()))
                .collect();
            if !items.iter().any(|(_, c)| *c) {
                items[0].1 = true;
            }
            Body::Multiple(Choices(
                items
                    .into_iter()
                    .map(|(text, correct)| Choice {
                        text,
                        correct,
                        fixed: false,
                    })
                    .collect(),
            ))
        }),
        any::<bool>().prop_map(Body::TrueFalse),
        (-1.0e6f64..1.0e6, 0.0f64..100.0).prop_map(|(v, t)| {
            let v = (v * 100.0).round() / 100.0;
            let t = (t * 100.0).round() / 100.0;
            Body::Numeric(NumericAnswer {
                min: v - t,
                max: v + t,
                shown: v,
                unit: None,
            })
        }),
        // A range with the right answer anywhere in it, not only the middle.
        (-1.0e6f64..1.0e6, 0.0f64..1.0e4, 0.0f64..=1.0).prop_map(|(lo, width, at)| {
            let min = (lo * 100.0).round() / 100.0;
            let max = min + (width * 100.0).round() / 100.0;
            let shown = (min + (max - min) * at).clamp(min, max);
            Body::Numeric(NumericAnswer {
                min,
                max,
                shown,
                unit: None,
            })
        }),
        proptest::collection::vec((text(), text()), 2..5).prop_map(|pairs| {
            let mut l = std::collections::BTreeSet::new();
            let mut r = std::collections::BTreeSet::new();
            let pairs: Vec<Pair> = pairs
                .into_iter()
                .filter(|(a, b)| l.insert(a.clone()) && r.insert(b.clone()))
                .map(|(left, right)| Pair { left, right })
                .collect();
            Body::Matching(pairs)
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_valid_course_survives_gift_unchanged(bodies in proptest::collection::vec((text(), body(), text(), 1u8..=3), 1..8)) {
        let mut questions = Vec::new();
        for (i, (prompt, body, explanation, difficulty)) in bodies.into_iter().enumerate() {
            // A matching question needs two pairs; skip what the generator shrank below that.
            if let Body::Matching(p) = &body && p.len() < 2 { continue; }
            if let Body::Single(c) | Body::Multiple(c) = &body && c.0.len() < 2 { continue; }
            questions.push(Question {
                id: format!("m.q{i}"),
                prompt,
                facts: vec!["m.f".into()],
                difficulty,
                explanation,
                body,
                generated: false,
            });
        }
        prop_assume!(!questions.is_empty());
        let module = Module {
            id: "m".into(),
            title: "Module".into(),
            summary: "S".into(),
            objectives: vec!["O".into()],
            sections: vec![Section { id: "s".into(), title: "S".into(), text: None }],
            facts: vec![Fact { id: "m.f".into(), section: "s".into(), text: "F".into(), source: Source::new("seed", Some("P2")), year: None, date: None, number: None, quiz: true }],
            terms: vec![],
            events: vec![],
            questions: questions.clone(),
            file: "m.toml".into(),
        };
        let course = Course::new(course_info("Course"), vec![module]);
        let exported = beacon::formats::gift::to_gift(&course);
        prop_assert!(exported.left_out.is_empty());
        let back = beacon::formats::gift::import(&exported.text, "c.gift");
        prop_assert!(back.notes.is_empty(), "{:?}\n{}", back.notes, exported.text);
        let again: Vec<&Question> = back.course.questions().collect();
        prop_assert_eq!(again.len(), questions.len());
        for (a, b) in questions.iter().zip(again) {
            prop_assert_eq!(&a.id, &b.id);
            prop_assert_eq!(&a.prompt, &b.prompt);
            prop_assert_eq!(&a.body, &b.body);
            prop_assert_eq!(&a.explanation, &b.explanation);
            prop_assert_eq!(a.difficulty, b.difficulty);
        }
    }
}

/// Text made of what GIFT and Beacon's comments treat specially: line breaks, `//`, `::`,
/// braces, `=`, `~`, `#`, `%`, `,`, backslashes, arrows, format names, category and comment
/// starts, and Unicode line separators, between ordinary words. Trimmed and never empty, as
/// the course loader leaves a text.
fn nasty(line_breaks: bool) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n"),
        Just("\r"),
        Just("//"),
        Just("::"),
        Just("{"),
        Just("}"),
        Just("="),
        Just("~"),
        Just("#"),
        Just("####"),
        Just("%"),
        Just("%20"),
        Just(","),
        Just(" "),
        Just("\\"),
        Just("\\n"),
        Just("->"),
        Just("/"),
        Just("[html]"),
        Just("[markdown]"),
        Just("$CATEGORY:"),
        Just("// beacon: id=x facts=y"),
        Just("\t"),
        Just("\u{2028}"),
        Just("___"),
        Just("Genève"),
        Just("UNODC"),
        Just("a"),
        Just("7"),
    ];
    proptest::collection::vec(piece, 1..10).prop_map(move |pieces| {
        let mut t = pieces.concat();
        if !line_breaks {
            t = t.replace(['\n', '\r', '\u{2028}'], " ");
        }
        let t = t.trim().to_owned();
        if t.is_empty() { "x".to_owned() } else { t }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Every value Beacon writes into a `// beacon:` comment (ids, facts, units), a `::title::`
    /// (ids) or a category (module titles) reads back exactly, whatever it holds; the course
    /// title in the first comment cannot break out of it.
    #[test]
    fn titles_and_comment_values_read_back_exactly(
        course_title in nasty(true),
        modules in proptest::collection::vec(
            (nasty(false), proptest::collection::vec(
                (nasty(true), proptest::collection::vec(nasty(true), 1..3), nasty(true), nasty(true), nasty(true), proptest::option::of(nasty(true)), any::<bool>()),
                1..4,
            )),
            1..3,
        ),
    ) {
        let titles: std::collections::BTreeSet<&String> = modules.iter().map(|(t, _)| t).collect();
        prop_assume!(titles.len() == modules.len());
        let mut n = 0;
        let mut seen_facts = std::collections::HashSet::new();
        let modules: Vec<Module> = modules
            .iter()
            .enumerate()
            .map(|(m, (title, questions))| {
                let questions: Vec<Question> = questions
                    .iter()
                    .map(|(id, facts, prompt, explanation, choice, unit, numeric)| {
                        n += 1;
                        Question {
                            // Unique, whatever the text.
                            id: format!("{n}{id}"),
                            prompt: prompt.clone(),
                            // Each question's own facts, whatever their text.
                            facts: facts.iter().map(|f| format!("{n}.{f}")).collect(),
                            difficulty: 1 + (n % 3) as u8,
                            explanation: explanation.clone(),
                            body: if *numeric {
                                Body::Numeric(NumericAnswer { min: 1.0, max: 3.0, shown: 2.5, unit: unit.clone() })
                            } else {
                                Body::Single(Choices(vec![
                                    Choice { text: choice.clone(), correct: true, fixed: true },
                                    Choice { text: format!("not {choice}"), correct: false, fixed: false },
                                ]))
                            },
                            generated: false,
                        }
                    })
                    .collect();
                let mut fact_ids: Vec<String> = questions.iter().flat_map(|q| q.facts.clone()).collect();
                fact_ids.sort();
                fact_ids.dedup();
                fact_ids.retain(|f| seen_facts.insert(f.clone()));
                Module {
                    id: format!("m{m}"),
                    title: title.clone(),
                    summary: "S".into(),
                    objectives: vec!["O".into()],
                    sections: vec![Section { id: "s".into(), title: "S".into(), text: None }],
                    facts: fact_ids
                        .into_iter()
                        .map(|id| Fact { id, section: "s".into(), text: "F".into(), source: Source::new("seed", Some("P2")), year: None, date: None, number: None, quiz: true })
                        .collect(),
                    terms: vec![],
                    events: vec![],
                    questions,
                    file: "m.toml".into(),
                }
            })
            .collect();
        let course = Course::new(course_info(&course_title), modules);
        let exported = beacon::formats::gift::to_gift(&course);
        prop_assert!(exported.left_out.is_empty());
        let back = beacon::formats::gift::import(&exported.text, "c.gift");
        prop_assert!(back.notes.is_empty(), "{:?}\n{}", back.notes, exported.text);
        let before: Vec<&Question> = course.questions().collect();
        let after: Vec<&Question> = back.course.questions().collect();
        prop_assert_eq!(before, after, "{}", exported.text);
        let module_titles = |c: &Course| c.modules.iter().map(|m| m.title.clone()).collect::<Vec<_>>();
        prop_assert_eq!(module_titles(&course), module_titles(&back.course));
    }
}

#[test]
fn a_quiz_exports_to_gift_with_the_same_questions_as_printed() {
    let out = Command::cargo_bin("beacon")
        .expect("binary")
        .arg("--course")
        .arg(course_dir())
        .args([
            "export", "course", "--format", "gift", "--count", "12", "--seed", "5",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let quiz = beacon::quiz::classroom_quiz(&shipped(), &[], 12, 5, &[]);
    let imported = beacon::formats::gift::import(&text, "quiz.gift");
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    // Every question of the quiz, those Moodle cannot show too (kept in comments, and listed
    // as left out for Moodle).
    let mut ids: Vec<&str> = imported.course.questions().map(|q| q.id.as_str()).collect();
    // A generated question is written as an authored one: `gen:` is Beacon's own prefix.
    let mut expected: Vec<String> = quiz
        .items
        .iter()
        .map(|i| match i.question.id.strip_prefix("gen:") {
            Some(rest) => format!("generated.{}", rest.replace(':', ".")),
            None => i.question.id.clone(),
        })
        .collect();
    assert!(
        quiz.items.iter().any(|i| i.question.generated),
        "the quiz has generated questions"
    );
    ids.sort_unstable();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    let left_out = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("left out:"))
        .count();
    let for_moodle_only = quiz
        .items
        .iter()
        .filter(|i| matches!(i.question.body, Body::Ordering(_) | Body::Scenario { .. }))
        .count();
    assert_eq!(left_out, for_moodle_only);
}
