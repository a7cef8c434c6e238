//! Phase 1, Parts IV and V: the HDRs and the confirmations (standard, not applicable, or the
//! issuer's amended items with their Chinese), every problem recorded.

use crate::input::tree::{Node, Value};
use crate::model::{Confirmations, Hdr, Src, Text};
use crate::validate::read::{Fields, Reader, index};
use crate::vocab::CONFIRMATIONS;

impl Reader {
    /// Part IV, or `None` when it is not applicable.
    pub(crate) fn hdr(&mut self, f: &mut Fields<'_>) -> Option<Option<Hdr>> {
        let node = self.require(f, "hdr", "Part IV, or not_applicable")?;
        if Self::is_not_applicable(node) {
            return Some(None);
        }
        let path = f.path_of("hdr");
        let mut h = self.fields(node, &path)?;
        let stock_code = self
            .require(&mut h, "stock_code", "the HDRs' stock code")
            .and_then(|n| self.stock_code(n, &format!("{path}.stock_code")));
        let description = self
            .text_pair_at(&mut h, "description", "description_zh")
            .unwrap_or_default();
        let hdrs = self.balance_at(&mut h, "hdrs", "the number of HDRs in issue");
        self.finish(h);
        Some(Some(Hdr {
            stock_code: stock_code?,
            description,
            hdrs: hdrs?,
            src: Src {
                loc: node.loc,
                path,
            },
        }))
    }

    /// The Chinese of the amended confirmation items: a list as long as theirs.
    fn chinese_items(&mut self, node: &Node, count: usize) -> Option<Vec<Option<String>>> {
        let items = self.list(node, "confirmations_zh")?;
        if items.len() != count {
            self.report
                .error(
                    node.loc,
                    "confirmations_zh",
                    format!(
                        "`confirmations_zh` has {} items, `confirmations` {count}",
                        items.len()
                    ),
                )
                .hint("give the Chinese of each item of `confirmations`, in the same order");
            return None;
        }
        items
            .iter()
            .enumerate()
            .map(|(i, n)| self.text(n, &index("confirmations_zh", i)).map(Some))
            .collect()
    }

    /// Part V.
    pub(crate) fn confirmations(&mut self, f: &mut Fields<'_>) -> Option<Confirmations> {
        let node = self.require(
            f,
            "confirmations",
            "standard, not_applicable, or a list of amended items",
        )?;
        let chinese = self.get(f, "confirmations_zh");
        if let Value::Seq(items) = &node.value {
            let chinese = match chinese {
                Some(n) => self.chinese_items(n, items.len())?,
                None => vec![None; items.len()],
            };
            let mut out = Vec::new();
            for (i, (item, zh)) in items.iter().zip(chinese).enumerate() {
                let path = index("confirmations", i);
                out.push(Text {
                    en: self.text(item, &path)?,
                    zh,
                    src: Src {
                        loc: item.loc,
                        path,
                    },
                    zh_path: index("confirmations_zh", i),
                });
            }
            return Some(Confirmations::Amended(out));
        }
        if let Some(n) = chinese {
            self.report
                .error(
                    n.loc,
                    "confirmations_zh",
                    "`confirmations_zh` is the Chinese of amended confirmation items, but `confirmations` is not a list of items",
                )
                .hint("remove it: the form's standard items are printed in Chinese by hkret");
        }
        let standard = self.choice(node, "confirmations", CONFIRMATIONS)?;
        Some(if standard {
            Confirmations::Standard
        } else {
            Confirmations::NotApplicable
        })
    }
}
