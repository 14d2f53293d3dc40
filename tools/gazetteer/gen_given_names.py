#!/usr/bin/env python3
"""Regenerate data/given-names.tsv, the given names of the names stage (src/names.cc).

Sources, read at development time only (nothing is downloaded at build time):
  - the first-name lists of @faker-js/faker 10.6.0 (MIT licence): a folder holding the npm
    package (`npm pack @faker-js/faker@10.6.0 && tar xzf faker-js-faker-10.6.0.tgz`), read
    with node;
  - Debian's wamerican (/usr/share/dict/american-english): names that are also lower-case English
    words are left out, unless KEEP_ENGLISH says they are chiefly names;
  - Debian's hunspell-id (/usr/share/hunspell/id_ID.dic): names of the languages other than
    English and Indonesian that are Indonesian words are left out, unless KEEP_INDONESIAN says
    they are chiefly names.

Usage: python3 tools/gazetteer/gen_given_names.py --faker DIR [--out data/given-names.tsv]
Standard library and node only.
"""
import argparse
import json
import os
import subprocess
import sys
import unicodedata

# faker locales whose first names are kept: English and Indonesian, and the languages of people
# in international news written in Latin script.
BASE_LOCALES = ["fakerEN", "fakerID_ID"]
OTHER_LOCALES = [
    "fakerFR", "fakerFR_BE", "fakerFR_CH", "fakerFR_SN", "fakerDE", "fakerDE_AT", "fakerDE_CH",
    "fakerES", "fakerES_MX", "fakerIT", "fakerPT_BR", "fakerPT_PT", "fakerNL", "fakerNL_BE",
    "fakerPL", "fakerCS_CZ", "fakerSK", "fakerHR", "fakerSR_RS_latin", "fakerSL_SI", "fakerRO",
    "fakerRO_MD", "fakerHU", "fakerSV", "fakerDA", "fakerNB_NO", "fakerFI", "fakerTR",
    "fakerEN_IN", "fakerEN_NG", "fakerYO_NG", "fakerEN_GH", "fakerAF_ZA", "fakerEN_ZA",
    "fakerZU_ZA", "fakerEN_AU",
]
# Lower-case English words that are chiefly names.
KEEP_ENGLISH = set("""Barney Bill Billy Bob Bobby Bonnie Brad Carol Chad Colleen Dale Dean Derrick
Don Drew Earl Felicity Frank Gene Glen Grant Hank Harry Heather Hector Homer Jack Jasmine Jasper
Jay Jimmy John Josh Ken Lee Maria Mark Martin Matt Max Mike Miles Nick Noel Pat Patty Peter
Phoebe Randy Ray Rick Robin Rod Roger Sally Sandy Sherry Sue Terry Tom Tony Troy Victor Wade
Warren""".split())
# Indonesian words that are chiefly names (of the other languages' names).
KEEP_INDONESIAN = set("""Abidin Amin Ananda Anang Anis Arif Aziz Bilal Burak Burhan Habib Jalil
Kamil Karel Karim Kenan Leonid Luka Maksim Mesut Muhsin Nazim Rahim Remi Salim Sami Tahir Tarik
Valeria Xenia Lars Isak Maja Dominika Pilar Soren Radu Rayan Kornel""".split())

HEADER = """\
# Given names: a capitalised run of two to four name words that starts with one of these is a
# person's name (src/names.cc, rule name:given-name), in every language. One name a line.
# Source: the first-name lists of @faker-js/faker 10.6.0 (MIT licence,
# https://github.com/faker-js/faker) for English and Indonesian (id_ID), and for the languages of
# names common in international news written in Latin script: French, German, Spanish, Italian,
# Portuguese, Dutch, Polish, Czech, Slovak, Croatian, Serbian, Slovenian, Romanian, Hungarian,
# Swedish, Danish, Norwegian, Finnish, Turkish, and English of Australia, India, Ghana, Nigeria
# and South Africa (with Yoruba and Zulu). Left out: names of fewer than three letters or with a
# space; names that are also lower-case English words (Debian's wamerican word list) unless they
# are chiefly names (Bill, Mark, Jack, Harry, Tom ...): Hope, Grace, Chase, Amber, King are not;
# and names from the other languages that are Indonesian words (Debian's hunspell-id: Islam, Bek,
# Hakim, Timur, Maksud), unless they are chiefly names (Karim, Salim, Mesut, Luka ...).
# A name that is a word of a language's stopword, notname, month, title, role ... classes
# (words.tsv) is no name candidate in that language (Dan, Tim and Hari in Indonesian).
"""

DUMP = """
const F = await import(process.argv[1]);
const out = {};
for (const [k, f] of Object.entries(F)) {
  if (!k.startsWith('faker') || typeof f !== 'object' || !f.rawDefinitions) continue;
  const p = f.rawDefinitions.person;
  if (!p || !p.first_name) continue;
  let all = [];
  for (const g of Object.values(p.first_name)) if (Array.isArray(g)) all = all.concat(g);
  out[k] = all;
}
console.log(JSON.stringify(out));
"""


def faker_names(folder):
    index = os.path.abspath(os.path.join(folder, "package", "dist", "index.js"))
    if not os.path.exists(index):
        index = os.path.abspath(os.path.join(folder, "dist", "index.js"))
    out = subprocess.run(["node", "--input-type=module", "-e", DUMP, "file://" + index],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def lower_words(path, sep=None):
    words = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.strip().split(sep)[0] if sep else line.strip()
            if w and w.islower():
                words.add(w)
    return words


def latin_name(n):
    if " " in n or len(n) < 3 or not n[0].isupper():
        return False
    for c in n:
        if c.isalpha():
            if "LATIN" not in unicodedata.name(c, ""):
                return False
        elif c not in "-'":
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--faker", required=True, help="folder of the @faker-js/faker npm package")
    ap.add_argument("--english", default="/usr/share/dict/american-english")
    ap.add_argument("--indonesian", default="/usr/share/hunspell/id_ID.dic")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "data",
                                                  "given-names.tsv"))
    args = ap.parse_args()
    lists = faker_names(args.faker)
    english = lower_words(args.english)
    indonesian = lower_words(args.indonesian, "/")
    names = set()
    for loc in BASE_LOCALES:
        for n in lists[loc]:
            if len(n) >= 3 and n.isalpha() and (n.lower() not in english or n in KEEP_ENGLISH):
                names.add(n)
    for loc in OTHER_LOCALES:
        for n in lists.get(loc, []):
            if not latin_name(n) or n in names:
                continue
            if n.lower() in english and n not in KEEP_ENGLISH:
                continue
            if n.lower() in indonesian and n not in KEEP_INDONESIAN:
                continue
            names.add(n)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("\n".join(sorted(names)) + "\n")
    print(f"{args.out}: {len(names)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
