//! Presentation glue below every feature: the layout and its header, rendering, error
//! pages and problem JSON. Features use it; it uses no feature.

pub mod layout;
pub mod response;

pub use layout::{AccountMenu, DevDelivery, FormGuard, Layout, LazyMenu, OtherAccount, with_menu};
pub use response::{
    ErrorPage, InternalError, PageError, PageResult, ProblemJson, internal_error, render_html,
};
