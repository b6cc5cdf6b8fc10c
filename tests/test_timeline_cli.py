"""`chronik ingest` and `chronik timeline` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronik.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "examples" / "000_70e57c110874d6a3.txt"
runner = CliRunner()


def _example() -> str:
    if not EXAMPLE.is_file():
        pytest.skip(f"example article not found at {EXAMPLE}")
    return str(EXAMPLE)


def test_timeline_json_contract():
    r = runner.invoke(app, ["timeline", _example(), "--format", "json", "--entities", "heuristic"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    entries = data["entries"]
    assert entries
    for e in entries:
        for k in ("date", "start", "end", "label", "trigger", "modality", "participants", "place", "sources"):
            assert k in e
        assert e["modality"] in ("happened", "planned", "reported", "negated", "ongoing", "hypothetical")
        for s in e["sources"]:
            assert {"doc_id", "sentence", "start", "end"} <= set(s)
    rows = {(e["trigger"], e["date"], e["modality"]) for e in entries}
    assert ("Amtsantritt", "2017-01", "happened") in rows
    assert ("Chemiewaffenangriff", "2017-04", "reported") in rows
    meeting = [e for e in entries if e["date"] == "2017-07-07" and e["modality"] == "planned"]
    assert any(e["end"] == "2017-07-08" for e in meeting)
    starts = [e["start"] for e in entries]
    assert starts == sorted(starts)


def test_timeline_text_shows_uncertainty():
    r = runner.invoke(app, ["timeline", _example(), "--entities", "heuristic"])
    assert r.exit_code == 0, r.output
    assert "2017-05, a Tuesday evening (the day is not known)" in r.stdout
    assert "2017-07-07 – 2017-07-08, planned" in r.stdout


def test_ingest_then_timeline_from_store(tmp_path):
    db = tmp_path / "s.db"
    r = runner.invoke(app, ["ingest", _example(), "--db", str(db), "--quiet", "--entities", "heuristic"])
    assert r.exit_code == 0, r.output
    r2 = runner.invoke(app, ["ingest", _example(), "--db", str(db), "--quiet", "--entities", "heuristic"])
    assert r2.exit_code == 0 and "0 articles added, 1 already stored" in r2.stderr
    r = runner.invoke(app, ["timeline", "--db", str(db), "--entity", "Putin", "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and all("Putin" in row["participants"] for row in rows)
    r = runner.invoke(app, ["timeline", "--db", str(db), "--modality", "planned", "--format", "json"])
    assert all(e["modality"] == "planned" for e in json.loads(r.stdout)["entries"])
    r = runner.invoke(app, ["timeline", "--db", str(db), "--from", "2017-04", "--to", "2017-04", "--format", "timeml"])
    assert r.exit_code == 0 and "<TimeML>" in r.stdout and 'value="2017-04"' in r.stdout


def test_bad_input_exit_status(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Das Treffen fand am 3. Mai 2017 statt.", "date": "2017-05-04", "lang": "de"}\n{oops\n',
                   encoding="utf-8")
    r = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "b.db"), "--quiet", "--entities", "heuristic"])
    assert r.exit_code == 1
    assert "bad.jsonl:2" in r.stderr and "1 articles added" in r.stderr
    r = runner.invoke(app, ["timeline", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 2 and "no such store" in r.stderr
    r = runner.invoke(app, ["timeline", str(bad), "--modality", "sure"])
    assert r.exit_code == 2
