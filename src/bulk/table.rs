//! Templated generation: a return template (YAML with Tera placeholders) filled in once per row
//! of a data table (CSV, or a YAML list of mappings), and the way back from a problem in a
//! generated return to the row and column of the data that caused it.

use std::sync::Arc;

use tera::{Context, Tera};

use crate::diag::{Diagnostic, Diagnostics, Loc, Reporter};
use crate::error::Error;
use crate::input::tree::{Value, parse_stream};

/// One row of the data table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number (header excluded).
    pub number: usize,
    /// The line the row starts on in the data file.
    pub line: u32,
    /// Column name and value, in the table's order.
    pub fields: Vec<(String, String)>,
}

/// Reads a CSV table with a header row.
///
/// # Errors
/// A located diagnostic for a malformed row.
pub fn read_csv(text: &str, file: &str) -> Result<Vec<Row>, Diagnostics> {
    let mut report = Reporter::new(file);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(e) => {
            report.error(
                Loc::new(1, 1),
                "",
                format!("the data table has no readable header row: {e}"),
            );
            return Err(report.finish());
        }
    };
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) => {
                let line = r
                    .position()
                    .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
                let fields = headers
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_owned))
                    .collect();
                rows.push(Row {
                    number: i + 1,
                    line,
                    fields,
                });
            }
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
                report
                    .error(
                        Loc::new(line, 1),
                        &format!("row {}", i + 1),
                        format!("the row cannot be read: {e}"),
                    )
                    .hint("every row has as many cells as the header");
            }
        }
    }
    if report.has_errors() {
        Err(report.finish())
    } else {
        Ok(rows)
    }
}

/// Reads a YAML list of mappings of single values.
///
/// # Errors
/// Located diagnostics for anything else.
pub fn read_yaml(text: &str, file: &str) -> Result<Vec<Row>, Diagnostics> {
    let mut report = Reporter::new(file);
    let Some(docs) = parse_stream(text, &mut report) else {
        return Err(report.finish());
    };
    let Some(Value::Seq(items)) = docs.first().map(|d| &d.value) else {
        report.error(
            Loc::new(1, 1),
            "",
            "the data table is a YAML list with one mapping per issuer",
        );
        return Err(report.finish());
    };
    let mut rows = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Map(entries) = &item.value else {
            report.error(
                item.loc,
                &format!("[{i}]"),
                "each row of the data table is a mapping of column: value",
            );
            continue;
        };
        let mut fields = Vec::new();
        for (key, value) in entries {
            match &value.value {
                Value::Scalar { text, .. } => fields.push((key.text.clone(), text.clone())),
                Value::Null => fields.push((key.text.clone(), String::new())),
                _ => {
                    report.error(
                        value.loc,
                        &format!("[{i}].{}", key.text),
                        "a cell of the data table is a single value",
                    );
                }
            }
        }
        rows.push(Row {
            number: i + 1,
            line: item.loc.line,
            fields,
        });
    }
    if report.has_errors() {
        Err(report.finish())
    } else {
        Ok(rows)
    }
}

/// A compiled return template.
#[derive(Debug)]
pub struct Generator {
    tera: Tera,
    /// The template's text, to find the line a generated line comes from.
    text: String,
}

impl Generator {
    /// Compiles the return template `text` (named `name` in errors).
    ///
    /// # Errors
    /// [`Error::Template`] with the line and column of a syntax error.
    pub fn new(text: &str, name: &str) -> Result<Self, Error> {
        let mut tera = Tera::new();
        tera.autoescape_on(Vec::<&'static str>::new());
        tera.add_raw_template("return", text)
            .map_err(|e| Error::template(name, &e))?;
        Ok(Self {
            tera,
            text: text.to_owned(),
        })
    }

    /// The line of the template (1-based) that `generated` (line `at` of a generated return)
    /// comes from: a line whose literal text, between its placeholders, the generated line
    /// holds in order; of several, the nearest to `at`.
    pub fn template_line(&self, generated: &str, at: u32) -> Option<u32> {
        let fits = |template: &str| {
            if template.contains("{%") {
                return false;
            }
            let mut rest = generated;
            let mut literal = template;
            let mut first = true;
            loop {
                let (before, after) = match literal.split_once("{{") {
                    Some((b, a)) => (b, a.split_once("}}").map_or("", |(_, tail)| tail)),
                    None => (literal, ""),
                };
                let last = !literal.contains("{{");
                let found = if first {
                    rest.starts_with(before).then_some(0)
                } else if last {
                    rest.ends_with(before).then(|| rest.len() - before.len())
                } else {
                    rest.find(before)
                };
                if first && last {
                    return rest == before;
                }
                let Some(i) = found else { return false };
                rest = &rest[i + before.len()..];
                if last {
                    return true;
                }
                literal = after;
                first = false;
            }
        };
        self.text
            .lines()
            .enumerate()
            .filter(|(_, l)| fits(l))
            .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX))
            .min_by_key(|l| l.abs_diff(at))
    }

    /// The return for `row`, as YAML text.
    ///
    /// # Errors
    /// [`Error::Template`], such as a placeholder naming a column the table lacks.
    pub fn generate(&self, row: &Row, name: &str) -> Result<String, Error> {
        let mut context = Context::new();
        for (key, value) in &row.fields {
            context.insert(key.clone(), value);
        }
        context.insert("row", &row.number);
        self.tera
            .render("return", &context)
            .map_err(|e| Error::template(name, &e))
    }
}

/// Where a generated return came from: the template (its name and generator) and the data file.
pub struct Origin<'a> {
    /// The template's file name.
    pub template: &'a str,
    /// The compiled template.
    pub generator: &'a Generator,
    /// The data file's name.
    pub data: &'a Arc<str>,
}

/// A hint that fits a problem in a value that came from a cell of the data table, where the
/// YAML advice ("quote it") makes no sense.
fn cell_hint(d: &Diagnostic, column: &str, value: &str) -> Option<String> {
    match d.code {
        "figure_cut_at_commas" => Some(format!(
            "the cell `{value}` of column `{column}` holds commas: write the figure without them, or put the placeholder in quotes in the template (\"{{{{ {column} }}}}\")"
        )),
        "stock_code" if value.chars().all(|c| c.is_ascii_digit()) && value.len() < 5 => {
            Some(format!(
                "the cell of column `{column}` lost its leading zeros (spreadsheets drop them): write {value:0>5}, with the column stored as text"
            ))
        }
        _ => None,
    }
}

/// The diagnostic of a generated return, pointed back at the data: the row's line in the data
/// file and, when the value at fault came from a cell, that column, named by its header; the
/// template's line is named too, and a hint about quoting YAML becomes one about the cell.
pub fn locate(d: &Diagnostic, generated: &str, row: &Row, origin: &Origin<'_>) -> Diagnostic {
    let line = generated
        .lines()
        .nth(usize::try_from(d.loc.line).unwrap_or(0).saturating_sub(1))
        .unwrap_or("");
    let from: String = line
        .chars()
        .skip(usize::try_from(d.loc.column).unwrap_or(1).saturating_sub(1))
        .collect();
    let cell = row
        .fields
        .iter()
        .enumerate()
        .filter(|(_, (_, v))| !v.is_empty())
        .find(|(_, (_, v))| {
            from.starts_with(v.as_str())
                || from.trim_start_matches(['"', '\'']).starts_with(v.as_str())
        })
        .or_else(|| {
            row.fields
                .iter()
                .enumerate()
                .filter(|(_, (_, v))| v.len() > 2)
                .find(|(_, (_, v))| line.contains(v.as_str()))
        });
    let (column, where_, hint) = match cell {
        Some((i, (name, value))) => (
            u32::try_from(i + 1).unwrap_or(1),
            format!("row {}, column `{name}`", row.number),
            cell_hint(d, name, value).or_else(|| d.hint.clone()),
        ),
        None => (1, format!("row {}", row.number), d.hint.clone()),
    };
    let template = match origin.generator.template_line(line, d.loc.line) {
        Some(l) => format!("; template {}:{l}", origin.template),
        None => format!("; template {}", origin.template),
    };
    let path = if d.path.is_empty() {
        format!("{where_}{template}")
    } else {
        format!("{where_}{template}: {}", d.path)
    };
    Diagnostic {
        file: Arc::clone(origin.data),
        loc: Loc::new(row.line, column),
        path,
        hint,
        ..d.clone()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{Generator, Origin, locate, read_csv, read_yaml};
    use crate::diag::{Diagnostic, Loc, Severity};

    #[test]
    fn csv_rows_keep_their_lines() {
        let rows = read_csv(
            "issuer,code\nMoon Inc.,01723\n\"Sun, Ltd\",00001\n",
            "d.csv",
        )
        .expect("reads");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 3);
        assert_eq!(
            rows[1].fields[0],
            ("issuer".to_owned(), "Sun, Ltd".to_owned())
        );
        assert_eq!(rows[0].fields[1].1, "01723");
    }

    #[test]
    fn a_ragged_csv_row_is_located() {
        let found = read_csv("a,b\n1,2\n3\n", "d.csv").expect_err("ragged");
        assert_eq!(found.iter().next().map(|d| d.loc.line), Some(3));
    }

    #[test]
    fn yaml_rows_are_mappings() {
        let rows = read_yaml(
            "- { issuer: Moon Inc., code: \"01723\" }\n- issuer: Sun\n  code: \"00001\"\n",
            "d.yaml",
        )
        .expect("reads");
        assert_eq!(rows[1].line, 2);
        assert_eq!(rows[1].fields[1].1, "00001");
        assert!(read_yaml("issuer: Moon\n", "d.yaml").is_err());
    }

    #[test]
    fn a_problem_points_back_at_its_cell() {
        let rows = read_csv("issuer,closing\nMoon,478272100\n", "d.csv").expect("reads");
        let generator = Generator::new("name: {{ issuer }}\nclosing: {{ closing }}\n", "t.yaml")
            .expect("compiles");
        let generated = generator.generate(&rows[0], "t.yaml").expect("renders");
        let d = Diagnostic {
            severity: Severity::Error,
            file: Arc::from("t.yaml"),
            loc: Loc::new(2, 10),
            path: "closing".into(),
            message: "wrong".into(),
            hint: None,
            code: "input",
        };
        let data = Arc::from("d.csv");
        let origin = Origin {
            template: "t.yaml",
            generator: &generator,
            data: &data,
        };
        let back = locate(&d, &generated, &rows[0], &origin);
        assert_eq!((back.file.as_ref(), back.loc), ("d.csv", Loc::new(2, 2)));
        assert_eq!(
            back.path,
            "row 1, column `closing`; template t.yaml:2: closing"
        );
    }
}
