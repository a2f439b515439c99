"""quotes/twins.py: `quotes experts --similar` offers the entries that may be one person, surest first."""

from __future__ import annotations

import json

import pytest

from .test_curate import run, said

pytestmark = pytest.mark.usefixtures("database")  # every test on SQLite and on PostgreSQL


def offered() -> list[tuple[str, str, str]]:
    """The pairs offered, in order; each pair's fuller name first (the likelier to keep)."""
    result = run("experts", "--similar", "--json")
    assert result.exit_code == 0, result.output
    return [(p["a"], p["b"], p["why"]) for p in json.loads(result.output)]


def test_each_habit_of_news_copy_is_offered():
    said("a", ("Rates rise.", "Paul Ryan", None), ("Taxes fall.", "Robert Corker", None),
         ("Seas rise.", "Mario Vargas Llosa", None), ("Lakes dry.", "Reince Priebus", None))
    said("b", ("Rates fall.", "Paul Davis Ryan", None), ("Taxes rise.", "Bob Corker", None),
         ("Seas fall.", "Vargas Llosa", None), ("Lakes fill.", "Rence Priebus", None))
    # ("Paul D. Ryan" and "Paul Ryan" are one expert already: store's initials_variant)
    assert {(frozenset((a, b)), why) for a, b, why in offered()} == {
        (frozenset(("Mario Vargas Llosa", "Vargas Llosa")), "given name added"),
        (frozenset(("Paul Davis Ryan", "Paul Ryan")), "middle name"),
        (frozenset(("Reince Priebus", "Rence Priebus")), "spelling"),
        (frozenset(("Robert Corker", "Bob Corker")), "nickname"),
    }


def test_other_given_names_are_other_people():
    said("a", ("Rates rise.", "Bill Clinton", None), ("Taxes fall.", "Laura Chen", None))
    said("b", ("Rates fall.", "Hillary Clinton", None), ("Taxes rise.", "Michael Chen", None))
    assert offered() == []


def test_a_surname_alone_goes_first_to_the_most_quoted_full_name():
    said("a", ("One.", "Hillary Clinton", None), ("Two.", "Hillary Clinton", None), ("Three.", "Hillary Clinton", None))
    said("b", ("Four.", "Bill Clinton", None))
    said("c", ("Five.", "Clinton", None))
    pairs = offered()
    assert [(a, b) for a, b, _ in pairs] == [("Hillary Clinton", "Clinton"), ("Bill Clinton", "Clinton")]
    assert {why for _, _, why in pairs} == {"surname only"}


def test_a_shared_institution_ranks_a_pair_higher():
    said("a", ("Rates rise.", "Thomas Burke", "Acme Institute"), ("Seas rise.", "Geoffrey Garin", None))
    said("b", ("Rates fall.", "Tom Burke", "Acme Institute"), ("Seas fall.", "Geoff Garin", None))
    assert [{a, b} for a, b, _ in offered()] == [{"Thomas Burke", "Tom Burke"}, {"Geoffrey Garin", "Geoff Garin"}]


def test_a_name_s_first_word_alone_is_offered_beside_it_but_a_common_given_name_is_not():
    said("a", ("Rates rise.", "Shen Xincheng", None), ("Rates fall.", "Shen", None))
    said("b", ("Taxes rise.", "Bob Corker", None), ("Taxes fall.", "Bob", None))  # "Bob" is as often another's
    assert [(a, b) for a, b, why in offered() if why == "first word alone"] == [("Shen Xincheng", "Shen")]
