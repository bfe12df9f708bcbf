#!/usr/bin/env bash
# Runs simple-salesforce 1.12.10, unchanged, against the Salesforce emulator.
#
#   Tests/Fidelity/run.sh [pytest arguments…]
#
# Environment:
#   EMULATOR_BIN   emulator binary (default: .build/debug/salesforce-emulator); this script builds nothing
#   DEALDECK_VENV  virtualenv to use or create (default: <repo>/.venv)
#
# The venv is created when missing; simple-salesforce==1.12.10 and pytest are installed only
# when not already there. The emulator is started with --port 0 --opportunities 6000 and is
# always stopped on exit, whatever pytest does.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${DEALDECK_VENV:-$REPO/.venv}"
BIN="${EMULATOR_BIN:-$REPO/.build/debug/salesforce-emulator}"

if [ ! -x "$BIN" ]; then
    echo "run.sh: no emulator binary at $BIN; build it first (swift build --product salesforce-emulator) or set EMULATOR_BIN" >&2
    exit 2
fi

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as metadata, sys
try:
    ok = metadata.version("simple-salesforce") == "1.12.10" and metadata.version("pytest")
except metadata.PackageNotFoundError:
    ok = False
sys.exit(0 if ok else 1)
PY
then
    "$VENV/bin/pip" install --quiet "simple-salesforce==1.12.10" pytest
fi

WORK="$(mktemp -d)"
"$BIN" --port 0 --opportunities 6000 >"$WORK/ready" 2>"$WORK/emulator.log" &
EMULATOR_PID=$!
cleanup() {
    kill "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

for _ in $(seq 1 600); do
    if grep -q '}' "$WORK/ready" 2>/dev/null; then break; fi
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then
        echo "run.sh: the emulator exited before it was ready:" >&2
        cat "$WORK/emulator.log" >&2
        exit 1
    fi
    sleep 0.1
done
if ! grep -q '}' "$WORK/ready"; then
    echo "run.sh: the emulator printed no ready line within 60 s" >&2
    exit 1
fi

EMULATOR_READY="$(head -n 1 "$WORK/ready")"
export EMULATOR_READY
status=0
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$REPO/Tests/Fidelity/test_simple_salesforce.py" "$@" || status=$?
exit "$status"
