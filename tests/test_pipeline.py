"""Pipeline construction and the Python entry point."""

from __future__ import annotations

import pytest

from kronika import Pipeline
from kronika.errors import BadDateError, DecodingError, PipelineError
from kronika.extract import Extract, decode
from kronika.language.sentences import Sentences
from kronika.timeline import Timeline


def test_stage_order_is_checked():
    with pytest.raises(PipelineError, match="reads events"):
        Pipeline([Extract(), Sentences(), Timeline()])


def test_default_order():
    assert Pipeline.default().names == ("extract", "sentences", "noise", "timex", "actors",
                                        "events", "places", "timeline")


def test_process_text_keeps_text_unchanged():
    text = "Austin spoke with Shoigu on May 13.\n\nRead also: other news"
    doc = Pipeline.default().process(text, published="2022-05-13")
    assert doc.text == text
    assert doc.language == "en"
    assert len(doc.id) == 64


def test_bad_published_date():
    with pytest.raises(BadDateError, match="YYYY-MM-DD"):
        Pipeline.default().process("text", published="13/05/2022")


def test_decoding_cp1251_and_utf16():
    assert decode("Шойгу".encode("utf-16")) == "Шойгу"
    assert "Шойгу" in decode("Министр обороны Шойгу заявил".encode("cp1251"))


def test_undecodable_bytes():
    with pytest.raises(DecodingError):
        decode(bytes(range(256)) * 4)


def test_html_input_is_extracted():
    html = (b"<html><head><title>Talks</title></head><body><article><h1>Talks</h1>"
            b"<p>US Secretary of Defense Lloyd Austin held talks with Russian Defense Minister "
            b"Sergei Shoigu on Friday, the Pentagon said in a statement on its website.</p>"
            b"</article></body></html>")
    doc = Pipeline.default().process(html, published="2022-05-13")
    assert doc.source_format == "html"
    assert "Lloyd Austin held talks" in doc.text


def test_the_actors_layer_imports_nothing_of_the_events_layer():
    import re
    from pathlib import Path

    import kronika.actors

    folder = Path(kronika.actors.__file__).parent
    importing = [p.name for p in folder.rglob("*.py")
                 if re.search(r"^\s*(?:from|import) kronika\.events\b", p.read_text(), re.M)]
    assert importing == []


@pytest.mark.parametrize(("lang", "text", "sent_to_model"), [
    ("en", "Mayor Dana Kessler attacked the plan.", True),  # a trigger: the model may read it
    ("en", "Mayor Dana Kessler lives by the lake.", False),
    ("ru", "Мэр Дана Кесслер раскритиковала план.", True),
    ("ru", "Мэр Дана Кесслер живёт у озера.", False),
])
def test_the_default_pipeline_sends_sentences_with_an_event_trigger_to_the_entity_model(
        lang, text, sent_to_model):
    [actors] = [s for s in Pipeline.default().stages if s.name == "actors"]
    assert actors.sentences(lang)(text, 0, len(text)) is sent_to_model


def test_users_actor_files_keep_the_pipelines_choice_of_sentences_for_the_entity_model(tmp_path):
    from kronika.cli import _with_actors

    path = tmp_path / "mine.yaml"
    path.write_text("people:\n  dana-kessler:\n    name: Dana Kessler\n    country: USA\n"
                    "    aliases: [Dana Kessler]\n    example: Dana Kessler spoke\n",
                    encoding="utf-8")
    default = Pipeline.default()
    [before] = [s for s in default.stages if s.name == "actors"]
    [after] = [s for s in _with_actors(default, [str(path)]).stages if s.name == "actors"]
    assert after.actors == (str(path),) and after.sentences is before.sentences
