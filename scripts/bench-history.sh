#!/usr/bin/env bash
# Blame and path history against git (issue 16), as whole processes in
# the same run: for each repository, "git log --format=%H -- PATH" and
# "git blame --line-porcelain HEAD -- PATH" against sightline without a
# history index ("cold") and with one ("warm"), alternating. Prints the
# medians of CPU (user+sys) and wall time, the ratios and peak RSS as a
# Markdown table.
#
#   scripts/bench-history.sh DIR:PATH...
#
# Each DIR is a repository (a bare clone of a corpus bundle:
# git clone --bare ../shared/corpus/tmux.bundle /tmp/tmux.git) and PATH a
# file in it, e.g. /tmp/tmux.git:window.c. BENCH_REPS sets the runs per
# side (default 3). Needs go, git and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -gt 0 ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
case "$1" in -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
reps=${BENCH_REPS:-3}
[ -x /usr/bin/time ] || { echo "bench-history.sh: GNU time (/usr/bin/time) is needed for CPU time and peak RSS" >&2; exit 1; }
command -v git >/dev/null || { echo "bench-history.sh: git is needed for the comparison" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sightline-benchhist.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/sightline" ./cmd/sightline
mkdir -p "$work/cold" "$work/warm"

# measure LABEL CMD...: one run, appended to $work/times as
# "LABEL cpu wall rssKB".
measure() {
  local label=$1; shift
  /usr/bin/time -f "%U %S %e %M" -o "$work/one" "$@" >/dev/null 2>"$work/err" ||
    { echo "bench-history.sh: failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  awk -v l="$label" '{printf "%s %.3f %.3f %d\n", l, $1+$2, $3, $4}' "$work/one" >>"$work/times"
}

for arg in "$@"; do
  dir=${arg%%:*} path=${arg#*:}
  [ -d "$dir" ] && [ -n "$path" ] && [ "$path" != "$arg" ] ||
    { echo "bench-history.sh: $arg: want DIR:PATH with DIR a repository" >&2; exit 2; }
  name=$(basename "$dir" .git)
  echo "== $name: history index" >&2
  XDG_CACHE_HOME="$work/warm" "$work/sightline" index --repo "$dir" --history-only >/dev/null 2>&1
  for r in $(seq "$reps"); do
    echo "== $name: run $r of $reps" >&2
    measure "$name|log|git" git -C "$dir" log --format=%H -- "$path"
    XDG_CACHE_HOME="$work/cold" measure "$name|log|cold" "$work/sightline" log --repo "$dir" -- "$path"
    XDG_CACHE_HOME="$work/warm" measure "$name|log|warm" "$work/sightline" log --repo "$dir" -- "$path"
    measure "$name|blame|git" git -C "$dir" blame --line-porcelain HEAD -- "$path"
    XDG_CACHE_HOME="$work/cold" measure "$name|blame|cold" "$work/sightline" blame "$path" --repo "$dir"
    XDG_CACHE_HOME="$work/warm" measure "$name|blame|warm" "$work/sightline" blame "$path" --repo "$dir"
  done
done

echo "| repo | operation | git CPU (wall) | cold CPU (wall) | cold ÷ git, CPU (wall) | warm CPU (wall) | warm ÷ git, CPU (wall) | peak RSS git / cold / warm |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
awk '
function median(s,   a, n, t, i, j) {
  n = split(s, a, " ")
  for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
  return a[int((n + 1) / 2)]
}
{ cpu[$1] = cpu[$1] " " $2; wall[$1] = wall[$1] " " $3; if ($4 > rss[$1]) rss[$1] = $4
  split($1, k, "|"); key = k[1] "|" k[2]; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
END {
  for (i = 1; i <= n; i++) {
    g = order[i] "|git"; c = order[i] "|cold"; w = order[i] "|warm"; split(order[i], k, "|")
    gc = median(cpu[g]); gw = median(wall[g]); cc = median(cpu[c]); cw = median(wall[c]); wc = median(cpu[w]); ww = median(wall[w])
    printf "| %s | %s | %.2f s (%.2f) | %.2f s (%.2f) | %.2f× (%.2f×) | %.2f s (%.2f) | %.2f× (%.2f×) | %d / %d / %d MB |\n",
      k[1], k[2], gc, gw, cc, cw, cc / gc, cw / gw, wc, ww, wc / gc, ww / gw, rss[g] / 1024, rss[c] / 1024, rss[w] / 1024
  }
}' "$work/times"
