//! Fuzz target: the PDF renderer on valid returns carrying arbitrary text. The input is split at
//! NUL bytes into an issuer name, a convertible's description and remarks, which are placed in the
//! Moon Inc. example; the return must render as PDF/A, or fail only for a character no font can
//! draw; never a panic, whatever the length, script or line breaks of the text.
#![no_main]

use std::sync::OnceLock;

use hkret::error::Error;
use hkret::input::{Source, yaml_quoted as quoted};
use hkret::render::pdf::{PdfError, PdfRender, render_pdf};
use hkret::render::templates::Templates;
use libfuzzer_sys::fuzz_target;

const MOON: &str = include_str!("../../../examples/ff301-2026-01-moon-inc.yaml");

fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::built_in().expect("built-in templates compile"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0').map(str::trim);
    let name = parts.next().filter(|s| !s.is_empty()).unwrap_or("Moon Inc.");
    let description = parts.next().unwrap_or("");
    let remarks = parts.next().unwrap_or("");
    let yaml = MOON
        .replacen("name: Moon Inc.", &format!("name: {}", quoted(name)), 1)
        .replacen("description: Ordinary Shares", &format!("description: {}", quoted(description)), 1)
        .replacen("  other_arrangements: not_applicable", &format!("    remarks: {}\n  other_arrangements: not_applicable", quoted(remarks)), 1);
    let source = Source { name: "fuzz.yaml".into(), bytes: yaml.into_bytes() };
    let Ok(checked) = hkret::validate::build(&source) else { return };
    match render_pdf(&checked.filing, templates(), &PdfRender::default()) {
        Ok(pdf) => assert!(pdf.starts_with(b"%PDF-")),
        Err(Error::Pdf { source: PdfError::MissingGlyph { .. }, .. }) => {}
        Err(e) => panic!("a valid return failed to render: {e}"),
    }
});
