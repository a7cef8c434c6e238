//! What makes the file PDF/A: the version, the document information and the same facts as
//! XMP metadata, the sRGB output intent, and for PDF/A-3b the source YAML as an associated
//! file. Dates come from the caller (the return or `SOURCE_DATE_EPOCH`), never the clock.

use chrono::{Datelike, NaiveDateTime, Timelike};
use pdf_writer::types::{AssociationKind, OutputIntentSubtype};
use pdf_writer::writers::Catalog;
use pdf_writer::{Date, Filter, Finish, Name, Pdf, Ref, Str, TextStr};
use xmp_writer::{LangId, Timezone, XmpWriter};

use crate::render::pdf::error::PdfError;
use crate::render::pdf::meta::{Attachment, PdfMeta, PdfaLevel};
use crate::render::pdf::write::deflate::deflate;

/// The sRGB profile of the output intent (see `assets/README.md`).
#[cfg(test)]
static SRGB: &[u8] = include_bytes!("../assets/sRGB.icc");

/// The sRGB profile as the PDF embeds it, compressed (`assets/sRGB.icc.z`): compressing it
/// in each process cost half a million instructions; a test checks it is `sRGB.icc`
/// compressed by [`deflate`].
static SRGB_DEFLATED: &[u8] = include_bytes!("../assets/sRGB.icc.z");

/// What the document calls its producer.
const PRODUCER: &str = concat!("hkret ", env!("CARGO_PKG_VERSION"));

/// The PDF version a level is based on: 1.4 for PDF/A-1, 1.7 for PDF/A-2 and 3.
pub(super) fn version(level: PdfaLevel) -> (u8, u8) {
    match level {
        PdfaLevel::A1b => (1, 4),
        PdfaLevel::A2b | PdfaLevel::A3b => (1, 7),
    }
}

/// The part of ISO 19005 a level belongs to.
fn part(level: PdfaLevel) -> i32 {
    match level {
        PdfaLevel::A1b => 1,
        PdfaLevel::A2b => 2,
        PdfaLevel::A3b => 3,
    }
}

/// A date's parts, clamped to what a PDF date can hold.
fn parts(d: NaiveDateTime) -> (u16, [u8; 5]) {
    let year = u16::try_from(d.year().clamp(0, 9999)).unwrap_or(2000);
    // Month, day, hour, minute and second from chrono are always in u8 range.
    let byte = |n: u32| u8::try_from(n).unwrap_or(0);
    let rest = [d.month(), d.day(), d.hour(), d.minute(), d.second()].map(byte);
    (year, rest)
}

/// A date for the PDF's dictionaries, in UTC.
fn pdf_date(d: NaiveDateTime) -> Date {
    let (year, [month, day, hour, minute, second]) = parts(d);
    Date::new(year)
        .month(month)
        .day(day)
        .hour(hour)
        .minute(minute)
        .second(second)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The same date for XMP.
fn xmp_date(d: NaiveDateTime) -> xmp_writer::DateTime {
    let (year, [month, day, hour, minute, second]) = parts(d);
    xmp_writer::DateTime::new(year, month, day, hour, minute, second, Timezone::Utc)
}

/// Writes the document information dictionary.
pub(super) fn info(pdf: &mut Pdf, id: Ref, meta: &PdfMeta) {
    let keywords = meta.keywords.join(", ");
    let mut info = pdf.document_info(id);
    info.title(TextStr(&meta.title))
        .author(TextStr(&meta.author))
        .keywords(TextStr(&keywords))
        .creator(TextStr("hkret"))
        .producer(TextStr(PRODUCER))
        .creation_date(pdf_date(meta.date))
        .modified_date(pdf_date(meta.date));
    if let Some(subject) = &meta.subject {
        info.subject(TextStr(subject));
    }
}

/// Writes the XMP metadata stream: the information dictionary's facts again, and the
/// PDF/A identification. Not compressed, as PDF/A-1 requires.
pub(super) fn metadata(pdf: &mut Pdf, id: Ref, meta: &PdfMeta, level: PdfaLevel, doc_id: &str) {
    let keywords = meta.keywords.join(", ");
    let mut xmp = XmpWriter::new();
    xmp.title([(None, meta.title.as_str())])
        .creator([meta.author.as_str()])
        .language([LangId(&meta.language)])
        .format("application/pdf")
        .pdf_keywords(&keywords)
        .creator_tool("hkret")
        .producer(PRODUCER)
        .create_date(xmp_date(meta.date))
        .modify_date(xmp_date(meta.date))
        .document_id(doc_id)
        .pdfa_part(part(level))
        .pdfa_conformance("B");
    if let Some(subject) = &meta.subject {
        xmp.description([(None, subject.as_str())]);
    }
    let xml = xmp.finish(None);
    pdf.metadata(id, xml.as_bytes());
}

/// Writes the output intent's ICC profile stream.
pub(super) fn icc_profile(pdf: &mut Pdf, id: Ref) {
    pdf.icc_profile(id, SRGB_DEFLATED)
        .n(3)
        .filter(Filter::FlateDecode);
}

/// Adds the sRGB output intent, whose profile is `icc`, to the catalog.
pub(super) fn output_intent(catalog: &mut Catalog<'_>, icc: Ref) {
    catalog
        .output_intents()
        .push()
        .subtype(OutputIntentSubtype::PDFA)
        .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
        .registry_name(TextStr("http://www.color.org"))
        .info(TextStr("sRGB IEC61966-2.1"))
        .dest_output_profile(icc);
}

/// Writes the source as an embedded file and its file specification (`spec`), the source
/// of the document (`/AFRelationship /Source`).
///
/// # Errors
/// [`PdfError::Write`] if the source cannot be compressed.
pub(super) fn attachment(
    pdf: &mut Pdf,
    [spec, file]: [Ref; 2],
    source: &Attachment,
    date: NaiveDateTime,
) -> Result<(), PdfError> {
    let data = deflate(&source.data)?;
    let mut embedded = pdf.embedded_file(file, &data);
    embedded.subtype(Name(b"application/yaml"));
    embedded.filter(Filter::FlateDecode);
    embedded
        .params()
        .size(i32::try_from(source.data.len()).unwrap_or(i32::MAX))
        .modification_date(pdf_date(date));
    embedded.finish();
    pdf.file_spec(spec)
        .path(Str(source.name.as_bytes()))
        .unic_file(TextStr(&source.name))
        .embedded_file_with_unicode(file)
        .description(TextStr("Source of this return (hkret YAML input)"))
        .association_kind(AssociationKind::Source);
    Ok(())
}

/// Names the attachment `spec` in the catalog, as an embedded file and an associated file.
pub(super) fn name_attachment(catalog: &mut Catalog<'_>, spec: Ref, source: &Attachment) {
    catalog
        .names()
        .embedded_files()
        .names()
        .insert(Str(source.name.as_bytes()), spec);
    catalog.insert(Name(b"AF")).array().item(spec);
}

#[cfg(test)]
mod tests {
    use super::SRGB;

    /// An `s15Fixed16Number`.
    fn s15(v: f64) -> [u8; 4] {
        // Every figure here is below 2: well inside i32 once scaled.
        #[allow(clippy::cast_possible_truncation, reason = "small figures, rounded")]
        let fixed = (v * 65536.0).round() as i32;
        fixed.to_be_bytes()
    }

    /// An `XYZType` tag.
    fn xyz([x, y, z]: [f64; 3]) -> Vec<u8> {
        [&b"XYZ \0\0\0\0"[..], &s15(x), &s15(y), &s15(z)].concat()
    }

    /// The sRGB tone curve (IEC 61966-2-1): encoded value to linear light, both 0..=1.
    fn to_linear(v: f64) -> f64 {
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    }

    /// The profile, built from the standard's figures (see `assets/README.md`).
    fn srgb_profile() -> Vec<u8> {
        let name = b"sRGB IEC61966-2.1\0";
        let mut desc = b"desc\0\0\0\0".to_vec();
        desc.extend_from_slice(&u32::try_from(name.len()).expect("short").to_be_bytes());
        desc.extend_from_slice(name);
        // No Unicode description (language, count), no ScriptCode one (code, count, 67 bytes).
        desc.extend_from_slice(&[0; 4 + 4 + 2 + 1 + 67]);
        let cprt = b"text\0\0\0\0No copyright, use freely\0".to_vec();
        let mut curve = b"curv\0\0\0\0".to_vec();
        curve.extend_from_slice(&256u32.to_be_bytes());
        for level in 0..=255u8 {
            #[allow(clippy::cast_possible_truncation, reason = "0..=65535 by construction")]
            let sample = (to_linear(f64::from(level) / 255.0) * 65535.0).round() as u16;
            curve.extend_from_slice(&sample.to_be_bytes());
        }
        let tags: [(&[u8; 4], Vec<u8>); 9] = [
            (b"desc", desc),
            (b"cprt", cprt),
            (b"wtpt", xyz([0.950_45, 1.0, 1.089_05])),
            (b"rXYZ", xyz([0.436_066, 0.222_488, 0.013_916])),
            (b"gXYZ", xyz([0.385_147, 0.716_873, 0.097_076])),
            (b"bXYZ", xyz([0.143_066, 0.060_608, 0.714_096])),
            (b"rTRC", curve.clone()),
            (b"gTRC", curve.clone()),
            (b"bTRC", curve),
        ];
        let start = 128 + 4 + 12 * tags.len();
        let (mut table, mut data) = (Vec::new(), Vec::<u8>::new());
        let mut placed: Vec<(&[u8], usize)> = Vec::new();
        for (signature, body) in &tags {
            let at = match placed.iter().find(|(b, _)| *b == body.as_slice()) {
                Some(&(_, at)) => at,
                None => {
                    let at = start + data.len();
                    placed.push((body, at));
                    data.extend_from_slice(body);
                    data.resize(data.len().next_multiple_of(4), 0);
                    at
                }
            };
            table.extend_from_slice(*signature);
            for n in [at, body.len()] {
                table.extend_from_slice(&u32::try_from(n).expect("small").to_be_bytes());
            }
        }
        let size = u32::try_from(start + data.len()).expect("small");
        let mut profile = size.to_be_bytes().to_vec();
        profile.extend_from_slice(&[0; 4]); // preferred CMM: none
        profile.extend_from_slice(&0x0210_0000u32.to_be_bytes()); // version 2.1
        profile.extend_from_slice(b"mntrRGB XYZ ");
        for part in [2026u16, 1, 1, 0, 0, 0] {
            profile.extend_from_slice(&part.to_be_bytes());
        }
        profile.extend_from_slice(b"acsp");
        // Platform, flags, manufacturer, model, attributes, rendering intent (perceptual).
        profile.extend_from_slice(&[0; 4 + 4 + 4 + 4 + 8 + 4]);
        for d50 in [0.9642, 1.0, 0.8249] {
            profile.extend_from_slice(&s15(d50));
        }
        profile.resize(128, 0); // creator and reserved
        profile.extend_from_slice(&u32::try_from(tags.len()).expect("nine").to_be_bytes());
        profile.extend_from_slice(&table);
        profile.extend_from_slice(&data);
        profile
    }

    #[test]
    fn the_embedded_srgb_profile_is_the_profile_compressed() {
        let deflated = crate::render::pdf::write::deflate::deflate(SRGB).expect("compresses");
        if std::env::var_os("HKRET_BLESS").is_some_and(|v| v == "1") {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/render/pdf/assets/sRGB.icc.z"
            );
            std::fs::write(path, &deflated).expect("written");
        } else {
            assert!(
                super::SRGB_DEFLATED == deflated,
                "assets/sRGB.icc.z is not sRGB.icc as deflate() compresses it; HKRET_BLESS=1 rewrites it"
            );
        }
    }

    #[test]
    fn the_srgb_profile_is_built_from_the_standard() {
        let built = srgb_profile();
        assert_eq!(built.len(), 988);
        assert_eq!(SRGB, built.as_slice());
    }

    #[test]
    fn the_sampled_curve_is_the_srgb_curve_at_every_8_bit_level() {
        let at = |i: usize| u16::from_be_bytes([SRGB[i], SRGB[i + 1]]);
        let curve = (0..256).map(|i| at(476 + 2 * i)).collect::<Vec<_>>();
        assert_eq!(&SRGB[464..476], b"curv\0\0\0\0\0\0\x01\0");
        for (level, &sample) in curve.iter().enumerate() {
            let exact = to_linear(level as f64 / 255.0) * 65535.0;
            assert!((f64::from(sample) - exact).abs() <= 0.5, "{level}");
        }
        assert!(curve.windows(2).all(|w| w[0] < w[1]), "rising");
    }
}
