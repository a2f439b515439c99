"""quotes/institutions.py: what the directory files as an institution."""

from __future__ import annotations

import pytest

from quotes.institutions import institution_named


@pytest.mark.parametrize(
    ("phrase", "named"),
    [
        ("the NATO Defense College", "NATO Defense College"),
        ("prominent Republican National Committee", "Republican National Committee"),  # an adjective before it
        ("nationalist Global Times tabloid", "Global Times"),  # and a noun after it
        ("Local 32BJ", "Local 32BJ"),  # a union local keeps its number
        ("General Motors", "General Motors"),  # an honorific's word inside a company's name
        ("Justice Department", "Justice Department"),
        ("newspaper", None),  # a generic noun
        ("the editorial board", None),
        ("This group", None),  # a body named before, pointed at: no name
        ("Its board", None),
        ("Republican", None),  # a party, or its members
        ("Democrats", None),
        ("President Obama", None),  # a person
        ("Mr. Yanukovych's former party", None),
        ("Clinton's Latino", None),  # a person's something
        ("Texas", None),  # a place: a US state, a country, a people
        ("Japan", None),
        ("Russia", None),  # the short names news uses, which ISO 3166 does not give
        ("U.S.", None),
        ("Mexican", None),
        ("Americans", None),
        ("Microsoft", "Microsoft"),  # no people's ending: not "Micronesia"
        ("Vatican", "Vatican"),  # a body named by its seat
        ("Hillary Clinton", None),  # a person's name: a given name and a surname
        ("New Hampshire Sen. Kelly Ayotte", None),  # or a titled name
        ("Trump campaign", "Trump campaign"),  # but a person's body keeps its noun
        ("Obama administration", "Obama administration"),
        ("Ben Carson Foundation", "Ben Carson Foundation"),
        ("Council on Foreign Relations in Washington", "Council on Foreign Relations"),  # a place after it
        ("Office of Management and Budget in the Reagan", "Office of Management and Budget"),
    ],
)
def test_an_institution_is_a_name_cut_at_its_boundaries(phrase, named):
    assert institution_named(phrase) == named
