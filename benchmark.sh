#!/usr/bin/env bash
# Side-by-side benchmark of pipelines over the same data, one agent JVM each (see Benchmark.java).
# Example: ./benchmark.sh --lines 2000000 --hosts 100 --pipelines stock-file,stock-memory
exec "$(dirname "$0")/integration-tests/run-harness.sh" Benchmark "$@"
