"""Where uploaded files go: `<store folder>/kronika-uploads/<document id><suffix>`, nowhere else.

The client's file name is used for two things only: a display name (`upload:talks.txt`, with
every path part and odd character removed) and a suffix from a fixed list. No name (`../x`,
`/etc/passwd`, `C:\\x`, `....//`) can place a file outside the folder, and an upload folder that
is a link to somewhere else is refused.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from kronika.errors import UsageError

UPLOAD_FOLDER = "kronika-uploads"
UPLOAD_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml"}


def safe_name(name: str) -> str:
    """The last part of a client's file name with only harmless characters (for display)."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ]", "_", base).strip(". ")
    return base[:100] or "upload"


def keep_upload(folder: Path, doc_id: str, name: str, raw: bytes) -> Path:
    """Keep an uploaded file as `<store folder>/kronika-uploads/<document id><suffix>`.

    The client's name contributes only a suffix from a fixed list, so no name (`../x`,
    `/etc/passwd`, `C:\\x`) can place the file anywhere else.
    """
    suffix = PurePosixPath(safe_name(name)).suffix.lower()
    suffix = suffix if suffix in UPLOAD_SUFFIXES else ".bin"
    if not re.fullmatch(r"[0-9a-f]{64}", doc_id):
        raise UsageError(f"document id {doc_id!r} is not a sha256 hex digest")
    uploads = folder / UPLOAD_FOLDER
    uploads.mkdir(exist_ok=True)
    target = (uploads / f"{doc_id}{suffix}").resolve()
    if target.parent != uploads.resolve() or not target.is_relative_to(folder.resolve()):
        raise UsageError(f"the upload folder {uploads} points outside the store's folder; "
                         f"remove that link")
    if not target.exists():
        target.write_bytes(raw)
    return target

