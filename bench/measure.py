#!/usr/bin/env python3
"""End-to-end measurements of `claims` on the replicated corpus sets (called by bench/run.sh).

For every language set and size (OUT/x<N>/<lang>, made by tools/corpus/replicate.py) it runs,
N times each and interleaved so that background load hits every configuration alike:
  claims mentions --format jsonl -j J --outlets ... <outlet folders>   > /dev/null
  claims extract  --format jsonl -j J --outlets ... <outlet folders>   > /dev/null
  rg -j J -c '["“”]' --no-ignore <outlet folders>                       (the floor)
and, once a round, two of each command's `-j 1` runs at once (the machine's control: what two
processes, sharing nothing, get of its two cores in the same window as the -j 2 runs),
under /usr/bin/time -v (peak RSS, CPU time), with a time limit per run. The medians go into a
markdown table, printed and appended to RESULTS.md with the commit, date, machine and corpus.
A failed or timed-out run is recorded in the table; the others go on.
Standard library only.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

QUOTE_PATTERN = '["“”]'


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sh(argv, cwd=None):
    try:
        return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=30,
                              env=dict(os.environ, GIT_OPTIONAL_LOCKS="0")).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine_info(repo):
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    commit = sh(["git", "rev-parse", "--short", "HEAD"], cwd=repo) or "unknown"
    dirty = sh(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo)
    return {
        "commit": commit + ("-dirty" if dirty else ""),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor() or "unknown",
        "mem_gb": round(mem_gb, 1),
        "kernel": platform.release(),
        "rg": sh(["rg", "--version"]).splitlines()[0] if shutil.which("rg") else "missing",
    }


def loadavg():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def busy_seconds():
    """CPU seconds all processes have used since boot (user, nice, system, irq, softirq, steal)."""
    try:
        with open("/proc/stat") as f:
            cols = f.readline().split()[1:]
        v = [int(x) for x in cols]
        busy = v[0] + v[1] + v[2] + v[5] + v[6] + (v[7] if len(v) > 7 else 0)
        return busy / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def others_cpus(busy0, busy1, cpu, wall):
    """The CPUs other processes kept busy on average over a run, from busy_seconds() before and
    after it and the run's own CPU time; None when a reading is missing."""
    if busy0 is None or busy1 is None or cpu is None or not wall:
        return None
    return max(0.0, (busy1 - busy0 - cpu) / wall)


class Run:
    """One timed process: wall seconds, peak RSS (KB), CPU seconds (and the system's share of
    them), minor page faults, status."""

    def __init__(self):
        self.wall = None
        self.rss_kb = None
        self.cpu = None
        self.sys = None  # system CPU seconds: page faults and system calls, the kernel's work
        self.faults = None  # minor page faults: pages first touched (each a trap into the kernel)
        self.status = "ok"
        self.ok = True
        self.stderr_path = None
        self.docs_read = None
        self.others = None  # CPUs used by other processes on average during the run


def timed(argv, cwd, timeout, stdout_path, stderr_path, report_path, use_time):
    r = Run()
    r.stderr_path = stderr_path
    full = (["/usr/bin/time", "-v", "-o", report_path] + argv) if use_time else argv
    busy0 = busy_seconds()
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
        except OSError as e:
            r.ok, r.status = False, f"cannot start: {e}"
            return r
        # A blocking wait, with a timer that kills the run at its time limit: the wall time is
        # taken the moment the process ends. (Popen.wait(timeout) polls, sleeping up to 50 ms
        # between looks, which put up to 50 ms on every run: an eighth of a 0.4 s one.)
        killed = threading.Event()

        def kill():
            killed.set()
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, st, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        r.wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(st)
        if use_time:
            ru = None  # the rusage is /usr/bin/time's; its report has the command's
        if killed.is_set():
            r.ok, r.status = False, f"timeout >{timeout:g}s"
            return r
    rc = p.returncode
    if use_time:
        try:
            with open(report_path, encoding="utf-8", errors="replace") as f:
                rep = f.read()
        except OSError:
            rep = ""
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", rep)
        r.rss_kb = int(m.group(1)) if m else None
        u = re.search(r"User time \(seconds\): ([\d.]+)", rep)
        s = re.search(r"System time \(seconds\): ([\d.]+)", rep)
        if u and s:
            r.cpu = float(u.group(1)) + float(s.group(1))
            r.sys = float(s.group(1))
        mf = re.search(r"Minor \(reclaiming a frame\) page faults: (\d+)", rep)
        r.faults = int(mf.group(1)) if mf else None
        sig = re.search(r"Command terminated by signal (\d+)", rep)
        ex = re.search(r"Exit status: (\d+)", rep)
        if sig:
            n = int(sig.group(1))
            try:
                name = signal.Signals(n).name
            except ValueError:
                name = str(n)
            r.ok, r.status = False, f"crashed: signal {n} ({name})"
            return r
        if ex:
            rc = int(ex.group(1))
    elif ru is not None:
        r.rss_kb = ru.ru_maxrss
        r.cpu = ru.ru_utime + ru.ru_stime
        r.sys = ru.ru_stime
        r.faults = ru.ru_minflt
    r.others = others_cpus(busy0, busy_seconds(), r.cpu, r.wall)
    if rc is not None and rc < 0:
        r.ok, r.status = False, f"crashed: signal {-rc}"
    elif rc not in (0,):
        r.ok, r.status = False, f"exit {rc}"
    return r


def timed_pair(argv, cwd, timeout, base, use_time):
    """Two runs of argv at once, each in its own process: a Run with the wall time until both have
    ended, their CPU time, system time and faults added up, the larger peak RSS, and the CPUs
    other processes used meanwhile."""
    runs = [None, None]
    busy0 = busy_seconds()
    t0 = time.perf_counter()

    def one(k):
        runs[k] = timed(argv, cwd, timeout, os.devnull, f"{base}.{k}.stderr", f"{base}.{k}.time", use_time)

    threads = [threading.Thread(target=one, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    r = Run()
    r.wall = time.perf_counter() - t0
    for x in runs:  # a failed run's stderr stays, for the log line to name
        if x.ok:
            os.unlink(x.stderr_path)
    bad = [x for x in runs if not x.ok]
    if bad:
        r.ok, r.status, r.stderr_path = False, bad[0].status, bad[0].stderr_path
        return r

    def total(field):
        v = [getattr(x, field) for x in runs]
        return sum(v) if all(y is not None for y in v) else None

    r.cpu, r.sys, r.faults = total("cpu"), total("sys"), total("faults")
    r.rss_kb = max((x.rss_kb for x in runs if x.rss_kb), default=None)
    r.others = others_cpus(busy0, busy_seconds(), r.cpu, r.wall)  # over the pair: not each other
    return r


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, digits=2):
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def warm(set_dir, folders, have_rg):
    """Reads every file of a set once (untimed), so that the timed runs read from memory."""
    if have_rg:
        subprocess.run(["rg", "-j", "2", "-c", "--no-ignore", QUOTE_PATTERN] + folders, cwd=set_dir,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return
    for dirpath, _, files in os.walk(set_dir):
        for fn in files:
            with open(os.path.join(dirpath, fn), "rb") as f:
                f.read()


def claims_argv(claims, cmd, j, folders, outlets_tsv=None):
    """The command line of a measured claims run over a set's outlet folders (as the set's cwd)."""
    outlets = ["--outlets", outlets_tsv] if outlets_tsv else []
    return [claims, cmd, "--format", "jsonl", "-j", str(j), "-q", "--stats"] + outlets + folders


def measure_round(args, claims, lang, size, set_dir, meta, rep, n, logs, use_time, have_rg,
                  results, rg_runs, raw):
    """One run of every command and thread count on one set, and of rg, as round `rep` of n."""
    folders = meta["outlet_folders"]
    outlets_tsv = os.path.abspath(set_dir + ".outlets.tsv")
    docs = meta["documents"]
    tag = f"{lang}-x{size}"
    for j in args.threads:
        for cmd in args.commands:
            base = os.path.join(logs, f"{tag}-{cmd}-j{j}")
            argv = claims_argv(claims, cmd, j, folders, outlets_tsv)
            r = timed(argv, set_dir, args.timeout, os.devnull, base + f".{rep}.stderr",
                      base + f".{rep}.time", use_time)
            try:
                with open(r.stderr_path, encoding="utf-8", errors="replace") as f:
                    err = f.read()
                m = re.search(r"claims: (\d+) documents read", err)
                r.docs_read = int(m.group(1)) if m else None
            except OSError:
                err = ""
            if r.ok and r.docs_read is not None and r.docs_read != docs:
                r.status = f"read {r.docs_read} of {docs} docs"
            if r.ok:
                os.unlink(r.stderr_path)
            results.setdefault((size, cmd, j), []).append(r)
            raw.append({"lang": lang, "size": size, "cmd": cmd, "threads": j, "run": rep, "ok": r.ok,
                        "wall": r.wall, "rss_kb": r.rss_kb, "cpu": r.cpu, "sys": r.sys,
                        "faults": r.faults, "others": r.others,
                        "status": r.status, "argv": " ".join(argv), "cwd": set_dir})
            log(f"  {tag} {cmd:8s} -j{j} run {rep + 1}/{n}: "
                f"{fmt(r.wall)} s, cpu {fmt(r.cpu)} s, {fmt((r.rss_kb or 0) / 1024, 0)} MB, "
                f"others {fmt(r.others)} CPUs, {r.status}"
                + ("" if r.ok else f" (stderr: {r.stderr_path})"))
        if have_rg:
            r = timed(["rg", "-j", str(j), "-c", "--no-ignore", QUOTE_PATTERN] + folders, set_dir,
                      args.timeout, os.path.join(logs, f"{tag}-rg.out"),
                      os.path.join(logs, f"{tag}-rg-j{j}.stderr"),
                      os.path.join(logs, f"{tag}-rg-j{j}.time"), use_time)
            if not r.ok and r.status == "exit 1":  # rg: no line matched
                r.ok, r.status = True, "ok"
            rg_runs.setdefault((size, j), []).append(r)
            raw.append({"lang": lang, "size": size, "cmd": "rg", "threads": j, "run": rep,
                        "wall": r.wall, "rss_kb": r.rss_kb, "cpu": r.cpu, "status": r.status})
    if args.pair and 1 in args.threads and max(args.threads) > 1:
        for cmd in args.commands:
            argv = claims_argv(claims, cmd, 1, folders, outlets_tsv)
            r = timed_pair(argv, set_dir, args.timeout, os.path.join(logs, f"{tag}-{cmd}-pair.{rep}"), use_time)
            results.setdefault((size, f"{cmd}-pair", 1), []).append(r)
            raw.append({"lang": lang, "size": size, "cmd": f"{cmd}-pair", "threads": 1, "run": rep, "ok": r.ok,
                        "wall": r.wall, "rss_kb": r.rss_kb, "cpu": r.cpu, "sys": r.sys, "faults": r.faults,
                        "others": r.others, "status": r.status, "argv": "2 at once: " + " ".join(argv),
                        "cwd": set_dir})
            log(f"  {tag} {cmd} -j1, two at once, run {rep + 1}/{n}: {fmt(r.wall)} s, cpu {fmt(r.cpu)} s "
                f"(both), others {fmt(r.others)} CPUs, {r.status}" + ("" if r.ok else f" (stderr: {r.stderr_path})"))


def round_walls(raw, lang, size, cmd, j):
    """Each run's wall time of one configuration in round order (None for a failed run), from the
    runs list (`raw`, also saved in the results JSON): the scaling check pairs the x16 and x64
    runs of one round. Runs saved before "ok" was kept count as ok when their status is."""
    runs = sorted((r for r in raw if r["lang"] == lang and r["size"] == size and r["cmd"] == cmd
                   and r["threads"] == j), key=lambda r: r["run"])
    return [r["wall"] if r.get("ok", r["status"] == "ok") else None for r in runs]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--claims", required=True, help="the claims binary")
    ap.add_argument("--out", required=True, help="bench/out (holds x<N>/<lang> sets)")
    ap.add_argument("--sizes", nargs="+", type=int, default=[1, 4, 16, 64])
    ap.add_argument("--langs", nargs="+", default=["en", "id"])
    ap.add_argument("--lang-desc", action="append", default=[], help="lang=description, for the report")
    ap.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--commands", nargs="+", default=["mentions", "extract"])
    ap.add_argument("--runs-small", type=int, default=5)
    ap.add_argument("--runs-large", type=int, default=3)
    ap.add_argument("--large-from", type=int, default=16, help="sizes from this one use --runs-large")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run")
    ap.add_argument("--no-pair", dest="pair", action="store_false",
                    help="do not run two `-j1` runs of each command at once each round (the machine's control)")
    ap.add_argument("--results", required=True, help="markdown file to append to")
    ap.add_argument("--json", help="also write every run here")
    ap.add_argument("--commit", help="commit measured (default: the repository's HEAD, -dirty when modified)")
    ap.add_argument("--render", metavar="JSON",
                    help="measure nothing: print the report of a results JSON written by --json "
                         "(appended to --results only with --append)")
    ap.add_argument("--append", action="store_true")
    args = ap.parse_args(argv)
    if args.render:
        with open(args.render, encoding="utf-8") as f:
            saved = json.load(f)
        rows = saved["rows"]
        for row in rows:  # results saved before rows kept their runs' walls
            row.setdefault("walls", round_walls(saved.get("runs", []), row["lang"], row["size"], row["cmd"], row["j"]))
        return report(saved["info"], rows, saved.get("settings", {}), args.results if args.append else None,
                      saved.get("memory", []))

    claims = os.path.abspath(args.claims)
    use_time = os.path.exists("/usr/bin/time")
    have_rg = shutil.which("rg") is not None
    if not use_time:
        log("measure: /usr/bin/time not found (Debian package `time`); peak RSS and CPU come from wait4()")
    if not have_rg:
        log("measure: rg not found (Debian package `ripgrep`); the floor column stays empty")
    logs = os.path.abspath(os.path.join(args.out, "logs"))
    os.makedirs(logs, exist_ok=True)
    descs = dict(d.split("=", 1) for d in args.lang_desc)
    info = machine_info(args.repo)
    if args.commit:
        info["commit"] = args.commit
    info["load_start"] = loadavg()

    rows = []      # one per (lang, size, command, threads)
    raw = []
    memory = []    # one per (lang, large size): `mentions -j1` without --outlets (memory_runs)
    for lang in args.langs:
        sets = []  # (size, set_dir, meta)
        for size in args.sizes:
            set_dir = os.path.join(args.out, f"x{size}", lang)
            meta_path = set_dir + ".json"
            if not os.path.exists(meta_path):
                log(f"measure: {set_dir}: not prepared, skipped")
                continue
            with open(meta_path) as f:
                sets.append((size, set_dir, json.load(f)))
        # The small sets (N = runs_small) and the large ones (N = runs_large) are each measured in
        # rounds: one run of every size of the group, then the next round. This machine's speed
        # drifts by tens of percent over minutes, so sizes measured one after the other would be
        # compared across different windows of it (the x16 -> x64 scaling check most of all);
        # interleaved, every size sees the same windows.
        groups = [[t for t in sets if t[0] < args.large_from], [t for t in sets if t[0] >= args.large_from]]
        for group in groups:
            if not group:
                continue
            n = args.runs_large if group[0][0] >= args.large_from else args.runs_small
            results = {}   # (size, cmd, j) -> [Run]
            rg_runs = {}   # (size, j) -> [Run]
            for size, set_dir, meta in group:
                log(f"measure: {lang}-x{size}: {meta['documents']} documents, {meta['bytes'] / 1e6:.1f} MB, "
                    f"{n} runs each (load {loadavg():.2f})")
                # Warm the page cache (untimed): every run then reads from memory.
                warm(set_dir, meta["outlet_folders"], have_rg)
            for rep in range(n):
                for size, set_dir, meta in group:
                    measure_round(args, claims, lang, size, set_dir, meta, rep, n, logs, use_time, have_rg,
                                  results, rg_runs, raw)
            if group[0][0] >= args.large_from and "mentions" in args.commands and use_time:
                memory += memory_runs(claims, lang, group, args.timeout, logs, use_time)
            for size, set_dir, meta in group:
                docs, nbytes = meta["documents"], meta["bytes"]
                for cmd in args.commands:
                    for j in args.threads:
                        runs = results.get((size, cmd, j), [])
                        good = [r for r in runs if r.ok]
                        bad = [r for r in runs if not r.ok]
                        rg_good = [r for r in rg_runs.get((size, j), []) if r.ok]
                        wall = median([r.wall for r in good])
                        rg = median([r.wall for r in rg_good])
                        row = {
                            "lang": lang, "size": size, "docs": docs, "mb": nbytes / 1e6, "cmd": cmd, "j": j,
                            "runs": len(good), "of": len(runs), "wall": wall,
                            "walls": round_walls(raw, lang, size, cmd, j),
                            "mbs": nbytes / 1e6 / wall if wall else None,
                            "docs_s": docs / wall if wall else None,
                            "rss_mb": max((r.rss_kb for r in good if r.rss_kb), default=None),
                            "cpu": median([r.cpu for r in good]),
                            "sys": median([r.sys for r in good]),
                            "faults": median([r.faults for r in good]),
                            "others": median([r.others for r in good]),
                            "rg": rg, "ratio": wall / rg if wall and rg else None,
                            "status": "ok" if not bad and all(r.status == "ok" for r in good) else
                                      "; ".join(sorted({r.status for r in runs if r.status != "ok"})),
                            "fail_logs": [r.stderr_path for r in bad],
                        }
                        if row["rss_mb"]:
                            row["rss_mb"] = row["rss_mb"] / 1024
                        pair = [r for r in results.get((size, f"{cmd}-pair", 1), []) if r.ok]
                        if j == 1 and pair:
                            row["pair_wall"] = median([r.wall for r in pair])
                            row["pair_cpu"] = median([r.cpu for r in pair])
                            row["pair_runs"] = len(pair)
                        rows.append(row)
    info["load_end"] = loadavg()
    settings = {"runs_small": args.runs_small, "runs_large": args.runs_large, "large_from": args.large_from,
                "timeout": args.timeout, "langs": args.langs, "commands": args.commands,
                "claims": os.path.relpath(claims, args.repo), "lang_desc": descs}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"info": info, "settings": settings, "rows": rows, "runs": raw, "memory": memory},
                      f, indent=1)
    return report(info, rows, settings, args.results, memory)


def memory_runs(claims, lang, group, timeout, logs, use_time):
    """The streaming memory target: one `mentions -j1` run a large set without --outlets (whose
    table, one row a file, is the user's input and grows with it), for its peak RSS."""
    out = []
    for size, set_dir, meta in group:
        base = os.path.join(logs, f"{lang}-x{size}-mentions-memory")
        argv = claims_argv(claims, "mentions", 1, meta["outlet_folders"])
        r = timed(argv, set_dir, timeout, os.devnull, base + ".stderr", base + ".time", use_time)
        out.append({"lang": lang, "size": size, "docs": meta["documents"],
                    "rss_mb": r.rss_kb / 1024 if r.ok and r.rss_kb else None, "status": r.status})
        log(f"  {lang}-x{size} mentions -j1 without --outlets: {fmt((r.rss_kb or 0) / 1024, 0)} MB, {r.status}")
    return out


def report(info, rows, settings, results_path, memory=()):
    """Prints the markdown report and appends it to results_path (when given)."""

    # Speed-up of the largest thread count over one thread, per (lang, size, cmd).
    by = {(r["lang"], r["size"], r["cmd"], r["j"]): r for r in rows}
    for r in rows:
        one = by.get((r["lang"], r["size"], r["cmd"], 1))
        r["speedup"] = one["wall"] / r["wall"] if r["j"] != 1 and one and one["wall"] and r["wall"] else None

    header = ("| set | lang | docs | MB | command | -j | runs | median wall s | MB/s | MB/s/core | docs/s "
              "| CPU s | sys s | page faults | MB per CPU-s | others' CPUs | peak RSS MB | rg s | claims/rg | vs -j1 | status |")
    sep = "|" + "|".join(["---"] * (header.count("|") - 1)) + "|"
    lines = [header, sep]
    for r in rows:
        lines.append("| " + " | ".join([
            f"x{r['size']}", r["lang"], str(r["docs"]), fmt(r["mb"], 1), r["cmd"], str(r["j"]),
            f"{r['runs']}/{r['of']}", fmt(r["wall"]), fmt(r["mbs"]),
            fmt(r["mbs"] / r["j"] if r["mbs"] else None), fmt(r["docs_s"], 0), fmt(r["cpu"]),
            fmt(r.get("sys")), fmt(r.get("faults"), 0), fmt(r["mb"] / r["cpu"] if r["cpu"] else None), fmt(r.get("others")),
            fmt(r["rss_mb"], 0), fmt(r["rg"], 3), (fmt(r["ratio"], 1) + "×") if r["ratio"] else "–",
            (fmt(r["speedup"]) + "×") if r["speedup"] else "–", r["status"]]) + " |")
    table = "\n".join(lines)

    # Targets (bench/README.md).
    checks = []

    def check(ok, what):
        checks.append(("PASS" if ok else "FAIL") + " — " + what)

    for r in rows:
        if r["cmd"] == "mentions" and r["mbs"]:
            per_core = r["mbs"] / r["j"]
            cpu_rate = f"; {r['mb'] / r['cpu']:.1f} MB per CPU-second" if r["cpu"] else ""
            check(per_core >= 20, f"mentions {r['lang']} x{r['size']} -j{r['j']}: {per_core:.1f} MB/s per core (≥ 20{cpu_rate})")
            if r["ratio"]:
                check(r["ratio"] <= 10, f"mentions {r['lang']} x{r['size']} -j{r['j']}: {r['ratio']:.1f}× rg (≤ 10×)")
        if r["speedup"]:
            busy = (r.get("others") or 0) > 0.3
            # More threads should not make the same work cheaper in CPU time. When the -j1 runs
            # took more of it than these, they most likely met a slower window of the machine (or
            # the second core's own caches helped), and the ratio says more than the threads
            # alone gave; the verdict stays by the ratio.
            base = by.get((r["lang"], r["size"], r["cmd"], 1))
            slow_base = bool(base and base.get("cpu") and r.get("cpu") and base["cpu"] > 1.05 * r["cpu"])
            # The machine's control: two -j1 processes at once, in the same rounds, got
            # this many times one's throughput: what two cores gave without shared memory or locks.
            control = ""
            if base and base.get("pair_wall") and base.get("wall"):
                control = (f"; two -j1 processes at once got {2 * base['wall'] / base['pair_wall']:.2f}× "
                           f"one's throughput in the same rounds")
            check(r["speedup"] >= 1.7, f"{r['cmd']} {r['lang']} x{r['size']}: -j{r['j']} is {r['speedup']:.2f}× -j1 (≥ 1.7×{control})"
                  + (f" [contended: others used {r['others']:.2f} CPUs]" if busy else "")
                  + (f" [the -j1 runs took {base['cpu'] / r['cpu'] - 1:.0%} more CPU time than these: a slower "
                     "window for them, or the second core's caches; the ratio counts both]" if slow_base else ""))
        if r["cmd"] == "extract" and r["size"] == 64:
            if r["wall"]:
                check(r["wall"] < 60, f"extract {r['lang']} x64 -j{r['j']}: {r['wall']:.1f} s (< 60 s)")
            if r["rss_mb"]:
                check(r["rss_mb"] < 2048, f"extract {r['lang']} x64 -j{r['j']}: {r['rss_mb']:.0f} MB RSS (< 2048 MB)")
        if r["status"] != "ok":
            check(False, f"{r['cmd']} {r['lang']} x{r['size']} -j{r['j']}: {r['status']}")
    langs = sorted({r["lang"] for r in rows}, key=[r["lang"] for r in rows].index)
    for lang in langs:
        for cmd in sorted({r["cmd"] for r in rows}):
            for j in sorted({r["j"] for r in rows}):
                a, b = by.get((lang, 16, cmd, j)), by.get((lang, 64, cmd, j))
                if a and b and a["wall"] and b["wall"]:
                    g = b["wall"] / a["wall"]
                    gc = f"; CPU time {b['cpu'] / a['cpu']:.2f}×" if a.get("cpu") and b.get("cpu") else ""
                    # Beside the verdict (by the medians), two readings that a window moving
                    # between runs sways less: the median of each round's x64 / x16 ratio (the
                    # rounds run x16 and x64 back to back), and the fastest x64 over the fastest x16.
                    pairs = [y / x for x, y in zip(a.get("walls", []), b.get("walls", [])) if x and y]
                    fa = [x for x in a.get("walls", []) if x]
                    fb = [y for y in b.get("walls", []) if y]
                    if pairs:
                        gc += f"; by rounds {median(pairs):.2f}×"
                    if fa and fb:
                        gc += f", fastest runs {min(fb) / min(fa):.2f}×"
                    check(g <= 4.5, f"{cmd} {lang} -j{j}: x16 → x64 takes {g:.2f}× the time (≤ 4.5×{gc})")

    # Memory that does not grow with the number of documents: the largest set's peak RSS against
    # the next smaller one's (4× the files), without --outlets, within 10% (the pre-scan keeps 8
    # bytes a file of dates, bounded; nothing else a file).
    for lang in langs:
        mem = sorted((m for m in memory if m["lang"] == lang and m["rss_mb"]), key=lambda m: m["size"])
        if len(mem) >= 2:
            a, b = mem[-2], mem[-1]
            with_table = [by.get((lang, m["size"], "mentions", 1)) for m in (a, b)]
            note = ""
            if all(w and w["rss_mb"] for w in with_table):
                note = (f"; with the --outlets table of a row a file {with_table[0]['rss_mb']:.0f} → "
                        f"{with_table[1]['rss_mb']:.0f} MB")
            check(b["rss_mb"] <= 1.10 * a["rss_mb"],
                  f"mentions {lang} memory: x{a['size']} → x{b['size']} ({b['docs'] / a['docs']:.0f}× the documents) "
                  f"peak RSS {a['rss_mb']:.0f} → {b['rss_mb']:.0f} MB without --outlets (≤ +10%{note})")
        for m in memory:
            if m["lang"] == lang and m["status"] != "ok":
                check(False, f"mentions {lang} x{m['size']} memory run: {m['status']}")

    sets = []
    descs = settings.get("lang_desc", {})
    for lang in langs:
        sizes = [r for r in rows if r["lang"] == lang and r["cmd"] == rows[0]["cmd"] and r["j"] == rows[0]["j"]]
        if sizes:
            sets.append(f"{lang} = {descs.get(lang, lang)}; " +
                        ", ".join(f"x{r['size']}: {r['docs']} docs / {r['mb']:.0f} MB" for r in sizes))
    lines_out = [
        f"## {info['date']} — commit {info['commit']}",
        "",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['mem_gb']} GB RAM, Linux {info['kernel']}; "
        f"load average {info['load_start']:.2f} at start, {info['load_end']:.2f} at end",
        f"- Binary: `{settings.get('claims', 'claims')}` (Release); floor: {info['rg']} "
        f"`rg -j J -c '{QUOTE_PATTERN}' --no-ignore`",
        "- Corpus: " + " | ".join(sets),
        f"- Runs: median of {settings.get('runs_small')} (sizes < x{settings.get('large_from')}) or "
        f"{settings.get('runs_large')} (larger), in rounds that run every size of the group once "
        f"(so that x16 and x64 share the machine's speed windows); time limit {settings.get('timeout', 0):g} s per run; output to /dev/null; `--format jsonl -q --stats --outlets`",
        "- MB = 10^6 bytes of input; peak RSS is the largest of the runs; CPU s = user + system (median), sys s its system part "
        "(the kernel's: page faults, file and output system calls), page faults the minor faults (median); "
        "others' CPUs = CPUs busy with other processes during the run (median; from /proc/stat): "
        "above ~0.3 on a 2-CPU machine the -j2 figures are contended",
    ]
    pairs = [r for r in rows if r.get("pair_wall")]
    if pairs:
        lines_out.append(
            "- Control: once a round, two `-j1` runs of each command at once, each over the whole set (processes "
            "that share nothing); the -j2 speed-up lines give the throughput the two got against one alone, in the "
            "same rounds: what this machine's two cores gave in that window. Median wall s of the two: "
            + "; ".join(f"{r['cmd']} {r['lang']} x{r['size']} {fmt(r['pair_wall'])} (one alone {fmt(r['wall'])})"
                        for r in pairs))
    if memory:
        lines_out.append(
            "- Memory: beside the table's runs, one `mentions -j1 --format jsonl -q` run a large set without "
            "`--outlets` (whose table has a row a file), for the check that memory does not grow with the "
            "documents: " + "; ".join(f"{m['lang']} x{m['size']} {fmt(m['rss_mb'], 0)} MB" for m in memory))
    others = [r.get("others") for r in rows if r.get("others") is not None]
    if others and statistics.median(others) > 0.3:
        lines_out.append(
            f"- **Busy machine**: other processes kept a median {statistics.median(others):.2f} CPUs busy "
            "during the runs. Wall times, MB/s and the -j2 speed-ups are inflated by that contention; "
            "CPU s and MB per CPU-s are the figures to compare.")
    lines_out += [
        "",
        table,
        "",
        "Targets:",
        "",
    ] + [f"- {c}" for c in checks] + [""]
    text = "\n".join(lines_out)
    print(text)
    if results_path:
        new = not os.path.exists(results_path)
        with open(results_path, "a", encoding="utf-8") as f:
            if new:
                f.write("# claims benchmark results\n\nAppended by `bash bench/run.sh` (see bench/README.md). "
                        "Newest last.\n\n")
            f.write(text + "\n")
        log(f"measure: appended to {results_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
