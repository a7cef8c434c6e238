//! The `hkret` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use hkret::cli::Cli;

/// mimalloc instead of the system allocator: rendering a return makes many small, short-lived
/// allocations, and with the system allocator they took a sixth of a bulk run's time (one Moon
/// PDF in a fresh process: 22.6 M instructions against 19.2 M, callgrind). Its version 2 (the
/// `v2` feature) rather than 3: v3 sets up more at start (a `--version` touches 261 pages against
/// 228), one Moon PDF takes 19.45 M instructions against 19.23 M, a bulk run of 300 returns
/// (`--jobs 1`) 3,393 M against 3,386 M, same bytes; peak memory of a bulk run (text and PDF)
/// 28 MiB at 1,000 returns and 35 MiB at 100,000 (v3: 30 and 34).
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
