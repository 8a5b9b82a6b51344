"""The relevance set must pass at 95% success@3 (see ``relevance.py``), every class of
it at 80% at least."""
from tests.search.conftest import search, slugs
from tests.search.relevance import ARABIC, CLASSES, FRENCH, QUERIES

THRESHOLD = 0.95
CLASS_THRESHOLD = 0.80


def test_the_relevance_set_is_big_and_balanced():
    assert len(QUERIES) >= 80
    assert abs(len(ARABIC) - len(FRENCH)) <= len(QUERIES) // 10
    assert all(len(queries) >= 8 for queries in CLASSES.values())


def test_people_find_what_they_typed_in_the_top_three(client, demo, lang):
    successes, reciprocal_ranks, misses, lines = 0, [], [], []
    for name, queries in CLASSES.items():
        found_in_class = 0
        for query, expected in queries:
            found = slugs(search(client, query, lang, per_page=10))
            ranks = [found.index(slug) + 1 for slug in expected if slug in found]
            best = min(ranks, default=None)
            reciprocal_ranks.append(1 / best if best else 0)
            if best and best <= 3:
                found_in_class += 1
            else:
                misses.append(f"{name}: {query!r}: expected one of {list(expected)[:3]}, got {found[:3]}")
        successes += found_in_class
        lines.append((name, len(queries), found_in_class / len(queries)))
    success_at_3 = successes / len(QUERIES)
    mrr = sum(reciprocal_ranks) / len(QUERIES)
    print(f"\nrelevance ({lang}): {len(QUERIES)} queries, success@3 = {success_at_3:.1%}, MRR = {mrr:.3f}")
    for name, count, share in lines:
        print(f"  {name}: {count} queries, success@3 = {share:.1%}")
    for miss in misses:
        print("  missed", miss)
    assert success_at_3 >= THRESHOLD, "\n".join(misses)
    assert all(share >= CLASS_THRESHOLD for _name, _count, share in lines), lines
