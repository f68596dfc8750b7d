"""Vietnamese diacritics folding: "Hội nghị Đảng" matches "hoi nghi dang".

``fold_with_map`` also says, for each folded character, which original character it came
from, so a match found in the folded text can be highlighted in the original.
"""

import re
import unicodedata

WORD = re.compile(r"\w+")


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base.lower()


def fold(text: str) -> str:
    """Lower-case ``text`` and drop its diacritics (đ→d)."""
    return fold_with_map(text)[0]


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Return the folded text and, per folded character, its index in ``text``."""
    text = unicodedata.normalize("NFC", text or "")
    out, where = [], []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        where.extend([index] * len(folded))
    return "".join(out), where


def terms(query: str) -> list[str]:
    """Split a search query into folded words, at most 10."""
    return WORD.findall(fold(query or ""))[:10]


def snippet(text: str, words: list[str], width: int = 90) -> list[dict]:
    """Cut a passage around the first match and mark the matches in the original text.

    Return segments ``[{"text": str, "hit": bool}]``: plain data, escaped where shown.
    """
    folded, where = fold_with_map(text)
    text = unicodedata.normalize("NFC", text or "")
    spans = []
    for word in words:
        for match in re.finditer(r"(?<!\w)" + re.escape(word), folded):
            start = where[match.start()]
            end = where[match.end() - 1] + 1
            spans.append((start, end))
    if not spans:
        return [{"text": text[:width * 2].strip(), "hit": False}] if text else []
    spans.sort()
    first = spans[0][0]
    lo = max(0, first - width)
    hi = min(len(text), first + width)
    segments, cursor = [], lo
    for start, end in spans:
        if start < cursor or start >= hi:
            continue
        if start > cursor:
            segments.append({"text": text[cursor:start], "hit": False})
        segments.append({"text": text[start:min(end, hi)], "hit": True})
        cursor = min(end, hi)
    if cursor < hi:
        segments.append({"text": text[cursor:hi], "hit": False})
    if lo > 0:
        segments.insert(0, {"text": "…", "hit": False})
    if hi < len(text):
        segments.append({"text": "…", "hit": False})
    for seg in segments:
        seg["text"] = re.sub(r"\s+", " ", seg["text"])
    return segments
