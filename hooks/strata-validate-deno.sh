#!/usr/bin/env sh
# pre-commit's `strata-validate-deno` hook: runs `strata validate` from the hook
# repository's checkout with Deno, in the user's repository, on the files given.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
exec deno run --quiet --config "$here/deno.json" --allow-read --allow-env --allow-write --allow-run \
  "$here/cli/main.ts" validate --staged "$@"
