# Shared by submit/train.sh, score.sh and bench.sh (sourced, not run). Expects $root and $build.
# Functions: ensure_built, spark_conf_value KEY, driver_sizing (sets driver_memory and the array
# driver_opts), embedded_java_options (fills the array java_opts).

spark_conf="$root/conf/spark-defaults.conf"

build_project() {
  echo "Building the project (mvn package -DskipTests)..." >&2
  (cd "$root" && mvn -B -q package -DskipTests -Dbuild.dir="$build") >&2
}

# Build when the jars are missing or older than the sources (e.g. after a git pull).
ensure_built() {
  local jar="$build/fashion-spark.jar"
  if [ ! -f "$jar" ] || [ ! -f "$build/fashion-spark-app.jar" ] || [ ! -d "$build/lib" ] \
     || [ ! -d "$build/spark-lib" ] \
     || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
    build_project
  fi
}

# A value of conf/spark-defaults.conf ("key value" or "key=value"; the last one wins).
spark_conf_value() {
  local key=${1//./\\.}
  sed -n "s/^[[:space:]]*$key[[:space:]=][[:space:]]*//p" "$spark_conf" | tail -1
}

# The driver's heap (DRIVER_MEMORY, else spark.driver.memory, else 2g) and JVM options
# (spark.driver.extraJavaOptions: the off-heap caps) of conf/spark-defaults.conf.
driver_sizing() {
  driver_memory=${DRIVER_MEMORY:-$(spark_conf_value spark.driver.memory)}
  driver_memory=${driver_memory:-2g}
  read -r -a driver_opts <<< "$(spark_conf_value spark.driver.extraJavaOptions)"
}

# JVM options of an embedded (local[*]) Spark JVM: Spark's --add-opens and the driver's sizing
# (driver_sizing), so the laptop run is sized like the driver of a cluster run, then
# $JAVA_OPTS, which wins.
embedded_java_options() {
  local extra
  driver_sizing
  java_opts=(@"$root/conf/jvm.options" "-Xmx$driver_memory" "${driver_opts[@]}"
    "-Dlog4j2.configurationFile=$root/conf/log4j2.properties")
  if [ -n "${JAVA_OPTS:-}" ]; then
    read -r -a extra <<< "$JAVA_OPTS"
    java_opts+=("${extra[@]}")
  fi
}

# Everything these scripts start binds to loopback unless the caller says otherwise.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# One OpenMP thread per Spark task: more threads per worker only add system time here.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
