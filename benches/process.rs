//! Benchmark of one return in a fresh process (`cargo bench --bench process`): `hkret render
//! moon.yaml --pdf -o moon.pdf` run again and again, as a user runs it, reporting its median
//! wall time and, on Linux, its CPU time and page faults per run.
//!
//! With `HKRET_BASELINE=/path/to/another/hkret` the other binary (say, the one an issue was
//! filed against) runs in turn with this one, and the benchmark reports this one's time as a
//! ratio of the other's (see `turns.rs`). `HKRET_ROUNDS` sets the rounds (300). The PDF is
//! written to the temporary directory, or to `HKRET_OUT_DIR`: on a disk, each run's `fsync`
//! costs both binaries the same (about a millisecond on the development machine), on a `tmpfs`
//! (`/dev/shm`) nothing.
//!
//! `HKRET_BINARY=/path/to/hkret` measures that binary in place of the benchmark's own. The
//! benchmark's own is cargo's build for benchmarks, whose dependencies have the features the
//! dev-dependencies ask for as well (more code, some 20 more pages a run); the binary users run is
//! `cargo build --release`'s: `cargo build --release && HKRET_BINARY=target/release/hkret cargo
//! bench --bench process` measures that one.
//!
//! Each binary's `--version` runs in turn with its renders: the cost of starting and ending a
//! process of that binary (loading it, the C library's start, the exit), which no render can
//! avoid. The report gives it beside the renders, and the ratio of the render's own time (the
//! median render less the median start) besides the ratio of the whole: on a virtual machine
//! where starting a process is dear, the whole ratio moves toward one however little the
//! render itself costs.

mod turns;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Clock ticks per second of the times in `/proc/self/stat` (`USER_HZ`, 100 on Linux).
const TICKS_PER_SECOND: f64 = 100.0;

/// The CPU time (seconds) and minor page faults of this process's children that have ended, as
/// Linux counts them; `None` elsewhere.
fn children_usage() -> Option<(f64, u64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (in parentheses, which may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let field = |n: usize| -> Option<u64> { fields.get(n - 3)?.parse().ok() };
    // proc(5): field 11 cminflt, 16 cutime, 17 cstime.
    let ticks = field(16)? + field(17)?;
    Some((ticks as f64 / TICKS_PER_SECOND, field(11)?))
}

/// One binary under test: its copy, and what its runs took.
struct Runner {
    /// What the report calls it.
    label: &'static str,
    /// The copy that runs.
    binary: PathBuf,
    /// Wall seconds of each run.
    walls: Vec<f64>,
    /// Wall seconds of each `--version`: starting and ending the process.
    starts: Vec<f64>,
    /// CPU seconds and minor faults of all runs together (Linux).
    usage: Option<(f64, u64)>,
}

impl Runner {
    /// `binary` copied to `dir` as `label`.
    fn new(label: &'static str, binary: &Path, dir: &Path) -> Self {
        Self {
            label,
            binary: turns::copied(binary, dir, label),
            walls: Vec::new(),
            starts: Vec::new(),
            usage: Some((0.0, 0)),
        }
    }

    /// Renders `input` to a PDF at `output` once, and records the run.
    fn run(&mut self, input: &Path, output: &Path) {
        let before = children_usage();
        let wall = self.timed(&[
            OsStr::new("render"),
            OsStr::new("--pdf"),
            OsStr::new("-o"),
            output.as_os_str(),
            input.as_os_str(),
        ]);
        self.walls.push(wall);
        self.usage = match (self.usage, before, children_usage()) {
            (Some((cpu, faults)), Some((cpu0, faults0)), Some((cpu1, faults1))) => {
                Some((cpu + cpu1 - cpu0, faults + faults1 - faults0))
            }
            _ => None,
        };
    }

    /// Runs `--version` once, and records its wall time.
    fn start(&mut self) {
        let wall = self.timed(&[OsStr::new("--version")]);
        self.starts.push(wall);
    }

    /// Runs the binary with `args` (its output discarded) and returns its wall seconds; fails
    /// the benchmark if it fails.
    fn timed(&self, args: &[&OsStr]) -> f64 {
        let start = Instant::now();
        let status = Command::new(&self.binary)
            .args(args)
            .stdout(Stdio::null())
            .status()
            .expect("hkret starts");
        let wall = start.elapsed().as_secs_f64();
        assert!(status.success(), "{} {args:?} failed", self.label);
        wall
    }
}

#[allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]
fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let input = root.join("examples/ff301-2026-01-moon-inc.yaml");
    let rounds = turns::rounds("HKRET_ROUNDS", 300);
    let dir = std::env::temp_dir().join(format!("hkret-bench-process-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let binary = std::env::var_os("HKRET_BINARY")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_hkret")), PathBuf::from);
    let mut runners = vec![Runner::new("hkret", &binary, &dir)];
    if let Some(baseline) = std::env::var_os("HKRET_BASELINE") {
        runners.push(Runner::new("baseline", Path::new(&baseline), &dir));
    }
    let output =
        turns::out_dir(&dir).join(format!("hkret-bench-process-{}.pdf", std::process::id()));
    // A few runs first, so that both binaries' pages are in memory.
    for runner in &mut runners {
        for _ in 0..5 {
            runner.run(&input, &output);
            runner.start();
        }
        runner.walls.clear();
        runner.starts.clear();
        runner.usage = Some((0.0, 0));
    }
    for round in 0..rounds {
        for i in turns::order(round, runners.len()) {
            runners[i].run(&input, &output);
            runners[i].start();
        }
    }
    println!(
        "one return in a fresh process: render moon.yaml --pdf -o {}, {rounds} runs each{}",
        output.display(),
        if runners.len() > 1 { ", in turn" } else { "" }
    );
    println!("hkret: {}", binary.display());
    println!(
        "{:>9} {:>13} {:>13} {:>14} {:>18}",
        "binary", "median ms", "CPU ms/run", "faults/run", "--version ms"
    );
    for runner in &runners {
        let per_run = |total: f64| total / rounds as f64;
        let (cpu, faults) = runner.usage.map_or((f64::NAN, f64::NAN), |(cpu, faults)| {
            (per_run(cpu) * 1000.0, per_run(faults as f64))
        });
        println!(
            "{:>9} {:>13.2} {cpu:>13.2} {faults:>14.0} {:>18.2}",
            runner.label,
            turns::median(&runner.walls) * 1000.0,
            turns::median(&runner.starts) * 1000.0,
        );
    }
    if let [ours, baseline] = &runners[..] {
        let (middle, low, high) = turns::ratio(&ours.walls, &baseline.walls);
        println!(
            "hkret / baseline, median of each round's ratio: {middle:.3} (middle half {low:.3} to {high:.3})"
        );
        let own = |r: &Runner| turns::median(&r.walls) - turns::median(&r.starts);
        println!(
            "the render's own time (median render less median --version): {:.2} ms against {:.2} ms, {:.3}",
            own(ours) * 1000.0,
            own(baseline) * 1000.0,
            own(ours) / own(baseline)
        );
    }
    let _ = std::fs::remove_file(&output);
    let _ = std::fs::remove_dir_all(&dir);
}
