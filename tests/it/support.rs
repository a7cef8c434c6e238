//! Shared helpers: paths, the pipeline in-process, the binary as a command, blessing.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hkret::input::Source;
use hkret::render::render_text;
use hkret::render::templates::Templates;
use hkret::validate::build;

/// The repository root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether expected files are to be rewritten (`HKRET_BLESS=1`).
pub(crate) fn blessing() -> bool {
    std::env::var_os("HKRET_BLESS").is_some_and(|v| v == "1")
}

/// Diagnostics as the command line prints them, with the file named `input.yaml`.
pub(crate) fn diagnostics_of(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let source = Source {
        name: "input.yaml".to_owned(),
        bytes,
    };
    match build(&source) {
        Ok(checked) => Ok(checked.warnings.to_string()),
        Err(found) => Err(found.to_string()),
    }
}

/// The text rendering of a valid return file.
pub(crate) fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("fixture readable");
    let source = Source {
        name: path.display().to_string(),
        bytes,
    };
    let checked = build(&source).unwrap_or_else(|d| panic!("{} is invalid:\n{d}", path.display()));
    render_text(
        &checked.filing,
        &Templates::built_in().expect("built-in templates"),
    )
    .expect("renders")
}

/// Compares `actual` with the file at `expected`, or rewrites the file when blessing.
pub(crate) fn compare(expected: &Path, actual: &str) {
    if let Err(difference) = check(expected, actual) {
        panic!("{difference}");
    }
}

/// Compares `actual` with the file at `expected` (or rewrites the file when blessing); the
/// difference, described, when they differ.
pub(crate) fn check(expected: &Path, actual: &str) -> Result<(), String> {
    if blessing() {
        std::fs::write(expected, actual).map_err(|e| format!("{}: {e}", expected.display()))?;
        return Ok(());
    }
    let want = std::fs::read_to_string(expected)
        .map_err(|e| format!("{}: {e} (HKRET_BLESS=1 writes it)", expected.display()))?;
    if want == actual {
        return Ok(());
    }
    let first = want
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| want.lines().count().min(actual.lines().count()));
    let line = |text: &str| {
        text.lines()
            .nth(first)
            .unwrap_or("(end of file)")
            .to_owned()
    };
    Err(format!(
        "{} differs from line {} on (HKRET_BLESS=1 rewrites it; review the diff)\n  expected: {}\n  actual:   {}",
        expected.display(),
        first + 1,
        line(&want),
        line(actual)
    ))
}

/// The laid-out pages of a valid return file, dumped one item per line (`expected.layout`).
pub(crate) fn layout_of(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("fixture readable");
    let source = Source {
        name: path.display().to_string(),
        bytes,
    };
    let checked = build(&source).unwrap_or_else(|d| panic!("{} is invalid:\n{d}", path.display()));
    let templates = Templates::built_in().expect("built-in templates");
    let description =
        hkret::render::pdf::description(&hkret::render::view::view(&checked.filing), &templates)
            .expect("description");
    hkret::render::pdf::dump(&hkret::render::pdf::layout(&description).expect("layout"))
}

/// Runs the built `hkret` binary with `args` in `dir`.
pub(crate) fn hkret(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hkret"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("hkret runs")
}

/// Runs `hkret` with `stdin` as standard input.
pub(crate) fn hkret_with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_hkret"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hkret runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("hkret finishes")
}

/// A fresh, empty scratch directory under the target directory.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Whether the tests run under CI (`CI` set, and not to `""`, `0` or `false`): then whatever a
/// test needs must be there, and a missing tool is a failure rather than a skip.
pub(crate) fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// Whether a test can use `what` (a tool, a file, a permission), given whether it is
/// `present`. When it is missing: under CI the test fails naming it; elsewhere a notice goes
/// straight to the terminal (past the test harness's capture, so a skip is never silent) and
/// the check is skipped.
pub(crate) fn available(what: &str, present: bool) -> bool {
    if present {
        return true;
    }
    assert!(
        !in_ci(),
        "CI is set and this test needs {what}, which is missing here (.ci/run installs it)"
    );
    let _ = writeln!(
        std::io::stderr(),
        "notice: {what} missing; check skipped (with CI=true it fails)"
    );
    false
}

/// Whether the external program `program` runs (with `arg`, e.g. `-v`), as [`available`].
pub(crate) fn tool(program: &str, arg: &str) -> bool {
    available(
        program,
        Command::new(program)
            .arg(arg)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok(),
    )
}
