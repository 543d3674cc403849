#!/usr/bin/env bash
# Score a folder of images with a trained model. Arguments pass through to `fashion-spark score`:
#   submit/score.sh --model runs/X/model.zip --input photos --output scores [--format csv|parquet|json]
#                   [--invert auto|always|never] [--glob '*.png'] [--master URL]   (see --help)
#
# Runs the thin jar under plain Java with Spark embedded (local[*] unless --master names another).
# Builds the project first when a jar is missing or older than the sources. Environment:
# BUILD_DIR (default target), DRIVER_MEMORY (heap, default spark.driver.memory of
# conf/spark-defaults.conf), JAVA_OPTS, SPARK_LOCAL_IP (default 127.0.0.1), OMP_NUM_THREADS (default 1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/target}
jar="$build/fashion-spark.jar"
# shellcheck source=submit/lib.sh
. "$root/submit/lib.sh"
ensure_built
embedded_java_options
exec java "${java_opts[@]}" -cp "$jar:$build/lib/*:$build/spark-lib/*" io.fashionspark.cli.Main score "$@"
