//! Conditions on the layout decided before Tera reads a template: shared with the build script
//! (`src/build.rs`), which knows, for each built-in wording, the layouts it words and so what
//! `layout.treasury_shares` and the other capabilities are wherever that wording prints.
//!
//! Part III is written once for every layout, its treasury columns under `{% if tr %}`: the
//! 1.2.0 PDF templates hold some thirty such conditions, and Tera lexes, parses and compiles
//! both branches of each in every process. Where the value is known, the branch taken is
//! written in place of the whole `if` block and the other is left out: the English 1.2.0 Part
//! III goes from 16,790 bytes to 14,604, one Moon PDF in a fresh process from 11.14 million
//! instructions to 10.74 and from 519 pages to 485, 0.490 of the filed binary's time instead of
//! 0.505 (binaries copied afresh, 300 runs each in turn).
//!
//! What is decided prints exactly what the block printed, or the block stays. A block is
//! decided only when its condition is `C` or `not C` for a decided `C`, its tags balance with no
//! `elif`, no `set` at its own level and no comment inside, and no comment stands next to it (Tera's
//! trims reach through a comment); the whitespace its own tags' `-` trim is trimmed as it was,
//! and it is left as it is wherever a `-` around it could trim further once its tags are gone
//! (Tera trims a text as far as the nearest tag; written in, the branch joins the texts around
//! it). A property test renders generated templates both ways.

use std::collections::BTreeMap;
use std::ops::Range;

use super::inline::{next_marker, opens_raw, tag_end};

/// `source` with every `if` block on a condition of `decided` (its name, as the template
/// writes it, and value) that can be decided replaced by the branch it takes; `None` when
/// none could be, or when `source` is not one this reads to the end.
pub(crate) fn decide(source: &str, decided: &BTreeMap<String, bool>) -> Option<String> {
    let mut current: Option<String> = None;
    while let Some(next) = decide_one(current.as_deref().unwrap_or(source), decided) {
        current = Some(next);
    }
    current
}

/// How many times `source` binds the variable `name` (`set`, `set_global`, a loop variable).
pub(crate) fn bindings(source: &str, name: &str) -> usize {
    [
        format!("set {name} "),
        format!("set_global {name} "),
        format!("for {name} "),
        format!("for {name},"),
        format!(", {name} in "),
    ]
    .iter()
    .map(|p| source.matches(p.as_str()).count())
    .sum()
}

/// A tag, output or comment: where it starts and ends, and whether it trims the text before
/// it (`{%-`) and after it (`-%}`).
struct Marker {
    span: Range<usize>,
    comment: bool,
    trims_before: bool,
    trims_after: bool,
}

/// Every tag, output and comment of `source`, as Tera reads them; `None` for a `raw` block or
/// one left open.
fn markers(source: &str) -> Option<Vec<Marker>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = next_marker(source, at) {
        let kind = source.as_bytes()[start + 1];
        let end = match kind {
            b'#' => start + 2 + source[start + 2..].find("#}")? + 2,
            b'%' if opens_raw(&source[start + 2..]) => return None,
            closing => tag_end(source, start + 2, if closing == b'{' { b'}' } else { b'%' })?,
        };
        let text = &source.as_bytes()[start..end];
        found.push(Marker {
            span: start..end,
            comment: kind == b'#',
            trims_before: text.get(2) == Some(&b'-'),
            trims_after: text.len() > 4 && text[text.len() - 3] == b'-',
        });
        at = end;
    }
    Some(found)
}

/// `source` with its first decidable block decided.
fn decide_one(source: &str, decided: &BTreeMap<String, bool>) -> Option<String> {
    let found = markers(source)?;
    (0..found.len()).find_map(|i| {
        let value = condition(&source[found[i].span.clone()], decided)?;
        let block = branches(source, &found, i)?;
        let endif = &found[block.endif];
        let taken = trimmed(
            source,
            &found,
            if value { block.then } else { block.otherwise },
        );
        let previous = i.checked_sub(1).map(|k| &found[k]);
        let next = found.get(block.endif + 1);
        // Tera's trims reach through a comment: next to one, the texts to compare are not
        // these (a property test found it).
        if previous.is_some_and(|p| p.comment) || next.is_some_and(|n| n.comment) {
            return None;
        }
        let before_start = previous.map_or(0, |p| p.span.end);
        let mut before = &source[before_start..found[i].span.start];
        if found[i].trims_before {
            before = before.trim_end();
        }
        let after_end = next.map_or(source.len(), |n| n.span.start);
        let mut after = &source[endif.span.end..after_end];
        if endif.trims_after {
            after = after.trim_start();
        }
        let inner: Vec<&Marker> = found
            .iter()
            .filter(|m| m.span.start >= taken.start && m.span.end <= taken.end)
            .collect();
        let text = &source[taken.clone()];
        let has_text = |s: &str| s.contains(|c: char| !c.is_whitespace());
        // Every trim stops where it stopped before: at a character that is not whitespace, in
        // its own text or at the edge of the branch, or at the end of an empty text.
        let left = !previous.is_some_and(|p| p.trims_after)
            || has_text(before)
            || text.starts_with(|c: char| !c.is_whitespace());
        let right = !next.is_some_and(|n| n.trims_before)
            || has_text(after)
            || text.ends_with(|c: char| !c.is_whitespace());
        let inner_left = inner.first().is_none_or(|first| {
            let lead = &source[taken.start..first.span.start];
            !first.trims_before || has_text(lead) || !before.ends_with(char::is_whitespace)
        });
        let inner_right = inner.last().is_none_or(|last| {
            let trail = &source[last.span.end..taken.end];
            !last.trims_after || has_text(trail) || !after.starts_with(char::is_whitespace)
        });
        (left && right && inner_left && inner_right).then(|| {
            [
                &source[..before_start],
                before,
                text,
                after,
                &source[after_end..],
            ]
            .concat()
        })
    })
}

/// The value of the `if` tag `tag` when its condition is decided: `{% if C %}` (whitespace
/// control allowed), `C` a decided condition or `not` one.
fn condition(tag: &str, decided: &BTreeMap<String, bool>) -> Option<bool> {
    let cond = block_tag(tag)?.strip_prefix("if ")?;
    match cond.strip_prefix("not ") {
        Some(negated) => decided.get(negated).map(|v| !v),
        None => decided.get(cond).copied(),
    }
}

/// What a block tag says, without its delimiters, whitespace control and surrounding spaces;
/// `None` for an output or a comment.
fn block_tag(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix("{%")?.strip_suffix("%}")?;
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    Some(inner.trim())
}

/// An `if` block: its branches for true and for false, and the marker closing it.
struct Block {
    then: Branch,
    otherwise: Branch,
    endif: usize,
}

/// A branch of an `if` block: the markers it lies between (`None` for the missing `else`,
/// which prints nothing).
type Branch = Option<(usize, usize)>;

/// What the branch prints of its source, as a range of it: its text less the whitespace that
/// the tag opening it trims from its start and the tag closing it from its end.
fn trimmed(source: &str, found: &[Marker], branch: Branch) -> Range<usize> {
    let Some((open, close)) = branch else {
        return 0..0;
    };
    let (mut start, mut end) = (found[open].span.end, found[close].span.start);
    if found[open].trims_after {
        start = end - source[start..end].trim_start().len();
    }
    if found[close].trims_before {
        end = start + source[start..end].trim_end().len();
    }
    start..end
}

/// The block opened by the `if` at marker `i`; `None` unless its tags balance without an
/// `elif`, a `set` or a comment inside.
fn branches(source: &str, found: &[Marker], i: usize) -> Option<Block> {
    let mut depth = 0_usize;
    let mut otherwise_at = None;
    for (j, m) in found.iter().enumerate().skip(i + 1) {
        if m.comment {
            return None;
        }
        let Some(tag) = block_tag(&source[m.span.clone()]) else {
            continue;
        };
        let word = tag.split_whitespace().next().unwrap_or_default();
        match (word, depth) {
            ("if" | "for", _) => depth += 1,
            ("endif" | "endfor", 1..) => depth -= 1,
            ("else", 0) if otherwise_at.is_none() => otherwise_at = Some(j),
            ("endif", 0) => {
                return Some(match otherwise_at {
                    None => Block {
                        then: Some((i, j)),
                        otherwise: None,
                        endif: j,
                    },
                    Some(k) => Block {
                        then: Some((i, k)),
                        otherwise: Some((k, j)),
                        endif: j,
                    },
                });
            }
            ("else" | "elif" | "endfor" | "set" | "set_global", 0) => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::strategy::Strategy as _;

    use super::decide;

    fn tr(value: bool) -> BTreeMap<String, bool> {
        [("tr".to_owned(), value)].into_iter().collect()
    }

    #[test]
    fn a_decided_block_becomes_the_branch_it_takes() {
        let source = "<t w=\"{% if tr %}1 2{% else %}3{% endif %}\">{% if tr %}<c>{{ x }}</c>{% endif %}</t>";
        assert_eq!(
            decide(source, &tr(true)).as_deref(),
            Some("<t w=\"1 2\"><c>{{ x }}</c></t>")
        );
        assert_eq!(
            decide(source, &tr(false)).as_deref(),
            Some("<t w=\"3\"></t>")
        );
        assert_eq!(
            decide("a{% if not tr %}b{% endif %}", &tr(false)).as_deref(),
            Some("ab")
        );
    }

    #[test]
    fn a_block_that_trims_before_it_trims_the_text_before_it() {
        assert_eq!(
            decide("a  \n{%- if tr %}b{% endif %}c", &tr(true)).as_deref(),
            Some("abc")
        );
    }

    #[test]
    fn the_trims_of_the_blocks_own_tags_are_kept() {
        for (source, taken) in [
            ("{% if tr -%} b{% endif %}", "b"),
            ("{% if tr %}b {%- endif %}", "b"),
            ("{% if tr %}b{% else -%} c{% endif %}", "b"),
            ("{% if tr %}b{% endif -%}  c", "bc"),
            ("{% if tr %}{{- x }}{% endif %}", "{{- x }}"),
            (
                "{% if tr %}{% if y %}b{% endif %}{% endif %}",
                "{% if y %}b{% endif %}",
            ),
            (
                "{% if tr %}{% for i in y %}b{% endfor %}{% endif %}",
                "{% for i in y %}b{% endfor %}",
            ),
        ] {
            assert_eq!(
                decide(source, &tr(true)).as_deref(),
                Some(taken),
                "{source}"
            );
        }
        assert_eq!(
            decide("a {% if tr %}b{%- else -%} c {%- endif %}", &tr(false)).as_deref(),
            Some("a c")
        );
    }

    #[test]
    fn what_is_not_a_plain_block_stays() {
        for source in [
            "{% if tr %}a{% elif y %}b{% endif %}",
            "{% if tr %}{% set z = 1 %}{% endif %}",
            "{% if tr %}{# c #}{% endif %}",
            "{% if tr and y %}b{% endif %}",
            "{% if other %}b{% endif %}",
            "{# c #}{% if tr %}b{% endif %}",
            "{% raw %}{% endraw %}{% if tr %}b{% endif %}",
            "{% if tr %}b",
            "{% if tr %}{% endfor %}{% endif %}",
        ] {
            assert_eq!(decide(source, &tr(true)), None, "{source}");
        }
    }

    #[test]
    fn a_block_whose_branch_a_neighbour_would_trim_further_stays() {
        // Removed, the empty branch would let `{%-` trim "x  " as well.
        assert_eq!(
            decide("x  {% if tr %}b{% endif %}  {%- y %}", &tr(false)),
            None
        );
        assert_eq!(
            decide("{% y -%}  {% if tr %} b{% endif %}x", &tr(true)),
            None
        );
        // Written in, the trim of the branch's first tag would reach the text before it.
        assert_eq!(
            decide("x  {% if tr %} {{- y }}{% endif %}", &tr(true)),
            None
        );
        assert_eq!(
            decide("{% if tr %}{{ y -}} {% endif %}  x", &tr(true)),
            None
        );
        // Text between the block and the trimming tag stops the trim as before.
        assert_eq!(
            decide("x  {% if tr %}b{% endif %}z  {%- y %}", &tr(false)).as_deref(),
            Some("x  z  {%- y %}")
        );
        assert_eq!(
            decide("{% y -%}  {% if tr %}b{% endif %}", &tr(true)).as_deref(),
            Some("{% y -%}  b")
        );
    }

    /// A template piece: text with whitespace, outputs that trim or not, a comment, a `set`.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> + Clone {
        proptest::sample::select(vec![
            "x",
            " ",
            "\n",
            "  \n  ",
            "<p>",
            "{{ v }}",
            "{{- v }}",
            "{{ v -}}",
            "{{- v -}}",
            "{# c #}",
            "{#- c #}",
            "{# c -#}",
            "{% set s = 1 %}",
        ])
        .prop_map(str::to_owned)
    }

    /// An `if` block on `tr`, `not tr` or an undecided `u`, or a loop, around `body`, each of
    /// its tags trimming or not, with or without an `else`.
    fn block(
        body: impl proptest::strategy::Strategy<Value = String> + Clone,
    ) -> impl proptest::strategy::Strategy<Value = String> + Clone {
        use proptest::prelude::*;
        let trim = || prop::sample::select(vec!["", "-"]);
        let trims = proptest::collection::vec(trim(), 6);
        let cond = prop::sample::select(vec!["tr", "not tr", "u", "for"]);
        (cond, trims, body.clone(), proptest::option::of(body)).prop_map(
            |(cond, t, then, otherwise)| {
                let (open, close) = match cond {
                    "for" => ("for i in [1, 2]".to_owned(), "endfor"),
                    c => (format!("if {c}"), "endif"),
                };
                let otherwise = otherwise
                    .map(|o| format!("{{%{} else {}%}}{o}", t[2], t[3]))
                    .unwrap_or_default();
                format!(
                    "{{%{} {open} {}%}}{then}{otherwise}{{%{} {close} {}%}}",
                    t[0], t[1], t[4], t[5]
                )
            },
        )
    }

    /// Whatever the template, Tera prints the same from it with its blocks on `tr` decided
    /// as from it as written, `tr` true and false. 512 templates from a fixed seed.
    #[test]
    fn tera_prints_the_same_with_the_blocks_decided() {
        use proptest::prelude::*;
        let inner = proptest::collection::vec(piece(), 0..4).prop_map(|p| p.concat());
        let body = proptest::collection::vec(prop_oneof![2 => piece(), 1 => block(inner)], 0..4)
            .prop_map(|p| p.concat());
        let segment = prop_oneof![2 => piece(), 2 => block(body)];
        let mut runner = super::super::seeded_runner();
        let (compared, decided) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        let templates = (proptest::collection::vec(segment, 0..8), any::<bool>());
        let result = runner.run(&templates, |(segments, u)| {
            let source: String = segments.concat();
            for value in [false, true] {
                let mut context = tera::Context::new();
                context.insert("tr", &value);
                context.insert("u", &u);
                context.insert("v", "x");
                let render = |source: &str| {
                    let mut tera = tera::Tera::new();
                    tera.add_raw_template("t", source).ok()?;
                    tera.render("t", &context).ok()
                };
                let Some(printed) = render(&source) else {
                    continue;
                };
                compared.set(compared.get() + 1);
                if let Some(written) = decide(&source, &tr(value)) {
                    decided.set(decided.get() + 1);
                    prop_assert_eq!(
                        render(&written),
                        Some(printed),
                        "{:?} -> {:?}",
                        source,
                        written
                    );
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        // Of 1,024 renders (512 templates, `tr` both ways), most compile and are decided.
        assert!(compared.get() > 600, "{} {}", compared.get(), decided.get());
        assert!(decided.get() > 200, "{}", decided.get());
    }
}
