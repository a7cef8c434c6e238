#!/usr/bin/env bash
# Fuzzes hkret with cargo-fuzz (libFuzzer): each target for a time budget on the committed corpus.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      default: 60 seconds each; targets parse_validate,
#                                          render_text, render_pdf, import, describe; 0 seconds
#                                          replays the corpus once without mutating it (what CI
#                                          does: deterministic)
# A crash leaves its input in tests/fuzz/artifacts/TARGET/; keep it as a regression fixture under
# tests/fixtures/ (named after what it broke) once fixed. New inputs that reach new code are added
# to tests/fuzz/corpus/TARGET/ by libFuzzer.
set -euo pipefail
cd "$(dirname "$0")"
budget=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse_validate render_text render_pdf import describe)
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
# cargo-fuzz passes nightly-only flags (sanitizers); the machine has one stable toolchain.
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "== $t: ${budget}s"
  if [ "$budget" = 0 ]; then limit=(-runs=0); else limit=(-max_total_time="$budget"); fi
  # Only libFuzzer's summary lines are shown; a failed build or run fails the script.
  cargo fuzz run --fuzz-dir . -O "$t" "corpus/$t" -- "${limit[@]}" -max_len=65536 -rss_limit_mb=2048 -timeout=30 \
    >"artifacts/$t.log" 2>&1 && status=0 || status=$?
  grep -E "^(#[0-9]+ *(DONE|INITED)|Done|INFO: seed|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written|thread .* panicked|  )" "artifacts/$t.log" || true
  if [ "$status" != 0 ]; then
    tail -n 40 "artifacts/$t.log" >&2
    echo "$t: cargo fuzz exited with $status (log: tests/fuzz/artifacts/$t.log)" >&2
    exit 1
  fi
  shopt -s nullglob
  failing=("artifacts/$t"/crash-* "artifacts/$t"/timeout-* "artifacts/$t"/oom-*)
  shopt -u nullglob
  if [ ${#failing[@]} -gt 0 ]; then
    echo "$t: failing inputs in tests/fuzz/artifacts/$t" >&2
    exit 1
  fi
done
