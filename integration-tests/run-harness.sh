#!/usr/bin/env bash
# Runs a harness main class (Demo, Benchmark) with the harness's runtime classpath, building first
# when the build output is missing. Usage: integration-tests/run-harness.sh <MainClass> [args...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
harness="$root/integration-tests/harness"
main="$1"; shift
if [[ ! -f "$harness/target/runtime-classpath.txt" || ! -d "$harness/target/classes" \
      || ! -d "$root/integration-tests/flume-home/target/flume-home/lib" \
      || ! -d "$root/integration-tests/kafka-home/target/kafka-home/libs" \
      || ! -d "$root/flume-metrics-collector/target/lib" || "${REBUILD:-}" == 1 ]]; then
  echo "building (mvn -B -q -DskipTests package) ..."
  (cd "$root" && mvn -B -q -DskipTests package)
fi
cd "$harness"
exec java -Xmx3g \
  -Daccesslog.flumeHome="$root/integration-tests/flume-home/target/flume-home" \
  -Daccesslog.kafkaHome="$root/integration-tests/kafka-home/target/kafka-home" \
  -Daccesslog.confExamples="$root/flume-conf" \
  -Daccesslog.workDir="$harness/target/run-work" \
  -Dlog4j.configuration=harness-log4j.properties \
  -cp "$harness/target/classes:$(cat "$harness/target/runtime-classpath.txt")" \
  "io.accesslog.flume.it.$main" "$@"
