//! Messages for the person at the terminal: diagnostics, errors, summaries. Each message is
//! written whole with one call (threads do not interleave them), and a stream whose reader went
//! away (`hkret validate *.yaml 2>&1 | head`) drops what it cannot show instead of panicking as
//! `eprint!` would: the exit code still tells the outcome.

use std::io::Write;

/// Writes `text` to standard error.
pub(crate) fn say(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Writes `text` and a newline to standard error.
pub(crate) fn say_line(text: &str) {
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(text);
    line.push('\n');
    say(&line);
}

/// Writes `text` to standard output (JSON diagnostics when the command's output is elsewhere).
pub(crate) fn say_out(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
