# shellcheck shell=bash
# Helpers shared by deploy/local/*.sh. Source it; do not run it.
#   ROOT           repository root
#   RAPPORT_CACHE  downloaded/built servers (default $ROOT/.cache, git-ignored)
#   RAPPORT_RUN    pid files, logs and server data (default $ROOT/.run, git-ignored)
#   RAPPORT_PYTHON python with kafka-python and pymongo (default $ROOT/.venv/bin/python)

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(git -C "$LOCAL_DIR" rev-parse --show-toplevel 2>/dev/null || (cd "$LOCAL_DIR/../.." && pwd))
RAPPORT_CACHE=${RAPPORT_CACHE:-$ROOT/.cache}
RAPPORT_RUN=${RAPPORT_RUN:-$ROOT/.run}
RAPPORT_PYTHON=${RAPPORT_PYTHON:-$ROOT/.venv/bin/python}

say() { echo "${0##*/}: $*"; }
die() { echo "${0##*/}: error: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed${2:+ ($2)}"; }

# Seconds since the epoch with a fraction, for timings.
now() { date +%s.%N 2>/dev/null || date +%s; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

# running PIDFILE [WORD]: the pid in PIDFILE is alive, is not younger than PIDFILE
# (so not a recycled pid) and its command line contains WORD.
running() {
  local pid info age stat
  pid=$(cat "$1" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  info=$(ps -o etimes=,stat=,args= -p "$pid" 2>/dev/null) || return 1
  read -r age stat _ <<<"$info"
  [[ $stat != Z* ]] || return 1
  ((age + 2 >= $(date +%s) - $(date -r "$1" +%s))) || return 1
  [[ -z ${2:-} || $info == *"$2"* ]]
}

# port_busy PORT: something already accepts connections on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# spawn LOG PIDFILE CMD...: run CMD detached (own session, no stdin) and record its pid.
spawn() {
  local log=$1 pidfile=$2
  shift 2
  echo "=== $(date '+%F %T') start: $*" >>"$log"
  if command -v setsid >/dev/null 2>&1; then
    nohup setsid "$@" >>"$log" 2>&1 </dev/null &
  else
    nohup "$@" >>"$log" 2>&1 </dev/null &
  fi
  echo $! >"$pidfile"
}

# stop_pid PIDFILE NAME WORD [SIGNAL]: send SIGNAL (TERM) to the recorded pid if it is ours
# (see running), wait up to STOP_TIMEOUT (20) seconds, then KILL. Removes PIDFILE.
stop_pid() {
  local pidfile=$1 name=$2 signal=${4:-TERM} pid i
  if ! running "$pidfile" "$3"; then
    rm -f "$pidfile"
    say "$name: not running"
    return 0
  fi
  pid=$(cat "$pidfile")
  kill -"$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < ${STOP_TIMEOUT:-20} * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name: still alive after ${STOP_TIMEOUT:-20}s, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  say "$name: stopped (pid $pid)"
}

# show_tail LOG [N]: the last N (40) lines of LOG on stderr.
show_tail() {
  echo "--- last ${2:-40} lines of $1 ---" >&2
  tail -n "${2:-40}" "$1" >&2 2>/dev/null || true
  echo "---" >&2
}

# wait_ready KIND TARGET PID LOG NAME: block until the server answers, or fail with the log tail.
wait_ready() {
  [[ -x $RAPPORT_PYTHON ]] || die "no python at $RAPPORT_PYTHON (run 'make venv' or set RAPPORT_PYTHON)"
  if ! "$RAPPORT_PYTHON" "$LOCAL_DIR/wait_ready.py" "$1" "$2" --pid "$3" --timeout "${READY_TIMEOUT:-60}"; then
    echo "${0##*/}: error: $5 did not become ready (pid $3, log $4)" >&2
    show_tail "$4"
    exit 1
  fi
}
