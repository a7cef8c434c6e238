//! Bulk generation, without I/O: output names, the manifest, templated returns from a data table,
//! and carrying a return to the next month (`next`) or checking a chain of months (`chain`).
//! `run::bulk` reads the inputs and writes the outputs.

pub mod chain;
pub mod manifest;
pub mod names;
pub mod next;
pub mod sequence;
pub mod table;
