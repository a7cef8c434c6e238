//! The templates a template names: shared with the build script (`src/build.rs`), which lists
//! each built-in template's names once so that a render reads only a user's templates for them.

/// The names a template's `include`, `extends` and `import` tags give as quoted strings: a tag
/// is found by its first character (a fast search), and only those three kinds are read to their
/// end. The build script reads the built-in templates so; a render, only a user's.
pub(crate) fn references(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find('{') {
        rest = &rest[at + 1..];
        let Some(tag) = rest.strip_prefix('%') else {
            continue;
        };
        let words = tag.trim_start_matches('-').trim_start();
        if ["include", "extends", "import"]
            .iter()
            .any(|k| words.starts_with(k))
        {
            let tag = tag.split("%}").next().unwrap_or_default();
            found.extend(tag.split(['"', '\'']).skip(1).step_by(2).map(str::to_owned));
        }
    }
    found
}
