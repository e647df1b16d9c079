//! Accounts and how people prove who they are: passwords now; sign-in, sessions and the
//! account switcher build on these.

pub mod accounts;
pub mod password;
pub mod throttle;
