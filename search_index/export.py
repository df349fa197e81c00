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

Statistics are those Whoosh's BM25F uses (``whoosh.scoring``): the
document count including deleted documents, per-field document
frequencies (idf = log(N / (df + 1)) + 1), per-field average lengths, and
each document's field lengths as Whoosh stores them (one byte,
``length_to_byte``), so the browser ranks exactly as ``query_index`` does.
Documents are numbered in Whoosh document order (ties break alike). Only
the public index can be exported; a list of documents is indexed into a
scratch index first.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from . import indexing, querying, store
from .analysis import PREFIX_MARK, STOPWORDS, WORD_MARK, index_tokens
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


def gzip_bytes(data: bytes) -> bytes:
    """``data`` gzip-compressed, the same bytes every time; search.js inflates it with
    DecompressionStream, so the saving does not depend on the web server compressing anything."""
    return gzip.compress(data, compresslevel=9, mtime=0)


class FolderSink:
    """Where an export's files go: ``write(rel, data, compress)`` for each file below the
    export folder. This one writes them all into ``out_dir``, replacing a previous export;
    a caller may pass its own (e.g. one that writes only files whose bytes changed)."""

    def __init__(self, out_dir) -> None:
        self.root = Path(out_dir)
        index = self.root / "index"
        if index.exists():
            shutil.rmtree(index)
        index.mkdir(parents=True)

    def write(self, rel: str, data: bytes, compress: bool = False) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip_bytes(data) if compress else data)


def _open(source, scratch: Path):
    """A store.Reader for a public index path, or for ``source`` documents
    indexed into ``scratch``."""
    if not isinstance(source, (str, os.PathLike)):
        indexing.rebuild(scratch, "public", source)
        return store.reader(store.index_dir(scratch, "public"))
    path = Path(source)
    directory = path / "public" if (path / "public" / "CURRENT").exists() else path
    reader = store.reader(directory)
    if reader is None:
        raise FileNotFoundError(f"no index at {path}")
    if reader.meta.get("schema") != "public":
        raise ValueError("only the public index can be exported")
    return reader


def _with_prefixes(counts: Counter, method: str) -> Counter:
    """Add the ``c*`` terms a one-character query uses (Han tokens by first character)."""
    if method == "unibigram":
        return counts
    out = Counter(counts)
    for term, n in counts.items():
        if not term.isascii() and not term.startswith(WORD_MARK):
            out[term[0] + PREFIX_MARK] += n
    return out


def _field_length(searcher, docnum: int, field: str) -> int:
    return searcher.doc_field_length(docnum, field, 0) or 0


def _postings(searcher, method: str):
    """Live documents in Whoosh order, and term -> [(num, title tf, body tf,
    title length, body length)]."""
    postings: dict[str, list] = defaultdict(list)
    docs = []
    for docnum in searcher.reader().all_doc_ids():
        doc = searcher.stored_fields(docnum)["doc"]
        num = len(docs)
        docs.append(doc)
        lengths = (_field_length(searcher, docnum, "title"), _field_length(searcher, docnum, "body"))
        title = _with_prefixes(Counter(index_tokens(PUBLIC.title_text(doc), method)), method)
        body = _with_prefixes(Counter(index_tokens(doc["body"], method)), method)
        for term in sorted(title.keys() | body.keys()):
            postings[term].append((num, title[term], body[term], *lengths))
    return docs, postings


# Every one- and two-byte encoding, made once: a large site has millions of postings values.
_SMALL_VARINTS = [varint(n) for n in range(1 << 14)]


def _varint(n: int) -> bytes:
    return _SMALL_VARINTS[n] if n < 16384 else varint(n)


def _encode_term(searcher, term: str, plist: list, lengths: dict) -> bytes:
    """One term's record. ``lengths`` remembers the encoded (title, body) lengths of each
    document, which repeat in every posting of that document."""
    raw = term.encode()
    dfs = (0, 0) if term.endswith(PREFIX_MARK) else (
        searcher.doc_frequency("title", term), searcher.doc_frequency("body", term))
    out = [_varint(len(raw)), raw, _varint(dfs[0]), _varint(dfs[1]), _varint(len(plist))]
    append, small = out.append, _SMALL_VARINTS
    prev = 0
    for num, tf_title, tf_body, len_title, len_body in plist:
        gap = num - prev
        append(small[gap] if gap < 16384 else varint(gap))
        append(small[tf_title] if tf_title < 16384 else varint(tf_title))
        append(small[tf_body] if tf_body < 16384 else varint(tf_body))
        both = lengths.get((len_title, len_body))
        if both is None:
            both = lengths[(len_title, len_body)] = _varint(len_title) + _varint(len_body)
        append(both)
        prev = num
    return b"".join(out)


def _write_shards(sink, searcher, postings: dict) -> int:
    lengths: dict[tuple[int, int], bytes] = {}
    encoded = {t: _encode_term(searcher, t, p, lengths) for t, p in postings.items()}
    size = sum(map(len, encoded.values()))
    shards = 1
    while shards * SHARD_TARGET_BYTES < size:
        shards *= 2
    buckets: dict[int, list[bytes]] = defaultdict(list)
    for term, blob in sorted(encoded.items()):
        buckets[term_hash(term) % shards].append(blob)
    for shard, blobs in buckets.items():
        sink.write(f"index/s/{shard}.bin.gz", varint(len(blobs)) + b"".join(blobs), compress=True)
    return shards


def _write_docs(sink, docs: list[dict]) -> None:
    for num, doc in enumerate(docs):
        record = {"u": doc["url"], "t": doc["title"], "k": doc["kind"], "l": doc["lang"],
                  "dt": doc["date"], "b": doc["body"][:EXCERPT_CHARS]}
        sink.write(f"index/d/{num}.json.gz", _json(record), compress=True)
    names = sorted({d["kind"] for d in docs})
    codes = "".join(chr(48 + names.index(d["kind"])) for d in docs)
    sink.write("index/kinds.json.gz", _json({"k": names, "c": codes}), compress=True)


def _t2s_for(docs: list[dict]) -> str:
    """Traditional->simplified pairs whose simplified side occurs in the corpus."""
    chars = set("".join(d["title"] + d["body"] for d in docs))
    return "".join(t + s for t, s in t2s_table().items() if s in chars)


def export_static(source, out_dir, base_url: str = "", sink=None) -> dict:
    """Write the static search files for ``source`` (public documents, or a
    public index root/dir) into ``out_dir``, replacing a previous export.

    ``base_url`` is the site root as seen from ``out_dir`` (e.g. "../"),
    used to turn site-relative result URLs into working links from any
    subpath; empty means result URLs are used as they are. ``sink``, when
    given, receives every file instead (see ``FolderSink``) and ``out_dir``
    is not touched. Returns the statistics written to meta.json.
    """
    with tempfile.TemporaryDirectory() as scratch:
        reader = _open(source, Path(scratch))  # before the sink: a bad source changes nothing
        try:
            if reader.method not in ("bigram", "unibigram", "hybrid"):
                raise ValueError(f"search.js cannot reproduce the {reader.method!r} query analysis")
            sink = sink if sink is not None else FolderSink(out_dir)
            meta, docs = _export_index(reader, sink, base_url)
        finally:
            store.close_reader(store.index_dir(scratch, "public"))
    _write_docs(sink, docs)
    sink.write("index/meta.json", _json(meta))  # for people and tools
    sink.write("index/meta.json.gz", _json(meta), compress=True)
    sink.write("search.js", (_STATIC / "search.js").read_bytes())
    sink.write("search.html", (_STATIC / "search.html").read_bytes())
    return meta


def _export_index(reader, sink, base_url: str) -> tuple[dict, list[dict]]:
    """Write the postings shards of ``reader``'s index; returns meta and the documents."""
    method = reader.method
    searcher = reader.fresh()
    docs, postings = _postings(searcher, method)
    meta = {
        "version": 2, "engine": "whoosh-bm25f", "method": method, "N": len(docs),
        "docCountAll": searcher.doc_count_all(),
        "avgfl": [searcher.avg_field_length("title", 0.0) or 1, searcher.avg_field_length("body", 0.0) or 1],
        "k1": querying.WEIGHTING.K1, "b": querying.WEIGHTING.B, "weights": [TITLE_WEIGHT, BODY_WEIGHT],
        "stopwords": sorted(STOPWORDS), "wordMark": WORD_MARK, "rankWindow": querying.RANK_WINDOW,
        "shards": _write_shards(sink, searcher, postings), "base": base_url, "t2s": _t2s_for(docs),
    }
    return meta, docs
