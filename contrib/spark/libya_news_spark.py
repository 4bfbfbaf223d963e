#!/usr/bin/env python3
"""Scan a corpus with libya-news on a Spark cluster, then summarize the shards.

    spark-submit contrib/spark/libya_news_spark.py --bin target/release/libya-news \\
        --out out/ corpus/ [more folders or files] [--files-from list.txt] [--rules my-rules/]

The driver lists the files (folders walked like `scan` does: *.txt or --glob, hidden names
skipped, symbolic links not followed), splits the sorted list into contiguous partitions and
pipes each partition to `libya-news scan --files-from - --format jsonl` on an executor. The
binary travels with the job (SparkContext.addFile, like spark-submit --files) and so do the
--rules folders (as archives), so every executor runs the same code on the same tables. Paths
must be readable under the same name on every executor (a shared file system).

Writes OUT/parts/part-NNNNN (each one partition's whole JSONL scan output: its article and
error records, then its own summary line) and OUT/summary.json, made by `libya-news summarize`
from the parts. Concatenated in order, the parts' article and error lines are exactly those of
one `scan --format jsonl` of the same files, and summary.json is that scan's `.summary`.

Exit status: 0; 2 when some files could not be read (their error records are in the parts, as
with scan) or the job failed.
"""
import argparse
import fnmatch
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile


def walk(roots, globs):
    """The files `libya-news scan ROOTS` would read, sorted by their UTF-8 bytes."""
    found = []
    for root in roots:
        if not os.path.isdir(root):
            found.append(root)  # explicit files are always kept, as scan does
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith(".") and any(fnmatch.fnmatchcase(name, g) for g in globs):
                    found.append(os.path.join(folder, name))
    return sorted(set(found), key=os.fsencode)


def pack(folder, into):
    """FOLDER's *.toml as a .tar.gz whose name carries a hash of their bytes."""
    names = sorted(n for n in os.listdir(folder) if n.endswith(".toml"))
    digest = hashlib.sha256()
    for n in names:
        with open(os.path.join(folder, n), "rb") as f:
            digest.update(n.encode() + b"\0" + f.read() + b"\0")
    path = os.path.join(into, f"rules-{digest.hexdigest()[:16]}.tar.gz")
    with tarfile.open(path, "w:gz") as tar:
        for n in names:
            tar.add(os.path.join(folder, n), arcname=n)
    return path


def scan_partition(binary, archives, scan_args):
    """A partition function: what RDD.pipe does, with the binary and rules found on the executor."""

    def run(paths):
        from pyspark import SparkFiles

        exe = SparkFiles.get(binary)
        if not os.access(exe, os.X_OK):
            os.chmod(exe, 0o755)
        cmd = [exe, "scan", "--files-from", "-", "--format", "jsonl", "--quiet", *scan_args]
        for archive in archives:
            cmd += ["--rules", SparkFiles.get(archive)]
        with tempfile.TemporaryFile() as listing:
            for p in paths:
                listing.write(p.encode("utf-8", "surrogateescape") + b"\n")
            listing.seek(0)
            proc = subprocess.Popen(cmd, stdin=listing, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for line in proc.stdout:
                yield line.rstrip(b"\n").decode("utf-8")
            err = proc.stderr.read().decode("utf-8", "replace")
            # 2 with records on stdout means some files were unreadable: they are error records.
            if proc.wait() not in (0, 2):
                raise RuntimeError(f"libya-news scan exited {proc.returncode}: {err.strip()}")

    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help="folders and files to scan")
    ap.add_argument("--files-from", help="a list of paths, one a line (added to PATHS)")
    ap.add_argument("--out", required=True, help="output folder (must not exist, unless --overwrite)")
    ap.add_argument("--bin", required=True, help="the libya-news binary to ship to the executors")
    ap.add_argument("--rules", action="append", default=[], help="extra rule tables, as scan --rules (repeatable)")
    ap.add_argument("--glob", action="append", default=[], help="file names to read in folders [default: *.txt]")
    ap.add_argument("--reference-date", help="as scan --reference-date")
    ap.add_argument("--partitions", type=int, help="[default: 4 per core of the cluster]")
    ap.add_argument("--threads-per-task", type=int, default=1, help="scan --threads inside each task [default: 1]")
    ap.add_argument("--master", help="Spark master when not given by spark-submit (e.g. local[2])")
    ap.add_argument("--overwrite", action="store_true")
    a = ap.parse_args()

    paths = walk(a.paths, a.glob or ["*.txt"])
    if a.files_from:
        with open(a.files_from, encoding="utf-8", errors="surrogateescape") as f:
            paths = sorted(set(paths) | {l.rstrip("\r\n") for l in f if l.strip()}, key=os.fsencode)
    if not paths:
        sys.exit("libya-news-spark: nothing to scan")
    if os.path.exists(a.out):
        if not a.overwrite:
            sys.exit(f"libya-news-spark: {a.out} exists (use --overwrite)")
        shutil.rmtree(a.out)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("libya-news")
    if a.master:
        builder = builder.master(a.master)
    sc = builder.getOrCreate().sparkContext
    sc.setLogLevel("WARN")
    staging = tempfile.mkdtemp(prefix="libya-news-spark-")
    try:
        sc.addFile(os.path.abspath(a.bin))
        archives = []
        for folder in a.rules:
            archive = pack(folder, staging)
            sc.addArchive(archive)
            archives.append(os.path.basename(archive))
        scan_args = ["--threads", str(a.threads_per_task)]
        if a.reference_date:
            scan_args += ["--reference-date", a.reference_date]
        partitions = min(len(paths), a.partitions or 4 * sc.defaultParallelism)
        # parallelize keeps order and cuts contiguous slices: part N holds the Nth run of paths.
        sc.parallelize(paths, partitions).mapPartitions(scan_partition(os.path.basename(a.bin), archives, scan_args)).saveAsTextFile(
            os.path.join(a.out, "parts")
        )
    finally:
        sc.stop()
        shutil.rmtree(staging, ignore_errors=True)

    parts = sorted(p for p in os.listdir(os.path.join(a.out, "parts")) if p.startswith("part-"))
    summary = os.path.join(a.out, "summary.json")
    done = subprocess.run(
        [a.bin, "summarize", "--format", "json", "--output", summary, *(os.path.join(a.out, "parts", p) for p in parts)]
    )
    if not os.path.exists(summary):
        sys.exit(f"libya-news-spark: summarize failed (exit {done.returncode})")
    print(f"libya-news-spark: {len(paths)} files in {partitions} partitions -> {a.out}/parts, {summary}", file=sys.stderr)
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
