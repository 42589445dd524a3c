#!/usr/bin/env bash
# Side-by-side benchmark of pipelines over the same data, one agent JVM each (see Benchmark.java).
# Example: ./benchmark.sh --lines 2000000 --hosts 100 --pipelines stock-file,stock-memory
# Source only (MemoryChannel, null sink): ./benchmark.sh --lines 1000000 --pipelines source-stock,source-ours
exec "$(dirname "$0")/integration-tests/run-harness.sh" Benchmark "$@"
