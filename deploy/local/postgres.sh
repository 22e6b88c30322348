#!/usr/bin/env bash
# Debian's PostgreSQL as a local process: the storage under FerretDB (deploy/local/ferretdb.sh).
#
# Environment:
#   POSTGRES_PORT      listener on 127.0.0.1 (55432)
#   POSTGRES_DATA_DIR  cluster, pid and log ($RAPPORT_RUN/postgres-$POSTGRES_PORT)
#   POSTGRES_OS_USER   who runs initdb and postgres when this script runs as root, since both
#                      refuse root (default: nobody); otherwise the current user
#   POSTGRES_BIN_DIR   where initdb and postgres are (default: the newest /usr/lib/postgresql/*/bin)
#   READY_TIMEOUT      seconds to wait for the server to accept connections (60)
#   STOP_TIMEOUT       seconds between a fast shutdown request and KILL (20)
#   POSTGRES_OPTIONS   more server settings, as `-c name=value ...` (tests use it to log every
#                      plan and forbid sequential scans; see tests/integration/test_index_plans.py)
#   RAPPORT_CACHE, RAPPORT_RUN, RAPPORT_PYTHON: see lib.sh
#
# What `start` sets up, besides the cluster (trust authentication on 127.0.0.1 only):
#   - a database `ferretdb` for FerretDB's PostgreSQL backend;
#   - plan_cache_mode = force_custom_plan: FerretDB sends prepared statements whose field
#     names are parameters (`_jsonb -> $1 @> $2`), and only a custom plan, built with the
#     name filled in, can match an expression index;
#   - an event trigger that gives every btree index FerretDB creates on `_jsonb -> 'field'`
#     a GIN twin on the same expressions: FerretDB filters with containment (`@>`), which a
#     btree cannot answer and a GIN index can. Services keep declaring ordinary indexes.
#     The twins have fastupdate off: a pending list would be scanned by every lookup until
#     the next vacuum (measured: 2-8 ms instead of 0.1 ms for a point read after inserts).
#   - synchronous_commit = off: a local server may lose its last few milliseconds of commits
#     in a machine crash (never a torn or inconsistent write), and writes need no fsync wait.
set -euo pipefail
usage="usage: ${0##*/} {fetch|start|stop|status|logs [-f]|psql [args]}"
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${POSTGRES_PORT:-55432}
DATA=${POSTGRES_DATA_DIR:-$RAPPORT_RUN/postgres-$PORT}
CLUSTER=$DATA/cluster
PIDFILE=$DATA/postgres.pid
LOG=$DATA/postgres.log
DATABASE=ferretdb

bin_dir() {
  if [[ -n ${POSTGRES_BIN_DIR:-} ]]; then
    echo "$POSTGRES_BIN_DIR"
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $newest ]] || die "PostgreSQL is not installed (Debian: apt-get install postgresql; or set POSTGRES_BIN_DIR)"
  echo "$newest"
}

# OWNER: the prefix that runs a command as the cluster's owner (never root).
OWNER=()
if ((EUID == 0)); then
  OS_USER=${POSTGRES_OS_USER:-nobody}
  OWNER=(setpriv --reuid="$OS_USER" --regid="$(id -g "$OS_USER")" --clear-groups --reset-env --)
fi

fetch() {
  local bin
  bin=$(bin_dir)
  [[ -x $bin/initdb && -x $bin/postgres ]] || die "no initdb/postgres in $bin"
  echo "$bin"
}

sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }

setup_database() {
  sql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1 ||
    sql -d postgres -c "CREATE DATABASE $DATABASE"
  sql -d "$DATABASE" <<'SQL'
SET client_min_messages = warning;
CREATE OR REPLACE FUNCTION rapport_gin_twin() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  made record;
  definition text;
  columns text;
  twin text;
BEGIN
  FOR made IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' LOOP
    definition := pg_get_indexdef(made.objid);
    CONTINUE WHEN definition !~ ' USING btree \(' OR definition !~ '_jsonb ->';
    columns := regexp_replace(substring(definition FROM ' USING btree (\(.*\))$'), ' (ASC|DESC)', '', 'g');
    SELECT left(c.relname, 59) || '_gin' INTO twin FROM pg_class c WHERE c.oid = made.objid;
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin %s WITH (fastupdate = off)',
                   twin, (SELECT i.indrelid::regclass FROM pg_index i WHERE i.indexrelid = made.objid), columns);
  END LOOP;
END
$fn$;
DROP EVENT TRIGGER IF EXISTS rapport_gin_twins;
CREATE EVENT TRIGGER rapport_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION rapport_gin_twin();
SQL
}

start() {
  local bin t0
  bin=$(fetch)
  need psql "Debian: apt-get install postgresql-client"
  mkdir -p "$DATA"
  if ((EUID == 0)); then
    chown "$OS_USER" "$DATA"
    "${OWNER[@]}" test -w "$DATA" ||
      die "$OS_USER cannot reach $DATA (a parent folder is private); set POSTGRES_DATA_DIR elsewhere"
  fi
  if running "$PIDFILE" "$CLUSTER"; then
    say "already running (pid $(cat "$PIDFILE"), 127.0.0.1:$PORT)"
  else
    ! port_busy "$PORT" || die "127.0.0.1:$PORT is in use by another process (set POSTGRES_PORT)"
    t0=$(now)
    if [[ ! -f $CLUSTER/PG_VERSION ]]; then
      rm -rf "$CLUSTER"
      "${OWNER[@]}" "$bin/initdb" -D "$CLUSTER" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >>"$LOG" 2>&1 ||
        { show_tail "$LOG"; die "initdb failed (log $LOG)"; }
    fi
    spawn "$LOG" "$PIDFILE" "${OWNER[@]}" "$bin/postgres" -D "$CLUSTER" -p "$PORT" -c listen_addresses=127.0.0.1 \
      -c unix_socket_directories="$DATA" -c plan_cache_mode=force_custom_plan -c synchronous_commit=off \
      -c max_connections=300 -c shared_buffers=256MB -c logging_collector=off ${POSTGRES_OPTIONS:-}
  fi
  local i
  for ((i = 0; i < ${READY_TIMEOUT:-60} * 5; i++)); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && break
    running "$PIDFILE" "$CLUSTER" || { show_tail "$LOG"; die "PostgreSQL exited while starting (log $LOG)"; }
    sleep 0.2
  done
  pg_isready -q -h 127.0.0.1 -p "$PORT" || { show_tail "$LOG"; die "PostgreSQL did not become ready (log $LOG)"; }
  setup_database
  say "ready on postgres://postgres@127.0.0.1:$PORT/$DATABASE (pid $(cat "$PIDFILE")${t0:+, $(since "$t0")}; data $DATA)"
}

status() {
  if running "$PIDFILE" "$CLUSTER"; then
    say "running (pid $(cat "$PIDFILE"), postgres://postgres@127.0.0.1:$PORT/$DATABASE, data $DATA)"
  else
    say "stopped (127.0.0.1:$PORT, data $DATA)"
  fi
}

case ${1:-} in
  fetch) say "PostgreSQL binaries in $(fetch)" ;;
  start) start ;;
  stop) stop_pid "$PIDFILE" "PostgreSQL on port $PORT" "$CLUSTER" INT ;;  # INT: fast shutdown (TERM waits for clients)
  status) status ;;
  logs) [[ ${2:-} == -f ]] && exec tail -n 100 -F "$LOG"; tail -n 100 "$LOG" ;;
  psql) shift; sql -d "$DATABASE" "$@" ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
