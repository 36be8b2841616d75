"""Extract: encodings detected and named, the article and its metadata out of the page."""

from __future__ import annotations

import json

import pytest

from ingest_fixtures import STORY, STORY_RU, page
from kronika.document import Document
from kronika.errors import DecodingError, NoArticleError
from kronika.extract import Extract, language_of
from kronika.extract.encoding import decode_bytes

FRENCH = "Le président a déclaré que la réunion à Genève était très importante pour l'été. " * 4


@pytest.mark.parametrize(("data", "text", "encoding"), [
    (STORY_RU.encode(), STORY_RU, "UTF-8"),
    (b"\xef\xbb\xbf" + STORY_RU.encode(), STORY_RU, "UTF-8 (BOM)"),
    (STORY_RU.encode("utf-16"), STORY_RU, "UTF-16 (BOM)"),
    (STORY_RU.encode("cp1251"), STORY_RU, "cp1251"),
    (STORY_RU.encode("koi8-r"), STORY_RU, "koi8-r"),
])
def test_encodings_are_detected_and_named(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


def test_latin1_text_reads_right():
    text, encoding = decode_bytes(FRENCH.encode("latin-1"))
    assert text == FRENCH and encoding != "UTF-8"


def test_html_meta_charset_is_used_and_reported():
    html = page("Переговоры", STORY_RU, lang="ru", charset="koi8-r").encode("koi8-r")
    assert decode_bytes(html, html=True)[1] == "koi8-r (HTML meta charset)"
    doc = Extract()(Document.from_bytes(html))
    assert "Шойгу" in doc.text and doc.encoding == "koi8-r (HTML meta charset)"


def test_a_wrong_meta_charset_loses_to_utf8():
    html = page("Переговоры", STORY_RU, charset="cp1251").encode("utf-8")
    assert decode_bytes(html, html=True)[1] == "UTF-8"


def test_binary_is_refused():
    with pytest.raises(DecodingError, match="binary file"):
        decode_bytes(b"\x00\x01\x02" * 100)


HEAD = ('<meta name="author" content="Jane Roe">'
        '<link rel="canonical" href="https://news.example.com/world/talks">'
        '<meta property="article:published_time" content="2022-05-13T10:00:00Z">')


def test_page_metadata_author_canonical_url_and_date():
    doc = Extract()(Document.from_bytes(page(extra_head=HEAD).encode()))
    assert (doc.title, doc.author, doc.url, str(doc.published), doc.source_format) == (
        "Talks in Geneva", "Jane Roe", "https://news.example.com/world/talks", "2022-05-13",
        "html")


def test_date_from_the_url_when_the_page_has_none():
    doc = Extract()(Document.from_bytes(page().encode(),
                                        url="https://news.example.com/2021/03/09/talks.html"))
    assert str(doc.published) == "2021-03-09"


def test_given_date_and_title_win_over_the_page():
    from datetime import date

    doc = Extract()(Document.from_bytes(page(extra_head=HEAD).encode(), title="Given",
                                        published=date(2020, 1, 2)))
    assert (doc.title, str(doc.published)) == ("Given", "2020-01-02")


def test_page_furniture_is_left_out():
    doc = Extract()(Document.from_bytes(page().encode()))
    for furniture in ("Home", "cookies", "Related", "Markets fall", "Copyright", "Privacy"):
        assert furniture not in doc.text
    assert "Lloyd Austin held talks" in doc.text


def test_fragment_from_a_feed_is_kept_whole():
    doc = Extract()(Document.from_bytes(b"Short <b>note</b> on talks.", content_type="text/html"))
    assert doc.text.strip() == "Short note on talks."


def test_page_with_only_scripts_has_no_article():
    with pytest.raises(NoArticleError, match="only scripts"):
        Extract()(Document.from_bytes(b"<html><body><script>app()</script></body></html>"))


@pytest.mark.parametrize(("text", "lang", "mixed"), [
    (STORY * 2, "en", False),
    (STORY_RU * 2, "ru", False),
    (FRENCH * 2, "fr", False),
    (STORY_RU * 2 + "\n" + STORY, "ru", True),
    ("Talks began.", "en", False),         # short: the script decides
    ("Переговоры начались.", "ru", False),
])
def test_language_majority_and_mixed_flag(text, lang, mixed):
    assert language_of(text) == (lang, mixed)


@pytest.mark.parametrize(("text", "lang"), [
    # Russian by its letters (ы, э), other Cyrillic languages by py3langid
    ("Министр обороны заявил, что переговоры с делегацией состоятся на следующей неделе в "
     "Стамбуле, где стороны обсудят обмен пленными и гуманитарные коридоры для мирных жителей.",
     "ru"),
    ("Міністр оборони України заявив, що переговори з Росією відбудуться наступного тижня у "
     "Стамбулі, а делегації обговорять обмін полоненими та гуманітарні коридори.", "uk"),
    ("Міністр абароны Беларусі заявіў, што перамовы адбудуцца на наступным тыдні ў Мінску, дзе "
     "дэлегацыі абмяркуюць гуманітарныя пытанні і абмен палоннымі.", "be"),
    ("Министърът на отбраната заяви, че преговорите ще се проведат следващата седмица в "
     "София, където делегациите ще обсъдят хуманитарните въпроси и размяната на пленници.",
     "bg"),
])
def test_cyrillic_languages(text, lang):
    assert language_of(text * 2)[0] == lang


# The same news in seven other languages written in Latin letters: none has English function
# words, so py3langid decides them (the English shortcut of `language_of` must not fire).
LATIN_NEWS = {
 "fr": "Le ministre de la Défense a déclaré que les négociations avec la délégation auront lieu la semaine prochaine à Istanbul, où les parties discuteront de l'échange de prisonniers et des couloirs humanitaires pour les civils.",
 "de": "Der Verteidigungsminister sagte, dass die Verhandlungen mit der Delegation nächste Woche in Istanbul stattfinden werden, wo die Parteien den Austausch von Gefangenen und humanitäre Korridore besprechen werden, was wichtig ist.",
 "es": "El ministro de Defensa dijo que las negociaciones con la delegación tendrán lugar la próxima semana en Estambul, donde las partes discutirán el intercambio de prisioneros y los corredores humanitarios para los civiles.",
 "it": "Il ministro della Difesa ha detto che i negoziati con la delegazione si terranno la prossima settimana a Istanbul, dove le parti discuteranno dello scambio di prigionieri e dei corridoi umanitari per i civili.",
 "nl": "De minister van Defensie zei dat de onderhandelingen met de delegatie volgende week in Istanbul zullen plaatsvinden, waar de partijen de uitwisseling van gevangenen en humanitaire corridors zullen bespreken, wat van belang was.",
 "pt": "O ministro da Defesa disse que as negociações com a delegação terão lugar na próxima semana em Istambul, onde as partes discutirão a troca de prisioneiros e os corredores humanitários para os civis.",
 "pl": "Minister obrony powiedział, że negocjacje z delegacją odbędą się w przyszłym tygodniu w Stambule, gdzie strony omówią wymianę jeńców i korytarze humanitarne dla cywilów, to jest ważne.",
}


@pytest.mark.parametrize("lang", sorted(LATIN_NEWS))
def test_other_latin_languages_are_not_english(lang):
    assert language_of(LATIN_NEWS[lang] * 2)[0] == lang


def test_cli_extract_prints_the_article_fields(tmp_path):
    from test_cli import run

    f = tmp_path / "page.html"
    f.write_bytes(page(extra_head=HEAD).encode("utf-8"))
    r = run("extract", f)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {k: out[k] for k in ("title", "author", "url", "published", "language", "encoding")} \
        == {"title": "Talks in Geneva", "author": "Jane Roe",
            "url": "https://news.example.com/world/talks", "published": "2022-05-13",
            "language": "en", "encoding": "UTF-8"}


# Furniture lines inside the article block (furniture.yaml) ---------------------------------

def _furniture_cases():
    from kronika.extract.html import furniture_rules
    from kronika.rules import load_rules

    furniture_rules()  # compiles, or fails with the rule's name
    for rule in load_rules("kronika.extract", "furniture.yaml")["rules"]:
        for line in rule["examples"]:
            yield pytest.param(line, rule["name"], id=f"{rule['name']}: {line[:30]}")
        for line in rule.get("keeps", []):
            yield pytest.param(line, None, id=f"{rule['name']} keeps: {line[:30]}")


@pytest.mark.parametrize(("line", "rule"), list(_furniture_cases()))
def test_furniture_rule_examples(line, rule):
    from kronika.extract.html import furniture_rule

    assert furniture_rule(line) == rule


def test_read_also_inside_the_article_is_removed():
    body = STORY.replace("The two ministers", "Read also: Markets fall again. The two ministers")
    html = page(body=body).replace("<p>Read also: Markets fall again</p>",
                                   '<p class="read-also">Read also: <a href="/x">Markets fall '
                                   "again</a></p>")
    doc = Extract()(Document.from_bytes(html.encode()))
    assert "Read also" not in doc.text and "The two ministers" in doc.text
