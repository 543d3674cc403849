#!/usr/bin/env bash
# Train the Fashion-MNIST MLP. Arguments pass through to `fashion-spark train`
# (e.g. --epochs 5 --data-dir DIR --out runs/first; see --help).
#
# With spark-submit available ($SPARK_HOME/bin/spark-submit or on PATH) the application jar is
# submitted to $MASTER (default local[*]) with conf/spark-defaults.conf when present; otherwise
# the same jar runs under plain Java with Spark embedded in local[*] (or $MASTER).
# Builds the project first when the jar is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/fashion-spark.jar"
main=io.fashionspark.cli.Main

if [ ! -f "$jar" ] || [ ! -d "$root/target/lib" ] || [ ! -d "$root/target/spark-lib" ]; then
  echo "Building the project (mvn package -DskipTests)..." >&2
  (cd "$root" && mvn -B -q package -DskipTests) >&2
fi

# Everything this script starts binds to loopback unless the caller says otherwise.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# One OpenMP thread per Spark task: more threads per worker only add system time here.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

submit=""
if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  submit="$SPARK_HOME/bin/spark-submit"
elif command -v spark-submit >/dev/null 2>&1; then
  submit=$(command -v spark-submit)
fi

if [ -n "$submit" ]; then
  jars=$(find "$root/target/lib" -name '*.jar' | sort | paste -sd, -)
  conf_args=()
  [ -f "$root/conf/spark-defaults.conf" ] && conf_args=(--properties-file "$root/conf/spark-defaults.conf")
  exec "$submit" --master "${MASTER:-local[*]}" --class "$main" "${conf_args[@]}" \
    --conf spark.driver.host=127.0.0.1 \
    --driver-java-options "-Dlog4j2.configurationFile=file:$root/conf/log4j2.properties" \
    --conf "spark.executorEnv.OMP_NUM_THREADS=$OMP_NUM_THREADS" \
    --jars "$jars" "$jar" train "$@"
fi

master_args=()
[ -n "${MASTER:-}" ] && master_args=(--master "$MASTER")
exec java @"$root/conf/jvm.options" ${JAVA_OPTS:-} \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -cp "$jar:$root/target/lib/*:$root/target/spark-lib/*" "$main" train "${master_args[@]}" "$@"
