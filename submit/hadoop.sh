#!/usr/bin/env bash
# A real HDFS (and optionally YARN) on this machine, bound to 127.0.0.1, from Hadoop's own
# hadoop-client-minicluster artifacts (the version of Spark's Hadoop client): for trying the
# trainer with data and run folders on HDFS, in cluster deploy mode, or on YARN. The same class
# (io.fashionspark.cluster.MiniHadoop, test code) backs the integration tests.
#
#   submit/hadoop.sh start [--yarn] [--node-memory-mb N]
#   submit/hadoop.sh status | stop
#
# start   compiles the tests if needed, starts one NameNode and one DataNode (and, with --yarn, one
#         ResourceManager and one NodeManager offering N MB, default 12288), waits until they run,
#         and prints the HDFS URI and the client configuration folder to use as HADOOP_CONF_DIR.
# stop    stops exactly the recorded process (TERM, then KILL after 30 s) and deletes its data.
#
# Environment: BUILD_DIR (default target); HADOOP_DIR, the state folder (default $BUILD_DIR/hadoop).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=$(realpath -m "${BUILD_DIR:-$root/target}")
state=${HADOOP_DIR:-$build_dir/hadoop}

die() { echo "hadoop.sh: $*" >&2; exit 1; }

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

alive() {
  local pid
  pid=$(cat "$state/pid" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q MiniHadoop
}

start() {
  alive && die "already running from $state (pid $(cat "$state/pid")); run 'submit/hadoop.sh stop' first"
  rm -rf "$state"
  mkdir -p "$state"
  (cd "$root" && mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$state/classpath" -Dbuild.dir="$build_dir") >&2 \
    || die "building the test classes failed"
  # YARN's mini cluster keeps its node folders under the working folder: the state folder.
  cd "$state"
  nohup java @"$root/conf/jvm.options" -Xmx2g \
    "-Dlog4j2.configurationFile=file:$root/conf/log4j2.properties" \
    -cp "$build_dir/test-classes:$build_dir/classes:$(cat "$state/classpath")" \
    io.fashionspark.cluster.MiniHadoop "$state/work" "$@" > "$state/hadoop.log" 2>&1 < /dev/null &
  echo $! > "$state/pid"
  local i
  for i in $(seq 1 240); do
    [ -f "$state/work/ready" ] && break
    alive || { tail -20 "$state/hadoop.log" >&2; die "it exited; log: $state/hadoop.log"; }
    sleep 0.5
  done
  [ -f "$state/work/ready" ] || die "not ready within 120 s; log: $state/hadoop.log"
  grep -E '^(hdfs|conf|yarn) ' "$state/hadoop.log"
}

stop() {
  if ! alive; then
    echo "nothing runs from $state"
    return 0
  fi
  local pid i
  pid=$(cat "$state/pid")
  kill -TERM "$pid"
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -rf "$state/work" "$state/pid"
  echo "stopped pid $pid"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) if alive; then echo "running, pid $(cat "$state/pid")"; grep -E '^(hdfs|conf|yarn) ' "$state/hadoop.log"; else echo "not running"; exit 1; fi ;;
  *) usage ;;
esac
