//! A printed line cut into its labelled values: the header's `Label: value` pairs in any order,
//! and an issuer's name with the incorporation note the form prints after it. Text only; which
//! labels to look for is the caller's.

/// Splits `text` at each of `labels` (in any order, each at most once): the value of a label
/// runs to the next label found or the end of the line.
pub(crate) fn split_fields<'l>(text: &str, labels: &[&'l str]) -> Vec<(&'l str, String)> {
    let mut found: Vec<(usize, &'l str)> = labels
        .iter()
        .filter_map(|l| text.find(l).map(|i| (i, *l)))
        .collect();
    found.sort_unstable();
    let mut out = Vec::new();
    for (k, (start, label)) in found.iter().enumerate() {
        let from = start + label.len();
        let to = found.get(k + 1).map_or(text.len(), |(next, _)| *next);
        let value = text.get(from..to).unwrap_or_default();
        let value = value.lines().next().unwrap_or_default().trim();
        out.push((*label, value.to_owned()));
    }
    out
}

/// `Name (incorporated in ...)` → the name and the incorporation note, when the parenthesis
/// at the end speaks of incorporation.
pub(crate) fn split_incorporation(name: &str) -> Option<(&str, &str)> {
    let body = name.strip_suffix(')')?;
    let open = body.rfind(" (")?;
    let note = &body[open + 2..];
    note.contains("incorporated").then(|| (&name[..open], note))
}

#[cfg(test)]
mod tests {
    use super::{split_fields, split_incorporation};

    #[test]
    fn fields_split_at_labels_in_any_order() {
        let f = split_fields(
            "For the month ended: 31 January 2026 Status: New Submission\nName of Issuer: Moon Inc.",
            &["Status:", "For the month ended:", "Name of Issuer:"],
        );
        assert_eq!(
            f,
            [
                ("For the month ended:", "31 January 2026".to_owned()),
                ("Status:", "New Submission".to_owned()),
                ("Name of Issuer:", "Moon Inc.".to_owned()),
            ]
        );
    }

    #[test]
    fn incorporation_is_split_only_when_it_says_so() {
        assert_eq!(
            split_incorporation("A Ltd (incorporated in Bermuda)"),
            Some(("A Ltd", "incorporated in Bermuda"))
        );
        assert_eq!(split_incorporation("B (Holdings)"), None);
    }
}
