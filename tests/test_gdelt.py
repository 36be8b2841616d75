"""The GDELT-style event table: one row per event, CAMEO codes, actors' codes, dates, source."""

from __future__ import annotations

from datetime import date

from kronika.document import PLOVER_TYPES, Actor, DateInfo, Document, Event, Span
from kronika.store import Store
from kronika.timeline.export import GDELT_COLUMNS, cameo, gdelt_rows

AUSTIN = Actor("Austin", "Lloyd Austin", "lloyd-austin", "USA", None, "person")
SHOIGU = Actor("Шойгу", "Sergei Shoigu", "sergei-shoigu", "RUS", None, "person")


def _doc(name, text, lang, type_="CONSULT"):
    d = Document.from_bytes(text.encode(), text=text, published=date(2022, 5, 13), language=lang,
                            source_uri=f"https://example.org/{name}")
    span = Span(0, len(text), text)
    e = Event(id=f"ev-{name}", type=type_, status="occurred", trigger=span, evidence=span,
              sources=(AUSTIN,), targets=(SHOIGU,),
              date=DateInfo(None, date(2022, 5, 13), date(2022, 5, 13), "explicit"))
    return d.with_layers(events=(e,))


def test_every_plover_type_has_a_cameo_code():
    for t in PLOVER_TYPES:
        code = cameo()[t]
        assert code["code"].startswith(code["root"]) and code["quad"] in (1, 2, 3, 4)


def test_one_row_per_event_with_codes_date_and_source():
    with Store(":memory:") as store:
        store.add(_doc("en", "Austin spoke with Shoigu on May 13.", "en"))
        store.add(_doc("ru", "Остин 13 мая провёл разговор с Шойгу.", "ru"))
        rows = list(gdelt_rows(store))
    assert len(rows) == 2 and all(tuple(r) == GDELT_COLUMNS for r in rows)
    assert {r["SOURCEURL"] for r in rows} == {"https://example.org/en", "https://example.org/ru"}
    r = rows[0]
    assert (r["SQLDATE"], r["EventCode"], r["EventRootCode"], r["QuadClass"]) == (
        "20220513", "040", "04", 1)
    assert (r["Actor1Code"], r["Actor2Code"], r["Actor2KronikaId"]) == ("USA", "RUS",
                                                                        "sergei-shoigu")
    assert rows[0]["EntryId"] == rows[1]["EntryId"] and r["NumArticles"] == 2
    assert sum(x["IsRootEvent"] for x in rows) == 1
