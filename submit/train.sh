#!/usr/bin/env bash
# Train the Fashion-MNIST MLP. Arguments pass through to `fashion-spark train`
# (e.g. --epochs 5 --data-dir DIR --out runs/first; see --help).
#
# Three ways to run, first match wins:
# - spark-submit exists ($SPARK_HOME/bin/spark-submit or on PATH): target/fashion-spark-app.jar
#   is submitted to $MASTER (default local[*]) in client mode with conf/spark-defaults.conf.
# - $MASTER is set and a Spark home without bin/ has jars/ ($SPARK_HOME, or for a spark:// URL
#   target/spark-home as submit/cluster.sh builds it): the same submission through SparkSubmit
#   under plain Java, e.g. MASTER=spark://127.0.0.1:7077 submit/train.sh --data-dir DIR.
# - otherwise the thin jar runs under plain Java with Spark embedded in local[*] (or $MASTER).
# On a master the driver runs here: data paths are read here and broadcast to the executors.
#
# Builds the project first when a jar is missing or older than the sources. Environment:
# BUILD_DIR (default target), DRIVER_MEMORY (default spark.driver.memory of
# conf/spark-defaults.conf, also the heap of embedded mode), JAVA_OPTS (embedded mode), MASTER,
# SPARK_HOME.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/target}
jar="$build/fashion-spark.jar"
app_jar="$build/fashion-spark-app.jar"
main=io.fashionspark.cli.Main
# shellcheck source=submit/lib.sh
. "$root/submit/lib.sh"
ensure_built

submit=""
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  submit="$SPARK_HOME/bin/spark-submit"
elif command -v spark-submit >/dev/null 2>&1; then
  submit=$(command -v spark-submit)
fi

# Spark home for SparkSubmit under plain Java: only when a master is named.
spark_home=""
if [ -z "$submit" ] && [ -n "${MASTER:-}" ]; then
  if [ -n "${SPARK_HOME:-}" ] && [ -d "$SPARK_HOME/jars" ]; then
    spark_home=$SPARK_HOME
  elif [[ $MASTER == spark://* ]]; then
    spark_home=$build/spark-home
    if [ ! -f "$spark_home/RELEASE" ]; then
      SPARK_HOME=$spark_home BUILD_DIR=$build "$root/submit/cluster.sh" spark-home >/dev/null
    fi
  fi
fi

if [ -n "$submit" ] || [ -n "$spark_home" ]; then
  # The driver runs in the submitting JVM (client mode), so its options go on that command line.
  driver_sizing
  driver_opts+=("-Dlog4j2.configurationFile=file:$root/conf/log4j2.properties")
  args=(--master "${MASTER:-local[*]}" --deploy-mode client --properties-file "$spark_conf"
    --conf "spark.executorEnv.OMP_NUM_THREADS=$OMP_NUM_THREADS" --class "$main" "$app_jar" train "$@")
  if [ -n "$submit" ]; then
    exec "$submit" --driver-memory "$driver_memory" --driver-java-options "${driver_opts[*]}" "${args[@]}"
  fi
  export SPARK_HOME="$spark_home"
  export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.12}"
  exec java @"$root/conf/jvm.options" "-Xmx$driver_memory" "${driver_opts[@]}" \
    -cp "$spark_home/jars/*" org.apache.spark.deploy.SparkSubmit "${args[@]}"
fi

master_args=()
[ -n "${MASTER:-}" ] && master_args=(--master "$MASTER")
embedded_java_options
exec java "${java_opts[@]}" -cp "$jar:$build/lib/*:$build/spark-lib/*" "$main" train "${master_args[@]}" "$@"
