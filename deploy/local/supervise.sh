#!/usr/bin/env bash
# supervise.sh NAME COMMAND: run COMMAND (a Procfile command line, through bash) and start it
# again whenever it exits — crashed, killed with -9, or exited on its own — until this script
# gets TERM or INT (then it waits for the command to finish and exits too). deploy/local/suite.sh
# runs every Procfile process under it, in one process group per process, so `suite.sh stop`
# (TERM to the group) stops both, and nothing is restarted while stopping.
#
# Backoff between restarts: 1 s, doubling up to SUPERVISE_MAX_BACKOFF (30) seconds; back to
# 1 s once a run lasted SUPERVISE_RESET_AFTER (60) seconds. Every start and restart is one line
# on stdout (the process's log): "=== <time> supervise: NAME exited (status S after Ns); restart #K in Ds".
# SUPERVISE_CHILD_PIDFILE, when set, receives the pid of the running command.
set -uo pipefail
[[ $# -eq 2 ]] || { echo "usage: ${0##*/} NAME COMMAND" >&2; exit 2; }
name=$1
cmd=$2
stopping=0
child=
trap 'stopping=1; [[ -n $child ]] && kill -TERM "$child" 2>/dev/null' TERM INT
delay=1
restarts=0
while :; do
  started=$SECONDS
  bash -c "exec $cmd" </dev/null &
  child=$!
  [[ -z ${SUPERVISE_CHILD_PIDFILE:-} ]] || echo "$child" >"$SUPERVISE_CHILD_PIDFILE"
  echo "=== $(date '+%F %T') supervise: $name running (pid $child)"
  status=0
  wait "$child" || status=$?
  while kill -0 "$child" 2>/dev/null; do # a trapped signal ends `wait` early: the child still runs
    status=0
    wait "$child" || status=$?
  done
  ((stopping)) && break
  ran=$((SECONDS - started))
  ((ran < ${SUPERVISE_RESET_AFTER:-60})) || delay=1
  restarts=$((restarts + 1))
  echo "=== $(date '+%F %T') supervise: $name exited (status $status after ${ran}s); restart #$restarts in ${delay}s"
  sleep "$delay" &
  wait $! 2>/dev/null
  ((stopping)) && break
  delay=$((delay * 2 > ${SUPERVISE_MAX_BACKOFF:-30} ? ${SUPERVISE_MAX_BACKOFF:-30} : delay * 2))
done
[[ -z ${SUPERVISE_CHILD_PIDFILE:-} ]] || rm -f "$SUPERVISE_CHILD_PIDFILE"
echo "=== $(date '+%F %T') supervise: $name stopped"
