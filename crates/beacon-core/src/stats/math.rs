//! The sums behind the report: means, sample variances and covariances (divided by n - 1, as
//! Moodle does), correlation, the largest covariance two lists allow, and Cronbach's alpha.
//! Each function says when it has no answer (too few values, no spread) by returning `None`.

/// The mean, when there is a value.
#[must_use]
pub fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// The sample variance (divided by n - 1), from two values on.
#[must_use]
pub fn variance(xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    let m = mean(xs)?;
    Some(xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64)
}

/// The sample standard deviation.
#[must_use]
pub fn sd(xs: &[f64]) -> Option<f64> {
    variance(xs).map(f64::sqrt)
}

/// The median: the middle value, or the mean of the two middle ones.
#[must_use]
pub fn median(xs: &[f64]) -> Option<f64> {
    let mut sorted = xs.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => sorted.get(n / 2).copied(),
        _ => Some((sorted.get(n / 2 - 1)? + sorted.get(n / 2)?) / 2.0),
    }
}

/// The sample covariance of paired values.
#[must_use]
pub fn covariance(xs: &[f64], ys: &[f64]) -> Option<f64> {
    if xs.len() < 2 || xs.len() != ys.len() {
        return None;
    }
    let (mx, my) = (mean(xs)?, mean(ys)?);
    let sum: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    Some(sum / (xs.len() - 1) as f64)
}

/// Pearson's correlation of paired values; `None` when either has no spread.
#[must_use]
pub fn correlation(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let c = covariance(xs, ys)?;
    let v = variance(xs)? * variance(ys)?;
    (v > 0.0).then(|| c / v.sqrt())
}

/// The covariance divided by the largest covariance the two lists allow (both sorted the same
/// way): Moodle's discriminative efficiency. `None` when that largest covariance is 0.
#[must_use]
pub fn efficiency(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let c = covariance(xs, ys)?;
    let mut sx = xs.to_vec();
    let mut sy = ys.to_vec();
    sx.sort_unstable_by(f64::total_cmp);
    sy.sort_unstable_by(f64::total_cmp);
    let max = covariance(&sx, &sy)?;
    (max > 0.0).then(|| c / max)
}

/// Cronbach's alpha of rows of item scores, every row as long (KR-20 when the scores are 0 or
/// 1): k / (k - 1) x (1 - sum of the item variances / variance of the row totals). `None` with
/// fewer than two items or rows, rows of different lengths, or totals that do not vary.
#[must_use]
pub fn alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let k = rows.first()?.len();
    if k < 2 || rows.len() < 2 || rows.iter().any(|r| r.len() != k) {
        return None;
    }
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let total_variance = variance(&totals)?;
    if total_variance <= 0.0 {
        return None;
    }
    let mut item_variances = 0.0;
    let mut column = Vec::with_capacity(rows.len());
    for j in 0..k {
        column.clear();
        column.extend(rows.iter().filter_map(|r| r.get(j)));
        item_variances += variance(&column)?;
    }
    let k = k as f64;
    Some(k / (k - 1.0) * (1.0 - item_variances / total_variance))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn moments_divide_by_n_minus_one() {
        assert!(close(mean(&[1.0, 2.0, 6.0]), 3.0));
        assert!(close(variance(&[1.0, 2.0, 6.0]), 7.0));
        assert_eq!(variance(&[1.0]), None);
        assert!(close(median(&[5.0, 1.0, 3.0]), 3.0));
        assert!(close(median(&[4.0, 1.0, 3.0, 2.0]), 2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn correlation_and_efficiency_of_lists_in_and_out_of_step() {
        let x = [0.0, 0.0, 1.0, 1.0];
        assert!(close(
            correlation(&x, &[1.0, 2.0, 3.0, 4.0]),
            0.894_427_190_999_915_9
        ));
        assert!(close(efficiency(&x, &[1.0, 2.0, 3.0, 4.0]), 1.0));
        assert!(close(efficiency(&x, &[4.0, 3.0, 2.0, 1.0]), -1.0));
        assert_eq!(
            correlation(&x, &[2.0; 4]),
            None,
            "no spread, no correlation"
        );
        assert_eq!(efficiency(&[1.0; 4], &[1.0, 2.0, 3.0, 4.0]), None);
        // Below 0 there is no floor (found by the fuzzer): here the covariance is -1/3 and the
        // largest these scores allow is 1/6, so Moodle's formula gives -200%.
        assert!(close(efficiency(&[0.0, 1.0, 1.0], &[1.0, 0.0, 0.0]), -2.0));
    }

    #[test]
    fn alpha_of_a_perfectly_consistent_test_is_one() {
        let rows = vec![vec![0.0, 0.0], vec![1.0, 1.0], vec![1.0, 1.0]];
        assert!(close(alpha(&rows), 1.0));
        // Two items that always disagree cancel out: the totals do not vary.
        assert_eq!(alpha(&[vec![0.0, 1.0], vec![1.0, 0.0]]), None);
        assert_eq!(alpha(&[vec![0.0, 1.0], vec![1.0]]), None);
    }
}
