//! SCORM: the manifests validate against ADL's own schemas (fetched by `scripts/scorm-schemas`
//! from a registry package, read by libxml2's `xmllint`), and the compact `suspend_data` keeps
//! what a learner who has done everything needs within SCORM 1.2's 4,096 characters.
#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly
#![allow(
    clippy::cast_possible_wrap,
    clippy::format_collect,
    clippy::assigning_clones,
    reason = "test data: small counts and a few strings"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use beacon::content::Course;
use beacon::formats::scorm::suspend::{self, Ids, SuspendError};
use beacon::formats::scorm::{Version, manifest};
use beacon::progress::{
    AnswerRecord, AttemptRecord, LessonProgress, Place, Progress, QuizInfo, Rating, Scheduler,
    UnfinishedQuiz,
};
use beacon::quiz::{Outcome, QuizSpec, Response, Scope, Slot};
use chrono::{DateTime, Duration, Utc};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn course() -> Course {
    beacon::shipped::load().course
}

/// The folder of ADL's schema files, fetched on first use (once per test process; the script
/// itself also takes a lock, for other test processes).
fn schemas() -> PathBuf {
    static FOLDER: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    FOLDER.get_or_init(fetch_schemas).clone()
}

fn fetch_schemas() -> PathBuf {
    let out = Command::new(root().join("scripts/scorm-schemas"))
        .output()
        .expect("scripts/scorm-schemas runs (needs npm)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    root().join(String::from_utf8(out.stdout).expect("a path").trim())
}

/// Validates `xml` with xmllint against a schema importing each namespace of `version` from
/// ADL's files; returns xmllint's verdict and what it said.
fn validate(version: Version, xml: &str) -> (bool, String) {
    let folder = schemas().join(match version {
        Version::Scorm12 => "scorm12edition",
        Version::Scorm2004 => "scorm20044thedition",
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let imports: String = manifest::schemas(version)
        .iter()
        .map(|(ns, file)| {
            format!(
                r#"<xs:import namespace="{ns}" schemaLocation="{}"/>"#,
                folder.join(file).display()
            )
        })
        .collect();
    let driver = dir.path().join("all.xsd");
    std::fs::write(
        &driver,
        format!(r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>"#),
    )
    .expect("write");
    let file = dir.path().join(manifest::FILE);
    std::fs::write(&file, xml).expect("write");
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&driver)
        .arg(&file)
        .output()
        .expect("xmllint runs (scripts/install-deps tests installs libxml2-utils)");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn package_files() -> Vec<String> {
    [
        "index.html",
        "beacon.js",
        "beacon_bg.wasm",
        "course/course.toml",
    ]
    .map(str::to_owned)
    .to_vec()
}

#[test]
fn manifests_validate_against_the_adl_schemas_of_both_versions() {
    let course = course();
    for version in Version::ALL {
        let xml = manifest::manifest(version, &course.info, &package_files());
        let (valid, said) = validate(version, &xml);
        assert!(valid, "{version}: {said}\n{xml}");
        assert!(said.contains("validates"), "{said}");
    }
}

#[test]
fn the_validator_refuses_a_manifest_that_breaks_the_schema() {
    let course = course();
    let xml = manifest::manifest(Version::Scorm2004, &course.info, &package_files());
    let broken = xml
        .replace("<schemaversion>", "<version>")
        .replace("</schemaversion>", "</version>");
    let (valid, said) = validate(Version::Scorm2004, &broken);
    assert!(!valid, "a misnamed element must fail: {said}");
    let xml = manifest::manifest(Version::Scorm12, &course.info, &package_files());
    // (SCORM 1.2's schema types the mastery score as any short string, so a misspelt element
    // is what it refuses.)
    assert!(xml.contains("<organizations"), "{xml}");
    let broken = xml
        .replace("<organizations", "<organisations")
        .replace("</organizations>", "</organisations>");
    let (valid, said) = validate(Version::Scorm12, &broken);
    assert!(!valid, "a misspelt element must fail: {said}");
}

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-05T08:00:00Z")
        .expect("time")
        .with_timezone(&Utc)
}

fn quiz_info(id: u64, module: Option<&str>, at: DateTime<Utc>, assessment: bool) -> QuizInfo {
    QuizInfo {
        id,
        spec: QuizSpec {
            scope: module.map_or(Scope::Course, |m| Scope::Modules(vec![m.to_owned()])),
            count: if assessment { 20 } else { 10 },
            generated: !assessment,
        },
        seed: 0x9e37_79b9_7f4a_7c15 ^ id,
        title: module.map_or_else(|| "Final assessment".to_owned(), |m| format!("Module {m}")),
        module: module.map(str::to_owned),
        started: at,
        review: false,
        assessment,
    }
}

/// A learner who has done everything over a year: every lesson read, every module's quiz three
/// times, 300 days of reviews, the final assessment failed then passed, every fact reviewed
/// many times, 100,000 answers, and a quiz left half way.
fn everything(course: &Course) -> Progress {
    let mut p = Progress::default();
    p.learner.name = "Amina Okafor-Lindqvist".to_owned();
    p.learner.welcomed = true;
    p.settings.text_size = 150;
    let questions: Vec<(&str, &str)> = course
        .modules
        .iter()
        .flat_map(|m| {
            m.questions
                .iter()
                .map(move |q| (q.id.as_str(), m.id.as_str()))
        })
        .collect();
    let mut id = 0;
    for (mi, m) in course.modules.iter().enumerate() {
        let pages = m.sections.len();
        p.lessons.insert(
            m.id.clone(),
            LessonProgress {
                page: pages.saturating_sub(1),
                pages_read: (0..pages).collect(),
                finished: true,
                finished_at: Some(t0() + Duration::days(mi as i64)),
                read_at: Some(t0() + Duration::days(mi as i64) + Duration::minutes(5)),
                ..LessonProgress::default()
            },
        );
        for k in 0..3 {
            id += 1;
            let at = t0() + Duration::days(10 + 7 * k + mi as i64);
            let ids: Vec<String> = m.questions.iter().take(10).map(|q| q.id.clone()).collect();
            p.attempts.push(AttemptRecord {
                info: quiz_info(id, Some(&m.id), at, false),
                finished: at + Duration::minutes(9),
                score: 6.5 + k as f64,
                max: 10,
                seconds: 512.3,
                missed: ids.iter().take(3 - k as usize).cloned().collect(),
                questions: ids,
                passed: None,
            });
        }
    }
    for day in 0..300 {
        id += 1;
        let at = t0() + Duration::days(40 + day);
        let mut info = quiz_info(id, None, at, false);
        info.review = true;
        info.title = "Review".to_owned();
        p.attempts.push(AttemptRecord {
            info,
            finished: at + Duration::minutes(4),
            score: 8.0,
            max: 10,
            seconds: 200.0,
            questions: questions
                .iter()
                .take(10)
                .map(|(q, _)| (*q).to_owned())
                .collect(),
            missed: vec![questions[day as usize % questions.len()].0.to_owned()],
            passed: None,
        });
    }
    for (k, passed) in [(0, false), (1, true)] {
        id += 1;
        let at = t0() + Duration::days(350 + k);
        p.attempts.push(AttemptRecord {
            info: quiz_info(id, None, at, true),
            finished: at + Duration::minutes(25),
            score: if passed { 17.5 } else { 12.0 },
            max: 20,
            seconds: 1490.0,
            questions: questions
                .iter()
                .take(20)
                .map(|(q, _)| (*q).to_owned())
                .collect(),
            missed: questions
                .iter()
                .take(3)
                .map(|(q, _)| (*q).to_owned())
                .collect(),
            passed: Some(passed),
        });
    }
    let scheduler = Scheduler::new(0.9);
    for (n, m) in course.modules.iter().flat_map(|m| &m.facts).enumerate() {
        let mut memory = None;
        for r in 0..(3 + n % 9) {
            let rating = [Rating::Good, Rating::Again, Rating::Easy, Rating::Hard][(n + r) % 4];
            let at =
                t0() + Duration::days((r * 31 + n % 17) as i64) + Duration::seconds(n as i64 * 37);
            memory = Some(scheduler.review(memory.as_ref(), rating, at));
        }
        let mut memory = memory.expect("reviewed");
        memory.last_question = course
            .modules
            .iter()
            .flat_map(|m| &m.questions)
            .find(|q| q.facts.contains(&m.id))
            .map(|q| q.id.clone());
        p.memory.insert(m.id.clone(), memory);
    }
    for n in 0..100_000usize {
        let (q, module) = questions[n * 7919 % questions.len()];
        let outcome = [
            Outcome::Right,
            Outcome::Right,
            Outcome::Wrong,
            Outcome::PartlyRight,
        ][n % 4];
        p.answers.push(AnswerRecord {
            question: q.to_owned(),
            module: module.to_owned(),
            at: t0() + Duration::seconds(n as i64 * 311),
            outcome,
            score: match outcome {
                Outcome::Right => 1.0,
                Outcome::PartlyRight => 0.5,
                _ => 0.0,
            },
            seconds: 4.0 + (n % 50) as f64 / 10.0,
            attempt: Some(1 + (n % 300) as u64),
            response: Some(Response::Choice(n % 4)),
        });
    }
    id += 1;
    let started = t0() + Duration::days(360);
    let unfinished_ids: Vec<String> = questions
        .iter()
        .take(10)
        .map(|(q, _)| (*q).to_owned())
        .collect();
    p.unfinished = Some(UnfinishedQuiz {
        info: quiz_info(id, Some(&course.modules[0].id), started, false),
        slots: (0..10)
            .map(|i| match i {
                0 => Slot::Answered {
                    response: Response::Text("Palermo".to_owned()),
                    score: 1.0,
                    seconds: 12.5,
                },
                1 => Slot::Skipped,
                2 => Slot::Answered {
                    response: Response::Ordering(vec![2, 0, 1]),
                    score: 0.5,
                    seconds: 30.0,
                },
                _ => Slot::Open,
            })
            .collect(),
        questions: unfinished_ids,
        current: 3,
    });
    p.last_place = Some(Place::Lesson {
        module: course.modules[2].id.clone(),
        page: 1,
    });
    p
}

#[test]
fn a_learner_who_has_done_everything_fits_scorm_1_2() {
    let course = course();
    let ids = Ids::of(&course);
    let p = everything(&course);
    let encoded = suspend::encode(&p, &ids, Version::Scorm12.suspend_data_limit()).expect("fits");
    assert!(encoded.text.len() <= 4096, "{}", encoded.text.len());
    assert!(
        encoded
            .text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    );
    let back = suspend::decode(&encoded.text, &ids).expect("decodes");
    assert!(!back.course_changed);
    let q = &back.progress;
    assert_eq!(q.learner, p.learner);
    assert_eq!(q.settings, p.settings);
    assert_eq!(q.lessons, p.lessons, "every lesson with every page read");
    assert_eq!(q.last_place, p.last_place);
    assert_eq!(
        q.unfinished, p.unfinished,
        "the quiz left half way resumes as it was"
    );
    // Every fact's memory, to the minute and the thousandth.
    assert_eq!(
        q.memory.len(),
        course.modules.iter().map(|m| m.facts.len()).sum::<usize>()
    );
    for (fact, m) in &p.memory {
        let r = &q.memory[fact];
        assert!((r.stability - m.stability).abs() <= 0.0005, "{fact}");
        assert!((r.difficulty - m.difficulty).abs() <= 0.0005, "{fact}");
        assert_eq!(
            r.last_review.timestamp() / 60,
            m.last_review.timestamp() / 60,
            "{fact}"
        );
        assert_eq!(
            (r.due - r.last_review).num_days(),
            (m.due - m.last_review).num_days()
        );
        assert_eq!(
            (r.reviews, r.lapses, &r.last_question),
            (m.reviews, m.lapses, &m.last_question)
        );
    }
    // Both final assessments and each module's best and last quiz, with what was missed.
    let finals: Vec<&AttemptRecord> = q.attempts.iter().filter(|a| a.info.assessment).collect();
    assert_eq!(finals.len(), 2);
    assert_eq!(finals[1].passed, Some(true));
    assert!((finals[1].score - 17.5).abs() < 1e-9);
    for m in &course.modules {
        assert_eq!(q.best_percent(&m.id), p.best_percent(&m.id), "{}", m.id);
        assert_eq!(q.last_percent(&m.id), p.last_percent(&m.id), "{}", m.id);
    }
    let kept = q
        .attempts
        .iter()
        .find(|a| a.info.id == 3)
        .expect("module 1's best and last");
    let original = p
        .attempts
        .iter()
        .find(|a| a.info.id == 3)
        .expect("attempt 3");
    assert_eq!(
        (&kept.missed, kept.info.seed, &kept.info.spec),
        (&original.missed, original.info.seed, &original.info.spec)
    );
    // History fills what is left, newest first, and says what was left out.
    assert_eq!(
        q.attempts.len() + encoded.attempts_left_out,
        p.attempts.len()
    );
    assert_eq!(q.answers.len() + encoded.answers_left_out, p.answers.len());
    if let Some(last) = q.answers.last() {
        assert_eq!(last.question, p.answers[p.answers.len() - 1].question);
    }
}

#[test]
fn scorm_2004_keeps_more_history_in_its_larger_limit() {
    let course = course();
    let ids = Ids::of(&course);
    let p = everything(&course);
    let small = suspend::encode(&p, &ids, Version::Scorm12.suspend_data_limit()).expect("fits");
    let large = suspend::encode(&p, &ids, Version::Scorm2004.suspend_data_limit()).expect("fits");
    assert!(large.text.len() <= 64_000, "{}", large.text.len());
    assert_eq!(
        large.attempts_left_out, 0,
        "every attempt fits in 64,000 characters"
    );
    assert!(large.answers_left_out < small.answers_left_out);
    let back = suspend::decode(&large.text, &ids)
        .expect("decodes")
        .progress;
    let kept = p.answers.len() - large.answers_left_out;
    assert_eq!(back.answers.len(), kept);
    for (got, want) in back
        .answers
        .iter()
        .zip(&p.answers[p.answers.len() - kept..])
    {
        assert_eq!(
            (
                &got.question,
                &got.module,
                got.outcome,
                got.attempt,
                &got.response
            ),
            (
                &want.question,
                &want.module,
                want.outcome,
                want.attempt,
                &want.response
            )
        );
        assert_eq!(got.at.timestamp() / 60, want.at.timestamp() / 60);
    }
}

#[test]
fn a_small_history_round_trips_whole() {
    let course = course();
    let ids = Ids::of(&course);
    let mut p = everything(&course);
    p.answers.truncate(40);
    p.answers.push(AnswerRecord {
        question: "gen:year:not-in-this-course".to_owned(),
        module: "gone-module".to_owned(),
        at: t0(),
        outcome: Outcome::Skipped,
        score: 0.0,
        seconds: 3.0,
        attempt: None,
        response: None,
    });
    p.attempts.truncate(30);
    let encoded = suspend::encode(&p, &ids, 64_000).expect("fits");
    assert_eq!(
        (encoded.attempts_left_out, encoded.answers_left_out),
        (0, 0)
    );
    let back = suspend::decode(&encoded.text, &ids)
        .expect("decodes")
        .progress;
    assert_eq!(
        back.answers.len(),
        41,
        "answers to questions the course lacks keep their ids"
    );
    assert_eq!(back.answers[40].question, "gen:year:not-in-this-course");
    for (got, want) in back.attempts.iter().zip(&p.attempts) {
        assert_eq!(got.questions, want.questions);
        assert_eq!(got.info, want.info);
    }
}

#[test]
fn progress_from_another_course_keeps_what_does_not_depend_on_it() {
    let course = course();
    let p = everything(&course);
    let encoded = suspend::encode(&p, &Ids::of(&course), 4096).expect("fits");
    let mut other = course.clone();
    other.modules.truncate(3);
    let other = Course::new(other.info.clone(), other.modules);
    let back = suspend::decode(&encoded.text, &Ids::of(&other)).expect("decodes");
    assert!(back.course_changed);
    assert_eq!(back.progress.lessons, p.lessons);
    assert!(back.progress.memory.is_empty() && back.progress.unfinished.is_none());
}

#[test]
fn texts_that_are_not_beacons_are_refused_clearly() {
    let ids = Ids::of(&course());
    assert_eq!(suspend::decode("", &ids), Err(SuspendError::NotBeacon));
    assert_eq!(
        suspend::decode("lesson=3;score=80", &ids),
        Err(SuspendError::NotBeacon)
    );
    assert!(matches!(
        suspend::decode("B1!!!", &ids),
        Err(SuspendError::Damaged(_))
    ));
    assert!(matches!(
        suspend::decode("B1AAAA", &ids),
        Err(SuspendError::Damaged(_))
    ));
    let p = Progress::default();
    let err = suspend::encode(&p, &ids, 3).unwrap_err();
    assert!(
        matches!(err, SuspendError::TooLarge { limit: 3, .. }),
        "{err}"
    );
}

/// A stand-in for the browser build (`scripts/web` writes the real one): the three files a
/// package carries, so this test needs no wasm toolchain.
fn fake_web_build(dir: &Path) {
    std::fs::create_dir_all(dir).expect("dir");
    std::fs::write(
        dir.join("index.html"),
        "<!DOCTYPE html>\n<html><head><title>Beacon</title>\n</head><body></body></html>\n",
    )
    .expect("write");
    std::fs::write(dir.join("beacon.js"), "export default function init() {}\n").expect("write");
    std::fs::write(dir.join("beacon_bg.wasm"), b"\0asm\x01\0\0\0").expect("write");
}

fn beacon() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("beacon").expect("binary is built")
}

/// The files of a zip and their bytes, read with the zip crate.
fn unzip(bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut out = Vec::new();
            f.read_to_end(&mut out).expect("read");
            (f.name().expect("a name").into_owned(), out)
        })
        .collect()
}

#[test]
fn beacon_export_scorm_writes_a_package_whose_manifest_validates_for_both_versions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let web = dir.path().join("web");
    fake_web_build(&web);
    for version in Version::ALL {
        for course in [None, Some(root().join("tests/fixtures/scorm-course"))] {
            let zip = dir.path().join(format!("beacon-{}.zip", version.label()));
            let mut cmd = beacon();
            cmd.args(["export", "scorm", "--version", version.label(), "--web"])
                .arg(&web)
                .arg("-o")
                .arg(&zip);
            if let Some(c) = &course {
                cmd.arg("--course").arg(c);
            }
            let out = cmd.assert().success();
            let said = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
            assert!(said.contains(&version.to_string()), "{said}");
            let files = unzip(std::fs::read(&zip).expect("zip written"));
            let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(
                names[0],
                manifest::FILE,
                "the manifest comes first: {names:?}"
            );
            for needed in ["index.html", "beacon.js", "beacon_bg.wasm"] {
                assert!(names.contains(&needed), "{version}: {needed} in {names:?}");
            }
            let text = |name: &str| {
                let (_, bytes) = files.iter().find(|(n, _)| n == name).expect(name);
                String::from_utf8(bytes.clone()).expect("text")
            };
            let xml = text(manifest::FILE);
            let (valid, said) = validate(version, &xml);
            assert!(valid, "{version}: {said}\n{xml}");
            for name in &names[1..] {
                assert!(
                    xml.contains(&format!(r#"<file href="{name}"/>"#)),
                    "{name}: {xml}"
                );
            }
            let page = text("index.html");
            assert!(
                page.contains(&format!(
                    r#"<meta name="beacon-scorm" content="{}">"#,
                    version.label()
                )),
                "{page}"
            );
            match course {
                None => {
                    assert!(xml.contains(&course_title()), "{xml}");
                    assert!(!page.contains("beacon-course"), "{page}");
                    assert!(!names.iter().any(|n| n.starts_with("course/")), "{names:?}");
                }
                Some(_) => {
                    assert!(xml.contains("<title>SCORM test course</title>"), "{xml}");
                    assert!(
                        page.contains(
                            r#"<meta name="beacon-course" content="01-basics.toml course.toml">"#
                        ),
                        "{page}"
                    );
                    assert!(names.contains(&"course/course.toml"), "{names:?}");
                    assert!(names.contains(&"course/01-basics.toml"), "{names:?}");
                    let pass = match version {
                        Version::Scorm12 => "<adlcp:masteryscore>50</adlcp:masteryscore>",
                        Version::Scorm2004 => {
                            "<imsss:minNormalizedMeasure>0.5</imsss:minNormalizedMeasure>"
                        }
                    };
                    assert!(xml.contains(pass), "the course's pass mark: {xml}");
                }
            }
        }
    }
}

fn course_title() -> String {
    format!("<title>{}</title>", course().info.title)
}

#[test]
fn beacon_export_scorm_says_what_to_run_when_the_browser_build_is_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let zip = dir.path().join("out.zip");
    beacon()
        .args(["export", "scorm", "--web"])
        .arg(dir.path().join("nothing"))
        .arg("-o")
        .arg(&zip)
        .assert()
        .failure()
        .stderr(predicates::str::contains("the browser build is missing"))
        .stderr(predicates::str::contains("scripts/web"));
    assert!(!zip.exists(), "no package without the build");
    let web = dir.path().join("web");
    fake_web_build(&web);
    beacon()
        .args(["export", "scorm", "--version", "3", "--web"])
        .arg(&web)
        .arg("-o")
        .arg(&zip)
        .assert()
        .failure()
        .stderr(predicates::str::contains("use 1.2 or 2004"));
    beacon()
        .args(["export", "scorm", "--web"])
        .arg(&web)
        .arg("-o")
        .arg(&zip)
        .arg("--course")
        .arg(root().join("tests/fixtures/broken/syntax"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("has problems"));
    assert!(!zip.exists(), "no package of a broken course");
}

/// Clicks `label` and lets frames run until the package made in the background is saved (or
/// refused): the notice then no longer says it is being made.
fn save_package(harness: &mut egui_kittest::Harness<'_, beacon::app::BeaconApp>, label: &str) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    // Frame by frame: the background work asks for frames of its own when it is done.
    harness.step();
    for _ in 0..500 {
        harness.step();
        if !common::shown(harness, "Making the LMS package") {
            harness.step();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the package was still being made after 10 s");
}

/// What the Classroom screen's SCORM package holds, by path.
fn saved_package(data: &Path) -> (String, Vec<(String, Vec<u8>)>) {
    let folder = data.join("exports");
    let zips: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert_eq!(
        zips.len(),
        1,
        "one package in {}: {zips:?}",
        folder.display()
    );
    let name = zips[0]
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let files = unzip(std::fs::read(&zips[0]).expect("read"));
    std::fs::remove_file(&zips[0]).expect("remove");
    (name, files)
}

#[test]
fn the_classroom_screen_saves_a_scorm_package_of_the_open_course() {
    use common::{click, shown, welcome};
    let data = tempfile::tempdir().expect("temp dir");
    let web = data.path().join("web");
    fake_web_build(&web);
    // As the packages ship it: the .wasm brotli-compressed (a file made with node's zlib).
    std::fs::remove_file(web.join("beacon_bg.wasm")).expect("remove");
    std::fs::copy(
        root().join("tests/data/tiny.wasm.br"),
        web.join("beacon_bg.wasm.br"),
    )
    .expect("copy");

    // Started on a course folder, as a course author does: the package carries its files.
    let mut harness = common::app(data.path());
    welcome(&mut harness, "Ada");
    harness
        .state_mut()
        .set_web_build(Some(data.path().join("nothing")));
    click(&mut harness, "Classroom");
    click(&mut harness, "SCORM 1.2 (for an LMS without 2004)");
    save_package(&mut harness, "Save the SCORM package in the data folder");
    assert!(
        shown(&harness, "the browser build is missing"),
        "the notice says what is missing"
    );
    assert!(!data.path().join("exports").exists(), "nothing was saved");

    harness.state_mut().set_web_build(Some(web.clone()));
    save_package(&mut harness, "Save the SCORM package in the data folder");
    let (name, files) = saved_package(data.path());
    let course = harness.state().course().clone();
    assert!(name.ends_with("-scorm-1.2.zip"), "{name}");
    let text = |name: &str| {
        let (_, bytes) = files.iter().find(|(n, _)| n == name).expect(name);
        String::from_utf8(bytes.clone()).expect("text")
    };
    let xml = text(manifest::FILE);
    let (valid, said) = validate(Version::Scorm12, &xml);
    assert!(valid, "{said}\n{xml}");
    assert!(
        xml.contains(&format!("<title>{}</title>", course.info.title)),
        "{xml}"
    );
    let (_, wasm) = files
        .iter()
        .find(|(n, _)| n == "beacon_bg.wasm")
        .expect("the .wasm, uncompressed");
    assert_eq!(wasm, b"\0asm and more bytes of a tiny module\n");
    let ext = |n: &str, e: &str| Path::new(n).extension().is_some_and(|x| x == e);
    assert!(!files.iter().any(|(n, _)| ext(n, "br")));
    let mut wanted: Vec<String> = std::fs::read_dir(common::course_dir())
        .expect("course")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| ext(n, "toml"))
        .collect();
    wanted.sort();
    assert_course_files(&files, &common::course_dir(), &wanted);
    let page = text("index.html");
    assert!(
        page.contains(r#"<meta name="beacon-scorm" content="1.2">"#),
        "{page}"
    );
    assert!(page.contains(&wanted.join(" ")), "{page}");

    // The course built into the program: the .wasm has it, so no course files; 2004 this time.
    let data = tempfile::tempdir().expect("temp dir");
    let mut options = common::options(data.path(), &common::course_dir());
    options.course_dir = None;
    let mut harness = common::app_with(options);
    welcome(&mut harness, "Ada");
    harness.state_mut().set_web_build(Some(web));
    click(&mut harness, "Classroom");
    save_package(&mut harness, "Save the SCORM package in the data folder");
    assert!(
        shown(&harness, "Saved in the data folder"),
        "the notice says where"
    );
    let (name, files) = saved_package(data.path());
    assert!(name.ends_with("-scorm-2004.zip"), "{name}");
    let xml = text_of(&files, manifest::FILE);
    let (valid, said) = validate(Version::Scorm2004, &xml);
    assert!(valid, "{said}\n{xml}");
    assert!(xml.contains(&course_title()), "{xml}");
    assert!(!files.iter().any(|(n, _)| n.starts_with("course/")));
    assert!(!text_of(&files, "index.html").contains("beacon-course"));
}

/// Checks that the package holds each of `names` under `course/`, as it is in `folder`.
fn assert_course_files(files: &[(String, Vec<u8>)], folder: &Path, names: &[impl AsRef<str>]) {
    for name in names {
        let name = name.as_ref();
        let (_, bytes) = files
            .iter()
            .find(|(p, _)| *p == format!("course/{name}"))
            .unwrap_or_else(|| panic!("course/{name} in the package"));
        let want = std::fs::read(folder.join(name)).expect("read");
        assert_eq!(bytes, &want, "{name}");
    }
}

fn text_of(files: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = files.iter().find(|(n, _)| n == name).expect(name);
    String::from_utf8(bytes.clone()).expect("text")
}

#[test]
fn an_added_course_goes_into_the_package_as_the_data_folder_keeps_it() {
    use common::{click, welcome};
    use egui_kittest::kittest::Queryable as _;
    let data = tempfile::tempdir().expect("temp dir");
    let web = data.path().join("web");
    fake_web_build(&web);
    let src = tempfile::tempdir().expect("temp dir");
    // A name with a space and a `#`, as a teacher's file may have.
    let gift = src.path().join("extra quiz #1.gift");
    let text = "::q1::The Palermo Protocol was adopted in 2000.{T}\n\n::q2::Which office is its guardian?{=UNODC ~UNICEF ~WHO}\n";
    std::fs::write(&gift, text).expect("write");
    let folder = root().join("tests/fixtures/scorm-course");

    let mut harness = common::app(data.path());
    welcome(&mut harness, "Ada");
    harness.state_mut().set_web_build(Some(web));
    harness.state_mut().add_course_from(&gift);
    harness.state_mut().add_course_from(&folder);
    harness.run();

    // Opens an added course (past its welcome) and goes to the Classroom screen.
    let open = |harness: &mut egui_kittest::Harness<'_, beacon::app::BeaconApp>,
                title: &str,
                key: &str| {
        click(harness, "Home");
        click(harness, &format!("Open the course {title}"));
        assert_eq!(harness.state().course_key(), key);
        if harness.query_by_label("Start learning").is_some() {
            click(harness, "Start learning");
        }
        click(harness, "Classroom");
    };

    // A GIFT file: the one file, which the page reads as GIFT.
    open(&mut harness, "extra quiz #1", "extra quiz #1.gift");
    save_package(&mut harness, "Save the SCORM package in the data folder");
    let (_, files) = saved_package(data.path());
    let course: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(n, _)| n.starts_with("course/"))
        .collect();
    assert_eq!(
        course.len(),
        1,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(course[0].0, "course/extra quiz #1.gift");
    assert_eq!(course[0].1, text.as_bytes());
    assert!(
        text_of(&files, "index.html")
            .contains(r#"<meta name="beacon-course" content="extra%20quiz%20%231.gift">"#)
    );
    let xml = text_of(&files, manifest::FILE);
    assert!(
        xml.contains(r#"href="course/extra%20quiz%20%231.gift""#),
        "{xml}"
    );
    let (valid, said) = validate(Version::Scorm2004, &xml);
    assert!(valid, "{said}");

    // A folder: its files, under the names the folder gives them.
    open(&mut harness, "SCORM test course", "scorm-course");
    click(&mut harness, "SCORM 1.2 (for an LMS without 2004)");
    save_package(&mut harness, "Save the SCORM package in the data folder");
    let (name, files) = saved_package(data.path());
    assert!(name.starts_with("scorm-test-course-scorm-1.2"), "{name}");
    assert_course_files(&files, &folder, &["course.toml", "01-basics.toml"]);
    assert!(text_of(&files, "index.html").contains(r#"content="01-basics.toml course.toml""#));
    let (valid, said) = validate(Version::Scorm12, &text_of(&files, manifest::FILE));
    assert!(valid, "{said}");
}
