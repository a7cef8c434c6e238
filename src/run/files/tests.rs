//! How output paths are classified and written: every kind of path `target` meets, and a
//! writer that fails after N bytes leaving the old file whole and no temporary file behind.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Target, put_all, target, write_file};
use crate::error::Error;

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hkret-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The message of a usage error, or a panic naming what came instead.
fn refused(path: &Path) -> String {
    match target(path) {
        Err(Error::Usage(message)) => message,
        other => panic!("{}: expected a refusal, got {other:?}", path.display()),
    }
}

#[cfg(unix)]
#[test]
fn links_are_followed_to_their_final_target_and_the_rest_classified() {
    use std::os::unix::fs::symlink;
    let dir = scratch("classify");
    let file = dir.join("file.txt");
    std::fs::write(&file, "old").expect("file");
    std::fs::create_dir(dir.join("sub")).expect("sub");
    symlink("../file.txt", dir.join("sub/link")).expect("link");
    symlink("sub/link", dir.join("link-to-link")).expect("link");
    symlink("sub/new.txt", dir.join("dangling")).expect("link");
    symlink("loop-b", dir.join("loop-a")).expect("link");
    symlink("loop-a", dir.join("loop-b")).expect("link");

    assert_eq!(
        target(&file).expect("file"),
        Target::Replace {
            path: file.clone(),
            exists: true
        }
    );
    assert_eq!(
        target(&dir.join("new.txt")).expect("new"),
        Target::Replace {
            path: dir.join("new.txt"),
            exists: false
        }
    );
    assert_eq!(
        target(&dir.join("link-to-link")).expect("link"),
        Target::Replace {
            path: dir.join("sub/../file.txt"),
            exists: true
        }
    );
    assert_eq!(
        target(&dir.join("dangling")).expect("dangling"),
        Target::Replace {
            path: dir.join("sub/new.txt"),
            exists: false
        }
    );
    assert!(refused(&dir.join("sub")).contains("is a directory"));
    assert!(refused(&dir.join("file.txt/x.txt")).contains("is a file, not a folder"));
    assert!(refused(&dir.join("missing/x.txt")).contains("does not exist"));
    assert!(refused(&dir.join("loop-a")).contains("symbolic links"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bare_file_name_goes_in_the_current_folder() {
    assert_eq!(super::folder_of(Path::new("moon.pdf")), Path::new("."));
    assert_eq!(
        super::folder_of(Path::new("out/moon.pdf")),
        Path::new("out")
    );
}

/// Bytes the failing writer lets through.
static BUDGET: AtomicUsize = AtomicUsize::new(0);

/// Writes at most [`BUDGET`] bytes, then fails as a full disk does.
fn fails_after_budget(file: &mut std::fs::File, bytes: &[u8]) -> io::Result<()> {
    let n = BUDGET.load(Ordering::SeqCst).min(bytes.len());
    file.write_all(&bytes[..n])?;
    if n < bytes.len() {
        return Err(io::Error::from(io::ErrorKind::StorageFull));
    }
    Ok(())
}

#[test]
fn a_writer_failing_after_n_bytes_leaves_the_old_file_and_no_temporary() {
    let dir = scratch("budget");
    let file = dir.join("return.txt");
    std::fs::write(&file, "the old return").expect("file");
    BUDGET.store(5, Ordering::SeqCst);
    let err = write_file(&file, b"the new return, longer", fails_after_budget)
        .expect_err("the write fails");
    assert!(
        err.to_string().contains("return.txt") && err.to_string().contains("no storage space"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        "the old return"
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["return.txt"], "no temporary file left");
    BUDGET.store(usize::MAX, Ordering::SeqCst);
    write_file(&file, b"the new return", fails_after_budget).expect("written");
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        "the new return"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("mode");
    let file = dir.join("return.txt");
    std::fs::write(&file, "old").expect("file");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    write_file(&file, b"new", put_all).expect("written");
    let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    let _ = std::fs::remove_dir_all(&dir);
}
