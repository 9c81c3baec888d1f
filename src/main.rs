//! Beacon's entry point: parse the command line, then run a subcommand or the app. In the
//! browser (built for `wasm32-unknown-unknown` by `scripts/web`) there is no command line: the
//! app starts in the page's canvas (see `beacon::web`).
//!
//! On Windows beacon.exe is a GUI program (no console window opens on a double-click). Run from
//! a terminal, it attaches to that terminal's console, so `beacon.exe check` prints there and
//! exits with its status: one program for both, as the packages ship a single beacon.exe.
#![cfg_attr(windows, windows_subsystem = "windows")]

#[cfg(target_arch = "wasm32")]
fn main() {
    beacon::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser as _;
    use std::process::ExitCode;

    #[cfg(windows)]
    windows::start();
    let cli = beacon::cli::Cli::parse();
    match beacon::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("beacon: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
mod windows {
    //! The two Windows calls that no safe crate wraps.

    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
    };
    use windows_sys::Win32::UI::Shell::SetCurrentProcessExplicitAppUserModelID;

    /// Attaches to the parent's console when output is not already redirected, and sets the
    /// AppUserModelID the Start-menu shortcut carries, so the taskbar groups the window with it.
    pub fn start() {
        // SAFETY: both functions take no pointers we own beyond a NUL-terminated UTF-16 string
        // that lives until the call returns; failures (no parent console) are harmless.
        unsafe {
            let out = GetStdHandle(STD_OUTPUT_HANDLE);
            if out.is_null() {
                AttachConsole(ATTACH_PARENT_PROCESS);
            }
            let id: Vec<u16> = beacon::APP_ID.encode_utf16().chain(Some(0)).collect();
            SetCurrentProcessExplicitAppUserModelID(id.as_ptr());
        }
    }
}
