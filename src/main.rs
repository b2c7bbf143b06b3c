//! The `casualty-atlas` binary: parse, run, map the outcome to an exit status.

use casualty_atlas::cmd;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    match cmd::run(cmd::Cli::parse()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {}", cmd::describe_error(&e));
            ExitCode::from(cmd::EXIT_ERROR)
        }
    }
}
