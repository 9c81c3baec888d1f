//! Fuzzes the class report's readers (results CSV and xAPI statements) and its statistics: no
//! input may panic, every problem noted points inside the file, and every figure stays in its
//! range (facility 0 to 1, correlations -1 to 1, discriminative efficiency and alpha at most 1).
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use beacon_core::content::{Course, CourseFile, load_files};
use beacon_core::stats::{self, Options, Pool, Which};
use libfuzzer_sys::fuzz_target;

/// The small course the statistics tests use.
static COURSE: LazyLock<Course> = LazyLock::new(|| {
    let dir = "../tests/fixtures/stats/course/";
    let files = [
        ("course.toml", include_str!("../../tests/fixtures/stats/course/course.toml")),
        ("01-alpha.toml", include_str!("../../tests/fixtures/stats/course/01-alpha.toml")),
        ("02-beta.toml", include_str!("../../tests/fixtures/stats/course/02-beta.toml")),
    ];
    load_files(
        Path::new(dir),
        files.iter().map(|(n, t)| CourseFile::new(Path::new(dir).join(n), *t)).collect(),
    )
    .course
});

fn within(x: Option<f64>, low: f64, high: f64) -> bool {
    x.is_none_or(|x| x >= low - 1e-9 && x <= high + 1e-9)
}

fuzz_target!(|data: &[u8]| {
    let course = &*COURSE;
    let mut pool = Pool::new();
    pool.read("fuzz", data, course);
    pool.read("fuzz", data, course);
    let lines = data.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    for note in pool.notes() {
        assert!(note.line.is_none_or(|l| l >= 1 && l <= lines), "{note} in a {lines}-line file");
    }
    for which in [Which::First, Which::All] {
        let report = stats::analyse(&pool, course, &Options { which, ..Options::default() });
        for q in &report.questions {
            assert!(within(Some(q.facility), 0.0, 1.0), "facility {}", q.facility);
            assert!(within(q.discrimination, -1.0, 1.0), "discrimination {:?}", q.discrimination);
            // At most 1, with no floor: as in Moodle it is the covariance over the largest
            // covariance the scores allow, and the most negative one can be larger in size.
            assert!(within(q.efficiency, f64::MIN, 1.0), "efficiency {:?}", q.efficiency);
        }
        for t in &report.tests {
            assert!(within(t.mean, 0.0, f64::MAX), "mean {:?}", t.mean);
            assert!(t.alpha.is_none_or(|a| a <= 1.0 + 1e-9), "alpha {:?}", t.alpha);
        }
        let _ = stats::render::table(&report);
        let _ = stats::render::csv(&report);
        let _ = stats::render::json(&report);
    }
});
