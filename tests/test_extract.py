"""``transforms.extract``: the combined per-text API the flow and analysts share."""

from __future__ import annotations

import importlib

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms import extract

# the submodule (the package re-exports the function under the same name)
extract_module = importlib.import_module("transforms.extract.pipeline")

TEXT = (
    "The finance ministry said on Monday it would publish the figures. "
    "“We will not hide a single number,” Marta Ilyenko said. "
    "Critics were unconvinced. “This is a promise we have heard before,” Ilyenko added."
)


def test_every_list_has_exact_offsets_and_is_sorted():
    result = extract(TEXT)
    for records in (result.people, result.organisations, result.quotes, result.figures):
        assert [r.start for r in records] == sorted(r.start for r in records)
        for r in records:
            assert TEXT[r.start:r.end] == r.text


def test_named_speakers_are_entity_mentions():
    """A named speaker comes from the entity extractor's mentions, by the same canonical name
    and type, so the corpus step links it to the same entity."""
    result = extract(TEXT)
    names = {(m.name, m.type) for m in (*result.people, *result.organisations)}
    for q in result.quotes:
        if q.speaker_type in ("person", "organisation"):
            assert (q.speaker, q.speaker_type) in names


def test_no_speaker_name_without_a_mention(monkeypatch):
    monkeypatch.setattr(extract_module, "extract_entities", lambda text: ([], []))
    result = extract(TEXT)
    assert all(q.speaker_type not in ("person", "organisation") for q in result.quotes)


def test_anonymous_speakers_do_not_become_people(monkeypatch):
    monkeypatch.setattr(extract_module, "extract_entities", lambda text: ([], []))
    result = extract("“The talks are stuck,” a senior EU official said on Friday evening.")
    assert result.quotes and result.quotes[0].speaker_type == "anonymous"
    assert result.people == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_never_crashes_and_offsets_hold(text):
    result = extract(text)
    for records in (result.people, result.organisations, result.quotes, result.figures):
        for r in records:
            assert text[r.start:r.end] == r.text
