"""Fast full rebuilds: Whoosh segments written directly, several at once.

Whoosh's ``SegmentWriter`` sends every posting through a pool of tuples
that it sorts (and spills to disk) before writing, one Python call per
posting. For a rebuild the documents are all known up front, so each
helper process takes a contiguous slice of them, inverts it in memory
(term -> document numbers and term counts, counted with ``Counter``) and
writes one ordinary Whoosh 3 segment with Whoosh's own codec writers
(``per_document_writer``, ``field_writer`` and its postings writer), filling
each posting block in one go. The caller then writes a table of contents
listing the segments in slice order, so document numbers follow the input
order. The result is an index like any other: readers, writers, merges
and deletes treat it normally.
"""
from __future__ import annotations

import os
import re
import struct
from array import array
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from whoosh.codec import default_codec
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, _DEF_INDEX_NAME

from .documents import whoosh_fields
from .normalize import fold
from .schema import schema_for, whoosh_schema
from .tokenizer import SearchTokenizer

PARALLEL_FROM = 5000  # below this, starting helper processes costs more than it saves
SMALL_BLOCK = 16  # blocks with fewer postings are not zlib-compressed (not worth it)
_SPELL_RE = re.compile(r"[a-z]{3,}")


def _invert(rows, schema, ws, tokenizer, perdoc):
    """Write per-document data and return {field: {term: array of (docnum, count) pairs}}, lengths."""
    inverted = {"title": {}, "body": {}, "id": {}, "spell": {}}
    lengths = {"title": array("I"), "body": array("I")}
    doc_field, facets_field = ws["doc"], ws["facets"]
    texts = tokenizer.texts
    for docnum, row in enumerate(rows):
        fields = whoosh_fields(schema, row)
        perdoc.start_doc(docnum)
        for name in ("title", "body"):
            tokens = texts(fields[name])
            postings = inverted[name]
            for term, count in Counter(tokens).items():
                plist = postings.get(term)
                if plist is None:
                    plist = postings[term] = array("I")
                plist.append(docnum)
                plist.append(count)
            lengths[name].append(len(tokens))
            perdoc.add_field(name, ws[name], None, len(tokens))
        inverted["id"][fields["id"]] = array("I", (docnum, 1))
        spell = inverted["spell"]
        for word in set(_SPELL_RE.findall(fold(fields["spell"]))):
            plist = spell.get(word)
            if plist is None:
                plist = spell[word] = array("I")
            plist.append(docnum)
            plist.append(1)
        perdoc.add_field("doc", doc_field, fields["doc"], 0)
        perdoc.add_column_value("facets", facets_field.column_type, facets_field.to_column_value(fields["facets"]))
        perdoc.finish_doc()
    return inverted, lengths


def _write_term(postwriter, pairs: array, lengths: array | None, blocklimit: int, fixed: int) -> None:
    ids, counts = pairs[0::2], pairs[1::2]
    n = len(ids)
    for start in range(0, n, blocklimit):
        block_ids, block_counts = ids[start:start + blocklimit], counts[start:start + blocklimit]
        postwriter._ids = block_ids
        postwriter._weights = array("f", block_counts)
        postwriter._values = [struct.pack(f"!{len(block_counts)}I", *block_counts)] if fixed > 0 else []
        postwriter._maxweight = max(block_counts)
        if lengths is not None:
            block_lengths = [lengths[i] for i in block_ids]
            postwriter._minlength, postwriter._maxlength = min(block_lengths), max(block_lengths)
        postwriter._compression = 0 if len(block_ids) < SMALL_BLOCK else 3
        if start + blocklimit < n:
            postwriter._write_block()


def build_segment(directory: str, index_name: str, method: str, rows: list[dict]):
    """Write ``rows`` as one new segment of the Whoosh index in ``directory``;
    returns the segment (for the table of contents)."""
    schema, ws = schema_for(index_name), whoosh_schema(method)
    storage = FileStorage(directory)
    codec = default_codec()
    segment = codec.new_segment(storage, _DEF_INDEX_NAME)
    perdoc = codec.per_document_writer(storage, segment)
    inverted, lengths = _invert(rows, schema, ws, SearchTokenizer(method), perdoc)
    perdoc.close()
    fieldwriter = codec.field_writer(storage, segment)
    for name in sorted(inverted):
        fieldobj = ws[name]
        fieldwriter.start_field(name, fieldobj)
        postwriter = fieldwriter._postwriter
        fixed = fieldobj.format.fixed_value_size() or 0
        field_lengths = lengths.get(name)
        for term, pairs in sorted(inverted[name].items()):
            fieldwriter.start_term(term.encode())
            _write_term(postwriter, pairs, field_lengths, postwriter._blocklimit, fixed)
            fieldwriter.finish_term()
        fieldwriter.finish_field()
    fieldwriter.close()
    segment.set_doc_count(len(rows))
    return segment


def write_index(ix, directory: str, index_name: str, method: str, rows: list[dict]) -> None:
    """Fill the empty index ``ix`` with ``rows``: one segment per CPU, the
    first written in this process and the others by spawned helpers at the
    same time (small rebuilds: one segment, in-process), listed in order."""
    parts = max(1, os.cpu_count() or 1) if len(rows) >= PARALLEL_FROM else 1
    size = -(-len(rows) // parts) if rows else 0
    slices = [rows[i:i + size] for i in range(0, len(rows), size)] if rows else []
    if len(slices) <= 1:
        segments = [build_segment(directory, index_name, method, s) for s in slices]
    else:
        with ProcessPoolExecutor(len(slices) - 1, mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(build_segment, directory, index_name, method, s) for s in slices[1:]]
            segments = [build_segment(directory, index_name, method, slices[0])] + [f.result() for f in futures]
    generation = ix.latest_generation() + 1
    TOC(ix.schema, segments, generation).write(ix.storage, _DEF_INDEX_NAME)
