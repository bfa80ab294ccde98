#!/usr/bin/env bash
# Lints template.yaml with cfn-lint (the Python package; the npm package of that name is an unrelated old tool).
# cfn-lint runs SAM's transform locally and checks the result against CloudFormation's resource schemas, offline.
#
#   bash .ci/cfn-lint.sh            (from anywhere; needs Python 3 with pip)
#
# Installs the pinned cfn-lint into the current Python when it is missing or another version; CFN_LINT_VERSION
# overrides the pin. Informational checks are included: the template is kept free of errors, warnings and
# informational findings alike. Exit status: 0 when nothing was found, else cfn-lint's own (a sum of 2 for
# errors, 4 for warnings, 8 for informational findings; 1 when cfn-lint itself failed).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
want=${CFN_LINT_VERSION:-1.51.0}
python=${PYTHON:-python3}

installed=$("$python" -m pip show cfn-lint 2>/dev/null | sed -n 's/^Version: //p' || true)
if [[ $installed != "$want" ]]; then
  echo "cfn-lint: installing cfn-lint==$want (found: ${installed:-none})"
  "$python" -m pip install --quiet --disable-pip-version-check "cfn-lint==$want"
fi

# The console script may not be on the PATH (pip --user, a venv): run cfn-lint's entry point through Python.
cfn_lint() { "$python" -c 'import sys; from cfnlint.runner import main; sys.argv[0] = "cfn-lint"; sys.exit(main())' "$@"; }

echo "cfn-lint $(cfn_lint --version 2>&1 | sed 's/^cfn-lint //'): template.yaml"
rc=0
# us-east-1: the region whose resource specifications the checks use (the docs' prices are from there too).
cfn_lint --regions us-east-1 --include-checks I --format parseable -- "$root/template.yaml" || rc=$?
if ((rc == 0)); then
  echo "cfn-lint: template.yaml has no errors, warnings or informational findings"
fi
exit "$rc"
