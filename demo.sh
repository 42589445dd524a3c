#!/usr/bin/env bash
# Demo: embedded Kafka + HDFS + a real Flume agent; generates access logs and shows what landed.
# Options: --lines N (200000), --hosts N (20), --pipeline NAME (ours; stock-file for the stock baseline). REBUILD=1 forces a build.
exec "$(dirname "$0")/integration-tests/run-harness.sh" Demo "$@"
