#!/usr/bin/env python3
"""Run one of these queries over JSONL scan outputs with DuckDB; print TSV with a header.

    python3 docs/queries/run.py docs/queries/top_actors_by_month.sql --jsonl 'out/*.jsonl'
    python3 docs/queries/run.py docs/queries/events_between.sql --set a=khalifa_haftar --set b=turkey

articles.sql (the typed view) runs first; --set values are DuckDB variables the query reads
with getvariable() (its SET VARIABLE lines only give defaults). Needs `pip install duckdb`.
The same files work in the duckdb shell: cat articles.sql top_actors_by_month.sql | duckdb
"""
import argparse
import sys
from pathlib import Path

import duckdb

here = Path(__file__).resolve().parent
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("query", help="a .sql file of this folder (or any file that reads the articles view)")
ap.add_argument("--jsonl", default="out/*.jsonl", help="JSONL scan outputs, a path or glob (default: out/*.jsonl)")
ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a query variable (repeatable)")
a = ap.parse_args()

con = duckdb.connect()
con.execute("SET VARIABLE jsonl = $v", {"v": a.jsonl})
for pair in a.set:
    name, sep, value = pair.partition("=")
    if not sep or not name.isidentifier():
        sys.exit(f"--set wants NAME=VALUE, got {pair!r}")
    con.execute(f"SET VARIABLE {name} = $v", {"v": value})
con.execute((here / "articles.sql").read_text(encoding="utf-8"))
result = con.execute(Path(a.query).read_text(encoding="utf-8"))


def cell(v):
    return "" if v is None else str(v)


out = sys.stdout
out.write("\t".join(d[0] for d in result.description) + "\n")
for row in result.fetchall():
    out.write("\t".join(cell(v) for v in row) + "\n")
