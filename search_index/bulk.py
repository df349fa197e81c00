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
import zlib
from array import array
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pickle import dumps

from whoosh.codec import default_codec
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.filedb.filestore import FileStorage
from whoosh.index import _DEF_INDEX_NAME, TOC
from whoosh.system import pack_int, pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte

from .documents import whoosh_fields
from .normalize import fold
from .schema import schema_for, whoosh_schema
from .tokenizer import SearchTokenizer

PARALLEL_FROM = 5000  # below this, starting helper processes costs more than it saves
PARTS = None  # segments (processes) per rebuild; None = one per CPU
BLOCK_LIMIT = 1024  # postings per block (Whoosh writes 128; longer blocks decode with less overhead)
INLINE_MAX = 4  # shorter posting lists live in the term table (Whoosh's "inlined" postings)
COMPRESS_FROM = 64  # pickled blocks shorter than this are stored uncompressed
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


def _block_bytes(ids, counts, lengths, fixed: int, last: bool) -> bytes:
    """One posting block exactly as ``W3PostingsWriter._write_block`` lays it out."""
    data = (tuple([ids[0]] + [b - a for a, b in zip(ids, ids[1:])]),  # delta-encoded ids
            None if all(c == 1 for c in counts) else (float(counts[0]) if len(set(counts)) == 1
                                                      else tuple(map(float, counts))),
            struct.pack(f"!{len(counts)}I", *counts) if fixed > 0 else None)
    databytes = dumps(data, 2)
    comp = 3 if len(databytes) >= COMPRESS_FROM else 0
    if comp:
        databytes = zlib.compress(databytes, comp)
    if lengths is not None:
        block_lengths = [lengths[i] for i in ids]
        lo, hi = length_to_byte(min(block_lengths)), length_to_byte(max(block_lengths))
    else:
        lo = hi = 0
    infobytes = dumps((len(ids), ids[-1], float(max(counts)), comp, lo, hi), 2)
    size = len(infobytes) + len(databytes)
    return pack_int(-size if last else size) + infobytes + databytes


def _term_info(postfile, pairs: array, lengths: array | None, blocklimit: int, fixed: int) -> bytes:
    """Write one term's postings (inlined in the term table when short) and
    return its ``W3TermInfo`` bytes."""
    ids, counts = pairs[0::2].tolist(), pairs[1::2].tolist()
    n = len(ids)
    info = W3TermInfo()
    info._weight, info._df, info._maxweight = float(sum(counts)), n, float(max(counts))
    info._minid, info._maxid = ids[0], ids[-1]
    if lengths is not None:
        term_lengths = [lengths[i] for i in ids]
        info._minlength, info._maxlength = min(term_lengths), max(term_lengths)
    if n <= INLINE_MAX:
        values = tuple(pack_uint(c) for c in counts) if fixed > 0 else ()
        info.set_inlined(ids, [float(c) for c in counts], values)
        return info.to_bytes()
    start = postfile.tell()
    chunks = [WHOOSH3_HEADER_MAGIC]
    for i in range(0, n, blocklimit):
        chunks.append(_block_bytes(ids[i:i + blocklimit], counts[i:i + blocklimit], lengths, fixed,
                                   last=i + blocklimit >= n))
    postfile.write(b"".join(chunks))
    info.set_extent(start, postfile.tell() - start)
    return info.to_bytes()


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
    postfile, terms = fieldwriter._postfile, fieldwriter._tindex
    for name in sorted(inverted):
        fieldobj = ws[name]
        fieldwriter.start_field(name, fieldobj)
        prefix = pack_ushort(fieldwriter._fieldmap[name])
        fixed = fieldobj.format.fixed_value_size() or 0
        field_lengths = lengths.get(name)
        for term, pairs in sorted(inverted[name].items()):
            terms.add(prefix + term.encode(), _term_info(postfile, pairs, field_lengths, BLOCK_LIMIT, fixed))
        fieldwriter.finish_field()
    fieldwriter.close()
    segment.set_doc_count(len(rows))
    return segment


def write_index(ix, directory: str, index_name: str, method: str, rows: list[dict]) -> None:
    """Fill the empty index ``ix`` with ``rows``: one segment per CPU, the
    first written in this process and the others by spawned helpers at the
    same time (small rebuilds: one segment, in-process), listed in order."""
    parts = (PARTS or max(1, os.cpu_count() or 1)) if len(rows) >= PARALLEL_FROM else 1
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
