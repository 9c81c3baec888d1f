//! `imsmanifest.xml`, the file at the root of a SCORM package that tells the LMS what the package
//! is and which page to launch: one organisation with one item, the course, launching
//! `index.html` as a SCO. The pass mark goes where each version keeps it (SCORM 1.2's
//! `adlcp:masteryscore`, SCORM 2004's primary objective satisfied by a normalised measure), so
//! the LMS and Beacon agree on who passed. Validated against ADL's schemas by the tests.

use std::io::Cursor;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::Version;
use crate::content::CourseInfo;

/// The page the LMS launches.
pub const LAUNCH: &str = "index.html";

/// The manifest's file name, at the package's root.
pub const FILE: &str = "imsmanifest.xml";

/// The XML namespaces and schema files of a version: (prefix, namespace, schema file).
fn namespaces(version: Version) -> &'static [(&'static str, &'static str, &'static str)] {
    match version {
        Version::Scorm12 => &[
            (
                "",
                "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
                "imscp_rootv1p1p2.xsd",
            ),
            (
                "adlcp",
                "http://www.adlnet.org/xsd/adlcp_rootv1p2",
                "adlcp_rootv1p2.xsd",
            ),
        ],
        Version::Scorm2004 => &[
            (
                "",
                "http://www.imsglobal.org/xsd/imscp_v1p1",
                "imscp_v1p1.xsd",
            ),
            (
                "adlcp",
                "http://www.adlnet.org/xsd/adlcp_v1p3",
                "adlcp_v1p3.xsd",
            ),
            (
                "adlseq",
                "http://www.adlnet.org/xsd/adlseq_v1p3",
                "adlseq_v1p3.xsd",
            ),
            (
                "adlnav",
                "http://www.adlnet.org/xsd/adlnav_v1p3",
                "adlnav_v1p3.xsd",
            ),
            (
                "imsss",
                "http://www.imsglobal.org/xsd/imsss",
                "imsss_v1p0.xsd",
            ),
        ],
    }
}

/// The namespaces and schema files a validator needs for a version's manifests.
#[must_use]
pub fn schemas(version: Version) -> Vec<(&'static str, &'static str)> {
    namespaces(version)
        .iter()
        .map(|(_, ns, file)| (*ns, *file))
        .collect()
}

/// An XML identifier (`xs:ID`, an NCName) made from `text`: letters, digits, `-`, `_` and `.`
/// kept, anything else `-`, and a letter in front when it would not start with one.
#[must_use]
pub fn identifier(text: &str) -> String {
    let mut id: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        id.insert_str(0, "beacon-");
    }
    id
}

/// The manifest of a package of `course` holding `files` (paths inside the package, `/`
/// separated), launching [`LAUNCH`].
#[must_use]
pub fn manifest(version: Version, course: &CourseInfo, files: &[String]) -> String {
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
    // Writing into memory cannot fail.
    let _ = write(&mut w, version, course, files);
    String::from_utf8(w.into_inner().into_inner()).unwrap_or_default()
}

fn write(
    w: &mut Writer<Cursor<Vec<u8>>>,
    version: Version,
    course: &CourseInfo,
    files: &[String],
) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let base = identifier(&if course.id.is_empty() {
        "beacon-course".to_owned()
    } else {
        course.id.clone()
    });
    let org = format!("{base}-organization");
    let item = format!("{base}-item");
    let resource = format!("{base}-sco");
    let title = if course.title.is_empty() {
        "Beacon"
    } else {
        &course.title
    };
    let version_text = if course.version.is_empty() {
        "1"
    } else {
        &course.version
    };

    let ns = namespaces(version);
    let xmlns: Vec<(String, &str)> = ns
        .iter()
        .map(|(prefix, uri, _)| {
            let name = if prefix.is_empty() {
                "xmlns".to_owned()
            } else {
                format!("xmlns:{prefix}")
            };
            (name, *uri)
        })
        .collect();
    let locations = ns
        .iter()
        .map(|(_, uri, file)| format!("{uri} {file}"))
        .collect::<Vec<_>>()
        .join(" ");
    let schema_version = match version {
        Version::Scorm12 => "1.2",
        Version::Scorm2004 => "2004 4th Edition",
    };
    let pass = f64::from(course.assessment.pass_mark.min(100));

    w.create_element("manifest")
        .with_attribute((
            "identifier",
            identifier(&format!("{base}-{version_text}")).as_str(),
        ))
        .with_attribute(("version", version_text))
        .with_attributes(xmlns.iter().map(|(k, v)| (k.as_str(), *v)))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute(("xsi:schemaLocation", locations.as_str()))
        .write_inner_content(|w| {
            w.create_element("metadata").write_inner_content(|w| {
                text(w, "schema", "ADL SCORM")?;
                text(w, "schemaversion", schema_version)
            })?;
            w.create_element("organizations")
                .with_attribute(("default", org.as_str()))
                .write_inner_content(|w| {
                    w.create_element("organization")
                        .with_attribute(("identifier", org.as_str()))
                        .write_inner_content(|w| {
                            text(w, "title", title)?;
                            w.create_element("item")
                                .with_attribute(("identifier", item.as_str()))
                                .with_attribute(("identifierref", resource.as_str()))
                                .with_attribute(("isvisible", "true"))
                                .write_inner_content(|w| {
                                    text(w, "title", title)?;
                                    match version {
                                        Version::Scorm12 => {
                                            text(w, "adlcp:masteryscore", &format!("{pass}"))
                                        }
                                        Version::Scorm2004 => sequencing(w, pass / 100.0),
                                    }
                                })?;
                            Ok(())
                        })?;
                    Ok(())
                })?;
            w.create_element("resources").write_inner_content(|w| {
                let scorm_type = match version {
                    Version::Scorm12 => "adlcp:scormtype",
                    Version::Scorm2004 => "adlcp:scormType",
                };
                w.create_element("resource")
                    .with_attribute(("identifier", resource.as_str()))
                    .with_attribute(("type", "webcontent"))
                    .with_attribute((scorm_type, "sco"))
                    .with_attribute(("href", LAUNCH))
                    .write_inner_content(|w| {
                        for f in files {
                            // A URI: each part of the path percent-encoded (a course file's
                            // name may hold spaces, `#` or `%`).
                            let href: Vec<String> =
                                f.split('/').map(super::package::encoded).collect();
                            w.create_element("file")
                                .with_attribute(("href", href.join("/").as_str()))
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

/// `<name>value</name>`.
fn text(w: &mut Writer<Cursor<Vec<u8>>>, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

/// SCORM 2004: the item's primary objective is satisfied when the scaled score reaches the
/// pass mark, so the LMS hands the SCO `cmi.scaled_passing_score`.
fn sequencing(w: &mut Writer<Cursor<Vec<u8>>>, pass: f64) -> std::io::Result<()> {
    w.create_element("imsss:sequencing")
        .write_inner_content(|w| {
            w.create_element("imsss:objectives")
                .write_inner_content(|w| {
                    w.create_element("imsss:primaryObjective")
                        .with_attribute(("objectiveID", "passed-final-assessment"))
                        .with_attribute(("satisfiedByMeasure", "true"))
                        .write_inner_content(|w| {
                            text(w, "imsss:minNormalizedMeasure", &format!("{pass}"))
                        })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> CourseInfo {
        CourseInfo {
            id: "un & trafficking".to_owned(),
            title: "Fighting <trafficking>".to_owned(),
            version: "1.2.0".to_owned(),
            ..CourseInfo::default()
        }
    }

    #[test]
    fn identifiers_are_ncnames() {
        assert_eq!(
            identifier("un-against-trafficking"),
            "un-against-trafficking"
        );
        assert_eq!(identifier("1 course: two"), "beacon-1-course--two");
    }

    #[test]
    fn titles_are_escaped_and_files_listed() {
        let xml = manifest(
            Version::Scorm12,
            &course(),
            &[
                "index.html".into(),
                "a b.js".into(),
                "course/#2 (50%).gift".into(),
            ],
        );
        assert!(
            xml.contains("<title>Fighting &lt;trafficking&gt;</title>"),
            "{xml}"
        );
        assert!(xml.contains(r#"<file href="a%20b.js"/>"#), "{xml}");
        assert!(
            xml.contains(r#"<file href="course/%232%20%2850%25%29.gift"/>"#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"identifier="un---trafficking-1.2.0""#),
            "{xml}"
        );
    }

    #[test]
    fn the_pass_mark_goes_where_each_version_keeps_it() {
        let mut c = course();
        c.assessment.pass_mark = 75;
        let v12 = manifest(Version::Scorm12, &c, &[]);
        assert!(
            v12.contains("<adlcp:masteryscore>75</adlcp:masteryscore>"),
            "{v12}"
        );
        assert!(v12.contains(r#"adlcp:scormtype="sco""#), "{v12}");
        let v2004 = manifest(Version::Scorm2004, &c, &[]);
        assert!(
            v2004.contains("<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>"),
            "{v2004}"
        );
        assert!(
            v2004.contains("<schemaversion>2004 4th Edition</schemaversion>"),
            "{v2004}"
        );
        assert!(v2004.contains(r#"adlcp:scormType="sco""#), "{v2004}");
    }
}
