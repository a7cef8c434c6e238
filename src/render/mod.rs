//! Stage 3: renders a validated return. `pdf` turns the description that a PDF template
//! produced into an archival PDF.

pub mod pdf;
