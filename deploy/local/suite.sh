#!/usr/bin/env bash
# Runs the application processes of `make up`, declared in deploy/local/Procfile as
# `name: command` lines (`#` starts a comment). Each command runs from the repository root
# with .venv/bin first on PATH, detached in its own process group, under
# deploy/local/supervise.sh: a process that dies (a crash, kill -9) is started again with
# backoff, and the restart is logged. Output goes to .run/logs/<name>.log, the supervisor's
# pid to .run/pids/<name>.pid and the running command's pid to .run/pids/<name>.child.
#
# Every process gets the variables of .run/env. The first start creates that file with
# RAPPORT_JWKS_URL (accounts' /.well-known/jwks.json: every service verifies tokens with the keys
# accounts publishes there), MONGO_URI, KAFKA_BOOTSTRAP and ACCOUNTS_SMTP_HOST/PORT (Mailpit,
# started by `make up`: mail is kept there, never delivered); edit it, or delete it to have it
# written again. A file written before the SMTP lines existed gets them added; one of an earlier
# version, with a RAPPORT_JWT_SECRET, is given the JWKS URL in its place.
#
# Environment:
#   GATEWAY_PORT    the gateway whose /healthz decides "up" (8080)
#   FERRETDB_PORT   port in the MONGO_URI written to a new .run/env (27017)
#   KAFKA_PORT      port in the KAFKA_BOOTSTRAP written to a new .run/env (9092)
#   MAILPIT_SMTP_PORT  port in the ACCOUNTS_SMTP_PORT written to .run/env (1025)
#   MAILPIT_HTTP_PORT  Mailpit's API, printed as where to read the mail (8025)
#   PROCFILE        process list (deploy/local/Procfile)
#   READY_TIMEOUT   seconds to wait for /healthz (60)
#   STOP_TIMEOUT    seconds between TERM and KILL (20)
#   RAPPORT_RUN: see lib.sh
set -euo pipefail
usage="usage: ${0##*/} {start|stop|status}"
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROCFILE=${PROCFILE:-$LOCAL_DIR/Procfile}
PIDS=$RAPPORT_RUN/pids
LOGS=$RAPPORT_RUN/logs
ENVFILE=$RAPPORT_RUN/env
BIN=$ROOT/.venv/bin
GATEWAY=http://127.0.0.1:${GATEWAY_PORT:-8080}
NAMES=()
CMDS=()

read_procfile() {
  local line
  [[ -f $PROCFILE ]] || die "no $PROCFILE"
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    [[ $line =~ ^[[:space:]]*([A-Za-z0-9_.-]+):[[:space:]]*(.*[^[:space:]]) ]] ||
      die "$PROCFILE: expected 'name: command', got: $line"
    NAMES+=("${BASH_REMATCH[1]}")
    CMDS+=("${BASH_REMATCH[2]}")
  done <"$PROCFILE"
  ((${#NAMES[@]})) || die "$PROCFILE declares no process"
}

load_env() {
  local jwks=http://127.0.0.1:${ACCOUNTS_PORT:-8081}/.well-known/jwks.json
  mkdir -p "$RAPPORT_RUN"
  if [[ ! -f $ENVFILE ]]; then
    (
      umask 077
      cat >"$ENVFILE" <<EOF
# Environment of the processes started by deploy/local/suite.sh (development only).
RAPPORT_JWKS_URL=$jwks
RAPPORT_JWT_ISSUER=$GATEWAY
MONGO_URI=mongodb://127.0.0.1:${FERRETDB_PORT:-27017}/
KAFKA_BOOTSTRAP=127.0.0.1:${KAFKA_PORT:-9092}
ACCOUNTS_SMTP_HOST=127.0.0.1
ACCOUNTS_SMTP_PORT=${MAILPIT_SMTP_PORT:-1025}
EOF
    )
    say "wrote $ENVFILE"
  elif grep -q '^RAPPORT_JWT_SECRET=' "$ENVFILE"; then
    sed -i.old "s|^RAPPORT_JWT_SECRET=.*|RAPPORT_JWKS_URL=$jwks|" "$ENVFILE" && rm -f "$ENVFILE.old"
    say "updated $ENVFILE: tokens are ES256 now, RAPPORT_JWKS_URL replaces RAPPORT_JWT_SECRET"
  fi
  if ! grep -q '^RAPPORT_JWT_ISSUER=' "$ENVFILE"; then  # written before sign-in: the gateway is the issuer
    printf 'RAPPORT_JWT_ISSUER=%s\n' "$GATEWAY" >>"$ENVFILE"
    say "added RAPPORT_JWT_ISSUER to $ENVFILE"
  fi
  if ! grep -q '^ACCOUNTS_SMTP_HOST=' "$ENVFILE"; then  # written before these lines existed
    printf 'ACCOUNTS_SMTP_HOST=127.0.0.1\nACCOUNTS_SMTP_PORT=%s\n' "${MAILPIT_SMTP_PORT:-1025}" >>"$ENVFILE"
    say "added ACCOUNTS_SMTP_HOST/PORT (Mailpit) to $ENVFILE"
  fi
  set -a
  # shellcheck source=/dev/null
  source "$ENVFILE"
  set +a
  export PATH=$BIN:$PATH PYTHONUNBUFFERED=1
}

# optional_tool NAME ARGS...: run a console script of the project, or warn if it is not there.
optional_tool() {
  local tool=$1
  if [[ -x $BIN/$tool ]]; then
    shift
    "$BIN/$tool" "$@"
  else
    say "warning: $BIN/$1 not found, skipping '$*'" >&2
  fi
}

dead_report() {
  local name failed=0
  for name in "${NAMES[@]}"; do
    running "$PIDS/$name.pid" && continue
    failed=1
    echo "${0##*/}: error: process '$name' is not running" >&2
    show_tail "$LOGS/$name.log"
  done
  return "$failed"
}

start() {
  local i name t0 out token
  read_procfile
  load_env
  mkdir -p "$PIDS" "$LOGS"
  cd "$ROOT"
  optional_tool rapport-topics ensure
  t0=$(now)
  for i in "${!NAMES[@]}"; do
    name=${NAMES[i]}
    if running "$PIDS/$name.pid"; then
      say "$name: already running (pid $(cat "$PIDS/$name.pid"))"
    else
      SUPERVISE_CHILD_PIDFILE=$PIDS/$name.child \
        spawn "$LOGS/$name.log" "$PIDS/$name.pid" "$LOCAL_DIR/supervise.sh" "$name" "${CMDS[i]}"
      say "$name: started (pid $(cat "$PIDS/$name.pid"), log ${LOGS#"$ROOT"/}/$name.log)"
    fi
  done
  need curl
  until curl -fsS -o /dev/null --max-time 2 "$GATEWAY/healthz" 2>/dev/null; do
    dead_report || die "see the logs above; 'make down' stops the rest"
    if (($(date +%s) - ${t0%.*} >= ${READY_TIMEOUT:-60})); then
      die "$GATEWAY/healthz did not answer 200 within ${READY_TIMEOUT:-60}s (logs in $LOGS)"
    fi
    sleep 0.5
  done
  dead_report || die "see the logs above; 'make down' stops the rest"
  say "all ${#NAMES[@]} processes up, gateway healthy after $(since "$t0")"
  out=$(optional_tool rapport-accounts seed-demo) || die "rapport-accounts seed-demo failed"
  token=$(sed -n 's/^TOKEN=//p' <<<"$out" | tail -n 1)
  [[ -z $token ]] || "$RAPPORT_PYTHON" "$LOCAL_DIR/seed_strategy.py" "$GATEWAY" "$token"
  echo
  echo "Rapport is up: $GATEWAY"
  echo "The member app: $GATEWAY/ (sign in as demo@rapport.test; the code is mailed to the Mailpit URL below)"
  [[ -z $out ]] || echo "$out"
  echo "Try:"
  echo "  curl -H \"Authorization: Bearer ${token:-\$TOKEN}\" $GATEWAY/v1/contacts"
  echo "Mail sent by Rapport (kept by Mailpit, not delivered): http://127.0.0.1:${MAILPIT_HTTP_PORT:-8025}/api/v1/messages"
  echo "Sign in as the demo member from a terminal (the device grant; apps: docs/sign-in.md):"
  echo "  curl -s -d client_id=rapport-cli $GATEWAY/oauth2/device_authorization"
  echo "  open the verification_uri_complete it answers, sign in as demo@rapport.test with the emailed code"
  echo "  (the newest message at the Mailpit URL above), then poll $GATEWAY/oauth2/token for the tokens"
}

stop() {
  local f i pid left=()
  for f in "$PIDS"/*.pid; do
    [[ -e $f ]] || continue
    if running "$f"; then
      kill -TERM -- "-$(cat "$f")" 2>/dev/null || kill -TERM "$(cat "$f")" 2>/dev/null || true
      left+=("$f")
    else
      rm -f "$f"
    fi
  done
  for ((i = 0; ${#left[@]} && i < ${STOP_TIMEOUT:-20} * 5; i++)); do
    sleep 0.2
    for f in "${!left[@]}"; do
      kill -0 "$(cat "${left[f]}")" 2>/dev/null || unset "left[f]"
    done
  done
  for f in "${left[@]}"; do
    pid=$(cat "$f")
    say "$(basename "$f" .pid): still alive after ${STOP_TIMEOUT:-20}s, sending KILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  done
  rm -f "$PIDS"/*.pid "$PIDS"/*.child
  say "stopped"
}

status() {
  local name f
  read_procfile
  for name in "${NAMES[@]}"; do
    f=$PIDS/$name.pid
    if running "$f"; then
      echo "$name: running (supervisor pid $(cat "$f"), process pid $(cat "$PIDS/$name.child" 2>/dev/null || echo -)," \
        "restarts $(grep -c ' supervise: .* restart #' "$LOGS/$name.log" 2>/dev/null || echo 0))"
    elif [[ -f $f ]]; then
      echo "$name: exited (log ${LOGS#"$ROOT"/}/$name.log)"
    else
      echo "$name: stopped"
    fi
  done
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
