#!/usr/bin/env python3
"""Validate data/gazetteer/{places,orgs,people,laws}.tsv.

Checks (any ERROR makes the exit status 1):
  * UTF-8, no CR, no trailing whitespace, TAB-separated, at most 4 columns
  * non-empty canonical, known subtype for the file
  * aliases: no empty alias, no surrounding spaces, language tag only @id/@en,
    alias not equal to its own canonical, no lower-case-initial alias in
    people.tsv except after a name particle (al-, von, bin...), at least 2 characters
  * no surface form (canonical or alias, compared case-folded with hyphen ==
    space) listed twice in one file, unless the two uses are tagged for
    different languages (@id vs @en)
  * a small list of risky ordinary words must carry a language tag
  * people.tsv roles: 'role:Target' from the fixed role list, Target is a
    canonical name in places.tsv or orgs.tsv
  * orgs.tsv / laws.tsv extra: empty or a canonical name from places.tsv/orgs.tsv
  * places.tsv extra (demonyms) only on country/territory lines, no tags
Cross-file repeats are reported as warnings only (use --strict to fail).
Standard library only.  Usage: python3 tools/gazetteer/check.py [--strict] [DIR]
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "data", "gazetteer"))

SUBTYPES = {
    "places": {"country", "capital", "city", "region", "territory", "continent"},
    "orgs": {"org", "gov", "party", "military", "agency", "wire", "media",
             "company", "intl", "court"},
    "people": {"person"},
    "laws": {"treaty", "law", "constitution", "convention", "agreement"},
}
ROLES = {"president", "vice president", "prime minister", "leader", "king",
         "chancellor", "foreign minister", "defence minister", "spokesperson",
         "secretary-general", "head"}
# Ordinary words (EN or ID) that must never be an untagged alias in any file.
RISKY_ANY = {"may", "will", "bill", "grace", "hope", "nice", "male", "reading",
             "mobile", "split", "serang", "bone", "batu", "metro", "kudus",
             "sale", "bath", "lens", "said", "sun", "mark", "us", "it", "an",
             "apple pie", "jersey", "swiss", "solo", "china town"}
# Words that are fine as places but must not be person aliases.
RISKY_PERSON = {"georgia", "jordan", "chad", "israel", "paris", "sydney",
                "victoria", "austin", "florence", "charlotte", "madison",
                "lincoln", "jackson", "may", "will", "bill", "mark"}
TAG = re.compile(r"@(id|en)$")
# name particles that may start a lower-case person alias (al-Sharaa, von der Leyen)
PARTICLE = re.compile(r"(al|el|ad|as|ash|at|az|bin|ibn|von|van|de|da|di|du|der|den|le|la)[- ]")


def split_tag(a):
    m = TAG.search(a)
    return (a[:m.start()], m.group(1)) if m else (a, None)


def norm(s):
    return re.sub(r"[\s\-]+", " ", s).strip().casefold()


class Checker:
    def __init__(self, d, strict):
        self.d, self.strict = d, strict
        self.errors = self.warnings = 0
        self.canon = {}   # file -> set of canonical names
        self.rows = {}    # file -> list of (lineno, cols)

    def err(self, f, ln, msg):
        self.errors += 1
        print(f"ERROR {f}.tsv:{ln}: {msg}")

    def warn(self, f, ln, msg):
        self.warnings += 1
        print(f"warning {f}.tsv:{ln}: {msg}")

    def load(self, name):
        path = os.path.join(self.d, name + ".tsv")
        rows = []
        try:
            raw = open(path, "rb").read()
        except OSError as e:
            self.err(name, 0, f"cannot read: {e}")
            self.rows[name], self.canon[name] = [], set()
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.err(name, 0, f"not UTF-8: {e}")
            text = raw.decode("utf-8", "replace")
        if text.startswith("\ufeff"):
            self.err(name, 1, "byte-order mark")
        for ln, line in enumerate(text.split("\n"), 1):
            if "\r" in line:
                self.err(name, ln, "carriage return")
                line = line.replace("\r", "")
            if not line.strip() or line.startswith("#"):
                continue
            if line != line.rstrip():
                self.err(name, ln, "trailing whitespace")
            cols = line.rstrip().split("\t")
            if len(cols) > 4:
                self.err(name, ln, f"{len(cols)} columns (max 4)")
            cols = (cols + ["", "", "", ""])[:4]
            rows.append((ln, cols))
        self.rows[name] = rows
        self.canon[name] = {c[0] for _, c in rows}

    def check_file(self, name):
        seen = {}  # norm form -> list of (lang, ln, canonical)
        for ln, (canon, subtype, aliases, extra) in self.rows[name]:
            if not canon.strip():
                self.err(name, ln, "empty canonical")
                continue
            if canon != canon.strip() or "  " in canon:
                self.err(name, ln, f"stray spaces in canonical {canon!r}")
            if TAG.search(canon) or "|" in canon:
                self.err(name, ln, f"canonical may not carry a tag or '|': {canon!r}")
            if subtype not in SUBTYPES[name]:
                self.err(name, ln, f"unknown subtype {subtype!r} for {canon}")
            forms = [(canon, None, True)]
            if aliases:
                for a in aliases.split("|"):
                    if not a:
                        self.err(name, ln, f"empty alias in {canon}")
                        continue
                    if a != a.strip():
                        self.err(name, ln, f"stray spaces around alias {a!r}")
                    if "@" in a and not TAG.search(a):
                        self.err(name, ln, f"bad language tag in {a!r}")
                    form, lang = split_tag(a.strip())
                    if len(form) < 2:
                        self.err(name, ln, f"alias too short: {a!r}")
                    if norm(form) == norm(canon) and lang is None:
                        self.err(name, ln, f"alias repeats canonical: {a!r}")
                    if (name == "people" and form[:1].islower()
                            and not PARTICLE.match(form)):
                        self.err(name, ln, f"lower-case alias in people.tsv: {a!r}")
                    forms.append((form, lang, False))
            for form, lang, is_canon in forms:
                k = norm(form)
                if lang is None and k in RISKY_ANY:
                    self.err(name, ln, f"risky ordinary word {form!r} needs @id/@en or removal")
                if name == "people" and k in RISKY_PERSON:
                    self.err(name, ln, f"{form!r} is too ambiguous as a person alias")
                exact = (re.sub(r"[\s\-]+", " ", form), lang)
                for olang, oln, ocanon, oexact in seen.get(k, []):
                    if oln == ln and ocanon == canon:
                        # same entry: only an exact repeat is an error (an
                        # acronym 'ANTARA' next to 'Antara@en' is deliberate)
                        if oexact == exact or (lang == olang and not form.isupper()
                                               and not oexact[0].isupper()):
                            self.err(name, ln, f"{form!r} listed twice in {canon}")
                    elif lang is None or olang is None or lang == olang:
                        self.err(name, ln, f"{form!r} ({canon}) already used on line {oln} ({ocanon})")
                seen.setdefault(k, []).append((lang, ln, canon, exact))
            self.check_extra(name, ln, canon, subtype, extra)
        return seen

    def check_extra(self, name, ln, canon, subtype, extra):
        if not extra:
            return
        items = extra.split("|")
        if any(not i or i != i.strip() for i in items):
            self.err(name, ln, f"empty item or stray space in extra of {canon}")
        if name == "places":
            if subtype not in ("country", "territory"):
                self.err(name, ln, f"demonyms only on country/territory lines ({canon})")
            for i in items:
                if TAG.search(i) or ":" in i:
                    self.err(name, ln, f"bad demonym {i!r}")
        elif name == "people":
            seen = set()
            for i in items:
                m = re.fullmatch(r"([a-z][a-z -]*[a-z]):(\S.*\S|\S)", i)
                if not m:
                    self.err(name, ln, f"role not 'role:Target': {i!r}")
                    continue
                role, target = m.groups()
                if role not in ROLES:
                    self.err(name, ln, f"unknown role {role!r} in {canon}")
                if target not in self.canon.get("places", set()) | self.canon.get("orgs", set()):
                    self.err(name, ln, f"role target {target!r} is not a canonical name in places/orgs")
                if i in seen:
                    self.err(name, ln, f"role {i!r} repeated")
                seen.add(i)
        else:
            for i in items:
                if i not in self.canon.get("places", set()) | self.canon.get("orgs", set()):
                    self.err(name, ln, f"extra {i!r} is not a canonical name in places/orgs")

    def run(self):
        for n in SUBTYPES:
            self.load(n)
        forms = {}
        for n in SUBTYPES:
            seen = self.check_file(n)
            for k, uses in seen.items():
                for lang, ln, canon, _ in uses:
                    forms.setdefault(k, []).append((n, lang, ln, canon))
        for k, uses in sorted(forms.items()):
            files = {u[0] for u in uses}
            if len(files) > 1:
                desc = "; ".join(f"{f}.tsv:{ln} {c}" + (f"@{l}" if l else "")
                                 for f, l, ln, c in uses)
                if self.strict:
                    self.err("(cross)", 0, f"{k!r} in several files: {desc}")
                else:
                    self.warnings += 1
                    print(f"warning cross-file: {k!r}: {desc}")
        counts = ", ".join(f"{n}={len(self.rows[n])}" for n in SUBTYPES)
        print(f"{counts}; {self.errors} error(s), {self.warnings} warning(s)")
        return 1 if self.errors else 0


def main():
    args = [a for a in sys.argv[1:] if a != "--strict"]
    d = args[0] if args else DEFAULT_DIR
    sys.exit(Checker(d, "--strict" in sys.argv[1:]).run())


if __name__ == "__main__":
    main()
