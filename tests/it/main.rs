//! Integration tests of hkret: one binary, one module per feature.

mod pdf_engine;
mod support;
