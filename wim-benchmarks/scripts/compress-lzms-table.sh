#!/usr/bin/env bash
# LZMS compression, jwim beside wimlib (speed and size per corpus and level): see jmh-table.sh and ../README.md.
exec "$(dirname "$0")/jmh-table.sh" compress-lzms "$@"
