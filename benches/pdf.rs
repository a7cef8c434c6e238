//! Benchmark of the PDF renderer (`cargo bench --bench pdf`): the Moon Inc. example rendered to
//! PDF/A-1b once in a fresh process (fonts parsed, templates compiled), then per document over
//! 1,000 documents, the same with a Chinese issuer name (the CJK font in use), and the Chinese
//! return (`--lang zh`: every label and text in Chinese) beside the English one, time and size;
//! then Moon with a remark of 7,000, 70,000 and 700,000 words (about 10, 100 and 1,000 pages),
//! each in a process of its own, whose time and peak memory per page must not grow with the
//! length (a row split over many pages once copied all its lines at every page break). Also
//! Moon's size at each PDF/A level (2b and 3b with their dictionaries in an object stream; 3b
//! with its YAML source attached).

use std::time::{Duration, Instant};

use hkret::input::Source;
use hkret::model::Lang;
use hkret::render::pdf::{Attachment, PdfRender, PdfaLevel, render_pdf};
use hkret::render::templates::Templates;
use hkret::validate::build;

/// Validates and renders one YAML text to a PDF/A-1b in `lang`; its size in bytes.
fn once(yaml: &[u8], lang: Lang) -> usize {
    once_at(yaml, lang, PdfaLevel::A1b)
}

/// Validates and renders one YAML text to a PDF at `pdfa` in `lang` (3b with the YAML
/// attached, as `hkret render` does); its size in bytes.
fn once_at(yaml: &[u8], lang: Lang, pdfa: PdfaLevel) -> usize {
    let source = Source {
        name: "moon.yaml".into(),
        bytes: yaml.to_vec(),
    };
    let checked = build(&source).expect("the example is valid");
    let templates = Templates::built_in().expect("templates");
    let opts = PdfRender {
        lang,
        pdfa,
        source: (pdfa == PdfaLevel::A3b).then(|| Attachment {
            name: "ff301-2026-01-moon-inc.yaml".into(),
            data: yaml.to_vec(),
        }),
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

/// Moon with a remark of `words` words (the remark on its authorised share capital).
fn long_remark(yaml: &str, words: usize) -> String {
    let mut remark = String::with_capacity(words * 8);
    for n in 0..words {
        remark.push_str(if n % 12 == 11 { "remark. " } else { "word " });
    }
    let remark = format!("\nauthorised_remarks: {}\ndetails:", remark.trim_end());
    yaml.replacen("\ndetails:", &remark, 1)
}

/// The peak resident memory of this process (`VmHWM`), in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

/// In a process of its own (see `main`): renders Moon with a remark of `words` words and
/// prints its pages, seconds and peak memory.
#[allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
fn long_remark_child(yaml: &str, words: usize) {
    let text = long_remark(yaml, words);
    let start = Instant::now();
    let source = Source {
        name: "long.yaml".into(),
        bytes: text.into_bytes(),
    };
    let checked = build(&source).expect("valid");
    let templates = Templates::built_in().expect("templates");
    let pdf = render_pdf(&checked.filing, &templates, &PdfRender::default()).expect("pdf");
    let secs = start.elapsed().as_secs_f64();
    let pages = String::from_utf8_lossy(&pdf).matches("/Type/Page/").count();
    println!("{pages} {secs} {}", peak_kib());
}

/// Renders the long remarks, each in a child process, and reports per page.
#[allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
fn long_remarks() {
    println!("moon with a long remark (each in a fresh process):");
    println!(
        "{:>8} {:>6} {:>9} {:>13} {:>12} {:>14}",
        "words", "pages", "seconds", "ms per page", "peak MiB", "KiB per page"
    );
    for words in [7_000, 70_000, 700_000] {
        let out = std::process::Command::new(std::env::current_exe().expect("this benchmark"))
            .args(["--long-remark", &words.to_string()])
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let fields: Vec<f64> = text
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        let [pages, secs, kib] = fields[..] else {
            panic!(
                "long remark of {words} words failed: {text}{}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        println!(
            "{words:>8} {pages:>6} {secs:>9.2} {:>13.2} {:>12.1} {:>14.1}",
            secs * 1000.0 / pages,
            kib / 1024.0,
            kib / pages
        );
    }
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
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--long-remark") {
        let words = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .expect("a number");
        long_remark_child(&String::from_utf8_lossy(&yaml), words);
        return;
    }
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
    let [a1, a2, a3] = [PdfaLevel::A1b, PdfaLevel::A2b, PdfaLevel::A3b]
        .map(|level| once_at(&yaml, Lang::En, level));
    println!("moon by PDF/A level: 1b {a1} bytes, 2b {a2}, 3b {a3} (with its YAML source)");
    long_remarks();
}
