//! Sign-in with any verified alias and the account's password.

pub mod code;
pub mod pages;

pub use pages::{show_form, submit};
