# flume-env.sh for accesslog-flume agents: copy to $FLUME_HOME/conf/flume-env.sh (bin/flume-ng sources it
# from the directory given with -c/--conf) and edit the values marked EDIT.
#
# Storage agents (our Kafka direct channel or source, interceptor and gzip HDFS sink) and edge agents
# (TAILDIR -> Kafka) all read their environment-specific values with ${env:NAME} lookups in their
# .properties files; export them here.

# --- JVM -------------------------------------------------------------------------------------------
# bin/flume-ng's default is -Xmx20m. A storage agent needs its channel's queue (storage-direct:
# buffer.maxRecords x ~1.3 KB per prepared event) plus the sink's buffer.maxBytes (256 MB) plus ~150 MB;
# 1 GB fits the shipped configs. Fixed -Xms avoids resizing pauses. Edge agents are fine with 256 MB.
JAVA_OPTS="${JAVA_OPTS:-} -Xms${FLUME_HEAP:-1g} -Xmx${FLUME_HEAP:-1g}"   # EDIT: FLUME_HEAP
JAVA_OPTS="$JAVA_OPTS -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"

# GC log, rotated (5 x 20 MB), in FLUME_LOG_DIR. Works on every JDK Flume 1.11 runs on: JDK 8 takes
# -Xloggc and its rotation flags, JDK 9+ (11, 17, 21, 25) unified logging (-Xlog:gc*, which JDK 8
# refuses to start with). The java checked is the one bin/flume-ng runs: $JAVA_HOME/bin/java, else
# java on PATH. The directory is created if missing; when it cannot be (or is not writable) the
# agent starts without a GC log file and this says why on stderr (a missing directory makes -Xlog
# fatal).
FLUME_LOG_DIR="${FLUME_LOG_DIR:-/var/log/flume}"                        # EDIT
accesslog_java_major() {
  _v=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 \
    | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  case "$_v" in
    1.*) _v=${_v#1.}; echo "${_v%%.*}" ;;
    "") echo 0 ;;
    *) echo "${_v%%[.+-]*}" ;;
  esac
}
ACCESSLOG_JAVA_MAJOR=$(accesslog_java_major)
if ! mkdir -p "$FLUME_LOG_DIR" 2>/dev/null || [ ! -w "$FLUME_LOG_DIR" ]; then
  echo "flume-env.sh: FLUME_LOG_DIR=$FLUME_LOG_DIR cannot be created or is not writable;" \
    "starting without a GC log file (set FLUME_LOG_DIR to a writable directory)" >&2
elif [ "$ACCESSLOG_JAVA_MAJOR" -ge 9 ] 2>/dev/null; then
  JAVA_OPTS="$JAVA_OPTS -Xlog:gc*:file=$FLUME_LOG_DIR/gc-%p.log"
  JAVA_OPTS="$JAVA_OPTS:time,uptime:filecount=5,filesize=20m"
elif [ "$ACCESSLOG_JAVA_MAJOR" -eq 8 ] 2>/dev/null; then
  JAVA_OPTS="$JAVA_OPTS -Xloggc:$FLUME_LOG_DIR/gc-%p.log -XX:+PrintGCDetails -XX:+PrintGCDateStamps"
  JAVA_OPTS="$JAVA_OPTS -XX:+UseGCLogFileRotation -XX:NumberOfGCLogFiles=5 -XX:GCLogFileSize=20m"
else
  echo "flume-env.sh: could not tell the Java version of ${JAVA_HOME:+$JAVA_HOME/bin/}java;" \
    "starting without a GC log file" >&2
fi
unset -f accesslog_java_major; unset _v
# Kafka and HDFS clients resolve many short-lived connections; prefer IPv4 unless the cluster is v6-only.
JAVA_OPTS="$JAVA_OPTS -Djava.net.preferIPv4Stack=true"

# --- Metrics: push every component's counters to the central collector (flume-metrics-collector) ---
# The reporter is a Flume MonitorService shipped in plugins.d/flume-metrics-reporter; its keys are
# -Dflume.monitoring.<key> (see flume-metrics-reporter/README.md). identity defaults to <host>/<agent>.
JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.type=io.accesslog.flume.metrics.PushReporter"
JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.url=${ACCESSLOG_COLLECTOR_URL:-http://metrics-collector:9099/report}"  # EDIT
JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.interval=${ACCESSLOG_REPORT_INTERVAL:-10s}"
if [ -n "${ACCESSLOG_COLLECTOR_TOKEN:-}" ]; then
  JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.token=$ACCESSLOG_COLLECTOR_TOKEN"
fi
export JAVA_OPTS

# --- Hadoop client ---------------------------------------------------------------------------------
# bin/flume-ng appends `hadoop classpath` itself when the hadoop command is on PATH (or HADOOP_HOME is
# set); the cluster's core-site.xml / hdfs-site.xml then come from HADOOP_CONF_DIR. Without a Hadoop
# install on the agent host, point FLUME_CLASSPATH at a directory of client jars and the site files.
export HADOOP_HOME="${HADOOP_HOME:-/opt/hadoop}"                       # EDIT
export HADOOP_CONF_DIR="${HADOOP_CONF_DIR:-/etc/hadoop/conf}"          # EDIT
# FLUME_CLASSPATH="/opt/hadoop-client/*:/etc/hadoop/conf"

# --- Values the agent configs read with ${env:NAME} -------------------------------------------------
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-kafka1:9092,kafka2:9092,kafka3:9092}"  # EDIT
export KAFKA_TOPIC="${KAFKA_TOPIC:-access-logs}"                                                  # EDIT
export KAFKA_GROUP_ID="${KAFKA_GROUP_ID:-accesslog-storage}"   # storage agents: one group per HDFS root
export HDFS_URI="${HDFS_URI:-hdfs://namenode:8020}"                                               # EDIT
export HDFS_ROOT="${HDFS_ROOT:-/logs/access}"                                                     # EDIT
export FLUME_DATA_DIR="${FLUME_DATA_DIR:-/var/lib/flume}"   # local disk: sink spool, tail positions, file channel
export NGINX_LOG_DIR="${NGINX_LOG_DIR:-/var/log/nginx}"     # edge agents only
