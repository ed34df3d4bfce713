#!/usr/bin/env bash
# Byte-for-byte check that extraction output did not change (for pure-performance work).
#
#   bash benchmarks/check_extract_unchanged.sh --save   # record reference outputs first
#   bash benchmarks/check_extract_unchanged.sh          # then diff current output against them
#
# References go to $REF_DIR (default /tmp/speed-ref): the dev set and the shared daily pages,
# with evidence (sentences and character offsets).
set -euo pipefail
cd "$(dirname "$0")/.."
REF_DIR=${REF_DIR:-/tmp/speed-ref}
SHARED=${SHARED:-../shared}
CLI=.venv/bin/citegraph
run() {
    "$CLI" extract "$SHARED/eval/dev_papers.jsonl" --format jsonl --evidence > "$1/dev.jsonl"
    "$CLI" extract "$SHARED"/corpus/hf-daily-papers/*.txt --evidence > "$1/corpus.jsonl" 2>/dev/null
}
if [[ "${1:-}" == "--save" ]]; then
    mkdir -p "$REF_DIR"; run "$REF_DIR"; echo "saved references in $REF_DIR"; exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run "$out"
status=0
for f in dev corpus; do
    if cmp -s "$REF_DIR/$f.jsonl" "$out/$f.jsonl"; then
        echo "$f: identical ($(wc -l < "$out/$f.jsonl") papers)"
    else
        echo "$f: DIFFERS"; diff "$REF_DIR/$f.jsonl" "$out/$f.jsonl" | head -20; status=1
    fi
done
exit $status
