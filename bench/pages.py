"""Synthetic news pages around real article texts, so that the article body is known exactly.

Each page wraps one Wikinews article (title + body, CC BY 2.5) in one of several site templates
with the furniture real news sites carry: navigation, breadcrumbs, cookie banners, share
buttons, "read also" links between paragraphs, related and most-read lists, tags, comments,
newsletter boxes, advertising slots and footers. The pages are generated, not scraped: the
texts are real, the sites are not (DATA.md says so). `page(article, template)` is deterministic.
"""

from __future__ import annotations

import html
import random

LABELS = {
    "en": dict(home="Home", world="World", politics="Politics", business="Business",
               sport="Sport", culture="Culture", share="Share", tweet="Tweet",
               email="Email", related="Related stories", most="Most read",
               comments="Comments", cookie="We use cookies to improve your experience. "
               "By continuing to browse you agree to our cookie policy.", accept="Accept all",
               newsletter="Get the morning briefing in your inbox", subscribe="Subscribe",
               read_also="Read also", ad="Advertisement", tags="Tags",
               rights="All rights reserved.", privacy="Privacy policy", terms="Terms of use",
               contact="Contact us", by="By", staff="Staff reporter", reply="Reply",
               commenters=["Mark_77", "lisa.k", "JohnDoe"],
               comment_texts=["Great article, thanks for sharing!",
                              "I don't agree with this at all.",
                              "Finally someone reports on this."],
               teasers=["Markets fall for the third day in a row",
                        "Weather: heavy rain expected this weekend",
                        "Ten things to do in the city this summer",
                        "Local team wins the cup after penalties",
                        "How to save money on your energy bills"]),
    "ru": dict(home="Главная", world="В мире", politics="Политика", business="Экономика",
               sport="Спорт", culture="Культура", share="Поделиться", tweet="Твитнуть",
               email="Почта", related="Читайте также", most="Самое читаемое",
               comments="Комментарии", cookie="Мы используем файлы cookie. Продолжая "
               "пользоваться сайтом, вы соглашаетесь с их использованием.",
               accept="Принять", newsletter="Главные новости дня на вашу почту",
               subscribe="Подписаться", read_also="Читайте также", ad="Реклама",
               tags="Теги", rights="Все права защищены.",
               privacy="Политика конфиденциальности", terms="Пользовательское соглашение",
               contact="Контакты", by="Автор:", staff="Корреспондент", reply="Ответить",
               commenters=["Иван_П", "marina", "Сергей1980"],
               comment_texts=["Спасибо за статью!", "Полностью не согласен с автором.",
                              "Наконец-то об этом написали."],
               teasers=["Курс рубля снова упал", "Синоптики обещают дожди в выходные",
                        "Куда сходить в городе этим летом", "Команда выиграла кубок по пенальти",
                        "Как сэкономить на коммунальных услугах"]),
}
SITES = ["Daily Planet", "The Morning Post", "Городские вести", "News Wire 24"]
TEMPLATES = ("classic", "magazine", "portal", "blog")


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _nav(lb) -> str:
    items = "".join(f'<li><a href="/{k}">{_e(lb[k])}</a></li>'
                    for k in ("home", "world", "politics", "business", "sport", "culture"))
    return f'<nav class="main-nav"><ul>{items}</ul></nav>'


def _share(lb) -> str:
    return (f'<div class="share"><span>{_e(lb["share"])}:</span> <a href="#fb">Facebook</a> '
            f'<a href="#tw">{_e(lb["tweet"])}</a> <a href="#mail">{_e(lb["email"])}</a></div>')


def _teasers(lb, title_key: str, rng: random.Random) -> str:
    picks = rng.sample(lb["teasers"], 3)
    items = "".join(f'<li><a href="/story/{i}">{_e(t)}</a></li>' for i, t in enumerate(picks))
    return f'<section class="teasers"><h3>{_e(lb[title_key])}</h3><ul>{items}</ul></section>'


def _comments(lb) -> str:
    items = "".join(
        f'<div class="comment"><span class="user">{_e(u)}</span><p>{_e(t)}</p>'
        f'<a href="#r">{_e(lb["reply"])}</a></div>'
        for u, t in zip(lb["commenters"], lb["comment_texts"], strict=True))
    return f'<section id="comments" class="comments"><h3>{_e(lb["comments"])} (3)</h3>{items}</section>'


def _footer(lb, site: str) -> str:
    return (f'<footer><p>© 2020 {_e(site)}. {_e(lb["rights"])}</p><ul>'
            f'<li><a href="/privacy">{_e(lb["privacy"])}</a></li>'
            f'<li><a href="/terms">{_e(lb["terms"])}</a></li>'
            f'<li><a href="/contact">{_e(lb["contact"])}</a></li></ul></footer>')


def page(article: dict, template: str, seed: int = 0) -> str:
    """An HTML page holding `article` ({"title", "text", "lang", "published"?}) in `template`."""
    rng = random.Random(seed)
    lb = LABELS["ru" if article["lang"] == "ru" else "en"]
    site = SITES[TEMPLATES.index(template) % len(SITES)]
    title, paras = article["title"], paragraphs(article["text"])
    date = article.get("published") or ""
    body_ps = [f"<p>{_e(p)}</p>" for p in paras]
    if template in ("magazine", "portal") and len(body_ps) > 3:  # "read also" inside the body
        teaser = rng.choice(lb["teasers"])
        body_ps.insert(2, f'<p class="read-also"><strong>{_e(lb["read_also"])}:</strong> '
                          f'<a href="/story/x">{_e(teaser)}</a></p>')
    if template == "portal" and len(body_ps) > 5:
        body_ps.insert(5, f'<div class="ad"><span>{_e(lb["ad"])}</span><div id="ad-slot-1">'
                          f'</div></div>')
    byline = (f'<div class="byline">{_e(lb["by"])} <span class="author">{_e(lb["staff"])}'
              f'</span> <time datetime="{date}">{date}</time></div>')
    cookie = (f'<div id="cookie-banner" class="cookie-consent"><p>{_e(lb["cookie"])}</p>'
              f'<button>{_e(lb["accept"])}</button></div>')
    newsletter = (f'<div class="newsletter"><h4>{_e(lb["newsletter"])}</h4><form><input '
                  f'type="email"><button>{_e(lb["subscribe"])}</button></form></div>')
    tags = (f'<div class="tags">{_e(lb["tags"])}: <a href="/t/1">{_e(lb["world"])}</a> '
            f'<a href="/t/2">{_e(lb["politics"])}</a></div>')
    head = (f'<head><meta charset="utf-8"><title>{_e(title)} | {_e(site)}</title>'
            f'<meta name="viewport" content="width=device-width">'
            f'<script>window.dataLayer=[];function gtag(){{dataLayer.push(arguments)}}</script>'
            f'<style>body{{font-family:serif}} .ad{{min-height:250px}}</style></head>')
    article_html = "".join(body_ps)
    if template == "classic":
        body = (f'<body>{cookie}<header><div class="logo">{_e(site)}</div>{_nav(lb)}</header>'
                f'<div class="breadcrumbs"><a href="/">{_e(lb["home"])}</a> › '
                f'<a href="/world">{_e(lb["world"])}</a></div>'
                f'<div class="container"><article><h1>{_e(title)}</h1>{byline}{_share(lb)}'
                f'{article_html}{tags}{_share(lb)}</article>'
                f'<aside class="sidebar">{_teasers(lb, "most", rng)}{newsletter}</aside></div>'
                f'{_teasers(lb, "related", rng)}{_footer(lb, site)}</body>')
    elif template == "magazine":
        body = (f'<body><div id="top">{_nav(lb)}</div><main><div class="story">'
                f'<h1 class="headline">{_e(title)}</h1>{byline}'
                f'<div class="story-body">{article_html}</div>{_share(lb)}</div>'
                f'{_comments(lb)}</main><div class="rail">{_teasers(lb, "related", rng)}'
                f'{_teasers(lb, "most", rng)}</div>{cookie}{_footer(lb, site)}</body>')
    elif template == "portal":
        body = (f'<body>{_nav(lb)}<div class="layout"><div class="col-left">'
                f'{_teasers(lb, "most", rng)}</div><div class="col-main"><div class="news-item">'
                f'<h1>{_e(title)}</h1><div class="meta">{date}</div><div class="text">'
                f'{article_html}</div>{tags}</div>{_teasers(lb, "related", rng)}'
                f'{_comments(lb)}</div><div class="col-right">{newsletter}</div></div>'
                f'{_footer(lb, site)}{cookie}</body>')
    else:  # blog
        body = (f'<body><header><h2 class="site-title">{_e(site)}</h2>{_nav(lb)}</header>'
                f'<div id="content"><div class="post"><h1 class="entry-title">{_e(title)}</h1>'
                f'<div class="entry-meta">{byline}</div><div class="entry-content">'
                f'{article_html}</div><div class="entry-footer">{tags}{_share(lb)}</div></div>'
                f'<div id="sidebar">{newsletter}{_teasers(lb, "related", rng)}</div></div>'
                f'{_comments(lb)}{_footer(lb, site)}</body>')
    lang = "ru" if article["lang"] == "ru" else "en"
    return f'<!DOCTYPE html><html lang="{lang}">{head}{body}</html>'
