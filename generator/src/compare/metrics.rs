//! The figures of a comparison: counted ratios, per-kind breakdowns, and the targets a figure is
//! held to.

use std::fmt;

use crate::ir::TypeKind;

/// A figure kept as its counts, so a reader sees what it was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ratio {
    pub num: usize,
    pub den: usize,
}

impl Ratio {
    pub fn new(num: usize, den: usize) -> Self {
        Ratio { num, den }
    }

    /// Counts one case, a hit or not.
    pub fn count(&mut self, hit: bool) {
        self.den += 1;
        if hit {
            self.num += 1;
        }
    }

    /// `num / den`; `None` when there is nothing to measure.
    pub fn value(&self) -> Option<f64> {
        (self.den > 0).then(|| self.num as f64 / self.den as f64)
    }
}

/// `97.3% (123/456)`, or `n/a (0/0)`.
impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value() {
            Some(v) => write!(f, "{:5.1}% ({}/{})", v * 100.0, self.num, self.den),
            None => write!(f, "  n/a  ({}/{})", self.num, self.den),
        }
    }
}

/// The harmonic mean of precision and recall; `None` when either is unmeasured, 0 when both are 0.
pub fn f1(precision: Ratio, recall: Ratio) -> Option<f64> {
    let (p, r) = (precision.value()?, recall.value()?);
    Some(if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    })
}

/// One value per type kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PerKind<T> {
    pub entity: T,
    pub complex: T,
    pub enumeration: T,
}

impl<T> PerKind<T> {
    pub fn get(&self, kind: TypeKind) -> &T {
        match kind {
            TypeKind::Entity => &self.entity,
            TypeKind::Complex => &self.complex,
            TypeKind::Enum => &self.enumeration,
        }
    }

    pub fn get_mut(&mut self, kind: TypeKind) -> &mut T {
        match kind {
            TypeKind::Entity => &mut self.entity,
            TypeKind::Complex => &mut self.complex,
            TypeKind::Enum => &mut self.enumeration,
        }
    }
}

/// The thresholds the figures are held to, each a fraction in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Targets {
    pub type_recall: f64,
    pub type_precision: f64,
    pub base_agreement: f64,
    pub property_f1: f64,
    pub property_type_agreement: f64,
    pub enum_member_recall: f64,
}

impl Targets {
    /// The targets of the issue that introduced `graphdoc compare` (issue #3).
    pub const ISSUE_3: Targets = Targets {
        type_recall: 0.98,
        type_precision: 0.97,
        base_agreement: 0.95,
        property_f1: 0.97,
        property_type_agreement: 0.97,
        enum_member_recall: 0.95,
    };
}

impl Default for Targets {
    fn default() -> Self {
        Targets::ISSUE_3
    }
}

/// A figure below its target (or unmeasured, which cannot be shown to meet it).
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub figure: &'static str,
    pub value: Option<f64>,
    pub target: f64,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            Some(v) => write!(
                f,
                "{} is {:.1}%, below the target {:.1}%",
                self.figure,
                v * 100.0,
                self.target * 100.0
            ),
            None => write!(
                f,
                "{} is unmeasured (nothing to count), target {:.1}%",
                self.figure,
                self.target * 100.0
            ),
        }
    }
}

/// Whether `value` meets `target`. Compared at 1e-9 so that e.g. 97/100 meets 0.97.
pub fn meets(value: Option<f64>, target: f64) -> bool {
    value.is_some_and(|v| v + 1e-9 >= target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_arithmetic_and_rendering() {
        let mut r = Ratio::default();
        assert_eq!(r.value(), None);
        assert_eq!(r.to_string(), "  n/a  (0/0)");
        r.count(true);
        r.count(false);
        r.count(true);
        r.count(true);
        assert_eq!(r, Ratio::new(3, 4));
        assert_eq!(r.value(), Some(0.75));
        assert_eq!(r.to_string(), " 75.0% (3/4)");
    }

    #[test]
    fn f1_is_the_harmonic_mean() {
        // p = 1/2, r = 1/4: 2 * (1/8) / (3/4) = 1/3.
        let v = f1(Ratio::new(1, 2), Ratio::new(1, 4)).unwrap_or_default();
        assert!((v - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(f1(Ratio::new(0, 2), Ratio::new(0, 4)), Some(0.0));
        assert_eq!(f1(Ratio::new(0, 0), Ratio::new(1, 4)), None);
    }

    #[test]
    fn meets_is_inclusive() {
        assert!(meets(Ratio::new(97, 100).value(), 0.97));
        assert!(!meets(Ratio::new(96, 100).value(), 0.97));
        assert!(!meets(None, 0.0));
    }
}
