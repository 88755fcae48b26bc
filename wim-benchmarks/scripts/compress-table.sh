#!/usr/bin/env bash
# Chunk compression, jwim beside wimlib (speed and size per codec, corpus and level): see
# jmh-table.sh and ../README.md. E.g. compress-table.sh -p codec=LZX_32K -p level=50
exec "$(dirname "$0")/jmh-table.sh" compress "$@"
