//! The layouts of the form as data: `templates/layouts.yaml`, read once, gives each printed
//! version of FF301 its months in force and its capabilities. The rest of hkret asks a
//! [`Layout`] what it has (treasury shares, a public float block ...), never which version it is.
//!
//! Shared by every stage: the reader picks a layout, the rules and the view read its
//! capabilities, the templates receive it whole. No I/O: the file is embedded by the build script.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

mod file;

use file::File;
pub use file::{Descriptor, Published};

/// The layouts file, read once: as the build script left it, or else as YAML.
static FILE: LazyLock<File> = LazyLock::new(|| {
    if let Some(json) = crate::assets::precompiled("layouts.yaml")
        && let Ok(file) = serde_json::from_str(json)
    {
        return file;
    }
    let text = crate::assets::get("layouts.yaml").unwrap_or_default();
    serde_saphyr::from_str(text).expect("templates/layouts.yaml is valid (a test reads it)")
});

/// Every layout, oldest first.
static LAYOUTS: LazyLock<&'static [Descriptor]> = LazyLock::new(|| &FILE.layouts);

/// Every version of the form the Exchange is known to have published.
pub fn published_versions() -> impl Iterator<Item = &'static Published> {
    FILE.published.iter()
}

/// The version `version` of the form as the Exchange published it, when it is one.
pub fn published(version: &str) -> Option<&'static Published> {
    FILE.published.iter().find(|p| p.version == version)
}

/// A layout of the form: a handle on its [`Descriptor`].
#[derive(Clone, Copy)]
pub struct Layout(&'static Descriptor);

impl PartialEq for Layout {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Layout {}

impl std::fmt::Debug for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Layout({})", self.0.version)
    }
}

impl Layout {
    /// Every layout, oldest first.
    pub fn all() -> impl Iterator<Item = Layout> {
        LAYOUTS.iter().map(Layout)
    }

    /// The layout of `version`, if there is one.
    pub fn by_version(version: &str) -> Option<Layout> {
        Self::all().find(|l| l.0.version == version)
    }

    /// The layout in force for the month ended `month` (the newest whose first month is not
    /// after it); `None` before the first layout.
    pub fn in_force(month: NaiveDate) -> Option<Layout> {
        let key = format!("{:04}-{:02}", month.year(), month.month());
        Self::all().filter(|l| l.0.from <= key).last()
    }

    /// The newest layout, which `init` writes.
    pub fn current() -> Layout {
        Self::all()
            .last()
            .expect("templates/layouts.yaml has layouts (a test checks)")
    }

    /// The known versions, quoted and separated by commas, for messages.
    pub fn known() -> String {
        Self::all()
            .map(|l| format!("\"{}\"", l.0.version))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether the layout is in force for the month ended `month`.
    pub fn fits(self, month: NaiveDate) -> bool {
        Self::in_force(month) == Some(self)
    }

    /// The whole description.
    pub fn descriptor(self) -> &'static Descriptor {
        self.0
    }

    /// The version as the return names it and the footer prints it.
    pub fn version(self) -> &'static str {
        &self.0.version
    }

    /// Whether the layout has treasury shares (three Part II columns, (X1)/(X2) columns).
    pub fn has_treasury(self) -> bool {
        self.0.treasury_shares
    }

    /// Whether Part II has a public float sufficiency confirmation per listed class.
    pub fn has_public_float(self) -> bool {
        self.0.public_float
    }

    /// Whether a class may list multi-counter stock codes.
    pub fn has_multi_counters(self) -> bool {
        self.0.multi_counters
    }

    /// The number of the note named `name`, if the layout has it.
    pub fn note(self, name: &str) -> Option<usize> {
        self.0.notes.iter().position(|n| n == name).map(|i| i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::{File, Layout};

    #[test]
    fn the_precompiled_layouts_file_is_the_yaml_as_read() {
        let text = crate::assets::get("layouts.yaml").expect("built in");
        let yaml: File = serde_saphyr::from_str(text).expect("layouts.yaml reads");
        let json = crate::assets::precompiled("layouts.yaml").expect("precompiled");
        let json: File = serde_json::from_str(json).expect("the JSON reads");
        assert_eq!(format!("{yaml:?}"), format!("{json:?}"));
    }

    #[test]
    fn the_layouts_file_reads_and_is_in_order() {
        let all: Vec<Layout> = Layout::all().collect();
        assert!(all.len() >= 2);
        for pair in all.windows(2) {
            assert!(pair[0].descriptor().from < pair[1].descriptor().from);
        }
        for l in &all {
            assert_eq!(Layout::by_version(l.version()), Some(*l));
            assert!(
                crate::assets::get(&format!("{}/form.txt.tera", l.descriptor().templates))
                    .is_some()
            );
        }
    }
}
