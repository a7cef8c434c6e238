//! `manifest.json` in a bulk output directory: for each document, its input, outputs with their
//! SHA-256, status and diagnostics, so that an archive can be checked later (`hkret verify`).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's file name inside the output directory.
pub const FILE: &str = "manifest.json";

/// What happened to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Rendered and written.
    Written,
    /// Already complete from an earlier run (`--skip-existing`).
    Skipped,
    /// The return has mistakes; nothing written.
    Invalid,
    /// Rendering or writing failed.
    Failed,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// File name inside the output directory.
    pub file: String,
    /// Lower-case hex SHA-256 of its bytes.
    pub sha256: String,
}

/// One document of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The input file, as given.
    pub input: String,
    /// 1-based document (in a stream) or data row.
    pub index: usize,
    /// What happened.
    pub status: Status,
    /// The files written.
    pub outputs: Vec<Output>,
    /// Problems, as `file:line:column: severity: message` lines.
    pub diagnostics: Vec<String>,
}

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The hkret version that wrote it.
    pub generator: String,
    /// Every document, in input order.
    pub documents: Vec<Entry>,
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    // Two digits a byte from a table: a `format!` a byte was 32 strings made and dropped for
    // each file a bulk run writes.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        hex.push(char::from(DIGITS[usize::from(b >> 4)]));
        hex.push(char::from(DIGITS[usize::from(b & 0xF)]));
    }
    hex
}

impl Manifest {
    /// The manifest as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The manifest's JSON a piece at a time, so that a run can write it as documents finish
/// instead of holding every entry: [`Pieces::start`], each entry, [`Pieces::end`] give the
/// same text as [`Manifest::to_json`].
#[derive(Debug, Default)]
pub struct Pieces {
    /// Entries given so far.
    entries: usize,
}

impl Pieces {
    /// The text before the first entry.
    pub fn start(generator: &str) -> String {
        let generator = serde_json::to_string(generator).unwrap_or_default();
        format!("{{\n  \"generator\": {generator},\n  \"documents\": [")
    }

    /// The text of the next entry, after a comma if it is not the first.
    pub fn entry(&mut self, entry: &Entry) -> String {
        let json = serde_json::to_string_pretty(entry).unwrap_or_default();
        let mut text = String::with_capacity(json.len() + json.len() / 8 + 8);
        if self.entries > 0 {
            text.push(',');
        }
        for line in json.lines() {
            text.push_str("\n    ");
            text.push_str(line);
        }
        self.entries += 1;
        text
    }

    /// The text after the last entry.
    pub fn end(&self) -> &'static str {
        if self.entries == 0 {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Entry, Manifest, Output, Pieces, Status, sha256};

    #[test]
    fn the_manifest_in_pieces_is_the_manifest_whole() {
        let entry = |index, status, outputs: Vec<Output>, diagnostics: Vec<String>| Entry {
            input: "in/\"odd\" name.yaml".into(),
            index,
            status,
            outputs,
            diagnostics,
        };
        let output = Output {
            file: "01723-2026-01-31.pdf".into(),
            sha256: sha256(b"x"),
        };
        let documents = vec![
            entry(1, Status::Written, vec![output.clone(), output], vec![]),
            entry(2, Status::Invalid, vec![], vec!["a:1:2: error: no".into()]),
        ];
        for documents in [vec![], documents] {
            let manifest = Manifest {
                generator: "hkret 9".into(),
                documents,
            };
            let mut pieces = Pieces::default();
            let mut text = Pieces::start(&manifest.generator);
            for e in &manifest.documents {
                text.push_str(&pieces.entry(e));
            }
            text.push_str(pieces.end());
            assert_eq!(text, manifest.to_json());
        }
    }

    #[test]
    fn sha256_is_the_standard_digest() {
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
