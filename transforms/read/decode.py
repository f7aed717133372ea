"""Byte-level helpers for the dump readers: is it text at all, and in which encoding.

Kept apart from ``readers.py`` because the same decision (BOM, declared charset, UTF-8, a
confident guess) is needed by plain text, HTML pages and WARC payloads alike.
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

LOGGER = logging.getLogger(__name__)

# How much of a payload decides whether it is binary: enough to see past a short header.
SNIFF_BYTES = 8192
# Share of control bytes (other than whitespace/escape) above which a payload is not text.
MAX_CONTROL_SHARE = 0.05
# A charset guess noisier than this is no better than mojibake.
MAX_GUESS_CHAOS = 0.2

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes ordinary text is made of: printable, high bytes (any 8-bit/UTF-8), common whitespace.
_TEXT_BYTES = bytes(range(0x20, 0x100)) + b"\t\n\r\f\v\b\x1b"
_C0_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})""", re.IGNORECASE)
# Single-byte Latin encodings that charset_normalizer confuses with windows-1252.
LATIN_LOOKALIKES = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "mac_latin2", "mac_roman", "mac_iceland", "mac_turkish", "cp437", "cp775", "cp850", "cp852",
    "cp857", "cp858", "cp860", "cp861", "cp863", "cp865",
})

# Pages declaring latin-1 are, as browsers know, nearly always windows-1252.
_CODEC_UPGRADES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark announces, if the payload starts with one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def looks_binary(data: bytes) -> bool:
    """True for payloads that are not text (NUL bytes or many control bytes near the start).

    UTF-16/32 text legitimately holds NUL bytes, so a BOM vouches for the payload.
    """
    if not data or bom_codec(data) in ("utf-16", "utf-32"):
        return False
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _TEXT_BYTES))
    return controls > MAX_CONTROL_SHARE * len(head)


def _codec_name(label: str | bytes | None) -> str | None:
    """Python's name for a charset label, or None for labels Python does not know."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _CODEC_UPGRADES.get(name, name)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` / ``http-equiv`` near its top."""
    match = _META_CHARSET.search(data[:4096])
    return _codec_name(match.group(1)) if match else None


def header_charset(content_type: str | None) -> str | None:
    """The charset an HTTP ``Content-Type`` header declares."""
    match = _HEADER_CHARSET.search(content_type or "")
    return _codec_name(match.group(1)) if match else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_text(data: bytes, declared: str | None = None) -> str | None:
    """Decode a text payload, or None when no encoding fits it believably.

    Order: BOM, the declared charset, UTF-8, a confident ``charset_normalizer`` guess, and
    windows-1252 when the bytes are valid in it and hold no C0 controls.  A wrong declaration
    (pages saying utf-8 while being latin-1) falls through to the next step instead of
    producing replacement characters.
    """
    codec = bom_codec(data)
    if codec:
        return _strict(data, codec)
    for candidate in (_codec_name(declared), "utf-8"):
        if candidate:
            text = _strict(data, candidate)
            if text is not None:
                return text
    guesses = charset_normalizer.from_bytes(data)
    guess = guesses.best()
    if guess is not None and guess.chaos <= MAX_GUESS_CHAOS:
        # Western text fits cp1250/cp1257 and friends as well as cp1252, and the guess among
        # those Latin look-alikes is close to a coin toss; windows-1252 is by far the most
        # common of them in news, so it wins whenever the bytes are valid in it.
        if guess.encoding in LATIN_LOOKALIKES:
            text = _strict(data, "cp1252")
            if text is not None and not _C0_CONTROLS.search(text):
                return text
        LOGGER.debug("guessed encoding %s (chaos %.2f)", guess.encoding, guess.chaos)
        return str(guess)
    text = _strict(data, "cp1252")
    if text is not None and not _C0_CONTROLS.search(text):
        return text
    return None


def sample_of(data: bytes | str, limit: int = 200) -> str:
    """A printable excerpt of offending content for the quarantine table."""
    if isinstance(data, bytes):
        data = data[: limit * 4].decode("utf-8", "replace")
    return _C0_CONTROLS.sub("\ufffd", data[:limit])


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> tuple[str, int]:
    """Text with lone surrogates (from JSON escapes like ``"\\ud83d"``) replaced by U+FFFD,
    and how many there were: such text cannot be encoded as UTF-8, so Arrow refuses it."""
    return _SURROGATE.subn("\ufffd", text)
