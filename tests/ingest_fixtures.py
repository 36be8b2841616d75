"""Small generated inputs for the ingest tests: pages, WARCs, feeds (nothing big is committed)."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STORY = ("US Secretary of Defense Lloyd Austin held talks with Russian Defense Minister Sergei "
         "Shoigu on Friday, the Pentagon said in a statement on its website. The two ministers "
         "spoke for about an hour. Austin urged an immediate ceasefire in Ukraine and stressed "
         "the importance of keeping lines of communication open.")
STORY_RU = ("Министр обороны России Сергей Шойгу провёл телефонный разговор с главой Пентагона "
            "Ллойдом Остином, сообщило Министерство обороны. Стороны обсудили вопросы "
            "международной безопасности и ситуацию на Украине. Разговор длился около часа.")


def page(title: str = "Talks in Geneva", body: str = STORY, *, lang: str = "en",
         charset: str | None = None, extra_head: str = "") -> str:
    """A news page with furniture around the article."""
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>{p}</p>" for p in body.split(". "))
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title} | Daily News</title>'
            f"{extra_head}</head><body>"
            '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>'
            "</nav><div class=\"cookie\">We use cookies. Accept all cookies</div>"
            f"<article><h1>{title}</h1>{paras}</article>"
            '<aside><h3>Related</h3><ul><li><a href="/a">Markets fall again</a></li>'
            '<li><a href="/b">Weather: rain tomorrow</a></li></ul></aside>'
            "<footer>Copyright 2022 Daily News. All rights reserved. Privacy policy.</footer>"
            "</body></html>")


def warc(bodies: list[bytes], *, gzip: bool = False, content_type: str = "text/html") -> tuple[
        bytes, list[int]]:
    """A WARC with one response record per body, and the offset of each record."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    offsets = []
    for i, body in enumerate(bodies):
        offsets.append(buf.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", f"{content_type}; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example.com/story/{i}", "response", payload=io.BytesIO(body),
            http_headers=headers))
    return buf.getvalue(), offsets


def corrupt(data: bytes, at: int) -> bytes:
    """`data` with the record header at offset `at` overwritten by garbage."""
    b = bytearray(data)
    b[at + 2:at + 40] = b"\x00garbage" * 4 + b"\x00" * 6
    return bytes(b)


def rss(items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed: (title, RFC 822 date, HTML content) per item."""
    entries = "".join(
        f"<item><title>{t}</title><link>https://news.example.com/{i}</link>"
        f"<pubDate>{d}</pubDate><description><![CDATA[{c}]]></description></item>"
        for i, (t, d, c) in enumerate(items))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Daily News</title><link>https://news.example.com/</link>"
            f"<description>News</description>{entries}</channel></rss>")
