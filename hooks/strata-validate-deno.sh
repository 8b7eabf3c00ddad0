#!/usr/bin/env sh
# pre-commit's `strata-validate-deno` hook: runs `strata validate` from the hook
# repository's checkout with Deno, in the user's repository, on the files given.
#
# The first run bundles the checkout (`deno task bundle`, what the binary embeds) into
# dist/hook-bundle: every later commit starts from it, in about 0.6x the time the sources
# take (Deno reads and compiles one file instead of hundreds). It is bundled again when a
# source is newer than it (a checkout being edited), into a temporary directory moved in
# place when complete; when bundling fails (no network for a first npm download, a
# read-only checkout), the hook runs the sources, as before.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bundle="$here/dist/hook-bundle"
flags="--allow-read --allow-env --allow-write --allow-run"

stale() {
  [ ! -f "$bundle/main.js" ] && return 0
  [ -n "$(find "$here/cli" "$here/core" "$here/asm" "$here/deno.json" "$here/deno.lock" \
    -newer "$bundle/main.js" \( -name '*.ts' -o -name '*.wasm' -o -name 'deno.*' \) \
    2>/dev/null | head -n 1)" ]
}

if stale; then
  tmp="$bundle.tmp.$$"
  if deno run --quiet --config "$here/deno.json" --allow-read --allow-write --allow-run \
    "$here/tools/bundle.ts" "$tmp" >/dev/null 2>&1; then
    rm -rf "$bundle"
    mv "$tmp" "$bundle" 2>/dev/null || rm -rf "$tmp"
  else
    rm -rf "$tmp"
  fi
fi

if [ -f "$bundle/main.js" ] && ! stale; then
  # shellcheck disable=SC2086
  exec deno run --quiet $flags --v8-flags=--max-semi-space-size=2,--min-semi-space-size=2 \
    "$bundle/main.js" validate --staged "$@"
fi
# shellcheck disable=SC2086
exec deno run --quiet --config "$here/deno.json" $flags "$here/cli/main.ts" validate --staged "$@"
