"""Transparent gzip, bz2 and xz, streamed, with a cap on the decompressed size.

A compressed file is recognised by its first bytes (not its name). Reading goes through
`CappedReader`, which counts decompressed bytes and raises `LimitError` past the cap, so a
decompression bomb costs at most the cap in time and a buffer in memory, and turns the codec's
own exceptions (truncated stream, bad data) into `CorruptInputError` with a plain message.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from typing import BinaryIO

from kronika.errors import CorruptInputError, LimitError

#: First bytes of each compressed format, and the name used in messages.
MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"))
SUFFIXES = {".gz": "gzip", ".gzip": "gzip", ".bz2": "bz2", ".xz": "xz"}
_CODEC_ERRORS = (EOFError, OSError, zlib.error, lzma.LZMAError, ValueError)


def sniff(head: bytes) -> str | None:
    """`gzip`, `bz2`, `xz`, or None for bytes that are not compressed."""
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    return None


def open_decompressed(stream: BinaryIO, kind: str) -> BinaryIO:
    """A reader of the decompressed bytes of `stream` (compressed in `kind`)."""
    if kind == "gzip":
        return gzip.GzipFile(fileobj=stream, mode="rb")
    if kind == "bz2":
        return bz2.BZ2File(stream, mode="rb")
    return lzma.LZMAFile(stream, mode="rb")


class CappedReader(io.RawIOBase):
    """Read from `stream`, raising `LimitError` once more than `cap` bytes have come out.

    `what` names the input in messages; `option` names the option that sets the cap; `codec`
    names the compression, so that a codec error reads "truncated gzip data" and not "EOFError".
    """

    def __init__(self, stream: BinaryIO, cap: int, *, what: str, option: str,
                 codec: str | None = None) -> None:
        super().__init__()
        self._stream = stream
        self.cap = cap
        self.count = 0
        self.what = what
        self.option = option
        self.codec = codec

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        try:
            chunk = self._stream.read(len(buffer))
        except _CODEC_ERRORS as exc:
            raise CorruptInputError(corrupt_message(self.what, self.codec, exc)) from exc
        n = len(chunk)
        self.count += n
        if self.count > self.cap:
            raise LimitError(f"{self.what} (decompressed)" if self.codec else self.what,
                             self.cap, self.option)
        buffer[:n] = chunk
        return n


def corrupt_message(what: str, codec: str | None, exc: BaseException) -> str:
    """One sentence for a codec failure: which input, which codec, what the codec said."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, EOFError):
        return (f"{what}: the {codec or 'compressed'} data is truncated ({detail}); the file was "
                f"cut short: download or copy it again")
    return (f"{what}: the {codec or 'compressed'} data is corrupt ({detail}); check the file "
            f"or decompress it by hand to see how much is readable")


def read_capped(stream: BinaryIO, cap: int, *, what: str, option: str) -> bytes:
    """All of `stream`, or `LimitError` if it holds more than `cap` bytes (reads cap + 1 at most)."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise LimitError(what, cap, option)
    return data
