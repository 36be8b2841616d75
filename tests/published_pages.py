"""The publication-date test pages: small HTML pages written for kronika's tests, with known
publication dates and the traps real sites set (dates in the URL that contradict the metadata,
dates in the future, CMS placeholder dates from 1970, late-night times whose UTC day is another
day, crawl dates, no date at all). `python tests/published_pages.py` rewrites
`tests/data/published/`; tests/test_published.py checks that the committed copy is current.

Every page is invented (text and sites; the domains are under .example), so no licence applies.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

FOLDER = Path(__file__).parent / "data" / "published"
#: The time of ingest the gold assumes (a date after it is in the future).
NOW = "2026-11-25T12:00:00Z"
SITES = ("news.example", "daily-wire.example", "gazeta.example", "world-report.example")

BODIES_EN = (
    "Officials from both countries met to discuss grain exports through the Black Sea. "
    "The delegations agreed to continue the talks next month, a spokesman said after the "
    "meeting. Neither side gave details of the proposals on the table.",
    "The city council approved a new budget for public transport after a long debate. "
    "The plan adds night buses on six routes and repairs two bridges over the river. "
    "Critics said the fares would still rise for most passengers.",
    "Rescue teams reached the mountain village cut off by floods, the regional governor said. "
    "Helicopters delivered food and medicine to about three hundred residents. "
    "Roads in the valley remain closed while engineers inspect the damage.",
    "The central bank kept its key interest rate unchanged, citing slowing inflation. "
    "Analysts had expected the decision and said a cut was possible later in the year. "
    "The currency was little changed after the announcement.",
)
BODIES_RU = (
    "Делегации двух стран провели переговоры об экспорте зерна. Стороны договорились "
    "продолжить консультации в следующем месяце, сообщил представитель министерства. "
    "Подробности предложений не раскрываются.",
    "Городской совет утвердил новый бюджет общественного транспорта. План предусматривает "
    "ночные автобусы на шести маршрутах и ремонт двух мостов через реку. Критики заявили, "
    "что стоимость проезда всё равно вырастет.",
)
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря")


def _meta(style: str, stamp: str) -> str:
    if style == "og":
        return f'<meta property="article:published_time" content="{stamp}">'
    if style == "jsonld":
        return ('<script type="application/ld+json">'
                + json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                              "datePublished": stamp}) + "</script>")
    if style == "itemprop":
        return f'<meta itemprop="datePublished" content="{stamp}">'
    return f'<meta name="dc.date" content="{stamp}">'


def page(title: str, body: str, *, head: str = "", lang: str = "en", dateline: str = "",
         aside: str = "") -> str:
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    first = f"<p>{dateline}</p>" if dateline else ""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{title}</title>{head}</head><body>"
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f"<article><h1>{title}</h1>{first}{paras}</article>{aside}"
            f"<footer>© News Example</footer></body></html>")


def _url(site: str, day: date | None, slug: str, style: int) -> str:
    if day is None:
        return f"https://{site}/world/{slug}"
    return (f"https://{site}/{day:%Y/%m/%d}/{slug}" if style % 2 else
            f"https://{site}/news/{day:%Y-%m-%d}-{slug}")


def _day(rng: random.Random, start: date = date(2015, 1, 1), end: date = date(2026, 11, 1)
         ) -> date:
    return start + timedelta(days=rng.randrange((end - start).days))


def _dateline_en(city: str, d: date) -> str:
    return f"{city}, {MONTHS_EN[d.month - 1]} {d.day}, {d.year} — "


def cases() -> list[tuple[str, str, dict]]:
    """(file name, HTML, gold) for every page."""
    rng = random.Random(14)
    out: list[tuple[str, str, dict]] = []
    styles = ("og", "jsonld", "itemprop", "dc")

    def add(kind: str, html: str, gold: dict) -> None:
        name = f"{len(out) + 1:03d}-{kind}.html"
        out.append((name, html, {"file": name, "trap": kind, "now": NOW, **gold}))

    for i in range(8):  # metadata only, with a time and an offset
        d = _day(rng)
        stamp = f"{d}T{rng.randrange(6, 20):02d}:{rng.randrange(60):02d}:00+0{i % 4}:00"
        add("metadata", page("Talks on exports", BODIES_EN[i % 4],
                             head=_meta(styles[i % 4], stamp)),
            {"url": None, "published": d.isoformat(), "source": "metadata", "flags": []})
    for i in range(8):  # metadata and URL agree
        d, site = _day(rng), SITES[i % 4]
        add("agree", page("Budget approved", BODIES_EN[(i + 1) % 4],
                          head=_meta(styles[i % 4], d.isoformat())),
            {"url": _url(site, d, "budget-approved", i), "published": d.isoformat(),
             "source": "metadata", "flags": []})
    for i in range(9):  # URL contradicts metadata: metadata kept, flagged
        d = _day(rng)
        other = d - timedelta(days=rng.randrange(1, 400))
        add("contradiction", page("Floods cut off a village", BODIES_EN[2],
                                  head=_meta(styles[i % 4], d.isoformat())),
            {"url": _url(SITES[i % 4], other, "floods", i), "published": d.isoformat(),
             "source": "metadata", "flags": ["url-contradicts-metadata"]})
    for i in range(8):  # URL only
        d = _day(rng)
        add("url-only", page("Rate unchanged", BODIES_EN[3]),
            {"url": _url(SITES[i % 4], d, "rate-unchanged", i), "published": d.isoformat(),
             "source": "url", "flags": []})
    for i in range(8):  # a dateline in the text only
        d = _day(rng)
        if i % 2:
            line = f"МОСКВА, {d.day} {MONTHS_RU[d.month - 1]} {d.year} г. — "
            html = page("Переговоры о зерне", BODIES_RU[i % 2], lang="ru", dateline=line)
        else:
            line = _dateline_en(("LONDON", "GENEVA", "KYIV", "WASHINGTON")[i % 4], d)
            html = page("Talks on exports", BODIES_EN[i % 4], dateline=line)
        add("dateline", html, {"url": None, "published": d.isoformat(), "source": "text",
                               "flags": []})
    for i in range(8):  # no date anywhere
        add("missing", page("Rescue teams reach village", BODIES_EN[i % 4]),
            {"url": f"https://{SITES[i % 4]}/world/story-{i}", "published": None,
             "source": None, "flags": ["missing"]})
    for i in range(8):  # metadata in the future, the URL has the real day
        d = _day(rng, date(2025, 1, 1), date(2026, 11, 20))
        future = date(2027 + i % 3, rng.randrange(1, 13), rng.randrange(1, 28))
        add("future-metadata", page("Council debate", BODIES_EN[1],
                                    head=_meta(styles[i % 4], future.isoformat())),
            {"url": _url(SITES[i % 4], d, "council", i), "published": d.isoformat(),
             "source": "url", "flags": ["future", "url-contradicts-metadata"]})
    for i in range(6):  # only a future date: nothing accepted
        future = date(2027, 1 + i, 10)
        add("future-only", page("Council debate", BODIES_EN[1],
                                head=_meta(styles[i % 4], future.isoformat())),
            {"url": None, "published": None, "source": None, "flags": ["future", "missing"]})
    for i in range(7):  # a CMS placeholder date (1970) before the floor; the URL is right
        d = _day(rng)
        add("before-floor", page("Rate unchanged", BODIES_EN[3],
                                 head=_meta(styles[i % 4], "1970-01-01T00:00:00+00:00")),
            {"url": _url(SITES[i % 4], d, "rate", i), "published": d.isoformat(),
             "source": "url", "flags": ["before-floor", "url-contradicts-metadata"]})
    for i in range(8):  # late at night west of Greenwich: the UTC day is the next day
        d = _day(rng)
        stamp = f"{d}T23:{10 + i * 5:02d}:00-0{4 + i % 4}:00"
        add("late-night", page("Talks on exports", BODIES_EN[0],
                               head=_meta(styles[i % 4], stamp)),
            {"url": None, "published": d.isoformat(), "source": "metadata", "flags": [],
             "utc_day": (d + timedelta(days=1)).isoformat()})
    for i in range(6):  # early morning in Moscow: the UTC day is the day before
        d = _day(rng)
        stamp = f"{d}T0{i % 3}:30:00+03:00"
        add("moscow-morning", page("Переговоры о зерне", BODIES_RU[0], lang="ru",
                                   head=_meta(styles[i % 4], stamp)),
            {"url": None, "published": d.isoformat(), "source": "metadata", "flags": []})
    for i in range(6):  # stamped in UTC, written in Moscow (dateline): the Moscow day
        d = _day(rng)
        utc = datetime(d.year, d.month, d.day, 0, 30) - timedelta(hours=1 + i % 2)
        add("utc-dateline", page("Talks on exports", BODIES_EN[0],
                                 head=_meta(styles[i % 4], f"{utc:%Y-%m-%dT%H:%M:%S}Z"),
                                 dateline="MOSCOW (Reuters) — "),
            {"url": None, "published": d.isoformat(), "source": "metadata", "flags": []})
    for i in range(6):  # only the crawl date is known: it never passes for the article's
        crawled = _day(rng)
        add("crawl-only", page("Rescue teams reach village", BODIES_EN[2]),
            {"url": f"https://{SITES[i % 4]}/world/rescue-{i}", "published": None,
             "source": None, "flags": ["crawl-date-only", "missing"],
             "crawled": f"{crawled}T08:00:00Z"})
    for i in range(5):  # a metadata date after the crawl: impossible, the URL date is used
        crawled = _day(rng, date(2018, 1, 1), date(2024, 1, 1))
        later = crawled + timedelta(days=30 + i)
        d = crawled - timedelta(days=2)
        add("after-crawl", page("Budget approved", BODIES_EN[1],
                                head=_meta(styles[i % 4], later.isoformat())),
            {"url": _url(SITES[i % 4], d, "budget", i), "published": d.isoformat(),
             "source": "url", "flags": ["future", "url-contradicts-metadata"],
             "crawled": f"{crawled}T08:00:00Z"})
    for i, stamp in enumerate(("2021-12-31T23:50:00-05:00", "2020-12-31T22:00:00-08:00",
                               "2024-02-29T10:00:00+01:00", "2020-02-29T23:59:00-03:00",
                               "2015-12-31T23:30:00-06:00", "2026-01-01T00:10:00+03:00")):
        add("calendar-edge", page("Talks on exports", BODIES_EN[i % 4],
                                  head=_meta(styles[i % 4], stamp)),
            {"url": None, "published": stamp[:10], "source": "metadata", "flags": []})
    for i in range(5):  # modified later than published: the publication date is kept
        d = _day(rng, date(2015, 1, 1), date(2026, 1, 1))
        mod = d + timedelta(days=10 + i)
        head = (f'<meta property="article:published_time" content="{d}T09:00:00+00:00">'
                f'<meta property="article:modified_time" content="{mod}T09:00:00+00:00">')
        add("modified-later", page("Budget approved", BODIES_EN[1], head=head),
            {"url": None, "published": d.isoformat(), "source": "metadata", "flags": []})
    return out


def write(folder: Path = FOLDER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.html"):
        old.unlink()
    gold = []
    for name, html, g in cases():
        (folder / name).write_text(html, encoding="utf-8")
        gold.append(json.dumps(g, ensure_ascii=False, sort_keys=True))
    (folder / "gold.jsonl").write_text("\n".join(gold) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
