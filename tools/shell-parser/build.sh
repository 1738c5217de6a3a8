#!/usr/bin/env bash
# Builds mvdan-sh.wasm.gz here (and copies Go's wasm_exec.js next to it) from Debian's packages:
#   apt-get install golang-go golang-mvdan-sh-dev
# The build is reproducible: the same Go and mvdan/sh versions give the same bytes (CI does not rebuild it;
# `npm run build:shell-parser` does, and `git diff` shows whether the committed binary matches).
set -euo pipefail
cd "$(dirname "$0")"
out=.
command -v go >/dev/null || { echo "Go is missing: apt-get install golang-go golang-mvdan-sh-dev" >&2; exit 2; }
[ -d /usr/share/gocode/src/mvdan.cc/sh/v3/syntax ] || { echo "mvdan/sh is missing: apt-get install golang-mvdan-sh-dev" >&2; exit 2; }
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
mkdir -p "$build/src/runbook-shell-parser"
cp main.go "$build/src/runbook-shell-parser/"
# Debian installs Go libraries in GOPATH layout under /usr/share/gocode.
(cd "$build/src/runbook-shell-parser" && GO111MODULE=off GOPATH="$build:/usr/share/gocode" GOOS=js GOARCH=wasm GOCACHE="$build/cache" \
  go build -trimpath -ldflags="-s -w -buildid=" -o "$build/mvdan-sh.wasm" .)
gzip -9 -n -c "$build/mvdan-sh.wasm" > "$out/mvdan-sh.wasm.gz"
cp "$(go env GOROOT)/misc/wasm/wasm_exec.js" "$out/wasm_exec.cjs"
echo "wrote $out/mvdan-sh.wasm.gz ($(wc -c < "$out/mvdan-sh.wasm.gz") bytes), Go $(go env GOVERSION), mvdan/sh $(dpkg-query -W -f='${Version}' golang-mvdan-sh-dev 2>/dev/null || echo '?')"
