//! Phase 1, the layout: the one `version` names, or the one in force for the month ended. A
//! version the Exchange published but hkret does not draw, and one it never published, are told
//! apart; either way the known layouts are named.

use crate::input::tree::{Node, Value};
use crate::layout::Layout;
use crate::model::Dated;
use crate::validate::read::Reader;

impl Reader {
    /// The layout: the one `version` names, or the one in force for the month ended.
    pub(crate) fn layout(
        &mut self,
        version: Option<&Node>,
        month_ended: Option<&Dated>,
    ) -> Option<Layout> {
        let Some(node) = version else {
            let layout = month_ended.and_then(|m| Layout::in_force(m.date));
            if let (Some(m), None) = (month_ended, layout) {
                let first = Layout::all().next().map(|l| l.descriptor().from.clone());
                self.report
                    .error(
                        m.src.loc,
                        &m.src.path,
                        "no layout of form FF301 was in force for this month",
                    )
                    .hint(format!(
                        "the e-form began with month ended {}; give `version:` to choose one of {}",
                        first.unwrap_or_default(),
                        Layout::known()
                    ));
            }
            return layout;
        };
        let text = match &node.value {
            Value::Scalar { text, .. } => text.as_str(),
            _ => "",
        };
        let layout = Layout::by_version(text);
        if let (None, Some(p)) = (layout, crate::layout::published(text)) {
            self.report
                .error(
                    node.loc,
                    "version",
                    format!(
                        "form FF301 version {text} (seen on the return of {}) is a real version that hkret does not draw yet",
                        p.seen
                    ),
                )
                .hint(format!(
                    "hkret draws {}; leave `version` out to use the one in force for month_ended, or name one of them",
                    Layout::known()
                ))
                .code("version_not_drawn");
        } else if layout.is_none() {
            self.report
                .error(
                    node.loc,
                    "version",
                    format!("`{text}` is not a layout of the form that hkret knows"),
                )
                .hint(format!(
                    "the known layouts are {}; leave `version` out to use the one in force for month_ended",
                    Layout::known()
                ));
        }
        layout
    }
}
