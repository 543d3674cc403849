# Shared by submit/train.sh, score.sh and bench.sh (sourced, not run). Expects $root and $build.
# Functions: ensure_built, spark_conf_value KEY, embedded_java_options (fills the array java_opts).

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

# JVM options of an embedded (local[*]) Spark JVM: Spark's --add-opens, the driver's heap
# (DRIVER_MEMORY, else spark.driver.memory) and off-heap caps (spark.driver.extraJavaOptions)
# of conf/spark-defaults.conf, so the laptop run is sized like the driver of a cluster run,
# then $JAVA_OPTS, which wins.
embedded_java_options() {
  local memory extra
  memory=${DRIVER_MEMORY:-$(spark_conf_value spark.driver.memory)}
  read -r -a extra <<< "$(spark_conf_value spark.driver.extraJavaOptions)"
  java_opts=(@"$root/conf/jvm.options" "-Xmx${memory:-2g}" "${extra[@]}"
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
