//! Benchmark of `hkret import` (`cargo bench --bench import`): milliseconds per return to read the
//! official Moon Inc. PDF and the published 2022 text back into YAML, beside rendering the Moon
//! example to PDF/A, each the mean over repeated runs in one process.

use std::time::{Duration, Instant};

use hkret::import::import;
use hkret::input::Source;
use hkret::render::pdf::{PdfRender, render_pdf};
use hkret::render::templates::Templates;
use hkret::validate::build;

/// Mean time of `f` over `n` runs.
fn mean(n: u32, mut f: impl FnMut() -> usize) -> Duration {
    let start = Instant::now();
    let mut total = 0;
    for _ in 0..n {
        total += f();
    }
    assert!(total > 0);
    start.elapsed() / n
}

#[allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let pdf =
        std::fs::read(root.join("tests/fuzz/corpus/import/moon.pdf")).expect("the official PDF");
    let text = std::fs::read(
        root.join("tests/fixtures/reference/ff301-v1.0.1-2022-11-qingdao-ainnovation.txt"),
    )
    .expect("the published text");
    let yaml = std::fs::read(root.join("examples/ff301-2026-01-moon-inc.yaml")).expect("example");
    let n = 200;
    let import_pdf = mean(n, || import("moon.pdf", &pdf).expect("imports").yaml.len());
    let import_text = mean(n, || import("seed.txt", &text).expect("imports").yaml.len());
    let templates = Templates::built_in().expect("templates");
    let render = mean(n, || {
        let source = Source {
            name: "moon.yaml".into(),
            bytes: yaml.clone(),
        };
        let checked = build(&source).expect("valid");
        render_pdf(&checked.filing, &templates, &PdfRender::default())
            .expect("pdf")
            .len()
    });
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("hkret import, mean of {n} runs (release build)");
    println!(
        "  import the official Moon PDF (10 pages): {:.2} ms",
        ms(import_pdf)
    );
    println!(
        "  import the published 2022 text:          {:.2} ms",
        ms(import_text)
    );
    println!(
        "  render the Moon example to PDF/A-1b:     {:.2} ms",
        ms(render)
    );
}
