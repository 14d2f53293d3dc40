#!/usr/bin/env python3
"""Finds the inputs `claims` is slowest on (or fails on), one file per process.

  python3 bench/slowest.py [--claims build-bench/claims] [--command mentions] [--top 15] PATH...

Runs `claims COMMAND --format jsonl -j 1 -q FILE` on every file under PATH (hidden files skipped),
measures each run's CPU time (so other load on the machine does not reorder the files),
subtracts the start-up cost (a run on a one-line file), and lists the files with the highest
time per byte and the highest time, plus every file on which claims exited non-zero, crashed or
hit the time limit. Use it on bench/out/corpus/<corpus> to find the smallest file that shows a
slowdown or a crash. Resolution: start-up (loading the rules) costs ~30 ms of CPU and varies by a
few ms, so only files whose own work is well above that stand out; it finds pathological inputs
(seconds), not 10% differences (use the micro-benchmarks for those). Standard library only.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor


def run_one(claims, command, path, timeout):
    """(CPU seconds of the child, status). CPU time (user + system, from wait4) rather than wall
    time, so that other load on the machine does not reorder the files."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen([claims, command, "--format", "jsonl", "-j", "1", "-q", path],
                             stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + timeout
        while True:
            pid, st, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                _, st, ru = os.wait4(p.pid, 0)
                return ru.ru_utime + ru.ru_stime, f"timeout >{timeout:g}s"
            time.sleep(0.002)
        p.returncode = os.waitstatus_to_exitcode(st)
        cpu = ru.ru_utime + ru.ru_stime
        if p.returncode < 0:
            return cpu, f"crashed: signal {-p.returncode} ({signal.Signals(-p.returncode).name})"
        if p.returncode != 0:
            err.seek(0)
            return cpu, f"exit {p.returncode}: {err.read().decode('utf-8', 'replace').strip()[:200]}"
        return cpu, "ok"


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--claims", default=os.path.join(here, "..", "build-bench", "claims"))
    ap.add_argument("--command", default="mentions", choices=("mentions", "extract"))
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--workers", type=int, default=1, help="files timed at once (default 1: least noise)")
    ap.add_argument("--min-bytes", type=int, default=200, help="per-byte ranking ignores smaller files")
    args = ap.parse_args(argv)

    files = []
    for p in args.paths:
        if os.path.isfile(p):
            files.append(p)
            continue
        for dirpath, dirnames, names in os.walk(p):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            files.extend(os.path.join(dirpath, n) for n in sorted(names) if not n.startswith("."))
    if not files:
        print("slowest: no files", file=sys.stderr)
        return 2

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("Startup.\n")
        empty = f.name
    base = statistics.median(run_one(args.claims, args.command, empty, args.timeout)[0] for _ in range(9))
    os.unlink(empty)
    print(f"slowest: {len(files)} files; start-up {base * 1000:.1f} ms of CPU subtracted", file=sys.stderr)

    results = []
    with ThreadPoolExecutor(max_workers=max(1, args.workers)) as ex:
        futs = {ex.submit(run_one, args.claims, args.command, fp, args.timeout): fp for fp in files}
        for i, fut in enumerate(futs, 1):
            wall, status = fut.result()
            fp = futs[fut]
            results.append((fp, os.path.getsize(fp), max(0.0, wall - base), status))
            if i % 500 == 0:
                print(f"slowest: {i}/{len(files)}", file=sys.stderr)

    total_b = sum(r[1] for r in results)
    total_t = sum(r[2] for r in results)
    print(f"{len(results)} files, {total_b / 1e6:.1f} MB, {total_t:.1f} CPU-s of work "
          f"({total_b / 1e6 / total_t if total_t else 0:.1f} MB per CPU-s without start-up)")
    bad = [r for r in results if r[3] != "ok"]
    print(f"\nFailures: {len(bad)}")
    for fp, b, t, st in sorted(bad, key=lambda r: r[1]):
        print(f"  {b:>9} B  {fp}: {st}")
    print(f"\nSlowest per byte (files of at least {args.min_bytes} B): CPU µs/byte, CPU ms, bytes, file")
    per = sorted((r for r in results if r[1] >= args.min_bytes), key=lambda r: r[2] / r[1], reverse=True)
    for fp, b, t, st in per[: args.top]:
        print(f"  {t / b * 1e6:8.2f}  {t * 1000:8.1f}  {b:>9}  {fp}")
    print("\nSlowest overall: CPU ms, bytes, file")
    for fp, b, t, st in sorted(results, key=lambda r: r[2], reverse=True)[: args.top]:
        print(f"  {t * 1000:8.1f}  {b:>9}  {fp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
