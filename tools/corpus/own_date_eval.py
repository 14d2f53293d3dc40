#!/usr/bin/env python3
"""How well `claims` finds each article's own date, against the publication dates a corpus gives.

  own_date_eval.py [--claims BIN] [--prepared DIR] CORPUS...

Runs `claims mentions` over each prepared corpus (made by prepare.py; CORPUS is indosum-dev or
detik-2025-summ, whose outlets TSV holds each article's date) without the dates, so that every
article's date is the one `claims` finds in its text, and compares it with the corpus's. Prints per
corpus the articles, how many got a date of their own, and how far those are from the publication
date: the same day, 1-2 days (a report of yesterday's event, a late edition), 3-7 days, more.
An article without a date of its own takes the run's most common one: it is counted as `none`.
Exits 1 when claims fails or a corpus was not prepared. Standard library only.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_lib  # noqa: E402

BANDS = ("same day", "1-2 days", "3-7 days", "more than 7 days")


def band(days):
    if days == 0:
        return BANDS[0]
    if days <= 2:
        return BANDS[1]
    if days <= 7:
        return BANDS[2]
    return BANDS[3]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="+", metavar="CORPUS")
    ap.add_argument("--claims", default="claims", help="the claims binary (default: claims on PATH)")
    ap.add_argument("--prepared", default="bench/out/corpus",
                    help="folder prepare.py wrote (default: %(default)s)")
    args = ap.parse_args(argv)
    claims = os.path.abspath(args.claims) if os.path.sep in args.claims else args.claims
    print("corpus\tarticles\town date\t" + "\t".join(BANDS) + "\tnone")
    for corpus in args.corpora:
        tsv = os.path.join(args.prepared, corpus + ".outlets.tsv")
        try:
            meta = corpus_lib.read_outlets_tsv(tsv)
        except OSError as e:
            print(f"{tsv}: {e.strerror} (make it with prepare.py)", file=sys.stderr)
            return 1
        truth = {}
        for key, (_, date, _) in meta.items():
            if not date:
                continue
            try:
                truth[key] = datetime.date.fromisoformat(date)
            except ValueError:
                print(f"{tsv}: {key}: not a date: {date!r}", file=sys.stderr)
                return 1
        if not truth:
            print(f"{corpus}: its outlets TSV gives no dates", file=sys.stderr)
            continue
        run = subprocess.run([claims, "mentions", "--format", "jsonl", "-q", corpus],
                             cwd=args.prepared, stdout=subprocess.PIPE, check=False)
        if run.returncode != 0:
            print(f"{corpus}: claims exited with {run.returncode}", file=sys.stderr)
            return 1
        counts = dict.fromkeys(BANDS + ("none",), 0)
        articles = 0
        for line in run.stdout.splitlines():
            record = json.loads(line)
            if record.get("kind") != "document" or record["doc"] not in truth:
                continue
            articles += 1
            if not record.get("date"):
                counts["none"] += 1
                continue
            days = abs((datetime.date.fromisoformat(record["date"]) - truth[record["doc"]]).days)
            counts[band(days)] += 1
        own = articles - counts["none"]
        print("\t".join([corpus, str(articles), str(own)] + [str(counts[b]) for b in BANDS + ("none",)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
