//! HTTP infrastructure shared by every feature: the router and its layers.

pub mod assets;
pub mod client;
pub mod csrf;
pub mod dev;
pub mod frame;
pub mod health;
pub mod metrics;
pub mod next;
pub mod origin;
pub mod request_id;
pub mod router;
pub mod security_headers;

pub use router::router;
