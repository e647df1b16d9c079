#![doc = include_str!("../README.md")]
// The library is the agent's shared core: every parse and decision, tested on any OS. The
// Windows collectors (registry, WMI, firmware table) stay a thin layer over it.

pub mod bitlocker;
pub mod cli;
pub mod client;
pub mod collect;
pub mod dpid;
pub mod files;
pub mod generic;
pub mod key;
pub mod licensing;
pub mod location;
pub mod logfile;
pub mod msdm;
pub mod pc;
pub mod queue;
pub mod regfile;
pub mod report;
pub mod run;
#[cfg(windows)]
pub mod service;
pub mod signals;
pub mod specs;
pub mod state;

/// Where Linux exposes the firmware's MSDM table (readable by root only).
pub const FIRMWARE_MSDM: &str = "/sys/firmware/acpi/tables/MSDM";

/// Files of a pretend PC under a temporary root, for the tests of the Linux readers.
#[cfg(test)]
pub(crate) mod test_files {
    use std::path::Path;

    pub fn write(root: &Path, path: &str, text: &[u8]) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("write");
    }
}
