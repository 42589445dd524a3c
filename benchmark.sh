#!/usr/bin/env bash
# Side-by-side benchmarks of pipelines over the same data, one agent JVM each.
#   ./benchmark.sh --lines 2000000 --hosts 100 --pipelines stock-file,stock-memory,ours   (Benchmark.java: bulk drain)
#   ./benchmark.sh --lines 1000000 --pipelines source-stock,source-ours                   (source only, null sink)
#   ./benchmark.sh trickle --targets 5000 --rate 1000 --minutes 4 --time-scale 5          (TrickleBenchmark.java)
if [[ "${1:-}" == trickle ]]; then
  shift
  exec "$(dirname "$0")/integration-tests/run-harness.sh" TrickleBenchmark "$@"
fi
exec "$(dirname "$0")/integration-tests/run-harness.sh" Benchmark "$@"
