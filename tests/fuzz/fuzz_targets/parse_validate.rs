//! Fuzz target: any bytes through reading, YAML parsing and every rule of the form. It must never
//! panic, whatever the input; invalid input ends in diagnostics.
#![no_main]

use hkret::input::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = Source { name: "fuzz.yaml".into(), bytes: data.to_vec() };
    if let Ok(documents) = hkret::validate::build_all(&source) {
        for document in documents {
            if let Err(found) = document {
                assert!(!found.is_empty(), "an invalid document has diagnostics");
            }
        }
    }
});
