#!/usr/bin/env bash
# The metrics collector + dashboard: ./collector.sh [--port 9099] [--bind 127.0.0.1] [--storage-dir collector-data] ...
# (every option and its default: ./collector.sh --help). Builds its jar on first use; REBUILD=1 forces a build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$(ls "$here"/flume-metrics-collector/target/flume-metrics-collector-*.jar 2>/dev/null | head -1 || true)"
if [[ -z "$jar" || "${REBUILD:-0}" == "1" ]]; then
  (cd "$here" && mvn -B -q -DskipTests package -pl flume-metrics-collector -am)
  jar="$(ls "$here"/flume-metrics-collector/target/flume-metrics-collector-*.jar | head -1)"
fi
exec java -jar "$jar" "$@"
