//! The classes of shares: their headers as printed, the handles the YAML gives them, and the
//! matching of Part I and Part III headers to the classes of Part II.

use super::super::labels::Form;
use super::super::lines::Place;
use super::super::yaml::{MapBuilder, Node};
use super::cursor::Cursor;

/// A class header as printed (Parts I to III).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ClassHeader {
    /// Where it is printed.
    pub(crate) place: Place,
    /// "Class of shares" (1.0.1: printed as "Type of shares").
    pub(crate) class_of_shares: String,
    /// "Type of shares" as the input writes it (`H`, `Not applicable`).
    pub(crate) type_of_shares: String,
    /// Listed on the Exchange, when it read as Yes or No.
    pub(crate) listed: Option<bool>,
    /// Stock code as printed (may be empty).
    pub(crate) stock_code: String,
    /// Description, when the header prints one.
    pub(crate) description: Option<String>,
    /// Multi-counters: stock code, currency, description.
    pub(crate) counters: Vec<(String, String, String)>,
}

/// One class of Part II with what belongs to it.
#[derive(Debug)]
struct Class {
    id: String,
    header: ClassHeader,
    issued: Node,
    public_float: Option<Node>,
    authorised: Option<Node>,
}

/// The classes of Part II, in order.
#[derive(Debug, Default)]
pub(crate) struct Classes(Vec<Class>);

impl Classes {
    /// Whether there is none.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a class of Part II, giving it a handle.
    pub(crate) fn push(&mut self, header: ClassHeader, issued: Node, public_float: Option<Node>) {
        let base = handle(&header);
        let mut id = base.clone();
        let mut n = 2;
        while self.0.iter().any(|c| c.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.0.push(Class {
            id,
            header,
            issued,
            public_float,
            authorised: None,
        });
    }

    /// Gives each Part I block to the Part II class with the same header.
    pub(crate) fn attach_authorised(
        &mut self,
        blocks: Vec<(ClassHeader, Node)>,
        c: &mut Cursor<'_>,
    ) {
        for (header, node) in blocks {
            let found = self
                .0
                .iter_mut()
                .find(|k| k.authorised.is_none() && same_class(&k.header, &header));
            match found {
                Some(k) => k.authorised = Some(node),
                None => c.warn(
                    header.place,
                    "left out: a Part I class that Part II does not list",
                    format!("{} {}", header.class_of_shares, header.type_of_shares),
                ),
            }
        }
    }

    /// The class a Part III block header names: the same class and type, preferring the same
    /// stock code and description. Its index and handle.
    pub(crate) fn find(&self, h: &ClassHeader) -> Option<(usize, &str)> {
        let candidates: Vec<(usize, &Class)> = self
            .0
            .iter()
            .enumerate()
            .filter(|(_, k)| {
                k.header.class_of_shares == h.class_of_shares
                    && k.header.type_of_shares == h.type_of_shares
            })
            .collect();
        let score = |k: &Class| {
            u8::from(k.header.stock_code == h.stock_code) * 2
                + u8::from(h.description.is_none() || k.header.description == h.description)
        };
        candidates
            .iter()
            .max_by_key(|(i, k)| (score(k), std::cmp::Reverse(*i)))
            .map(|(i, k)| (*i, k.id.as_str()))
    }

    /// The header of class `i`.
    pub(crate) fn header(&self, i: usize) -> Option<&ClassHeader> {
        self.0.get(i).map(|k| &k.header)
    }

    /// The `share_classes` list.
    pub(crate) fn to_yaml(&self, form: &Form) -> Node {
        Node::Seq(
            self.0
                .iter()
                .map(|k| {
                    let h = &k.header;
                    let mut m = MapBuilder::new();
                    m.put_noted(
                        "id",
                        Node::text(&k.id),
                        format!("{} of the source", h.place),
                    );
                    m.put("class_of_shares", Node::text(&h.class_of_shares));
                    m.put("type_of_shares", Node::text(&h.type_of_shares));
                    m.put("listed", h.listed.map_or_else(Node::null, Node::boolean));
                    if !h.stock_code.is_empty() {
                        m.put("stock_code", Node::text(&h.stock_code));
                    }
                    if !h.counters.is_empty() {
                        let counters = h
                            .counters
                            .iter()
                            .map(|(code, currency, description)| {
                                let mut c = MapBuilder::new();
                                c.put("stock_code", Node::text(code));
                                c.put("currency", Node::text(currency));
                                c.put("description", Node::text(description));
                                c.build()
                            })
                            .collect();
                        m.put("multi_counters", Node::Seq(counters));
                    }
                    m.put(
                        "description",
                        Node::text(h.description.as_deref().unwrap_or_default()),
                    );
                    m.put(
                        "authorised",
                        k.authorised
                            .clone()
                            .unwrap_or_else(|| Node::plain("not_applicable")),
                    );
                    m.put("issued", k.issued.clone());
                    if form.treasury()
                        && let Some(pf) = &k.public_float
                    {
                        m.put("public_float", pf.clone());
                    }
                    m.build()
                })
                .collect(),
        )
    }
}

/// Whether two headers print the same class.
fn same_class(a: &ClassHeader, b: &ClassHeader) -> bool {
    a.class_of_shares == b.class_of_shares
        && a.type_of_shares == b.type_of_shares
        && a.listed == b.listed
        && a.stock_code == b.stock_code
        && a.description == b.description
        && a.counters == b.counters
}

/// A readable handle: the type letter, or the class in a word.
fn handle(h: &ClassHeader) -> String {
    match h.type_of_shares.as_str() {
        "A" | "B" | "H" => h.type_of_shares.clone(),
        _ => match h.class_of_shares.as_str() {
            "Ordinary shares" => "ordinary".to_owned(),
            "Preference shares" => "preference".to_owned(),
            "WVR ordinary shares" => "wvr".to_owned(),
            _ => "other".to_owned(),
        },
    }
}

impl Classes {
    /// The handle of the class printed as `label` in the totals ("Ordinary shares Class H").
    pub(crate) fn id_by_label(&self, label: &str, form: &Form) -> Option<String> {
        self.0
            .iter()
            .find(|k| printed_label(&k.header, form) == label)
            .map(|k| k.id.clone())
    }
}

/// How a total names a class: the class, then its type unless "Not applicable".
fn printed_label(h: &ClassHeader, form: &Form) -> String {
    form.class_label(&h.class_of_shares, &h.type_of_shares)
}
