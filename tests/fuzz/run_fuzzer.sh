#!/usr/bin/env bash
# Runs one libFuzzer target on its seed corpus for a bounded time, without writing into the
# corpus kept in the repository (new inputs go to a scratch directory that is removed).
#
# Usage: tests/fuzz/run_fuzzer.sh FUZZER_BINARY SEED_CORPUS_DIR SECONDS [LIBFUZZER_FLAGS...]
# Exit code: the fuzzer's (0 when no crash, leak, sanitizer report or timeout was found). A
# crashing input is saved in the current directory as crash-<sha1> (or leak-, timeout-).
set -euo pipefail

if [[ $# -lt 3 ]]; then
  sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
fi
fuzzer="$1"
seeds="$2"
seconds="$3"
shift 3

scratch="$(mktemp -d "${TMPDIR:-/tmp}/usersessions-fuzz-XXXXXX")"
trap 'rm -rf "${scratch}"' EXIT

# -rss_limit_mb bounds memory; -max_len allows the largest seeds plus room to grow; -timeout
# flags any single input that runs for over a minute (every input here takes milliseconds; the
# margin keeps a machine busy with other work from reporting false hangs).
"${fuzzer}" "${scratch}" "${seeds}" -max_total_time="${seconds}" -rss_limit_mb=2048 \
  -max_len=65536 -timeout=60 -print_final_stats=1 "$@"
