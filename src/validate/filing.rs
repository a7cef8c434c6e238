//! Phase 1, header and Parts I and II: the YAML tree to model values, every problem recorded.
//! Parts IV and V are read in `parts_iv_v`.

use crate::input::tree::Node;
use crate::model::{
    Authorised, Balance, ClassOfShares, Confirmations, Counter, Dated, Filing, Issued, Layout,
    PublicFloat, ShareClass, Status, TypeOfShares,
};
use crate::validate::read::{Fields, Reader, index};
use crate::vocab::{CLASSES, STATUSES, TYPES};

impl Reader {
    /// Reads a whole return. Returns `None` when anything could not be read.
    pub(crate) fn filing(&mut self, root: &Node) -> Option<Filing> {
        let mut f = self.fields(root, "")?;
        if let Some(form) = self.require(&mut f, "form", "the form's name, FF301") {
            self.choice(form, "form", &[("FF301", ())]);
        }
        let version = self.get(&mut f, "version");
        let version_src = version.map(|n| self.src_of(&f, Some(n), "version"));
        let printed_version = self.text_at(&mut f, "printed_version");
        let month_ended = self.dated(&mut f, "month_ended", "the last day of the month reported");
        let layout = self.layout(version, month_ended.as_ref());
        let status = self
            .require(&mut f, "status", "new_submission or amendment")
            .and_then(|n| self.choice(n, "status", STATUSES));
        let date_submitted =
            self.dated(&mut f, "date_submitted", "the day the return is submitted");
        let issuer = self
            .require(&mut f, "issuer", "the issuer's name")
            .and_then(|n| self.fields(n, "issuer"));
        let (issuer_name, incorporation) = match issuer {
            Some(mut i) => {
                let name = self.required_text_pair(&mut i, "name", "name_zh", "the issuer's name");
                let inc = self.text_pair_at(&mut i, "incorporation", "incorporation_zh");
                self.finish(i);
                (name, inc)
            }
            None => (None, None),
        };
        let classes = self.classes(&mut f, layout);
        let authorised_remarks =
            self.text_pair_at(&mut f, "authorised_remarks", "authorised_remarks_zh");
        let authorised_totals = self.totals_by_currency(&mut f);
        let details = self.details(&mut f, classes.as_deref(), layout);
        let hdr = self.hdr(&mut f);
        let confirmations = self.confirmations(&mut f);
        let signer = self
            .require(&mut f, "submitted_by", "who submits the return")
            .and_then(|n| self.fields(n, "submitted_by"));
        let (submitted_by, title) = match signer {
            Some(mut s) => {
                let name = self.required_text_pair(
                    &mut s,
                    "name",
                    "name_zh",
                    "the name of the person submitting",
                );
                let title = self.required_text_pair(
                    &mut s,
                    "title",
                    "title_zh",
                    "the title, such as Company Secretary",
                );
                self.finish(s);
                (name, title)
            }
            None => (None, None),
        };
        self.finish(f);
        let layout = layout?;
        let details = details?;
        Some(Filing {
            layout,
            version_src,
            printed_version: printed_version.unwrap_or_else(|| layout.version().to_owned()),
            month_ended: month_ended?,
            status: status.unwrap_or(Status::NewSubmission),
            date_submitted: date_submitted?,
            // Fields no rule reads stand in blank when they failed (the failure is recorded, so
            // the filing is never returned as valid), so the rules can still run.
            issuer_name: issuer_name.unwrap_or_default(),
            incorporation,
            classes: classes?,
            authorised_remarks,
            // Stand-ins for what failed; its findings are set aside (`partial`).
            authorised_totals: authorised_totals.unwrap_or_default(),
            share_options: details.share_options,
            warrants: details.warrants,
            convertibles: details.convertibles,
            arrangements: details.arrangements,
            other_movements: details.other_movements,
            grand_totals: details.grand_totals,
            hdr: hdr.unwrap_or(None),
            confirmations: confirmations.unwrap_or(Confirmations::Standard),
            submitted_by: submitted_by.unwrap_or_default(),
            title: title.unwrap_or_default(),
        })
    }

    fn dated(&mut self, f: &mut Fields<'_>, key: &'static str, what: &str) -> Option<Dated> {
        let node = self.require(f, key, what)?;
        let src = self.src_of(f, Some(node), key);
        let date = self.date(node, &src.path)?;
        Some(Dated { date, src })
    }

    fn classes(&mut self, f: &mut Fields<'_>, layout: Option<Layout>) -> Option<Vec<ShareClass>> {
        let node = self.require(
            f,
            "share_classes",
            "a list with one entry per class of shares",
        )?;
        let items = self.list(node, "share_classes")?;
        if items.is_empty() {
            self.report.error(
                node.loc,
                "share_classes",
                "a return has at least one class of shares",
            );
            return None;
        }
        let mut classes = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.share_class(item, &index("share_classes", i), layout) {
                Some(c) => classes.push(c),
                None => ok = false,
            }
        }
        for (i, class) in classes.iter().enumerate() {
            if let Some(first) = classes[..i].iter().find(|c| c.id == class.id) {
                let line = first.src.loc.line;
                self.report
                    .error(class.src.loc, &class.src.path, format!("two classes have the id `{}`", class.id))
                    .hint(format!("the first is on line {line}; Part III entries name a class by its id, so each must differ"));
                ok = false;
            }
        }
        ok.then_some(classes)
    }

    fn share_class(
        &mut self,
        node: &Node,
        path: &str,
        layout: Option<Layout>,
    ) -> Option<ShareClass> {
        let mut f = self.fields(node, path)?;
        let id = self
            .require(&mut f, "id", "a short handle that Part III entries use")
            .and_then(|n| self.text(n, &format!("{path}.id")));
        let class_of_shares = self
            .require(&mut f, "class_of_shares", "the form's class of shares")
            .and_then(|n| self.choice(n, &format!("{path}.class_of_shares"), CLASSES));
        let type_of_shares = self
            .require(&mut f, "type_of_shares", "the form's type of shares")
            .and_then(|n| self.choice(n, &format!("{path}.type_of_shares"), TYPES));
        let listed = self
            .require(
                &mut f,
                "listed",
                "whether the class is listed on the Exchange",
            )
            .and_then(|n| self.boolean(n, &format!("{path}.listed")));
        let stock_code = match self.get(&mut f, "stock_code") {
            Some(n) => self
                .stock_code_of(n, &format!("{path}.stock_code"), listed)
                .map(Some),
            None => Some(None),
        };
        let counters = self.counters(&mut f);
        let description = self
            .text_pair_at(&mut f, "description", "description_zh")
            .unwrap_or_default();
        let authorised = self.authorised(&mut f);
        let issued = self.issued(&mut f, layout);
        let public_float = match self.get(&mut f, "public_float") {
            Some(n) => self
                .public_float(n, &format!("{path}.public_float"))
                .map(Some),
            None => Some(None),
        };
        let src = crate::model::Src {
            loc: node.loc,
            path: path.to_owned(),
        };
        self.finish(f);
        Some(ShareClass {
            id: id?,
            // Stand-ins when they failed: the class's rules are then set aside (`partial`).
            class_of_shares: class_of_shares.unwrap_or(ClassOfShares::Ordinary),
            type_of_shares: type_of_shares.unwrap_or(TypeOfShares::NotApplicable),
            listed: listed.unwrap_or(true),
            stock_code: stock_code.unwrap_or(None),
            counters: counters.unwrap_or_default(),
            description,
            authorised: authorised.unwrap_or(None),
            issued: issued.unwrap_or_else(|| Issued {
                excluding_treasury: Balance::default(),
                treasury: None,
                total: None,
            }),
            public_float: public_float.unwrap_or(None),
            src,
        })
    }

    fn counters(&mut self, f: &mut Fields<'_>) -> Option<Vec<Counter>> {
        let Some(node) = self.get(f, "multi_counters") else {
            return Some(Vec::new());
        };
        let path = f.path_of("multi_counters");
        let items = self.list(node, &path)?;
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = index(&path, i);
            let Some(mut c) = self.fields(item, &p) else {
                continue;
            };
            let code = self
                .require(&mut c, "stock_code", "the counter's five-digit stock code")
                .and_then(|n| self.stock_code(n, &format!("{p}.stock_code")));
            let currency = self.currency_at(&mut c, "currency");
            let description = self
                .text_pair_at(&mut c, "description", "description_zh")
                .unwrap_or_default();
            self.finish(c);
            if let (Some(stock_code), Some(currency)) = (code, currency) {
                out.push(Counter {
                    stock_code,
                    currency,
                    description,
                });
            }
        }
        (out.len() == items.len()).then_some(out)
    }

    fn authorised(&mut self, f: &mut Fields<'_>) -> Option<Option<Authorised>> {
        let node = self.require(f, "authorised", "Part I figures, or not_applicable")?;
        if Self::is_not_applicable(node) {
            return Some(None);
        }
        let mut a = self.fields(node, &f.path_of("authorised"))?;
        let shares = self.balance_at(
            &mut a,
            "shares",
            "the number of authorised/registered shares",
        );
        let par_value = self.money_at(&mut a, "par_value");
        if par_value.is_none() && !self.report.has_errors() {
            self.require(&mut a, "par_value", "the par value, { currency, amount }");
        }
        let capital = match self.get(&mut a, "capital") {
            Some(n) => self.fields(n, &a.path_of("capital")).map(|mut c| {
                let b = self.amount_balance(&mut c);
                self.finish(c);
                b
            }),
            None => Some(crate::model::AmountBalance::default()),
        };
        let capital_remark = self.text_pair_at(&mut a, "capital_remark", "capital_remark_zh");
        self.finish(a);
        Some(Some(Authorised {
            shares: shares?,
            par_value: par_value?,
            capital: capital?,
            capital_remark,
        }))
    }

    fn issued(&mut self, f: &mut Fields<'_>, layout: Option<Layout>) -> Option<Issued> {
        let node = self.require(f, "issued", "Part II figures")?;
        let mut i = self.fields(node, &f.path_of("issued"))?;
        // Without a layout (its version failed), the shape written decides, so that one
        // mistake in `version` does not also report every Part II as malformed.
        let one_column = layout.map_or_else(|| i.has("shares"), |l| !l.has_treasury());
        let issued = if one_column {
            let shares = self.balance_at(&mut i, "shares", "the number of issued shares");
            shares.map(|excluding_treasury| Issued {
                excluding_treasury,
                treasury: None,
                total: None,
            })
        } else {
            let excl = self.balance_at(
                &mut i,
                "excluding_treasury",
                "issued shares excluding treasury shares",
            );
            let tsy = self.balance_at(&mut i, "treasury", "treasury shares (0 when none)");
            let total = match self.get(&mut i, "total") {
                Some(n) => self.fields(n, &i.path_of("total")).map(|mut t| {
                    let pair = (
                        self.unsigned_at(&mut t, "preceding"),
                        self.unsigned_at(&mut t, "closing"),
                    );
                    self.finish(t);
                    Some(pair)
                }),
                None => Some(None),
            };
            match (excl, tsy, total) {
                (Some(e), Some(t), Some(total)) => Some(Issued {
                    excluding_treasury: e,
                    treasury: Some(t),
                    total,
                }),
                _ => None,
            }
        };
        self.finish(i);
        issued
    }

    fn public_float(&mut self, node: &Node, path: &str) -> Option<PublicFloat> {
        let mut f = self.fields(node, path)?;
        let complied = self
            .require(
                &mut f,
                "complied",
                "true when the requirement has been complied with",
            )
            .and_then(|n| self.boolean(n, &format!("{path}.complied")));
        let threshold = self.required_text_pair(
            &mut f,
            "threshold",
            "threshold_zh",
            "the applicable public float threshold",
        );
        let additional_information = self
            .text_pair_at(
                &mut f,
                "additional_information",
                "additional_information_zh",
            )
            .unwrap_or_default();
        self.finish(f);
        Some(PublicFloat {
            complied: complied?,
            threshold: threshold?,
            additional_information,
        })
    }

    fn totals_by_currency(&mut self, f: &mut Fields<'_>) -> Option<Vec<crate::model::Money>> {
        let Some(node) = self.get(f, "authorised_totals") else {
            return Some(Vec::new());
        };
        let path = f.path_of("authorised_totals");
        let items = self.list(node, &path)?;
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = index(&path, i);
            let Some(mut t) = self.fields(item, &p) else {
                continue;
            };
            let currency = self.currency_at(&mut t, "currency");
            let amount = self.amount_at(&mut t, "amount");
            self.finish(t);
            if let (Some(currency), Some(value)) = (currency, amount.value) {
                out.push(crate::model::Money {
                    currency,
                    amount: value,
                    src: amount.src,
                });
            }
        }
        (out.len() == items.len()).then_some(out)
    }
}
