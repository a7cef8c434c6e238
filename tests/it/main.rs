//! hkret's integration tests, in one binary: golden fixtures, the command line, and the examples.

mod cli;
mod golden;
mod schema;
mod support;
