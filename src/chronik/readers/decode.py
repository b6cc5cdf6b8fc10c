"""Bytes to text: UTF-8 first, then the legacy encodings news archives come in."""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class BinaryContent(ValueError):
    """The bytes are not text in any encoding we read."""


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """True for content with NUL bytes or many control characters (images, archives, executables)."""
    head = data[:sample]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 20)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and say how: ``(text, encoding)``.

    A byte order mark decides; else UTF-8, then cp1252 (Windows Western European, the usual
    legacy encoding of German and English news), then latin-1, which always succeeds.
    Raises ``BinaryContent`` for content that is not text.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise BinaryContent(
                    f"starts with a {enc} byte order mark but does not decode as {enc}"
                ) from e
    if looks_binary(data):
        raise BinaryContent("looks like a binary file, not text")
    for enc in ("utf-8", "cp1252"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"
