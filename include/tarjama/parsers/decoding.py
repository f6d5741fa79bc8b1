"""Bytes to text, without being told the encoding, and repairs of the damage news text carries.

Order of trust: a byte-order mark; UTF-16 recognised by its zero bytes; strict UTF-8; then
the two single-byte Arabic code pages (Windows-1256, ISO-8859-6), chosen by how much of the
result is Arabic letters; then charset-normalizer's guess. After decoding: text that was
UTF-8 read as Windows-1252 (mojibake, "Ø§Ù„") is repaired when the repair is exact, Arabic
stored in visual (reversed) order is put back in reading order, and replacement characters
are counted. Every repair is reported; the caller keeps the original bytes.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import ftfy

from tarjama.errors import ArticleError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# UTF-8 Arabic read as Windows-1252: lead bytes D8–DB become Ø Ù Ú Û.
_MOJIBAKE = re.compile(r"[ØÙÚÛ][\x80-\xbf\u0152-\u0192\u02c6-\u203a\u20ac\u2122]|Ã[\x80-\xbf]|â€")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{2,}")
_NON_ARABIC_RUN = re.compile(r"[^\u0600-\u06ff\s\"'“”«»()\[\]{}<>.,،:;!?؟\-–—/]+")
_MIRRORED = str.maketrans("()[]{}<>«»“”", ")(][}{><»«”“")
_LATIN1_ONLY = set("\x81\x8d\x8f\x90\x9d")  # bytes Windows-1252 leaves undefined
MAX_REPLACEMENT_SHARE = 0.02


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    repairs: tuple[str, ...] = ()


def decode(path: str, raw: bytes) -> Decoded:
    if not raw.strip():
        raise ArticleError(path, "empty file", stage="decode")
    text, encoding = _decode_bytes(path, raw)
    repairs: list[str] = []
    if _MOJIBAKE.search(text):
        if fixed := _undo_mojibake(text):
            text = fixed
            repairs.append("mojibake: UTF-8 read as Windows-1252, repaired")
        elif not _MOJIBAKE.search(fixed := ftfy.fix_encoding(text)):
            text = fixed  # mojibake in part of the text only: ftfy mends it piece by piece
            repairs.append("mojibake in part of the text: repaired by ftfy")
    if _CONTROL.search(text) and len(_CONTROL.findall(text)) > len(text) * 0.01:
        raise ArticleError(path, f"binary file, not text (decoded as {encoding}, full of control characters)", "decode")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    replacements = text.count("\ufffd")
    if replacements:
        share = replacements / max(len(text), 1)
        if share > MAX_REPLACEMENT_SHARE:
            raise ArticleError(
                path, f"damaged text: {replacements} replacement characters (U+FFFD) in {len(text)}", "decode"
            )
        repairs.append(f"replacement characters: {replacements}")
    if _MOJIBAKE.search(text):
        repairs.append("mojibake left in the text: could not be repaired exactly")
    text, reversed_lines = repair_reversed_arabic(text)
    if reversed_lines:
        repairs.append(f"reversed Arabic: {reversed_lines} lines put back in reading order")
    return Decoded(text, encoding, tuple(repairs))


def _decode_bytes(path: str, raw: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(path, raw, encoding), encoding
    if (utf16 := _utf16_without_bom(raw)) is not None:
        return _strict(path, raw, utf16), utf16
    if b"\x00" in raw:
        raise ArticleError(path, "binary file, not text (it holds zero bytes)", "decode")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if (arabic := _single_byte_arabic(raw)) is not None:
        return arabic
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise ArticleError(path, "unknown text encoding: not UTF-8, UTF-16, Windows-1256 or ISO-8859-6", "decode")
    return str(best), best.encoding


def _strict(path: str, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise ArticleError(path, f"not valid {encoding} (byte {error.start})", "decode") from error


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text has a zero byte in most even (big-endian) or odd (little-endian) positions."""
    sample = raw[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    # Arabic in UTF-16 has 0x06 (not zero) as its high byte.
    if sample[1::2].count(6) > 0.5 * half:
        return "utf-16-le"
    if sample[0::2].count(6) > 0.5 * half:
        return "utf-16-be"
    return None


def _single_byte_arabic(raw: bytes) -> tuple[str, str] | None:
    """Windows-1256 or ISO-8859-6, whichever reads as more Arabic; None when neither is Arabic."""
    best = None
    for encoding in ("cp1256", "iso-8859-6"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = len(_ARABIC_LETTER.findall(text))
        high = sum(1 for byte in raw if byte >= 0x80)
        if high and letters / high > 0.6 and (best is None or letters > best[0]):
            best = (letters, text, encoding)
    return (best[1], best[2]) if best else None


def _undo_mojibake(text: str) -> str | None:
    """Encode back as the wrong code page did (Windows-1252, with Latin-1 for the five bytes it
    leaves undefined) and decode as UTF-8; None unless that is exact."""
    try:
        raw = b"".join(c.encode("cp1252") if c not in _LATIN1_ONLY else c.encode("latin-1") for c in text)
        fixed = raw.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return None if _MOJIBAKE.search(fixed) else fixed


def repair_reversed_arabic(text: str) -> tuple[str, int]:
    """Lines stored in visual order (PDF extractions) read right to left backwards: the
    ta marbuta and alef maqsura, which only end words, start them, and "ال" ends words."""
    if "ة" not in text and "ى" not in text:
        return text, 0  # neither letter anywhere, so no word starts with one: nothing is backwards
    lines = text.split("\n")
    repaired = 0
    for number, line in enumerate(lines):
        if _looks_reversed(line):
            lines[number] = _reverse_line(line)
            repaired += 1
    return "\n".join(lines), repaired


def _looks_reversed(line: str) -> bool:
    words = _ARABIC_WORD.findall(line)
    if len(words) < 3:
        return False
    backwards = sum(w[0] in "ةى" or w.endswith("لا") for w in words)
    forwards = sum(w[-1] in "ةى" or w.startswith("ال") for w in words)
    return backwards >= 2 and backwards > 2 * forwards


def _reverse_line(line: str) -> str:
    """Reverse the characters, then put runs of digits and Latin letters back the right way."""
    backwards = line[::-1].translate(_MIRRORED)
    return _NON_ARABIC_RUN.sub(lambda run: run.group(0)[::-1], backwards)
