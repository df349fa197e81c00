"""The privacy guard: scan every text file of a built site for personal data.

The caller supplies the forbidden terms (every applicant's ID number, phone
and email, and the names of people who did not consent to publication).
Numbers are matched however they are formatted (``13812345678``,
``138 1234 5678``, ``138-1234-5678``, ``+86 138.1234.5678``), emails case
insensitively, and all terms also after HTML entities and %-escapes are
decoded. Hits report a masked term, so the report does not leak it again.

Known values are not enough: a stranger's number belongs to no applicant. So the guard also
refuses, by pattern, any checksum-valid resident ID number (GB 11643) and any mainland mobile
number that is not on the short list of published office numbers it is given.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from portal.kernel.china import idcard, mobile

KINDS = ("id_number", "phone", "email", "name")
# Digits may be broken up by spaces, hyphens, dots, brackets or no-break
# spaces; an ID number may end in X.
_SEP_CLASS = r"[\s\-.()\uff08\uff09\u00a0\u3000]"
_SEP = _SEP_CLASS + "{0,3}"
_NOT_DIGIT = re.compile(r"[^\dXx]")
_EMAIL_LIKE = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# Stretches of text between quotes and angle brackets, and a %-escape in one.
_STRETCH = re.compile(r"[^\"'<>]*")
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")  # a bare literal first: re finds it fast
_GROUP_SEP = re.compile(_SEP_CLASS + "+")
# A digit run long enough to hold a mobile number (11 digits) or an ID number (18).
_LONG_RUN = re.compile(rf"[0-9](?:{_SEP}+[0-9]){{10,}}+(?:{_SEP}[Xx])?")
PATTERN_LABEL = "any person (matched by pattern)"
_CLEAN_MEMO_SIZE = 100_000
_SNIFF_BYTES = 8192
# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 500


@dataclass(frozen=True, slots=True)
class ForbiddenTerm:
    """A value that must never be published; ``label`` says whose it is (e.g. an application id)."""

    kind: str
    value: str
    label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")


@dataclass(frozen=True, slots=True)
class PrivacyHit:
    """A forbidden term found in an output file (``term`` is masked)."""

    file: str
    kind: str
    term: str
    label: str

    def __str__(self) -> str:
        who = f" ({self.label})" if self.label else ""
        return f"{self.file}: {self.kind} {self.term}{who}"


def mask(kind: str, value: str) -> str:
    """A display form of ``value`` that identifies the term to staff but does not reveal it."""
    if kind in ("phone", "id_number"):
        digits = _digits(value)
        return digits[:3] + "*" * max(len(digits) - 7, 1) + digits[-4:]
    if kind == "email":
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return value[:1] + "*" * max(len(value) - 1, 1)


def _digits(value: str) -> str:
    digits = re.sub(r"[^\dXx]", "", value).upper()
    # Phone numbers are compared without the country code.
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


class PrivacyGuard:
    """A compiled set of forbidden terms, ready to scan text or a whole site."""

    def __init__(self, terms: Iterable[ForbiddenTerm], published_mobiles: Iterable[str] | None = None) -> None:
        """``published_mobiles``: the office mobile numbers the site may show; None turns the
        pattern checks off (for callers that look for known values only)."""
        self._patterns = published_mobiles is not None
        self._published = frozenset(filter(None, map(mobile.normalise, published_mobiles or ())))
        self._numbers: dict[str, ForbiddenTerm] = {}
        self._emails: dict[str, ForbiddenTerm] = {}
        self._names: dict[str, ForbiddenTerm] = {}
        for term in terms:
            if term.kind in ("phone", "id_number"):
                self._numbers[_digits(term.value)] = term
            elif term.kind == "email":
                self._emails[term.value.strip().lower()] = term
            elif term.value.strip():
                self._names[term.value.strip()] = term
        self._lengths = sorted({len(n) for n in self._numbers})
        # Only runs with at least as many digits as the shortest term can hit,
        # so dates, years and short codes are skipped by the regex itself. ASCII digits
        # only (faster than \d): the terms are ASCII, so no other digit can be part of a hit.
        fewest = min((len(n) - n.endswith("X") for n in self._numbers), default=1)
        # Possessive: what follows the digits is optional, so giving some back never helps.
        self._number_run = re.compile(rf"[0-9](?:{_SEP}+[0-9]){{{fewest - 1},}}+(?:{_SEP}[Xx])?")
        self._emails_by_domain: dict[str, list[str]] = {}
        for address in self._emails:
            self._emails_by_domain.setdefault(address.rpartition("@")[2], []).append(address)
        self._name_re = _alternation(self._names, 0)
        self._clean_stretches: set[str] = set()

    def scan_text(self, text: str) -> list[ForbiddenTerm]:
        """The forbidden terms occurring in ``text``, each once, in a stable order."""
        if not (self._numbers or self._emails or self._names or self._patterns):
            return []  # nothing to look for
        found: dict[tuple[str, str], ForbiddenTerm] = {}
        variants = {text, html.unescape(text)} if "&" in text else {text}
        for variant in variants:
            for term in self._scan_variant(variant):
                found[(term.kind, term.value)] = term
            if "%" in variant:
                for term in self._scan_escaped(variant):
                    found[(term.kind, term.value)] = term
        return [found[key] for key in sorted(found)]

    def _scan_escaped(self, text: str) -> Iterable[ForbiddenTerm]:
        """Terms hidden behind %-escapes: each stretch between quotes and angle brackets that
        holds an escape is decoded and scanned. No term can span a quote or a bracket, so this
        finds what decoding the whole text would, and a stretch already found clean (the same
        tag links recur on every page) is not scanned again."""
        for stretch in _escaped_stretches(text) - self._clean_stretches:
            terms = list(self._scan_variant(unquote(stretch)))
            if terms:
                yield from terms
                continue
            if len(self._clean_stretches) >= _CLEAN_MEMO_SIZE:
                self._clean_stretches.clear()
            self._clean_stretches.add(stretch)

    def _scan_variant(self, text: str) -> Iterable[ForbiddenTerm]:
        yield from self._scan_numbers(text)
        if self._patterns:
            yield from self._scan_patterns(text)
        yield from self._scan_emails(text)
        if self._name_re is not None:
            for match in self._name_re.finditer(text):
                yield self._names[match.group()]

    def _scan_numbers(self, text: str) -> Iterable[ForbiddenTerm]:
        if not self._numbers:
            return
        for match in self._number_run.finditer(text):
            run = _NOT_DIGIT.sub("", match.group()).upper()
            for length in self._lengths:
                for start in range(len(run) - length + 1):
                    term = self._numbers.get(run[start:start + length])
                    if term is not None:
                        yield term

    def _scan_patterns(self, text: str) -> Iterable[ForbiddenTerm]:
        """Valid ID numbers and unpublished mobiles, whoever they belong to.

        A run of digit groups ("138 1234 5678", "2026-11-23") is tried group by group, so a
        number written next to a date or a time is still seen, while a longer run of digits
        (an order number, a hash) is not read as a phone number hidden inside it.
        """
        for match in _LONG_RUN.finditer(text):
            groups = [g.upper() for g in _GROUP_SEP.split(match.group()) if g]
            for first in range(len(groups)):
                candidate = ""
                for group in groups[first:]:
                    candidate += group
                    if len(candidate) > 18:
                        break
                    term = self._pattern_term(candidate)
                    if term is not None:
                        yield term

    def _pattern_term(self, candidate: str) -> ForbiddenTerm | None:
        if len(candidate) == 18:
            try:
                return ForbiddenTerm("id_number", idcard.validate(candidate), PATTERN_LABEL)
            except idcard.InvalidIdNumber:
                return None
        if len(candidate) in (11, 13):
            number = mobile.normalise(candidate[2:] if len(candidate) == 13 and candidate.startswith("86")
                                      else candidate)
            if number is not None and number not in self._published:
                return ForbiddenTerm("phone", number, PATTERN_LABEL)
        return None

    def _scan_emails(self, text: str) -> Iterable[ForbiddenTerm]:
        # Any forbidden address inside an address-like token counts, so a
        # longer token ("xzhang@example.com.cn") still reveals "zhang@example.com".
        if not self._emails or "@" not in text:
            return
        for match in _EMAIL_LIKE.finditer(text):
            token = match.group().lower()
            labels = token.rpartition("@")[2].split(".")
            for end in range(1, len(labels) + 1):
                for address in self._emails_by_domain.get(".".join(labels[:end]), ()):
                    if address in token:
                        yield self._emails[address]

    def scan_site(self, site: Path, only: Iterable[str] | None = None, workers: int = 1) -> list[PrivacyHit]:
        """Every hit in every text file under ``site``, sorted by file.

        A file counts as text when its first 8 KiB hold no NUL byte and the
        whole file decodes as UTF-8; binary files (images, fonts) are skipped.
        ``only`` limits the scan to these paths relative to ``site`` (the
        files an incremental build wrote); scan everything whenever the set
        of forbidden terms has changed. ``workers`` > 1 scans large sites in
        that many processes; the result is the same.
        """
        site = Path(site)
        files = list(_files(site, only))
        if workers > 1 and len(files) >= _PARALLEL_THRESHOLD:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                parts = pool.map(self._scan_files, [(site, files[i::workers]) for i in range(workers)])
                hits = [hit for part in parts for hit in part]
        else:
            hits = self._scan_files((site, files))
        return sorted(hits, key=lambda h: (h.file, h.kind, h.term))

    def _scan_files(self, job: tuple[Path, list[Path]]) -> list[PrivacyHit]:
        site, files = job
        hits: list[PrivacyHit] = []
        for path in files:
            text = _read_text(path)
            if text is not None:
                rel = path.relative_to(site).as_posix()
                hits.extend(PrivacyHit(rel, t.kind, mask(t.kind, t.value), t.label) for t in self.scan_text(text))
        return hits


def _escaped_stretches(text: str) -> set[str]:
    """The maximal stretches of ``text`` without a quote or angle bracket that hold a %-escape.

    Found from the escapes outwards (the text is reversed once to find where a stretch
    starts), so a page with few escapes costs little however long it is.
    """
    stretches: set[str] = set()
    reversed_text, size = "", len(text)
    escape = _ESCAPE.search(text)
    while escape is not None:
        at = escape.start()
        reversed_text = reversed_text or text[::-1]
        start = size - _STRETCH.match(reversed_text, size - at).end()
        end = _STRETCH.match(text, at).end()
        stretches.add(text[start:end])
        escape = _ESCAPE.search(text, end)  # the next escape past this stretch
    return stretches


def _alternation(table: dict[str, ForbiddenTerm], flags: int) -> re.Pattern[str] | None:
    if not table:
        return None
    # Longest first, so a longer name wins over a name it contains.
    return re.compile("|".join(re.escape(v) for v in sorted(table, key=len, reverse=True)), flags)


def _files(site: Path, only: Iterable[str] | None) -> Iterator[Path]:
    if only is not None:
        yield from (site / rel for rel in sorted(set(only)) if (site / rel).is_file())
        return
    for dirpath, _dirs, files in os.walk(site):
        yield from (Path(dirpath) / name for name in files)


def _read_text(path: Path) -> str | None:
    data = path.read_bytes()
    if b"\x00" in data[:_SNIFF_BYTES]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def scan_site(
    site: Path, terms: Iterable[ForbiddenTerm], only: Iterable[str] | None = None, workers: int = 1,
    published_mobiles: Iterable[str] | None = None,
) -> list[PrivacyHit]:
    """Every occurrence of ``terms`` in the text files under ``site`` (empty means safe)."""
    return PrivacyGuard(terms, published_mobiles).scan_site(site, only, workers)
