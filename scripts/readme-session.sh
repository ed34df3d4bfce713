#!/usr/bin/env bash
# Regenerate the example session of README.md's "Analysis" section from the real commands.
#
#   bash scripts/readme-session.sh            # print the session (markdown code block)
#   bash scripts/readme-session.sh --update   # also replace it in README.md between the session markers
#
# Builds demo-out/ from examples/ first (as `make demo` does). The names it uses are
# picked from the graph (the top model, its strongest neighbour, the most built-upon
# paper), so the session stays meaningful when the extractor changes.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CITEGRAPH:-.venv/bin/citegraph}
PY=${PYTHON:-.venv/bin/python}
OUT=demo-out

"$BIN" build examples/*.txt -o "$OUT" >/dev/null 2>&1
TITLE=$("$BIN" cited "$OUT" --json --limit 1 | "$PY" -c 'import json, sys; d = json.load(sys.stdin); print(d[0]["title"].split(":")[0] if d else "")')
NAME=$("$BIN" top "$OUT" --type Model --json --limit 1 | "$PY" -c 'import json, sys; print(json.load(sys.stdin)[0]["name"])')
PARTNER=$("$BIN" neighbors "$OUT" "$NAME" --json --limit 1 | "$PY" -c 'import json, sys; d = json.load(sys.stdin); print(d[0]["name"] if d else "")')

session() {
  echo '```'
  run() { echo "\$ citegraph $*"; "$BIN" "$@"; echo; }
  run top "$OUT" --type Model --limit 8
  run top "$OUT" --by pagerank --limit 5
  run neighbors "$OUT" "$NAME" --limit 8
  [ -n "$PARTNER" ] && run papers "$OUT" "$NAME" "$PARTNER" --limit 2
  run communities "$OUT" --limit 5 --members 5
  run cited "$OUT" --limit 3
  if [ -n "$TITLE" ]; then
    run chain "$OUT" "$TITLE" --direction built_upon_by
    run similar "$OUT" "$TITLE" --limit 3
  fi
  run trends "$OUT" --limit 5
  echo "\$ citegraph neighbors $OUT GTP-4"
  "$BIN" neighbors "$OUT" GTP-4 2>&1 || true
  echo '```'
}

TEXT=$(session)
printf '%s\n' "$TEXT"
if [ "${1:-}" = "--update" ]; then
  SESSION="$TEXT" "$PY" - <<'PY'
import os, re, pathlib
readme = pathlib.Path("README.md")
text = readme.read_text(encoding="utf-8")
start, end = "<!-- readme-session:start -->", "<!-- readme-session:end -->"
if start not in text or end not in text:
    raise SystemExit("README.md has no readme-session markers; add them to the Analysis section")
block = f"{start}\n{os.environ['SESSION']}\n{end}"
readme.write_text(re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S),
                  encoding="utf-8")
print("README.md updated", file=__import__("sys").stderr)
PY
fi
