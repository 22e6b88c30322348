#!/usr/bin/env bash
# FerretDB (MongoDB wire protocol) as a local process, on PostgreSQL (deploy/local/postgres.sh,
# started first) or, as an explicit option, on SQLite.
#
# Environment:
#   FERRETDB_PORT        listener on 127.0.0.1 (27017)
#   FERRETDB_BACKEND     postgresql (default) or sqlite. SQLite needs no other server but scans
#                        a whole collection for nearly every operation (seconds per write at
#                        50,000 documents): only for small, throw-away data.
#   FERRETDB_POSTGRESQL_URL  the PostgreSQL database (postgres://postgres@127.0.0.1:$POSTGRES_PORT/ferretdb)
#   FERRETDB_DATA_DIR    state, pid, log and SQLite files ($RAPPORT_RUN/ferretdb-$FERRETDB_PORT)
#   FERRETDB_DEBUG_ADDR  metrics/pprof HTTP listener, e.g. 127.0.0.1:8088 ("-" = off, the default)
#   FERRETDB_LOG_LEVEL   debug, info, warn or error (error: warn logs every failed command in full)
#   READY_TIMEOUT        seconds to wait for the server to answer `ping` (60)
#   STOP_TIMEOUT         seconds between TERM and KILL (20)
#   RAPPORT_CACHE, RAPPORT_RUN, RAPPORT_PYTHON: see lib.sh
set -euo pipefail
usage="usage: ${0##*/} {fetch|start|stop|status|logs [-f]}"
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION=v1.24.2
MODULE=github.com/FerretDB/FerretDB
HOME_DIR=$RAPPORT_CACHE/ferretdb-$VERSION
BIN=$HOME_DIR/bin/ferretdb
PORT=${FERRETDB_PORT:-27017}
BACKEND=${FERRETDB_BACKEND:-postgresql}
PG_URL=${FERRETDB_POSTGRESQL_URL:-postgres://postgres@127.0.0.1:${POSTGRES_PORT:-55432}/ferretdb}
DATA=${FERRETDB_DATA_DIR:-$RAPPORT_RUN/ferretdb-$PORT}
PIDFILE=$DATA/ferretdb.pid
LOG=$DATA/ferretdb.log

# `go install $MODULE/cmd/ferretdb@$VERSION` builds a binary that panics at startup because
# the module lacks the generated build/version/version.txt, so build a copy that has it.
fetch() {
  [[ -x $BIN ]] && return 0
  need go "Go 1.24 or newer"
  mkdir -p "$HOME_DIR"
  exec 9>"$HOME_DIR/.lock"
  command -v flock >/dev/null 2>&1 && flock 9
  if [[ ! -x $BIN ]]; then
    local t0 mod src=$HOME_DIR/src
    t0=$(now)
    say "building FerretDB $VERSION with Go into $BIN (a few minutes the first time)"
    mod=$(cd "$HOME_DIR" && go mod download -json "$MODULE@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
    [[ -d $mod ]] || die "go mod download $MODULE@$VERSION failed"
    rm -rf "$src" && cp -R "$mod" "$src" && chmod -R u+w "$src"
    echo "$VERSION" >"$src/build/version/version.txt"
    if ! (cd "$src" && go build -trimpath -buildvcs=false -o "$BIN.tmp" ./cmd/ferretdb) >"$HOME_DIR/build.log" 2>&1; then
      show_tail "$HOME_DIR/build.log"
      die "building FerretDB failed (see $HOME_DIR/build.log)"
    fi
    mv "$BIN.tmp" "$BIN" && rm -rf "$src"
    say "built $("$BIN" --version | sed -n 1p) in $(since "$t0")"
  fi
  exec 9>&-
}

start() {
  fetch
  mkdir -p "$DATA"
  if running "$PIDFILE" "--state-dir=$DATA"; then
    say "already running (pid $(cat "$PIDFILE"), 127.0.0.1:$PORT)"
  else
    local t0
    ! port_busy "$PORT" || die "127.0.0.1:$PORT is in use by another process (set FERRETDB_PORT)"
    t0=$(now)
    local storage
    case $BACKEND in
      postgresql) storage=(--handler=postgresql --postgresql-url="$PG_URL") ;;
      sqlite) storage=(--handler=sqlite --sqlite-url="file:$DATA/") ;;
      *) die "FERRETDB_BACKEND must be postgresql or sqlite, got '$BACKEND'" ;;
    esac
    spawn "$LOG" "$PIDFILE" "$BIN" "${storage[@]}" \
      --listen-addr="127.0.0.1:$PORT" --state-dir="$DATA" --debug-addr="${FERRETDB_DEBUG_ADDR:--}" \
      --telemetry=disable --log-level="${FERRETDB_LOG_LEVEL:-error}"
  fi
  wait_ready mongo "mongodb://127.0.0.1:$PORT/" "$(cat "$PIDFILE")" "$LOG" "FerretDB"
  say "ready on mongodb://127.0.0.1:$PORT/ ($BACKEND; pid $(cat "$PIDFILE")${t0:+, $(since "$t0")}; data $DATA)"
}

status() {
  if running "$PIDFILE" "--state-dir=$DATA"; then
    say "running (pid $(cat "$PIDFILE"), mongodb://127.0.0.1:$PORT/, data $DATA)"
  else
    say "stopped (mongodb://127.0.0.1:$PORT/, data $DATA)"
  fi
}

case ${1:-} in
  fetch) fetch && say "FerretDB $VERSION is $BIN" ;;
  start) start ;;
  stop) stop_pid "$PIDFILE" "FerretDB on port $PORT" "--state-dir=$DATA" ;;
  status) status ;;
  logs) [[ ${2:-} == -f ]] && exec tail -n 100 -F "$LOG"; tail -n 100 "$LOG" ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
