#!/usr/bin/env bash
# The web app (web/): its npm packages, its build into web/dist (embedded into the rapport binary
# by src/CMakeLists.txt), and its tests.
#   scripts/web.sh build   npm ci when node_modules is missing or was installed from another package-lock.json, then
#                          vite build when web/dist is missing or older than any web source
#   scripts/web.sh test    unit tests (vitest), then end-to-end tests in headless Chromium against
#                          build/release/rapport (RAPPORT_BIN to use another binary)
#   scripts/web.sh screenshots   the end-to-end tests again, writing their screenshots into
#                          docs/screenshots/ (the README's) instead of web/test-results/
set -euo pipefail
cd "$(dirname "$0")/../web"

need_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "web: node and npm are needed (scripts/deps.sh build installs them)" >&2
    exit 1
  fi
  # Vite 7 needs Node 20.19 or newer.
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)'; then
    echo "web: Node $(node --version) is too old; Vite 7 needs Node 20.19 or newer" >&2
    exit 1
  fi
}

install() {
  need_node
  # By content, not time: a checkout or rebase touches the lock without changing it.
  local stamp=node_modules/.rapport-lock.sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
    echo "web: npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
  fi
}

stale() {
  [[ ! -f dist/index.html ]] && return 0
  [[ -n "$(find src public index.html package.json package-lock.json vite.config.ts tsconfig.json scripts \
           -newer dist/index.html -print -quit 2>/dev/null)" ]]
}

build() {
  if stale; then
    install
    echo "web: building web/dist" >&2
    npm run --silent build
  fi
}

case "${1:-build}" in
  build) build ;;
  test | screenshots)
    install
    if [[ $1 == screenshots ]]; then export RAPPORT_SCREENSHOTS="$PWD/../docs/screenshots"; else npx vitest run; fi
    build
    if [[ -z "${RAPPORT_BIN:-}" ]]; then
      # The binary embeds web/dist: relink it when the build above changed the files.
      cmake -S .. -B ../build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
      cmake --build ../build/release -j "$(nproc)" --target rapport
      RAPPORT_BIN="$PWD/../build/release/rapport"
    fi
    RAPPORT_BIN="$RAPPORT_BIN" node --test --test-concurrency=1 e2e/
    ;;
  *) echo "usage: $0 [build|test|screenshots]" >&2; exit 2 ;;
esac
