#!/bin/sh
# Sign a firmware image with the release key (run on the signing host only).
# Usage: sign-image.sh IMAGE SECRET_KEY_FILE
set -eu
image=$1
key=$2
[ -f "$image" ] || { echo "no such image: $image" >&2; exit 1; }
minisign -S -s "$key" -m "$image" -x "$image.minisig"
# otaupd wants the raw 64-byte signature.
tail -n 2 "$image.minisig" | head -n 1 | base64 -d | tail -c 64 > "$image.sig"
echo "wrote $image.sig"
