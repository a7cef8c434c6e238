//! Embeds the whole of `templates/` in the binary: every file under it (but its `README.md`)
//! becomes an entry of `BUILT_IN` in `$OUT_DIR/assets.rs`, named by its path relative to
//! `templates/` with `/` separators. No hand-kept list: a template, a label file or a layout
//! description added to the folder is embedded by the next build.
//!
//! The YAML data files (the label files and `layouts.yaml`) are also read here, into the same
//! types hkret reads them into (`src/render/labels/file.rs`, `src/layout/file.rs`), and
//! embedded as JSON in `PRECOMPILED`: reading 29 KB of labels as YAML was a fifth of the work of
//! rendering one return, as JSON it is a fiftieth of that. A file that does not read is left out
//! of `PRECOMPILED`, so that hkret reads its YAML and its tests report the mistake.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[allow(
    unreachable_pub,
    dead_code,
    reason = "shared with hkret, which uses all of it"
)]
#[path = "render/labels/file.rs"]
mod label_file;
#[allow(
    unreachable_pub,
    dead_code,
    reason = "shared with hkret, which uses all of it"
)]
#[path = "layout/file.rs"]
mod layout_file;

/// The YAML data file `name` (relative to `templates/`) as JSON of the type hkret reads it
/// into; `None` for other files, and for a data file that does not read (with a warning).
fn precompile(name: &str, text: &str) -> Option<String> {
    let json = if name.starts_with("labels/") && name.ends_with(".yaml") {
        serde_saphyr::from_str::<label_file::LabelFile>(text)
            .map_err(|e| e.to_string())
            .and_then(|f| serde_json::to_string(&f).map_err(|e| e.to_string()))
    } else if name == "layouts.yaml" {
        serde_saphyr::from_str::<layout_file::File>(text)
            .map_err(|e| e.to_string())
            .and_then(|f| serde_json::to_string(&f).map_err(|e| e.to_string()))
    } else {
        return None;
    };
    json.map_err(|e| println!("cargo:warning=templates/{name} left as YAML: {e}"))
        .ok()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("templates");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    walk(&root, &mut files)?;
    files.sort();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let mut code = String::from("/// Every file under `templates/`, by its path there.\n");
    code.push_str("pub(crate) const BUILT_IN: &[(&str, &str)] = &[\n");
    let mut precompiled = String::from(
        "/// The YAML data files of `templates/` as JSON of the types hkret reads them into.\n",
    );
    precompiled.push_str("pub(crate) const PRECOMPILED: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .strip_prefix(&root)?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if name == "README.md" {
            continue;
        }
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            file.display().to_string()
        )?;
        if let Some(json) = precompile(&name, &std::fs::read_to_string(file)?) {
            let path = out_dir.join(format!("{}.json", name.replace('/', "-")));
            std::fs::write(&path, json)?;
            writeln!(
                precompiled,
                "    ({name:?}, include_str!({:?})),",
                path.display().to_string()
            )?;
        }
    }
    code.push_str("];\n");
    precompiled.push_str("];\n");
    code.push_str(&precompiled);
    std::fs::write(out_dir.join("assets.rs"), code)?;
    Ok(())
}
