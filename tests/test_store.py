import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from quotes import models
from quotes.extract import Extraction, Quote
from quotes.read import Article
from quotes.store import store

pytestmark = pytest.mark.usefixtures("database")  # every test on SQLite and on PostgreSQL


def count(engine, model):
    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(model)).scalar()


def quote(text, speaker, affiliation=None, title=None, start=0):
    return Quote(start, start + len(text), text, speaker, title, affiliation, "direct", "said", 0.9)


def test_storing_the_same_article_twice_adds_nothing(engine):
    article = Article(text='"We will win," said Jane Roe.', id="a")
    extraction = Extraction(article, [quote("We will win,", "Jane Roe", "Acme Institute", "fellow", 1)])
    first, second = store(engine, extraction), store(engine, extraction)
    assert first.new and first.quotes == 1
    assert not second.new and second.article_id == first.article_id
    assert count(engine, models.Quote) == 1 and count(engine, models.Affiliation) == 1


def test_people_and_institutions_are_shared_across_articles(engine):
    a = Extraction(Article(text="one", id="1"), [quote("one", "Andréy Kortunov", "the Russian Council")])
    b = Extraction(Article(text="two", id="2"), [quote("two", "andrey kortunov", "Russian Council")])
    store(engine, a)
    store(engine, b)
    assert count(engine, models.Person) == 1
    assert count(engine, models.Institution) == 1


def test_acronyms_defined_in_text_become_aliases(engine):
    article = Article(text="x", id="1")
    extraction = Extraction(
        article,
        [quote("x", "Jane Roe", "Centre for Digital Learning Policy")],
        {"CDLP": "Centre for Digital Learning Policy"},
    )
    store(engine, extraction)
    with Session(engine) as s:
        inst = s.execute(select(models.Institution)).scalar_one()
        alias = s.execute(select(models.Alias)).scalar_one()
    assert inst.acronym == "CDLP" and alias.key == "cdlp" and alias.institution_id == inst.id


def test_a_failing_article_leaves_nothing_behind(engine):
    bad = Extraction(Article(text="bad", id="1"), [quote("x", "Jane Roe"), quote("x", "Jane Roe")])  # same offsets
    try:
        store(engine, bad)
    except Exception:
        pass
    else:
        raise AssertionError("a duplicate quote span must fail the article")
    assert count(engine, models.Article) == 0 and count(engine, models.Person) == 0


def test_a_statement_updated_by_a_word_shares_the_key_of_the_nearest_one_stored(engine):
    said = [  # two statements (alike, but under SAME_STATEMENT), then one near both and nearest the second
        "The sanctions will hurt both economies badly over the next five years, and nobody gains from them at all,"
        " not even the banks.",
        "The sanctions will hurt both economies badly over the next two years, and no one gains from those at all,"
        " not even the big banks.",
    ]
    for i, text in enumerate(said):
        store(engine, Extraction(Article(text=text, id=f"a{i}"), [quote(text, "Jane Roe")]))
    updated = ("The sanctions will hurt both economies badly over the next two years, and no one gains from them"
               " at all, not even the banks.")
    unrelated = "Talks resume in the spring."
    store(engine, Extraction(Article(text=updated + unrelated, id="b"), [quote(updated, "Jane Roe"),
                                                                       quote(unrelated, "Jane Roe", start=99)]))
    with Session(engine) as s:
        keys = dict(s.execute(select(models.Quote.text, models.Quote.text_key)).all())
    assert keys[said[0]] != keys[said[1]]
    assert keys[updated] == keys[said[1]]
    assert keys[unrelated] not in (keys[said[0]], keys[said[1]])


def _institutions(engine) -> list[str]:
    with Session(engine) as s:
        return sorted(s.execute(select(models.Institution.name)).scalars())


def test_an_acronym_and_its_full_name_in_other_articles_are_one_institution(engine):
    store(engine, Extraction(Article(text="one", id="1"), [quote("one", "Jane Roe", "FBI")]))
    store(engine, Extraction(Article(text="two", id="2"), [quote("two", "John Doe", "the Federal Bureau of Investigation")]))
    store(engine, Extraction(Article(text="three", id="3"), [quote("three", "Ann Poe", "Central Intelligence Agency")]))
    store(engine, Extraction(Article(text="four", id="4"), [quote("four", "Bo Loe", "CIA")]))
    assert _institutions(engine) == ["Central Intelligence Agency", "FBI"]


def test_no_entry_for_a_generic_noun_a_party_or_a_person(engine):
    said = [quote("a", None, "the newspaper"), quote("b", None, "Republican", start=2),
            quote("c", "Jane Roe", "President Obama", start=4), quote("d", None, "prominent Republican National Committee", start=6)]
    stored = store(engine, Extraction(Article(text="a b c d", id="1"), said))
    assert stored.quotes == 4  # every statement is kept
    assert _institutions(engine) == ["Republican National Committee"]


def test_two_writers_storing_one_title_only_role_at_once_store_it_once(engine):
    """A role with no institution is no row the table's unique key sees (NULL is distinct from
    NULL): the partial unique index makes the second writer wait for the first, then find its row."""
    import threading

    from quotes.store import _affiliate, person

    with Session(engine) as s, s.begin():
        article_id = store(engine, Extraction(Article(text="a", id="a"), [])).article_id
        who = person(s, "Jane Roe")
    first = Session(engine)
    first.begin()
    _affiliate(first, who, None, "senator", "2026-01-02", article_id)  # not committed yet
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with Session(engine) as s, s.begin():
                _affiliate(s, who, None, "senator", "2026-01-05", article_id)
        except BaseException as exc:  # raised in the test below
            errors.append(exc)

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(timeout=1.0)  # it waits on the first writer's row, where the engine lets it start
    first.commit()
    first.close()
    thread.join(timeout=30)
    assert not errors, errors
    with Session(engine) as s:
        roles = s.execute(select(models.Affiliation.first_seen, models.Affiliation.last_seen)
                          .where(models.Affiliation.person_id == who)).all()
    assert roles == [("2026-01-02", "2026-01-05")]


@pytest.mark.parametrize("names", [("Democratic National Committee", "DNC"), ("DNC", "Democratic National Committee")])
def test_two_writers_creating_an_acronym_and_its_full_name_at_once_make_one_institution(engine, names):
    """Neither writer sees the other's new row or alias; the lock on the acronym they share makes the
    second look again once the first is stored. (SQLite has one writer, and needs none.)"""
    import threading

    from quotes.store import institution

    if engine.dialect.name != "postgresql":
        pytest.skip("one writer at a time on SQLite: there is no race to close")
    first = Session(engine)
    first.begin()
    full = institution(first, names[0])  # not committed yet
    found: list[int] = []

    def second() -> None:
        with Session(engine) as s, s.begin():
            found.append(institution(s, names[1]))

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(timeout=1.0)
    first.commit()
    first.close()
    thread.join(timeout=30)
    assert found == [full]
    assert count(engine, models.Institution) == 1
