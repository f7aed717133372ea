"""A corpus step drops its per-name and per-spelling caches when it ends (they would pin
Python's memory arenas in the night's long-lived process)."""

from flows.corpus import corpus_stage
from flows.metrics import StageClock
from transforms.corpus import entity_resolution, fingerprints, stories


def test_a_corpus_stage_leaves_no_cached_name_or_spelling():
    clock = StageClock()
    with corpus_stage(clock, "entities"):
        entity_resolution.entity_block("person", "Amara Quist-Lindqvist")
        fingerprints.word_hash("harbour")
        stories.document_terms("The harbour authority counted 4,500 containers.")
        assert entity_resolution.split_person.cache_info().currsize
        assert fingerprints.normalise_word.cache_info().currsize
    assert entity_resolution.fold.cache_info().currsize == 0
    assert entity_resolution.split_person.cache_info().currsize == 0
    assert fingerprints.normalise_word.cache_info().currsize == 0
    assert stories._term_hash.cache_info().currsize == 0
    assert fingerprints.word_hash.__globals__["_WORD_HASHES"] == {}
    assert "entities" in clock.seconds
