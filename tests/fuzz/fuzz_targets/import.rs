//! Fuzz target: any bytes through `hkret import` (PDF extraction with positions, the reading of
//! the form, the YAML writer). It must never panic; what it writes must parse as YAML input.
#![no_main]

use hkret::input::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match hkret::import::import("fuzz.pdf", data) {
        Ok(done) => {
            let source = Source { name: "imported.yaml".into(), bytes: done.yaml.into_bytes() };
            let _ = hkret::validate::build_all(&source);
        }
        Err(found) => assert!(!found.is_empty(), "a refused import says why"),
    }
});
