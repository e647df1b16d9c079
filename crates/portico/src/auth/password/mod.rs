//! Passwords: the policy a new one must meet (`policy`) and the argon2id hashing that keeps
//! them (`hasher`).

mod hasher;
mod kept_memory;
mod policy;

pub use hasher::{HashError, HashParams, PasswordHasher, Verification};
pub use kept_memory::matches_in_kept_memory;
pub use policy::{MAX_CHARS, MIN_CHARS, Password, PasswordError};
