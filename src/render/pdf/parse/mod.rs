//! Parses a PDF description (the XML that a `*.pdf.tera` template emits) into the typed
//! [`Document`] tree. The format is documented in `templates/README.md`.
//!
//! Strict by design: an unknown element, attribute or value is an error with its line, so
//! that a typo in a template fails loudly instead of silently changing the layout. This
//! module does no measuring and no placing.

mod attrs;

use roxmltree::Node;

use crate::render::pdf::doc::{
    Align, Block, Borders, Boxed, Cell, Content, Document, Edges, Para, Row, Style, Table, VAlign,
};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::inline::inlines;
use crate::render::pdf::lines::Lines;

/// Width and height of an A4 landscape page, in points.
const A4_LANDSCAPE: (f32, f32) = (841.89, 595.276);

/// Parses a whole description.
///
/// # Errors
/// [`PdfError::Description`] naming the line of the first problem.
pub(crate) fn parse(text: &str) -> Result<Document, PdfError> {
    let xml = roxmltree::Document::parse(text).map_err(|e| PdfError::Description {
        line: e.pos().row,
        message: e.to_string(),
    })?;
    let root = xml.root_element();
    let lines = Lines::new(text);
    let cx = Cx { lines: &lines };
    cx.expect_name(root, "document")?;
    cx.allow(
        root,
        &["width", "height", "margin", "size", "bold", "leading"],
    )?;
    let style = cx.style(
        root,
        Style {
            size: 9.0,
            bold: false,
            leading: 1.15,
        },
    )?;
    let mut doc = Document {
        width: cx.num_or(root, "width", A4_LANDSCAPE.0)?,
        height: cx.num_or(root, "height", A4_LANDSCAPE.1)?,
        margin: cx.edges_or(
            root,
            "margin",
            Edges {
                top: 36.0,
                right: 36.0,
                bottom: 36.0,
                left: 36.0,
            },
        )?,
        furniture: Vec::new(),
        sections: Vec::new(),
    };
    for child in root.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "furniture" => {
                for t in child.children().filter(Node::is_element) {
                    doc.furniture.push(cx.fixed(t, style)?);
                }
            }
            "page" => {
                cx.allow(child, &[])?;
                let mut blocks = Vec::new();
                for b in child.children().filter(Node::is_element) {
                    blocks.push(cx.block(b, style)?);
                }
                doc.sections.push(blocks);
            }
            other => return Err(cx.err(child, format!("unexpected <{other}> in <document>"))),
        }
    }
    Ok(doc)
}

/// Parsing context: the line index of the description, for line numbers.
pub(super) struct Cx<'a> {
    /// Where the description's lines start.
    lines: &'a Lines,
}

impl Cx<'_> {
    /// One block of a `<page>`.
    fn block(&self, node: Node<'_, '_>, parent: Style) -> Result<Block, PdfError> {
        match node.tag_name().name() {
            "p" => {
                self.allow(
                    node,
                    &["size", "bold", "leading", "align", "indent", "width"],
                )?;
                let style = self.style(node, parent)?;
                Ok(Block::Para(Para {
                    inlines: inlines(self.lines, node, style.bold)?,
                    style,
                    align: self.align(node, Align::Left)?,
                    indent: self.num_or(node, "indent", 0.0)?,
                    width: node
                        .attribute("width")
                        .map(|_| self.num_or(node, "width", 0.0))
                        .transpose()?,
                }))
            }
            "space" => {
                self.allow(node, &["h"])?;
                Ok(Block::Space(self.num_or(node, "h", 0.0)?))
            }
            "table" => self.table(node, parent).map(Block::Table),
            "keep" => {
                self.allow(node, &[])?;
                let mut blocks = Vec::new();
                for b in node.children().filter(Node::is_element) {
                    blocks.push(self.block(b, parent)?);
                }
                Ok(Block::Keep(blocks))
            }
            "box" => {
                self.allow(node, &["x", "width", "pad-bottom"])?;
                let mut blocks = Vec::new();
                for b in node.children().filter(Node::is_element) {
                    blocks.push(self.block(b, parent)?);
                }
                Ok(Block::Boxed(Boxed {
                    x: self.num_or(node, "x", 0.0)?,
                    width: node
                        .attribute("width")
                        .map(|_| self.num_or(node, "width", 0.0))
                        .transpose()?,
                    pad_bottom: self.num_or(node, "pad-bottom", 0.0)?,
                    blocks,
                }))
            }
            other => Err(self.err(node, format!("unexpected <{other}> in <page>"))),
        }
    }

    /// A `<table>` with its rows.
    fn table(&self, node: Node<'_, '_>, parent: Style) -> Result<Table, PdfError> {
        self.allow(
            node,
            &[
                "x", "widths", "frame", "border", "pad", "size", "bold", "leading", "valign",
            ],
        )?;
        let style = self.style(node, parent)?;
        let widths = self.nums(node, "widths", node.attribute("widths").unwrap_or_default())?;
        if widths.is_empty() {
            return Err(self.err(node, "<table> needs widths=\"w1 w2 ...\"".to_owned()));
        }
        let defaults = CellDefaults {
            style,
            border: self.borders(node, "all")?,
            pad: self.edges_or(
                node,
                "pad",
                Edges {
                    top: 2.0,
                    right: 1.417,
                    bottom: 2.0,
                    left: 1.417,
                },
            )?,
            valign: self.valign(node, VAlign::Middle)?,
        };
        let mut rows = Vec::new();
        for r in node.children().filter(Node::is_element) {
            rows.push(self.row(r, &defaults, widths.len())?);
        }
        Ok(Table {
            x: self.num_or(node, "x", 0.0)?,
            widths,
            rows,
            frame: self.flag_or(node, "frame", false)?,
        })
    }

    /// The `border` attribute: `all`, `none` or letters among `t r b l`.
    fn borders(&self, node: Node<'_, '_>, default: &str) -> Result<Borders, PdfError> {
        let v = node.attribute("border").unwrap_or(default);
        match v {
            "all" => {
                return Ok(Borders {
                    top: true,
                    right: true,
                    bottom: true,
                    left: true,
                });
            }
            "none" => return Ok(Borders::default()),
            _ => {}
        }
        let mut b = Borders::default();
        for c in v.chars() {
            match c {
                't' => b.top = true,
                'r' => b.right = true,
                'b' => b.bottom = true,
                'l' => b.left = true,
                _ => return Err(self.err(node, format!("border={v:?}: use all, none or t/r/b/l"))),
            }
        }
        Ok(b)
    }

    /// A `<row>` and its cells.
    fn row(&self, node: Node<'_, '_>, d: &CellDefaults, columns: usize) -> Result<Row, PdfError> {
        self.expect_name(node, "row")?;
        self.allow(
            node,
            &[
                "header", "height", "size", "bold", "leading", "border", "pad", "valign",
            ],
        )?;
        let d = CellDefaults {
            style: self.style(node, d.style)?,
            border: if node.has_attribute("border") {
                self.borders(node, "all")?
            } else {
                d.border
            },
            pad: self.edges_or(node, "pad", d.pad)?,
            valign: self.valign(node, d.valign)?,
        };
        let mut cells = Vec::new();
        for c in node.children().filter(Node::is_element) {
            cells.push(self.cell(c, &d)?);
        }
        let spans: usize = cells.iter().map(|c| c.span).sum();
        if spans != columns {
            return Err(self.err(
                node,
                format!("row spans {spans} columns, table has {columns}"),
            ));
        }
        Ok(Row {
            header: self.flag_or(node, "header", false)?,
            min_height: self.num_or(node, "height", 0.0)?,
            cells,
            line: self.line(node),
        })
    }

    /// A `<cell>`: text, or a single `<check/>`.
    fn cell(&self, node: Node<'_, '_>, d: &CellDefaults) -> Result<Cell, PdfError> {
        self.expect_name(node, "cell")?;
        self.allow(
            node,
            &[
                "span", "align", "valign", "pad", "indent", "rise", "border", "inset", "box",
                "fill", "size", "bold", "leading",
            ],
        )?;
        let style = self.style(node, d.style)?;
        let check = node.children().find(|c| c.has_tag_name("check"));
        let content = match check {
            Some(c) => {
                self.allow(c, &["checked", "size"])?;
                Content::Check {
                    checked: self.flag_or(c, "checked", false)?,
                    size: self.num_or(c, "size", 10.0)?,
                }
            }
            None => Content::Text(inlines(self.lines, node, style.bold)?),
        };
        let span = match node.attribute("span") {
            None => 1,
            Some(v) => v.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                self.err(
                    node,
                    format!("span={v:?} must be a whole number of columns"),
                )
            })?,
        };
        let valign = self.valign(node, d.valign)?;
        let fill = match node.attribute("fill") {
            None => None,
            Some(_) => Some(self.num_or(node, "fill", 1.0)?.min(1.0)),
        };
        Ok(Cell {
            span,
            content,
            style,
            align: self.align(node, Align::Left)?,
            valign,
            pad: self.edges_or(node, "pad", d.pad)?,
            indent: self.offset(node, "indent")?,
            rise: self.offset(node, "rise")?,
            inset: self.offsets(node, "inset")?,
            frame: match node.attribute("box") {
                None => None,
                Some(v) => match self.nums(node, "box", v)?.as_slice() {
                    [w, h] => Some((*w, *h)),
                    _ => {
                        return Err(self.err(node, format!("box={v:?} needs a width and a height")));
                    }
                },
            },
            border: if node.has_attribute("border") {
                self.borders(node, "all")?
            } else {
                d.border
            },
            fill,
        })
    }
}

/// What a cell inherits from its table and row.
struct CellDefaults {
    /// Font.
    style: Style,
    /// Rules.
    border: Borders,
    /// Padding.
    pad: Edges,
    /// Vertical alignment.
    valign: VAlign,
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::render::pdf::doc::{Block, Content, Inline};
    use crate::render::pdf::error::PdfError;

    #[test]
    fn parses_a_table_with_inherited_style() {
        let doc = parse(
            r#"<document size="8"><page><table widths="10 20" bold="true">
            <row header="true"><cell span="2" align="center">Head &amp; more</cell></row>
            <row><cell><check checked="true"/></cell><cell size="7" bold="false">x</cell></row>
            </table></page></document>"#,
        )
        .expect("valid");
        let Block::Table(t) = &doc.sections[0][0] else {
            panic!("table expected")
        };
        assert_eq!(t.widths, vec![10.0, 20.0]);
        assert!(t.rows[0].header);
        let head = &t.rows[0].cells[0];
        assert!(head.style.bold);
        assert_eq!(head.style.size, 8.0);
        assert_eq!(
            head.content,
            Content::Text(vec![Inline::Text {
                text: "Head & more".into(),
                bold: true,
                line: 2
            }])
        );
        assert_eq!(
            t.rows[1].cells[0].content,
            Content::Check {
                checked: true,
                size: 10.0
            }
        );
        assert_eq!(t.rows[1].cells[1].style.size, 7.0);
    }

    #[test]
    fn rejects_unknown_attributes_with_their_line() {
        let err = parse("<document>\n<page>\n<p colour=\"red\">x</p></page></document>");
        match err {
            Err(PdfError::Description { line, message }) => {
                assert_eq!(line, 3);
                assert!(message.contains("colour"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn rejects_rows_that_do_not_span_the_table() {
        let err = parse(
            r#"<document><page><table widths="1 2"><row><cell/></row></table></page></document>"#,
        );
        assert!(
            matches!(err, Err(PdfError::Description { line: 1, .. })),
            "{err:?}"
        );
    }
}
