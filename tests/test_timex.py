"""The temporal tagger: the example article, documents without a date, bad input, and properties.

Properties checked everywhere (``check_invariants``): offsets valid, ordered and non-overlapping,
``text[start:end] == surface``, every value a well-formed TimeML value, ``earliest <= latest``.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import chronik
from chronik.dates import interval, is_timeml_value
from chronik.readers import ReadError, read_bytes, read_documents
from chronik.records import Annotation, TimexType
from chronik.timex import tag_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "examples" / "000_70e57c110874d6a3.txt"


def check_invariants(ann: Annotation, text: str) -> None:
    assert ann.text == text
    prev_end = 0
    for t in ann.timexes:
        assert 0 <= t.start < t.end <= len(text), t
        assert t.start >= prev_end, f"overlapping or unordered: {t}"
        prev_end = t.end
        assert text[t.start : t.end] == t.text, t
        assert isinstance(t.type, TimexType)
        assert is_timeml_value(t.value), t
        if t.earliest is not None and t.latest is not None:
            assert t.earliest <= t.latest, t
        if t.unresolved:
            assert t.earliest is None and t.latest is None, t


def found(ann: Annotation) -> list[tuple[str, str, str]]:
    return [(t.text, str(t.type), t.value) for t in ann.timexes]


# --- (a) the example article ---------------------------------------------------------------


@pytest.fixture(scope="module")
def article():
    if not EXAMPLE.is_file():
        pytest.skip(f"example article not found at {EXAMPLE} (expected ../shared/examples beside the repo)")
    docs = list(read_documents(EXAMPLE))
    assert len(docs) == 1 and not isinstance(docs[0], ReadError), docs
    doc = docs[0]
    return doc, tag_document(doc)


def test_article_document(article):
    doc, ann = article
    assert doc.date == "2017-05"
    assert doc.lang == "de"
    assert doc.text.startswith("US-Präsident Donald Trump")
    check_invariants(ann, doc.text)


def test_article_every_expression(article):
    doc, ann = article
    text = doc.text
    abend = [i + len("am ") for i in _find_all(text, "am Abend")]
    assert len(abend) == 2
    expected = [
        (text.index("Dienstagabend"), "Dienstagabend", "TIME", "2017-05-XXTEV"),
        (text.index("Jetzt wollen"), "Jetzt", "DATE", "PRESENT_REF"),
        (text.index("am 7. und") + 3, "7.", "DATE", "2017-07-07"),
        (text.index("8. Juli"), "8. Juli", "DATE", "2017-07-08"),
        (abend[0], "Abend", "TIME", "2017-05-XXTEV"),
        (abend[1], "Abend", "TIME", "2017-05-XXTEV"),
        (text.index("im April") + 3, "April", "DATE", "2017-04"),
        (text.index("im Januar") + 3, "Januar", "DATE", "2017-01"),
        (text.index("derzeit"), "derzeit", "DATE", "PRESENT_REF"),
        (text.index("zur Zeit"), "zur Zeit", "DATE", "PRESENT_REF"),
    ]
    got = [(t.start, t.text, str(t.type), t.value) for t in ann.timexes]
    assert got == expected
    for t in ann.timexes:
        assert t.end == t.start + len(t.text)
        assert text[t.start : t.end] == t.text
        assert t.mod is None
        assert not t.unresolved


def test_article_tuesday_evening_keeps_only_the_month(article):
    _doc, ann = article
    (t,) = [t for t in ann.timexes if t.text == "Dienstagabend"]
    assert t.type == TimexType.TIME
    assert t.value == "2017-05-XXTEV"
    assert t.uncertain == "day"
    assert (t.earliest, t.latest) == ("2017-05-01", "2017-05-31")
    for t in [t for t in ann.timexes if t.text == "Abend"]:
        assert t.value == "2017-05-XXTEV"
        assert t.uncertain == "day"
        assert (t.earliest, t.latest) == ("2017-05-01", "2017-05-31")
    assert any("2017-05" in w for w in ann.warnings)


def test_article_intervals(article):
    _doc, ann = article
    by_text = {t.text: t for t in ann.timexes}
    assert (by_text["7."].earliest, by_text["7."].latest) == ("2017-07-07", "2017-07-07")
    assert (by_text["8. Juli"].earliest, by_text["8. Juli"].latest) == ("2017-07-08", "2017-07-08")
    assert (by_text["April"].earliest, by_text["April"].latest) == ("2017-04-01", "2017-04-30")
    assert (by_text["Januar"].earliest, by_text["Januar"].latest) == ("2017-01-01", "2017-01-31")
    for surface in ("7.", "8. Juli", "April", "Januar"):
        assert by_text[surface].uncertain is None
    for surface in ("Jetzt", "derzeit", "zur Zeit"):
        assert by_text[surface].earliest is None and by_text[surface].latest is None


def _find_all(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


# --- (b) no article date, narrative mode ------------------------------------------------------


def test_no_date_absolute_resolve_relative_unresolved():
    text = "Am 7. Juli 2017 kam er. Gestern sagte er das. Im Juni siegte er. Derzeit ist alles anders."
    ann = chronik.annotate(text, lang="de")
    check_invariants(ann, text)
    by_text = {t.text: t for t in ann.timexes}
    assert set(by_text) == {"7. Juli 2017", "Gestern", "Juni", "Derzeit"}
    d = by_text["7. Juli 2017"]
    assert (d.value, d.unresolved, d.earliest, d.latest) == ("2017-07-07", False, "2017-07-07", "2017-07-07")
    for surface, value in (("Gestern", "XXXX-XX-XX"), ("Juni", "XXXX-06")):
        t = by_text[surface]
        assert t.value == value
        assert t.unresolved
        assert t.earliest is None and t.latest is None
    assert by_text["Derzeit"].value == "PRESENT_REF"


def test_no_date_english():
    text = "Germany was reunified on October 3, 1990. He said so yesterday. He came three weeks ago."
    ann = chronik.annotate(text, lang="en")
    check_invariants(ann, text)
    assert found(ann) == [
        ("October 3, 1990", "DATE", "1990-10-03"),
        ("yesterday", "DATE", "XXXX-XX-XX"),
        ("three weeks ago", "DATE", "XXXX-WXX"),
    ]
    assert [t.unresolved for t in ann.timexes] == [False, True, True]
    assert ann.timexes[0].earliest == "1990-10-03"


def test_narrative_anchors_to_the_last_date_mentioned():
    text = "Im Jahr 1805 siegte Napoleon. Im Juni zog er weiter."
    news = chronik.annotate(text, lang="de")
    assert [(t.text, t.value, t.unresolved) for t in news.timexes] == [
        ("Jahr 1805", "1805", False),
        ("Juni", "XXXX-06", True),
    ]
    ann = chronik.annotate(text, lang="de", doc_type="narrative")
    check_invariants(ann, text)
    assert [(t.text, t.value) for t in ann.timexes] == [("Jahr 1805", "1805"), ("Juni", "1805-06")]
    june = ann.timexes[1]
    assert not june.unresolved
    assert (june.earliest, june.latest) == ("1805-06-01", "1805-06-30")


def test_narrative_follows_the_latest_date():
    text = "Im Jahr 1805 siegte Napoleon. Am 2. Dezember siegte er bei Austerlitz. Zwei Tage später ruhte er."
    ann = chronik.annotate(text, lang="de", doc_type="narrative")
    check_invariants(ann, text)
    assert [(t.text, t.value) for t in ann.timexes] == [
        ("Jahr 1805", "1805"),
        ("2. Dezember", "1805-12-02"),
        ("Zwei Tage später", "1805-12-04"),
    ]


def test_narrative_english():
    text = "In 1805 Napoleon won. In June he marched on."
    ann = chronik.annotate(text, lang="en", doc_type="narrative")
    check_invariants(ann, text)
    assert [(t.text, t.value, t.unresolved) for t in ann.timexes] == [
        ("1805", "1805", False),
        ("June", "1805-06", False),
    ]


# --- (c) bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n\t", "\ufeff", "\x00"])
@pytest.mark.parametrize("date", [None, "2017-05", "2017-05-09"])
def test_empty_text(text, date):
    for lang in (None, "de", "en"):
        ann = chronik.annotate(text, date=date, lang=lang)
        assert ann.timexes == ()
        check_invariants(ann, text)


@pytest.mark.parametrize("seed", range(4))
def test_binary_junk(seed):
    data = random.Random(seed).randbytes(50_000)
    for text in (data.decode("latin-1"), data.decode("utf-8", errors="replace"), data.decode("cp1252", "replace")):
        for lang in (None, "de", "en"):
            ann = chronik.annotate(text, date="2017-05-09", lang=lang)
            check_invariants(ann, text)


@pytest.mark.parametrize("seed", range(4))
def test_binary_junk_through_the_reader(seed):
    rng = random.Random(seed)
    text = "Am 7. Juli 2017 kam er. Gestern sagte er das. Über Ostern war er weg. ".encode() * 40
    sprinkled = bytearray(text)
    for _ in range(len(text) // 50):  # about 2 % random high bytes: mojibake, still text
        sprinkled[rng.randrange(len(sprinkled))] = rng.randrange(128, 256)
    documents = 0
    for data in (rng.randbytes(4000), bytes(sprinkled)):
        for name in ("junk.txt", "junk.jsonl", "junk.dat", "junk.tml"):
            for doc in read_bytes(data, name, date="2017-05-09"):
                if isinstance(doc, ReadError):
                    assert str(doc).startswith(name)
                    continue
                documents += 1
                check_invariants(tag_document(doc), doc.text)
    assert documents  # the sprinkled text is read as a document at least once


def test_binary_junk_with_dates_inside():
    rng = random.Random(7)
    parts = []
    for _ in range(200):
        parts.append(rng.randbytes(rng.randint(0, 40)).decode("latin-1"))
        parts.append(rng.choice(["7. Juli 2017", "gestern", "July 7, 2017", "vor drei Jahren", "2017-07-07"]))
    text = "".join(parts)
    for lang in ("de", "en"):
        ann = chronik.annotate(text, date="2017-05", lang=lang)
        check_invariants(ann, text)
        assert ann.timexes


def test_ten_megabyte_document(article):
    doc, _ = article
    body = doc.text
    text = "\n\n".join([body] * (10_000_000 // len(body) + 1))
    assert len(text) >= 10_000_000
    ann = chronik.annotate(text, date="2017-05", lang="de")
    check_invariants(ann, text)
    copies = text.count("Dienstagabend")
    assert sum(1 for t in ann.timexes if t.text == "Dienstagabend") == copies
    assert ann.timexes[-1].end <= len(text)


def test_mixed_german_and_english():
    text = (
        "Am 7. Juli 2017 trafen sich Trump und Putin. On July 8, 2017 they met again. "
        "Gestern sagte er das. He said so yesterday."
    )
    for lang in (None, "de", "en"):
        ann = chronik.annotate(text, date="2017-05-09", lang=lang)
        check_invariants(ann, text)
        assert ann.lang in ("de", "en")
    de = chronik.annotate(text, date="2017-05-09", lang="de")
    assert ("7. Juli 2017", "DATE", "2017-07-07") in found(de)
    assert ("Gestern", "DATE", "2017-05-08") in found(de)
    en = chronik.annotate(text, date="2017-05-09", lang="en")
    assert ("July 8, 2017", "DATE", "2017-07-08") in found(en)
    assert ("yesterday", "DATE", "2017-05-08") in found(en)


INVALID_DATES = [
    "Am 30. Februar 2017 kam er.",
    "Am 31/02/2017 kam er.",
    "Am 31.02.2017 kam er.",
    "Am 2017-02-30 kam er.",
    "Am 29. Februar 2017 kam er.",
    "Am 31. April 2017 kam er.",
    "Am 32. Januar 2017 kam er.",
    "Am 0. Mai 2017 kam er.",
    "Am 2017-13-01 kam er.",
    "Um 24:61 Uhr kam er.",
    "He came on February 30, 2017.",
    "He came on 31/02/2017.",
    "He came on 2/30/2017.",
    "He came on 13/13/2017.",
    "He came on April 31st, 2017.",
]


@pytest.mark.parametrize("text", INVALID_DATES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_invalid_dates_never_give_invalid_values(text, lang):
    for date in (None, "2017", "2017-05", "2017-05-09"):
        ann = chronik.annotate(text, date=date, lang=lang)
        check_invariants(ann, text)
        for t in ann.timexes:
            if t.type in (TimexType.DATE, TimexType.TIME) and "X" not in t.value and not t.value.endswith("_REF"):
                assert interval(t.value) is not None, t  # a real calendar date
            assert "-02-30" not in t.value and "-02-31" not in t.value and "-04-31" not in t.value, t


def test_impossible_days_are_not_tagged_as_days():
    for text in ("Am 30. Februar 2017 kam er.", "Am 31.02.2017 kam er.", "Am 2017-02-30 kam er."):
        ann = chronik.annotate(text, date="2017-05-09", lang="de")
        assert all(len(t.value) < 10 for t in ann.timexes), found(ann)


# --- (d) properties -----------------------------------------------------------------------------

# The whole calendar: relative expressions that would leave it (year 1 - 9999) are dropped, not raised.
_ref_days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
reference_dates = st.one_of(
    st.none(),
    _ref_days.map(lambda d: f"{d.year:04d}"),
    _ref_days.map(lambda d: f"{d.year:04d}-{d.month:02d}"),
    _ref_days.map(lambda d: d.isoformat()),
)
langs = st.sampled_from([None, "de", "en"])
doc_types = st.sampled_from(["news", "narrative"])
_years = st.integers(1, 9999)

FRAGMENTS = (
    "Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember "
    "January February March May June July October December Jul. Sept. "
    "Montag Dienstag Dienstagabend Mittwoch Freitag Sonntag Monday Tuesday Friday evening morning "
    "vor seit Jahren Jahre Jahr Monaten Monat Wochen Woche Tagen Tage Tag Stunden Uhr ago later earlier "
    "last next this every jeden jedes täglich daily am im in on the der den des bis von vom zum "
    "Anfang Mitte Ende etwa rund fast mehr als about early late mid- heuer Vorjahr gestern heute "
    "morgen tomorrow yesterday today Abend Nacht Morgen Quartal quarter Halbjahr Jahrhundert century "
    "Ostern Pfingsten Weihnachten Christmas Easter Thanksgiving derzeit zur Zeit jetzt now recently "
    "Sommer Winter summer spring 90er 1990er '90s 1990s Q3 H1 p.m. a.m. und and – - / . , : 's th st"
).split()

fragments = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.integers(0, 10**7).map(str),
    _years.map(lambda y: f"Jahr {y}"),
    _years.map(lambda y: f"den {y}er Jahren"),
    st.tuples(st.sampled_from(["Juli", "July", "Sommer", "Mitte", "Ende", "early", "Q3"]), _years).map(
        lambda p: f"{p[0]} {p[1]}"
    ),
    st.integers(0, 40).map(lambda n: f"{n}."),
    st.integers(0, 99).map(lambda n: f"{n:02d}"),
    _ref_days.map(lambda d: d.isoformat()),
    _ref_days.map(lambda d: f"{d.day}.{d.month}.{d.year}"),
    _ref_days.map(lambda d: f"{d.month}/{d.day}/{d.year}"),
)
separators = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", " - ", " – ", " / "])
date_ish = st.lists(st.tuples(fragments, separators), max_size=25).map(
    lambda parts: "".join(f + s for f, s in parts)
)

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=st.text(max_size=300), date=reference_dates, lang=langs, doc_type=doc_types)
def test_any_unicode_text(text, date, lang, doc_type):
    ann = chronik.annotate(text, date=date, lang=lang, doc_type=doc_type)
    check_invariants(ann, text)


@PROPERTY
@given(text=date_ish, date=reference_dates, lang=langs, doc_type=doc_types)
def test_date_ish_text(text, date, lang, doc_type):
    ann = chronik.annotate(text, date=date, lang=lang, doc_type=doc_type)
    check_invariants(ann, text)


@PROPERTY
@given(
    prefix=st.text(max_size=20),
    middle=date_ish,
    suffix=st.text(max_size=20),
    date=reference_dates,
    lang=st.sampled_from(["de", "en"]),
)
def test_date_ish_inside_unicode(prefix, middle, suffix, date, lang):
    text = prefix + middle + suffix
    ann = chronik.annotate(text, date=date, lang=lang)
    check_invariants(ann, text)
