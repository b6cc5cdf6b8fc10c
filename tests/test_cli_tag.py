"""`chronik tag`: table, JSON and TimeML output; bad date lines; plain text, JSON Lines and folders."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronik.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "examples" / "000_70e57c110874d6a3.txt"
runner = CliRunner()

ARTICLE_TIMEXES = [
    ("Dienstagabend", "TIME", "2017-05-XXTEV"),
    ("Jetzt", "DATE", "PRESENT_REF"),
    ("7.", "DATE", "2017-07-07"),
    ("8. Juli", "DATE", "2017-07-08"),
    ("Abend", "TIME", "2017-05-XXTEV"),
    ("Abend", "TIME", "2017-05-XXTEV"),
    ("April", "DATE", "2017-04"),
    ("Januar", "DATE", "2017-01"),
    ("derzeit", "DATE", "PRESENT_REF"),
    ("zur Zeit", "DATE", "PRESENT_REF"),
]


def _example() -> str:
    if not EXAMPLE.is_file():
        pytest.skip(f"example article not found at {EXAMPLE} (expected ../shared/examples beside the repo)")
    return str(EXAMPLE)


def _flat(s: str) -> str:
    """Terminal output with rich's line wrapping undone."""
    return re.sub(r"\s+", " ", s)


def _json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _tag(*args: str):
    return runner.invoke(app, ["tag", *args])


# --- the example article ----------------------------------------------------------------------


def test_table_default():
    r = _tag(_example())
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Dienstagabend" in out
    assert "2017-05-XXTEV" in out
    assert "2017-07-07" in out and "8. Juli" in out
    assert "PRESENT_REF" in out
    assert "2017-05-01 – 2017-05-31" in out
    assert "day unknown" in _flat(out)


def test_json_one_object_per_document():
    r = _tag(_example(), "--format", "json")
    assert r.exit_code == 0, r.output
    (doc,) = _json_lines(r.stdout)
    assert doc["date"] == "2017-05"
    assert doc["lang"] == "de"
    assert doc["id"] == "000_70e57c110874d6a3"
    assert [(t["text"], t["type"], t["value"]) for t in doc["timexes"]] == ARTICLE_TIMEXES
    for t in doc["timexes"]:
        assert doc["text"][t["start"] : t["end"]] == t["text"]
    (tuesday,) = [t for t in doc["timexes"] if t["text"] == "Dienstagabend"]
    assert tuesday["uncertain"] == "day"
    assert (tuesday["earliest"], tuesday["latest"]) == ("2017-05-01", "2017-05-31")


def test_json_short_option():
    r = _tag(_example(), "-f", "json")
    assert r.exit_code == 0, r.output
    assert len(_json_lines(r.stdout)) == 1


def test_timeml_is_well_formed():
    r = _tag(_example(), "--format", "timeml")
    assert r.exit_code == 0, r.output
    root = ET.fromstring(r.stdout.encode("utf-8"))
    assert root.tag == "TimeML"
    (dct,) = root.iter("DCT")
    (creation,) = dct.findall("TIMEX3")
    assert creation.get("functionInDocument") == "CREATION_TIME"
    assert creation.get("value") == "2017-05"
    text = root.find("TEXT")
    assert text is not None
    tags = text.findall("TIMEX3")
    assert [(t.text, t.get("type"), t.get("value")) for t in tags] == ARTICLE_TIMEXES
    assert len({t.get("tid") for t in tags} | {creation.get("tid")}) == len(tags) + 1
    body = "".join(text.itertext())
    assert body.startswith("US-Präsident Donald Trump")
    assert "am Dienstagabend." in body


# --- bad date lines -----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2017-13", "yesterday"])
def test_bad_date_line_names_file_and_line(tmp_path, bad):
    f = tmp_path / "article.txt"
    f.write_text(f"date {bad} Das Treffen ist am 7. Juli 2017.\n", encoding="utf-8")
    r = _tag(str(f))
    assert r.exit_code != 0
    err = _flat(r.stderr)
    assert f"{f}:1:" in err.replace(" ", "")  # rich may wrap the long path
    assert bad in err
    assert "Traceback" not in r.output


def test_bad_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "a_bad.txt"
    bad.write_text("date 2017-13 Text.\n", encoding="utf-8")
    good = tmp_path / "b_good.txt"
    good.write_text("date 2017-05-09\nGestern sagte er das.\n", encoding="utf-8")
    r = _tag(str(bad), str(good), "--format", "json")
    assert r.exit_code == 1
    (doc,) = _json_lines(r.stdout)
    assert [(t["text"], t["value"]) for t in doc["timexes"]] == [("Gestern", "2017-05-08")]
    assert "a_bad.txt:1:" in _flat(r.stderr).replace(" ", "")


def test_binary_file_is_reported_and_skipped(tmp_path):
    junk = tmp_path / "a_junk.txt"
    junk.write_bytes(bytes(range(256)) * 20)
    good = tmp_path / "b_good.txt"
    good.write_text("date 2017-05-09\nGestern sagte er das.\n", encoding="utf-8")
    r = _tag(str(junk), str(good), "--format", "json")
    assert r.exit_code == 1
    assert [d["id"] for d in _json_lines(r.stdout)] == ["b_good"]
    assert "a_junk.txt" in _flat(r.stderr).replace(" ", "")
    assert "Traceback" not in r.output


def test_bad_date_option(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text("Gestern sagte er das.\n", encoding="utf-8")
    r = _tag(str(f), "--date", "2017-13")
    assert r.exit_code != 0
    assert "--date" in r.stderr
    assert "Traceback" not in r.output


def test_missing_file(tmp_path):
    r = _tag(str(tmp_path / "nope.txt"))
    assert r.exit_code != 0
    assert "nope.txt" in _flat(r.stderr)


def test_bad_doc_type():
    r = _tag(_example(), "--doc-type", "poem")
    assert r.exit_code == 2


# --- inputs -----------------------------------------------------------------------------------


def test_plain_text_with_date_and_lang(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text("Am Dienstagabend telefonierten sie. Gestern sagte er das. Im Dezember wird gewählt.\n", encoding="utf-8")
    r = _tag(str(f), "--date", "2017-05-09", "--lang", "de", "--format", "json")
    assert r.exit_code == 0, r.output
    (doc,) = _json_lines(r.stdout)
    assert (doc["date"], doc["lang"]) == ("2017-05-09", "de")
    assert [(t["text"], t["type"], t["value"]) for t in doc["timexes"]] == [
        ("Dienstagabend", "TIME", "2017-05-09TEV"),
        ("Gestern", "DATE", "2017-05-08"),
        ("Dezember", "DATE", "2017-12"),
    ]
    assert all(t["uncertain"] is None for t in doc["timexes"])


def test_plain_text_without_date(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text("He came on July 7, 2017. He said so yesterday.\n", encoding="utf-8")
    r = _tag(str(f), "--format", "json")
    assert r.exit_code == 0, r.output
    (doc,) = _json_lines(r.stdout)
    assert doc["date"] is None
    assert doc["lang"] == "en"
    assert [(t["text"], t["value"], t["unresolved"]) for t in doc["timexes"]] == [
        ("July 7, 2017", "2017-07-07", False),
        ("yesterday", "XXXX-XX-XX", True),
    ]
    table = _tag(str(f))
    assert table.exit_code == 0
    assert "unresolved" in table.stdout


def test_date_line_wins_over_date_option(tmp_path):
    f = tmp_path / "article.txt"
    f.write_text("date 2017-05\nAm Dienstagabend telefonierten sie.\n", encoding="utf-8")
    r = _tag(str(f), "--date", "2016-01-01", "--format", "json")
    assert r.exit_code == 0, r.output
    (doc,) = _json_lines(r.stdout)
    assert doc["date"] == "2017-05"
    assert doc["timexes"][0]["value"] == "2017-05-XXTEV"


def test_narrative_doc_type(tmp_path):
    f = tmp_path / "history.txt"
    f.write_text("Im Jahr 1805 siegte Napoleon. Im Juni zog er weiter.\n", encoding="utf-8")
    r = _tag(str(f), "--lang", "de", "--doc-type", "narrative", "--format", "json")
    assert r.exit_code == 0, r.output
    (doc,) = _json_lines(r.stdout)
    assert doc["doc_type"] == "narrative"
    assert [(t["text"], t["value"]) for t in doc["timexes"]] == [("Jahr 1805", "1805"), ("Juni", "1805-06")]


def test_json_lines_input(tmp_path):
    f = tmp_path / "articles.jsonl"
    rows = [
        {"id": "a", "text": "Am Dienstagabend telefonierten sie.", "date": "2017-05", "lang": "de"},
        {"id": "b", "text": "He said so yesterday.", "date": "2017-05-09", "lang": "en"},
        {"text": "Im April gab es einen Angriff.", "date": "2017-05-09"},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    r = _tag(str(f), "--format", "json")
    assert r.exit_code == 0, r.output
    docs = _json_lines(r.stdout)
    assert [d["id"] for d in docs] == ["a", "b", "articles:3"]
    assert [(t["text"], t["value"]) for t in docs[0]["timexes"]] == [("Dienstagabend", "2017-05-XXTEV")]
    assert [(t["text"], t["value"]) for t in docs[1]["timexes"]] == [("yesterday", "2017-05-08")]
    assert docs[2]["lang"] == "de"
    assert [(t["text"], t["value"]) for t in docs[2]["timexes"]] == [("April", "2017-04")]


def test_json_lines_bad_line_is_reported_with_its_number(tmp_path):
    f = tmp_path / "articles.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": "Gestern sagte er das.", "date": "2017-05-09", "lang": "de"})
        + "\n{not json\n"
        + json.dumps({"id": "c", "text": "Heute sagt er das.", "date": "2017-13", "lang": "de"})
        + "\n"
        + json.dumps({"id": "d", "text": "Heute sagt er das.", "date": "2017-05-09", "lang": "de"})
        + "\n",
        encoding="utf-8",
    )
    r = _tag(str(f), "--format", "json")
    assert r.exit_code == 1
    assert [d["id"] for d in _json_lines(r.stdout)] == ["a", "d"]
    err = _flat(r.stderr).replace(" ", "")
    assert "articles.jsonl:2:" in err
    assert "articles.jsonl:3:" in err


def test_folder_input(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("date 2017-05-09\nGestern sagte er das.\n", encoding="utf-8")
    (tmp_path / "sub" / "b.jsonl").write_text(
        json.dumps({"id": "b1", "text": "He came last year.", "date": "2017-05-09", "lang": "en"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / ".hidden.txt").write_text("date 2017-05-09\nHeute.\n", encoding="utf-8")
    r = _tag(str(tmp_path), "--format", "json")
    assert r.exit_code == 0, r.output
    docs = _json_lines(r.stdout)
    assert [(d["id"], [(t["text"], t["value"]) for t in d["timexes"]]) for d in docs] == [
        ("a", [("Gestern", "2017-05-08")]),
        ("b1", [("last year", "2016")]),
    ]


def test_folder_with_example_as_timeml(tmp_path):
    src = Path(_example())
    (tmp_path / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "second.txt").write_text("date 2017-05-09\nIm April gab es einen Angriff.\n", encoding="utf-8")
    r = _tag(str(tmp_path), "--format", "timeml")
    assert r.exit_code == 0, r.output
    docs = [d for d in r.stdout.split('<?xml version="1.0" encoding="UTF-8"?>') if d.strip()]
    assert len(docs) == 2
    for d in docs:
        ET.fromstring(d.strip().encode("utf-8"))


def test_stdin(tmp_path):
    r = runner.invoke(app, ["tag", "-", "--format", "json"], input="date 2017-05-09\nGestern sagte er das.\n")
    assert r.exit_code == 0, r.output
    (doc,) = _json_lines(r.stdout)
    assert doc["date"] == "2017-05-09"
    assert [(t["text"], t["value"]) for t in doc["timexes"]] == [("Gestern", "2017-05-08")]
