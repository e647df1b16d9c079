//! Sign-up: name, an email or phone number and a password → a code to that address → the
//! account exists, with that alias verified and primary, and the person is signed in.

pub mod code;
pub mod form;
pub mod pages;
pub mod pending;

pub use code::{resend, show_code, verify};
pub use pages::{show_form, start};
