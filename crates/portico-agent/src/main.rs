#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool"
)]
//! `portico-agent`: see `portico-agent --help`.

use std::process::ExitCode;

use clap::Parser;
use portico_agent::cli::{Cli, NOT_LINKED_EXIT, NotLinked};

fn main() -> ExitCode {
    let cli = Cli::parse();
    #[cfg(windows)]
    if let portico_agent::cli::Command::Run(args) = &cli.command
        && args.service
    {
        // The service control manager's thread runs the loop; this one waits for it.
        return match portico_agent::service::start(args.clone()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("portico-agent: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("portico-agent: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(portico_agent::cli::run(cli)) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) if e.downcast_ref::<NotLinked>().is_some() => {
            eprintln!("portico-agent: {e}");
            ExitCode::from(NOT_LINKED_EXIT)
        }
        Err(e) => {
            eprintln!("portico-agent: {e:#}");
            ExitCode::FAILURE
        }
    }
}
