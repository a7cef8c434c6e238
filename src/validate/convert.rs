//! Conversions of the form's recurring shapes: figures, balances, money, currencies, stock codes.
//!
//! Each reads one key of a mapping through the [`Reader`] and returns the model value, with the
//! location and path kept for the rules. A figure left out becomes a blank that points at the
//! mapping where it would have been written.

use crate::input::tree::Value;
use crate::model::{Amount, AmountBalance, Balance, Count, Money, Src, Text};
use crate::validate::currency::is_currency;
use crate::validate::read::{Fields, Reader};

/// The value of a figure the source of an imported return does not print.
pub(crate) const NOT_PRINTED: &str = "not_printed";

impl Reader {
    /// Where `key` of `fields` is (or would be) written.
    pub(crate) fn src_of(
        &self,
        fields: &Fields<'_>,
        node: Option<&crate::input::tree::Node>,
        key: &str,
    ) -> Src {
        Src {
            loc: node.map_or(fields.loc, |n| n.loc),
            path: fields.path_of(key),
        }
    }

    /// An optional signed figure at `key`; blank when left out.
    pub(crate) fn count_at(&mut self, fields: &mut Fields<'_>, key: &'static str) -> Count {
        let node = self.get(fields, key);
        let src = self.src_of(fields, node, key);
        let value = node.and_then(|n| self.count(n, &src.path));
        Count { value, src }
    }

    /// An optional figure at `key` that the form never prints negative.
    pub(crate) fn unsigned_at(&mut self, fields: &mut Fields<'_>, key: &'static str) -> Count {
        let node = self.get(fields, key);
        let src = self.src_of(fields, node, key);
        let value = node.and_then(|n| self.balance(n, &src.path));
        Count { value, src }
    }

    /// A required balance figure at `key`.
    pub(crate) fn required_count(
        &mut self,
        fields: &mut Fields<'_>,
        key: &'static str,
        what: &str,
    ) -> Count {
        let node = self.require(fields, key, what);
        let src = self.src_of(fields, node, key);
        let value = node.and_then(|n| self.balance(n, &src.path));
        Count { value, src }
    }

    /// An optional amount at `key`.
    pub(crate) fn amount_at(&mut self, fields: &mut Fields<'_>, key: &'static str) -> Amount {
        let node = self.get(fields, key);
        let src = self.src_of(fields, node, key);
        let value = node.and_then(|n| self.decimal(n, &src.path));
        Amount { value, src }
    }

    /// `{ preceding, movement?, closing }` of share counts at `key`.
    pub(crate) fn balance_at(
        &mut self,
        fields: &mut Fields<'_>,
        key: &'static str,
        what: &str,
    ) -> Option<Balance> {
        let node = self.require(fields, key, what)?;
        let mut f = self.fields(node, &fields.path_of(key))?;
        let balance = Balance {
            preceding: self.required_count(
                &mut f,
                "preceding",
                "the balance at close of preceding month",
            ),
            movement: self.count_at(&mut f, "movement"),
            closing: self.required_count(&mut f, "closing", "the balance at close of the month"),
        };
        self.finish(f);
        Some(balance)
    }

    /// `{ preceding, movement?, closing }` of amounts at `key`; all three may be blank.
    pub(crate) fn amount_balance(&mut self, fields: &mut Fields<'_>) -> AmountBalance {
        AmountBalance {
            preceding: self.amount_at(fields, "preceding"),
            movement: self.amount_at(fields, "movement"),
            closing: self.amount_at(fields, "closing"),
        }
    }

    /// A currency code at `key` of `fields`.
    pub(crate) fn currency_at(
        &mut self,
        fields: &mut Fields<'_>,
        key: &'static str,
    ) -> Option<String> {
        let node = self.require(fields, key, "the currency, as an ISO code such as HKD")?;
        let path = fields.path_of(key);
        self.currency(node, &path)
    }

    /// A currency code: three capital letters of ISO 4217, or `RMB` as the form writes renminbi.
    pub(crate) fn currency(
        &mut self,
        node: &crate::input::tree::Node,
        path: &str,
    ) -> Option<String> {
        let code = self.text(node, path)?;
        if is_currency(&code) {
            return Some(code);
        }
        let d = self
            .report
            .error(node.loc, path, format!("`{code}` is not a currency code"));
        if is_currency(&code.to_uppercase()) {
            d.hint(format!("write it in capitals: {}", code.to_uppercase()));
        } else {
            d.hint("use an ISO 4217 code such as HKD, USD or RMB");
        }
        None
    }

    /// `{ currency, amount }` at `key`, when present.
    pub(crate) fn money_at(&mut self, fields: &mut Fields<'_>, key: &'static str) -> Option<Money> {
        let node = self.get(fields, key)?;
        let mut f = self.fields(node, &fields.path_of(key))?;
        let currency = self.currency_at(&mut f, "currency");
        let amount_node = self.require(&mut f, "amount", "the amount, such as \"0.01\"");
        let src = self.src_of(&f, amount_node, "amount");
        let amount = amount_node.and_then(|n| self.decimal(n, &src.path));
        self.finish(f);
        Some(Money {
            currency: currency?,
            amount: amount?,
            src,
        })
    }

    /// Whether `key` is written `not_printed`: a figure the published return an import was
    /// read from does not print (a share option scheme's exercise price); any other value is
    /// read as usual.
    pub(crate) fn not_printed(&mut self, fields: &mut Fields<'_>, key: &'static str) -> bool {
        self.present(fields, key).is_some_and(
            |v| matches!(&v.value, Value::Scalar { text, plain: true } if text == NOT_PRINTED),
        )
    }

    /// A stock code: five digits, written as text so that leading zeros stay.
    pub(crate) fn stock_code(
        &mut self,
        node: &crate::input::tree::Node,
        path: &str,
    ) -> Option<String> {
        self.stock_code_of(node, path, None)
    }

    /// The stock code of a class: five digits when the class is listed on the Exchange (or its
    /// listing is unknown); the code of another market, such as an A-share code `601939` in
    /// Shanghai or Shenzhen, when `listed` is `Some(false)`.
    pub(crate) fn stock_code_of(
        &mut self,
        node: &crate::input::tree::Node,
        path: &str,
        listed: Option<bool>,
    ) -> Option<String> {
        let code = self.text(node, path)?;
        let digits = code.chars().all(|c| c.is_ascii_digit());
        if code.len() == 5 && digits {
            return Some(code);
        }
        // A run of fewer than five digits is a Hong Kong code that lost its zeros, listed or not.
        let short_hong_kong = digits && code.len() < 5;
        if listed == Some(false) && !short_hong_kong {
            // Real returns print "N/A" as the stock code of a class not listed anywhere.
            let other_market = code == "N/A"
                || !code.is_empty()
                    && code.len() <= 12
                    && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
            if other_market {
                return Some(code);
            }
            self.report
                .error(node.loc, path, format!("stock code `{code}` is not a market's code"))
                .hint("a class not listed on the Exchange may give its code on another market (letters and digits, such as 601939) or N/A as returns print it; otherwise leave `stock_code` out");
            return None;
        }
        let d = self
            .report
            .error(
                node.loc,
                path,
                format!("stock code `{code}` is not five digits"),
            )
            .code("stock_code");
        if digits && code.len() < 5 {
            d.hint(format!(
                "pad with leading zeros and quote it: \"{code:0>5}\""
            ));
        } else if digits && listed == Some(true) {
            d.hint("a class listed on the Exchange has a five-digit Hong Kong code, such as \"01723\"; a code on another market (an A-share code such as 601939) belongs to a class with `listed: false`");
        } else {
            d.hint("a Hong Kong stock code is five digits, such as \"01723\"");
        }
        None
    }

    /// Optional text at `key`.
    pub(crate) fn text_at(&mut self, fields: &mut Fields<'_>, key: &'static str) -> Option<String> {
        let node = self.get(fields, key)?;
        let path = fields.path_of(key);
        self.text(node, &path)
    }

    /// The text at `key` with its Chinese twin at `zh_key` (`name`, `name_zh`); `None` when
    /// the English is left out. A Chinese text whose English is left out is an error.
    pub(crate) fn text_pair_at(
        &mut self,
        fields: &mut Fields<'_>,
        key: &'static str,
        zh_key: &'static str,
    ) -> Option<Text> {
        let node = self.get(fields, key);
        if node.is_none() {
            if let Some(orphan) = self.get(fields, zh_key) {
                self.report
                    .error(
                        orphan.loc,
                        &fields.path_of(zh_key),
                        format!("`{zh_key}` is the Chinese of `{key}`, which is not given"),
                    )
                    .hint(format!(
                        "write the English text under `{key}:` beside it; the English return prints it"
                    ));
            }
            return None;
        }
        self.text_pair(fields, node, key, zh_key)
    }

    /// The text at `key`, which the form requires, with its Chinese twin at `zh_key`.
    pub(crate) fn required_text_pair(
        &mut self,
        fields: &mut Fields<'_>,
        key: &'static str,
        zh_key: &'static str,
        what: &str,
    ) -> Option<Text> {
        let node = self.require(fields, key, what);
        self.text_pair(fields, node, key, zh_key)
    }

    /// Reads the English text of `node` (written at `key`) and the Chinese at `zh_key`.
    pub(crate) fn text_pair(
        &mut self,
        fields: &mut Fields<'_>,
        node: Option<&crate::input::tree::Node>,
        key: &'static str,
        zh_key: &'static str,
    ) -> Option<Text> {
        let zh_path = fields.path_of(zh_key);
        let zh = self
            .get(fields, zh_key)
            .and_then(|n| self.text(n, &zh_path));
        let node = node?;
        let src = self.src_of(fields, Some(node), key);
        let en = self.text(node, &src.path)?;
        Some(Text {
            en,
            zh,
            src,
            zh_path,
        })
    }

    /// Optional date at `key`.
    pub(crate) fn date_at(
        &mut self,
        fields: &mut Fields<'_>,
        key: &'static str,
    ) -> Option<chrono::NaiveDate> {
        let node = self.get(fields, key)?;
        let path = fields.path_of(key);
        self.date(node, &path)
    }

    /// Optional date at `key`, with where it is written.
    pub(crate) fn dated_at(
        &mut self,
        fields: &mut Fields<'_>,
        key: &'static str,
    ) -> Option<crate::model::Dated> {
        let node = self.get(fields, key)?;
        let src = self.src_of(fields, Some(node), key);
        let date = self.date(node, &src.path)?;
        Some(crate::model::Dated { date, src })
    }
}
