//! hkret: the HKEX FF301 monthly return, from YAML to text and archival PDF.

pub mod render;
