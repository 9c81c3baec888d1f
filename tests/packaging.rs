//! Beacon as an installed desktop app: the one app id in every file that names it, the icons
//! drawn from the SVG master, the desktop entry and AppStream metainfo checked by their own
//! validators, `beacon --version`, `beacon FILE.gift`, and where eframe keeps its window state.

#![allow(clippy::expect_used, clippy::missing_panics_doc)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;
use beacon::APP_ID;
use beacon::cli::{Cli, Command as Sub};
use clap::Parser as _;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_file_that_names_the_app_uses_the_one_app_id() {
    let desktop_path = format!("assets/linux/{APP_ID}.desktop");
    let desktop = read(&desktop_path);
    assert!(desktop.contains(&format!("\nIcon={APP_ID}\n")), "{desktop}");
    assert!(
        desktop.contains(&format!("\nStartupWMClass={APP_ID}\n")),
        "{desktop}"
    );
    assert!(desktop.contains("\nMimeType=text/x-gift;\n"), "{desktop}");
    assert!(desktop.contains("\nExec=beacon %f\n"), "{desktop}");

    let meta = read(&format!("assets/linux/{APP_ID}.metainfo.xml"));
    assert!(meta.contains(&format!("<id>{APP_ID}</id>")));
    assert!(meta.contains(&format!(
        "<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"
    )));
    assert!(meta.contains("<mediatype>text/x-gift</mediatype>"));

    let mime = read(&format!("assets/linux/{APP_ID}.mime.xml"));
    assert!(mime.contains("<mime-type type=\"text/x-gift\">"));
    assert!(mime.contains("<glob pattern=\"*.gift\"/>"));

    let plist = read("assets/macos/Info.plist");
    assert!(plist.contains(&format!(
        "<key>CFBundleIdentifier</key>\n  <string>{APP_ID}</string>"
    )));
    let nsis = read("assets/windows/installer.nsi");
    assert!(nsis.contains(&format!("!define APP_ID \"{APP_ID}\"")));

    // The Debian package installs each file under the name the desktop looks for.
    let cargo = read("Cargo.toml");
    for installed in [
        "usr/share/applications/".to_owned(),
        format!("usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg"),
        format!("usr/share/icons/hicolor/48x48/apps/{APP_ID}.png"),
        format!("usr/share/mime/packages/{APP_ID}.xml"),
        format!("assets/linux/{APP_ID}.desktop"),
        format!("assets/linux/{APP_ID}.metainfo.xml"),
    ] {
        assert!(cargo.contains(&installed), "Cargo.toml lacks {installed}");
    }
}

/// Runs an outside validator if it is installed (`scripts/install-deps tests` installs both).
fn validate(tool: &str, args: &[&str]) {
    match Command::new(tool).args(args).output() {
        Ok(out) => assert!(
            out.status.success(),
            "{tool} {args:?}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::env::var_os("CI").is_none() => {
            eprintln!("{tool} is not installed: run scripts/install-deps tests");
        }
        Err(e) => panic!("{tool}: {e}"),
    }
}

#[test]
fn the_desktop_entry_passes_desktop_file_validate() {
    let path = repo(&format!("assets/linux/{APP_ID}.desktop"));
    validate(
        "desktop-file-validate",
        &[path.to_str().expect("UTF-8 path")],
    );
}

#[test]
fn the_metainfo_passes_appstreamcli_validate() {
    let path = repo(&format!("assets/linux/{APP_ID}.metainfo.xml"));
    validate(
        "appstreamcli",
        &["validate", "--no-net", path.to_str().expect("UTF-8 path")],
    );
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
    (be(16), be(20))
}

#[test]
fn the_icons_come_in_every_size_the_systems_ask_for() {
    for s in [16, 24, 32, 48, 64, 128, 256, 512] {
        let bytes = std::fs::read(repo(&format!("assets/icons/{s}x{s}.png"))).expect("icon");
        assert_eq!(png_size(&bytes), (s, s), "{s}x{s}.png");
    }
    // .ico: a directory of images; a width byte of 0 means 256.
    let ico = std::fs::read(repo("assets/icons/beacon.ico")).expect("ico");
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "ICO header");
    let count = usize::from(u16::from_le_bytes([ico[4], ico[5]]));
    let widths: Vec<u32> = (0..count)
        .map(|i| match ico[6 + 16 * i] {
            0 => 256,
            w => u32::from(w),
        })
        .collect();
    for s in [16, 32, 48, 256] {
        assert!(widths.contains(&s), "beacon.ico lacks {s}px: {widths:?}");
    }
    let icns = std::fs::read(repo("assets/icons/beacon.icns")).expect("icns");
    assert_eq!(&icns[..4], b"icns");
    assert_eq!(
        u32::from_be_bytes(icns[4..8].try_into().expect("4 bytes")) as usize,
        icns.len(),
        "icns length field"
    );
    // The window icon decodes.
    let icon = beacon::app::icon();
    assert_eq!((icon.width, icon.height), (256, 256));
}

#[test]
fn version_prints_the_program_version() {
    let out = cargo_bin_cmd!("beacon")
        .arg("--version")
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("beacon {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_file_on_the_command_line_is_opened_and_subcommands_still_work() {
    let cli = Cli::try_parse_from(["beacon", "/tmp/class quiz.gift"]).expect("parses");
    assert_eq!(cli.open, Some(PathBuf::from("/tmp/class quiz.gift")));
    assert!(cli.command.is_none());
    let cli = Cli::try_parse_from(["beacon", "check"]).expect("parses");
    assert!(matches!(cli.command, Some(Sub::Check { dir: None })));
    assert!(cli.open.is_none());
    let cli =
        Cli::try_parse_from(["beacon", "--data-dir", "/media/usb", "a.gift"]).expect("parses");
    assert_eq!(cli.open, Some(PathBuf::from("a.gift")));
    // Global options still go before a subcommand.
    let cli = Cli::try_parse_from(["beacon", "--data-dir", "/media/usb", "check"]).expect("parses");
    assert!(matches!(cli.command, Some(Sub::Check { dir: None })));
    assert_eq!(cli.data_dir, Some(PathBuf::from("/media/usb")));
}

#[test]
fn opening_a_gift_file_adds_it_and_opens_it_in_the_app() {
    let data = tempfile::tempdir().expect("tmp");
    let src = tempfile::tempdir().expect("tmp");
    let file = src.path().join("week 3.gift");
    std::fs::write(
        &file,
        "::Q1:: The sky is blue {T}\n\n::Q2:: Two and two {#4}\n",
    )
    .expect("write");
    let mut harness = common::app(data.path());
    common::welcome(&mut harness, "Ada");
    harness.state_mut().open_file(&file);
    harness.run();
    assert_eq!(harness.state().course_key(), "week 3.gift");
    assert_eq!(harness.state().course().questions().count(), 2);
    assert!(data.path().join("courses/week 3.gift").exists());
    assert!(
        common::shown(&harness, "Added \"week 3\""),
        "the notice names the course"
    );
}

#[test]
fn a_gift_file_opened_before_the_first_profile_waits_in_the_course_list() {
    let data = tempfile::tempdir().expect("tmp");
    let src = tempfile::tempdir().expect("tmp");
    let file = src.path().join("extra.gift");
    std::fs::write(&file, "Extra? {T}\n").expect("write");
    let mut harness = common::app(data.path());
    harness.state_mut().open_file(&file);
    harness.run();
    assert_eq!(harness.state().course_key(), "shipped");
    assert!(
        harness
            .state()
            .shelf()
            .iter()
            .any(|e| e.key == "extra.gift")
    );
    // A file that is not there changes nothing and says so.
    harness
        .state_mut()
        .open_file(&src.path().join("missing.gift"));
    harness.run();
    assert!(common::shown(&harness, "The course could not be added"));
}

#[test]
fn eframe_keeps_its_window_state_outside_the_learners_data() {
    let usb = Path::new("/media/usb/beacon");
    assert_eq!(
        beacon::app::window_state_file(Some(usb)),
        Some(usb.join("window.ron")),
        "follows --data-dir"
    );
    let default_data = beacon::storage::data_dir(None);
    let state = beacon::app::window_state_file(None).expect("a settings folder");
    assert!(
        !state.starts_with(&default_data),
        "{} is inside the data folder {}",
        state.display(),
        default_data.display()
    );
}

#[test]
fn the_about_screen_shows_the_program_and_course_versions() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = common::app(data.path());
    common::welcome(&mut harness, "Ada");
    common::click(&mut harness, "About and help");
    let course = harness.state().course().info.version.clone();
    assert!(!course.is_empty());
    assert!(common::shown(
        &harness,
        &format!(
            "Course version {course} \u{00b7} Beacon {}",
            env!("CARGO_PKG_VERSION")
        )
    ));
}
