//! Fuzz target: the PDF engine on arbitrary descriptions, the XML a PDF template renders (see
//! templates/README.md). A template is a user's file, so its output can be anything: malformed
//! XML, unknown elements and attributes, absurd numbers, nesting without end. The description must
//! be refused with an error or laid out and written as a PDF; never a panic, whatever the input.
#![no_main]

use hkret::render::pdf::{PdfMeta, PdfOptions, pdf};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let description = String::from_utf8_lossy(data);
    let meta = PdfMeta {
        title: "Fuzz".into(),
        author: "hkret".into(),
        subject: None,
        keywords: Vec::new(),
        language: "en".into(),
        date: Default::default(),
        source: None,
    };
    if let Ok(bytes) = pdf(&description, &meta, &PdfOptions::default()) {
        assert!(bytes.starts_with(b"%PDF-"));
    }
});
