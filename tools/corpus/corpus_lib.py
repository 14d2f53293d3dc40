"""Readers for the shared news corpora and writers for the two input forms of `claims`.

Standard library only. Every reader yields Article records; the writers turn them into
  - a folder of plain-text articles plus an outlets TSV (the `claims --outlets FILE` format:
    path<TAB>outlet<TAB>date<TAB>url), or
  - JSON Lines, one article per line: {"id", "outlet", "date", "url", "text"} (the streaming
    input planned for `claims mentions --input jsonl -`); unknown date or url is null.

Corpora (see /work/shared/corpus/*/README.md):
  bbc-news         <topic>/<NNN>.txt, already plain text (headline, blank line, body).
  indosum-dev      dev.0X.jsonl.gz, tokenised paragraphs; tokens are joined with spaces and
                   paragraphs with newlines; the folds overlap, so articles are deduplicated by id.
  detik-2025-summ  data_berita.csv.gz, title `judul`, body `isi_berita`, URL `tautan`, date
                   `tanggal` (M/D/YYYY H:MM); rows are deduplicated by URL.
"""

import csv
import datetime
import gzip
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

CORPORA = ("bbc-news", "indosum-dev", "detik-2025-summ")


@dataclass
class Article:
    id: str            # unique within its corpus
    relpath: str       # where the folder writer puts it, relative to the corpus folder, "/"-separated
    outlet: str
    text: str
    date: Optional[str] = None  # YYYY-MM-DD
    url: Optional[str] = None


def _slug(s: str, limit: int = 80) -> str:
    s = re.sub(r"[^A-Za-z0-9._-]+", "-", s.strip().lower()).strip("-.")
    return (s or "x")[:limit]


# --- bbc-news -------------------------------------------------------------------------------

def read_bbc(root: str, dedupe: bool = False) -> Iterator[Article]:
    """Every <topic>/<NNN>.txt in byte order of its path. With dedupe, the second of two files
    with identical bytes is left out (98 such pairs are known)."""
    seen = set()
    for topic in sorted(os.listdir(root)):
        tdir = os.path.join(root, topic)
        if not os.path.isdir(tdir) or topic.startswith("."):
            continue
        for name in sorted(os.listdir(tdir)):
            if not name.endswith(".txt") or name.startswith("."):
                continue
            with open(os.path.join(tdir, name), "rb") as f:
                raw = f.read()
            if dedupe:
                if raw in seen:
                    continue
                seen.add(raw)
            text = raw.decode("utf-8", errors="replace")
            stem = name[:-4]
            yield Article(id=f"bbc-{topic}-{stem}", relpath=f"{topic}/{name}", outlet="BBC News",
                          text=text)


# --- indosum-dev ----------------------------------------------------------------------------

def _indosum_date(article_id: str) -> Optional[str]:
    """IndoSum ids start with a Unix timestamp ("1490674536-mustahil-...")."""
    m = re.match(r"(\d{9,10})-", article_id)
    if not m:
        return None
    try:
        return datetime.datetime.fromtimestamp(int(m.group(1)), datetime.timezone.utc).strftime("%Y-%m-%d")
    except (OverflowError, OSError, ValueError):
        return None


def indosum_text(record: dict) -> str:
    """Tokens joined with spaces (sentences of a paragraph too), paragraphs with newlines."""
    paras = []
    for para in record.get("paragraphs") or []:
        sents = [" ".join(tok for tok in sent) for sent in para]
        line = " ".join(s for s in sents if s)
        if line:
            paras.append(line)
    return "\n".join(paras) + "\n"


def read_indosum(root: str) -> Iterator[Article]:
    """dev.01 ... dev.05 in order; the first record of each id wins."""
    seen = set()
    files = sorted(f for f in os.listdir(root) if re.match(r"dev\.\d+\.jsonl(\.gz)?$", f))
    for fname in files:
        path = os.path.join(root, fname)
        opener = gzip.open if fname.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    print(f"{path}:{lineno}: skipped, not JSON: {e}", file=sys.stderr)
                    continue
                aid = str(rec.get("id", "")).strip()
                if not aid or aid in seen:
                    continue
                seen.add(aid)
                source = (rec.get("source") or "unknown").strip()
                yield Article(id=aid, relpath=f"{_slug(source)}/{_slug(aid, 120)}.txt", outlet=source,
                              text=indosum_text(rec), date=_indosum_date(aid),
                              url=(rec.get("source_url") or None))


# --- detik-2025-summ ------------------------------------------------------------------------

def _detik_date(s: str) -> Optional[str]:
    m = re.match(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})", s or "")
    if not m:
        return None
    mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None


def read_detik(root: str) -> Iterator[Article]:
    """Rows of data_berita.csv(.gz) in file order; the first row of each URL wins. Text is the
    title, a blank line, then the body (the layout of bbc-news)."""
    path = os.path.join(root, "data_berita.csv.gz")
    if not os.path.exists(path):
        path = os.path.join(root, "data_berita.csv")
    opener = gzip.open if path.endswith(".gz") else open
    csv.field_size_limit(1 << 30)
    seen = set()
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), 1):
            url = (row.get("tautan") or "").strip()
            key = url or f"row-{n}"
            if key in seen:
                continue
            seen.add(key)
            body = (row.get("isi_berita") or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
            title = (row.get("judul") or "").strip()
            text = (title + "\n\n" if title else "") + body + "\n"
            rid = (row.get("id") or "").strip() or str(n)
            yield Article(id=f"detik-{rid}", relpath=f"{_slug(rid)}.txt", outlet="detik.com", text=text,
                          date=_detik_date(row.get("tanggal") or ""), url=url or None)


def read_corpus(name: str, corpus_root: str, dedupe_bbc: bool = False) -> Iterator[Article]:
    root = os.path.join(corpus_root, name)
    if name == "bbc-news":
        return read_bbc(root, dedupe=dedupe_bbc)
    if name == "indosum-dev":
        return read_indosum(root)
    if name == "detik-2025-summ":
        return read_detik(root)
    raise ValueError(f"unknown corpus {name!r}; expected one of {', '.join(CORPORA)}")


# --- writers --------------------------------------------------------------------------------

def _tsv_field(s: Optional[str]) -> str:
    return (s or "").replace("\t", " ").replace("\n", " ").replace("\r", " ")


def write_folder(articles: Iterable[Article], out_dir: str, outlets_tsv: Optional[str] = None,
                 key_prefix: str = "") -> tuple:
    """Writes every article to out_dir/<relpath> (UTF-8, as is) and, when outlets_tsv is given, one
    line `key_prefix + relpath<TAB>outlet<TAB>date<TAB>url` per article. Returns (count, bytes)."""
    count = total = 0
    tsv = open(outlets_tsv, "w", encoding="utf-8") if outlets_tsv else None
    try:
        for a in articles:
            dest = os.path.join(out_dir, *a.relpath.split("/"))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            data = a.text.encode("utf-8")
            with open(dest, "wb") as f:
                f.write(data)
            count += 1
            total += len(data)
            if tsv:
                tsv.write("\t".join([_tsv_field(key_prefix + a.relpath), _tsv_field(a.outlet),
                                     _tsv_field(a.date), _tsv_field(a.url)]) + "\n")
    finally:
        if tsv:
            tsv.close()
    return count, total


def jsonl_line(a: Article) -> str:
    return json.dumps({"id": a.id, "outlet": a.outlet, "date": a.date, "url": a.url, "text": a.text},
                      ensure_ascii=False) + "\n"


def write_jsonl(articles: Iterable[Article], out) -> tuple:
    """Writes one JSON object per line to `out` (a path, "-" for stdout, or a text file object).
    Returns (count, bytes of text)."""
    own = isinstance(out, str)
    f = (sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="\n")) if own else out
    count = total = 0
    try:
        for a in articles:
            f.write(jsonl_line(a))
            count += 1
            total += len(a.text.encode("utf-8"))
    finally:
        if own and f is not sys.stdout:
            f.close()
    return count, total


def read_outlets_tsv(path: str) -> dict:
    """key -> (outlet, date, url) from an outlets TSV."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t") + ["", "", ""]
            out[cols[0]] = (cols[1], cols[2] or None, cols[3] or None)
    return out


def read_folder(folder: str, outlets_tsv: Optional[str] = None, key_prefix: str = "") -> Iterator[Article]:
    """Articles back from a folder of .txt files (recursively, byte order of paths, hidden files
    skipped as `claims` skips them), with outlet, date and URL from an outlets TSV when given
    (looked up by key_prefix + relative path, then by file name); else the outlet is the
    top-level folder's name."""
    meta = read_outlets_tsv(outlets_tsv) if outlets_tsv else {}
    paths = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for fn in filenames:
            if not fn.startswith("."):
                paths.append(os.path.relpath(os.path.join(dirpath, fn), folder).replace(os.sep, "/"))
    for rel in sorted(paths, key=lambda p: p.encode("utf-8")):
        with open(os.path.join(folder, rel), "rb") as f:
            text = f.read().decode("utf-8", errors="replace")
        m = meta.get(key_prefix + rel) or meta.get(os.path.basename(rel))
        if m:
            outlet, date, url = m
        else:
            outlet, date, url = (rel.split("/")[0] if "/" in rel else os.path.basename(folder)), None, None
        yield Article(id=os.path.splitext(rel)[0], relpath=rel, outlet=outlet, text=text, date=date, url=url)
