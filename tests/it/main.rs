//! hkret's integration tests, in one binary: golden fixtures, the command line, the examples,
//! and the PDF renderer.

mod bulk;
mod chinese;
mod cli;
mod golden;
mod import;
mod import_pdf;
mod layouts;
mod outputs;
mod outputs_bulk;
mod pdf;
mod pdf_bbox;
mod pdf_engine;
mod pdf_support;
pub(crate) mod props;
mod schema;
mod support;
mod symbols;

#[path = "../../benches/market.rs"]
#[allow(dead_code, reason = "the benchmark uses all of it")]
mod market;
