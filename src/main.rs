//! The `casualty-atlas` binary: parse, run, map the outcome to an exit status.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = casualty_atlas::cli::Cli::parse();
    match casualty_atlas::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {}", casualty_atlas::cli::describe_error(&e));
            ExitCode::from(casualty_atlas::cli::EXIT_ERROR)
        }
    }
}
