#!/usr/bin/env bash
# Path history and blame in an open workbench with the history index
# (issue 16's warm target: ≤ 0.2× git), against git's whole process in
# the same run. Each round runs git's blame and log once per repository,
# then BenchmarkWarmHistory (repo/histindex_bench_test.go) for each
# file's first history and blame in the session ("first": in a Repo just
# opened, with the history index) and for the same file again ("again"). Prints medians of wall time and the ratios as a Markdown
# table.
#
#   scripts/bench-workbench-history.sh CLONES
#
# CLONES holds tmux.git and fzf.git (git clone --bare
# ../shared/corpus/tmux.bundle CLONES/tmux.git); the large generated
# repository is used when scripts/bench.sh --large has made it, or
# SIGHTLINE_BENCH_LARGE names another (mkrepo -shape real). The files
# are the benchmark's: tmux window.c, fzf src/terminal.go, large
# src/core/engine.go. BENCH_REPS sets the rounds (default 3). Needs go,
# git and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 1 ] || { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
case "$1" in -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
clones=$(cd "$1" && pwd)
reps=${BENCH_REPS:-3}
[ -x /usr/bin/time ] || { echo "bench-workbench-history.sh: GNU time (/usr/bin/time) is needed" >&2; exit 1; }
command -v git >/dev/null || { echo "bench-workbench-history.sh: git is needed for the comparison" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sightline-benchwb.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/sightline" ./cmd/sightline
go test -c -o "$work/repo.test" ./repo

# The large repository: $SIGHTLINE_BENCH_LARGE (one made by mkrepo -shape
# real, say), else the one scripts/bench.sh --large cached; the benchmark
# finds it the same way (repotest.LargeBenchRepo).
cache=${SIGHTLINE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sightline-bench}
large=${SIGHTLINE_BENCH_LARGE:-$(ls -d "$cache"/large-*-packed 2>/dev/null | head -1 || true)}
large=${large:-$cache/large-packed}
targets=()
for t in "tmux|$clones/tmux.git|window.c" "fzf|$clones/fzf.git|src/terminal.go" "large|$large|src/core/engine.go"; do
  IFS='|' read -r name dir path <<<"$t"
  if [ -d "$dir" ]; then
    targets+=("$t")
  else
    echo "bench-workbench-history.sh: no $dir, $name left out" >&2
  fi
done
[ ${#targets[@]} -gt 0 ] || { echo "bench-workbench-history.sh: no repository to measure" >&2; exit 1; }

for t in "${targets[@]}"; do
  IFS='|' read -r name dir path <<<"$t"
  echo "== $name: history index" >&2
  XDG_CACHE_HOME="$work/hx" "$work/sightline" index --repo "$dir" --history-only >/dev/null 2>&1
done

# gitrun LABEL CMD...: one run's wall time, appended to $work/times.
gitrun() {
  local label=$1; shift
  /usr/bin/time -f "%e" -o "$work/one" "$@" >/dev/null 2>"$work/err" ||
    { echo "bench-workbench-history.sh: failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  echo "$label $(cat "$work/one")" >>"$work/times"
}

for r in $(seq "$reps"); do
  echo "== round $r of $reps" >&2
  for t in "${targets[@]}"; do
    IFS='|' read -r name dir path <<<"$t"
    gitrun "$name|blame|git" git -C "$dir" blame --line-porcelain HEAD -- "$path"
    gitrun "$name|log|git" git -C "$dir" log --format=%H -- "$path"
  done
  # Benchmark lines: BenchmarkWarmHistory/NAME/OP/index=true-N  5  NS ns/op ...
  (cd repo && SIGHTLINE_BENCH_CLONES="$clones" SIGHTLINE_HISTINDEX_DIR="$work/hx/sightline/index" \
    "$work/repo.test" -test.run '^$' -test.bench 'WarmHistory/.*/(log|blame)(-first)?/index=true' -test.benchtime 5x) |
    awk '/^BenchmarkWarmHistory/ { split($1, k, "/"); op = k[3]; kind = "again"
      if (op ~ /-first$/) { sub(/-first$/, "", op); kind = "first" }
      printf "%s|%s|%s %.4f\n", k[2], op, kind, $3 / 1e9 }' >>"$work/times"
done

echo "| repo | operation | git, wall | first in the session | first ÷ git | again | again ÷ git |"
echo "|---|---|---:|---:|---:|---:|---:|"
awk '
function median(s,   a, n, t, i, j) {
  n = split(s, a, " ")
  for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
  return a[int((n + 1) / 2)]
}
{ v[$1] = v[$1] " " $2; split($1, k, "|"); key = k[1] "|" k[2]; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
END {
  for (i = 1; i <= n; i++) {
    split(order[i], k, "|")
    g = median(v[order[i] "|git"]); f = median(v[order[i] "|first"]); a = median(v[order[i] "|again"])
    if (f == "" || a == "") continue
    printf "| %s | %s | %.2f s | %.0f ms | %.2f× | %.0f ms | %.2f× |\n", k[1], k[2], g, 1000 * f, f / g, 1000 * a, a / g
  }
}' "$work/times"
