#!/usr/bin/env bash
# submit/fashion-spark train [ARGS]: see submit/fashion-spark --help and submit/fashion-spark train --help.
exec "$(dirname "$0")/fashion-spark" train "$@"
