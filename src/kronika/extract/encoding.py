"""Bytes → text, and the name of the encoding that was used (reported with the document).

Order: a byte-order mark (UTF-8, UTF-16); strict UTF-8; for HTML, the page's own `<meta charset>`
(or `http-equiv` Content-Type) when that codec decodes the bytes; UTF-8 with a few invalid bytes
replaced when the rest is clearly UTF-8; then charset-normalizer's best guess (cp1251, koi8-r,
latin-1, ...). Binary data (NUL bytes without a UTF-16 mark, or no encoding found) is refused.
"""

from __future__ import annotations

import codecs
import re

from kronika.errors import DecodingError

#: UTF-8 with invalid bytes is still read as UTF-8 (the bad bytes become U+FFFD) when its valid
#: multi-byte characters outnumber the invalid bytes this many times. Set by hand: one broken
#: byte in a Russian UTF-8 article must not turn the article into cp1257 mojibake, while cp1251
#: and latin-1 text (no valid multi-byte sequences at all) must go to detection.
UTF8_EVIDENCE_RATIO = 10
#: When charset-normalizer rates several encodings equally (it often cannot tell cp1250 from
#: cp1252 on French or German text), the first of these wins: the legacy encodings of English
#: and Russian news sites, then Western European ones.
PREFERRED = ("cp1251", "koi8-r", "cp1252", "iso8859-1", "iso8859-5", "mac-cyrillic", "cp866")
#: Bytes looked at for NULs (binary) and for the HTML meta charset.
HEAD_BYTES = 4096
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"),
         (codecs.BOM_UTF32_LE, "utf-32", "UTF-32 (BOM)"),
         (codecs.BOM_UTF32_BE, "utf-32", "UTF-32 (BOM)"),
         (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 (BOM)"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 (BOM)"))
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_UNDECODABLE = ("the input is not text in any encoding kronika can detect (UTF-8, UTF-16, cp1251, "
                "koi8-r, latin-1); convert it to UTF-8 or check that it is not a binary file")


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """(text, encoding used), e.g. `("Шойгу…", "cp1251")` or `("…", "UTF-8")`."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise DecodingError(f"the input starts with a {name} mark but is not valid "
                                    f"{codec} ({exc.reason} at byte {exc.start}); re-save it "
                                    f"as UTF-8") from exc
    if b"\x00" in data[:HEAD_BYTES]:
        raise DecodingError("the input has NUL bytes and no UTF-16 mark, so it is text in no "
                            "encoding: it looks like a binary file; check what the file is")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if html:
        declared = meta_charset(data)
        if declared:
            try:
                return data.decode(declared), f"{declared} (HTML meta charset)"
            except UnicodeDecodeError:
                pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if good >= UTF8_EVIDENCE_RATIO * bad:
        return text, f"UTF-8 ({bad} invalid byte sequence{'s' if bad > 1 else ''} replaced)"
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise DecodingError(_UNDECODABLE)
    tied = {codecs.lookup(m.encoding).name: m for m in results
            if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    name = next((n for n in PREFERRED if n in tied), codecs.lookup(best.encoding).name)
    return str(tied.get(name, best)), name


def meta_charset(data: bytes) -> str | None:
    """The codec an HTML page declares in its head, if Python knows it."""
    m = _META_CHARSET.search(data[:HEAD_BYTES])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
