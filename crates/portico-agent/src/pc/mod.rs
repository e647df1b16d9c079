//! This PC's collectors: Linux's files under `/sys` and `/etc`, or Windows' registry, WMI
//! and firmware table (a thin layer, `cfg(windows)`, over the shared parsers).

#[cfg(not(windows))]
mod linux;
#[cfg(not(windows))]
pub use linux::{Linux, collectors, recovery};

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::{collectors, recovery};
