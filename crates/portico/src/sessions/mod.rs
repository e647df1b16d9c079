//! Server-side sessions: several accounts per browser, each at a `/u/N/` position.

pub mod account;
pub mod complete;
pub mod cookie;
pub mod extract;
pub mod forms;
pub mod store;
pub mod token;
pub mod visitor;

pub use store::{AccountInBrowser, SessionPolicy, SignIn, SignInError};
pub use token::SessionToken;
