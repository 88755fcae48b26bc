#!/usr/bin/env bash
# Decompression, jwim beside wimlib: see jmh-table.sh and ../README.md.
exec "$(dirname "$0")/jmh-table.sh" decompress "$@"
