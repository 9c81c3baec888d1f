//! Counts in words with the right plural: "1 module", "2 modules", "0 quizzes".

/// `n` and the noun in the singular when `n` is 1, else in the plural.
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "module", "modules"), "1 module");
        assert_eq!(count(0, "quiz", "quizzes"), "0 quizzes");
        assert_eq!(count(2, "attempt", "attempts"), "2 attempts");
    }
}
