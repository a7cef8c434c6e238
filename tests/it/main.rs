//! hkret's integration tests, in one binary: golden fixtures, the command line, the examples,
//! and the PDF renderer.

mod cli;
mod golden;
mod pdf;
mod pdf_bbox;
mod pdf_engine;
mod pdf_support;
mod schema;
mod support;
