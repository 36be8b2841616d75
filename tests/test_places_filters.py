"""Filtering by place (`--place`, `--country`, `--bbox`; the API's `place`, `country`, `bbox`)
and the GeoJSON export, on a store of three short reports located in Kharkiv, Mariupol and
Ankara."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kronika import default_pipeline
from kronika.cli import app
from kronika.errors import BadBBoxError
from kronika.server import create_app
from kronika.store import Store
from kronika.timeline.query import in_bbox, parse_bbox

REPORTS = [
    ("Russia attacked Ukraine near Kharkiv on May 10, 2022.", "2022-05-11"),
    ("Ukraine accused Russia of shelling Mariupol on May 3, 2022.", "2022-05-04"),
    ("Austin met Akar in Ankara on May 12, 2022.", "2022-05-13"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("places") / "k.duckdb"
    pipeline = default_pipeline()
    with Store(path) as store:
        for text, published in REPORTS:
            store.add(pipeline.process(text, published=published, lang="en"))
    return path


def _places(entries) -> list[str]:
    return sorted(e.location["name"] for e in entries if e.location)


def test_the_store_filters_by_place_region_country_and_box(db) -> None:
    with Store(db, read_only=True) as store:
        assert _places(store.timeline()) == ["Ankara", "Kharkiv", "Mariupol"]
        assert _places(store.timeline(places=["Kharkiv"])) == ["Kharkiv"]
        assert _places(store.timeline(places=["Харьков"])) == ["Kharkiv"]
        assert _places(store.timeline(places=["Donetsk Oblast"])) == ["Mariupol"]
        assert _places(store.timeline(places=["Ukraine"])) == ["Kharkiv", "Mariupol"]
        assert _places(store.timeline(countries=["tur"])) == ["Ankara"]
        assert _places(store.timeline(bbox=(22, 44, 41, 53))) == ["Kharkiv", "Mariupol"]
        assert _places(store.timeline(countries=["UKR"], last=1)) == ["Kharkiv"]


def test_a_bounding_box_is_checked_and_may_cross_the_antimeridian() -> None:
    assert parse_bbox(" 22, 44 ,41,53") == (22, 44, 41, 53)
    for bad in ("22,44,41", "a,b,c,d", "200,0,10,10", "0,50,10,40"):
        with pytest.raises(BadBBoxError, match=r"\[K461\]"):
            parse_bbox(bad)
    assert in_bbox({"lat": 64.7, "lon": 177.5}, (170, 50, -170, 70))   # Anadyr
    assert not in_bbox({"lat": 64.7, "lon": 150}, (170, 50, -170, 70))
    assert not in_bbox(None, (0, 0, 1, 1))


def test_the_cli_filters_and_exports_geojson(db, tmp_path) -> None:
    runner = CliRunner()
    got = runner.invoke(app, ["timeline", "--db", str(db), "--country", "UKR", "--format",
                              "json"])
    assert got.exit_code == 0, got.output
    assert sorted(e["location"]["name"] for e in json.loads(got.output)) == ["Kharkiv",
                                                                             "Mariupol"]
    bad = runner.invoke(app, ["timeline", "--db", str(db), "--bbox", "1,2,3"])
    assert bad.exit_code != 0 and isinstance(bad.exception, BadBBoxError)
    out = tmp_path / "events.geojson"
    got = runner.invoke(app, ["export", "--db", str(db), "--format", "geojson", "--place",
                              "Ankara", "--out", str(out)])
    assert got.exit_code == 0, got.output
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    lon, lat = feature["geometry"]["coordinates"]
    assert feature["geometry"]["type"] == "Point" and 32 < lon < 33.5 and 39 < lat < 40.5
    assert feature["properties"]["type"] == "CONSULT" and feature["properties"]["country"] == "TUR"


def test_the_api_filters_by_place(db) -> None:
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    got = client.get("/api/timeline", params={"country": "UKR", "place": "Kharkiv"})
    assert got.status_code == 200, got.text
    assert [i["location"]["name"] for i in got.json()["items"]] == ["Kharkiv"]
    got = client.get("/api/timeline", params={"bbox": "22,44,41,53"})
    assert sorted(i["location"]["name"] for i in got.json()["items"]) == ["Kharkiv", "Mariupol"]
    bad = client.get("/api/timeline", params={"bbox": "nonsense"})
    assert bad.status_code == 400 and "K461" in bad.text
