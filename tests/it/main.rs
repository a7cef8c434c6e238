//! Integration tests of hkret: one binary, one module per feature.
