//! Where hkret writes: every kind of output path in `render`, `init`, `next`, `schema` and
//! `man` (a symbolic link, a named pipe, a character device, a directory, a missing folder, a
//! path under a file); a full device; a broken pipe; and the helpers `outputs_bulk` shares.
//!
//! Special files are made in a scratch folder (`mkfifo`, and `mknod` for copies of the device
//! numbers of /dev/null and /dev/full), never used under /dev itself. Making device nodes and
//! mounting need root, as CI runs: without it the check says so and is skipped, or fails under
//! `CI=true` (mounting, which containers often forbid, is skipped with a notice even there).

use std::fs;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output};
use std::thread::JoinHandle;

use crate::support::{available, hkret, root, scratch, tool};

pub(crate) const MOON: &str = "examples/ff301-2026-01-moon-inc.yaml";

/// The text rendering of the Moon example, as `render` writes it to standard output.
pub(crate) fn moon_text() -> Vec<u8> {
    let out = hkret(&root(), &["render", MOON]);
    assert!(out.status.success());
    out.stdout
}

fn render_to(path: &Path) -> Output {
    hkret(
        &root(),
        &["render", MOON, "-o", path.to_str().expect("utf-8")],
    )
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `mkfifo path`, as [`available`].
pub(crate) fn mkfifo(path: &Path) -> bool {
    tool("mkfifo", "--version")
        && Command::new("mkfifo")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success())
}

/// `mknod path c MAJOR MINOR` (a copy of a device's node), as [`available`].
pub(crate) fn mknod(path: &Path, major: u32, minor: u32) -> bool {
    let made = Command::new("mknod")
        .arg(path)
        .args(["c", &major.to_string(), &minor.to_string()])
        .status()
        .is_ok_and(|s| s.success());
    available("permission to make device nodes (root, as CI runs)", made)
}

/// Reads a named pipe to its end on another thread.
pub(crate) fn read_pipe(path: &Path) -> JoinHandle<Vec<u8>> {
    let path = path.to_path_buf();
    std::thread::spawn(move || fs::read(path).expect("read the pipe"))
}

/// What the pipe's reader got. If the writer never opened the pipe, the reader is let go with an
/// empty read (the pipe opened for writing without blocking, then closed) instead of hanging.
pub(crate) fn pipe_read(path: &Path, reader: JoinHandle<Vec<u8>>) -> Vec<u8> {
    std::thread::sleep(std::time::Duration::from_millis(50));
    if !reader.is_finished() {
        const O_NONBLOCK: i32 = 0o4000;
        let _ = fs::OpenOptions::new()
            .write(true)
            .custom_flags(O_NONBLOCK)
            .open(path);
    }
    reader.join().expect("reader")
}

pub(crate) fn is_fifo(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

pub(crate) fn is_char_device(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

#[test]
fn render_writes_through_a_link_to_its_target_and_keeps_the_link() {
    let dir = scratch("out-link");
    fs::create_dir_all(dir.join("elsewhere")).expect("dir");
    fs::write(dir.join("elsewhere/moon.txt"), "an old rendering").expect("old");
    symlink("elsewhere/moon.txt", dir.join("link.txt")).expect("link");
    symlink("elsewhere/new.txt", dir.join("dangling.txt")).expect("link");

    for (link, target) in [("link.txt", "moon.txt"), ("dangling.txt", "new.txt")] {
        let out = render_to(&dir.join(link));
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            fs::symlink_metadata(dir.join(link)).is_ok_and(|m| m.file_type().is_symlink()),
            "{link} is still a link"
        );
        assert_eq!(
            fs::read(dir.join("elsewhere").join(target)).expect("target"),
            moon_text()
        );
    }
    let names: Vec<String> = fs::read_dir(dir.join("elsewhere"))
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}

#[test]
fn render_writes_into_a_named_pipe_as_redirection_would() {
    let dir = scratch("out-fifo");
    let fifo = dir.join("pipe");
    if !mkfifo(&fifo) {
        return;
    }
    let reader = read_pipe(&fifo);
    let out = render_to(&fifo);
    let got = pipe_read(&fifo, reader);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(got, moon_text(), "the reader gets the whole rendering");
    assert!(is_fifo(&fifo), "the pipe is still a pipe");
}

#[test]
fn render_writes_into_a_character_device_and_reports_a_full_one() {
    let dir = scratch("out-device");
    let (null, full) = (dir.join("null"), dir.join("full"));
    if !mknod(&null, 1, 3) || !mknod(&full, 1, 7) {
        return;
    }
    let out = render_to(&null);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(is_char_device(&null), "the device is still a device");

    let out = render_to(&full);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("full: No space left on device"),
        "{}",
        stderr(&out)
    );
    assert!(is_char_device(&full), "the device is still a device");
    assert_eq!(fs::read_dir(&dir).expect("dir").count(), 2, "nothing added");
}

#[test]
fn render_refuses_a_directory_a_missing_folder_and_a_path_under_a_file() {
    let dir = scratch("out-refused");
    fs::write(dir.join("file"), "a file").expect("file");
    for (path, says) in [
        (dir.clone(), "is a directory"),
        (dir.join("missing/moon.txt"), "does not exist"),
        (dir.join("file/moon.txt"), "is a file, not a folder"),
    ] {
        let out = render_to(&path);
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
    assert_eq!(
        fs::read_dir(&dir).expect("dir").count(),
        1,
        "nothing written"
    );
    assert_eq!(fs::read(dir.join("file")).expect("file"), b"a file");
}

#[test]
fn init_next_schema_and_man_follow_the_same_rules() {
    let dir = scratch("out-commands");
    fs::create_dir_all(dir.join("real")).expect("dir");
    symlink("real/schema.json", dir.join("schema.json")).expect("link");
    symlink("real/next.yaml", dir.join("next.yaml")).expect("link");
    let d = |name: &str| dir.join(name).to_str().expect("utf-8").to_owned();

    let out = hkret(&root(), &["schema", "-o", &d("schema.json")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("real/schema.json").is_file());

    let out = hkret(&root(), &["next", MOON, "-o", &d("next.yaml")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("real/next.yaml").is_file());
    // The link now leads to a return: `next` does not overwrite it, through the link either.
    let out = hkret(&root(), &["next", MOON, "-o", &d("next.yaml")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("exists already"), "{}", stderr(&out));

    // man --dir: a page that is a link is written through it; a file as the folder is refused.
    fs::create_dir_all(dir.join("man")).expect("dir");
    symlink("../real/hkret.1", dir.join("man/hkret.1")).expect("link");
    let out = hkret(&root(), &["man", "--dir", &d("man")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("real/hkret.1").is_file());

    for args in [
        vec!["init", "-o", &d("real")],
        vec!["schema", "-o", &d("missing/schema.json")],
        vec!["man", "--dir", &d("real/hkret.1")],
    ] {
        let out = hkret(&root(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
    }

    let fifo = dir.join("init-pipe");
    if !mkfifo(&fifo) {
        return;
    }
    let reader = read_pipe(&fifo);
    let out = hkret(&root(), &["init", "-o", fifo.to_str().expect("utf-8")]);
    let got = pipe_read(&fifo, reader);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&got).contains("form: FF301"));
    assert!(is_fifo(&fifo));
}

#[test]
fn dev_stdout_is_written_through_the_descriptor_the_shell_gave() {
    let dir = scratch("out-dev-stdout");
    let file = dir.join("appended.txt");
    fs::write(&file, "kept\n").expect("file");
    // As `hkret render moon.yaml -o /dev/stdout >> appended.txt` would run.
    let appended = fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .expect("open");
    let status = Command::new(env!("CARGO_BIN_EXE_hkret"))
        .args(["render", MOON, "-o", "/dev/stdout"])
        .current_dir(root())
        .stdout(appended)
        .status()
        .expect("hkret runs");
    assert!(status.success());
    let mut want = b"kept\n".to_vec();
    want.extend(moon_text());
    assert_eq!(
        fs::read(&file).expect("file"),
        want,
        "appended, not replaced"
    );
    // Through a pipe too.
    let out = hkret(&root(), &["render", MOON, "-o", "/dev/stdout"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, moon_text());
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly() {
    use std::process::Stdio;
    // The reader is gone before hkret starts (closing it after the start raced with a fast
    // hkret, which could write its whole output into the pipe first).
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let child = Command::new(env!("CARGO_BIN_EXE_hkret"))
        .args(["render", MOON])
        .current_dir(root())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("hkret runs");
    let out = child.wait_with_output().expect("hkret ends");
    assert_eq!(
        out.status.code(),
        Some(141),
        "128 + SIGPIPE, as a shell reports cat"
    );
    assert_eq!(stderr(&out), "", "nothing printed");
}

#[test]
fn a_closed_standard_error_does_not_turn_mistakes_into_a_crash() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_hkret"))
        .args([
            "validate",
            "tests/fixtures/invalid-duplicate-key/input.yaml",
            "tests/fixtures/invalid-empty-file/input.yaml",
        ])
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hkret runs");
    drop(child.stderr.take());
    let status = child.wait().expect("hkret ends");
    assert_eq!(status.code(), Some(1), "invalid input, not a panic (101)");
}
