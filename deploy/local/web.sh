#!/usr/bin/env bash
# The member web app (clients/web: Vite, TypeScript, Preact), built into clients/web/dist, where
# the gateway serves it at / (GATEWAY_WEB_ROOT, services/gateway/web.py).
#
#   build  install the npm packages of the lockfile (`npm ci`) when node_modules is missing or
#          older than package-lock.json, then `npm run build` (type check and Vite build);
#          skipped when the last successful build is newer than every source (src/, public/,
#          index.html, vite.config.ts, tsconfig*.json, package.json, package-lock.json), so a
#          second `make up` does not wait for it
#   test   the app's unit tests (`npm test`: vitest run)
#
# Needs Node.js 20 or newer with npm (Debian: apt-get install nodejs npm).
# Environment:
#   WEB_FORCE=1  build even when the build looks current
set -euo pipefail
usage="usage: ${0##*/} {build|test}"
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WEB=$ROOT/clients/web
DIST=$WEB/dist
STAMP=$DIST/.built  # written after a build succeeds; Vite empties dist/ first, so a failed build leaves none

check_node() {
  local major
  need node "Node.js 20 or newer: apt-get install nodejs npm"
  need npm "apt-get install npm"
  major=$(node -p 'process.versions.node.split(".")[0]')
  ((major >= 20)) || die "Node.js $(node --version) is too old: clients/web needs 20 or newer"
  [[ -f $WEB/package-lock.json ]] || die "no $WEB/package-lock.json"
}

install() {
  check_node
  if [[ ! -f $WEB/node_modules/.package-lock.json || $WEB/package-lock.json -nt $WEB/node_modules/.package-lock.json ]]; then
    local t0
    t0=$(now)
    say "installing the web app's npm packages (npm ci)"
    (cd "$WEB" && npm ci --no-audit --no-fund) || die "npm ci failed in $WEB"
    say "installed in $(since "$t0")"
  fi
}

# current: the last build is newer than every source of the app.
current() {
  local sources=() newer f
  [[ -f $STAMP ]] || return 1
  for f in src public index.html vite.config.ts package.json package-lock.json tsconfig*.json; do
    [[ -e $WEB/$f ]] && sources+=("$WEB/$f")
  done
  newer=$(find "${sources[@]}" -newer "$STAMP" -print -quit)
  [[ -z $newer ]] || { say "rebuilding: $newer changed since the last build"; return 1; }
}

build() {
  [[ -f $WEB/index.html && -d $WEB/src ]] || die "$WEB has no index.html or src/: the app's sources are missing"
  install
  if [[ ${WEB_FORCE:-} != 1 ]] && current; then
    say "up to date: ${DIST#"$ROOT"/} (WEB_FORCE=1 builds anyway)"
    return 0
  fi
  local t0
  t0=$(now)
  say "building the web app into ${DIST#"$ROOT"/}"
  (cd "$WEB" && npm run build) || die "the web app's build failed (npm run build in $WEB)"
  [[ -f $DIST/index.html ]] || die "the build wrote no $DIST/index.html"
  touch "$STAMP"
  say "built in $(since "$t0")"
}

test_app() {
  install
  (cd "$WEB" && npm test)
}

case ${1:-} in
  build) build ;;
  test) test_app ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
