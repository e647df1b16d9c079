//! Version 2's BitLocker recovery keys, sent only with the person's consent, and the
//! answer's header that carries that consent to the agent.

use serde::{Deserialize, Serialize};

/// The largest number of recovery keys one report carries.
pub const MAX_RECOVERY_KEYS: usize = 32;

/// One BitLocker recovery-password protector. The password is a secret: this type never
/// prints it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryKey {
    /// `C:`, or a mount point.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub volume: String,
    /// The protector's ID, `{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}`: the "Recovery key ID"
    /// the recovery screen shows the first eight characters of.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = "^\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}$"
        )
    )]
    pub protector_id: String,
    /// The 48-digit recovery password, `123453-234564-…` (eight groups of six digits).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{6}(-[0-9]{6}){7}$"))]
    pub recovery_password: String,
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoveryKey")
            .field("volume", &self.volume)
            .field("protector_id", &self.protector_id)
            .field("recovery_password", &"…")
            .finish()
    }
}

/// The header of every applied report's answer (`204`) that says whether the person lets
/// this PC back up its BitLocker recovery keys: a structured-field boolean (RFC 8941), `?1`
/// or `?0`. The agent sends the keys with its reports while it reads `?1`, and stops when
/// it reads `?0`; an answer without it (an older portal) changes nothing.
pub const BACKUP_RECOVERY_KEYS_HEADER: &str = "portico-backup-recovery-keys";

/// The header's value for `on`.
pub fn backup_recovery_keys_value(on: bool) -> &'static str {
    super::choice_value(on)
}

/// What the header says: `None` for anything but `?1` or `?0`.
pub fn parse_backup_recovery_keys(value: &str) -> Option<bool> {
    super::parse_choice(value)
}
