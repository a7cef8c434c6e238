//! The attribute readers of the description parser: numbers, edges, flags, styles and
//! alignments, each refusing what it does not know with the line of its element.

use roxmltree::Node;

use crate::render::pdf::doc::{Align, Edges, Fixed, Style, VAlign};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::parse::Cx;

impl Cx<'_> {
    /// 1-based line of a node.
    pub(super) fn line(&self, node: Node<'_, '_>) -> u32 {
        self.lines.at(node.range().start)
    }

    /// A description error at `node`.
    pub(super) fn err(&self, node: Node<'_, '_>, message: String) -> PdfError {
        PdfError::Description {
            line: self.line(node),
            message,
        }
    }

    /// Fails unless `node` is the element `name`.
    pub(super) fn expect_name(&self, node: Node<'_, '_>, name: &str) -> Result<(), PdfError> {
        if node.tag_name().name() == name {
            Ok(())
        } else {
            Err(self.err(
                node,
                format!("expected <{name}>, found <{}>", node.tag_name().name()),
            ))
        }
    }

    /// Fails if `node` has an attribute outside `allowed`.
    pub(super) fn allow(&self, node: Node<'_, '_>, allowed: &[&str]) -> Result<(), PdfError> {
        match node.attributes().find(|a| !allowed.contains(&a.name())) {
            Some(a) => Err(self.err(
                node,
                format!(
                    "<{}> has no attribute {:?}",
                    node.tag_name().name(),
                    a.name()
                ),
            )),
            None => Ok(()),
        }
    }

    /// A numeric attribute, or `default` when absent.
    pub(super) fn num_or(
        &self,
        node: Node<'_, '_>,
        name: &str,
        default: f32,
    ) -> Result<f32, PdfError> {
        match node.attribute(name) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .ok_or_else(|| self.err(node, format!("{name}={v:?} is not a length in points"))),
        }
    }

    /// A signed numeric attribute (an offset that may point left or up), or 0 when absent.
    pub(super) fn offset(&self, node: Node<'_, '_>, name: &str) -> Result<f32, PdfError> {
        match node.attribute(name) {
            None => Ok(0.0),
            Some(v) => v
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(|| self.err(node, format!("{name}={v:?} is not an offset in points"))),
        }
    }

    /// Four signed offsets in CSS order (1, 2 or 4 numbers), or zeros when absent.
    pub(super) fn offsets(&self, node: Node<'_, '_>, name: &str) -> Result<Edges, PdfError> {
        let Some(v) = node.attribute(name) else {
            return Ok(Edges::default());
        };
        let nums: Option<Vec<f32>> = v
            .split_whitespace()
            .map(|p| p.parse::<f32>().ok().filter(|n| n.is_finite()))
            .collect();
        match nums.as_deref() {
            Some([a]) => Ok(Edges {
                top: *a,
                right: *a,
                bottom: *a,
                left: *a,
            }),
            Some([v, h]) => Ok(Edges {
                top: *v,
                right: *h,
                bottom: *v,
                left: *h,
            }),
            Some([t, r, b, l]) => Ok(Edges {
                top: *t,
                right: *r,
                bottom: *b,
                left: *l,
            }),
            _ => Err(self.err(
                node,
                format!("{name}={v:?} needs 1, 2 or 4 offsets in points"),
            )),
        }
    }

    /// A list of non-negative numbers separated by spaces.
    pub(super) fn nums(
        &self,
        node: Node<'_, '_>,
        name: &str,
        v: &str,
    ) -> Result<Vec<f32>, PdfError> {
        v.split_whitespace()
            .map(|p| {
                p.parse::<f32>()
                    .ok()
                    .filter(|n| n.is_finite() && *n >= 0.0)
                    .ok_or_else(|| self.err(node, format!("{name}={v:?}: {p:?} is not a length")))
            })
            .collect()
    }

    /// Edges given CSS-style as 1, 2 or 4 numbers, or `default` when absent.
    pub(super) fn edges_or(
        &self,
        node: Node<'_, '_>,
        name: &str,
        default: Edges,
    ) -> Result<Edges, PdfError> {
        let Some(v) = node.attribute(name) else {
            return Ok(default);
        };
        match self.nums(node, name, v)?.as_slice() {
            [a] => Ok(Edges {
                top: *a,
                right: *a,
                bottom: *a,
                left: *a,
            }),
            [v, h] => Ok(Edges {
                top: *v,
                right: *h,
                bottom: *v,
                left: *h,
            }),
            [t, r, b, l] => Ok(Edges {
                top: *t,
                right: *r,
                bottom: *b,
                left: *l,
            }),
            _ => Err(self.err(node, format!("{name}={v:?} needs 1, 2 or 4 lengths"))),
        }
    }

    /// A `true`/`false` attribute, or `default` when absent.
    pub(super) fn flag_or(
        &self,
        node: Node<'_, '_>,
        name: &str,
        default: bool,
    ) -> Result<bool, PdfError> {
        match node.attribute(name) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(v) => Err(self.err(node, format!("{name}={v:?} must be true or false"))),
        }
    }

    /// The style of `node`: `size`, `bold` and `leading` override `parent`.
    pub(super) fn style(&self, node: Node<'_, '_>, parent: Style) -> Result<Style, PdfError> {
        Ok(Style {
            size: self.num_or(node, "size", parent.size)?,
            bold: self.flag_or(node, "bold", parent.bold)?,
            leading: self.num_or(node, "leading", parent.leading)?,
        })
    }

    /// The `align` attribute.
    pub(super) fn align(&self, node: Node<'_, '_>, default: Align) -> Result<Align, PdfError> {
        match node.attribute("align") {
            None => Ok(default),
            Some("left") => Ok(Align::Left),
            Some("center") => Ok(Align::Center),
            Some("right") => Ok(Align::Right),
            Some("justify") => Ok(Align::Justify),
            Some(v) => Err(self.err(node, format!("align={v:?}: left, center, right or justify"))),
        }
    }

    /// The `valign` attribute.
    pub(super) fn valign(&self, node: Node<'_, '_>, default: VAlign) -> Result<VAlign, PdfError> {
        match node.attribute("valign") {
            None => Ok(default),
            Some("middle") => Ok(VAlign::Middle),
            Some("top") => Ok(VAlign::Top),
            Some("bottom") => Ok(VAlign::Bottom),
            Some(v) => Err(self.err(node, format!("valign={v:?}: top, middle or bottom"))),
        }
    }

    /// A `<text>` of the furniture.
    pub(super) fn fixed(&self, node: Node<'_, '_>, parent: Style) -> Result<Fixed, PdfError> {
        self.expect_name(node, "text")?;
        self.allow(node, &["x", "y", "align", "size", "bold"])?;
        Ok(Fixed {
            x: self.num_or(node, "x", 0.0)?,
            y: self.num_or(node, "y", 0.0)?,
            align: self.align(node, Align::Left)?,
            style: self.style(node, parent)?,
            text: node.text().unwrap_or_default().trim().to_owned(),
            line: self.line(node),
        })
    }
}
