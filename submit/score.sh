#!/usr/bin/env bash
# Score a folder of images with a trained model. Arguments pass through to `fashion-spark score`:
#   submit/score.sh --model runs/X/model.zip --input photos --output scores [--format csv|parquet|json]
#                   [--invert auto|always|never] [--glob '*.png'] [--master URL]   (see --help)
#
# Runs the thin jar under plain Java with Spark embedded (local[*] unless --master names another).
# Builds the project first when a jar it needs is missing. Environment: BUILD_DIR (default
# target), JAVA_OPTS, SPARK_LOCAL_IP (default 127.0.0.1), OMP_NUM_THREADS (default 1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/target}
jar="$build/fashion-spark.jar"

# Build when the jars are missing or older than the sources (e.g. after a git pull).
if [ ! -f "$jar" ] || [ ! -d "$build/lib" ] || [ ! -d "$build/spark-lib" ] \
   || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "Building the project (mvn package -DskipTests)..." >&2
  (cd "$root" && mvn -B -q package -DskipTests -Dbuild.dir="$build") >&2
fi

# Everything this script starts binds to loopback unless the caller says otherwise.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# One OpenMP thread per Spark task: more threads per task only add system time here.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

exec java @"$root/conf/jvm.options" ${JAVA_OPTS:-} \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -cp "$jar:$build/lib/*:$build/spark-lib/*" io.fashionspark.cli.Main score "$@"
