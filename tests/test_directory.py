import pytest
from sqlmodel import Session

from quotes.directory import NotFound, experts, find_institution, institutions, quotes, search
from quotes.models import Person

pytestmark = pytest.mark.usefixtures("database")  # every test on SQLite and on PostgreSQL


def names(found):
    return [e.name for e in found]


def test_search_by_part_case_accents_and_transliteration(filled):
    with Session(filled) as s:
        assert names(search(s, "Weitz")) == ["Richard Weitz"]
        assert names(search(s, "kortunov")) == ["Andrey Kortunov"]
        assert names(search(s, "KORTÚNOV")) == ["Andrey Kortunov"]
        assert names(search(s, "Andrei Kortunov")) == ["Andrey Kortunov"]
        assert names(search(s, "Kortunoff")) == ["Andrey Kortunov"]
        assert search(s, "Zbigniew") == []


def test_search_ranks_exact_before_part_before_fuzzy(filled):
    with Session(filled) as s:
        found = search(s, "Richard Weitz")
        assert found[0].name == "Richard Weitz" and found[0].match == "exact"
        assert search(s, "weitz")[0].match == "part"
        assert search(s, "weit")[0].match == "prefix"


def test_search_shows_roles_and_quote_counts(filled):
    with Session(filled) as s:
        (weitz,) = search(s, "weitz")
    assert weitz.quotes == 1
    assert [(r.title, r.institution) for r in weitz.roles] == [
        ("senior non-resident associate fellow", "NATO Defense College")
    ]
    assert len(weitz.roles[0].articles) == 1  # the article that shows the role


@pytest.mark.parametrize("name", ["the NATO Defense College", "NATO Defense College", "nato defense college"])
def test_institution_forms_are_one(filled, name):
    with Session(filled) as s:
        inst = find_institution(s, name)
        rows = list(quotes(s, institution_id=inst.id))
    assert inst.name == "NATO Defense College"
    assert [r.expert for r in rows] == ["Richard Weitz"]


def test_institution_by_acronym_learned_from_text(filled):
    with Session(filled) as s:
        assert find_institution(s, "CDLP").name == "Centre for Digital Learning Policy"


def test_unknown_institution_suggests_near_names(filled):
    with Session(filled) as s, pytest.raises(NotFound, match="did you mean 'NATO Defense College'"):
        find_institution(s, "nato defence colege")


def test_experts_and_institutions_listings_sort(filled):
    with Session(filled) as s:
        by_quotes = experts(s)
        by_name = experts(s, sort="name")
        places = institutions(s, sort="name")
    assert by_quotes[0].quotes >= by_quotes[-1].quotes
    assert names(by_name) == sorted(names(by_name))
    assert [p.name for p in places] == sorted(p.name for p in places)
    assert by_name and places


def test_quotes_filter_since(filled):
    with Session(filled) as s:
        recent = list(quotes(s, since="2025-07-01"))
    assert recent and all(q.published >= "2025-07-01" for q in recent)


def test_full_text_find_ranks_and_escapes(filled):
    with Session(filled) as s:
        found = list(quotes(s, matching="water grandchildren"))
        assert [q.expert for q in found] == ["Helen Castellanos"]
        literal = list(quotes(s, matching='axis" OR ('))  # user input is never query syntax
        assert literal and all("axis" in q.text for q in literal)
        either = {q.expert for q in quotes(s, matching="axis OR ice", raw=True)}
        # Hale's is reported: "Hale added that premiums for ice-class vessels had risen"
        assert either == {"Richard Weitz", "Andrey Kortunov", "Ingrid Solberg", "Marcus Hale"}
        if filled.dialect.name == "sqlite":  # PostgreSQL's web-search syntax forgives any input
            assert all(" or " in q.text for q in literal)  # FTS5: every word, "or" too, must match
            with pytest.raises(Exception, match="bad full-text query"):
                list(quotes(s, matching="axis OR (", raw=True))


def test_full_text_find_over_everything_ranks_the_newest_matches(filled, monkeypatch):
    """Over the whole directory, find ranks the best page of the newest FIND_PAGES pages of
    quotes holding the words, so that a common word in a million quotes costs a window, not
    every match; a find narrowed to some experts ranks every match."""
    import quotes.directory.statements as directory

    with Session(filled) as s:
        words = "axis OR ice OR water OR grain OR sanctions OR people OR years"
        every = list(quotes(s, matching=words, raw=True, limit=100))  # ten pages of 100: all of them
        monkeypatch.setattr(directory, "FIND_PAGES", 1)
        window = list(quotes(s, matching=words, raw=True, limit=3))
        everyone = [q.expert_id for q in every if q.expert_id]
        filtered = list(quotes(s, matching=words, raw=True, limit=3, person_ids=everyone))
    assert len(every) > 3
    if filled.dialect.name == "sqlite":
        assert sorted(q.id for q in window) == sorted(q.id for q in every)[-3:]
    else:
        assert window == every[:3]
    assert filtered == [q for q in every if q.expert_id][:3]


def test_a_page_of_find_is_full_when_its_best_matches_were_rejected(filled):
    """Rejected quotes are dropped after ranking: a page they leave short asks for more, so a
    page of two is two quotes while the directory holds others that match."""
    from quotes.curate import reject

    words = "axis OR ice OR water OR grain OR sanctions OR people OR years"
    with Session(filled) as s:
        best = list(quotes(s, matching=words, raw=True, limit=5))
        assert len(best) == 5
        for row in best[:3]:
            reject(s, row.id)
        s.commit()
        page = list(quotes(s, matching=words, raw=True, limit=2))
    assert [q.id for q in page] == [q.id for q in best[3:]]


def test_search_finds_a_name_misspelt_in_its_first_letters(filled):
    """A slip among the first letters ("Kotrunov") still finds the name: name words are filed
    under their first letters with any one of them dropped."""
    with Session(filled) as s:
        assert names(search(s, "Kotrunov")) == ["Andrey Kortunov"]
        assert names(search(s, "Andrei Kotrunov")) == ["Andrey Kortunov"]


def test_search_reads_a_common_surname_a_page_at_a_time_in_order(engine):
    """More experts share a surname than a page holds: the page is the exact and alias matches,
    then the part matches in name order, whichever tier the name index reads them in."""
    from quotes.store import add_alias, index_name

    with Session(engine) as s:
        for i in range(120):
            key = f"{chr(97 + i % 26)}{i:03d} okafor"
            person = Person(name=key.title(), key=key)
            s.add(person)
            s.flush()
            index_name(s, person.id, key)
        add_alias(s, "person", "Okafor", person.id)  # the last one is also known as plain "Okafor"
        s.add(person := Person(name="Okaforo Mensah", key="okaforo mensah"))
        s.flush()
        index_name(s, person.id, person.key)
        s.commit()
    keys = [f"{chr(97 + i % 26)}{i:03d} okafor" for i in range(120)]
    alias, part = keys[-1], sorted(keys[:-1])
    with Session(engine) as s:
        found = search(s, "okafor")
        assert [(e.name.lower(), e.match) for e in found] == [(alias, "alias")] + [(k, "part") for k in part[:19]]
        every = search(s, "okafor", limit=200)
        assert [e.name.lower() for e in every] == [alias, *part, "okaforo mensah"]
        assert [e.match for e in every][-1] == "prefix"
        assert [e.name.lower() for e in search(s, "okafo", limit=3)] == sorted(keys)[:3]


def test_the_cli_default_for_min_words_is_the_directory_s():
    from quotes.cli.common import MIN_WORDS
    from quotes.directory import LISTED_MIN_WORDS

    assert MIN_WORDS == LISTED_MIN_WORDS
