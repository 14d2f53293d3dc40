#!/usr/bin/env python3
"""Regenerate the country/territory block of data/gazetteer/places.tsv.

Sources (Debian package `iso-codes`):
  /usr/share/iso-codes/json/iso_3166-1.json           English names
  /usr/share/locale/id/LC_MESSAGES/iso_3166-1.mo      Indonesian names (gettext)
plus the hand-kept overrides in tools/gazetteer/countries.tsv (news canonical
name, subtype, extra aliases, demonyms).

Only the lines between '# BEGIN iso-codes' and '# END iso-codes' in places.tsv
are rewritten; everything else in the file (hand-written cities, regions...) is
left untouched.  If the markers are missing, the block is inserted at the top.

Usage: python3 tools/gazetteer/gen_countries.py [--iso-dir DIR] [--locale-dir DIR]
                                                [--places PATH] [--stdout]
Standard library only.
"""
import argparse
import gettext
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BEGIN = "# BEGIN iso-codes"
END = "# END iso-codes"

# ISO forms that are inverted catalogue names ("Korea, Republic of") or not
# news surface forms; such forms are never emitted as aliases.
INVERTED = re.compile(
    r",\s*(the\s|The\s|Republic|Islamic|Plurinational|Bolivarian|Democratic|"
    r"United Republic|Federated|Province|State of|Republik|Negara|Provinsi|"
    r"Wilayah|A\.S\.|Federasi|Islam\b|Daerah|British|U\.S\.)")


def norm(s):
    """Key used to compare aliases: case-folded, hyphen == space."""
    s = s.split("@")[0] if re.search(r"@(id|en)$", s) else s
    return re.sub(r"[\s\-]+", " ", s).strip().casefold()


def clean(name):
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return name


def load_overrides(path):
    rows = {}
    order = []
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) > 5:
                sys.exit(f"{path}:{ln}: more than 5 columns")
            cols += [""] * (5 - len(cols))
            code, canon, subtype, aliases, demonyms = (c.strip() for c in cols)
            if code in rows:
                sys.exit(f"{path}:{ln}: duplicate code {code}")
            rows[code] = dict(canon=canon, subtype=subtype,
                              aliases=[a for a in aliases.split("|") if a],
                              demonyms=[d for d in demonyms.split("|") if d])
            order.append(code)
    return rows, order


def build(iso_dir, locale_dir, overrides_path):
    with open(os.path.join(iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    try:
        tr = gettext.translation("iso_3166-1", localedir=locale_dir,
                                 languages=["id"])
        _id = tr.gettext
    except OSError:
        print("warning: Indonesian iso_3166-1.mo not found; "
              "Indonesian names come only from countries.tsv", file=sys.stderr)
        _id = lambda s: s  # noqa: E731
    over, order = load_overrides(overrides_path)

    entries = []
    seen = set()
    for e in iso:
        code = e["alpha_2"]
        seen.add(code)
        o = over.get(code, dict(canon="", subtype="", aliases=[], demonyms=[]))
        if code not in over:
            print(f"warning: {code} {e['name']} has no row in countries.tsv",
                  file=sys.stderr)
        auto = []
        for key in ("common_name", "name", "official_name"):
            if e.get(key):
                auto.append(clean(e[key]))
                auto.append(clean(_id(e[key])))
        canon = o["canon"] or clean(e.get("common_name") or e["name"])
        entries.append((code, canon, o["subtype"] or "country",
                        merge(canon, auto, o["aliases"]), o["demonyms"]))
    # rows for codes that iso-codes does not have (e.g. XK Kosovo)
    for code in order:
        if code not in seen:
            o = over[code]
            if not o["canon"]:
                sys.exit(f"countries.tsv: {code} is not in iso-codes and has no canonical name")
            entries.append((code, o["canon"], o["subtype"] or "country",
                            merge(o["canon"], [], o["aliases"]), o["demonyms"]))
    entries.sort(key=lambda x: (x[2] != "country", x[1].casefold()))
    return entries


def merge(canon, auto, hand):
    """Hand aliases win; '-Form' in hand removes an automatic form."""
    drop = {norm(a[1:]) for a in hand if a.startswith("-")}
    hand = [a for a in hand if not a.startswith("-")]
    out, keys = [], {norm(canon)}
    for a in hand:
        k = norm(a)
        if k not in keys:
            keys.add(k)
            out.append(a)
    for a in auto:
        if not a or INVERTED.search(a) or "(" in a:
            continue
        k = norm(a)
        if k in keys or k in drop:
            continue
        keys.add(k)
        out.append(a)
    return out


def render(entries):
    lines = [BEGIN,
             "# Generated by tools/gazetteer/gen_countries.py from Debian iso-codes",
             "# (iso_3166-1.json + id/iso_3166-1.mo) and tools/gazetteer/countries.tsv.",
             "# Do not edit by hand: edit countries.tsv and re-run the script."]
    for code, canon, subtype, aliases, demonyms in entries:
        lines.append("\t".join([canon, subtype, "|".join(aliases),
                                "|".join(demonyms)]).rstrip("\t"))
    lines.append(END)
    return lines


def splice(path, block):
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            old = f.read().split("\n")
    else:
        old = []
    if old and old[-1] == "":
        old = old[:-1]
    try:
        b = old.index(BEGIN)
        e = old.index(END, b)
        new = old[:b] + block + old[e + 1:]
    except ValueError:
        head = [l for l in old[:1] if l.startswith("#")]
        new = head + block + [""] + old[len(head):]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(new) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    ap.add_argument("--locale-dir", default="/usr/share/locale")
    ap.add_argument("--overrides", default=os.path.join(HERE, "countries.tsv"))
    ap.add_argument("--places", default=os.path.join(ROOT, "data", "gazetteer", "places.tsv"))
    ap.add_argument("--stdout", action="store_true", help="print the block only")
    a = ap.parse_args()
    block = render(build(a.iso_dir, a.locale_dir, a.overrides))
    if a.stdout:
        print("\n".join(block))
    else:
        splice(a.places, block)
        print(f"wrote {len(block) - 5} country/territory lines into {a.places}")


if __name__ == "__main__":
    main()
