//! The `hkret` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use hkret::cli::Cli;

fn main() -> ExitCode {
    match Cli::parse().resolve() {
        Ok(command) => hkret::run::run(command),
        Err(e) => {
            #[allow(
                clippy::print_stderr,
                reason = "the one message printed before run takes over"
            )]
            {
                eprintln!("error: {e}");
            }
            ExitCode::from(2)
        }
    }
}
