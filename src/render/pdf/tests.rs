//! Engine tests on hand-written descriptions: wrapping, alignment, row growth, page
//! breaks with repeated headers, flowing paragraphs, containment of every placed item,
//! missing glyphs and deterministic bytes.

use crate::render::pdf::page::{Item, Page};
use crate::render::pdf::{PdfError, PdfMeta, PdfOptions, PdfaLevel, dump, layout, pdf};

/// Texts of a page, in placing order.
fn texts(page: &Page) -> Vec<&str> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Asserts that every item lies on its page and every text inside its bounds.
pub(crate) fn assert_contained(pages: &[Page]) {
    for (n, page) in pages.iter().enumerate() {
        let sheet = page.sheet();
        for item in &page.items {
            assert!(
                sheet.contains(&item.extent(), 0.01),
                "page {}: {item:?} off the page",
                n + 1
            );
            if let Item::Text { bounds, .. } = item {
                assert!(
                    sheet.contains(bounds, 0.01),
                    "page {}: bounds off the page",
                    n + 1
                );
                assert!(
                    bounds.contains(&item.extent(), 0.05),
                    "page {}: {item:?} outside its box",
                    n + 1
                );
            }
        }
    }
}

/// Metadata for test documents.
pub(crate) fn meta() -> PdfMeta {
    PdfMeta {
        title: "Test".into(),
        author: "Moon Inc.".into(),
        subject: None,
        keywords: vec!["01723".into()],
        language: "en".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 2, 2)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("valid date"),
        source: None,
    }
}

const GRID: &str = r#"<document margin="36 22 50 22">
<furniture><text x="420.9" y="560" align="center">Page {page} of {pages}</text></furniture>
<page><table widths="200 100">
<row header="true" bold="true"><cell>Head</cell><cell align="right">Figure</cell></row>
{rows}
</table></page></document>"#;

fn grid(rows: usize, label: &str) -> String {
    let body: String = (0..rows)
        .map(|i| format!("<row height=\"18\"><cell>{label} {i}</cell><cell align=\"right\">{i},000</cell></row>\n"))
        .collect();
    GRID.replace("{rows}", &body)
}

#[test]
fn right_aligned_figures_end_at_the_padding() {
    let pages = layout(&grid(3, "row")).expect("layout");
    let ends: Vec<f32> = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, x, width, .. } if text.ends_with(",000") => Some(x + width),
            _ => None,
        })
        .collect();
    assert_eq!(ends.len(), 3);
    // Left margin 22 + 300 of columns - 1.417 of padding.
    assert!(ends.iter().all(|e| (e - 320.583).abs() < 0.01), "{ends:?}");
}

#[test]
fn rows_grow_to_fit_wrapped_text() {
    let long = "Convertible Notes in the aggregate principal amount of HK$52,377,600 issued under general mandate";
    let pages = layout(&grid(1, long)).expect("layout");
    let lines = texts(&pages[0])
        .iter()
        .filter(|t| !t.contains(",000") && **t != "Head" && **t != "Figure")
        .count();
    assert!(lines >= 3, "wrapped into {lines} lines");
    let bottom = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rule { y1, y2, .. } => Some(y1.max(*y2)),
            _ => None,
        })
        .fold(0.0_f32, f32::max);
    assert!(
        bottom > 36.0 + 14.35 + 18.0 + 5.0,
        "row did not grow: bottom {bottom}"
    );
    assert_contained(&pages);
}

#[test]
fn long_tables_continue_with_their_header_repeated() {
    let pages = layout(&grid(60, "row")).expect("layout");
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for page in &pages {
        assert_eq!(texts(page).first().copied(), Some("Head"));
    }
    let all: Vec<&str> = pages.iter().flat_map(texts).collect();
    for i in 0..60 {
        assert!(all.contains(&format!("row {i}").as_str()), "row {i} lost");
    }
    let last = pages.len();
    assert!(all.contains(&format!("Page {last} of {last}").as_str()));
    assert_contained(&pages);
}

#[test]
fn long_paragraphs_and_cells_flow_over_pages() {
    let words = "lorem ipsum dolor sit amet consectetur ".repeat(900);
    let desc = format!(
        r#"<document><page><p>{words}</p><table widths="300 400"><row><cell>Remarks</cell><cell>{words}</cell></row></table></page></document>"#
    );
    let pages = layout(&desc).expect("layout");
    assert!(pages.len() > 6, "{} pages", pages.len());
    let placed: usize = pages
        .iter()
        .flat_map(texts)
        .map(|t| t.split_whitespace().count())
        .sum();
    assert_eq!(placed, 2 * 5400 + 1);
    assert_contained(&pages);
}

#[test]
fn shaded_cells_and_checkboxes_are_placed() {
    let desc = r#"<document><page><table widths="20 300">
      <row><cell><check checked="true"/></cell><cell fill="0.918">complied</cell></row>
    </table></page></document>"#;
    let pages = layout(desc).expect("layout");
    let items = &pages[0].items;
    assert!(items.iter().any(|i| matches!(i, Item::Check { .. })));
    assert!(
        items
            .iter()
            .any(|i| matches!(i, Item::Text { text, .. } if text == "\u{2714}"))
    );
    assert!(
        items
            .iter()
            .any(|i| matches!(i, Item::Fill { gray, .. } if (*gray - 0.918).abs() < 1e-6))
    );
}

#[test]
fn a_character_no_font_has_is_an_error() {
    let desc = "<document><page>\n<p>Issuer: Moon \u{1F315} Inc.</p></page></document>";
    match layout(desc) {
        Err(PdfError::MissingGlyph { ch, text, line }) => {
            assert_eq!(ch, '\u{1F315}');
            assert_eq!(text, "Issuer: Moon \u{1F315} Inc.");
            assert_eq!(line, 2);
        }
        other => panic!("expected a missing glyph, got {other:?}"),
    }
}

#[test]
fn chinese_text_is_set_in_the_fallback_face() {
    let pages =
        layout("<document><page><p>月亮公司 Moon Inc.</p></page></document>").expect("layout");
    assert!(dump(&pages).contains("C9 \"月亮公司\""), "{}", dump(&pages));
}

#[test]
fn same_description_same_bytes_at_every_level() {
    let desc = grid(40, "row 月");
    for level in [PdfaLevel::A1b, PdfaLevel::A2b, PdfaLevel::A3b] {
        let opts = PdfOptions { pdfa: level };
        let a = pdf(&desc, &meta(), &opts).expect("pdf");
        let b = pdf(&desc, &meta(), &opts).expect("pdf");
        assert!(a.starts_with(b"%PDF-"));
        assert!(a == b, "level {level} not deterministic");
    }
}

/// Baseline and left end of each text run of the first page, in placing order.
fn placed(pages: &[Page]) -> Vec<(f32, f32, String)> {
    pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_cell_indent_moves_only_its_first_line_and_narrows_it() {
    let words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
    let doc = |indent: &str| {
        format!(
            r#"<document><page><table widths="40 150" valign="top"><row><cell>(viii)</cell><cell pad="0 0 0 5"{indent}>{words}</cell></row></table></page></document>"#
        )
    };
    let plain = placed(&layout(&doc("")).expect("layout"));
    let hung = placed(&layout(&doc(r#" indent="-3""#)).expect("layout"));
    let pushed = layout(&doc(r#" indent="20""#)).expect("layout");
    assert_contained(&pushed);
    let pushed = placed(&pushed);
    assert!((hung[1].0 - (plain[1].0 - 3.0)).abs() < 0.01, "{hung:?}");
    assert!((hung[2].0 - plain[2].0).abs() < 0.01, "{hung:?}");
    assert!(
        (pushed[1].0 - (plain[1].0 + 20.0)).abs() < 0.01,
        "{pushed:?}"
    );
    // 20 pt less room on the first line: it holds fewer words, and no line holds more.
    assert!(pushed[1].2.len() < plain[1].2.len(), "{pushed:?}");
    assert!(pushed.len() >= plain.len());
}

#[test]
fn a_cell_rise_lifts_its_text_and_its_box_and_nothing_else() {
    let doc = |rise: &str| {
        format!(
            r#"<document><page><space h="20"/><table widths="30 150" valign="top"><row><cell{rise}>．</cell><cell>the securities</cell></row></table></page></document>"#
        )
    };
    let plain = placed(&layout(&doc("")).expect("layout"));
    let raised = layout(&doc(r#" rise="1.197""#)).expect("layout");
    assert_contained(&raised);
    let raised = placed(&raised);
    assert!(
        (raised[0].1 - (plain[0].1 - 1.197)).abs() < 0.001,
        "{raised:?}"
    );
    assert!((raised[0].0 - plain[0].0).abs() < 0.001);
    assert_eq!(raised[1], plain[1], "the other cell stays");
    let lowered = placed(&layout(&doc(r#" rise="-2""#)).expect("layout"));
    assert!(
        (lowered[0].1 - (plain[0].1 + 2.0)).abs() < 0.001,
        "{lowered:?}"
    );
}

#[test]
fn middle_aligned_text_sits_as_high_as_the_form_sets_it_but_inside_its_padding() {
    let doc = |height: &str| {
        format!(
            r#"<document margin="30 20" leading="1.2"><page><table widths="100 100" pad="0 1.417"><row height="{height}"><cell>Top</cell><cell valign="bottom">Low</cell></row></table></page></document>"#
        )
    };
    let roomy = placed(&layout(&doc("18.142")).expect("layout"));
    // Row top 30: centred line box 10.8 high at 3.671, baseline 0.9465 em
    // into it, raised 0.0565 em.
    let want = 30.0 + (18.142 - 10.8) / 2.0 + 9.0 * 0.9465 - 9.0 * 0.0565;
    assert!((roomy[0].1 - want).abs() < 0.02, "{roomy:?}");
    // A row just the glyphs' height leaves no room to raise them.
    let tight = layout(&doc("10.06")).expect("layout");
    assert_contained(&tight);
}

#[test]
fn an_inset_moves_a_cells_rules_inside_or_outside_its_edges() {
    let pages = layout(
        r#"<document margin="30 20"><page><table widths="50 100"><row height="20"><cell border="b" inset="0 10 0 0">HKD</cell><cell border="b" inset="0 -1 0 -8">5</cell></row></table></page></document>"#,
    )
    .expect("layout");
    let rules: Vec<(f32, f32, f32, f32)> = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rule { x1, y1, x2, y2 } => Some((*x1, *y1, *x2, *y2)),
            _ => None,
        })
        .collect();
    // Two underlines at the row's bottom, 2 pt apart: 20..60 and 62..171.
    assert_eq!(rules.len(), 2, "{rules:?}");
    let close = |a: f32, b: f32| (a - b).abs() < 0.01;
    assert!(
        close(rules[0].0, 20.0) && close(rules[0].2, 60.0) && close(rules[0].1, 50.0),
        "{rules:?}"
    );
    assert!(
        close(rules[1].0, 62.0) && close(rules[1].2, 171.0) && close(rules[1].3, 50.0),
        "{rules:?}"
    );
}

#[test]
fn a_cell_box_is_drawn_from_its_top_left_corner_besides_its_rules() {
    let pages = layout(
        r#"<document margin="30 20"><page><table widths="50 100"><row height="25"><cell border="tlb" box="50 18">Issued</cell><cell border="trb"/></row></table></page></document>"#,
    )
    .expect("layout");
    let rules: Vec<(f32, f32, f32, f32)> = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rule { x1, y1, x2, y2 } => Some((*x1, *y1, *x2, *y2)),
            _ => None,
        })
        .collect();
    // The box's bottom at 30 + 18, its right side from 30 to 48 at x 70; no full divider.
    assert!(rules.contains(&(20.0, 48.0, 70.0, 48.0)), "{rules:?}");
    assert!(rules.contains(&(70.0, 30.0, 70.0, 48.0)), "{rules:?}");
    assert!(!rules.contains(&(70.0, 30.0, 70.0, 55.0)), "{rules:?}");
}

/// A description of three sections: notes that every return has, a section whose comment holds
/// what looks like its end tag, and the issuer's own; `margin` sets the page.
fn recurring(margin: &str, issuer: &str, last: &str) -> String {
    let notes = "Notes on the form, said the same for every issuer. ".repeat(40);
    format!(
        "<document margin=\"{margin}\">\n<furniture><text x=\"20\" y=\"580\">Page {{page}} of \
         {{pages}}</text></furniture>\n<page>\n<p align=\"justify\">{notes}</p>\n</page>\n\
         <page><!-- not the end: </page> -->\n<p>Part III: not applicable</p>\n{}</page>\n\
         <page>\n<p>{issuer}</p>\n{last}\n</page>\n</document>",
        table(60)
    )
}

/// A table of `rows` rows, with a header row.
fn table(rows: usize) -> String {
    let body: String = (0..rows)
        .map(|i| format!("<row height=\"18\"><cell>Row {i}</cell><cell align=\"right\">{i},000</cell></row>\n"))
        .collect();
    format!(
        "<table widths=\"200 100\">\n<row header=\"true\"><cell>Head</cell><cell>Figure</cell></row>\n{body}</table>\n"
    )
}

/// The layout as text, or the error as text: what a comparison needs of either.
fn shown(result: Result<Vec<Page>, PdfError>) -> String {
    match result {
        Ok(pages) => dump(&pages),
        Err(e) => format!("error: {e}"),
    }
}

/// The layout of `description` on a thread of its own, which has laid out nothing before.
fn fresh(description: &str) -> Result<Vec<Page>, PdfError> {
    let description = description.to_owned();
    std::thread::spawn(move || layout(&description))
        .join()
        .expect("no panic")
}

#[test]
fn a_recurring_section_makes_the_same_pages_as_laid_out_afresh() {
    let moon = recurring("36", "Moon Inc.", "");
    std::thread::spawn(move || {
        // Met once, then kept, then taken from what is kept.
        for issuer in ["Moon Inc.", "Sun Ltd.", "Star plc", "Comet Co."] {
            let description = recurring("36", issuer, "");
            let pages = layout(&description).expect("lays out");
            assert_eq!(pages, fresh(&description).expect("lays out"), "{issuer}");
            assert!(pages.len() >= 4, "the table flows over pages");
        }
        assert!(crate::render::pdf::sections::keeps_any());
        assert_eq!(shown(layout(&moon)), shown(fresh(&moon)));
        // Another page: nothing taken from the sections laid out with the first.
        let wider = recurring("20", "Moon Inc.", "");
        let pages = layout(&wider).expect("lays out");
        assert_eq!(pages, fresh(&wider).expect("lays out"));
        assert_ne!(dump(&pages), shown(layout(&moon)));
    })
    .join()
    .expect("no panic");
}

#[test]
fn an_error_after_a_recurring_section_names_its_own_line() {
    std::thread::spawn(|| {
        for issuer in ["Moon Inc.", "Sun Ltd."] {
            layout(&recurring("36", issuer, "")).expect("lays out");
        }
        let wrong = recurring("36", "Star plc", "<para>typo</para>");
        let expected = fresh(&wrong).expect_err("unknown element");
        assert!(
            matches!(expected, PdfError::Description { line, .. } if line > 60),
            "{expected:?}"
        );
        assert_eq!(shown(layout(&wrong)), shown(Err(expected)));
        let broken = recurring("36", "Star plc", "<p>unclosed");
        assert_eq!(shown(layout(&broken)), shown(fresh(&broken)));
        assert!(shown(layout(&broken)).starts_with("error:"));
    })
    .join()
    .expect("no panic");
}
