//! `imsmanifest.xml` for each standard: one organization, one item, one SCO resource that
//! lists every file of the package, identifiers from the scenario id ([`Identifiers`]).
//!
//! What each manifest says, and why (docs/lms.md, "Packages", for LMS administrators):
//! - **No mastery score.** SCORM 1.2's `adlcp:masteryscore` would let the LMS set
//!   passed/failed from `cmi.core.score.raw` alone; the scenario's pass rule is an overall
//!   percent *and* a percent on each dimension *and* no red line crossed, which only the app
//!   can judge. Without a mastery score the LMS keeps the `lesson_status` the app sets.
//!   In 2004 likewise: no `imsss:objectives` with `satisfiedByMeasure`, no
//!   `adlcp:completionThreshold`, so neither `success_status` nor `completion_status` is
//!   recomputed from a measure.
//! - **2004 sequencing:** `controlMode flow="true"` on the organization (the default is
//!   false, with which an LMS may not launch the one SCO by itself), `choice="true"` (the
//!   default, written out); on the item, `deliveryControls completionSetByContent="true"
//!   objectiveSetByContent="true"`: the app reports completion and success itself, so the
//!   LMS must not mark a learner who closed the window mid-scenario completed and satisfied
//!   (what the defaults, false, tell it to do when the SCO sets nothing). Everything else is
//!   the default: tracked, rollup of the one child.
//! - **No objectives in the manifest.** The app writes one `cmi.objectives.n` per dimension
//!   at run time; declaring them here would make a 2004 LMS create them before launch (so the
//!   app would have to find each by id instead of adding it) and roll them up by its rules,
//!   not the scenario's.
//! - **Launch parameters** on the item: `#/s/<id>`, the app's route of the scenario's
//!   introduction, so that the LMS opens the package there (see the crate's documentation).
//! - **Metadata**: `<schema>` and `<schemaversion>` only (an inline LOM record needs the
//!   IMS metadata schema, which is not in the 2004 schema set and which libxml2 cannot load
//!   in 1.2: docs/lrs-infra.md); the scenario's title as the organization's and the item's
//!   title (cut to 200 characters, the CAM's limit); the scenario's fingerprint as the
//!   manifest's `version` (16 hex digits; the schema allows 20), so two uploads of different
//!   texts can be told apart while their identifiers stay the same.

use crate::{Identifiers, Standard};

/// The most characters of a title the manifest carries (SCORM 1.2's schema limit, and the
/// 2004 CAM's smallest permitted maximum).
pub const MAX_TITLE_CHARS: usize = 200;

/// The manifest of a package of `standard` whose one SCO starts at `launch` with the item's
/// `parameters` (appended by the LMS; empty: none) and lists `files` (paths in the package,
/// in the order given; `launch` among them).
pub fn write(
    standard: Standard,
    ids: &Identifiers,
    title: &str,
    version: &str,
    launch: &str,
    parameters: &str,
    files: &[&str],
) -> String {
    let title = text(&cut(title, MAX_TITLE_CHARS));
    let mut x = String::with_capacity(2048 + files.len() * 64);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!(
        "<!-- {} package written by scenario-quiz (`scenario package`). No mastery score: the app \
         sets passed or failed by the scenario's pass rule (docs/lms.md, \"Packages\"). -->\n",
        standard.label()
    ));
    let (namespaces, schema_locations, schemaversion) = match standard {
        Standard::Scorm12 => (
            "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n          \
             xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"",
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd\n                              \
             http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
            "1.2",
        ),
        Standard::Scorm2004 => (
            "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n          \
             xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n          \
             xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"",
            "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd\n                              \
             http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd\n                              \
             http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
            "2004 4th Edition",
        ),
    };
    x.push_str(&format!(
        "<manifest identifier=\"{}\" version=\"{}\"\n          {namespaces}\n          \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n          \
         xsi:schemaLocation=\"{schema_locations}\">\n",
        ids.manifest,
        text(version),
    ));
    x.push_str(&format!(
        "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>{schemaversion}</schemaversion>\n  </metadata>\n"
    ));
    x.push_str(&format!(
        "  <organizations default=\"{org}\">\n    <organization identifier=\"{org}\">\n      <title>{title}</title>\n",
        org = ids.organization
    ));
    let parameters = if parameters.is_empty() {
        String::new()
    } else {
        format!(" parameters=\"{}\"", text(parameters))
    };
    x.push_str(&format!(
        "      <item identifier=\"{}\" identifierref=\"{}\"{parameters}>\n        <title>{title}</title>\n",
        ids.item, ids.resource
    ));
    if standard == Standard::Scorm2004 {
        x.push_str(
            "        <imsss:sequencing>\n          \
             <imsss:deliveryControls completionSetByContent=\"true\" objectiveSetByContent=\"true\"/>\n        \
             </imsss:sequencing>\n",
        );
    }
    x.push_str("      </item>\n");
    if standard == Standard::Scorm2004 {
        x.push_str(
            "      <imsss:sequencing>\n        <imsss:controlMode choice=\"true\" flow=\"true\"/>\n      </imsss:sequencing>\n",
        );
    }
    x.push_str("    </organization>\n  </organizations>\n  <resources>\n");
    let scorm_type = match standard {
        Standard::Scorm12 => "adlcp:scormtype",
        Standard::Scorm2004 => "adlcp:scormType",
    };
    x.push_str(&format!(
        "    <resource identifier=\"{}\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{}\">\n",
        ids.resource,
        href(launch)
    ));
    for file in files {
        x.push_str(&format!("      <file href=\"{}\"/>\n", href(file)));
    }
    x.push_str("    </resource>\n  </resources>\n</manifest>\n");
    x
}

/// `s` cut to `max` characters, ending with `…` when cut.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// `s` as XML character data or an attribute value: `&`, `<`, `>` and both quotes escaped,
/// and the characters XML 1.0 does not allow (most controls, lone surrogates cannot occur in
/// a `str`, U+FFFE, U+FFFF) replaced by U+FFFD.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A package path as a URI reference: every byte but unreserved characters and `/`
/// percent-encoded (a file called `a b.json` is `a%20b.json`).
pub fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_hrefs_are_escaped() {
        assert_eq!(
            text(r#"Tom & "Jerry" <b>'s"#),
            "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&apos;s"
        );
        assert_eq!(text("a\u{1}b\u{FFFF}\tc"), "a\u{FFFD}b\u{FFFD}\tc");
        assert_eq!(href("scenarios/got-kids.json"), "scenarios/got-kids.json");
        assert_eq!(href("a b/é#?.js"), "a%20b/%C3%A9%23%3F.js");
    }

    #[test]
    fn titles_are_cut_to_the_schema_limit() {
        assert_eq!(cut("short", 200), "short");
        let long = "é".repeat(250);
        let cut = cut(&long, MAX_TITLE_CHARS);
        assert_eq!(cut.chars().count(), MAX_TITLE_CHARS);
        assert!(cut.ends_with('…'));
    }
}
