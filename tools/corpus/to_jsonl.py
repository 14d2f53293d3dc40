#!/usr/bin/env python3
"""JSON Lines writer: one article per line, {"id","outlet","date","url","text"}, the streaming input
planned for `claims mentions --input jsonl -`.

  to_jsonl.py FOLDER [--outlets TSV] [--key-prefix P] [-o FILE|-]
  to_jsonl.py --corpus NAME [--corpus-root DIR] [-o FILE|-]

From a folder of plain-text articles (read recursively in byte order of paths, hidden files
skipped, as `claims` reads folders), with outlet, date and URL from an outlets TSV
(path<TAB>outlet<TAB>date<TAB>url, looked up by P + path relative to FOLDER, then by file name);
without one the outlet is the first folder under FOLDER. Or straight from a shared corpus.
id is the path relative to FOLDER without its extension. Unknown date or URL is null.
Standard library only.
"""

import argparse
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_lib  # noqa: E402
from prepare import default_corpus_root  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--outlets", help="outlets TSV for the folder")
    ap.add_argument("--key-prefix", default="", help="prefix of the TSV keys before the relative path")
    ap.add_argument("--corpus", choices=corpus_lib.CORPORA, help="read a shared corpus instead of a folder")
    ap.add_argument("--corpus-root", default=default_corpus_root())
    ap.add_argument("--dedupe-bbc", action="store_true")
    ap.add_argument("-o", "--output", default="-", help="output file, - for standard output (default)")
    args = ap.parse_args(argv)
    if bool(args.folder) == bool(args.corpus):
        ap.error("give either FOLDER or --corpus NAME")
    if args.corpus:
        articles = corpus_lib.read_corpus(args.corpus, args.corpus_root, args.dedupe_bbc)
    else:
        if not os.path.isdir(args.folder):
            print(f"to_jsonl: {args.folder}: no such folder", file=sys.stderr)
            return 2
        articles = corpus_lib.read_folder(args.folder, args.outlets, args.key_prefix)
    n, b = corpus_lib.write_jsonl(articles, args.output)
    print(f"to_jsonl: {n} articles, {b / 1e6:.1f} MB of text", file=sys.stderr)
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet exit when piped into head
    sys.exit(main())
