//! hkret: the Hong Kong Stock Exchange's monthly return (form FF301), from YAML to text and PDF.
//!
//! # Stages
//! Data flows one way:
//!
//! 1. [`input`]: the bytes of a file to a tree of located YAML nodes (text kept exactly as
//!    written, so `0.000003125` and `02121` survive).
//! 2. [`validate`]: the tree to a [`model::Filing`], reading every field and then checking every
//!    rule of the form; all problems at once, as [`diag::Diagnostics`].
//! 3. [`render`]: the filing to a [`render::view::FormView`] (every printed string, formatted
//!    once) and then to text or PDF through Tera templates.
//!
//! [`run`] drives the stages for the command line and is the only module that touches files or
//! the terminal.
//!
//! # Example
//!
//! Validate a return and render it as text and as PDF/A:
//!
//! ```
//! use hkret::input::Source;
//! use hkret::render::pdf::{PdfRender, render_pdf};
//! use hkret::render::render_text;
//! use hkret::render::templates::Templates;
//!
//! let bytes = std::fs::read("examples/ff301-2026-01-moon-inc.yaml")?;
//! let source = Source { name: "moon.yaml".into(), bytes };
//! let checked = match hkret::validate::build(&source) {
//!     Ok(checked) => checked,
//!     Err(problems) => panic!("{problems}"),
//! };
//! let templates = Templates::built_in()?;
//! let text = render_text(&checked.filing, &templates)?;
//! assert!(text.contains("Name of Issuer: Moon Inc."));
//! let pdf = render_pdf(&checked.filing, &templates, &PdfRender::default())?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Glossary (the form's terms)
//! * **Part I**: movements in authorised / registered share capital.
//! * **Part II**: movements in issued shares (and, from 1.1, treasury shares).
//! * **Part III**: details of movements: (A) share options, (B) warrants, (C) convertibles,
//!   (D) other arrangements, (E) other movements such as repurchases.
//! * **(X1)/(X2)**: in 1.2.0, a table's new shares issued and treasury shares transferred out;
//!   footers (XX1)/(XX2) and "Total of AA1 to EE1 / AA2 to EE2" add them up per class.
//! * **Pending cancellation**: shares repurchased or redeemed but not yet cancelled, stated as a
//!   negative number and not a movement in Part II.
//! * **Layout**: the version of the form a return is drawn in (1.0.1 of 2022, 1.2.0 current).

mod assets;
pub mod bulk;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod error;
pub mod import;
pub mod init;
pub mod input;
pub mod layout;
pub mod model;
pub mod render;
pub mod run;
pub mod schema;
pub mod validate;
mod vocab;
