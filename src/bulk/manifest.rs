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
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Manifest {
    /// The manifest as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::sha256;

    #[test]
    fn sha256_is_the_standard_digest() {
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
