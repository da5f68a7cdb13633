#!/bin/sh
set -eu
cd "$(dirname "$0")"
status=0
for t in ./test_config ./test_auth; do
	if "$t"; then
		echo "PASS $t"
	else
		echo "FAIL $t"
		status=1
	fi
done
exit $status
