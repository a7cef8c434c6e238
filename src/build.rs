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
//!
//! Each label file that reads is also resolved for every layout it words, for text and for a
//! PDF (`RESOLVED`): a render then reads its layout's texts alone (14 KB of JSON, against 26 KB
//! for the whole English file with every label's provenance and older wordings).
//!
//! Each resolved wording's labels are then written into the built-in templates that print them
//! (`INLINED`, `src/render/templates/inline.rs`): its PDF templates for a wording a PDF prints,
//! its text templates for one text prints; a render of the built-in templates compiles those.
//! Before that, what every layout the wording prints says alike of its capabilities
//! (`layout.treasury_shares`, and `tr`, which Part III sets to it) decides the `if` blocks on
//! them (`src/render/templates/decide.rs`): the branch the layout takes is written in, the other
//! left out.
//!
//! On Linux with glibc it also links the `hkret` binary as a position-dependent executable
//! ([`link_position_dependent`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "render/templates/decide.rs"]
mod decide;
#[path = "render/pdf/escape.rs"]
mod escape;
#[path = "render/templates/inline.rs"]
mod inline;
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
#[path = "render/templates/references.rs"]
mod references;

/// A YAML data file read at build time.
enum Data {
    /// A label file.
    Labels(label_file::LabelFile),
    /// The layout descriptions.
    Layouts(layout_file::File),
}

impl Data {
    /// The YAML data file `name` (relative to `templates/`); `None` for other files, and for a
    /// data file that does not read (with a warning).
    fn read(name: &str, text: &str) -> Option<Self> {
        let data = if name.starts_with("labels/") && name.ends_with(".yaml") {
            serde_saphyr::from_str(text).map(Self::Labels)
        } else if name == "layouts.yaml" {
            serde_saphyr::from_str(text).map(Self::Layouts)
        } else {
            return None;
        };
        data.map_err(|e| println!("cargo:warning=templates/{name} left as YAML: {e}"))
            .ok()
    }

    /// As JSON of the type hkret reads it into.
    fn json(&self) -> serde_json::Result<String> {
        match self {
            Self::Labels(file) => serde_json::to_string(file),
            Self::Layouts(file) => serde_json::to_string(file),
        }
    }
}

/// A label file resolved for every layout of `layouts` it words, for text and for a PDF:
/// (layout version, for a PDF, the resolved labels).
fn resolve_all(
    file: &label_file::LabelFile,
    layouts: &layout_file::File,
) -> Vec<(String, bool, label_file::Resolved)> {
    let mut all = Vec::new();
    for layout in layouts
        .layouts
        .iter()
        .filter(|l| file.words_version(&l.version))
    {
        for pdf in [false, true] {
            all.push((
                layout.version.clone(),
                pdf,
                file.resolve_with(&layout.wording, pdf),
            ));
        }
    }
    all
}

/// A wording the build script resolved, as embedded once: its labels, whether a PDF and
/// whether text prints it, and the capabilities (`layout.<name>`) every layout it words has
/// alike.
struct Wording {
    labels: BTreeMap<String, String>,
    pdf: bool,
    text: bool,
    alike: Option<BTreeMap<String, bool>>,
}

impl Wording {
    /// Keeps of the capabilities those that `layout` has alike.
    fn words(&mut self, layout: &layout_file::Descriptor) -> Result<(), serde_json::Error> {
        let serde_json::Value::Object(fields) = serde_json::to_value(layout)? else {
            return Ok(());
        };
        let has: BTreeMap<String, bool> = fields
            .into_iter()
            .filter_map(|(name, value)| Some((format!("layout.{name}"), value.as_bool()?)))
            .collect();
        self.alike = Some(match self.alike.take() {
            None => has,
            Some(mut alike) => {
                alike.retain(|name, value| has.get(name) == Some(value));
                alike
            }
        });
        Ok(())
    }
}

/// How Part III names the treasury capability for its tables (`{% if tr %}`).
const TREASURY: &str = "{%- set tr = layout.treasury_shares %}";

/// `source` with the `if` blocks on what `alike` decides decided, `tr` too where `source` is the
/// one template that binds it, to [`TREASURY`] (from that binding on); `None` if none was.
fn decided(source: &str, alike: &BTreeMap<String, bool>, tr_bound: bool) -> Option<String> {
    let treasury = alike.get("layout.treasury_shares").copied();
    let split = (tr_bound && decide::bindings(source, "tr") == 1)
        .then(|| source.find(TREASURY).map(|at| at + TREASURY.len()))
        .flatten();
    let (Some(at), Some(treasury)) = (split, treasury) else {
        return decide::decide(source, alike);
    };
    let mut with_tr = alike.clone();
    with_tr.insert("tr".to_owned(), treasury);
    let (head, tail) = source.split_at(at);
    match (decide::decide(head, alike), decide::decide(tail, &with_tr)) {
        (None, None) => None,
        (h, t) => {
            Some(h.unwrap_or_else(|| head.to_owned()) + &t.unwrap_or_else(|| tail.to_owned()))
        }
    }
}

/// The table `INLINED`: for each wording (by its index) and each built-in template of the kind
/// that prints it, the template with the wording's labels written in, where that changes it.
fn inline_all(
    wordings: &[Wording],
    templates: &[(String, String)],
    out_dir: &Path,
) -> Result<String, Box<dyn std::error::Error>> {
    let mut table = String::from(
        "/// The built-in templates with a resolved wording's labels written in: (index of the \
         wording in `RESOLVED`, template name, source).\n",
    );
    table.push_str("pub(crate) const INLINED: &[(usize, &str, &str)] = &[\n");
    // Decided only while no template rebinds what the conditions read.
    let count = |name: &str| -> usize {
        templates
            .iter()
            .map(|(_, s)| decide::bindings(s, name))
            .sum()
    };
    let layout_bound = count("layout") > 0;
    let tr_bound = count("tr") == 1;
    for (index, wording) in wordings.iter().enumerate() {
        for (name, source) in templates {
            let print: inline::Print = if name.ends_with(".pdf.tera") && wording.pdf {
                escape::escape
            } else if name.ends_with(".txt.tera") && wording.text {
                inline::as_it_is
            } else {
                continue;
            };
            let decided = match &wording.alike {
                Some(alike) if !layout_bound => decided(source, alike, tr_bound),
                _ => None,
            };
            let source = decided.as_deref().unwrap_or(source);
            let Some(inlined) = inline::inline_labels(source, &wording.labels, print).or(decided)
            else {
                continue;
            };
            let path = out_dir.join(format!("inlined-{index}-{}", name.replace('/', "-")));
            std::fs::write(&path, inlined)?;
            writeln!(
                table,
                "    ({index}, {name:?}, include_str!({:?})),",
                path.display().to_string()
            )?;
        }
    }
    table.push_str("];\n");
    Ok(table)
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

/// Asks the linker for a position-dependent `hkret` executable (`-no-pie`) on Linux with glibc,
/// unless `HKRET_PIE` is set.
///
/// A position-independent executable is loaded at a random address, so the dynamic loader
/// must first patch every absolute address the binary holds (its vtables, its tables of
/// strings): some 9,000 relocations over 42 pages, each page copied before it is written, in
/// every process, before `main`. Linked at a fixed address, those pages are read from the file
/// as they are. One Moon PDF in a fresh process then faults 519 pages instead of 553 and
/// takes 0.97-0.99 of the time (`--version` 0.92-0.93), the same bytes. The code is compiled as it is for
/// a position-independent executable; only the link differs, so only the executable's own
/// address is no longer random (its libraries, heap and stack still are), which for a tool
/// reading the user's own files is a fair price. `HKRET_PIE=1 cargo build --release` links
/// it as before, for a distribution whose policy wants every executable position-independent.
fn link_position_dependent() {
    println!("cargo:rerun-if-env-changed=HKRET_PIE");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && std::env::var_os("HKRET_PIE").is_none()
    {
        // After rustc's own `-pie`: the C compiler driving the link takes the last of the two.
        println!("cargo:rustc-link-arg-bin=hkret=-no-pie");
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    link_position_dependent();
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
    let mut resolved = String::from(
        "/// Each built-in label file resolved for each layout it words: (file, layout version, \
         for a PDF, index of the wording (the same for layouts worded alike), JSON of \
         `Resolved`).\n",
    );
    resolved.push_str("pub(crate) const RESOLVED: &[(&str, &str, bool, usize, &str)] = &[\n");
    let mut names = String::from(
        "/// The templates each built-in template includes, extends or imports, by name.\n",
    );
    names.push_str("pub(crate) const REFERENCES: &[(&str, &[&str])] = &[\n");
    // The same texts (layouts worded alike) are embedded once: by JSON, its index and file.
    let mut written: BTreeMap<String, (usize, PathBuf)> = BTreeMap::new();
    let mut wordings: Vec<Wording> = Vec::new();
    let mut templates: Vec<(String, String)> = Vec::new();
    let layouts = match Data::read(
        "layouts.yaml",
        &std::fs::read_to_string(root.join("layouts.yaml"))?,
    ) {
        Some(Data::Layouts(layouts)) => Some(layouts),
        _ => None,
    };
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
        let text = std::fs::read_to_string(file)?;
        if name.ends_with(".tera") {
            writeln!(
                names,
                "    ({name:?}, &{:?}),",
                references::references(&text)
            )?;
            templates.push((name.clone(), text.clone()));
        }
        // `layouts.yaml` was read above (the label files, listed before it, need it).
        let data = match name.as_str() {
            "layouts.yaml" => layouts.clone().map(Data::Layouts),
            _ => Data::read(&name, &text),
        };
        let Some(data) = data else {
            continue;
        };
        if let (Data::Labels(labels), Some(layouts)) = (&data, &layouts) {
            for (version, pdf, wording) in resolve_all(labels, layouts) {
                let json = serde_json::to_string(&wording)?;
                let (index, path) = match written.get(&json) {
                    Some(known) => known.clone(),
                    None => {
                        let index = written.len();
                        let path = out_dir.join(format!("resolved-{index}.json"));
                        std::fs::write(&path, &json)?;
                        written.insert(json, (index, path.clone()));
                        wordings.push(Wording {
                            labels: wording.labels,
                            pdf: false,
                            text: false,
                            alike: None,
                        });
                        (index, path)
                    }
                };
                if let Some(layout) = layouts.layouts.iter().find(|l| l.version == version) {
                    wordings[index].words(layout)?;
                }
                if pdf {
                    wordings[index].pdf = true;
                } else {
                    wordings[index].text = true;
                }
                writeln!(
                    resolved,
                    "    ({name:?}, {version:?}, {pdf}, {index}, include_str!({:?})),",
                    path.display().to_string()
                )?;
            }
        }
        let path = out_dir.join(format!("{}.json", name.replace('/', "-")));
        std::fs::write(&path, data.json()?)?;
        writeln!(
            precompiled,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )?;
    }
    code.push_str("];\n");
    precompiled.push_str("];\n");
    resolved.push_str("];\n");
    names.push_str("];\n");
    code.push_str(&precompiled);
    code.push_str(&resolved);
    code.push_str(&names);
    code.push_str(&inline_all(&wordings, &templates, &out_dir)?);
    std::fs::write(out_dir.join("assets.rs"), code)?;
    Ok(())
}
