# Shared by deploy/sparkgan, deploy/standalone-cluster and deploy/spark-submit-sparkgan (sourced, not run).
# ROOT must be set to the repository root before sourcing.

SPARKGAN_CLASSPATH_DIR=$ROOT/spark-jobs/target/cluster

sparkgan_die() {
  echo "sparkgan: $*" >&2
  exit 2
}

# Builds the project (reactor root, package phase, no tests) unless the files it needs exist:
# the Spark-side classpath list, the JVM options and, with "jar", the spark-submit jar.
sparkgan_ensure_built() {
  local need=("$SPARKGAN_CLASSPATH_DIR/spark-classpath.txt" "$ROOT/spark-jobs/target/launcher/jvm.options")
  [ "${1:-}" = jar ] && need+=("$(sparkgan_app_jar_path)")
  local f stale=""
  for f in "${need[@]}"; do
    if [ -z "$f" ] || [ ! -f "$f" ]; then stale=missing; break; fi
  done
  # A jar older than the sources would submit yesterday's code: rebuild then too.
  if [ -z "$stale" ] && [ "${1:-}" = jar ] && sparkgan_sources_newer_than "$(sparkgan_app_jar_path)"; then
    stale=old
  fi
  if [ -n "$stale" ]; then
    echo "sparkgan: building (./mvnw -B -q -DskipTests package) ..." >&2
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2 || sparkgan_die "build failed"
  fi
}

# True when a file that goes into the jars (main sources, resources, conf/ recipes, poms) is
# newer than FILE.
sparkgan_sources_newer_than() {
  [ -n "$(find "$ROOT/common/src/main" "$ROOT/spark-jobs/src/main" "$ROOT/conf" "$ROOT/pom.xml" \
      "$ROOT/common/pom.xml" "$ROOT/spark-jobs/pom.xml" -newer "$1" -type f -print -quit)" ]
}

# The shaded spark-submit jar (classifier "spark"), or nothing if not built yet.
sparkgan_app_jar_path() {
  ls "$ROOT"/spark-jobs/target/sparkgan-spark-[0-9]*-spark.jar 2>/dev/null | head -n 1 || true
}

# The JVM options every Spark JVM on Java 17 needs (the parent pom's java17.opens).
sparkgan_jvm_options() {
  cat "$ROOT/spark-jobs/target/launcher/jvm.options"
}

# Makes DIR a SPARK_HOME built from the Maven jars: DIR/jars holds links to the Spark side of the
# runtime classpath (Spark, Scala, Hadoop and their dependencies: what a Spark 3.5 distribution
# ships), DIR/conf the log4j2 configuration. Executors started by workers use it too.
sparkgan_make_spark_home() {
  local dir=$1 list=${SPARKGAN_SPARK_CLASSPATH:-$SPARKGAN_CLASSPATH_DIR/spark-classpath.txt}
  [ -f "$list" ] || sparkgan_die "no $list (run: ./mvnw -B -DskipTests package)"
  rm -rf "$dir/jars"
  mkdir -p "$dir/jars" "$dir/conf"
  local jar
  tr ':' '\n' < "$list" | while read -r jar; do
    [ -n "$jar" ] && ln -s "$jar" "$dir/jars/$(basename "$jar")"
  done
  cp "$ROOT/conf/log4j2.properties" "$dir/conf/log4j2.properties"
  echo "2.12" > "$dir/SCALA_VERSION"
}

# The executor JVMs of the standalone cluster in directory $1 (their command line names its
# spark-home), one pid a line.
sparkgan_executor_pids() {
  local p
  for p in $(grep -l -s CoarseGrainedExecutorBackend /proc/[0-9]*/cmdline | cut -d/ -f3); do
    grep -qsF -- "$1/spark-home/" "/proc/$p/cmdline" && echo "$p"
  done
  return 0
}

# Refuses DIR unless this user owns it and neither group nor others may write to it: in a directory
# others can write, they could plant a symlink or swap a file between our checks and our writes.
sparkgan_require_private_dir() {
  local dir=$1 mode
  [ -d "$dir" ] && [ ! -L "$dir" ] || sparkgan_die "$dir is not a directory (a symlink is refused too); choose another --dir"
  [ -O "$dir" ] || sparkgan_die "$dir is owned by $(stat -c %U "$dir"), not by $(id -un); choose a directory of your own with --dir"
  mode=$(stat -c %a "$dir")
  if (( (8#$mode & 8#022) != 0 )); then
    sparkgan_die "$dir has mode $mode: group or others may write to it, so the cluster secret could be" \
      "intercepted; run chmod go-w $dir or choose a private --dir"
  fi
}

# Writes stdin to FILE, mode 600 from the first byte, without ever following a symlink at FILE:
# the content goes to a new file made by mktemp in the same directory, which rename(2) (mv -T)
# then puts in FILE's place (a symlink there is replaced, its target untouched).
sparkgan_write_private_file() {
  local file=$1 tmp
  tmp=$(umask 077 && mktemp "$(dirname "$file")/.$(basename "$file").XXXXXX") \
    || sparkgan_die "cannot create a temporary file next to $file"
  if ! cat > "$tmp" || ! mv -T -f "$tmp" "$file"; then
    rm -f "$tmp"
    sparkgan_die "cannot write $file"
  fi
}

# The standalone cluster's secret (256 random bits) into DIR/secret and, for the daemons, into
# DIR/daemon.properties (daemons read it from a file, not from the command line that every user
# can see with ps). DIR must be private (sparkgan_require_private_dir).
sparkgan_write_cluster_secret() {
  local dir=$1 secret
  sparkgan_require_private_dir "$dir"
  secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf '%s' "$secret" | sparkgan_write_private_file "$dir/secret"
  {
    echo "# Written by deploy/standalone-cluster; holds the cluster secret: keep it mode 600."
    echo "spark.authenticate true"
    echo "spark.authenticate.secret $secret"
    echo "spark.master.rest.enabled false"
    echo "spark.worker.cleanup.enabled true"
  } | sparkgan_write_private_file "$dir/daemon.properties"
}
