"""Stores for the API and browser tests: the bundled example article, and a hand-built document
whose every text field carries a script, event-handler or javascript: payload."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

from kronika.document import Actor, Attribution, DateInfo, Document, Entry, Event, Span

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
SVG = '<svg onload="window.__pwned = 3"></svg>'
JS_URL = "javascript:window.__pwned = 4"
PAYLOADS = (SCRIPT, IMG, SVG, JS_URL)


@cache
def example_doc() -> Document:
    from kronika import process

    raw = resources.files("kronika.data").joinpath(
        "examples/rbc-2022-05-13-shoigu-austin.en.txt").read_bytes()
    return process(raw, published="2022-05-13", lang="en",
                   uri="https://www.rbc.ru/politics/13/05/2022/example")


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def xss_doc() -> Document:
    """Payloads in the title, the text, actor names, the summary and the source URI; characters
    outside the BMP before the trigger check that the page counts offsets in code points."""
    text = (f"Ёжик 🦔𝕏 said: On 3 June 2022 {IMG} met {SVG} in talks. Then {SCRIPT} said so. "
            f"مرحبا too.")
    evil = Actor(text=SVG, name=f"Evil {IMG}", id=None, country="RUS", role=SCRIPT, kind="person")
    other = Actor(text="Bob", name=f"Bob {SCRIPT}", id="bob", country="USA", role=None,
                  kind="person")
    day = DateInfo("2022-06-03", date(2022, 6, 3), date(2022, 6, 3), "explicit")
    sentence = f"Ёжик 🦔𝕏 said: On 3 June 2022 {IMG} met {SVG} in talks."
    event = Event(id="x1", type="CONSULT", status="occurred", trigger=_span(text, "met"),
                  evidence=_span(text, sentence), sources=(evil,), targets=(other,), date=day,
                  attribution=Attribution(*_astuple(_span(text, f"Then {SCRIPT} said so.")),
                                          speaker=other, said=date(2022, 6, 4)),
                  confidence=0.8, rule="test")
    entry = Entry("xe1", "CONSULT", "occurred", (evil,), (other,), day, ("x1",), False, 0.8,
                  f"{SCRIPT} {IMG} summary", date_from="x1")
    doc = Document.from_bytes(text.encode(), text=text, title=f"Title {SCRIPT}{IMG}",
                              published=date(2022, 6, 4), source_uri=JS_URL, language="en")
    return doc.with_layers(events=(event,), timeline=(entry,))


def _astuple(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.text
