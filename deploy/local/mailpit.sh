#!/usr/bin/env bash
# Mailpit as a local process: an SMTP server that keeps every mail it is sent and shows it
# through an HTTP API (GET /api/v1/messages, /api/v1/search?query=to:ADDRESS,
# /api/v1/message/ID). Nothing is delivered anywhere.
#
# The build has no web UI: Mailpit's module carries the UI's sources but not the built
# bundle, and building it needs npm packages that are not published. The API is complete
# without it; `/` serves an empty page.
#
# Environment:
#   MAILPIT_SMTP_PORT   SMTP listener on 127.0.0.1 (1025); no authentication, no TLS
#   MAILPIT_HTTP_PORT   HTTP API listener on 127.0.0.1 (8025)
#   MAILPIT_DATA_DIR    database, pid and log ($RAPPORT_RUN/mailpit-$MAILPIT_HTTP_PORT); mail is
#                       kept across restarts (`DELETE /api/v1/messages` empties it)
#   MAILPIT_MAX         how many mails are kept, oldest dropped first (500)
#   READY_TIMEOUT       seconds to wait for /readyz (60)
#   STOP_TIMEOUT        seconds between TERM and KILL (20)
#   RAPPORT_CACHE, RAPPORT_RUN: see lib.sh
set -euo pipefail
usage="usage: ${0##*/} {fetch|start|stop|status|logs [-f]}"
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION=v1.33.1
MODULE=github.com/axllent/mailpit
HOME_DIR=$RAPPORT_CACHE/mailpit-$VERSION
BIN=$HOME_DIR/bin/mailpit
SMTP_PORT=${MAILPIT_SMTP_PORT:-1025}
HTTP_PORT=${MAILPIT_HTTP_PORT:-8025}
DATA=${MAILPIT_DATA_DIR:-$RAPPORT_RUN/mailpit-$HTTP_PORT}
DATABASE=$DATA/mailpit.db
PIDFILE=$DATA/mailpit.pid
LOG=$DATA/mailpit.log
API=http://127.0.0.1:$HTTP_PORT

# Pure Go (its SQLite is modernc's), so no C compiler is needed.
fetch() {
  [[ -x $BIN ]] && return 0
  need go "Go 1.26, or Go 1.21 or newer that may fetch that toolchain"
  mkdir -p "$HOME_DIR"
  exec 9>"$HOME_DIR/.lock"
  command -v flock >/dev/null 2>&1 && flock 9
  if [[ ! -x $BIN ]]; then
    local t0 tmp=$HOME_DIR/bin.tmp
    t0=$(now)
    say "building Mailpit $VERSION with Go into $BIN (a minute or two the first time)"
    rm -rf "$tmp"
    if ! (cd "$HOME_DIR" && CGO_ENABLED=0 GOBIN=$tmp go install -trimpath \
      -ldflags "-s -w -X $MODULE/config.Version=$VERSION" "$MODULE@$VERSION") >"$HOME_DIR/build.log" 2>&1; then
      show_tail "$HOME_DIR/build.log"
      die "building Mailpit failed (see $HOME_DIR/build.log)"
    fi
    mkdir -p "$(dirname "$BIN")" && mv "$tmp/mailpit" "$BIN" && rm -rf "$tmp"
    say "built Mailpit $("$BIN" version --no-release-check | awk 'NR == 1 { print $2 }') in $(since "$t0")"
  fi
  exec 9>&-
}

ready() { curl -fsS -o /dev/null --max-time 2 "$API/readyz" 2>/dev/null; }

start() {
  fetch
  need curl
  mkdir -p "$DATA"
  if running "$PIDFILE" "$DATABASE"; then
    say "already running (pid $(cat "$PIDFILE"), smtp 127.0.0.1:$SMTP_PORT, api $API)"
  else
    local p t0
    for p in "$SMTP_PORT" "$HTTP_PORT"; do
      ! port_busy "$p" || die "127.0.0.1:$p is in use by another process (set MAILPIT_SMTP_PORT / MAILPIT_HTTP_PORT)"
    done
    t0=$(now)
    spawn "$LOG" "$PIDFILE" "$BIN" --smtp "127.0.0.1:$SMTP_PORT" --listen "127.0.0.1:$HTTP_PORT" \
      --database "$DATABASE" --max "${MAILPIT_MAX:-500}" --disable-version-check --smtp-disable-rdns
  fi
  local i
  for ((i = 0; i < ${READY_TIMEOUT:-60} * 5; i++)); do
    ready && break
    running "$PIDFILE" "$DATABASE" || { show_tail "$LOG"; die "Mailpit exited while starting (log $LOG)"; }
    sleep 0.2
  done
  ready || { show_tail "$LOG"; die "Mailpit did not become ready (pid $(cat "$PIDFILE"), log $LOG)"; }
  say "ready: smtp 127.0.0.1:$SMTP_PORT, mail at $API/api/v1/messages (pid $(cat "$PIDFILE")${t0:+, $(since "$t0")}; data $DATA)"
}

status() {
  if running "$PIDFILE" "$DATABASE"; then
    say "running (pid $(cat "$PIDFILE"), smtp 127.0.0.1:$SMTP_PORT, mail at $API/api/v1/messages, data $DATA)"
  else
    say "stopped (smtp 127.0.0.1:$SMTP_PORT, api $API, data $DATA)"
  fi
}

case ${1:-} in
  fetch) fetch && say "Mailpit $VERSION is $BIN" ;;
  start) start ;;
  stop) stop_pid "$PIDFILE" "Mailpit on port $SMTP_PORT" "$DATABASE" ;;
  status) status ;;
  logs) [[ ${2:-} == -f ]] && exec tail -n 100 -F "$LOG"; tail -n 100 "$LOG" ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
