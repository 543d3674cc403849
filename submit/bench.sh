#!/usr/bin/env bash
# Benchmark the trainer against this machine's limit, on the real data:
#   submit/bench.sh [--cluster] [--data-dir DIR] [--epochs N] [--json FILE] [--cases a,b]
# Runs `fashion-spark bench`: each case (ND4J sgemm GFLOP/s, the single-process DL4J floor,
# Spark local[1], local[N] at averaging frequencies 1/5/10/20) in its own JVM for a few epochs,
# then prints one table and writes all figures to JSON (default runs/bench-<UTC time>.json).
# --cluster also starts a 2-worker standalone cluster on loopback (submit/cluster.sh), runs the
# default case on it, and stops it again. Run it on an otherwise idle machine: ~10 minutes here with
# the default 6 epochs per case (the JIT keeps warming up for the first 4-5 epochs on 2 cores).
#
# Environment as for train.sh: BUILD_DIR, DRIVER_MEMORY, JAVA_OPTS, FASHION_MNIST_DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/target}
# shellcheck source=submit/lib.sh
. "$root/submit/lib.sh"
ensure_built

args=()
cluster=0
for a in "$@"; do
  if [ "$a" = --cluster ]; then cluster=1; else args+=("$a"); fi
done

if [ "$cluster" = 1 ]; then
  spark_home=$build/spark-home
  SPARK_HOME=$spark_home BUILD_DIR=$build "$root/submit/cluster.sh" start >&2
  # Stops exactly the processes cluster.sh started (by their recorded pids).
  trap 'SPARK_HOME=$spark_home BUILD_DIR=$build "$root/submit/cluster.sh" stop >&2' EXIT
  args+=(--cluster-master spark://127.0.0.1:7077 --spark-home "$spark_home"
    --app-jar "$build/fashion-spark-app.jar" --spark-properties "$spark_conf")
fi

embedded_java_options
java "${java_opts[@]}" -cp "$build/fashion-spark.jar:$build/lib/*:$build/spark-lib/*" \
  io.fashionspark.cli.Main bench "${args[@]}"
