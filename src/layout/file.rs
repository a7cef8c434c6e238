//! The shape of `templates/layouts.yaml`, plain data with no other part of hkret in it: the
//! build script reads the built-in file into these types too, and embeds it in a form that is
//! quicker to read than YAML (`crate::assets::PRECOMPILED`).

use serde::{Deserialize, Serialize};

/// One layout's description, as written in `templates/layouts.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Descriptor {
    /// The version the return names and the footer prints, such as `1.2.0`.
    pub version: String,
    /// The first month ended the layout is in force for, `YYYY-MM`.
    pub from: String,
    /// The template set drawing it (a folder under `templates/`).
    pub templates: String,
    /// Label variants used, most specific first.
    pub wording: Vec<String>,
    /// Treasury shares: three Part II columns, (X1)/(X2) in Part III, two grand totals a class.
    pub treasury_shares: bool,
    /// A public float sufficiency confirmation per listed class in Part II.
    pub public_float: bool,
    /// Multi-counter stock code rows under a class's stock code.
    pub multi_counters: bool,
    /// Part III's tables follow one another on a page (else each starts a new page).
    pub part_iii_flows: bool,
    /// "Class of shares" printed before "Type of shares".
    pub class_first: bool,
    /// The notes at the end of the form, in order, by name.
    pub notes: Vec<String>,
    /// What of the layout is inferred rather than read on a real return; empty when nothing.
    pub inferred: String,
}

/// A version of the form the Exchange published, drawn by hkret or not.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Published {
    /// The version, such as `1.1.1`.
    pub version: String,
    /// A return that prints it.
    pub seen: String,
}

/// The whole of `templates/layouts.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct File {
    /// Every layout, oldest first.
    pub(crate) layouts: Vec<Descriptor>,
    /// Every version of the form the Exchange is known to have published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) published: Vec<Published>,
}
