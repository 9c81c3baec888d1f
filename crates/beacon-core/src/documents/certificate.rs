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

/// The certificate as a one-page PDF.
///
/// # Errors
/// When the embedded font cannot be read.
pub fn pdf(cert: &Certificate, code: &str, paper: Paper) -> Result<Vec<u8>, PdfError> {
    let mut w = PdfWriter::new("Certificate of completion", paper)?;
    w.page_frame(28.0);
    w.page_frame(34.0);
    w.space(80.0);
    w.centered("Certificate of completion", 30.0, 0.1);
    w.space(24.0);
    w.centered("This certifies that", 14.0, 0.35);
    w.space(10.0);
    w.centered(&cert.name, 28.0, 0.0);
    w.space(14.0);
    w.centered("has completed the course", 14.0, 0.35);
    w.space(10.0);
    w.centered(&cert.course, 20.0, 0.0);
    w.centered(&format!("version {}", cert.version), 12.0, 0.35);
    w.space(22.0);
    w.centered(
        &format!(
            "and passed its final assessment with a score of {}%",
            cert.score
        ),
        14.0,
        0.1,
    );
    w.centered(&format!("on {}", cert.date.format("%-d %B %Y")), 14.0, 0.1);
    w.space(60.0);
    w.centered(&format!("Verification code: {code}"), 13.0, 0.1);
    w.centered(
        "Check it with: beacon verify CODE --name NAME --date YYYY-MM-DD --score N, on the computer that issued it.",
        9.5,
        0.4,
    );
    Ok(w.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

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
