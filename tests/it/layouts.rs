//! The layouts of the form: the month chooses the layout in force, and each layout's fixture
//! validates, renders to text and to PDF/A (Preflight-valid when installed), and prints the
//! wording that tells its layout from the others, in both outputs.

use chrono::NaiveDate;
use hkret::input::Source;
use hkret::layout::Layout;
use hkret::render::pdf::{PdfRender, render_pdf};
use hkret::render::render_text;
use hkret::render::templates::Templates;
use hkret::validate::build;

use crate::pdf::assert_preflight;
use crate::pdf_support::write_out;
use crate::support::{root, tool};

fn month(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 28).expect("date")
}

#[test]
fn the_month_chooses_the_layout_in_force() {
    let at = |y, m| Layout::in_force(month(y, m)).map(Layout::version);
    assert_eq!(at(2021, 6), None);
    assert_eq!(at(2021, 7), Some("1.0.0"));
    assert_eq!(at(2022, 11), Some("1.0.1"));
    assert_eq!(at(2023, 7), Some("1.0.2"));
    assert_eq!(at(2024, 6), Some("1.1.0"));
    assert_eq!(at(2025, 12), Some("1.1.1"));
    assert_eq!(at(2026, 1), Some("1.2.0"));
    assert_eq!(at(2031, 1), Some("1.2.0"));
    assert_eq!(Layout::current().version(), "1.2.0");
    let old = Layout::by_version("1.0.1").expect("1.0.1");
    assert!(old.fits(month(2022, 11)));
    assert!(!old.fits(month(2026, 1)));
    assert_eq!(Layout::by_version("0.9.0"), None);
}

/// One layout's fixture and what its outputs must and must not say.
struct Case {
    fixture: &'static str,
    version: &'static str,
    /// In the text rendering (tabs as printed).
    text: &'static [&'static str],
    /// Not in the text rendering.
    not_text: &'static [&'static str],
    /// In the PDF's extracted text, whitespace collapsed.
    pdf: &'static [&'static str],
    /// Not in the PDF's extracted text.
    not_pdf: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        fixture: "valid-1.0.0-every-table",
        version: "1.0.0",
        text: &[
            "1. Type of shares\tOrdinary shares\tClass of shares\tNot applicable\tListed on SEHK (Note 1)",
            "Class of shares\tClass B\t",
            "II. Movements in Issued Shares\n",
            "1. Type of shares issuable\tOrdinary shares\tClass of shares\tNot applicable\tShares issuable to be listed on SEHK (Note 1)",
            "Total A (Ordinary shares): 200,000",
            "Total increase / decrease (-) in WVR ordinary shares Class B during the month (i.e. Total of A to E) -1,200,000",
            "1. SEHK refers to Stock Exchange of Hong Kong.",
        ],
        not_text: &["Treasury", "treasury shares", "Public float"],
        pdf: &[
            "v 1.0.0",
            "Listed on SEHK (Note 1)",
            "Class B",
            "Total of A to E",
        ],
        not_pdf: &["Treasury", "v 1.0.1", "Public float"],
    },
    Case {
        fixture: "valid-1.0.1-every-table",
        version: "1.0.1",
        text: &[
            "1. Type of shares\tOrdinary shares\tClass of shares\tNot applicable\tListed on SEHK (Note 1)",
            "Stock code\t09988\tDescription",
            "Class of shares\tClass B\t",
            "II. Movements in Issued Shares\n",
            "Total E (WVR ordinary shares Class B): -1,200,000",
            "(C). Convertibles (i.e. Convertible into Issue Shares of the Issuer which are to be Listed)",
            "The total number of securities which may be issued upon exercise of all share options to be granted under the scheme at close of the month",
            "6. In the context of redemption of shares:",
        ],
        not_text: &[
            "Treasury",
            "treasury shares",
            "Public float",
            "(A1)",
            "Multi-counter",
        ],
        pdf: &[
            "v 1.0.1",
            "Listed on SEHK (Note 1)",
            "Class B",
            "Total of A to E",
        ],
        not_pdf: &["Treasury", "Public float"],
    },
    Case {
        fixture: "valid-1.0.2-every-table",
        version: "1.0.2",
        text: &[
            "1. Class of shares\tOrdinary shares\tType of shares\tNot applicable\tListed on SEHK (Note 1)",
            "Stock code\t09988\tDescription",
            "Multi-counter stock code\t89988\tRMB\tRMB counter",
            "Type of shares\tB\t",
            "II. Movements in Issued Shares\n",
            "1. Class of shares issuable\tOrdinary shares\tType of shares\tNot applicable\tShares issuable to be listed on SEHK (Note 1)",
            "1. Class of shares issuable (Note 5 and 6)\tOrdinary shares\tType of shares",
            "Total E (WVR ordinary shares B): -1,200,000",
            "Total increase / decrease (-) in WVR ordinary shares B during the month (i.e. Total of A to E) -1,200,000",
        ],
        not_text: &[
            "Treasury",
            "treasury shares",
            "Public float",
            "\tClass B\t",
            "Type of shares issuable",
        ],
        pdf: &[
            "v 1.0.2",
            "Listed on SEHK (Note 1)",
            "Class of shares issuable",
            "Total E (WVR ordinary shares B):",
        ],
        not_pdf: &["Treasury", "Public float", "Type of shares issuable"],
    },
    Case {
        fixture: "valid-1.1.1-every-table",
        version: "1.1.1",
        text: &[
            "1. Class of shares\tOrdinary shares\tType of shares\tNot applicable\tListed on the Exchange (Note 1)",
            "Type of shares\tB\t",
            "II. Movements in Issued Shares and/or Treasury Shares\n",
            "Number of treasury shares",
            "(Note 4)\n",
            "identical (Note 5).",
            "4. Items (i) to (viii) are suggested forms of confirmation.",
            "5. \"Identical\" means in this context:",
        ],
        not_text: &["Public float", "Public Float", "SEHK", "6. "],
        pdf: &[
            "v 1.1.1",
            "Listed on the Exchange (Note 1)",
            "II. Movements in Issued Shares and/or Treasury Shares",
            "Number of treasury shares",
        ],
        not_pdf: &["Public float", "Public Float", "SEHK"],
    },
    Case {
        fixture: "valid-1.2.0-every-table",
        version: "1.2.0",
        text: &[
            "1. Class of shares\tOrdinary shares\tType of shares\tNot applicable\tListed on the Exchange (Note 1)",
            "II. Movements in Issued Shares and/or Treasury Shares and Public Float Sufficiency Confirmation",
            "Public float sufficiency confirmation (Note 4)",
            "(Note 5)\n",
            "6. \"Identical\" means in this context:",
        ],
        not_text: &["SEHK", "Total of A to E"],
        pdf: &[
            "v 1.2.0",
            "Public Float Sufficiency Confirmation",
            "Number of treasury shares",
        ],
        not_pdf: &["SEHK", "Total of A to E"],
    },
];

/// Whitespace collapsed to single spaces.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn each_layout_renders_its_own_wording_in_text_and_pdf() {
    let templates = Templates::built_in().expect("templates");
    for case in CASES {
        let path = root()
            .join("tests/fixtures")
            .join(case.fixture)
            .join("input.yaml");
        let source = Source {
            name: "input.yaml".into(),
            bytes: std::fs::read(&path).expect("fixture"),
        };
        let checked = build(&source).unwrap_or_else(|d| panic!("{}: {d}", case.fixture));
        assert_eq!(checked.filing.layout.version(), case.version);
        let text = render_text(&checked.filing, &templates).expect("text");
        for want in case.text {
            assert!(text.contains(want), "{}: text lacks {want:?}", case.fixture);
        }
        for not in case.not_text {
            assert!(!text.contains(not), "{}: text has {not:?}", case.fixture);
        }
        let pdf = render_pdf(&checked.filing, &templates, &PdfRender::default()).expect("pdf");
        let file = write_out(&format!("layout-{}.pdf", case.version), &pdf);
        assert_preflight(&file, hkret::render::pdf::PdfaLevel::A1b);
        if !tool("pdftotext", "-v") {
            continue;
        }
        let out = std::process::Command::new("pdftotext")
            .args(["-raw"])
            .arg(&file)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        assert!(
            out.status.success(),
            "pdftotext fails on {}",
            file.display()
        );
        let extracted = collapsed(&String::from_utf8_lossy(&out.stdout));
        for want in case.pdf {
            assert!(
                extracted.contains(want),
                "{}: PDF lacks {want:?}",
                case.fixture
            );
        }
        for not in case.not_pdf {
            assert!(
                !extracted.contains(not),
                "{}: PDF has {not:?}",
                case.fixture
            );
        }
    }
}
