#!/usr/bin/env bash
# Run the test suite against a real PostgreSQL server (department-server mode).
#
#   bash scripts/pg-test.sh [PYTEST ARGS…]
#
# Installs Debian's postgresql package when missing (as root), starts a throwaway
# cluster on 127.0.0.1 (trust auth, fsync off, in a temp folder, removed afterwards)
# and runs every test that uses the `db`, `demo_db` or `fresh_location` fixture on it
# (pytest -m postgresql; see tests/conftest.py).  PYTHON=… picks the interpreter
# (default .venv/bin/python); PGPORT=… the port (default: first free from 54329).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || { bash scripts/setup.sh; PY=$ROOT/.venv/bin/python; }
t0=$SECONDS

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "安装 PostgreSQL（Debian 软件包 postgresql）"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else
    echo "缺少 PostgreSQL：sudo apt-get install postgresql" >&2
    exit 1
  fi
fi
BIN=$(pg_bin)
export PATH="$BIN:$PATH"  # pg_dump/pg_restore of the same version as the server
"$PY" -c "import psycopg" 2>/dev/null || "$PY" -m pip install -q -e ".[pg]"

PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/orgdesk-pg-XXXXXX")
chmod 755 "$PGDIR"
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PGDIR" postgres
  chown postgres "$PGDIR"
fi
PORT=${PGPORT:-$("$PY" - <<'PY'
import socket
for port in range(54329, 54400):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
PY
)}
stop() {
  as_pg "$BIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop EXIT
as_pg "$BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w start -o \
  "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  >/dev/null
as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres orgdesk_test
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') 已在 127.0.0.1:$PORT 启动（$((SECONDS - t0)) 秒）"

export ORGDESK_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/orgdesk_test"
export QT_QPA_PLATFORM=offscreen
set +e
"$PY" -m pytest -q -p no:cacheprovider -m postgresql "$@"
status=$?
set -e
echo "PostgreSQL 测试用时 $((SECONDS - t0)) 秒"
exit $status
