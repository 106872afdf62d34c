#!/usr/bin/env bash
# The tests use two real parts from Debian: a PostgreSQL server (started per test file, see
# test/storage/startPostgres.ts) and Chromium (the page tests). On a fresh machine they are not
# there yet: as root, install what is missing; otherwise say how to.
set -euo pipefail
# CI reads the last line: a run that cannot start still ends with the summary.
trap 'echo "0 passed, 1 failed"' ERR
missing=()
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need the Debian packages: ${missing[*]}." >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "Installing the Debian packages the tests need: ${missing[*]} (about a minute)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq "${missing[@]}" >&2
