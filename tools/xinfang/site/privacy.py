"""The last line of defence: find ID numbers and mobile numbers in built pages. Pure.

The page builders never print a petitioner's phone, ID number or address, and mask names.
But a staff member may type a number into a title or a note; this scan of every output file
makes such a build fail instead of publishing it. It reports where and what kind of number
it found, never the number itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Leak", "find_leaks", "is_valid_id_number", "mask_number"]

# GB 11643-1999: weights 2^(17-i) mod 11 and the check characters for sums mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

# Not preceded or followed by another digit: a number inside a longer run is something else
# (a timestamp, a hash, a coordinate list).
_ID_RE = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9Xx])")
_MOBILE_RE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")

ID_NUMBER = "身份证号"
MOBILE = "手机号码"


@dataclass(frozen=True, slots=True)
class Leak:
    """A personal number found in a text: what kind, where (1-based line), and a masked form."""

    kind: str
    line: int
    masked: str

    def describe(self, path: str) -> str:
        return f"{path}:{self.line}: 发现{self.kind}（{self.masked}）"


def is_valid_id_number(number: str) -> bool:
    """True for an 18-character resident ID number whose check character is right."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def mask_number(number: str) -> str:
    """Enough of a number to find it in the source, not enough to use it: 138****5678."""
    keep = 3 if len(number) <= 11 else 4
    return number[:keep] + "*" * (len(number) - keep - 2) + number[-2:]


def find_leaks(text: str) -> list[Leak]:
    """Every valid ID number and every mainland mobile number in `text`, in order."""
    leaks = []
    for match in _ID_RE.finditer(text):
        if is_valid_id_number(match.group()):
            leaks.append((match.start(), ID_NUMBER, match.group()))
    for match in _MOBILE_RE.finditer(text):
        leaks.append((match.start(), MOBILE, match.group()))
    leaks.sort()
    return [Leak(kind, text.count("\n", 0, pos) + 1, mask_number(num)) for pos, kind, num in leaks]
