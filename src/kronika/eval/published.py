"""`kronika eval published DIR`: publication dates against gold.

DIR holds HTML pages and `gold.jsonl`, one line per page: `file`, `url` (the address a crawl
would give, or null), `published` (the true day, or null when the page gives no usable date),
`source` (which candidate should win), `flags` (the sanity flags that must be raised), `now`
(the time of ingest, ISO) and optionally `crawled` (a WARC-Date). Each page goes through the
extract stage as a WARC record would (URL and crawl date from the container) under the gold's
time of ingest. Reported: accuracy of `published` (a null gold counts as right only when
kronika gives none), accuracy of the source, recall of the gold flags, and how many pages got a
date after their time of ingest (must be 0).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from kronika.errors import GoldFileError

REQUIRED = ("file", "published", "now")


def load(folder: str | Path) -> list[dict[str, Any]]:
    path = Path(folder) / "gold.jsonl"
    if not path.is_file():
        raise GoldFileError(f"{path} is missing; a published-date gold folder holds HTML pages "
                            f"and gold.jsonl (see `kronika eval published --help`)")
    gold = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
        except ValueError as exc:
            raise GoldFileError(f"{path}:{n}: not JSON ({exc}); fix the line") from exc
        missing = [k for k in REQUIRED if k not in g]
        if missing:
            raise GoldFileError(f"{path}:{n}: lacks {', '.join(missing)}; every line needs "
                                f"{', '.join(REQUIRED)}")
        gold.append(g)
    return gold


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def predict(folder: str | Path, g: dict[str, Any]):
    """The `Publication` kronika decides for one gold page."""
    from kronika.extract import Extract
    from kronika.ingest import to_document
    from kronika.ingest.item import Item
    from kronika.published import Policy

    raw = (Path(folder) / g["file"]).read_bytes()
    item = Item(g["file"], raw=raw, format="warc" if g.get("crawled") else "html", html=True,
                url=g.get("url"),
                crawled=_instant(g["crawled"]) if g.get("crawled") else None)
    doc = Extract(policy=Policy(now=_instant(g["now"])))(to_document(item))
    return doc.publication


def score(folder: str | Path) -> dict[str, Any]:
    gold = load(folder)
    right = source_right = flags_gold = flags_found = future = 0
    errors = []
    for g in gold:
        pub = predict(folder, g)
        got = pub.value.isoformat() if pub.value else None
        flags = {f.flag for f in pub.flags}
        ok = got == g["published"]
        right += ok
        source_right += pub.source == g.get("source")
        wanted = set(g.get("flags", ()))
        flags_gold += len(wanted)
        flags_found += len(wanted & flags)
        if pub.value and pub.source != "given" and pub.value > _instant(g["now"]).date():
            future += 1
        if not ok or pub.source != g.get("source") or not wanted <= flags:
            errors.append({"file": g["file"], "trap": g.get("trap"), "gold": g["published"],
                           "got": got, "gold_source": g.get("source"), "source": pub.source,
                           "missing_flags": sorted(wanted - flags)})
    n = len(gold) or 1
    return {"pages": len(gold), "accuracy": round(right / n, 4),
            "source_accuracy": round(source_right / n, 4),
            "flag_recall": round(flags_found / flags_gold, 4) if flags_gold else 1.0,
            "future_accepted": future, "errors": errors}
