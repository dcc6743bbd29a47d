# Spark standalone daemons (master, workers) from the Maven jars, shared by deploy/standalone-cluster
# and deploy/bench/sim-cluster (sourced after common.sh, not run). Every function works on one
# cluster directory DIR: DIR/spark-home (links to the Spark jars), DIR/daemon.properties (with the
# secret), DIR/pids/NAME.pid, DIR/logs/NAME.log, DIR/work/NAME.

sparkgan_pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Every process of the cluster in DIR: the daemons from their pid files, and the executors the
# workers started (their command line names DIR's spark-home).
sparkgan_cluster_pids() {
  local dir=$1 f
  for f in "$dir"/pids/*.pid; do
    [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
  done
  sparkgan_executor_pids "$dir"
}

# Makes DIR ready for a new cluster: refuses a directory others could write to, builds the project
# if needed, starts logs, pids and work afresh, links DIR/spark-home and writes a new secret. Sets
# umask 077 in the calling shell: from here on every file (logs, work directories, the daemons' and
# executors' own files) is its owner's only.
sparkgan_prepare_cluster_dir() {
  local dir=$1
  sparkgan_require_private_dir "$dir"
  sparkgan_ensure_built
  umask 077
  rm -rf "$dir/logs" "$dir/pids" "$dir/work"
  mkdir -p "$dir/logs" "$dir/pids" "$dir/work"
  sparkgan_make_spark_home "$dir/spark-home"
  # Mode 600 from the first byte, never through a symlink planted at DIR/secret.
  sparkgan_write_cluster_secret "$dir"
}

# Starts a daemon JVM in the background and records its pid in DIR/pids/NAME.pid.
#   sparkgan_start_daemon DIR BIND HEAP NAME MAIN-CLASS ARGS...
# BIND is the address it and the executors it starts use; HEAP its -Xmx. With SPARKGAN_NETNS set,
# it runs inside that network namespace (ip netns exec; its executors inherit the namespace);
# SPARKGAN_DAEMON_OPTS adds JVM options (not inherited by executors).
sparkgan_start_daemon() {
  local dir=$1 bind=$2 heap=$3 name=$4 main=$5; shift 5
  local sh=$dir/spark-home inside=()
  [ -n "${SPARKGAN_NETNS:-}" ] && inside=(ip netns exec "$SPARKGAN_NETNS")
  # shellcheck disable=SC2046
  SPARK_HOME=$sh SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=$bind SPARK_LOCAL_HOSTNAME=$bind \
    SPARK_CONF_DIR=$sh/conf OMP_NUM_THREADS=1 \
    nohup "${inside[@]}" java -Xmx"$heap" ${SPARKGAN_DAEMON_OPTS:-} $(sparkgan_jvm_options) \
    -Dlog4j2.configurationFile=org/apache/spark/log4j2-defaults.properties \
    -cp "$sh/conf:$sh/jars/*" "$main" "$@" --properties-file "$dir/daemon.properties" \
    > "$dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/pids/$name.pid"
}

# Starts the master of DIR: sparkgan_start_master DIR BIND PORT WEBUI-PORT HEAP
sparkgan_start_master() {
  local dir=$1 bind=$2 port=$3 webui=$4 heap=$5
  echo "spark://$bind:$port" > "$dir/master.url"
  sparkgan_start_daemon "$dir" "$bind" "$heap" master org.apache.spark.deploy.master.Master \
    --host "$bind" --port "$port" --webui-port "$webui"
}

# Starts worker I of DIR: sparkgan_start_worker DIR I BIND CORES MEMORY HEAP (master from DIR/master.url)
sparkgan_start_worker() {
  local dir=$1 i=$2 bind=$3 cores=$4 memory=$5 heap=$6
  mkdir -p "$dir/work/worker-$i"
  sparkgan_start_daemon "$dir" "$bind" "$heap" "worker-$i" org.apache.spark.deploy.worker.Worker \
    --host "$bind" --port 0 --webui-port 0 --cores "$cores" --memory "$memory" \
    --work-dir "$dir/work/worker-$i" "$(cat "$dir/master.url")"
}

sparkgan_master_up() {
  sparkgan_pid_alive "$1/pids/master.pid" && grep -qs "I have been elected leader" "$1/logs/master.log"
}

# Workers that registered with the master of DIR (a worker that retried is counted once).
sparkgan_registered_workers() {
  grep -os "Registering worker [^ ]*" "$1/logs/master.log" | sort -u | wc -l
}

# True when the master of DIR runs and at least N workers registered: sparkgan_workers_registered DIR N
sparkgan_workers_registered() {
  sparkgan_pid_alive "$1/pids/master.pid" || return 1
  [ "$(sparkgan_registered_workers "$1")" -ge "$2" ]
}

# Polls a command until it succeeds; returns 1 after SECONDS: sparkgan_wait_until SECONDS COMMAND...
sparkgan_wait_until() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.2
  done
}

# Stops the workers (a worker kills its executors when it stops), then the master of DIR; what is
# still alive after 15 s gets SIGKILL. Prints nothing; returns 1 if nothing was running.
sparkgan_stop_daemons() {
  local dir=$1 p
  [ -z "$(sparkgan_cluster_pids "$dir")" ] && return 1
  for p in "$dir"/pids/worker-*.pid "$dir/pids/master.pid"; do
    [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true
  done
  local deadline=$((SECONDS + 15))
  while [ -n "$(sparkgan_cluster_pids "$dir")" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  for p in $(sparkgan_cluster_pids "$dir"); do kill -9 "$p" 2>/dev/null || true; done
  rm -f "$dir"/pids/*.pid
  return 0
}
