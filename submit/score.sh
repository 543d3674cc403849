#!/usr/bin/env bash
# submit/fashion-spark score [ARGS]: see submit/fashion-spark --help and submit/fashion-spark score --help.
exec "$(dirname "$0")/fashion-spark" score "$@"
