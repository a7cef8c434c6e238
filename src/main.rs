//! The `hkret` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use hkret::cli::Cli;

/// mimalloc instead of the system allocator: rendering a return makes many small, short-lived
/// allocations, and with the system allocator they took a sixth of a bulk run's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match Cli::parse().resolve() {
        Ok(invocation) => hkret::run::run(invocation),
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
