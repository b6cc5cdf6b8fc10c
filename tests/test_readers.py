"""Readers: the example article, plain text, JSON Lines, TimeML gold, folders, bad and binary input."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronik.dates import DateError, is_timeml_value, parse_document_date
from chronik.readers import (
    ReadError,
    ReadFailure,
    decode_bytes,
    parse_timeml,
    read_bytes,
    read_documents,
    read_timeml,
)
from chronik.records import DocType, Document

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLE = SHARED / "examples" / "000_70e57c110874d6a3.txt"
TBAQ = SHARED / "data" / "tempeval3-tbaq"
DE_DEV = SHARED / "data" / "de-news-timex-dev"

needs_example = pytest.mark.skipif(not EXAMPLE.is_file(), reason=f"example article not found at {EXAMPLE}")
needs_tbaq = pytest.mark.skipif(not TBAQ.is_dir(), reason=f"TempEval-3 TBAQ corpus not found at {TBAQ}")
needs_de = pytest.mark.skipif(not DE_DEV.is_dir(), reason=f"German timex dev set not found at {DE_DEV}")


def docs_and_errors(items) -> tuple[list[Document], list[ReadError]]:
    items = list(items)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


# --------------------------------------------------------------------------------------------------
# the example article (date line format)


@needs_example
def test_example_article_has_leading_space_and_date_line():
    raw = EXAMPLE.read_bytes()
    assert raw.startswith(b" date 2017-05 US-Pr")


@needs_example
def test_example_article():
    docs, errors = docs_and_errors(read_documents(EXAMPLE))
    assert errors == []
    [doc] = docs
    assert doc.date == "2017-05"
    assert doc.lang == "de"
    assert doc.id == "000_70e57c110874d6a3"
    assert doc.source == str(EXAMPLE)
    assert doc.line is None
    assert doc.doc_type == DocType.NEWS
    assert doc.text.startswith("US-Präsident Donald Trump und der russische Staatschef")
    assert doc.text.endswith("(juju/ap/dpa/reu/AFP)")
    assert "\n\nNach dem US-Angriff" in doc.text  # paragraphs kept
    i = doc.text.index("Dienstagabend")
    assert doc.text[i : i + len("Dienstagabend")] == "Dienstagabend"


@needs_example
def test_example_date_line_wins_over_caller_date():
    [doc] = read_documents([EXAMPLE], date="2020-01-01", lang="en")
    assert doc.date == "2017-05"
    assert doc.lang == "en"  # the caller's language is taken when the input has none


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        p.write_text(content, encoding="utf-8")
    else:
        p.write_bytes(content)
    return p


@pytest.mark.parametrize(
    ("content", "date", "text"),
    [
        ("date 2017 Im Januar war es kalt.", "2017", "Im Januar war es kalt."),
        ("date 2017-05-09\n\nAm Dienstag.\n", "2017-05-09", "Am Dienstag."),
        ("\ufeffdate 2017-5-9 Heute.", "2017-05-09", "Heute."),
        ("  date 2017-05-09T14:30 Now.", "2017-05-09T14:30", "Now."),
        ("date 20170509 Body", "2017-05-09", "Body"),
    ],
)
def test_date_line_variants(tmp_path, content, date, text):
    [doc] = read_documents(write(tmp_path, "a.txt", content))
    assert isinstance(doc, Document)
    assert (doc.date, doc.text) == (date, text)


@pytest.mark.parametrize("bad", ["2017-13", "yesterday", "2017-02-30", "17-05"])
def test_bad_date_line_is_reported_with_file_and_line(tmp_path, bad):
    p = write(tmp_path, "bad.txt", f"date {bad} Der Text.")
    [err] = read_documents(p)
    assert isinstance(err, ReadError)
    assert (err.source, err.line) == (str(p), 1)
    assert str(err).startswith(f"{p}:1: ")
    assert "date" in err.message and "YYYY" in err.message
    assert bad in err.message


def test_plain_text_takes_caller_date_and_lang(tmp_path):
    p = write(tmp_path, "plain.txt", "The talks resumed on Monday.\n\nNothing else happened.\n")
    [doc] = read_documents(p, date="2017-05", lang="de", doc_type="narrative")
    assert (doc.date, doc.lang, doc.doc_type, doc.id) == ("2017-05", "de", DocType.NARRATIVE, "plain")
    [doc] = read_documents(p)
    assert doc.date is None
    assert doc.lang == "en"  # detected


def test_text_starting_with_other_words_is_not_a_date_line(tmp_path):
    [doc] = read_documents(write(tmp_path, "a.txt", "Dated reports say the date was moved."))
    assert doc.date is None and doc.text.startswith("Dated")


def test_bad_caller_date_is_one_error(tmp_path):
    p = write(tmp_path, "plain.txt", "Text.")
    [err] = read_documents(p, date="last week")
    assert isinstance(err, ReadError) and err.source == "--date" and "YYYY" in err.message


def test_empty_and_missing_files(tmp_path):
    empty = write(tmp_path, "empty.txt", "")
    only_date = write(tmp_path, "only.txt", "date 2017-05\n")
    missing = tmp_path / "nope.txt"
    _, errors = docs_and_errors(read_documents([empty, only_date, missing]))
    assert [e.source for e in errors] == [str(empty), str(only_date), str(missing)]
    assert "no such file" in errors[2].message


# --------------------------------------------------------------------------------------------------
# JSON Lines


def test_jsonl_good_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "date": "2017-05", "lang": "de", "text": "Am Dienstag telefonierten sie."}),
        "{not json",
        json.dumps({"id": "a3", "date": "2017-05"}),
        json.dumps({"id": "a4", "date": "2017-13", "text": "x"}),
        "",
        json.dumps({"date": "2016-01-02", "text": "The meeting is on Friday."}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "text": "Heute und morgen wird verhandelt, sagte er am Abend."}),
        json.dumps({"id": "a9", "date": None, "text": "No date here at all, the report said."}),
    ]
    p = write(tmp_path, "news.jsonl", "\n".join(lines) + "\n")
    docs, errors = docs_and_errors(read_documents(p, date="2010"))
    assert [(d.id, d.line, d.date) for d in docs] == [
        ("a1", 1, "2017-05"),
        ("news:6", 6, "2016-01-02"),
        ("7", 8, "2010"),
        ("a9", 9, "2010"),
    ]
    assert [d.lang for d in docs] == ["de", "en", "de", "en"]
    assert all(d.source == str(p) for d in docs)
    assert [(e.line, e.source) for e in errors] == [(2, str(p)), (3, str(p)), (4, str(p)), (7, str(p))]
    assert "JSON" in errors[0].message
    assert "text" in errors[1].message
    assert "date" in errors[2].message and "13" in errors[2].message
    assert str(errors[0]).startswith(f"{p}:2: ")


def test_ndjson_extension_and_content_sniffing(tmp_path):
    rec = json.dumps({"text": "On Monday.", "date": "2017-05-08"})
    [a] = read_documents(write(tmp_path, "x.ndjson", rec))
    [b] = read_documents(write(tmp_path, "x.data", rec))  # unknown extension: sniffed
    assert a.date == b.date == "2017-05-08"


# --------------------------------------------------------------------------------------------------
# TimeML


SMALL_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>doc-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07" anchorTimeID="t0">yesterday</TIMEX3> it would <EVENT eid="e2" class="OCCURRENCE">cut</EVENT> jobs for <TIMEX3 tid="t2" type="DURATION" value="P2Y" mod="APPROX">about two years</TIMEX3>.
</TEXT>
<MAKEINSTANCE eiid="ei1" eventID="e1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eiid="ei2" eventID="e2" tense="NONE" aspect="NONE" polarity="POS" modality="would" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="AFTER" timeID="t2" relatedToEventInstance="ei1"/>
</TimeML>
"""


def check_small(doc):
    assert doc.doc_id == "doc-1"
    assert doc.dct == "1998-01-08"
    assert doc.creation_time is not None and doc.creation_time.tid == "t0"
    assert doc.text == "\nAT&T said yesterday it would cut jobs for about two years.\n"
    assert [(t.tid, t.text, t.type, t.value, t.mod, t.anchor_time_id) for t in doc.timexes] == [
        ("t1", "yesterday", "DATE", "1998-01-07", None, "t0"),
        ("t2", "about two years", "DURATION", "P2Y", "APPROX", None),
    ]
    for x in (*doc.timexes, *doc.events):
        assert doc.text[x.start : x.end] == x.text
    assert [(e.eid, e.event_class, e.text) for e in doc.events] == [("e1", "OCCURRENCE", "said"), ("e2", "OCCURRENCE", "cut")]
    assert doc.instance_of("ei2").eid == "e2" and doc.instance_of("ei2").modality == "would"
    assert [(t.lid, t.rel_type, t.source, t.target) for t in doc.tlinks] == [
        ("l1", "IS_INCLUDED", "ei1", "t1"),
        ("l2", "AFTER", "t2", "ei1"),
    ]


def test_parse_small_timeml(tmp_path):
    check_small(read_timeml(write(tmp_path, "small.tml", SMALL_TML)))


def test_malformed_timeml_read_with_tolerant_scanner():
    broken = SMALL_TML.replace("AT&amp;T", "AT&T")  # an unescaped & makes it ill-formed XML
    doc = parse_timeml(broken.encode(), "broken.tml")
    check_small(doc)


def test_timeml_documents(tmp_path):
    p = write(tmp_path, "small.tml", SMALL_TML)
    [doc] = read_documents(p)
    assert (doc.id, doc.date, doc.lang) == ("doc-1", "1998-01-08", "en")
    assert doc.text == read_timeml(p).text


def test_timeml_without_text_is_an_error(tmp_path):
    p = write(tmp_path, "x.tml", "<TimeML><DOCID>x</DOCID></TimeML>")
    with pytest.raises(ReadFailure) as e:
        read_timeml(p)
    assert e.value.error.source == str(p)
    [err] = read_documents(p)
    assert isinstance(err, ReadError) and "TEXT" in err.message


def corpus_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.tml"))


def check_offsets(files: list[Path]) -> tuple[int, int]:
    timexes = events = 0
    for f in files:
        doc = read_timeml(f)
        assert doc.dct, f
        assert doc.creation_time is not None and doc.creation_time.function_in_document == "CREATION_TIME"
        for t in doc.timexes:
            assert doc.text[t.start : t.end] == t.text, (f, t)
            assert t.function_in_document != "CREATION_TIME"
        for e in doc.events:
            assert doc.text[e.start : e.end] == e.text, (f, e)
        eids = {e.eid for e in doc.events}
        assert all(mi.eid in eids for mi in doc.instances), f
        timexes += len(doc.timexes)
        events += len(doc.events)
    return timexes, events


@needs_tbaq
def test_tbaq_offsets_exact():
    files = corpus_files(TBAQ)
    assert len(files) == 256
    timexes, events = check_offsets(files)
    # 2,078 TIMEX3 in the corpus, 256 of them creation times outside <TEXT>
    assert timexes == 2078 - 256
    assert events > 10000


@needs_tbaq
def test_tbaq_links():
    doc = read_timeml(TBAQ / "TimeBank" / "ABC19980108.1830.0711.tml")
    assert doc.doc_id == "ABC19980108.1830.0711" and doc.dct == "1998-01-08"
    assert doc.tlinks and doc.instances
    ids = {mi.eiid for mi in doc.instances} | {t.tid for t in doc.timexes} | {"t0"}
    for link in doc.tlinks:
        assert link.source in ids and link.target in ids, link


@needs_de
def test_de_dev_offsets_exact():
    files = corpus_files(DE_DEV)
    assert len(files) == 9
    timexes, _ = check_offsets(files)
    assert timexes == 81


@needs_de
def test_folder_reading_sorted_and_detected(tmp_path):
    docs, errors = docs_and_errors(read_documents(DE_DEV))
    assert errors == []
    tml = [d for d in docs if d.source.endswith(".tml")]
    assert [d.id for d in tml] == sorted(d.id for d in tml) and len(tml) == 9
    assert all(d.lang == "de" and d.date for d in tml)


def test_folder_recursion_and_skips(tmp_path):
    write(tmp_path, "b/2.txt", "date 2017-05-02 Zwei.")
    write(tmp_path, "b/1.jsonl", json.dumps({"text": "Eins.", "date": "2017-05-01"}))
    write(tmp_path, "a.txt", "date 2017 Null.")
    write(tmp_path, ".hidden.txt", "date 2017 Hidden.")
    write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, "c/bad.txt", "date 2017-99 Kaputt.")
    items = list(read_documents(tmp_path))
    assert [(type(i).__name__, Path(i.source).name) for i in items] == [
        ("Document", "a.txt"),
        ("Document", "1.jsonl"),
        ("Document", "2.txt"),
        ("ReadError", "bad.txt"),
    ]


# --------------------------------------------------------------------------------------------------
# encodings and junk


def test_encodings(tmp_path):
    text = "date 2017-05 Der Präsident traf ihn im Jänner – sagte er."
    cp = write(tmp_path, "cp.txt", text.replace("–", "-").encode("cp1252"))
    dash = write(tmp_path, "dash.txt", text.encode("cp1252"))
    bom = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + text.encode())
    u16 = write(tmp_path, "u16.txt", text.encode("utf-16"))
    docs, errors = docs_and_errors(read_documents([cp, dash, bom, u16]))
    assert errors == []
    assert [d.date for d in docs] == ["2017-05"] * 4
    assert docs[1].text == docs[2].text == docs[3].text == "Der Präsident traf ihn im Jänner – sagte er."
    assert "Präsident" in docs[0].text


def test_decode_fallbacks():
    assert decode_bytes("Grüße".encode()) == ("Grüße", "utf-8")
    assert decode_bytes("Grüße €".encode("cp1252")) == ("Grüße €", "cp1252")
    assert decode_bytes(b"\x81\x8d\x8f")[1] == "latin-1"  # bytes cp1252 leaves undefined


def test_binary_junk_is_an_error(tmp_path):
    for name in ("junk.txt", "junk.jsonl", "junk.tml", "junk.bin"):
        p = write(tmp_path, name, bytes(range(256)) * 4)
        [err] = read_documents(p)
        assert isinstance(err, ReadError) and err.source == str(p)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), ext=st.sampled_from([".txt", ".jsonl", ".tml", ".ndjson", ".xyz", ""]))
def test_arbitrary_bytes_never_crash(data, ext):
    for item in read_bytes(data, f"junk{ext}"):
        assert isinstance(item, (Document, ReadError))
        if isinstance(item, Document):
            assert item.text.strip()
            assert item.date is None or is_timeml_value(item.date)
        else:
            assert str(item).startswith(f"junk{ext}")


markup = st.sampled_from(
    ["<TEXT>", "</TEXT>", "<TIMEX3 tid='t1' type=\"DATE\">", "</TIMEX3>", "<EVENT eid=\"e1\">", "</EVENT>",
     "&amp;", "&", "<", ">", "<!-- c -->", "<![CDATA[x<y]]>", "\n", "date 2017 ", '{"text": "x"}']
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(markup, st.text(max_size=8)), max_size=25), ext=st.sampled_from([".tml", ".txt", ".jsonl"]))
def test_markup_soup_never_crashes_and_offsets_hold(parts, ext):
    raw = "".join(parts).encode("utf-8", "surrogatepass")
    for item in read_bytes(raw, f"soup{ext}"):
        assert isinstance(item, (Document, ReadError))
    try:
        doc = parse_timeml(raw, "soup.tml")
    except ReadFailure:
        return
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text


# --------------------------------------------------------------------------------------------------
# document dates


@settings(max_examples=500)
@given(st.text(max_size=40))
def test_parse_document_date_value_or_date_error(s):
    try:
        value = parse_document_date(s)
    except DateError as e:
        assert str(e)
    else:
        assert is_timeml_value(value)


@settings(max_examples=300)
@given(st.from_regex(r"\A\s*\d{1,5}(-\d{1,3}(-\d{1,3}([T ]\d\d:\d\d(:\d\d)?)?)?)?\s*\Z"))
def test_parse_document_date_on_date_like_strings(s):
    try:
        value = parse_document_date(s)
    except DateError:
        return
    assert is_timeml_value(value)


@settings(max_examples=200)
@given(d=st.dates(min_value=dt.date(1000, 1, 1)), gran=st.sampled_from([4, 7, 10]))
def test_date_line_round_trip(d, gran):
    value = d.isoformat()[:gran]
    [doc] = read_bytes(f"date {value} Body text.".encode(), "x.txt")
    assert isinstance(doc, Document)
    assert doc.date == value and doc.text == "Body text."


def test_folder_with_symlink_loop(tmp_path):
    write(tmp_path, "a/1.txt", "date 2017 Eins.")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    docs, errors = docs_and_errors(read_documents(tmp_path))
    assert [d.text for d in docs] == ["Eins."] and errors == []
