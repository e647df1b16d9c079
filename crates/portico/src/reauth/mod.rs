//! Re-authentication ("sudo"): sensitive changes need a sign-in within the last ten minutes.
//! Otherwise the person confirms their password and lands back where they were: a page they
//! were opening is opened, a form they were sending is sent (its fields ride along in the
//! confirmation form, and a 307 redirect replays them to the original action).

mod confirm;
mod page;
mod proof;
mod recent;

pub use confirm::{send_code, submit, with_provider};
pub use page::show;
pub use proof::{Proof, ProofRefusal, check_own_password, elevate};
pub use recent::{RecentForm, RecentPage, require_for_form};
