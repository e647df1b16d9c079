//! One-time codes that prove someone controls an email address or phone number: one
//! mechanism for sign-up, new aliases, password reset, sign-in by code and confirmations.

pub mod challenges;
pub mod code;
pub mod policy;
pub mod send;
mod send_limits;

pub use challenges::{Issued, Purpose, ResendError, Verified, VerifyError};
pub use code::Code;
pub use policy::CodePolicy;
