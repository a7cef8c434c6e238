//! The files of `templates/` embedded in the binary by `build.rs`: Tera templates, the layout
//! descriptions (`layouts.yaml`) and the label files (`labels/<language>.yaml`).
//!
//! The YAML data files are also embedded as JSON (`PRECOMPILED`), which reads in a fraction of
//! the time. Plain data, no I/O: `run` reads a user's `--templates DIR` and hands its files over
//! as text.

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The built-in file `name` (a path relative to `templates/`, such as `labels/en.yaml`).
pub(crate) fn get(name: &str) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find_map(|(n, text)| (*n == name).then_some(*text))
}

/// The built-in YAML data file `name` (`labels/en.yaml`, `layouts.yaml`) as JSON of the type
/// hkret reads it into, when the build script could read it.
pub(crate) fn precompiled(name: &str) -> Option<&'static str> {
    PRECOMPILED
        .iter()
        .find_map(|(n, json)| (*n == name).then_some(*json))
}

/// The built-in label file `name` (`labels/en.yaml`) resolved for the layout `version`, for a
/// PDF or for text: the wording's index (layouts worded alike share one) and its JSON of
/// [`crate::render::labels::Resolved`]; `None` when the file does not word that layout (or the
/// build script could not read it).
pub(crate) fn resolved(name: &str, version: &str, pdf: bool) -> Option<(usize, &'static str)> {
    RESOLVED.iter().find_map(|(n, v, p, index, json)| {
        (*n == name && *v == version && *p == pdf).then_some((*index, *json))
    })
}

/// The built-in template `name` with the labels of the resolved wording `index` written in, as
/// the build script wrote them (`crate::render::templates::inline`); `None` when the template
/// prints none of them so.
pub(crate) fn inlined(index: usize, name: &str) -> Option<&'static str> {
    INLINED
        .iter()
        .find_map(|(i, n, source)| (*i == index && *n == name).then_some(*source))
}

/// The templates the built-in template `name` includes, extends or imports, as the build script
/// found them (`crate::render::templates::references`).
pub(crate) fn references(name: &str) -> Option<&'static [&'static str]> {
    REFERENCES
        .iter()
        .find_map(|(n, names)| (*n == name).then_some(*names))
}
