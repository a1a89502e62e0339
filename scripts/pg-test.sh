#!/usr/bin/env bash
# Run the test suite against a real PostgreSQL server (department-server mode).
#
#   bash scripts/pg-test.sh [PYTEST ARGS…]
#
# Starts a throwaway cluster on 127.0.0.1 (scripts/pg-cluster.sh: Debian's postgresql
# package, installed when missing; trust auth, fsync off, removed afterwards) and runs every
# test that uses the `db`, `demo_db` or `fresh_location` fixture on it — `pytest -m
# postgresql`, see tests/conftest.py.  PYTHON=… picks the interpreter (default
# .venv/bin/python); PGPORT=… the port (default: first free from 54329).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || { bash scripts/setup.sh; PY=$ROOT/.venv/bin/python; }
t0=$SECONDS
# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh
trap pg_cluster_stop EXIT
pg_cluster_start "$(mktemp -d "${TMPDIR:-/tmp}/orgdesk-pg-XXXXXX")"
pg_cluster_createdb orgdesk_test
export PATH="$PG_BIN:$PATH"  # pg_dump/pg_restore of the server's own version
"$PY" -c "import psycopg" 2>/dev/null || "$PY" -m pip install -q -e ".[pg]"

export ORGDESK_TEST_PG_URL="$PG_BASE_URL/orgdesk_test"
export QT_QPA_PLATFORM=offscreen
echo "PostgreSQL 已就绪（$((SECONDS - t0)) 秒），开始测试"
"$PY" -m pytest -q -p no:cacheprovider -m postgresql "$@"
