//! Where hkret writes: every kind of output path in `render`, `bulk`, `init`, `next`,
//! `schema` and `man` (a symbolic link, a named pipe, a character device, a directory, a missing folder,
//! a path under a file); a full device; a broken pipe on standard output; and a bulk run on a
//! small tmpfs that fills up.
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

const MOON: &str = "examples/ff301-2026-01-moon-inc.yaml";

/// The text rendering of the Moon example, as `render` writes it to standard output.
fn moon_text() -> Vec<u8> {
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

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `mkfifo path`, as [`available`].
fn mkfifo(path: &Path) -> bool {
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
fn read_pipe(path: &Path) -> JoinHandle<Vec<u8>> {
    let path = path.to_path_buf();
    std::thread::spawn(move || fs::read(path).expect("read the pipe"))
}

/// What the pipe's reader got. If the writer never opened the pipe, the reader is let go with an
/// empty read (the pipe opened for writing without blocking, then closed) instead of hanging.
fn pipe_read(path: &Path, reader: JoinHandle<Vec<u8>>) -> Vec<u8> {
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

fn is_fifo(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

fn is_char_device(path: &Path) -> bool {
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
fn a_reader_that_goes_away_ends_the_run_quietly() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_hkret"))
        .args(["render", MOON])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hkret runs");
    // The reader goes away before hkret writes a byte.
    drop(child.stdout.take());
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

/// `hkret bulk` of the Moon example as text into `out`, named `moon.txt`.
fn bulk_into(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "bulk",
        MOON,
        "--out",
        out.to_str().expect("utf-8"),
        "--name",
        "moon",
        "--format",
        "text",
    ];
    args.extend_from_slice(extra);
    hkret(&root(), &args)
}

fn manifest_of(out: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).expect("manifest"))
        .expect("json")
}

#[test]
fn bulk_writes_through_links_into_pipes_and_devices_and_refuses_what_it_cannot_write() {
    let dir = scratch("bulk-outputs");
    let text = moon_text();

    // The output folder is a link to a folder; an output file is a link elsewhere.
    let (real, out) = (dir.join("real"), dir.join("out"));
    fs::create_dir_all(dir.join("archive")).expect("dir");
    fs::create_dir_all(&real).expect("dir");
    symlink("real", &out).expect("link");
    symlink("../archive/moon.txt", real.join("moon.txt")).expect("link");
    let run = bulk_into(&out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(fs::symlink_metadata(real.join("moon.txt")).is_ok_and(|m| m.file_type().is_symlink()));
    assert_eq!(
        fs::read(dir.join("archive/moon.txt")).expect("target"),
        text
    );
    assert!(real.join("manifest.json").is_file());

    // A missing folder (and its parents) is created.
    let run = bulk_into(&dir.join("new/deeper/out"), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        fs::read(dir.join("new/deeper/out/moon.txt")).expect("out"),
        text
    );

    // A regular file, or a path under one, as --out: a clear error, nothing written.
    fs::write(dir.join("file"), "a file").expect("file");
    for out in [dir.join("file"), dir.join("file/out")] {
        let run = bulk_into(&out, &[]);
        assert_eq!(run.status.code(), Some(2), "{}", out.display());
        assert!(stderr(&run).contains("--out"), "{}", stderr(&run));
    }
    assert_eq!(fs::read(dir.join("file")).expect("file"), b"a file");

    // An output that is a named pipe: its reader gets the file, the manifest its hash.
    let piped = dir.join("piped");
    fs::create_dir_all(&piped).expect("dir");
    if !mkfifo(&piped.join("moon.txt")) {
        return;
    }
    let reader = read_pipe(&piped.join("moon.txt"));
    let run = bulk_into(&piped, &[]);
    let got = pipe_read(&piped.join("moon.txt"), reader);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(got, text);
    assert!(is_fifo(&piped.join("moon.txt")));
    assert_eq!(manifest_of(&piped)["documents"][0]["status"], "written");

    // Outputs that are devices: a null device takes the file; a full one fails the document,
    // which is named with the reason; the summary and the manifest are still written.
    let (nulled, filled) = (dir.join("nulled"), dir.join("filled"));
    fs::create_dir_all(&nulled).expect("dir");
    fs::create_dir_all(&filled).expect("dir");
    if !mknod(&nulled.join("moon.txt"), 1, 3) || !mknod(&filled.join("moon.txt"), 1, 7) {
        return;
    }
    let run = bulk_into(&nulled, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(is_char_device(&nulled.join("moon.txt")));
    let run = bulk_into(&filled, &["--quiet"]);
    assert_eq!(run.status.code(), Some(2));
    let said = stderr(&run);
    assert!(
        said.contains("(document 1) not written:")
            && said.contains("moon.txt: No space left on device"),
        "{said}"
    );
    assert!(
        said.contains("1 documents: 0 written, 0 skipped, 0 invalid, 1 failed"),
        "{said}"
    );
    assert!(is_char_device(&filled.join("moon.txt")));
    assert_eq!(manifest_of(&filled)["documents"][0]["status"], "failed");
}

/// Runs `script` with `sh` in a mount namespace of its own (so a tmpfs it mounts vanishes with
/// it), with `$HKRET` the binary and `$DIR` a scratch folder; `None` when this machine does not
/// let the test mount a file system.
fn in_own_mounts(dir: &Path, script: &str) -> Option<Output> {
    let probe = Command::new("unshare")
        .args([
            "--mount",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs \"$0\"",
        ])
        .arg(dir)
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "notice: this machine does not let the test mount a tmpfs (unshare --mount); the disk-full bulk run is skipped (the unit test with a failing writer still runs)"
        );
        return None;
    }
    Some(
        Command::new("unshare")
            .args(["--mount", "sh", "-c", script])
            .env("HKRET", env!("CARGO_BIN_EXE_hkret"))
            .env("DIR", dir)
            .current_dir(root())
            .output()
            .expect("unshare runs"),
    )
}

#[test]
fn bulk_on_a_disk_that_fills_up_names_what_was_not_written_and_finishes_later() {
    let dir = scratch("bulk-tmpfs");
    let moon = fs::read(root().join(MOON)).expect("example");
    fs::create_dir_all(dir.join("in")).expect("dir");
    for i in 1..=6 {
        fs::write(dir.join(format!("in/moon{i}.yaml")), &moon).expect("input");
    }
    fs::create_dir_all(dir.join("disk")).expect("dir");
    // 160 KiB: room for the six texts (8 KiB each) and two or so PDFs (60 KiB each).
    let script = r#"
        set -u
        mount -t tmpfs -o size=160k tmpfs "$DIR/disk" || exit 99
        "$HKRET" bulk "$DIR/in" --out "$DIR/disk/out" --format both --name '{{stem}}' --jobs 1
        echo "first=$?"
        "$HKRET" verify "$DIR/disk/out"; echo "verify=$?"
        mount -o remount,size=4m "$DIR/disk" || exit 98
        "$HKRET" bulk "$DIR/in" --out "$DIR/disk/out" --format both --name '{{stem}}' --skip-existing
        echo "second=$?"
        "$HKRET" verify "$DIR/disk/out"; echo "verify=$?"
        ls -a "$DIR/disk/out" | grep -c '^\.hkret-'; echo "temporaries listed"
    "#;
    let Some(run) = in_own_mounts(&dir, script) else {
        return;
    };
    let out = String::from_utf8_lossy(&run.stdout);
    let err = stderr(&run);
    let all = format!("{:?}\nstdout:\n{out}\nstderr:\n{err}", run.status);
    assert!(out.contains("first=2"), "a full disk fails the run: {all}");
    let not_written = err.matches("not written:").count();
    assert!(
        (1..6).contains(&not_written),
        "some documents, not all, are named as not written: {all}"
    );
    assert!(
        err.matches("No space left on device").count() >= not_written,
        "each with the reason: {all}"
    );
    assert!(err.contains("6 documents: "), "the summary: {all}");
    assert!(
        out.contains("verify=0"),
        "the manifest lists only what was written: {all}"
    );
    assert!(out.contains("second=0"), "the re-run finishes: {all}");
    assert!(
        err.contains(&format!("{} skipped", 6 - not_written)),
        "what was written is kept: {all}"
    );
    assert!(
        out.contains("0\ntemporaries listed"),
        "no temporary file left: {all}"
    );
}
