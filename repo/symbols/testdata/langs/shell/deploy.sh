#!/usr/bin/env bash
# deploy.sh: build, check and copy a release to a host. The shapes a
# reviewer meets in shell: functions in both syntaxes, globals, aliases,
# here documents, traps, nested helpers.
set -euo pipefail

PREFIX=${PREFIX:-/opt/app}
VERSION="1.4.2"
readonly CONFIG_DIR="$HOME/.config/deploy"
declare -a TARGETS=()
export DEPLOY_LOG=/tmp/deploy.log
alias ll='ls -l'

log() {
	printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >>"$DEPLOY_LOG"
}

die() {
	log "fatal: $*"
	echo "deploy: $*" >&2
	exit 1
}

function usage {
	cat <<USAGE
Usage: deploy.sh [-n] HOST...
  -n  dry run: print what would be copied
USAGE
}

function cleanup() {
	rm -rf "$WORKDIR"
}

check_tools() {
	local t
	for t in tar ssh sha256sum; do
		command -v "$t" >/dev/null || die "$t is needed"
	done
}

build_release() {
	local out=$1
	mkdir -p "$out"
	tar -C "$PREFIX" -czf "$out/app-$VERSION.tar.gz" .
	sha256sum "$out/app-$VERSION.tar.gz" >"$out/SHA256SUMS"
}

verify_release() {
	local dir=$1
	(cd "$dir" && sha256sum -c SHA256SUMS) || die "checksum mismatch in $dir"
}

copy_to() {
	local host=$1 file=$2
	if [ "${DRY_RUN:-0}" = 1 ]; then
		echo "would copy $file to $host"
		return 0
	fi
	scp -q "$file" "$host:/tmp/" || return 1
	ssh "$host" "tar -C $PREFIX -xzf /tmp/$(basename "$file")"
}

deploy_all() {
	local f=$1 host failed=0
	for host in "${TARGETS[@]}"; do
		if ! copy_to "$host" "$f"; then
			log "copy to $host failed"
			failed=$((failed + 1))
		fi
	done
	return "$failed"
}

parse_args() {
	while getopts "nh" opt; do
		case $opt in
		n) DRY_RUN=1 ;;
		h) usage; exit 0 ;;
		*) usage >&2; exit 2 ;;
		esac
	done
	shift $((OPTIND - 1))
	TARGETS=("$@")
	[ ${#TARGETS[@]} -gt 0 ] || { usage >&2; exit 2; }
}

report() {
	summarize() {
		echo "deployed $VERSION to ${#TARGETS[@]} host(s)"
	}
	summarize
	log "done"
}

main() {
	parse_args "$@"
	check_tools
	WORKDIR=$(mktemp -d)
	trap cleanup EXIT
	build_release "$WORKDIR"
	verify_release "$WORKDIR"
	deploy_all "$WORKDIR/app-$VERSION.tar.gz" || die "some hosts failed"
	report
}

main "$@"
