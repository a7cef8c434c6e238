//! Every mistake at once: when phase 1 found problems but the filing could still be put together,
//! the rules of the form run on it, and only the findings that depend on what failed are set
//! aside.
//!
//! What a finding depends on is judged by its place: a problem read under a class of shares (in
//! Parts I and II, or in a Part III block about that class) sets aside the rules' findings about
//! that class and the findings that add up every class (Part I totals); a problem in the Part I
//! totals sets aside only their own check; a Part III table that cannot be read sets aside every
//! finding but those of Part I, the dates and the header; findings about other classes, dates and the header
//! stand. What failed to read stands in blank (or not applicable) meanwhile, and the return is
//! never valid: phase 1's problems are errors. So a misspelt key no longer hides the arithmetic errors of
//! the rest of the return until the next run.

use crate::diag::{Diagnostics, Reporter};
use crate::model::{Block, Filing, Table};
use crate::validate::rules;

/// What a path of the return is about, for setting findings aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// One class of shares: its Parts I and II and its Part III blocks.
    Class(usize),
    /// Every class at once (the Part I totals per currency).
    EveryClass,
    /// Part III as a whole (a table that could not be read, or no block of a known class): the
    /// Part II movements and totals of every class depend on it.
    PartIii,
    /// Anything else: the header, the dates, Part IV, Part V.
    Other,
}

/// The index in brackets right after `prefix` at the start of `path`: `share_classes[2].id`
/// with `share_classes[` gives 2.
fn index_after(path: &str, prefix: &str) -> Option<usize> {
    let rest = path.strip_prefix(prefix)?;
    rest[..rest.find(']')?].parse().ok()
}

/// The class of block `j` of `table`, when the path is under it.
fn block_class<E>(path: &str, key: &str, table: Option<&Table<E>>) -> Option<usize> {
    let j = index_after(path, &format!("details.{key}.classes["))?;
    table?.blocks.get(j).map(|b: &Block<E>| b.class)
}

/// What `path` is about in `f`.
fn scope_of(f: &Filing, path: &str) -> Scope {
    if path.starts_with("authorised_totals") {
        return Scope::EveryClass;
    }
    let class = index_after(path, "share_classes[")
        .or_else(|| block_class(path, "share_options", f.share_options.as_ref()))
        .or_else(|| block_class(path, "warrants", f.warrants.as_ref()))
        .or_else(|| block_class(path, "convertibles", f.convertibles.as_ref()))
        .or_else(|| block_class(path, "other_arrangements", f.arrangements.as_ref()))
        .or_else(|| block_class(path, "other_movements", f.other_movements.as_ref()))
        .or_else(|| {
            let k = index_after(path, "details.totals[")?;
            f.grand_totals.get(k).map(|g| g.class)
        });
    match class {
        Some(i) => Scope::Class(i),
        None if path.starts_with("details") => Scope::PartIii,
        None => Scope::Other,
    }
}

/// The findings of the rules on `f` that do not depend on anything in `read` (the problems of
/// phase 1), for the file named `file`.
pub(crate) fn rules_on_what_was_read(f: &Filing, read: &Diagnostics, file: &str) -> Diagnostics {
    let tainted: Vec<Scope> = read
        .iter()
        .map(|d| scope_of(f, &d.path))
        .filter(|s| *s != Scope::Other)
        .collect();
    let mut report = Reporter::new(file);
    rules::check(f, &mut report);
    let mut kept = Diagnostics::new();
    for d in report.finish().iter() {
        let part_i = |i: usize| {
            d.path
                .starts_with(&format!("share_classes[{i}].authorised"))
        };
        let set_aside = match scope_of(f, &d.path) {
            Scope::Class(i) => {
                tainted.contains(&Scope::Class(i))
                    || (tainted.contains(&Scope::PartIii) && !part_i(i))
            }
            Scope::EveryClass => tainted
                .iter()
                .any(|t| matches!(t, Scope::Class(_) | Scope::EveryClass)),
            Scope::PartIii => !tainted.is_empty(),
            Scope::Other => false,
        };
        if !set_aside {
            kept.push(d.clone());
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::index_after;

    #[test]
    fn indexes_are_read_from_paths() {
        assert_eq!(
            index_after("share_classes[12].issued.treasury", "share_classes["),
            Some(12)
        );
        assert_eq!(index_after("details.totals[0]", "share_classes["), None);
    }
}
