#!/usr/bin/env bash
# SHA-1, JDK beside BouncyCastle: see jmh-table.sh and ../README.md.
exec "$(dirname "$0")/jmh-table.sh" sha1 "$@"
