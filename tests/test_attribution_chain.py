"""Nested attribution kept as a chain: the speaker, then whom the speaker cites."""

from __future__ import annotations

import pytest

from kronika import Pipeline
from kronika.document import Document

PIPELINE = Pipeline.default()

CHAINS = [
    # sentence, the event's type, speaker, whom the speaker cites (outermost first)
    # English
    ("Lloyd Austin held talks with Sergei Shoigu, Reuters reported, citing the Pentagon.",
     "CONSULT", "Reuters", ["US Department of Defense"]),
    ("Reuters, citing the Pentagon, reported that Lloyd Austin held talks with Sergei Shoigu.",
     "CONSULT", "Reuters", ["US Department of Defense"]),
    ("Interfax reported, citing a source in the ministry, that Russia attacked Ukraine.",
     "ASSAULT", "Interfax", ["a source in the ministry"]),
    ("Reuters reported that the Pentagon said that Lloyd Austin held talks with Sergei Shoigu.",
     "CONSULT", "Reuters", ["US Department of Defense"]),
    ("Reuters reported that Lloyd Austin held talks with Sergei Shoigu.",
     "CONSULT", "Reuters", []),
    ("Lloyd Austin held talks with Sergei Shoigu.", "CONSULT", None, []),
    # Russian
    ("Россия нанесла удар по Киеву, сообщает ТАСС со ссылкой на Минобороны.",
     "ASSAULT", "TASS", ["Russian Ministry of Defence"]),
    ("ТАСС со ссылкой на источник в ведомстве сообщает, что Шойгу провёл переговоры с Остином.",
     "CONSULT", "TASS", ["источник в ведомстве"]),
    ("Шойгу провёл переговоры с Остином, сообщает агентство со ссылкой на Минобороны.",
     "CONSULT", None, ["Russian Ministry of Defence"]),  # the cited body is not the speaker
    ("Шойгу провёл переговоры с Остином, сообщает ТАСС.", "CONSULT", "TASS", []),
]


@pytest.mark.parametrize(("text", "type_", "speaker", "cites"), CHAINS, ids=[c[0][:50] for c in CHAINS])
def test_attribution_chain(text, type_, speaker, cites):
    lang = "ru" if any("а" <= ch <= "я" for ch in text.lower()) else "en"
    doc = PIPELINE.process(text, published="2022-05-13", lang=lang)
    [event] = [e for e in doc.events if e.type == type_]
    att = event.attribution
    assert (att.speaker.name if att and att.speaker else None) == speaker
    assert ([c.name for c in att.cites] if att else []) == cites


def test_the_chain_survives_the_json_round_trip():
    doc = PIPELINE.process(CHAINS[0][0], published="2022-05-13", lang="en")
    again = Document.from_dict(doc.to_dict())
    assert again.events[0].attribution.cites == doc.events[0].attribution.cites
    assert doc.to_dict()["events"][0]["attribution"]["cites"][0]["name"] == "US Department of Defense"
