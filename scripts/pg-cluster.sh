# Sourced by scripts/pg-test.sh and scripts/frozen-smoke.sh: a throwaway PostgreSQL cluster.
#
#   pg_cluster_start DIR   install Debian's postgresql if missing (as root), initdb into DIR,
#                          start on 127.0.0.1 (first free port from 54329, or $PGPORT) with
#                          trust auth and fsync off; sets PG_BIN, PG_PORT, PG_BASE_URL
#   pg_cluster_createdb NAME
#   pg_cluster_stop        stop the server and remove DIR (call it from the caller's trap)

pg_cluster_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

pg_cluster_as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_start() {
  PG_DIR=$1
  if [ -z "$(pg_cluster_bin)" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "安装 PostgreSQL（Debian 软件包 postgresql）"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    else
      echo "缺少 PostgreSQL：sudo apt-get install postgresql" >&2
      return 1
    fi
  fi
  PG_BIN=$(pg_cluster_bin)
  mkdir -p "$PG_DIR"
  chmod 755 "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PG_DIR" postgres
    chown postgres "$PG_DIR"
  fi
  PG_PORT=${PGPORT:-}
  if [ -z "$PG_PORT" ]; then
    for candidate in $(seq 54329 54399); do
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        PG_PORT=$candidate
        break
      fi
    done
  fi
  pg_cluster_as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  pg_cluster_as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start -o \
    "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null
  PG_BASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') 已在 127.0.0.1:$PG_PORT 启动"
}

pg_cluster_createdb() {
  pg_cluster_as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$1"
}

pg_cluster_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    pg_cluster_as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
