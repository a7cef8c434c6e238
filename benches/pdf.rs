//! Benchmark of the PDF renderer (`cargo bench --bench pdf`): the Moon Inc. example rendered to
//! PDF/A-1b once in a fresh process (fonts parsed, templates compiled), then per document over
//! 1,000 documents, the same with a Chinese issuer name (the CJK font in use), and the Chinese
//! return (`--lang zh`: every label and text in Chinese) beside the English one, time and size.

use std::time::{Duration, Instant};

use hkret::input::Source;
use hkret::model::Lang;
use hkret::render::pdf::{PdfRender, render_pdf};
use hkret::render::templates::Templates;
use hkret::validate::build;

/// Validates and renders one YAML text to a PDF in `lang`; its size in bytes.
fn once(yaml: &[u8], lang: Lang) -> usize {
    let source = Source {
        name: "moon.yaml".into(),
        bytes: yaml.to_vec(),
    };
    let checked = build(&source).expect("the example is valid");
    let templates = Templates::built_in().expect("templates");
    let opts = PdfRender {
        lang,
        ..PdfRender::default()
    };
    render_pdf(&checked.filing, &templates, &opts)
        .expect("pdf")
        .len()
}

/// Mean time per document over `n` renders in `lang`.
fn per_document(yaml: &[u8], n: u32, lang: Lang) -> Duration {
    let start = Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        bytes += once(yaml, lang);
    }
    assert!(bytes > 0);
    start.elapsed() / n
}

#[allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ff301-2026-01-moon-inc.yaml"
    );
    let yaml = std::fs::read(path).expect("example");
    let start = Instant::now();
    let size = once(&yaml, Lang::En);
    println!(
        "moon, first document in this process: {:?} ({size} bytes)",
        start.elapsed()
    );
    println!(
        "moon, per document over 1,000: {:?}",
        per_document(&yaml, 1000, Lang::En)
    );
    let zh =
        String::from_utf8_lossy(&yaml).replace("name: Moon Inc.", "name: 月亮有限公司 Moon Inc.");
    let start = Instant::now();
    once(zh.as_bytes(), Lang::En);
    println!(
        "moon with Chinese name, first (CJK font loaded): {:?}",
        start.elapsed()
    );
    println!(
        "moon with Chinese name, per document over 200: {:?}",
        per_document(zh.as_bytes(), 200, Lang::En)
    );
    let chinese = once(&yaml, Lang::Zh);
    println!(
        "moon, the Chinese return (--lang zh), per document over 200: {:?} ({chinese} bytes, English {size} bytes)",
        per_document(&yaml, 200, Lang::Zh)
    );
}
