#!/usr/bin/env bash
# Code navigation benchmark (issue 15) on a repository made by
# scripts/bench.sh: the index build with symbols ("sightline index") and
# without (the search index alone, "benchops step buildindex"), then
# "sightline def NAME", "sightline refs NAME" and the workbench's gr
# (its child, "sightline refs --serve", warm: a child asked the name
# five times less one asked once, per name) against "git grep -w NAME
# HEAD" in the same run, alternating. Prints wall and
# CPU (user+sys) time, peak RSS and the ratios as a Markdown table.
#
#   scripts/bench-symbols.sh [--large] [NAME...]
#
# NAMEs default to two identifiers the generator (cmd/mkrepo, seed 1) uses widely. Environment:
# BENCH_REPS (warm runs per side, default 5), BENCH_REPO (a repository
# directory instead of the cached one), SIGHTLINE_BENCH_CACHE as for
# bench.sh. Needs go, git and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

size=small names=()
for arg in "$@"; do
  case "$arg" in
    --large) size=large ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench-symbols.sh: unknown flag $arg" >&2; exit 2 ;;
    *) names+=("$arg") ;;
  esac
done
reps=${BENCH_REPS:-5}
[ -x /usr/bin/time ] || { echo "bench-symbols.sh: GNU time (/usr/bin/time) is needed for CPU time and peak RSS" >&2; exit 1; }
command -v git >/dev/null || { echo "bench-symbols.sh: git is needed for the comparison" >&2; exit 1; }

cache=${SIGHTLINE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sightline-bench}
repo=${BENCH_REPO:-}
if [ -z "$repo" ]; then
  repo=$(ls -d "$cache/$size-"*-packed 2>/dev/null | head -1 || true)
  [ -n "$repo" ] || { echo "bench-symbols.sh: no $size repository in $cache; run scripts/bench.sh${size/small/} first" >&2; exit 1; }
fi
[ ${#names[@]} -gt 0 ] || names=(ReaderSorker RequestAvent)

work=$(mktemp -d "${TMPDIR:-/tmp}/sightline-benchsym.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "== building sightline and benchops" >&2
go build -o "$work/" ./cmd/sightline ./cmd/benchops

# measure LABEL CMD...: runs CMD under GNU time, appends "label wall cpu
# rss" (seconds, seconds, MB) to $work/samples; stdout goes to
# $work/last.out.
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/last.out" 2>"$work/last.err" || {
    local rc=$?
    # def and refs exit 1 for "not found", git grep for "no match": not failures here.
    [ $rc -eq 1 ] || { echo "bench-symbols.sh: $* failed ($rc): $(head -3 "$work/last.err")" >&2; exit 1; }
  }
  read -r wall user sys rss < <(tail -1 "$work/time")
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN { printf "%s %s %.2f %d\n", l, w, u + s, r / 1024 }' >>"$work/samples"
}

echo "## Code navigation: $(basename "$repo")"
echo
"$work/benchops" machine
echo
echo "Command: scripts/bench-symbols.sh $*; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
: >"$work/samples"
echo "== index build without symbols (search index only)" >&2
XDG_CACHE_HOME="$work/nosym" measure build-search "$work/benchops" step -repo "$repo" buildindex
echo "== index build with symbols (sightline index)" >&2
XDG_CACHE_HOME="$work/sym" measure build-symbols "$work/sightline" index --repo "$repo" --rev HEAD
grep -E '^(indexed|tagged)' "$work/last.out" | sed 's/^/    /' >&2
cp "$work/last.out" "$work/index.out"

serveMore=4
for name in "${names[@]}"; do
  echo "== warm def, refs, gr's child and git grep -w for $name" >&2
  printf '{"name": "%s"}\n' "$name" >"$work/one-$name.req"
  for ((i = 0; i <= serveMore; i++)); do printf '{"name": "%s"}\n' "$name"; done >"$work/many-$name.req"
  for ((i = 0; i < reps; i++)); do
    XDG_CACHE_HOME="$work/sym" measure "def:$name" "$work/sightline" def --repo "$repo" --rev HEAD "$name"
    XDG_CACHE_HOME="$work/sym" measure "refs:$name" "$work/sightline" refs --repo "$repo" --rev HEAD "$name"
    cp "$work/last.out" "$work/refs-$name.out"
    measure "git:$name" git -C "$repo" grep -w -n "$name" HEAD
    cp "$work/last.out" "$work/git-$name.out"
    # gr in the workbench: one "refs --serve" child answers a session's
    # names. A child asked once, and one asked 1+serveMore times: the
    # difference is what the warm child takes per name.
    XDG_CACHE_HOME="$work/sym" measure "serve1:$name" sh -c 'exec "$0" refs --serve --repo "$1" --rev HEAD <"$2"' "$work/sightline" "$repo" "$work/one-$name.req"
    XDG_CACHE_HOME="$work/sym" measure "serveN:$name" sh -c 'exec "$0" refs --serve --repo "$1" --rev HEAD <"$2"' "$work/sightline" "$repo" "$work/many-$name.req"
  done
  echo "    $name: $(wc -l <"$work/refs-$name.out") refs lines, $(wc -l <"$work/git-$name.out") git grep lines" >&2
done

# The table: medians per label, ratios to git grep for the warm rows and
# to the search-only build for the build row.
awk -v reps="$reps" -v more="$serveMore" '
function median(label, field,   n, i, j, t, a) {
  n = 0
  for (i = 1; i <= cnt; i++) if (lab[i] == label) a[++n] = val[i, field]
  for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
  return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
{ cnt++; lab[cnt] = $1; val[cnt, 1] = $2; val[cnt, 2] = $3; val[cnt, 3] = $4; if (!seen[$1]++) order[++nl] = $1 }
END {
  bw = median("build-search", 1); bc = median("build-search", 2)
  sw = median("build-symbols", 1); sc = median("build-symbols", 2)
  print "| operation | wall | CPU (user+sys) | peak RSS | ratio (wall / CPU) | target |"
  print "|---|---:|---:|---:|---:|---|"
  printf "| index build, search index only | %.1f s | %.1f s | %d MB | | |\n", bw, bc, median("build-search", 3)
  printf "| index build with symbols (sightline index) | %.1f s | %.1f s | %d MB | %.2f× / %.2f× | ≤ 1.5×, ≤ 400 MB |\n", sw, sc, median("build-symbols", 3), sw / bw, sc / bc
  for (k = 1; k <= nl; k++) {
    l = order[k]
    split(l, p, ":")
    if (p[1] != "def" && p[1] != "refs") continue
    g = "git:" p[2]
    printf "| %s %s, warm (median of %d) | %.0f ms | %.0f ms | %d MB | %.2f× / %.2f× git grep -w | ≤ 50 ms, ≤ 0.1× |\n", p[1], p[2], reps, 1000 * median(l, 1), 1000 * median(l, 2), median(l, 3), median(l, 1) / median(g, 1), median(l, 2) / median(g, 2)
    if (p[1] != "refs") continue
    s1 = "serve1:" p[2]; sn = "serveN:" p[2]
    gw = (median(sn, 1) - median(s1, 1)) / more; gc = (median(sn, 2) - median(s1, 2)) / more
    printf "| gr %s in the workbench: its child (refs --serve), warm, per name | %.0f ms | %.0f ms | %d MB | %.2f× / %.2f× git grep -w | ≤ 50 ms, ≤ 0.1× |\n", p[2], 1000 * gw, 1000 * gc, median(sn, 3), gw / median(g, 1), gc / median(g, 2)
    printf "| gr %s, the first of a session (child start, index checked) | %.0f ms | %.0f ms | %d MB | | |\n", p[2], 1000 * median(s1, 1), 1000 * median(s1, 2), median(s1, 3)
    printf "| git grep -w -n %s HEAD | %.0f ms | %.0f ms | %d MB | | |\n", p[2], 1000 * median(g, 1), 1000 * median(g, 2), median(g, 3)
  }
}' "$work/samples"
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
