#!/usr/bin/env bash
# Frozen-app smoke test (CI): build the Linux one-folder bundle from installer/orgdesk.spec,
# then, from the bundle, create a fresh demo database, run `selftest` and `check` on it —
# as a standalone file and on a throwaway PostgreSQL server (department-server mode, also
# `copy` of the file to the server); finally compile installer/orgdesk.nsi with makensis so
# that a broken installer script fails.
#
#   bash scripts/frozen-smoke.sh            (PYTHON=/path/to/python to use another interpreter)
#
# The NSIS compile uses a stub of the bundle (same file tree, empty files): the script and
# every path in it are checked in under a second instead of minutes of LZMA compression.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d "${TMPDIR:-/tmp}/orgdesk-frozen-XXXXXX")
# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh
trap 'pg_cluster_stop; rm -rf "$WORK"' EXIT
t0=$SECONDS
step() { echo "== $1（已用 $((SECONDS - t0)) 秒）"; }

step "构建 Linux 程序文件夹（PyInstaller）"
PYINSTALLER_WORKPATH="$WORK/build" bash installer/build-linux.sh "$WORK/dist"
APP="$WORK/dist/orgdesk/orgdesk"
[ -x "$APP" ] || { echo "没有生成 $APP" >&2; exit 1; }
du -sh "$WORK/dist/orgdesk"

export QT_QPA_PLATFORM=offscreen ORGDESK_DATA_DIR="$WORK/data"
DB="$WORK/smoke.db"
# Run from an empty folder: the bundle must not lean on the source checkout.
cd "$WORK"
step "冻结程序：生成演示数据库"
"$APP" demo --db "$DB"
step "冻结程序：selftest"
selftest_out=$("$APP" selftest --db "$DB")
echo "$selftest_out"
grep -q "自检通过" <<<"$selftest_out"
grep -q "中文翻译：已加载" <<<"$selftest_out"
step "冻结程序：check"
"$APP" check --db "$DB"
step "冻结程序：服务器模式驱动已打包"
# No server listens on port 1: the bundle must answer with a Chinese connection error,
# which proves psycopg and the PostgreSQL dialect were bundled.
set +e
pg_out=$("$APP" check --db "postgresql+psycopg://orgdesk@127.0.0.1:1/orgdesk" 2>&1)
set -e
echo "$pg_out"
grep -q "无法连接" <<<"$pg_out"

step "冻结程序：部门服务器模式（PostgreSQL）"
pg_cluster_start "$(mktemp -d "${TMPDIR:-/tmp}/orgdesk-pg-XXXXXX")"
pg_cluster_createdb smoke
pg_cluster_createdb copied
"$APP" demo --db "$PG_BASE_URL/smoke" --people 40
selftest_out=$("$APP" selftest --db "$PG_BASE_URL/smoke")
echo "$selftest_out"
grep -q "自检通过" <<<"$selftest_out"
"$APP" check --db "$PG_BASE_URL/smoke"
"$APP" copy --from "$DB" --to "$PG_BASE_URL/copied"
"$APP" check --db "$PG_BASE_URL/copied"
pg_cluster_stop
cd "$ROOT"

step "编译 NSIS 安装脚本"
if ! command -v makensis >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nsis >/dev/null
  else
    echo "缺少 makensis：sudo apt-get install nsis" >&2
    exit 1
  fi
fi
STUB="$WORK/stub"
mkdir -p "$STUB"
cp -r --attributes-only "$WORK/dist/orgdesk/." "$STUB/"
mv "$STUB/orgdesk" "$STUB/OrgDesk.exe"
: >"$STUB/orgdesk-cli.exe"
VERSION=$("$APP" --version | awk '{print $2}')
makensis -V2 -WX -DBUNDLE_DIR="$STUB" -DVERSION="$VERSION" \
  -DOUT_FILE="$WORK/OrgDesk-Setup-$VERSION.exe" installer/orgdesk.nsi
ls -l "$WORK/OrgDesk-Setup-$VERSION.exe"
step "冻结程序冒烟测试通过"
