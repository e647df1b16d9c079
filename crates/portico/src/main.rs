use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = portico::cli::Cli::parse();
    match portico::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, naming the problem; `{:#}` joins the causes.
            eprintln!("portico: error: {error:#}");
            // An operator's command refused until they say more (`--yes`, a known id): 2.
            if error.downcast_ref::<portico::admin::Refused>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
