//! Helpers of the PDF integration tests: fixture paths, metadata, output files, external tools.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures/`.
pub(crate) fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// Where tests may write files (kept for inspection after the run).
pub(crate) fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf");
    std::fs::create_dir_all(&dir).expect("out dir");
    dir
}

/// The exchange's own PDF of the Moon Inc. return (`tests/fixtures/reference/`), which the
/// word positions of ours are compared with.
pub(crate) fn reference_pdf() -> PathBuf {
    fixture("reference/ff301-v1.2.0-2026-01-moon-inc.pdf")
}

/// Writes bytes to `out_dir()/name` and returns the path.
pub(crate) fn write_out(name: &str, bytes: &[u8]) -> PathBuf {
    let path = out_dir().join(name);
    std::fs::write(&path, bytes).expect("write output");
    path
}

/// The text of a PDF as `pdftotext ARGS FILE -` extracts it, as [`run`].
pub(crate) fn pdftotext(args: &[&str], file: &Path) -> Option<String> {
    let mut with_file: Vec<&str> = args.to_vec();
    let name = file.to_str().expect("a UTF-8 path");
    with_file.push(name);
    run("pdftotext", &with_file, Path::new("-"))
}

/// Runs a program on `file` and returns its standard output; `None` when the program is not
/// installed (a failure under CI, a notice elsewhere). A program that runs and fails fails the
/// test, with what it said.
pub(crate) fn run(program: &str, args: &[&str], file: &Path) -> Option<String> {
    let out = match Command::new(program).args(args).arg(file).output() {
        Ok(out) => out,
        Err(_) => {
            crate::support::available(program, false);
            return None;
        }
    };
    assert!(
        out.status.success(),
        "{program} {args:?} {}: {}\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}
