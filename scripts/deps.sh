#!/usr/bin/env bash
# Installs the Debian packages the project needs, and only those that are missing.
#   scripts/deps.sh build    to build and run rapport (Node.js and npm build the web app)
#   scripts/deps.sh test     also what the tests and the bench need (PostgreSQL 15 server, wrk, time, Chromium for
#                            the web app's end-to-end tests)
#   scripts/deps.sh fuzz     also clang and its libFuzzer runtime
set -euo pipefail

build=(g++ cmake ninja-build pkg-config libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
       libsqlite3-dev sqlite3 libpq-dev libsodium-dev libutf8proc-dev libspdlog-dev libfmt-dev libcli11-dev
       libgtest-dev libgmock-dev libbenchmark-dev curl ccache nodejs)
test=(postgresql-15 wrk procps iproute2 time chromium)
fuzz=(clang libclang-rt-14-dev)

wanted=("${build[@]}")
case "${1:-build}" in
  build) ;;
  test) wanted+=("${test[@]}") ;;
  fuzz) wanted+=("${test[@]}" "${fuzz[@]}") ;;
  *) echo "usage: $0 [build|test|fuzz]" >&2; exit 2 ;;
esac
# Debian's nodejs comes without npm (its own package); NodeSource's nodejs includes it and conflicts
# with Debian's npm, so ask for npm only when there is none.
if [[ " ${wanted[*]} " == *" nodejs "* ]] && ! command -v npm >/dev/null; then
  wanted+=(npm)
fi

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing packages: ${missing[*]}" >&2
sudo=()
[[ "$(id -u)" == 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q "${missing[@]}" >&2; then
  "${sudo[@]}" apt-get update -q >&2
  "${sudo[@]}" apt-get install -y -q "${missing[@]}" >&2
fi
