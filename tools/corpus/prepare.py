#!/usr/bin/env python3
"""Turns the shared corpora into inputs for `claims`.

  prepare.py [--corpus-root DIR] [--out DIR] [--format dir|jsonl|both] [--dedupe-bbc] CORPUS...
  prepare.py --list [--corpus-root DIR] CORPUS...

CORPUS is bbc-news, indosum-dev or detik-2025-summ (default: all three). With --format dir (the
default) each corpus becomes OUT/<corpus>/... (plain-text articles) and OUT/<corpus>.outlets.tsv,
whose keys are paths as `claims` sees them when run from OUT:

  cd OUT && claims extract --outlets bbc-news.outlets.tsv bbc-news

With --format jsonl it becomes OUT/<corpus>.jsonl, one {"id","outlet","date","url","text"} per line.
--list prints each article's id, outlet, date, bytes and relative path instead of writing.
A summary (articles, bytes) goes to standard error; OUT/<corpus>.json records it for scripts.
Standard library only.
"""

import argparse
import json
import os
import shutil
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_lib  # noqa: E402


def default_corpus_root():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "corpus"))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", default=list(corpus_lib.CORPORA), metavar="CORPUS")
    ap.add_argument("--corpus-root", default=default_corpus_root(),
                    help="folder holding the corpora (default: ../shared/corpus beside the repository)")
    ap.add_argument("--out", default="bench/out/corpus", help="output folder (default: %(default)s)")
    ap.add_argument("--format", choices=("dir", "jsonl", "both"), default="dir")
    ap.add_argument("--dedupe-bbc", action="store_true",
                    help="leave out bbc-news files whose bytes repeat an earlier file")
    ap.add_argument("--list", action="store_true", help="list the articles; write nothing")
    args = ap.parse_args(argv)

    for name in args.corpora:
        if name not in corpus_lib.CORPORA:
            ap.error(f"unknown corpus {name!r}; expected one of {', '.join(corpus_lib.CORPORA)}")
        if not os.path.isdir(os.path.join(args.corpus_root, name)):
            print(f"prepare: {os.path.join(args.corpus_root, name)}: no such folder", file=sys.stderr)
            return 2

    if args.list:
        for name in args.corpora:
            for a in corpus_lib.read_corpus(name, args.corpus_root, args.dedupe_bbc):
                print("\t".join([a.id, a.outlet, a.date or "", str(len(a.text.encode("utf-8"))),
                                 f"{name}/{a.relpath}"]))
        return 0

    os.makedirs(args.out, exist_ok=True)
    for name in args.corpora:
        summary = {"corpus": name, "source": os.path.join(args.corpus_root, name)}
        if args.format in ("dir", "both"):
            dest = os.path.join(args.out, name)
            if os.path.exists(dest):
                shutil.rmtree(dest)
            n, b = corpus_lib.write_folder(corpus_lib.read_corpus(name, args.corpus_root, args.dedupe_bbc),
                                           dest, os.path.join(args.out, name + ".outlets.tsv"),
                                           key_prefix=name + "/")
            summary.update(articles=n, bytes=b, folder=dest)
        if args.format in ("jsonl", "both"):
            path = os.path.join(args.out, name + ".jsonl")
            n, b = corpus_lib.write_jsonl(corpus_lib.read_corpus(name, args.corpus_root, args.dedupe_bbc), path)
            summary.update(articles=n, bytes=b, jsonl=path)
        with open(os.path.join(args.out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=1)
        print(f"prepare: {name}: {summary['articles']} articles, {summary['bytes'] / 1e6:.1f} MB of text",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet exit when piped into head
    sys.exit(main())
