#!/usr/bin/env bash
# submit/fashion-spark bench [ARGS]: see submit/fashion-spark --help and submit/fashion-spark bench --help.
exec "$(dirname "$0")/fashion-spark" bench "$@"
