//! Sign-up: name, an email or phone number and a password → a code to that address → the
//! account exists, with that alias verified and primary, and the person is signed in.

pub mod form;
pub mod pages;
pub mod pending;

pub use pages::{resend, show_code, show_form, start, verify};
