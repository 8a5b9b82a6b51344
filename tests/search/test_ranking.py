"""Counting and ranking at scale: exact counts whatever the number of results, pages
that follow each other, and the bitsets they rest on."""
import random

from procedures.search import ranking
from tests.search.conftest import search, slugs


def test_bitsets_hold_exactly_their_documents():
    rng = random.Random(5519)
    for size in (0, 1, 7, 8, 9, 1000):
        docnums = sorted(rng.sample(range(40_000), size))
        bits = ranking.bitset(docnums)
        assert ranking.members(bits) == docnums and bits.bit_count() == size


def test_facet_counts_are_the_totals_of_their_filters(client, demo, lang):
    for query in ("certificat", "رخصة", "demande autorisation"):
        body = search(client, query, lang, per_page=1)
        assert body["total"] > 1
        for facet in ("theme", "administration", "audience", "maturity", "online", "free"):
            values = body["facets"][facet]
            assert values, facet
            for value in values:
                filtered = search(client, query, lang, per_page=1, **{facet: str(value["value"]).lower()})
                assert filtered["total"] == value["count"], (query, facet, value)


def test_pages_follow_each_other_without_repeating(client, demo):
    first = search(client, "demande", "fr", per_page=50)
    assert first["total"] > 50
    pages = [slugs(search(client, "demande", "fr", per_page=10, page=number)) for number in range(1, 6)]
    assert [slug for page in pages for slug in page] == slugs(first)[:50]
