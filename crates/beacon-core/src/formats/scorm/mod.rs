//! SCORM, so any learning management system (Moodle, Canvas, Blackboard, TalentLMS, Totara) can
//! host Beacon and record each learner's status and score: the package manifest for SCORM 1.2
//! and SCORM 2004 4th edition, the package's layout, the compact `suspend_data` that carries a
//! learner's progress between sessions, and what the launched page reports to the LMS's runtime.
//! Pure code with no window and no file system: the shells (the CLI, the browser build) move the
//! bytes.

pub mod manifest;
pub mod package;
pub mod report;
pub mod suspend;

/// A version of SCORM that Beacon packages for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Version {
    /// SCORM 1.2, the one every LMS accepts.
    Scorm12,
    /// SCORM 2004 4th edition: separate completion and success, scaled scores, longer
    /// `suspend_data` and interaction texts.
    #[default]
    Scorm2004,
}

impl Version {
    /// Both versions, oldest first.
    pub const ALL: [Version; 2] = [Version::Scorm12, Version::Scorm2004];

    /// The version as people write it: `1.2` or `2004`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Version::Scorm12 => "1.2",
            Version::Scorm2004 => "2004",
        }
    }

    /// The longest `cmi.suspend_data` the version guarantees (SCORM 1.2 `CMIString4096`;
    /// SCORM 2004 4th edition's smallest permitted maximum, 64,000 characters).
    #[must_use]
    pub fn suspend_data_limit(self) -> usize {
        match self {
            Version::Scorm12 => 4096,
            Version::Scorm2004 => 64_000,
        }
    }

    /// The name of the JavaScript object an LMS offers the content (`API` or `API_1484_11`).
    #[must_use]
    pub fn api_name(self) -> &'static str {
        match self {
            Version::Scorm12 => "API",
            Version::Scorm2004 => "API_1484_11",
        }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SCORM {}", self.label())
    }
}

impl std::str::FromStr for Version {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s
            .trim()
            .to_ascii_lowercase()
            .trim_start_matches("scorm")
            .trim()
        {
            "1.2" | "12" => Ok(Version::Scorm12),
            "2004" | "2004-4" | "2004 4th edition" => Ok(Version::Scorm2004),
            other => Err(format!(
                "unknown SCORM version \"{other}\": use 1.2 or 2004"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_as_people_write_them() {
        assert_eq!("1.2".parse::<Version>(), Ok(Version::Scorm12));
        assert_eq!("SCORM 2004".parse::<Version>(), Ok(Version::Scorm2004));
        let err = "3".parse::<Version>().unwrap_err();
        assert!(err.contains("use 1.2 or 2004"), "{err}");
    }
}
