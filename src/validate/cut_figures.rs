//! Figures cut at their commas: inside a flow mapping `{ }` a comma ends an entry, so
//! `preceding: 1,201,800,000` reads as `preceding: 1` and blank keys `201`, `800`, `000`. The
//! reader finds such figures here and reports each once, as the figure the user wrote.

use crate::input::tree::{Key, Node, Value};

/// Whether entry `i` is a blank-valued key of three digits that follows a figure or another
/// such group: what is left of a figure with commas inside a flow mapping.
pub(crate) fn is_digit_group_after(entries: &[(Key, Node)], i: usize) -> bool {
    let group = |k: &Key, v: &Node| {
        k.text.len() == 3 && k.text.chars().all(|c| c.is_ascii_digit()) && v.value == Value::Null
    };
    let Some((key, value)) = entries.get(i) else {
        return false;
    };
    if !group(key, value) || i == 0 {
        return false;
    }
    let (pk, pv) = &entries[i - 1];
    group(pk, pv)
        || matches!(&pv.value, Value::Scalar { text, plain: true }
            if !text.is_empty() && text.len() <= 3 && text.chars().all(|c| c.is_ascii_digit()))
}

/// The figures of a flow mapping cut at their commas: the index of the entry holding the
/// figure's first group, and the figure as written (`1,201,800,000`).
pub(crate) fn split_figures(entries: &[(Key, Node)]) -> Vec<(usize, String)> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for i in 0..entries.len() {
        if !is_digit_group_after(entries, i) {
            continue;
        }
        let group = &entries[i].0.text;
        match found.last_mut() {
            Some((_, figure)) if is_digit_group_after(entries, i - 1) => {
                figure.push(',');
                figure.push_str(group);
            }
            _ => {
                if let Value::Scalar { text, .. } = &entries[i - 1].1.value {
                    found.push((i - 1, format!("{text},{group}")));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::split_figures;
    use crate::diag::Reporter;
    use crate::input::tree::{Value, parse_stream};

    #[test]
    fn each_cut_figure_is_found_once_with_its_groups() {
        let mut report = Reporter::new("t.yaml");
        let docs = parse_stream(
            "{ preceding: 1,201,800,000, closing: 12,000, x: 5 }\n",
            &mut report,
        )
        .expect("parses");
        let Value::Map(entries) = &docs[0].value else {
            panic!("a mapping")
        };
        let found: Vec<(usize, String)> = split_figures(entries);
        assert_eq!(
            found,
            vec![(0, "1,201,800,000".to_owned()), (4, "12,000".to_owned())]
        );
    }
}
