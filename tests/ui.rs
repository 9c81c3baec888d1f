//! The desktop app driven as a person uses it: find widgets by their visible label, click, type
//! and press keys, then check what is shown and what was saved.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;
#[path = "../benches/common/long_lesson.rs"]
mod long_lesson;

use beacon::content::Body;
use beacon::data::progress_file::BACKUP;
use beacon::progress::Progress;
use beacon::ui::Screen;
use common::*;
use egui::Key;
use egui_kittest::kittest::Queryable as _;

#[test]
fn first_run_lesson_quiz_results_then_progress_survives_a_restart() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    assert!(
        shown(&harness, "Welcome, Ada."),
        "the first visit is no return"
    );
    assert!(!shown(&harness, "Welcome back"));

    // Read the first module's lesson to the end.
    let course = harness.state().course().clone();
    let module = &course.modules[0];
    click(&mut harness, &format!("Start lesson: {}", module.title));
    let pages = beacon::lesson::lesson(&course, module).pages.len();
    assert!(shown(&harness, &format!("Page 1 of {pages}")));
    assert!(
        shown(&harness, "Content note"),
        "the first lesson opens with the content note"
    );
    for page in 2..=pages {
        click(&mut harness, "Next page");
        assert!(shown(&harness, &format!("Page {page} of {pages}")));
    }
    assert!(shown(&harness, "Remember"), "the last page is the recap");
    harness.state().flush();
    let p = saved(data.path());
    assert!(p.lessons[&module.id].finished);
    assert_eq!(p.lessons[&module.id].pages_read.len(), pages);

    // Take the module quiz, answering every question right.
    click(&mut harness, "Take the module quiz");
    let answered = take_quiz_right(&mut harness);
    assert_eq!(answered, 10);
    assert!(shown(&harness, "Your result"));
    assert!(shown(&harness, "10 of 10 (100%)"));
    harness.state().flush();
    let p = saved(data.path());
    assert_eq!(p.attempts.len(), 1);
    assert_eq!(p.attempts[0].percent(), 100);
    assert_eq!(p.answers.iter().filter(|a| a.attempt.is_some()).count(), 10);
    assert!(p.unfinished.is_none());
    drop(harness);

    // A new app on the same data folder shows the progress and the best score.
    let mut harness = app(data.path());
    assert!(shown(&harness, "Welcome back, Ada."), "no second welcome");
    // The lesson was paged through at once: the card says it does not count as read for
    // the final assessment (each page needs its reading time).
    assert!(shown(
        &harness,
        "Lesson paged through too quickly to count for the final assessment \u{00b7} best score 100% \u{00b7} last score 100%"
    ));
    click(&mut harness, "History");
    assert!(shown(&harness, "100% (10 of 10)"));
}

#[test]
fn every_question_kind_can_be_answered_in_the_app() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let mut kinds = std::collections::BTreeSet::new();
    for module in &course.modules {
        click(&mut harness, &format!("Take the quiz: {}", module.title));
        while let Screen::Quiz(_) = harness.state().screen() {
            let item = current_item(&harness);
            kinds.insert(item.question.body.kind());
            let mut nth = std::collections::HashMap::new();
            answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
            click(&mut harness, "Check");
            assert!(
                shown(&harness, "\u{2714} Right"),
                "{} in {}",
                item.question.id,
                module.id
            );
            let next = if harness.query_by_label("See results").is_some() {
                "See results"
            } else {
                "Next question"
            };
            click(&mut harness, next);
        }
        assert!(shown(&harness, "10 of 10 (100%)"), "module {}", module.id);
        click(&mut harness, "Back to the course map");
        if kinds.len() == 8 {
            break;
        }
    }
    // A kind the module quizzes did not draw (the draw depends on the course and the seed) is
    // asked on its own.
    for question in course.modules.iter().flat_map(|m| &m.questions) {
        if kinds.contains(&question.body.kind()) {
            continue;
        }
        harness.state_mut().apply(beacon::ui::Action::StartQuiz {
            spec: beacon::quiz::QuizSpec {
                scope: beacon::quiz::Scope::Questions(vec![question.id.clone()]),
                count: 1,
                generated: false,
            },
            title: "One question".into(),
            module: None,
        });
        harness.run();
        let item = current_item(&harness);
        kinds.insert(item.question.body.kind());
        let mut nth = std::collections::HashMap::new();
        answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
        click(&mut harness, "Check");
        assert!(shown(&harness, "\u{2714} Right"), "{}", item.question.id);
        click(&mut harness, "See results");
        click(&mut harness, "Back to the course map");
    }
    assert_eq!(kinds.len(), 8, "all eight kinds answered: {kinds:?}");
}

#[test]
fn a_quiz_left_half_way_resumes_where_it_was() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    click(&mut harness, "Quick quiz");
    for _ in 0..2 {
        let item = current_item(&harness);
        let mut nth = std::collections::HashMap::new();
        answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
        click(&mut harness, "Check");
        click(&mut harness, "Next question");
    }
    let third = current_item(&harness).question.id;
    click(&mut harness, "Leave quiz");
    assert!(shown(&harness, "Leave this quiz?"), "leaving asks first");
    click(&mut harness, "Keep going");
    assert!(shown(&harness, "Question 3 of 10"));
    click(&mut harness, "Leave quiz");
    let last = harness.get_all_by_label("Leave quiz").count() - 1;
    click_nth(&mut harness, "Leave quiz", last);
    assert!(shown(&harness, "Continue where you left off"));
    harness.state().flush();
    assert_eq!(
        saved(data.path()).answers.len(),
        2,
        "both answers were saved"
    );
    drop(harness);

    let mut harness = app(data.path());
    assert!(shown(&harness, "Resume the quiz: Quick quiz"));
    click(&mut harness, "Continue where you left off");
    assert!(shown(&harness, "Question 3 of 10"));
    assert_eq!(current_item(&harness).question.id, third);
    let rest = take_quiz_right(&mut harness);
    assert_eq!(rest, 8);
    assert!(
        shown(&harness, "10 of 10 (100%)"),
        "the two answers before leaving count"
    );
}

#[test]
fn escape_asks_before_leaving_a_quiz() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    click(&mut harness, "Quick quiz");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(shown(&harness, "Leave this quiz?"));
    click(&mut harness, "Keep going");
    assert!(!shown(&harness, "Leave this quiz?"));
    assert!(shown(&harness, "Question 1 of 10"));
}

#[test]
fn a_corrupt_progress_file_is_recovered_from_its_backup() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    click(&mut harness, "Settings");
    click(&mut harness, "Larger text");
    harness.state().flush();
    drop(harness);
    let file = progress_path(data.path());
    assert!(file.with_file_name(BACKUP).exists());
    std::fs::write(&file, b"{\"schema\": 1, \"learner\": ").expect("corrupt");

    let harness = app(data.path());
    assert!(shown(&harness, "could not be read"));
    assert!(
        shown(&harness, "Welcome back, Ada."),
        "the backup's data is there"
    );
    let damaged: Vec<_> = std::fs::read_dir(file.parent().expect("profile folder"))
        .expect("ls")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("damaged"))
        .collect();
    assert_eq!(damaged.len(), 1, "the damaged file is kept");
}

#[test]
fn a_broken_module_shows_a_banner_and_the_rest_works() {
    let data = tempfile::tempdir().expect("tmp");
    let course = tempfile::tempdir().expect("tmp");
    for entry in std::fs::read_dir(course_dir()).expect("ls") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), course.path().join(entry.file_name())).expect("copy");
    }
    let broken = course.path().join("03-palermo.toml");
    let text = std::fs::read_to_string(&broken).expect("read");
    std::fs::write(
        &broken,
        text.replacen("kind = \"single\"", "kind = \"singel\"", 1),
    )
    .expect("write");

    let mut harness = app_with(options(data.path(), course.path()));
    welcome(&mut harness, "");
    assert!(shown(&harness, "Some course files have problems"));
    assert!(shown(&harness, "03-palermo.toml, line"));
    assert!(shown(&harness, "did you mean `single`?"));
    assert_eq!(harness.state().course().modules.len(), 8);
    let first = harness.state().course().modules[0].title.clone();
    click(&mut harness, &format!("Start lesson: {first}"));
    assert!(shown(&harness, "Page 1 of"));
    click(&mut harness, "Home");
    click(&mut harness, "Dismiss");
    assert!(!shown(&harness, "Some course files have problems"));
}

#[test]
fn cue_warnings_show_as_notes_for_authors_and_never_block_the_course() {
    let data = tempfile::tempdir().expect("tmp");
    let course = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cues");
    let mut harness = app_with(options(data.path(), &course));
    welcome(&mut harness, "");
    assert!(shown(
        &harness,
        "Notes for the course's authors: 11 cue warnings"
    ));
    assert!(!shown(&harness, "Some course files have problems"));
    assert!(shown(&harness, "01-cues.toml, line"));
    assert!(shown(&harness, "the key is the strictly longest choice"));
    assert_eq!(harness.state().course().questions().count(), 13);
    click(&mut harness, "Start lesson: Cues");
    assert!(shown(&harness, "Page 1 of"), "the course works");
    click(&mut harness, "Home");
    click(&mut harness, "Dismiss");
    assert!(!shown(&harness, "Notes for the course's authors"));
}

#[test]
fn a_second_copy_on_the_same_data_folder_cannot_write() {
    let data = tempfile::tempdir().expect("tmp");
    let mut first = app(data.path());
    welcome(&mut first, "Ada");
    first.state().flush();
    let before = std::fs::read(progress_path(data.path())).expect("saved");

    let mut second = app(data.path());
    assert!(shown(&second, "already open"));
    assert!(shown(&second, "Not saving"));
    click(&mut second, "Settings");
    click(&mut second, "Larger text");
    drop(second);
    assert_eq!(
        std::fs::read(progress_path(data.path())).expect("file"),
        before,
        "the second copy changed nothing"
    );

    click(&mut first, "Settings");
    click(&mut first, "Larger text");
    first.state().flush();
    assert_eq!(
        saved(data.path()).settings.text_size,
        110,
        "the first copy still saves"
    );
}

#[test]
fn settings_are_remembered() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    click(&mut harness, "Settings");
    click(&mut harness, "Dark");
    for _ in 0..3 {
        click(&mut harness, "Larger text");
    }
    assert!(
        shown(&harness, &data.path().display().to_string()),
        "the data folder is shown"
    );
    harness.state().flush();
    drop(harness);
    let p = saved(data.path());
    assert_eq!(p.settings.text_size, 130);
    assert_eq!(p.settings.theme, beacon::progress::ThemeChoice::Dark);
    let harness = app(data.path());
    assert_eq!(harness.state().progress().settings.text_size, 130);
}

#[test]
fn reset_progress_asks_first_and_keeps_a_backup() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    let title = harness.state().course().modules[0].title.clone();
    click(&mut harness, &format!("Start lesson: {title}"));
    click(&mut harness, "Home");
    click(&mut harness, "Settings");
    click(&mut harness, "Reset progress\u{2026}");
    assert!(shown(&harness, "Reset all progress?"));
    click(&mut harness, "Cancel");
    assert!(
        !harness.state().progress().lessons.is_empty(),
        "cancel keeps everything"
    );
    click(&mut harness, "Reset progress\u{2026}");
    click(&mut harness, "Reset progress");
    assert!(harness.state().progress().lessons.is_empty());
    assert!(shown(&harness, "A backup was kept"));
    let backups: Vec<_> =
        std::fs::read_dir(progress_path(data.path()).parent().expect("profile folder"))
            .expect("ls")
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("progress-before-reset")
            })
            .collect();
    assert_eq!(backups.len(), 1);
    let backup: Progress =
        serde_json::from_slice(&std::fs::read(backups[0].path()).expect("r")).expect("json");
    assert!(
        !backup.lessons.is_empty(),
        "the backup has the old progress"
    );
}

#[test]
fn about_lists_help_lines_sources_and_shortcuts() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    click(&mut harness, "About and help");
    assert!(shown(&harness, "Where to get help"));
    assert!(shown(&harness, "call your local emergency number"));
    let course = harness.state().course().clone();
    for h in &course.info.help_lines {
        assert!(shown(&harness, &h.contact));
    }
    assert!(shown(&harness, "Content note"));
    assert!(shown(&harness, "Keyboard"));
    assert!(shown(&harness, "Pick a choice in a quiz question"));
}

#[test]
fn lesson_check_yourself_answers_in_place_and_records_it() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let module = course.module("united-nations").expect("module");
    click(&mut harness, &format!("Start lesson: {}", module.title));
    click(&mut harness, "Next page");
    let item = page_checks(&harness).remove(0);
    let id = item.question.id.clone();
    assert!(shown(&harness, "Check yourself 1"));
    let mut nth = std::collections::HashMap::new();
    answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
    let label = format!(
        "Check: {}",
        item.question.prompt.chars().take(50).collect::<String>()
    );
    click(&mut harness, &label);
    assert!(shown(&harness, "\u{2714} Right"));
    harness.state().flush();
    let p = saved(data.path());
    assert!(
        p.answers
            .iter()
            .any(|a| a.question == id && a.attempt.is_none())
    );
}

#[test]
fn key_terms_carry_their_definition() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let module = course.module("definition").expect("module");
    click(&mut harness, &format!("Start lesson: {}", module.title));
    // Find a section page whose text names one of its terms, and check the marked term.
    let term = &module.terms[0];
    for _ in 0..8 {
        let label = format!("{}: {}", term.term, term.definition);
        if harness.query_by_label(&label).is_some() {
            return;
        }
        click(&mut harness, "Next page");
    }
    panic!("the term {} was never marked in the lesson", term.term);
}

#[test]
fn progress_stays_valid_when_the_course_changes() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    click(&mut harness, "Quick quiz");
    let item = current_item(&harness);
    let mut nth = std::collections::HashMap::new();
    answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
    click(&mut harness, "Check");
    click(&mut harness, "Next question");
    click(&mut harness, "Leave quiz");
    let last = harness.get_all_by_label("Leave quiz").count() - 1;
    click_nth(&mut harness, "Leave quiz", last);
    harness.state().flush();
    drop(harness);

    // The course loses the question that was answered, and an answer to a question that never
    // existed is in the file.
    let mut p = saved(data.path());
    p.answers.push(beacon::progress::AnswerRecord {
        question: "gone.q-old".into(),
        module: "gone".into(),
        at: start(),
        outcome: beacon::quiz::Outcome::Right,
        score: 1.0,
        seconds: 3.0,
        attempt: None,
        response: None,
    });
    std::fs::write(
        progress_path(data.path()),
        serde_json::to_vec(&p).expect("json"),
    )
    .expect("write");
    let course = tempfile::tempdir().expect("tmp");
    for entry in std::fs::read_dir(course_dir()).expect("ls") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), course.path().join(entry.file_name())).expect("copy");
    }
    let unfinished = p.unfinished.clone().expect("an unfinished quiz");
    let removed = unfinished.questions[1..]
        .iter()
        .find(|id| !id.starts_with("gen:"))
        .expect("an authored question still to come")
        .clone();
    {
        // Remove a question still to come from its module file.
        let answered = removed.clone();
        for entry in std::fs::read_dir(course.path()).expect("ls") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            let marker = format!("id = \"{answered}\"");
            if let Some(at) = text.find(&marker) {
                let start = text[..at].rfind("[[questions]]").expect("header");
                let end = text[at..]
                    .find("\n[[questions]]\n")
                    .map_or(text.len(), |e| at + e + 1);
                std::fs::write(&path, format!("{}{}", &text[..start], &text[end..]))
                    .expect("write");
            }
        }
    }

    let mut harness = app_with(options(data.path(), course.path()));
    assert!(
        !shown(&harness, "Some course files have problems"),
        "the edited course is valid"
    );
    assert!(shown(&harness, "Welcome back, Ada."));
    assert_eq!(
        harness.state().progress().answers.len(),
        2,
        "old answers are kept"
    );
    click(&mut harness, "Continue where you left off");
    let remaining = take_quiz_right(&mut harness);
    assert_eq!(
        remaining, 8,
        "the rest of the quiz goes on without the removed question"
    );
    assert!(shown(&harness, "Your result"));
    assert!(shown(&harness, "9 of 9 (100%)"));
    assert!(harness.state().course().question(&removed).is_none());
    harness.state().flush();
    assert_eq!(
        saved(data.path())
            .answers
            .iter()
            .filter(|a| a.question == "gone.q-old")
            .count(),
        1
    );
}

#[test]
fn an_ordering_question_can_be_answered_by_dragging_the_items() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let mut dragged = 0;
    // An authored ordering question, asked on its own (whether a module quiz draws one depends
    // on the seed).
    let ordering = course
        .modules
        .iter()
        .flat_map(|m| &m.questions)
        .find(|q| matches!(q.body, Body::Ordering(_)))
        .expect("an ordering question");
    'modules: for _ in 0..1 {
        harness.state_mut().apply(beacon::ui::Action::StartQuiz {
            spec: beacon::quiz::QuizSpec {
                scope: beacon::quiz::Scope::Questions(vec![ordering.id.clone()]),
                count: 1,
                generated: false,
            },
            title: "One question".into(),
            module: None,
        });
        harness.run();
        while let Screen::Quiz(_) = harness.state().screen() {
            let item = current_item(&harness);
            let Body::Ordering(items) = &item.question.body else {
                click(&mut harness, "Skip");
                continue;
            };
            // Drag the item that belongs first (then second, …) onto the row where it belongs.
            while let Some(pos) = shown_order(&harness)
                .iter()
                .enumerate()
                .position(|(p, &i)| p != i)
            {
                let order = shown_order(&harness);
                let at = order.iter().position(|&i| i == pos).expect("shown");
                let row = |n: usize, i: usize| format!("{}. {}", n + 1, items[i]);
                let from = harness.get_by_label(&row(at, pos)).rect().center();
                let to = harness.get_by_label(&row(pos, order[pos])).rect().center();
                harness.hover_at(from);
                harness.run();
                harness.drag_at(from);
                harness.run();
                harness.hover_at(to);
                harness.run();
                harness.drop_at(to);
                harness.run();
                let after = shown_order(&harness);
                assert_eq!(
                    after[pos], pos,
                    "the dragged item landed where it was dropped"
                );
                assert_eq!(after.len(), order.len());
                dragged += 1;
            }
            click(&mut harness, "Check");
            assert!(shown(&harness, "\u{2714} Right"), "{}", item.question.id);
            break 'modules;
        }
        click(&mut harness, "Back to the course map");
    }
    assert!(
        dragged > 0,
        "an ordering question was found and answered by dragging"
    );
}

/// Every key point's bullet sits level with the first line of its text, on every lesson page,
/// also when that line starts with a marked term (a row of controls, taller than a line).
#[test]
fn key_point_bullets_sit_level_with_their_first_line() {
    use egui_kittest::kittest::NodeT as _;
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let (mut bullets, mut with_terms) = (0, 0);
    for module in &course.modules {
        let pages = beacon::lesson::lesson(&course, module).pages.len();
        for page in 0..pages {
            harness.state_mut().apply(beacon::ui::Action::OpenLesson {
                module: module.id.clone(),
                page: Some(page),
            });
            harness.run();
            let nodes: Vec<(String, egui::Rect)> = harness
                .root()
                .children_recursive()
                .filter_map(|n| {
                    let node = n.accesskit_node();
                    let label = node.label().or_else(|| node.value())?.trim().to_owned();
                    Some((label, n.rect()))
                })
                .collect();
            for (_, dot) in nodes.iter().filter(|(l, _)| l == "\u{2022}") {
                // The first piece of the point's text: just right of the dot, on its row.
                let Some((text, first)) = nodes
                    .iter()
                    .filter(|(l, r)| {
                        l != "\u{2022}"
                            && r.left() >= dot.right()
                            && r.left() < dot.right() + 40.0
                            && r.top() < dot.bottom() + 10.0
                            && r.bottom() > dot.top() - 10.0
                    })
                    .min_by(|a, b| {
                        let off = |r: &egui::Rect| (r.top() - dot.top()).abs() + r.left();
                        off(&a.1).total_cmp(&off(&b.1))
                    })
                else {
                    continue;
                };
                bullets += 1;
                if course.modules.iter().any(|m| {
                    m.terms
                        .iter()
                        .any(|t| text.starts_with(&format!("{}: ", t.term)))
                }) {
                    with_terms += 1;
                }
                // A wrapped label spans its lines (the dot is one line high): its first line.
                let level = if first.height() > 1.8 * dot.height() {
                    first.top() + dot.height() / 2.0
                } else {
                    first.center().y
                };
                assert!(
                    (dot.center().y - level).abs() <= 3.0,
                    "{} page {}: the bullet at y {:.1} and {text:?} at y {:.1} ({dot:?} {first:?})",
                    module.id,
                    page + 1,
                    dot.center().y,
                    level
                );
            }
        }
    }
    assert!(bullets > 10, "key points were checked: {bullets}");
    assert!(with_terms > 0, "some begin with a term: {with_terms}");
}

/// The key points shown (laid out this frame), by their number, each once (a point with a term
/// link is more than one text).
fn key_points_shown(harness: &egui_kittest::Harness<'_, beacon::app::BeaconApp>) -> Vec<usize> {
    use egui_kittest::kittest::NodeT as _;
    harness
        .root()
        .children_recursive()
        .filter_map(|n| {
            let node = n.accesskit_node();
            let label = node.label().or_else(|| node.value())?;
            let rest = label.strip_prefix("Point ")?;
            rest.split(':').next()?.parse().ok()
        })
        .collect::<std::collections::BTreeSet<usize>>()
        .into_iter()
        .collect()
}

/// A page of 300 key points lays out only those near the view after its first frame (as
/// `show_rows` would), and scrolling page by page from the top to the end meets every point, in
/// order; End shows the last.
#[test]
fn a_page_of_many_key_points_lays_out_only_those_near_the_view() {
    const N: usize = 300;
    let course = tempfile::tempdir().expect("tmp");
    long_lesson::write_long_lesson(course.path(), N, true);
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app_with(options(data.path(), course.path()));
    welcome(&mut harness, "");
    harness.state_mut().apply(beacon::ui::Action::OpenLesson {
        module: "m".into(),
        page: Some(1),
    });
    harness.run();
    let first = key_points_shown(&harness);
    assert!(
        !first.is_empty() && first.len() < N / 2,
        "{} of {N} key points laid out",
        first.len()
    );
    let mut met = std::collections::BTreeSet::new();
    for _ in 0..200 {
        let shown = key_points_shown(&harness);
        assert!(
            shown.windows(2).all(|w| w[1] == w[0] + 1),
            "the points laid out follow each other: {shown:?}"
        );
        met.extend(shown);
        if met.len() == N {
            break;
        }
        harness.key_press(Key::PageDown);
        harness.run();
    }
    assert_eq!(met.len(), N, "scrolling down met every key point");
    harness.key_press(Key::Home);
    harness.run();
    harness.key_press(Key::End);
    harness.run();
    let last = format!("Point {}:", N - 1);
    let node = harness.get_by_label_contains(&last);
    assert!(
        node.rect().bottom() <= 768.0 && node.rect().top() > 0.0,
        "End shows the last point: {:?}",
        node.rect()
    );
}
