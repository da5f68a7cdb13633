#!/bin/sh
PREFIX=/usr/local
export PATH

usage() {
	echo "usage: $0"
}

function cleanup {
	rm -rf "$TMP"
}

main () {
	usage
	cleanup
}
main "$@"
