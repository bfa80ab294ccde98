#!/usr/bin/env bash
# Runs the clawgate CLI from this tree's packaged jars (`mvn -B -q -DskipTests package`, built here when missing).
# Unlike ./clawgate it never runs `mvn install`, so benchmarks do not touch ~/.m2.
#   bench/clawgate.sh bench --url ws://127.0.0.1:18789 --token T
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=$root/local/target/clawgate-local.jar
if [[ ! -f $jar || ${BENCH_REBUILD:-0} == 1 ]]; then
  echo "bench/clawgate.sh: building (mvn -B -q -DskipTests package) ..." >&2
  (cd "$root" && mvn -B -q -DskipTests package >&2)
fi
exec java ${CLAWGATE_JAVA_OPTS:-} -cp "$jar:$root/local/target/lib/*" dev.clawgate.local.ClawgateCli "$@"
