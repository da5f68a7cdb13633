#!/usr/bin/env bash
# Release build for sightline (issue 19): static, reproducible binaries
# from the committed tree, their SHA-256 sums, and a CycloneDX SBOM each.
#
#   scripts/release.sh                      every target into dist/
#   scripts/release.sh --targets linux/amd64 [--out DIR]
#   scripts/release.sh --check-reproducible [linux/amd64]
#                      clone HEAD into two directories, build the target in
#                      each, and fail unless the binaries are byte-identical
#
# Binaries are built with CGO_ENABLED=0 (static, pure-Go user and DNS
# lookups), -trimpath (no build paths), an empty build id, and VCS stamping
# on (the commit, its time and whether the tree was modified are read from
# this repository by the go command and recorded in the binary:
# 'sightline version'). Dependencies come from vendor/, so no network is
# needed. Needs go and git.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
top=$(pwd)

all_targets="linux/amd64 linux/arm64 darwin/arm64 windows/amd64"
targets=$all_targets out=dist check=""
while [ $# -gt 0 ]; do
  case "$1" in
    --targets) targets=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --check-reproducible) check=${2:-linux/amd64}; [ $# -ge 2 ] && shift; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# build TARGET DIR: one static binary of the tree in the current
# directory, named after the version the go command stamps into it.
build() {
  local os=${1%/*} arch=${1#*/} dir=$2 tmp name version
  tmp="$dir/.sightline-build-$os-$arch"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch GOFLAGS= \
    go build -trimpath -buildvcs=true -ldflags='-buildid=' -o "$tmp" ./cmd/sightline
  version=$(go version -m "$tmp" | awk '$1 == "mod" { print $3; exit }')
  name="sightline-$version-$os-$arch"
  [ "$os" = windows ] && name="$name.exe"
  mv "$tmp" "$dir/$name"
  echo "$dir/$name"
}

if [ -n "$check" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for side in a b/deeper; do
    git clone -q --no-hardlinks "$top" "$work/$side/sightline"
    mkdir -p "$work/$side/out"
    (cd "$work/$side/sightline" && build "$check" "$work/$side/out" >/dev/null)
  done
  a=$(ls "$work/a/out"/sightline-*) b=$(ls "$work/b/deeper/out"/sightline-*)
  sha256sum "$a" "$b" | sed "s|$work/||"
  if ! cmp -s "$a" "$b"; then
    echo "release.sh: NOT reproducible: two clean checkouts of $(git rev-parse --short HEAD) built different $check binaries" >&2
    exit 1
  fi
  echo "reproducible: $check binaries from two clean checkouts are byte-identical"
  exit 0
fi

if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "release.sh: warning: the work tree has uncommitted changes; the binaries say 'modified' and the version ends in +dirty" >&2
fi
mkdir -p "$out"
for t in $targets; do
  case " $all_targets " in *" $t "*) ;; *) echo "release.sh: unknown target $t (want one of: $all_targets)" >&2; exit 2 ;; esac
  bin=$(build "$t" "$out")
  go run ./cmd/sightline version --cyclonedx "$bin" > "$bin.cdx.json"
done
(cd "$out" && sha256sum sightline-* | grep -v '\.cdx\.json$' > SHA256SUMS && cat SHA256SUMS)
