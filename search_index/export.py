"""Export the public index for the static site.

Output (under ``out_dir``)::

    search.js            dependency-free client (query analysis, BM25, rendering)
    search.html          a minimal search page using it
    index/meta.json(.gz)   collection statistics, shard count, analysis settings
    index/s/<n>.bin.gz     postings, sharded by FNV-1a hash of the term
    index/d/<n>.json.gz    one small record per document (fetched for the top hits)
    index/kinds.json.gz    kind of every document (fetched only to filter by kind)

The index files are gzip-compressed by us (search.js inflates them), so the
bytes per query are the same on any static host.

Statistics are those FTS5's ``bm25()`` uses (row count, average row
length over both columns, document frequency, per-column term counts), so
the browser ranks exactly as ``query_index`` does. Only the public index
can be exported.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
from collections import Counter, defaultdict
from pathlib import Path

from . import querying, store
from .analysis import DEFAULT_METHOD, PREFIX_MARK, STOPWORDS, WORD_MARK, index_tokens
from .normalize import t2s_table
from .schema import BODY_WEIGHT, PUBLIC, TITLE_WEIGHT

_STATIC = Path(__file__).with_name("static")
SHARD_TARGET_BYTES = 4096
EXCERPT_CHARS = 600


def term_hash(term: str) -> int:
    """32-bit FNV-1a over the term's code points (mirrored in search.js)."""
    h = 0x811C9DC5
    for ch in term:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h


def varint(n: int) -> bytes:
    """LEB128 encoding of a non-negative integer."""
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _write_gz(path: Path, data: bytes) -> None:
    """Write gzip-compressed ``data``; search.js inflates it with DecompressionStream,
    so the saving does not depend on the web server compressing anything."""
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def _load(source) -> tuple[list[dict], str]:
    """Documents and analysis method from a doc iterable or a public index path."""
    if not isinstance(source, (str, os.PathLike)):
        return [PUBLIC.row(d) for d in source], DEFAULT_METHOD
    path = Path(source)
    directory = path / "public" if (path / "public" / "CURRENT").exists() else path
    conn = store.reader(directory)
    if conn is None:
        raise FileNotFoundError(f"no index at {path}")
    if conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] != "public":
        raise ValueError("only the public index can be exported")
    cols = ", ".join(PUBLIC.fields)
    rows = conn.execute(f"SELECT {cols} FROM documents ORDER BY rowid")
    docs = [dict(zip(PUBLIC.fields, r)) for r in rows]
    return docs, store.method_of(conn)


def _with_prefixes(counts: Counter, method: str) -> Counter:
    """Add the ``c*`` prefix terms FTS5 would expand (Han tokens by first character)."""
    if method == "unibigram":
        return counts
    out = Counter(counts)
    for term, n in counts.items():
        if not term.isascii() and not term.startswith(WORD_MARK):
            out[term[0] + PREFIX_MARK] += n
    return out


def _postings(docs: list[dict], method: str):
    """term -> [(doc number, title tf, body tf, row length)], plus total tokens."""
    postings: dict[str, list] = defaultdict(list)
    total = 0
    for num, doc in enumerate(docs):
        title_tokens, body_tokens = index_tokens(doc["title"], method), index_tokens(doc["body"], method)
        length = len(title_tokens) + len(body_tokens)
        total += length
        title = _with_prefixes(Counter(title_tokens), method)
        body = _with_prefixes(Counter(body_tokens), method)
        for term in sorted(title.keys() | body.keys()):
            postings[term].append((num, title[term], body[term], length))
    return postings, total


def _encode_term(term: str, plist: list) -> bytes:
    raw = term.encode()
    out = [varint(len(raw)), raw, varint(len(plist))]
    prev = 0
    for num, tf_title, tf_body, length in plist:
        out += [varint(num - prev), varint(tf_title), varint(tf_body), varint(length)]
        prev = num
    return b"".join(out)


def _write_shards(directory: Path, postings: dict) -> int:
    encoded = {t: _encode_term(t, p) for t, p in postings.items()}
    size = sum(map(len, encoded.values()))
    shards = 1
    while shards * SHARD_TARGET_BYTES < size:
        shards *= 2
    buckets: dict[int, list[bytes]] = defaultdict(list)
    for term, blob in sorted(encoded.items()):
        buckets[term_hash(term) % shards].append(blob)
    (directory / "s").mkdir()
    for shard, blobs in buckets.items():
        _write_gz(directory / "s" / f"{shard}.bin.gz", varint(len(blobs)) + b"".join(blobs))
    return shards


def _write_docs(directory: Path, docs: list[dict]) -> None:
    (directory / "d").mkdir()
    for num, doc in enumerate(docs):
        record = {"u": doc["url"], "t": doc["title"], "k": doc["kind"], "l": doc["lang"],
                  "dt": doc["date"], "b": doc["body"][:EXCERPT_CHARS]}
        _write_gz(directory / "d" / f"{num}.json.gz", _json(record))
    names = sorted({d["kind"] for d in docs})
    codes = "".join(chr(48 + names.index(d["kind"])) for d in docs)
    _write_gz(directory / "kinds.json.gz", _json({"k": names, "c": codes}))


def _t2s_for(docs: list[dict]) -> str:
    """Traditional->simplified pairs whose simplified side occurs in the corpus."""
    chars = set("".join(d["title"] + d["body"] for d in docs))
    return "".join(t + s for t, s in t2s_table().items() if s in chars)


def export_static(source, out_dir, base_url: str = "") -> dict:
    """Write the static search files for ``source`` (public documents, or a
    public index root/dir) into ``out_dir``, replacing a previous export.

    ``base_url`` is the site root as seen from ``out_dir`` (e.g. "../"),
    used to turn site-relative result URLs into working links from any
    subpath; empty means result URLs are used as they are. Returns the
    statistics written to meta.json.
    """
    docs, method = _load(source)
    if method not in ("bigram", "unibigram", "hybrid"):
        raise ValueError(f"search.js cannot reproduce the {method!r} query analysis")
    # Doc numbers follow index rowids (or the given order, which a rebuild
    # also follows), so ties break alike in search.js and query_index.
    out = Path(out_dir)
    index = out / "index"
    if index.exists():
        shutil.rmtree(index)
    index.mkdir(parents=True)
    postings, total = _postings(docs, method)
    meta = {
        "version": 1, "method": method, "N": len(docs), "avgdl": total / len(docs) if docs else 0.0,
        "k1": 1.2, "b": 0.75, "weights": [TITLE_WEIGHT, BODY_WEIGHT], "stopwords": sorted(STOPWORDS),
        "wordMark": WORD_MARK, "rankWindow": querying.RANK_WINDOW, "shards": _write_shards(index, postings), "base": base_url,
        "t2s": _t2s_for(docs),
    }
    _write_docs(index, docs)
    (index / "meta.json").write_bytes(_json(meta))  # for people and tools
    _write_gz(index / "meta.json.gz", _json(meta))
    shutil.copy(_STATIC / "search.js", out / "search.js")
    shutil.copy(_STATIC / "search.html", out / "search.html")
    return meta
