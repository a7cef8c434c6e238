//! Binaries run in turn: what the process and bulk benchmarks share to compare this hkret with
//! another (`HKRET_BASELINE`). On a shared machine the speed of both moves by tens of per cent
//! within minutes, and a round's runs of each see nearly the same machine, so a comparison is
//! the median of each round's ratio. Each binary is first copied into the benchmark's own
//! directory: a binary just written by the linker sits in the page cache in small pieces, and
//! each run then takes about fifty more page faults to map it than a copy (which is how `cargo
//! install` puts it in place) does; copies made at the same moment compare the programs rather
//! than their files' histories.

use std::path::{Path, PathBuf};

/// `binary` copied into `dir` as `name`.
pub(crate) fn copied(binary: &Path, dir: &Path, name: &str) -> PathBuf {
    let copy = dir.join(name);
    std::fs::copy(binary, &copy).expect("binary copied");
    copy
}

/// The rounds the environment variable `var` asks for, or `default`.
pub(crate) fn rounds(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Where the runs write: `HKRET_OUT_DIR` (a `tmpfs` such as `/dev/shm` leaves the disk out of the
/// comparison), or `default`.
pub(crate) fn out_dir(default: &Path) -> PathBuf {
    std::env::var_os("HKRET_OUT_DIR").map_or_else(|| default.to_owned(), PathBuf::from)
}

/// The order in which `count` binaries run in `round`: each first in every other round.
pub(crate) fn order(round: usize, count: usize) -> impl Iterator<Item = usize> {
    (0..count).map(move |i| {
        if round.is_multiple_of(2) {
            i
        } else {
            count - 1 - i
        }
    })
}

/// The middle value of `values`.
pub(crate) fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

/// Each round's `over` divided by its `under`: the median and the middle half (first and third
/// quartiles).
pub(crate) fn ratio(over: &[f64], under: &[f64]) -> (f64, f64, f64) {
    let mut ratios: Vec<f64> = over.iter().zip(under).map(|(a, b)| a / b).collect();
    ratios.sort_by(f64::total_cmp);
    let at = |q: usize| ratios[ratios.len() * q / 4];
    (at(2), at(1), at(3))
}
