#!/usr/bin/env python3
"""Makes a replicated benchmark set: N copies of prepared corpora, each copy a different outlet.

  replicate.py --prepared DIR --copies N --out SET CORPUS...

For k = 0 .. N-1, SET/outlet-kk/<corpus>/<path> is a hard link (a copy when links fail) to
DIR/<corpus>/<path>. SET.outlets.tsv gives every file, keyed as `claims` sees it when run from SET
with the outlet folders as arguments (outlet-kk/<corpus>/<path>), its outlet renamed
"<outlet>-kk", and its date and URL. SET.json records the counts (documents, bytes, outlets).
An existing SET is reused when SET.json says it was made from the same inputs.
Standard library only.
"""

import argparse
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_lib  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="+", metavar="CORPUS")
    ap.add_argument("--prepared", required=True, help="folder written by prepare.py")
    ap.add_argument("--copies", type=int, required=True)
    ap.add_argument("--out", required=True, help="the set's folder")
    ap.add_argument("--copy", action="store_true", help="copy files instead of hard-linking them")
    args = ap.parse_args(argv)
    if args.copies < 1:
        ap.error("--copies must be at least 1")

    files = []  # (corpus, relpath, outlet, date, url, size)
    for name in args.corpora:
        src = os.path.join(args.prepared, name)
        tsv = os.path.join(args.prepared, name + ".outlets.tsv")
        if not os.path.isdir(src) or not os.path.exists(tsv):
            print(f"replicate: {src}: not prepared (run prepare.py first)", file=sys.stderr)
            return 2
        meta = corpus_lib.read_outlets_tsv(tsv)
        for key in sorted(meta, key=lambda k: k.encode("utf-8")):
            rel = key[len(name) + 1:] if key.startswith(name + "/") else key
            outlet, date, url = meta[key]
            size = os.path.getsize(os.path.join(src, *rel.split("/")))
            files.append((name, rel, outlet, date, url, size))

    stamp = args.out.rstrip("/") + ".json"
    want = {"corpora": args.corpora, "copies": args.copies,
            "documents": len(files) * args.copies, "bytes": sum(f[5] for f in files) * args.copies,
            "outlet_folders": [f"outlet-{k:02d}" for k in range(args.copies)],
            # when a corpus is prepared again, its files are new: the links must be made again
            "prepared": {n: os.path.getmtime(os.path.join(args.prepared, n + ".outlets.tsv"))
                         for n in args.corpora}}
    if os.path.exists(stamp) and os.path.isdir(args.out):
        try:
            with open(stamp, encoding="utf-8") as f:
                have = json.load(f)
            if all(have.get(k) == v for k, v in want.items()):
                print(f"replicate: {args.out}: up to date", file=sys.stderr)
                return 0
        except (OSError, ValueError):
            pass
    if os.path.exists(args.out):
        shutil.rmtree(args.out)

    os.makedirs(args.out, exist_ok=True)
    linked = not args.copy
    with open(args.out.rstrip("/") + ".outlets.tsv", "w", encoding="utf-8") as tsv:
        for k in range(args.copies):
            folder = f"outlet-{k:02d}"
            for name, rel, outlet, date, url, _ in files:
                src = os.path.join(args.prepared, name, *rel.split("/"))
                dest = os.path.join(args.out, folder, name, *rel.split("/"))
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                if linked:
                    try:
                        os.link(src, dest)
                    except OSError:
                        linked = False
                if not linked:
                    shutil.copyfile(src, dest)
                tsv.write("\t".join([f"{folder}/{name}/{rel}", f"{outlet}-{k:02d}", date or "", url or ""]) + "\n")
    want["linked"] = linked
    with open(stamp, "w", encoding="utf-8") as f:
        json.dump(want, f, indent=1)
    print(f"replicate: {args.out}: {want['documents']} documents, {want['bytes'] / 1e6:.1f} MB "
          f"({'hard links' if linked else 'copies'})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
