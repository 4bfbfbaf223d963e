#!/usr/bin/env bash
# Runs the Spark job for real on local[2] over a generated corpus of a few thousand files and
# checks it against one plain scan: the same article and error lines, in the same order, and a
# byte-identical summary. Skips (exit 0, with a note) when pyspark or Java is not available.
#
#   contrib/spark/test.sh            # the test (CI calls it after cargo test --release)
#   contrib/spark/test.sh --bench    # also times plain scan, Spark local[1] and local[2]
#
# Env: LIBYA_NEWS_BIN (default ${CARGO_TARGET_DIR:-target}/release/libya-news), CORPUS_MB (8).
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=${1:-}
bin=${LIBYA_NEWS_BIN:-${CARGO_TARGET_DIR:-target}/release/libya-news}
[ -x "$bin" ] || { echo "contrib/spark/test.sh: no binary at $bin (cargo build --release first)" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
if ! python3 -c "import pyspark" 2>/dev/null; then
  pip install -q pyspark >/dev/null 2>&1 || true
fi
if ! python3 -c "import pyspark" 2>/dev/null; then
  echo "note: pyspark could not be installed: Spark test skipped" >&2; exit 0
fi
if ! java -version >/dev/null 2>&1; then
  echo "note: no Java runtime (pyspark needs 17+): Spark test skipped" >&2; exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=$work/corpus
# The benchmark's generator when the shared folder is there, else the same recipe inline.
if [ -f ../shared/bench/make_corpus.py ]; then
  python3 ../shared/bench/make_corpus.py --out "$corpus" --mb "${CORPUS_MB:-8}" --seeds seeds >&2
else
  python3 - "$corpus" "${CORPUS_MB:-8}" <<'PY'
import random, sys
from pathlib import Path
out, target = Path(sys.argv[1]), int(float(sys.argv[2]) * 1048576)
paras, titles = [], []
for f in sorted(Path("seeds").glob("*.txt")):
    lines = [l.strip() for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
    titles.append(lines[0]); paras += [l for l in lines[1:] if len(l) > 40]
rng, written, n = random.Random(7), 0, 0
while written < target:
    data = f"{rng.choice(titles)}\n\n" + "\n\n".join(rng.choice(paras) for _ in range(rng.randint(4, 14))) + "\n"
    d = out / f"{n % 100:02d}"; d.mkdir(parents=True, exist_ok=True)
    (d / f"{n:07d}.txt").write_bytes(data.encode()); written += len(data.encode()); n += 1
print(f"{n} files in {out}", file=sys.stderr)
PY
fi
# An unreadable file (error records must travel too) and a sidecar date.
printf '\000\001binary' > "$corpus/00/zz_binary.txt"
printf '{"published": "2020-02-21"}' > "$corpus/01/0000001.json"
# A rules folder that changes rules_version: proves the tables travel with the job.
mkdir -p "$work/rules"
printf '[[actor]]\nid = "zz_spark_test"\ntype = "person"\nname = "Spark Test"\nname_ar = "زكريا الاختباري"\n' > "$work/rules/extra.toml"

# An article naming the test actor: found only if the rules reached the executors.
printf 'خبر اختباري\n\nقال زكريا الاختباري إن الاجتماع في طرابلس كان مثمرا.\n' > "$corpus/02/zz_rules.txt"

files=$(find "$corpus" -name '*.txt' | wc -l)
echo "corpus: $files files, $(du -sm "$corpus" | cut -f1) MiB" >&2
seconds() { python3 -c 'import time; print(f"{time.time():.3f}")'; }
spark() { # MASTER OUT [job args]: the job, its log kept in OUT.log; exit 2 (unreadable files) is fine
  local master=$1 out=$2; shift 2
  python3 contrib/spark/libya_news_spark.py --master "$master" --bin "$bin" --out "$out" "$@" 2> "$out.log" || [ $? -eq 2 ] || { cat "$out.log" >&2; exit 1; }
}
records() { grep -hv '^{"type":"summary"' "$@"; }
summary_of() { "$bin" summarize "$@" --format jsonl || [ $? -eq 2 ]; }

# 1. Built-in tables: records and summary byte-identical to one plain scan.
t0=$(seconds)
"$bin" scan "$corpus" --format jsonl --quiet > "$work/plain.jsonl" 2>/dev/null || [ $? -eq 2 ]
t1=$(seconds)
spark 'local[2]' "$work/spark2" "$corpus"
t2=$(seconds)
# The parts in order, without their per-partition summary lines, are the plain scan's records.
cmp <(records "$work/plain.jsonl") <(records "$work"/spark2/parts/part-*) || { echo "FAIL: Spark records differ from a plain scan" >&2; exit 1; }
cmp <(tail -n 1 "$work/plain.jsonl") <(summary_of "$work"/spark2/parts/part-*) || { echo "FAIL: Spark summary differs from a plain scan" >&2; exit 1; }
python3 - "$work/plain.jsonl" "$work/spark2/summary.json" <<'PY' || { echo "FAIL: summary.json is not the plain scan's summary" >&2; exit 1; }
import json, sys
last = json.loads(open(sys.argv[1], encoding="utf-8").read().splitlines()[-1])
del last["type"]
assert json.load(open(sys.argv[2], encoding="utf-8")) == last
assert last["errors"] == 1
PY
echo "ok: Spark local[2] = plain scan ($(records "$work/plain.jsonl" | wc -l) records, $(ls "$work"/spark2/parts | grep -c part-) parts, summary byte-identical)" >&2

# 2. --rules travels: the executors find the extra actor, exactly as a plain scan with it does.
spark 'local[2]' "$work/rules-run" --rules "$work/rules" "$corpus"
"$bin" scan "$corpus" --rules "$work/rules" --format jsonl --quiet > "$work/plain-rules.jsonl" 2>/dev/null || [ $? -eq 2 ]
cmp <(records "$work/plain-rules.jsonl") <(records "$work"/rules-run/parts/part-*) || { echo "FAIL: records with --rules differ" >&2; exit 1; }
grep -q '"id":"zz_spark_test"' "$work"/rules-run/parts/part-* || { echo "FAIL: the --rules tables did not reach the executors" >&2; exit 1; }
summary_of "$work"/rules-run/parts/part-* > "$work/rules-run.summary"
python3 - "$work/plain-rules.jsonl" "$work/rules-run.summary" "$work/plain.jsonl" "$work"/rules-run/parts/part-* <<'PY' || { echo "FAIL: summary with --rules" >&2; exit 1; }
import json, sys
last = lambda p: json.loads(open(p, encoding="utf-8").read().splitlines()[-1])
plain, spark, builtin = last(sys.argv[1]), last(sys.argv[2]), last(sys.argv[3])
versions = {last(p)["rules_version"] for p in sys.argv[4:]}
assert len(versions) == 1, f"parts disagree on rules_version: {versions}"
assert versions != {builtin["rules_version"]}, "the parts were scanned with the built-in tables only"
# rules_version hashes the tables' file names and bytes, not where they were unpacked.
assert plain == spark
PY
echo "ok: --rules reached every executor (one rules_version across parts)" >&2

if [ "$bench" = "--bench" ]; then
  # Wall times on the same corpus; the one-file job is Spark's fixed cost per job (JVM, context,
  # one task, summarize), and local[1] against a 1-thread plain scan gives the cost per file.
  timed() { local s; s=$(seconds); "$@" > /dev/null 2>&1 || true; python3 -c "print(f'{$(seconds) - $s:.1f}')"; }
  plain_all=$(timed "$bin" scan "$corpus" --format jsonl --quiet)
  plain_one=$(timed "$bin" scan "$corpus" --format jsonl --quiet --threads 1)
  rm -rf "$work"/b1 "$work"/b2 "$work"/b0
  local1=$(timed spark 'local[1]' "$work/b1" "$corpus")
  local2=$(timed spark 'local[2]' "$work/b2" "$corpus")
  job=$(timed spark 'local[1]' "$work/b0" "$corpus/00/0000000.txt")
  python3 - "$files" "$plain_all" "$plain_one" "$local1" "$local2" "$job" <<'PY'
import sys
n, plain_all, plain_one, local1, local2, job = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"{n} files")
print(f"plain scan, all cores:  {plain_all:6.1f} s")
print(f"plain scan, 1 thread:   {plain_one:6.1f} s")
print(f"Spark local[1]:         {local1:6.1f} s")
print(f"Spark local[2]:         {local2:6.1f} s")
print(f"Spark job of one file:  {job:6.1f} s  (fixed cost per job)")
print(f"Spark cost per file:    {max(0.0, local1 - job - plain_one) / n * 1000:6.2f} ms  (local[1] - fixed - 1-thread scan, per file)")
PY
fi
