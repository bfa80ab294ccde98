#!/usr/bin/env bash
# Benchmarks Clawgate: the stub model, optionally a real Temporal dev server (SQLite, WAL), the gateway built
# from this tree, then the scenario matrix REPEATS times and `clawgate bench-server-stats` once.
#
#   bench/run-clawgate.sh embedded  bench/results/clawgate-embedded  [REPEATS]
#   bench/run-clawgate.sh devserver bench/results/clawgate-devserver [REPEATS]
#
# Everything binds 127.0.0.1 on free ports; every process started here is stopped on exit.
# Knobs (env): see run_matrix in bench/lib.sh; STATS_TURNS, STATS_IDLE for bench-server-stats (STATS_ONLY=1 skips
# the matrix, SKIP_STATS=1 the stats); PRESEED_SESSIONS=N starts the gateway with N sessions already in its index;
# GATEWAY_JAVA_OPTS for the gateway's JVM; GATEWAY_ROOT runs the gateway from another checkout's packaged jars
# (to compare before and after a change with the same bench); TEMPORAL_EXTRA_ARGS adds options to
# `temporal server start-dev` (e.g. --dynamic-config-value system.enableActivityEagerExecution=true).
set -euo pipefail
mode=${1:?embedded or devserver}
out=${2:?output directory}
repeats=${3:-3}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap stop_all EXIT
trap 'exit 130' INT TERM

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/clawgate-bench.XXXXXX")
log "work dir $work, results in $out"
[[ -f $root/local/target/clawgate-local.jar ]] || (cd "$root" && mvn -B -q -DskipTests package)

stub_up "$work"

temporal_env=()
temporal_pid=-
if [[ $mode == devserver ]]; then
  temporal=$(find_temporal)
  tport=$(free_port)
  start_bg "$work/temporal.log" "$temporal" server start-dev --headless --ip 127.0.0.1 --port "$tport" \
    --ui-port "$(free_port)" --http-port "$(free_port)" --metrics-port "$(free_port)" \
    --db-filename "$work/temporal.db" --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
    --log-level warn ${TEMPORAL_EXTRA_ARGS:-}
  temporal_pid=$last_pid
  wait_for "temporal dev server" "$temporal_pid" 120 \
    "$temporal" operator namespace describe --namespace default --address "127.0.0.1:$tport"
  temporal_env=(TEMPORAL_ADDRESS="127.0.0.1:$tport" TEMPORAL_NAMESPACE=default)
  "$temporal" --version | head -1 > "$out/temporal-version.txt"
elif [[ $mode != embedded ]]; then
  die "mode must be embedded or devserver, got $mode"
fi

if [[ -n ${PRESEED_SESSIONS:-} ]]; then
  # A gateway that has been in use for a while: its index already holds this many sessions.
  mkdir -p "$work/state/sessions"
  python3 - "$work/state/sessions/sessions.json" "$PRESEED_SESSIONS" <<'PY'
import json, sys, uuid
path, n = sys.argv[1], int(sys.argv[2])
rows = {}
for i in range(n):
    key = f"agent:main:old-{i:06d}"
    rows[key] = {"key": key, "agentId": "main", "sessionId": str(uuid.uuid4()), "createdAt": 1700000000000 + i,
                 "updatedAt": 1700000000000 + i, "lastRunId": str(uuid.uuid4()), "inputTokens": 1000 + i,
                 "outputTokens": 500 + i, "turns": 10}
json.dump(rows, open(path, "w"), indent=2, sort_keys=True)
PY
  log "preseeded the sessions index with $PRESEED_SESSIONS sessions"
fi

gport=$(free_port)
token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
start_bg "$work/gateway.log" env CLAWGATE_STATE_DIR="$work/state" CLAWGATE_PORT="$gport" \
  CLAWGATE_GATEWAY_TOKEN="$token" CLAWGATE_MODEL=openai:stub OPENAI_BASE_URL="$stub_url" OPENAI_API_KEY=stub \
  CLAWGATE_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-}" "${temporal_env[@]}" "${GATEWAY_ROOT:-$root}/bench/clawgate.sh" gateway
gateway_pid=$last_pid
wait_for "gateway" "$gateway_pid" 180 grep -q 'listening on ws://' "$work/gateway.log"
url=ws://127.0.0.1:$gport
if [[ $mode == embedded ]]; then
  tport=$(grep -o 'embedded test server at 127\.0\.0\.1:[0-9]*' "$work/gateway.log" | grep -o '[0-9]*$' | head -1)
fi
java_pid=$(ps -e -o pid=,pgid=,comm= | awk -v g="$gateway_pid" '$2 == g && $3 == "java" {print $1}' | head -1)

{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(cd "$root" && git rev-parse --short HEAD)$(cd "$root" && git diff --quiet HEAD -- . ':!bench/results' || echo '+dirty')"
  echo "gateway from: ${GATEWAY_ROOT:-$root}"
  echo "gateway java opts: ${GATEWAY_JAVA_OPTS:-none}"
  echo "temporal extra args: ${TEMPORAL_EXTRA_ARGS:-none}"
  echo "preseeded sessions: ${PRESEED_SESSIONS:-0}"
  echo "nproc: $(nproc)"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "mode: $mode"
} > "$out/machine.txt"

warm_up "$url" "$token"

# Server-side figures first, while the gateway holds only the warm-up's sessions.
if [[ ${SKIP_STATS:-0} != 1 ]]; then
  log "bench-server-stats"
  "$cg" bench-server-stats --url "$url" --token "$token" --temporal "127.0.0.1:$tport" --pid "$java_pid" \
    $([[ $temporal_pid != - ]] && echo --temporal-pid "$temporal_pid") \
    --turns "${STATS_TURNS:-50}" --idle-sessions "${STATS_IDLE:-200}" 2>"$out/server-stats.err" \
    | tee "$out/server-stats.txt" | tail -1 > "$out/server-stats.json" || log "bench-server-stats failed; see $out/server-stats.err"
fi

if [[ ${STATS_ONLY:-0} != 1 ]]; then
  for ((r = 1; r <= repeats; r++)); do
    log "round $r of $repeats"
    run_matrix "$out" "$r" "$gateway_pid" "$temporal_pid" "$url" "$token"
  done
fi
echo "$(group_rss_kb "$gateway_pid")" > "$out/gateway-rss-after-kb.txt"
if [[ $temporal_pid != - ]]; then
  echo "$(group_rss_kb "$temporal_pid")" > "$out/temporal-rss-after-kb.txt"
fi
grep -c ' ERROR ' "$work/gateway.log" > "$out/gateway-errors.txt" || true
grep ' ERROR \|SEVERE' "$work/gateway.log" | cut -c1-300 | sort | uniq -c | sort -rn | head -20 >> "$out/gateway-errors.txt" || true
log "done: $out"
