//! Helpers of the PDF integration tests: fixture paths, metadata, output files, external tools.

use std::path::{Path, PathBuf};
use std::process::Command;

use hkret::render::pdf::PdfMeta;

/// The repository root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures/`.
pub(crate) fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// Reads a fixture as text.
pub(crate) fn read(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).expect("fixture readable")
}

/// Where tests may write files (kept for inspection after the run).
pub(crate) fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf");
    std::fs::create_dir_all(&dir).expect("out dir");
    dir
}

/// The reference PDF of the Moon Inc. return, if the shared material is beside the repo.
pub(crate) fn reference_pdf() -> Option<PathBuf> {
    [
        root().join("../shared/reference"),
        PathBuf::from("/work/shared/reference"),
    ]
    .into_iter()
    .map(|d| d.join("ff301-v1.2.0-2026-01-moon-inc.pdf"))
    .find(|p| p.exists())
}

/// Whether an external program can be run.
pub(crate) fn have(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).output().is_ok()
}

/// Metadata of the Moon Inc. return.
pub(crate) fn moon_meta() -> PdfMeta {
    PdfMeta {
        title: "Monthly Return for Equity Issuer on Movements in Securities for the month ended 31 January 2026".into(),
        author: "Moon Inc.".into(),
        subject: Some("FF301 v1.2.0".into()),
        keywords: vec!["01723".into(), "FF301".into()],
        language: "en".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 2, 2)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("valid date"),
        source: None,
    }
}

/// Writes bytes to `out_dir()/name` and returns the path.
pub(crate) fn write_out(name: &str, bytes: &[u8]) -> PathBuf {
    let path = out_dir().join(name);
    std::fs::write(&path, bytes).expect("write output");
    path
}

/// Runs a program, returning stdout when it succeeded.
pub(crate) fn run(program: &str, args: &[&str], file: &Path) -> Option<String> {
    let out = Command::new(program).args(args).arg(file).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
