//! Fuzz target: every document that validates renders as text, never panicking, and its view
//! serialises.
#![no_main]

use std::sync::OnceLock;

use hkret::input::Source;
use hkret::render::render_text;
use hkret::render::templates::Templates;
use libfuzzer_sys::fuzz_target;

fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::built_in().expect("built-in templates compile"))
}

fuzz_target!(|data: &[u8]| {
    let source = Source { name: "fuzz.yaml".into(), bytes: data.to_vec() };
    if let Ok(checked) = hkret::validate::build(&source) {
        let text = render_text(&checked.filing, templates()).expect("a valid return renders as text");
        assert!(text.contains(checked.filing.issuer_name.en.as_str()));
    }
});
