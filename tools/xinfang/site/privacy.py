"""Personal numbers in text: find them however they are written, mask them, scan output. Pure.

Staff type phone numbers, ID numbers, e-mail addresses and bank cards into titles and notes.
The page builders pass every free text through `mask_numbers`; the scan (`find_leaks`, and
`leaks_in_file` for built HTML, JSON and XML) runs the same detector over the generated
Markdown and over every output file, so that anything a page builder missed fails the build.
A report names where and what kind of number it found, never the number itself.

Detection works on a normalised copy of the text: full-width characters folded (NFKC), and
zero-width and bidi characters dropped, with a map back to the original positions. A number
is a run of digits with at most one separator (space, hyphen, dot, bracket) between any
two digits; the run is classified by its digits. Dates (2026-11-22), case ids and times are
blanked first, so they are never read as parts of a number.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "BANK_CARD",
    "EMAIL",
    "ID_NUMBER",
    "LANDLINE",
    "MOBILE",
    "Leak",
    "find_leaks",
    "find_numbers",
    "is_valid_id_number",
    "leaks_in_file",
    "mask_numbers",
]

ID_NUMBER = "身份证号"
MOBILE = "手机号码"
LANDLINE = "固定电话"
EMAIL = "电子邮箱"
BANK_CARD = "银行卡号"

#: What a masked number becomes on a page: the kind, never a digit of it.
MASKS = {
    ID_NUMBER: "〔身份证号已隐去〕",
    MOBILE: "〔电话号码已隐去〕",
    LANDLINE: "〔电话号码已隐去〕",
    EMAIL: "〔邮箱已隐去〕",
    BANK_CARD: "〔银行卡号已隐去〕",
}

# GB 11643-1999: weights 2^(17-i) mod 11 and the check characters for sums mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

# Zero-width, soft hyphen, word joiners, bidi marks and overrides: invisible between digits.
_INVISIBLE = {0x00AD, 0x180E, 0xFEFF, *range(0x200B, 0x2010), *range(0x202A, 0x202F)}
_INVISIBLE |= set(range(0x2060, 0x206A))

_SEP = (
    r"(?:[ \u00a0]?[-.\u2010-\u2015\u2212][ \u00a0]?|[ \u00a0]|[ \u00a0]?\)[ \u00a0]?|\([ \u00a0]?)"
)
# Each pattern opens with a lookahead for its possible first characters: without it the
# engine tries the lookbehinds at every position of the text (twice as slow).
_RUN = re.compile(
    r"(?=[(+0-9])"
    r"(?<![0-9A-Za-z])(?<![0-9A-Za-z][ .\-])"  # not the tail of a longer number or code
    rf"(?:\((?=[+0-9]))?\+?[0-9](?:{_SEP}?[0-9])*(?:{_SEP}?[Xx])?"
    r"(?![0-9A-Za-z@])"
)
_DECIMAL = re.compile(r"^[^.]*[0-9]\.[0-9]{1,2}$")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# Dates, times and case ids are blanked before numbers are looked for.
_NOT_NUMBERS = re.compile(
    r"(?=[0-9X])"
    r"(?:(?<![0-9])(?:19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?![0-9])"
    r"|(?<![0-9])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])"
    r"|XF-[0-9]{4}-[0-9]{4,6})"
)


@dataclass(frozen=True, slots=True)
class Found:
    """A personal number in a text: its kind and its span in the original text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Leak:
    """A personal number found in output: what kind and where (1-based line)."""

    kind: str
    line: int

    def describe(self, path: str) -> str:
        return f"{path}:{self.line}: 发现{self.kind}"


def is_valid_id_number(number: str) -> bool:
    """True for an 18-character resident ID number whose check character is right."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


# Characters that may change when folded: all but ASCII and the common CJK ideographs, which
# NFKC leaves as they are. Only these are looked at one by one; the rest is copied in slices
# (a character-by-character loop over every output file was half of the site build).
_CANDIDATE = re.compile(r"[^\x00-\x7f\u4e00-\u9fff]")
_FOLDED: dict[str, str] = {}


def _fold(ch: str) -> str:
    folded = _FOLDED.get(ch)
    if folded is None:
        folded = "" if ord(ch) in _INVISIBLE else unicodedata.normalize("NFKC", ch)
        _FOLDED[ch] = folded
    return folded


def _normalise(text: str) -> tuple[str, Sequence[int]]:
    """`text` with full-width forms folded and invisible characters dropped, and for each
    character of the result the index of the character it came from."""
    out: list[str] = []
    where: list[int] = []
    last = 0
    for match in _CANDIDATE.finditer(text):
        ch = match.group()
        folded = _fold(ch)
        if folded == ch:
            continue
        i = match.start()
        out.append(text[last:i])
        where.extend(range(last, i))
        out.append(folded)
        where.extend([i] * len(folded))
        last = i + 1
    if not out:
        return text, range(len(text))
    out.append(text[last:])
    where.extend(range(last, len(text)))
    return "".join(out), where


def _birth_date(yyyy: int, mm: int, dd: int) -> bool:
    return 1900 <= yyyy <= 2099 and 1 <= mm <= 12 and 1 <= dd <= 31


def classify(raw: str) -> str | None:
    """The kind of personal number a run of digits (as written) is, or None."""
    if _DECIMAL.match(raw) and "." not in raw[: raw.rfind(".")]:
        return None  # 138123456.78: an amount of money
    digits = "".join(c for c in raw if c.isdigit() or c in "Xx")
    plus = raw.lstrip("(").startswith("+")
    national = digits
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and (plus or prefix == "0086" or len(digits) == 13):
            national = digits[len(prefix) :]
            break
    else:
        if plus:
            return None  # another country's number: not ours to judge
    if national[-1:] in "Xx":
        body = national[:-1]
        if len(national) == 18 and body.isdigit() and _id_shape(national):
            return ID_NUMBER
        return None
    if len(national) == 11 and re.match(r"1[3-9]", national):
        return MOBILE
    if national != digits and 9 <= len(national) <= 11 and national[0] != "1":
        return LANDLINE  # +86 571 8888 8888: the area code without its 0
    if national[0] == "0" and 10 <= len(national) <= 12 and national[1] != "0":
        return LANDLINE
    if len(national) in (15, 18) and _id_shape(national):
        return ID_NUMBER
    if 16 <= len(national) <= 19 and national[0] != "0":
        return BANK_CARD
    return None


def _id_shape(number: str) -> bool:
    """An area code and a birth date where a resident ID number has them (15 or 18 digits;
    the check character is not required to be right: a mistyped number is still personal)."""
    if number[0] == "0":
        return False
    if len(number) == 18:
        return _birth_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return _birth_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))


_GAP = re.compile(_SEP)
# The fewest characters a run can have and still be a personal number (a landline: 0 and
# nine digits). Most runs in a page (counts, table cells) are shorter and need no look.
_SHORTEST = 10


def _classify_run(raw: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the personal numbers in one run of digits. A run that is no
    number as a whole may be two written side by side (13912345678 2 次, or a landline
    with an extension): then the longest stretches between separators are tried."""
    kind = classify(raw)
    if kind:
        return [(offset, offset + len(raw), kind)]
    cuts = [0] + [p for m in _GAP.finditer(raw) for p in (m.start(), m.end())] + [len(raw)]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    out: list[tuple[int, int, str]] = []
    taken = -1
    for size in range(len(pieces) - 1, 0, -1):
        for i in range(len(pieces) - size + 1):
            start, end = pieces[i][0], pieces[i + size - 1][1]
            if start < taken or any(s < end and start < e for s, e, _ in out):
                continue
            kind = classify(raw[start:end])
            if kind:
                out.append((offset + start, offset + end, kind))
    return out


def find_numbers(text: str) -> list[Found]:
    """Every personal number in `text`, in order, with its span in `text` itself."""
    norm, where = _normalise(text)
    blank = _NOT_NUMBERS.sub(lambda m: "#" * len(m.group()), norm)
    found: list[tuple[int, int, str]] = []
    if "@" in blank:  # (a full-width ＠ is folded by now)
        for match in _EMAIL.finditer(blank):
            found.append((match.start(), match.end(), EMAIL))
    for match in _RUN.finditer(blank):
        if match.end() - match.start() >= _SHORTEST:
            found += _classify_run(match.group(), match.start())
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[Found] = []
    end = -1
    for start, stop, kind in found:
        if start < end:
            continue
        end = stop
        out.append(Found(kind, where[start], where[stop - 1] + 1))
    return out


def mask_numbers(text: str) -> str:
    """`text` with every personal number replaced by a note of its kind."""
    found = find_numbers(text)
    if not found:
        return text
    out = []
    last = 0
    for f in found:
        out.append(text[last : f.start])
        out.append(MASKS[f.kind])
        last = f.end
    out.append(text[last:])
    return "".join(out)


def find_leaks(text: str) -> list[Leak]:
    """Every personal number in `text`, as kind and line."""
    return [Leak(f.kind, text.count("\n", 0, f.start) + 1) for f in find_numbers(text)]


_TAG = re.compile(r"<[^>]*>")
# Drawing coordinates of inline SVG (icons, charts): digits, dots and hyphens by design.
_GEOMETRY = re.compile(
    r'\s(?:d|points|viewBox|transform|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height)="[^"]*"'
)


def _blank(match: re.Match[str]) -> str:
    return "\n" * match.group().count("\n") or " "


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def leaks_in_file(rel: str, text: str) -> list[Leak]:
    """Personal numbers in one output file, read as a browser or a search would read it:
    character references decoded, and (for markup) once more with the tags taken out, so
    that neither `&#45;` nor `<b>` between digits hides a number. JSON is scanned string by
    string after decoding its escapes (the search index writes Chinese as \\uXXXX)."""
    texts = [text]
    if rel.endswith(".json"):
        with contextlib.suppress(ValueError):
            texts = ["\n".join(_strings(json.loads(text)))]
    out: dict[tuple[str, int], Leak] = {}
    for body in texts:
        if "<" in body:
            body = _GEOMETRY.sub(_blank, body)
        decoded = html.unescape(body)
        stripped = html.unescape(_TAG.sub(_blank, body))
        for variant in (decoded, stripped) if "<" in body else (decoded,):
            for leak in find_leaks(variant):
                out.setdefault((leak.kind, leak.line), leak)
    return sorted(out.values(), key=lambda leak: (leak.line, leak.kind))
