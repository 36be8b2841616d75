"""`kronika eval timex`: time expressions scored the way TempEval-3 scores them.

Gold comes in three formats, all read into `GoldDoc`s (text, creation date, expressions):
- TimeML `.tml` files (TempEval-3): the `<DCT>` timex gives the creation date, the `<TEXT>`
  element the text, its inline `<TIMEX3>` tags the expressions;
- MEANTIME CAT XML (NewsReader, `<Document>` with `<token>`s and `<Markables>`): the tokens are
  joined into text (no space before closing punctuation), expressions are their token anchors;
  the `CREATION_TIME` timex gives the creation date (it is in the text and is scored as well;
  where a file has none, the full date on the dateline, sentence 1, stands in for it).
  MEANTIME annotates only the title and the first sentences of each article (sentences 0 to
  `MEANTIME_SENTENCES - 1`), so only those are kept: the rest would count correct finds as
  spurious;
- the project's JSONL gold: one `kronika.document/1`-like object per line with `text`,
  `published`, `language` and `timexes` (`start`, `end`, `type`, `value`).
A folder is read whole (its `.tml`, `.xml` and `.jsonl` files, sorted).

Scores (UzZaman et al. 2013, TempEval-3): a system expression matches a gold one strictly when
the spans are equal and relaxedly when they overlap (one-to-one, the first overlap wins).
Span precision is matched system / system, recall matched gold / gold. Type and value are
attribute F1s over the relaxed matches: attribute precision = relaxed matches with the same
attribute / system, recall = the same count / gold.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kronika.errors import GoldFileError

__all__ = ["GoldDoc", "GoldTimex", "Score", "load", "meantime", "score", "timeml", "to_jsonl"]

#: Tokens with no space before them when MEANTIME tokens are joined into text.
NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "'s", "n't", "'", "%",
                             "'re", "'ve", "'ll", "'d", "'m"})
NO_SPACE_AFTER = frozenset({"(", "[", "$", "US$", "#"})
#: Sentences of a MEANTIME article that are annotated (checked on all 120 English files: no
#: markable of any kind lies beyond sentence 5).
MEANTIME_SENTENCES = 6


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str | None


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    published: date | None
    language: str
    timexes: tuple[GoldTimex, ...]


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type: int = 0
    value: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Score:
    documents: int
    gold: int
    system: int
    strict: tuple[float, float, float]  # precision, recall, F1
    relaxed: tuple[float, float, float]
    type: tuple[float, float, float]
    value: tuple[float, float, float]
    errors: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        def prf(t: tuple[float, float, float]) -> dict[str, float]:
            return {"precision": round(t[0], 4), "recall": round(t[1], 4), "f1": round(t[2], 4)}

        return {"documents": self.documents, "gold": self.gold, "system": self.system,
                "strict": prf(self.strict), "relaxed": prf(self.relaxed),
                "type": prf(self.type), "value": prf(self.value)}


# --- readers -------------------------------------------------------------------------------------

def _parse_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GoldFileError(f"{path} is not well-formed XML ({exc}); fix or remove the file") \
            from exc


def _day(value: str | None) -> date | None:
    """An ISO day, or a DD-MM-YYYY one (a few MEANTIME creation times are written so)."""
    v = (value or "")[:10]
    try:
        return date.fromisoformat(v)
    except ValueError:
        pass
    try:
        return date(int(v[6:10]), int(v[3:5]), int(v[:2]))
    except ValueError:
        return None


def timeml(path: Path) -> GoldDoc:
    """A TempEval-3 `.tml` file."""
    root = _parse_xml(path)
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if body is None:
        raise GoldFileError(f"{path} has no <TEXT> element; is it a TimeML (.tml) file?")
    parts: list[str] = [body.text or ""]
    pos = len(parts[0])
    found = []
    for el in body:
        inner = "".join(el.itertext())
        if el.tag == "TIMEX3":
            found.append(GoldTimex(pos, pos + len(inner), el.get("type", "DATE"), el.get("value")))
        parts.append(inner)
        parts.append(el.tail or "")
        pos += len(inner) + len(el.tail or "")
    doc_id = root.findtext("DOCID") or path.stem
    return GoldDoc(doc_id.strip(), "".join(parts), _day(dct.get("value") if dct is not None
                                                        else None), "en", tuple(found))


def meantime(path: Path) -> GoldDoc:
    """A MEANTIME CAT XML file: tokens joined into text, one line per sentence."""
    root = _parse_xml(path)
    if root.tag != "Document":
        raise GoldFileError(f"{path}: root is <{root.tag}>, not MEANTIME's <Document>")
    spans: dict[str, tuple[int, int]] = {}
    sentences: dict[str, str | None] = {}
    out: list[str] = []
    pos, sentence, prev = 0, None, ""
    for tok in root.iter("token"):
        if int(tok.get("sentence") or 0) >= MEANTIME_SENTENCES:
            continue
        word = tok.text or ""
        sep = ""
        if sentence is not None and tok.get("sentence") != sentence:
            sep = "\n"
        elif out and word not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
            sep = " "
        out.append(sep + word)
        pos += len(sep)
        spans[tok.get("t_id", "")] = (pos, pos + len(word))
        sentences[tok.get("t_id", "")] = tok.get("sentence")
        pos += len(word)
        sentence, prev = tok.get("sentence"), word
    found, published, dateline = [], None, None
    for x in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in x.findall("token_anchor")]
        if x.get("functionInDocument") == "CREATION_TIME":
            published = _day(x.get("value"))
        elif ids and all(sentences.get(i) == "1" for i in ids) and len(x.get("value") or "") == 10:
            dateline = dateline or _day(x.get("value"))
        if not ids or any(i not in spans for i in ids):
            continue  # an empty timex: no words in the text
        found.append(GoldTimex(min(spans[i][0] for i in ids), max(spans[i][1] for i in ids),
                               x.get("type", "DATE"), x.get("value")))
    return GoldDoc(root.get("doc_id") or path.stem, "".join(out), published or dateline,
                   root.get("lang") or "en", tuple(sorted(found, key=lambda t: t.start)))


def _jsonl(path: Path) -> list[GoldDoc]:
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            if not isinstance(d.get("text"), str):
                raise TypeError("text is not a string")
            docs.append(GoldDoc(
                str(d.get("id", f"{path.stem}:{n}")), d["text"], _day(d.get("published")),
                d.get("language", "en"),
                tuple(GoldTimex(t["start"], t["end"], t.get("type", "DATE"), t.get("value"))
                      for t in d.get("timexes", []))))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldFileError(f"{path} line {n} is not a gold document ({exc!r}); each line "
                                f"needs text, published and timexes [{{start, end, type, "
                                f"value}}]") from exc
    return docs


def load(path: str | Path) -> list[GoldDoc]:
    """The gold documents of a file or folder (.tml, MEANTIME .xml, .jsonl)."""
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.suffix in (".tml", ".xml", ".jsonl"))
        if not files:
            raise GoldFileError(f"{p} holds no .tml, .xml or .jsonl gold files")
        return [d for f in files for d in load(f)]
    if not p.exists():
        raise GoldFileError(f"no gold file {p}; give a .tml, MEANTIME .xml or .jsonl file")
    if p.suffix == ".jsonl":
        return _jsonl(p)
    if p.suffix == ".tml":
        return [timeml(p)]
    if p.suffix == ".xml":
        return [meantime(p)]
    raise GoldFileError(f"{p}: unknown gold format; use .tml, MEANTIME .xml or .jsonl")


def to_jsonl(docs: Iterable[GoldDoc]) -> str:
    """Gold documents as the project's JSONL gold."""
    lines = []
    for d in docs:
        lines.append(json.dumps({
            "id": d.id, "published": d.published and d.published.isoformat(),
            "language": d.language, "text": d.text,
            "timexes": [{"start": t.start, "end": t.end, "text": d.text[t.start:t.end],
                         "type": t.type, "value": t.value} for t in d.timexes],
        }, ensure_ascii=False))
    return "\n".join(lines) + "\n"


# --- scoring -------------------------------------------------------------------------------------

def _prf(hit: int, system: int, gold: int) -> tuple[float, float, float]:
    p = hit / system if system else 0.0
    r = hit / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def count(gold: GoldDoc, system: Sequence[GoldTimex], c: Counts) -> None:
    """Add one document's matches to `c`."""
    c.gold += len(gold.timexes)
    c.system += len(system)
    used: set[int] = set()
    strict = {(t.start, t.end) for t in gold.timexes}
    c.strict += sum((s.start, s.end) in strict for s in system)
    for s in system:
        g = next((i for i, t in enumerate(gold.timexes)
                  if i not in used and t.start < s.end and s.start < t.end), None)
        if g is None:
            c.errors.append({"doc": gold.id, "kind": "spurious",
                             "text": gold.text[s.start:s.end], "got": s.value})
            continue
        used.add(g)
        t = gold.timexes[g]
        c.relaxed += 1
        c.type += s.type == t.type
        c.value += s.value == t.value
        if s.value != t.value:
            c.errors.append({"doc": gold.id, "kind": "value", "text": gold.text[s.start:s.end],
                             "gold_text": gold.text[t.start:t.end], "want": t.value,
                             "got": s.value})
    for i, t in enumerate(gold.timexes):
        if i not in used:
            c.errors.append({"doc": gold.id, "kind": "missed",
                             "text": gold.text[t.start:t.end], "want": t.value})


def score(docs: Sequence[GoldDoc], system: Callable[[GoldDoc], Sequence[GoldTimex]]) -> Score:
    """Run `system` on each gold document and score it."""
    c = Counts()
    for d in docs:
        count(d, system(d), c)
    return Score(len(docs), c.gold, c.system, _prf(c.strict, c.system, c.gold),
                 _prf(c.relaxed, c.system, c.gold), _prf(c.type, c.system, c.gold),
                 _prf(c.value, c.system, c.gold), tuple(c.errors))


def kronika_system(doc: GoldDoc) -> list[GoldTimex]:
    """kronika's tagger on a gold document's text (published = the gold creation date)."""
    from kronika.language.sentences import split
    from kronika.timex import tag

    return [GoldTimex(t.start, t.end, t.type, t.value)
            for t in tag(doc.text, split(doc.text), doc.published, lang=doc.language)]


def predictions(path: str | Path) -> dict[str, list[GoldTimex]]:
    """System output read from a file in any gold format, by document id."""
    return {d.id: list(d.timexes) for d in load(path)}
