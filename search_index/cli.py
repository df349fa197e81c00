"""``python -m search_index build|reconcile|query|export`` over the public index."""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterable

from .export import export_static
from .indexing import rebuild, reconcile
from .querying import query_index

DEFAULT_SOURCE = "portal.sitebuild.index.documents:public_documents"
DEFAULT_INDEX_DIR = "instance/search"


def load_source(spec: str) -> Callable[[], Iterable[dict]]:
    """Resolve ``module:function`` to the document provider it names."""
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise SystemExit(f"--source must look like module:function, not {spec!r}")
    return getattr(importlib.import_module(module_name), attr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m search_index", description=__doc__)
    parser.add_argument("--index-dir", default=DEFAULT_INDEX_DIR, help="index root (default %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (("build", "rebuild the public index from --source"),
                           ("reconcile", "repair drift between --source and the public index")):
        cmd = sub.add_parser(name, help=helptext)
        cmd.add_argument("--source", default=DEFAULT_SOURCE, help="provider module:function (default %(default)s)")
    query = sub.add_parser("query", help="search the public index")
    query.add_argument("text")
    query.add_argument("--json", action="store_true", help="print JSON: url, title, kind, score, best first")
    query.add_argument("--limit", type=int, default=10)
    export = sub.add_parser("export", help="write the static-site search files")
    export.add_argument("out_dir")
    export.add_argument("--base-url", default="", help="site root as seen from OUT_DIR, e.g. ../")
    return parser


def _query(args) -> None:
    result = query_index(args.index_dir, "public", args.text, per_page=max(1, args.limit))
    rows = [{"url": h.url, "title": h.title, "kind": h.kind, "score": round(h.score, 6)} for h in result.hits]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        print(f"{row['score']:8.3f}  {row['kind']:8}  {row['title']}  {row['url']}")
    print(f"{result.total} results" + (f"; did you mean: {result.suggestions[0]}" if result.suggestions else ""))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit status."""
    args = _parser().parse_args(argv)
    if args.command == "build":
        print(f"indexed {rebuild(args.index_dir, 'public', load_source(args.source)())} documents")
    elif args.command == "reconcile":
        print(json.dumps(reconcile(args.index_dir, "public", load_source(args.source)())))
    elif args.command == "query":
        _query(args)
    else:
        meta = export_static(args.index_dir, args.out_dir, args.base_url)
        print(f"exported {meta['N']} documents in {meta['shards']} shards")
    return 0


if __name__ == "__main__":
    sys.exit(main())
