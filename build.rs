//! Windows builds only: gives beacon.exe its icon and version resources (the version, product
//! and file names that Explorer's Properties and the taskbar show). Cross-compiling from Linux
//! uses mingw's `x86_64-w64-mingw32-windres`. Other targets need nothing here.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/beacon.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icons/beacon.ico")
        .set("ProductName", "Beacon")
        .set(
            "FileDescription",
            "Beacon: learn how the UN and its partners fight human trafficking",
        )
        .set("InternalName", "beacon")
        .set("OriginalFilename", "beacon.exe")
        .set("CompanyName", "The Beacon team")
        .set("LegalCopyright", "MIT OR Apache-2.0");
    if let Err(e) = res.compile_for("beacon") {
        // A missing resource compiler must stop the build: a Windows build without its icon
        // and version would look broken to the people installing it.
        println!("cargo:warning=windows resources: {e}");
        std::process::exit(1);
    }
}
