#!/usr/bin/env bash
# A newcomer whose system Node is 20 or 22 runs README's first command, `npx pnpm@12 install`,
# in a fresh copy of the repository. It must stop there with pnpm's one-line "Unsupported
# engine ... wanted: {"node":">=24.7"}" (engineStrict in pnpm-workspace.yaml), never go on to a
# stack trace about .ts files at `pnpm start`. Old Nodes come from the npm registry.
# Usage: scripts/check-old-node.sh [major ...]   (default: 20 22). .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${PATCHBAY_TOOLCHAIN:-${XDG_CACHE_HOME:-$HOME/.cache}/patchbay/toolchain}"
copy=$(mktemp -d /tmp/patchbay-old-node.XXXXXX)
trap 'rm -rf "$copy"' EXIT
git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C "$copy"

status=0
for major in "${@:-20 22}"; do
  for m in $major; do
    prefix="$cache/node$m"
    [ -x "$prefix/bin/node" ] || npm install --global --prefix "$prefix" --no-fund --no-audit --loglevel=error "node@$m" >/dev/null
    rm -rf "$copy/node_modules"
    set +e
    output=$(cd "$copy" && PATH="$prefix/bin:$PATH" npx --yes pnpm@12 install 2>&1)
    code=$?
    set -e
    if [ "$code" -ne 0 ] && grep -q 'Unsupported engine.*wanted: {"node":">=24.7"}' <<<"$output" && ! grep -qE '^\s+at |ERR_UNKNOWN_FILE_EXTENSION' <<<"$output"; then
      echo "old-node: Node $m stops at install with: $(grep 'Unsupported engine' <<<"$output" | sed 's/^[^U]*//')"
    else
      echo "old-node: Node $m did not stop with the one-line engine message (exit $code):"
      echo "$output" | tail -n 20
      status=1
    fi
  done
done
exit "$status"
