//! `hkret bulk` on a disk that fills up, simulated by writing every output through a writer
//! that fails after N bytes: each document not written is failed in the manifest with the
//! reason, what was written is listed so that `--skip-existing` and `verify` use it, and a
//! manifest that cannot be written leaves the previous one whole.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::bulk::manifest::{self, Manifest, Status};
use crate::diag::show::MessageFormat;
use crate::render::Format;
use crate::run::bulk::{BulkOptions, bulk_with, verify};

/// Bytes left on the simulated disk.
static FREE: AtomicUsize = AtomicUsize::new(0);

/// Writes as a disk with [`FREE`] bytes left does: a file that fits is written and takes its
/// space; one that does not is written as far as the space goes, then fails with "no space"
/// (hkret removes the partial temporary file, so its space is not taken).
fn small_disk(file: &mut std::fs::File, bytes: &[u8]) -> io::Result<()> {
    let free = FREE.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |free| {
        free.checked_sub(bytes.len())
    });
    match free {
        Ok(_) => file.write_all(bytes),
        Err(free) => {
            file.write_all(&bytes[..free.min(bytes.len())])?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        }
    }
}

/// A fresh scratch directory with `n` copies of the Moon Inc. example as inputs.
fn inputs(name: &str, n: usize) -> (PathBuf, Vec<PathBuf>) {
    let dir = std::env::temp_dir().join(format!("hkret-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let moon = include_str!("../../../examples/ff301-2026-01-moon-inc.yaml");
    let files = (1..=n)
        .map(|i| {
            let path = dir.join(format!("moon{i}.yaml"));
            std::fs::write(&path, moon).expect("input");
            path
        })
        .collect();
    (dir, files)
}

pub(super) fn options(inputs: Vec<PathBuf>, out: PathBuf, skip_existing: bool) -> BulkOptions {
    BulkOptions {
        inputs,
        template: None,
        out,
        formats: vec![Format::Text, Format::Pdf],
        jobs: Some(2),
        name: "{{stem}}".to_owned(),
        quiet: true,
        skip_existing,
        templates: None,
        pdf: crate::render::pdf::PdfRender::default(),
        langs: vec![crate::model::Lang::En],
        fallback_english: false,
    }
}

fn manifest_in(out: &std::path::Path) -> Manifest {
    let text = std::fs::read_to_string(out.join(manifest::FILE)).expect("manifest");
    serde_json::from_str(&text).expect("manifest parses")
}

#[test]
fn a_disk_that_fills_up_fails_each_unwritten_document_and_keeps_a_usable_manifest() {
    let (dir, files) = inputs("small-disk", 3);
    let out = dir.join("out");
    // Room for the three text files and the manifest, not for a PDF (each is tens of KB).
    FREE.store(40_000, Ordering::SeqCst);
    let code = bulk_with(
        &options(files.clone(), out.clone(), false),
        MessageFormat::Short,
        small_disk,
    )
    .expect("the run itself completes");
    assert_eq!(code, 2, "a document not written fails the run");
    let first = manifest_in(&out);
    assert_eq!(first.documents.len(), 3);
    for entry in &first.documents {
        assert_eq!(entry.status, Status::Failed, "{entry:?}");
        assert!(entry.outputs.is_empty(), "{entry:?}");
        let reason = entry.diagnostics.join("\n");
        assert!(
            reason.contains(".pdf") && reason.contains("no storage space"),
            "the reason names the file and the full disk: {reason}"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".hkret-") || n.ends_with(".pdf"))
        .collect();
    assert!(leftovers.is_empty(), "no partial file: {leftovers:?}");

    // Space freed: a re-run with --skip-existing finishes, and verify agrees with it.
    FREE.store(usize::MAX, Ordering::SeqCst);
    let code = bulk_with(
        &options(files.clone(), out.clone(), true),
        MessageFormat::Short,
        small_disk,
    )
    .expect("re-run");
    assert_eq!(code, 0);
    let second = manifest_in(&out);
    assert!(
        second
            .documents
            .iter()
            .all(|e| e.status == Status::Written && e.outputs.len() == 2),
        "{second:?}"
    );
    assert_eq!(verify(&out, true).expect("verify"), 0);

    // A full disk again, so full that the manifest cannot be written either: the previous
    // manifest stays whole, and verify and --skip-existing still work from it.
    FREE.store(0, Ordering::SeqCst);
    let code = bulk_with(
        &options(files.clone(), out.clone(), false),
        MessageFormat::Short,
        small_disk,
    )
    .expect("third run");
    assert_eq!(code, 2);
    assert_eq!(manifest_in(&out), second, "the previous manifest is kept");
    assert_eq!(verify(&out, true).expect("verify"), 0);
    FREE.store(usize::MAX, Ordering::SeqCst);
    let code = bulk_with(&options(files, out, true), MessageFormat::Short, small_disk)
        .expect("fourth run");
    assert_eq!(code, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// More inputs than a chunk ([`super::passes`]): documents across chunks, each rendered while
/// the one before is synced, give the same files and a manifest in input order, invalid
/// documents and streams included.
#[test]
fn a_run_of_several_chunks_lists_every_document_in_input_order() {
    let (dir, _) = inputs("chunks", 0);
    let folder = dir.join("in");
    std::fs::create_dir_all(&folder).expect("in");
    let moon = include_str!("../../../examples/ff301-2026-01-moon-inc.yaml");
    let invalid = moon.replace("status: new_submission", "status: new");
    assert_ne!(invalid, moon, "the example has a status to spoil");
    // One in the first chunk and one in the third, of each kind.
    let special = |i: usize| match i {
        7 | 1_093 => Some(format!("{moon}---\n{invalid}---\n{moon}")),
        300 | 1_001 => Some(invalid.clone()),
        _ => None,
    };
    let count = 1_100;
    for i in 0..count {
        let text = special(i).unwrap_or_else(|| moon.to_owned());
        std::fs::write(folder.join(format!("r{i:04}.yaml")), text).expect("input");
    }
    let out = dir.join("out");
    let mut opts = options(vec![folder.clone()], out.clone(), false);
    opts.formats = vec![Format::Text];
    opts.name = "{{stem}}-{{index}}".to_owned();
    let code = bulk_with(&opts, MessageFormat::Short, crate::run::files::put_all)
        .expect("the run completes");
    assert_eq!(code, 1, "invalid documents make the exit code 1");

    let alone = {
        let filing = crate::validate::valid(moon);
        let templates = crate::render::templates::Templates::new(&[]).expect("templates");
        crate::render::render_text(&filing, &templates).expect("text")
    };
    let mut expected = Vec::new();
    for i in 0..count {
        let input = folder.join(format!("r{i:04}.yaml")).display().to_string();
        let statuses: &[Status] = match i {
            7 | 1_093 => &[Status::Written, Status::Invalid, Status::Written],
            300 | 1_001 => &[Status::Invalid],
            _ => &[Status::Written],
        };
        for (d, status) in statuses.iter().enumerate() {
            expected.push((input.clone(), d + 1, *status));
        }
    }
    let listed: Vec<_> = manifest_in(&out)
        .documents
        .into_iter()
        .map(|e| {
            if e.status == Status::Written {
                let file = &e.outputs[0].file;
                let text = std::fs::read_to_string(out.join(file)).expect("written");
                assert!(text == alone, "{file} is not the return rendered alone");
                assert_eq!(e.outputs[0].sha256, manifest::sha256(text.as_bytes()));
            }
            (e.input, e.index, e.status)
        })
        .collect();
    assert_eq!(listed, expected);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Where [`blocking`] makes a folder.
static BLOCKED: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Writes as the disk does, but when the manifest first lists written documents (their files
/// staged by then) makes a folder at [`BLOCKED`]: another program taking an output's name
/// while the run goes on, which the run's rename at the end cannot replace.
fn blocking(file: &mut std::fs::File, bytes: &[u8]) -> io::Result<()> {
    if String::from_utf8_lossy(bytes).contains("\"status\": \"written\"")
        && let Some(path) = BLOCKED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    {
        std::fs::create_dir_all(path.join("inside"))?;
    }
    file.write_all(bytes)
}

#[test]
fn an_output_that_cannot_be_put_in_place_at_the_end_is_listed_failed() {
    let (dir, files) = inputs("late-failure", 3);
    let out = dir.join("out");
    let mut opts = options(files, out.clone(), false);
    opts.formats = vec![Format::Text];
    *BLOCKED.lock().expect("lock") = Some(out.join("moon2.txt"));
    let code = bulk_with(&opts, MessageFormat::Short, blocking).expect("the run completes");
    assert_eq!(code, 2, "a document not written fails the run");
    let listed = manifest_in(&out);
    let statuses: Vec<_> = listed.documents.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        [Status::Written, Status::Failed, Status::Written],
        "{listed:?}"
    );
    let reason = listed.documents[1].diagnostics.join("\n");
    assert!(
        reason.contains("moon2.txt"),
        "the reason names the file: {reason}"
    );
    assert!(listed.documents[1].outputs.is_empty());
    assert!(
        out.join("moon2.txt").join("inside").is_dir(),
        "the folder is left alone"
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["manifest.json", "moon1.txt", "moon2.txt", "moon3.txt"]
    );
    assert_eq!(verify(&out, true).expect("verify"), 0);
    let _ = std::fs::remove_dir_all(&dir);
}
