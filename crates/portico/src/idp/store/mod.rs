//! The provider's SQL: clients, signing keys, requests, grants, subjects, codes and tokens,
//! one file each.

mod clients;
mod grants;
mod keys;
mod requests;
mod tokens;

pub use clients::*;
pub use grants::*;
pub use keys::*;
pub use requests::*;
pub use tokens::*;
