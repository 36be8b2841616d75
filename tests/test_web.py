"""The web page in a real browser: headless Chromium from the system packages, driven by
Playwright, against a server started here. Skipped, with the reason, when Chromium is absent.

The screenshot of the timeline is saved under pytest's temporary folder (the path is printed).
"""

from __future__ import annotations

import logging
import os
import shutil

import httpx
import pytest

from kronika.store import Store
from livesite import serving
from webdata import JS_URL, PAYLOADS, SCRIPT, example_doc, xss_doc

CHROMIUM = os.environ.get("KRONIKA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "web-t0ken-that-must-not-leak"

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no Chromium at {CHROMIUM}: install it (apt-get install chromium) or set "
                f"$KRONIKA_CHROMIUM to run the browser tests", allow_module_level=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "k.duckdb"
    with Store(path) as s:
        s.add(example_doc())
        s.add(xss_doc())
    return path


@pytest.fixture(scope="module")
def site(db):
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except sync_api.Error as e:
            pytest.skip(f"Chromium at {CHROMIUM} does not start ({e}); the browser tests need a "
                        f"working headless Chromium")
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    yield pg
    context.close()


def ready(page, url):
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=15000)


def test_timeline_renders_entries_and_a_screenshot(page, site, tmp_path):
    ready(page, site + "/")
    marks = page.locator("#chart .mark")
    rows = page.locator("#entry-list li")
    assert marks.count() >= 6 and rows.count() >= marks.count()
    assert page.locator("#chart circle").count() >= 1        # days
    assert page.locator("#chart rect.shape").count() >= 1    # ranges
    hatched = page.locator("#chart rect.shape[fill^='url(#hatch']")
    assert hatched.count() >= 1
    shot = tmp_path / "timeline.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"timeline screenshot: {shot}")
    import matplotlib.image as mpimg

    pixels = mpimg.imread(str(shot))
    assert pixels.shape[0] > 400 and pixels.std() > 0.05      # not blank
    assert len({tuple(p) for p in pixels[::7, ::7].reshape(-1, pixels.shape[2])}) > 20
    assert page.problems == []


def test_clicking_an_entry_shows_its_evidence(page, site):
    ready(page, site + "/")
    page.locator("#entry-list button", has_text="attempted failed").first.click()
    detail = page.locator("#detail")
    detail.locator(".evidence").first.wait_for()
    assert detail.locator(".evidence mark").count() >= 1
    text = detail.inner_text()
    assert "date basis" in text and "Lloyd Austin" in text
    assert "Said by" in text or "Unattributed" in text
    detail.locator(".evidence a", has_text="Shoigu").first.click()
    page.wait_for_selector("#doc-text .focus")
    assert page.locator("#doc-text .timex").count() > 3
    assert page.locator("#doc-text .actor").count() > 3
    assert page.locator("#doc-text .trigger").count() > 3
    assert page.locator("#doc-text .noise").count() >= 1
    page.click("details summary")
    assert page.locator("#doc-timexes tr", has_text="2022-04-14").count() >= 1
    assert page.locator("#doc-actors tr", has_text="Lloyd Austin").count() >= 1
    assert page.problems == []


def test_keyboard_opens_an_entry(page, site):
    ready(page, site + "/")
    page.locator("#chart .mark").first.focus()
    page.keyboard.press("Enter")
    page.locator("#detail .evidence").first.wait_for()
    assert page.evaluate("document.activeElement.tagName") == "H3"


def test_filters_narrow_the_timeline(page, site):
    ready(page, site + "/")
    everything = page.locator("#entry-list li").count()
    page.select_option("select[name=status]", "attempted_failed")
    page.click("#filters button[type=submit]")
    for _ in range(100):  # wait_for_function would need 'unsafe-eval', which the CSP forbids
        if page.locator("#entry-list li").count() < everything:
            break
        page.wait_for_timeout(50)
    texts = page.locator("#entry-list li").all_inner_texts()
    assert texts and all("attempted failed" in t for t in texts)
    assert "status=attempted_failed" in page.url          # the view can be bookmarked
    page.goto(site + "/#/timeline?actor=Kirby")
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.input_value("input[name=actor]") == "Kirby"


def test_article_payloads_stay_text(page, site):
    """Script, event-handler and javascript: payloads in the title, text, actor names,
    summary and source URI are shown as text and never run."""
    ready(page, site + "/")
    page.locator("#entry-list button", has_text="summary").first.click()
    page.locator("#detail .evidence").first.wait_for()
    detail = page.locator("#detail").inner_text()
    assert SCRIPT in detail and "Evil <img" in detail
    assert page.locator("#detail .evidence mark").inner_text() == "met"  # code-point offsets
    page.goto(site + f"/#/doc/{xss_doc().id}")
    page.wait_for_selector("#doc-text .trigger")
    assert SCRIPT in page.locator("#doc-h").inner_text()
    body = page.locator("#doc-text").inner_text()
    assert all(p in body or p in page.locator("#doc-meta").inner_text() for p in PAYLOADS[:3])
    assert "🦔" in body and page.locator("#doc-text .trigger").inner_text() == "met"
    page.goto(site + "/#/documents")
    page.wait_for_selector("#doc-list li")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("[...document.scripts].map((s) => s.src.split('/').pop())") == \
        ["map.js", "app.js"]
    assert page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                         ".some(a => a.name.startsWith('on'))).length") == 0
    hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    assert not any(h.startswith("javascript:") for h in hrefs) and JS_URL not in hrefs
    assert page.problems == []


def test_adding_an_article_with_the_form(page, site):
    ready(page, site + "/#/add")
    page.fill("#add-text", "On May 20, 2022, Lloyd Austin spoke with Sergei Shoigu by phone.")
    page.fill("input[name=published]", "2022-05-20")
    page.click("#add-form button[type=submit]")
    page.wait_for_selector("#add-result a")
    assert "Stored" in page.locator("#add-result").inner_text()
    page.locator("#add-result a").click()
    sync_api.expect(page.locator("#doc-text")).to_contain_text("Lloyd Austin")


def test_phone_width_shows_the_list(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    page = context.new_page()
    ready(page, site + "/")
    assert page.locator("#entry-list li").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, "the page itself must not scroll sideways (the chart box may)"
    context.close()


def test_api_docs_page_works_offline_under_the_csp(page, site):
    page.goto(site + "/docs")
    page.wait_for_selector("#routes h3")
    assert page.locator("#routes h3", has_text="/api/timeline").count() == 1
    assert page.problems == []


def test_token_server_lets_in_only_with_the_token_and_never_logs_it(browser, db, caplog):
    caplog.set_level(logging.DEBUG)
    with serving(db, token=TOKEN) as url:
        assert httpx.get(url + "/api/timeline").status_code == 401
        assert httpx.get(url + "/api/health").status_code == 200
        context = browser.new_context(http_credentials={"username": "me", "password": TOKEN})
        page = context.new_page()
        ready(page, url + "/")
        assert page.locator("#entry-list li").count() >= 6
        context.close()
        httpx.get(url + "/api/timeline", headers={"Authorization": f"Bearer {TOKEN}x"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/api/timeline" in logged, "the access log should have been captured"
    assert TOKEN not in logged


def test_uploading_a_file_with_the_form(page, site):
    ready(page, site + "/#/add")
    page.set_input_files("#add-file", files=[{
        "name": "../../talks.txt", "mimeType": "text/plain",
        "buffer": b"On May 27, 2022, Sergei Shoigu spoke with Lloyd Austin."}])
    page.fill("input[name=published]", "2022-05-27")
    page.click("#add-form button[type=submit]")
    page.wait_for_selector("#add-result a")
    assert "Stored" in page.locator("#add-result").inner_text()
    page.locator("#add-result a").click()
    sync_api.expect(page.locator("#doc-meta")).to_contain_text("upload:talks.txt")


def test_the_map_shows_placed_entries_and_follows_a_range_on_the_timeline(page, site):
    ready(page, site + "/")
    points = page.locator("#map .point")
    points.first.wait_for()
    placed = points.count()
    assert placed >= 1
    assert page.locator("#map .land path").count() > 100          # the countries of the base map
    assert page.locator("#map .point circle[fill^='#']").count() == placed  # quad colours
    # drag across a few days at the start of the timeline: the map keeps only the entries
    # whose dates meet them
    box = page.locator("#chart svg").bounding_box()
    y = box["y"] + 10
    page.mouse.move(box["x"] + 305, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 312, y)
    page.mouse.move(box["x"] + 318, y)
    page.mouse.up()
    page.wait_for_selector(f"#map:not([data-points='{placed}'])", state="attached")
    assert int(page.get_attribute("#map", "data-points")) < placed
    assert "to" in page.inner_text("#map-text")
    page.click("#map-all")
    page.wait_for_selector(f"#map[data-points='{placed}']", state="attached")
    points.first.focus()
    page.keyboard.press("Enter")
    page.locator("#detail .evidence").first.wait_for()
    assert page.problems == []
