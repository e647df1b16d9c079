//! Pages that belong to no feature: the landing page, an account's home, the code page
//! every code flow shows.

pub mod account;
pub mod code_entry;
pub mod landing;
