#!/usr/bin/env bash
# Demo: embedded Kafka + HDFS + metrics collector + a real Flume agent running our pipeline; generates access logs and shows what landed.
# Options: --lines N (200000), --hosts N (20), --pipeline NAME (ours; direct; stock-file for the stock baseline),
# --hold-minutes N (keep HDFS and the dashboard up after the run). REBUILD=1 forces a build.
exec "$(dirname "$0")/integration-tests/run-harness.sh" Demo "$@"
