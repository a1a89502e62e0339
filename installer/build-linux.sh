#!/usr/bin/env bash
# Build the Linux one-folder bundle from installer/orgdesk.spec (the same spec as Windows).
#
#   bash installer/build-linux.sh [DIST_DIR]      → DIST_DIR/orgdesk/orgdesk (default: dist/)
#
# Uses $PYTHON if set, else .venv/bin/python (created by scripts/setup.sh); installs
# the "build" extra (PyInstaller) and the "pg" extra (psycopg, for server mode) if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-$ROOT/.venv/bin/python}
DIST=$(realpath -m "${1:-dist}")
WORK=$(realpath -m "${PYINSTALLER_WORKPATH:-build/pyinstaller}")
if [ ! -x "$PY" ]; then
  bash scripts/setup.sh
fi
if ! "$PY" -c "import PyInstaller, psycopg" >/dev/null 2>&1; then
  "$PY" -m pip install -q -e ".[build,pg]"
fi
"$PY" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" installer/orgdesk.spec
echo "已生成：$DIST/orgdesk/orgdesk"
