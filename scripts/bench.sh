#!/usr/bin/env bash
# Benchmark harness for sightline (issue 7): builds mkrepo, sightline and
# the benchops driver, generates a synthetic repository (or reuses it from
# the cache), then runs every operation in sightline and in the nearest git
# command in the same run, alternating, and prints medians, ratios and peak
# RSS as a Markdown table.
#
#   scripts/bench.sh            small repository (1,000 files / 1,000 commits), 5 runs
#   scripts/bench.sh --large    large repository (100,000 files / 20,000 commits), 5 runs
#   scripts/bench.sh --smoke    small repository, 1 run: fails only if an operation errors
#
# Environment: BENCH_REPS (runs per side), BENCH_ONLY (a regexp: only the
# rows whose name matches), BENCH_SEED (default 1),
# SIGHTLINE_BENCH_CACHE (where generated repositories are kept; default
# ${XDG_CACHE_HOME:-$HOME/.cache}/sightline-bench). Needs only go and git.
set -euo pipefail
cd "$(dirname "$0")/.."

size=small smoke=() reps=${BENCH_REPS:-5} timeout=10m
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=(-smoke); reps=1; timeout=2m ;;
    --large) size=large ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument $arg (want --smoke and/or --large)" >&2; exit 2 ;;
  esac
done
case "$size" in
  small) files=1000 commits=1000 ;;
  large) files=100000 commits=20000 ;;
esac
seed=${BENCH_SEED:-1}

command -v git >/dev/null || { echo "bench.sh: git is needed for the comparison" >&2; exit 1; }
bin=$(mktemp -d "${TMPDIR:-/tmp}/sightline-bench-bin.XXXXXX")
trap 'rm -rf "$bin"' EXIT
echo "== building sightline, mkrepo, benchops" >&2
go build -o "$bin/" ./cmd/sightline ./cmd/mkrepo ./cmd/benchops

# The cache key includes a hash of the generator's source (the command
# and package repo/synth), so a changed generator never reuses a stale
# repository.
gen=$(cat cmd/mkrepo/*.go repo/synth/*.go | sha256sum | cut -c1-10)
cache=${SIGHTLINE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sightline-bench}
if ! mkdir -p "$cache" 2>/dev/null || [ ! -w "$cache" ]; then
  cache=$(mktemp -d "${TMPDIR:-/tmp}/sightline-bench-repos.XXXXXX")
fi
repo="$cache/$size-$seed-$gen-packed"
if [ ! -f "$repo/.git/mkrepo.json" ]; then
  rm -rf "$repo.tmp" "$cache/$size-$seed-"*
  echo "== generating $size repository ($files files, $commits commits, seed $seed) in $repo" >&2
  "$bin/mkrepo" -o "$repo.tmp" -files "$files" -commits "$commits" -seed "$seed" >&2
  # A vendor's repository arrives packed by git (a clone is one pack made
  # by git pack-objects, newest versions whole, older ones as deltas), and
  # how deltas run decides how fast trees and blobs read. mkrepo writes
  # each version as a delta of the one before, so repack it the way git
  # does for a clone before measuring.
  echo "== repacking it with git repack -a -d -f" >&2
  start=$(date +%s)
  git -C "$repo.tmp" repack -a -d -f -q
  echo "== repacked in $(( $(date +%s) - start )) s" >&2
  mv "$repo.tmp" "$repo"
else
  echo "== reusing $repo" >&2
fi

echo "## sightline vs git: $size repository"
echo
"$bin/benchops" machine
echo
echo "Command: scripts/bench.sh $*"
echo
"$bin/benchops" run -repo "$repo" -sightline "$bin/sightline" -reps "$reps" -timeout "$timeout" ${BENCH_ONLY:+-only "$BENCH_ONLY"} "${smoke[@]}"
