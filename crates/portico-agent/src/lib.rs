//! portico-agent's shared core: every parse and decision, tested on any OS. The Windows
//! collectors (registry, WMI, firmware table) stay a thin layer over this.

pub mod cli;
pub mod client;
pub mod collect;
pub mod dpid;
pub mod generic;
pub mod key;
pub mod msdm;
pub mod regfile;
pub mod report;
pub mod state;
