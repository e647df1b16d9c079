#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool"
)]
//! `portico-agent`: see `portico-agent --help`.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = portico_agent::cli::Cli::parse();
    match portico_agent::cli::run(cli).await {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("portico-agent: {e:#}");
            ExitCode::FAILURE
        }
    }
}
