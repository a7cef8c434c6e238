//! Benchmark of `hkret bulk` over a synthetic market (`cargo bench --bench bulk`): 100, 1,000
//! and 2,600 issuers (the whole exchange) rendered to text and PDF in one run of the release
//! binary, and 100,000 (about 13 years of the market's returns) as text and PDF together,
//! reporting documents per second and the process's peak memory, which must not grow with the
//! number of documents. Figures depend on the machine; compare them as ratios. The markets are
//! generated on the fly into the system's temporary directory (100,000 returns take about
//! 0.4 GB as input and 4.6 GB as output, removed as soon as that run ends).
//!
//! Each run writes into a directory of its own, as a month's run does, and nothing is deleted
//! until the end: on a file system that avoids reusing recently freed inodes (ext4 without a
//! journal, as on the development machines), creating thousands of files right after deleting
//! thousands costs several times the system time, which would measure the file system's
//! bookkeeping rather than hkret.
//!
//! With `HKRET_BASELINE=/path/to/another/hkret`, the 2,600 returns are then rendered as text and
//! PDF by both binaries in turn (`HKRET_BULK_ROUNDS` rounds, 6), and this one's speed reported
//! as a multiple of the other's (see `turns.rs`). With `HKRET_OUT_DIR`, the outputs of those
//! rounds go there (a `tmpfs` such as `/dev/shm` leaves the disk out of it).

mod market;
mod turns;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The peak resident memory (`VmHWM`) of a running process, in KiB.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs one bulk render of `input` to `out` (a new directory) with this hkret; returns its wall
/// time and peak memory.
fn run(input: &Path, out: &Path, format: &str) -> (Duration, u64) {
    run_with(Path::new(env!("CARGO_BIN_EXE_hkret")), input, out, format)
}

/// Runs one bulk render of `input` to `out` with the hkret `binary`.
fn run_with(binary: &Path, input: &Path, out: &Path, format: &str) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = Command::new(binary)
        // Named by input file: the 100,000-return market repeats stock codes.
        .args([
            "bulk", "--quiet", "--name", "{{stem}}", "--format", format, "--out",
        ])
        .arg(out)
        .arg(input)
        .spawn()
        .expect("hkret bulk starts");
    let mut peak = 0;
    loop {
        if let Some(kib) = peak_kib(child.id()) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "hkret bulk failed");
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    (start.elapsed(), peak)
}

#[allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
fn main() {
    let base = std::env::temp_dir().join(format!("hkret-bench-bulk-{}", std::process::id()));
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("hkret bulk over a synthetic market ({cores} cores; release build)");
    println!(
        "{:>9} {:>7} {:>10} {:>12} {:>14}",
        "documents", "format", "seconds", "documents/s", "peak memory"
    );
    for count in [100, 1_000, 2_600, 100_000] {
        let input = base.join(format!("market-{count}"));
        market::write(&input, count).expect("market written");
        let formats: &[&str] = if count > 10_000 {
            &["both"]
        } else {
            &["text", "pdf", "both"]
        };
        for &format in formats {
            let out = base.join(format!("out-{count}-{format}"));
            let (took, peak) = run(&input, &out, format);
            let secs = took.as_secs_f64();
            println!(
                "{count:>9} {format:>7} {secs:>10.2} {:>12.0} {:>11} MiB",
                count as f64 / secs,
                peak / 1024
            );
            if count > 10_000 {
                let _ = std::fs::remove_dir_all(&out);
            }
        }
    }
    if let Some(baseline) = std::env::var_os("HKRET_BASELINE") {
        against_baseline(Path::new(&baseline), &base);
    }
    let _ = std::fs::remove_dir_all(&base);
}

/// The 2,600 returns of `base` as text and PDF, by this hkret and by `baseline` in turn: the
/// median wall time of each, and how many times the baseline's time this one's is (the median of
/// each round's ratio, with the middle half).
#[allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
fn against_baseline(baseline: &Path, base: &Path) {
    let rounds = turns::rounds("HKRET_BULK_ROUNDS", 6);
    let input = base.join("market-2600");
    let out_dir = turns::out_dir(base);
    let binaries = [
        turns::copied(Path::new(env!("CARGO_BIN_EXE_hkret")), base, "hkret"),
        turns::copied(baseline, base, "baseline"),
    ];
    let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for round in 0..rounds {
        for i in turns::order(round, binaries.len()) {
            let out = out_dir.join(format!(
                "hkret-bench-bulk-{}-{i}-{round}",
                std::process::id()
            ));
            let (took, _) = run_with(&binaries[i], &input, &out, "both");
            times[i].push(took.as_secs_f64());
            let _ = std::fs::remove_dir_all(&out);
        }
    }
    let (speed, low, high) = turns::ratio(&times[1], &times[0]);
    println!(
        "2,600 text+PDF, {rounds} rounds in turn: hkret {:.2} s, baseline {:.2} s; hkret at {speed:.2}x the baseline's speed (median of each round's ratio; middle half {low:.2} to {high:.2})",
        turns::median(&times[0]),
        turns::median(&times[1]),
    );
}
