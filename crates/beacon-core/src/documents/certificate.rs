//! Certificates of completion: a PDF with the learner's name, the course, the date, the score
//! and a short verification code, an HMAC-SHA256 of those details under a key kept in the data
//! folder. `beacon verify` recomputes the code from the details printed on a certificate.
//!
//! What a valid code proves: that a Beacon installation holding this key issued a certificate
//! with exactly these details. It does not prove who sat the assessment, that they did it
//! alone, or anything to someone without the key file; anyone with the data folder can make
//! codes.

use chrono::NaiveDate;
use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::pdf::{Paper, PdfError, PdfWriter};

/// The details printed on a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The learner's name.
    pub name: String,
    /// The course title.
    pub course: String,
    /// The course version.
    pub version: String,
    /// The day the assessment was passed.
    pub date: NaiveDate,
    /// The score in percent.
    pub score: u32,
}

impl Certificate {
    /// The text the code is computed over: every printed detail, trimmed.
    fn message(&self) -> String {
        format!(
            "beacon-certificate-v1\n{}\n{}\n{}\n{}\n{}",
            self.name.trim(),
            self.course.trim(),
            self.version.trim(),
            self.date.format("%Y-%m-%d"),
            self.score
        )
    }

    /// The verification code, e.g. `K7QM-2XPA-94HD`.
    #[must_use]
    pub fn code(&self, key: &[u8]) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
            return String::new();
        };
        mac.update(self.message().as_bytes());
        let digest = mac.finalize().into_bytes();
        let text = BASE32_NOPAD.encode(digest.get(..8).unwrap_or_default());
        let chars: Vec<char> = text.chars().take(12).collect();
        chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-")
    }

    /// Whether `code` (any case, dashes and spaces ignored) matches these details.
    #[must_use]
    pub fn verify(&self, key: &[u8], code: &str) -> bool {
        let clean = |s: &str| {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_uppercase())
                .collect::<String>()
        };
        let expected = clean(&self.code(key));
        !expected.is_empty() && clean(code) == expected
    }
}

/// What a certificate says about who issued it and what the course was, besides the details
/// its code covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Issuer {
    /// The organisation's name; empty when the course names none.
    pub organisation: String,
    /// Its web address; empty when not known.
    pub home_page: String,
    /// A PNG logo.
    pub logo: Option<Vec<u8>>,
    /// The name under the signature line.
    pub signatory: Option<String>,
    /// The signatory's role.
    pub signatory_role: Option<String>,
    /// Modules in the course.
    pub modules: usize,
    /// Hours of study.
    pub hours: f64,
}

impl Issuer {
    /// The issuer of a course's certificates, from its `course.toml`.
    #[must_use]
    pub fn of(course: &crate::content::Course) -> Self {
        let o = &course.info.organisation;
        Self {
            organisation: o.name.clone(),
            home_page: o.home_page.clone(),
            logo: o.logo.as_ref().map(|l| l.png.clone()),
            signatory: o.signatory.clone(),
            signatory_role: o.signatory_role.clone(),
            modules: course.modules.len(),
            hours: crate::progress::assessment::study_hours(course),
        }
    }

    /// The course's length in words, e.g. "9 modules, about 3.5 hours of study".
    #[must_use]
    pub fn length(&self) -> String {
        let modules = if self.modules == 1 {
            "1 module".to_owned()
        } else {
            format!("{} modules", self.modules)
        };
        let hours = crate::quiz::format_number(self.hours);
        let unit = if (self.hours - 1.0).abs() < f64::EPSILON {
            "hour"
        } else {
            "hours"
        };
        format!("{modules}, about {hours} {unit} of study")
    }

    /// Who runs the course, with its home page when it has one.
    fn who(&self) -> String {
        let who = if self.organisation.trim().is_empty() {
            "the organisation that runs this course".to_owned()
        } else {
            self.organisation.clone()
        };
        if self.home_page.is_empty() {
            who
        } else {
            format!("{who} ({})", self.home_page)
        }
    }

    /// How to check the certificate, in one plain sentence.
    #[must_use]
    pub fn how_to_verify(&self) -> String {
        format!(
            "To check this certificate, give its verification code, name, date and score to {}: the computer that issued it confirms whether they belong together.",
            self.who()
        )
    }

    /// How to check a certificate made inside a learning management system, which keeps the
    /// record of the result (no code: nothing outside that session could confirm one).
    #[must_use]
    pub fn how_to_check_in_lms(&self) -> String {
        format!(
            "This certificate was made inside a learning management system, which keeps the record of this result. To check it, ask {} for that record.",
            self.who()
        )
    }
}

/// Why a name cannot go on a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameProblem {
    /// Nothing was given.
    #[error("Write your name as it should appear on the certificate.")]
    Empty,
    /// It looks like a profile label ("Ben (class 7B)", "Learner 1"), not a person's name.
    #[error(
        "Write your name as it should appear on the certificate, without a class, group or number."
    )]
    NotAName,
    /// Longer than a certificate line.
    #[error("That name is longer than a certificate can show (at most 80 characters).")]
    TooLong,
}

/// The name as it will be printed, or why it is not a person's name: a certificate is never
/// made out to a profile label such as "Ben (class 7B)" or "Learner 1".
///
/// # Errors
/// When the name is empty, too long, or holds digits, brackets or other signs that a
/// person's name does not.
pub fn check_name(name: &str) -> Result<String, NameProblem> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    if name.chars().count() > 80 {
        return Err(NameProblem::TooLong);
    }
    let allowed = |c: char| c.is_alphabetic() || c == ' ' || "-'.\u{2019}".contains(c);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || !name.chars().all(allowed) {
        return Err(NameProblem::NotAName);
    }
    Ok(name)
}

/// The certificate as a one-page landscape PDF: the issuing organisation (with its logo), the
/// learner, the course and its length, the score and date, a signature line, and the
/// verification code with a sentence on how to check it; without a code (made inside an LMS,
/// whose record is the one to check), a sentence saying so. `made` dates the file.
///
/// # Errors
/// When the embedded font cannot be read, or the logo is not a PNG Beacon can read.
pub fn pdf(
    cert: &Certificate,
    code: Option<&str>,
    paper: Paper,
    issuer: &Issuer,
    made: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>, PdfError> {
    let mut w = PdfWriter::landscape("Certificate of completion", paper)?;
    w.made(made);
    let (width, height) = w.page_size();
    w.page_frame(24.0);
    w.page_frame(30.0);
    w.set_y(54.0);
    if let Some(logo) = &issuer.logo {
        w.image(logo, width / 2.0, 160.0, 54.0)?;
        w.space(8.0);
    }
    if !issuer.organisation.is_empty() {
        w.centered(&issuer.organisation, 14.0, 0.3);
    }
    w.space(10.0);
    w.centered("Certificate of completion", 34.0, 0.1);
    w.space(14.0);
    w.centered("This certifies that", 13.0, 0.35);
    w.space(6.0);
    w.centered(&cert.name, 30.0, 0.0);
    w.space(8.0);
    w.centered("has completed the course", 13.0, 0.35);
    w.space(6.0);
    w.centered(&cert.course, 19.0, 0.0);
    w.centered(
        &format!("version {} \u{00b7} {}", cert.version, issuer.length()),
        11.0,
        0.35,
    );
    w.space(12.0);
    w.centered(
        &format!(
            "and passed its final assessment with a score of {}% on {}",
            cert.score,
            cert.date.format("%-d %B %Y")
        ),
        13.0,
        0.1,
    );
    // The foot: a signature on the left, the verification code on the right.
    let foot = height - 150.0;
    let column = (width - 2.0 * 70.0 - 60.0) / 2.0;
    let left = 70.0;
    let right = left + column + 60.0;
    w.set_y(foot + 34.0);
    w.line(left, foot + 34.0, left + column * 0.8, foot + 34.0);
    w.space(4.0);
    let signer = issuer.signatory.clone().unwrap_or_else(|| {
        if issuer.organisation.is_empty() {
            "Signature".to_owned()
        } else {
            format!("For {}", issuer.organisation)
        }
    });
    w.column(&signer, 11.0, left, column * 0.8, 0.1, false);
    if let Some(role) = &issuer.signatory_role {
        w.column(role, 9.5, left, column * 0.8, 0.4, false);
    }
    w.set_y(foot + 8.0);
    if let Some(code) = code {
        w.column(
            &format!("Verification code: {code}"),
            12.0,
            right,
            column,
            0.1,
            false,
        );
        w.space(2.0);
        w.column(&issuer.how_to_verify(), 9.0, right, column, 0.4, false);
    } else {
        w.column(
            &issuer.how_to_check_in_lms(),
            9.0,
            right,
            column,
            0.4,
            false,
        );
    }
    Ok(w.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_label_is_not_a_name_for_a_certificate() {
        assert_eq!(check_name("  Ada   Lovelace "), Ok("Ada Lovelace".into()));
        assert_eq!(
            check_name("Zoë O'Neil-Ngũgĩ"),
            Ok("Zoë O'Neil-Ngũgĩ".into())
        );
        assert_eq!(check_name("José M. García"), Ok("José M. García".into()));
        assert_eq!(check_name(""), Err(NameProblem::Empty));
        assert_eq!(check_name("Ben (class 7B)"), Err(NameProblem::NotAName));
        assert_eq!(check_name("Learner 1"), Err(NameProblem::NotAName));
        assert_eq!(check_name("ben@example.org"), Err(NameProblem::NotAName));
        assert_eq!(check_name(&"a".repeat(81)), Err(NameProblem::TooLong));
    }

    #[test]
    fn the_length_and_the_verification_sentence_read_plainly() {
        let mut issuer = Issuer {
            organisation: "Harbour Volunteers".into(),
            home_page: "https://harbour.example.org".into(),
            logo: None,
            signatory: None,
            signatory_role: None,
            modules: 9,
            hours: 3.5,
        };
        assert_eq!(issuer.length(), "9 modules, about 3.5 hours of study");
        let how = issuer.how_to_verify();
        assert!(how.contains("Harbour Volunteers (https://harbour.example.org)"));
        assert!(
            !how.contains("beacon verify") && !how.contains("--"),
            "{how}"
        );
        issuer.modules = 1;
        issuer.hours = 1.0;
        assert_eq!(issuer.length(), "1 module, about 1 hour of study");
    }

    fn cert() -> Certificate {
        Certificate {
            name: "Ada Lovelace".into(),
            course: "How the UN and its partners fight human trafficking".into(),
            version: "1.0.0".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"),
            score: 85,
        }
    }

    #[test]
    fn the_code_checks_every_detail() {
        let key = [7u8; 32];
        let c = cert();
        let code = c.code(&key);
        assert_eq!(code.len(), 14);
        assert!(c.verify(&key, &code));
        assert!(c.verify(&key, &code.to_lowercase().replace('-', " ")));
        let mut other = c.clone();
        other.score = 86;
        assert!(!other.verify(&key, &code));
        let mut other = c.clone();
        other.name = "Ada Byron".into();
        assert!(!other.verify(&key, &code));
        let mut other = c.clone();
        other.date = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        assert!(!other.verify(&key, &code));
        assert!(
            !c.verify(&[8u8; 32], &code),
            "another installation's key gives another code"
        );
    }
}
