use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = portico::cli::Cli::parse();
    match portico::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, naming the problem; `{:#}` joins the causes.
            eprintln!("portico: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
