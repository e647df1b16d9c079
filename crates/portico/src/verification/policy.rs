//! How long codes live, how many tries they allow, and how long a resend must wait.

use time::Duration;

/// The rules for one-time codes (DESIGN §5 defaults).
#[derive(Debug, Clone, Copy)]
pub struct CodePolicy {
    pub lifetime: Duration,
    pub max_attempts: i32,
    /// The wait before the first resend; each further resend doubles it, up to `resend_max`.
    pub resend_base: Duration,
    pub resend_max: Duration,
}

impl Default for CodePolicy {
    fn default() -> Self {
        Self {
            lifetime: Duration::minutes(10),
            max_attempts: 5,
            resend_base: Duration::seconds(60),
            resend_max: Duration::minutes(15),
        }
    }
}

impl CodePolicy {
    /// How long after the latest send another may go, given how many were sent so far.
    pub fn resend_wait(&self, sent_count: i32) -> Duration {
        let doublings = u32::try_from(sent_count.saturating_sub(1))
            .unwrap_or(0)
            .min(16);
        let wait = self.resend_base * 2_i32.pow(doublings);
        wait.min(self.resend_max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resend_waits_grow_and_are_capped() {
        let p = CodePolicy::default();
        assert_eq!(p.resend_wait(1), Duration::seconds(60));
        assert_eq!(p.resend_wait(2), Duration::seconds(120));
        assert_eq!(p.resend_wait(3), Duration::seconds(240));
        assert_eq!(
            p.resend_wait(5),
            Duration::seconds(960).min(Duration::minutes(15))
        );
        assert_eq!(p.resend_wait(40), Duration::minutes(15));
    }
}
