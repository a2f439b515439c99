"""Experts by topic (`quotes experts --about`): ranking on a small corpus of our own, fixtures/topics/."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from quotes.cli import app
from quotes.errors import QuotesError
from quotes.topics import WEIGHTS, about, person_score, topic_words

from .conftest import FIXTURES

#: Stories that `quotes ingest fixtures/` does not read (their suffix is none it knows), fed here by name.
STORIES = [str(p) for p in sorted((FIXTURES / "topics").glob("*.story"))]


@pytest.fixture
def topics(engine, nlp):
    """A directory holding the topic stories only."""
    from quotes.ingest import ingest

    outcomes = list(ingest(engine, STORIES, nlp=nlp))
    assert [o.status for o in outcomes] == ["new"] * len(STORIES), outcomes
    return engine


def names(engine, topic: str, how: str = "lexical", **options) -> list[str]:
    with Session(engine) as s:
        return [e.name for e in about(s, topic, how=how, **options)]


def test_a_specialist_who_uses_the_topics_word_ranks_first(topics):
    assert names(topics, "desalination plants")[0] == "Amara Okafor"


def test_each_expert_comes_with_their_matching_statements_title_and_role(topics):
    with Session(topics) as s:
        (okafor,) = about(s, "desalination", limit=1, how="lexical")
    assert okafor.institution == "University of Lagos" and "hydrologist" in (okafor.title or "")
    assert okafor.matches == 3 and len(okafor.statements) == 3  # two quotes and "Okafor said a desalination plant ..."
    assert sorted(st.kind for st in okafor.statements) == ["direct", "direct", "indirect"]
    said = okafor.statements[0]
    assert said.article_title == "Coastal towns turn to the sea for drinking water"
    assert "desalination" in said.text.lower() and said.text in said.sentence


def test_a_topic_word_in_the_title_or_sentence_lifts_a_statement(topics):
    # both speakers say "budget" in quotes once or more; only the harbour story's title says "dredging"
    # (Lindqvist's reported "the council would review the budget" is left out: it would give him one more)
    assert names(topics, "budget dredging", kinds=["direct", "mixed"])[0] == "Tomas Reyes"


def test_a_topic_nobody_spoke_to_finds_nobody(topics):
    assert names(topics, "volcanic eruptions") == []


def test_a_topic_of_stop_words_only_is_an_error_that_says_what_to_give(topics):
    with Session(topics) as s, pytest.raises(QuotesError, match="name the subject"):
        about(s, "what did they say about it")


def test_the_institution_filter_keeps_its_people_only(topics):
    from quotes.directory import find_institution

    with Session(topics) as s:
        lagos = find_institution(s, "University of Lagos").id
        assert [e.name for e in about(s, "budget desalination", institution_id=lagos, how="lexical")] == ["Amara Okafor"]


def test_the_kind_filter_narrows_to_that_kind_of_statement(topics):
    assert names(topics, "desalination", kinds=["no such kind"]) == []
    assert names(topics, "desalination", kinds=["direct"]) == ["Amara Okafor"]
    with Session(topics) as s:
        (okafor,) = about(s, "desalination", kinds=["indirect"], how="lexical")
    assert [st.kind for st in okafor.statements] == ["indirect"]


def test_the_since_filter_drops_undated_and_older_articles(topics):
    assert names(topics, "desalination", since="2000-01-01") == []  # the stories carry no date


def test_several_relevant_statements_beat_one_but_many_weak_ones_do_not_bury_a_specialist():
    assert person_score([1.0, 0.9]) > person_score([1.0])
    assert person_score([1.0, 0.9]) > person_score([0.3] * 40)
    assert len(WEIGHTS) == 3 and person_score([0.5] * 3) == person_score([0.5] * 10)


def test_topic_words_drop_stop_words_and_fold_case_and_accents():
    assert topic_words("What about the Électricité prices?") == ["electricite", "prices"]


def test_the_cli_lists_experts_about_a_topic_as_json(topics, database):
    result = CliRunner().invoke(app, ["experts", "--about", "desalination", "--json", "--db", database])
    assert result.exit_code == 0, result.output
    okafor = json.loads(result.output)[0]
    assert okafor["name"] == "Amara Okafor" and okafor["statements"][0]["article_title"].startswith("Coastal towns")


def test_the_cli_table_shows_the_expert_and_what_they_said(topics, database):
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["experts", "--about", "sleeper trains", "--db", database])
    assert result.exit_code == 0, result.output
    assert "Clara Moretti" in result.output and "experts about 'sleeper trains'" in result.output


# Semantic: the `quotes[semantic]` extra (tests skip without it) and the same directory without it.
semantic = pytest.mark.skipif(not __import__("quotes.embed").embed.installed(), reason="quotes[semantic] not installed")


@semantic
def test_ingest_embeds_every_statement(topics):
    from quotes.directory import counts
    from quotes.vectors import count

    with Session(topics) as s:
        assert count(s) == counts(s)["quotes"] > 0


@semantic
def test_an_expert_who_uses_none_of_the_topics_words_is_found_by_meaning(topics):
    # Marsh speaks of graduates owing on their loans; neither "student" nor "debt" is in her story
    assert "Helen Marsh" not in names(topics, "student debt", how="lexical")
    assert names(topics, "student debt", how="semantic")[0] == "Helen Marsh"
    assert names(topics, "student debt", how="fused")[0] == "Helen Marsh"
    assert names(topics, "student debt", how="auto")[0] == "Helen Marsh"


@semantic
def test_fusion_keeps_the_lexical_answer_where_the_words_are_used(topics):
    assert names(topics, "desalination plants", how="fused")[0] == "Amara Okafor"
    assert names(topics, "overnight rail travel", how="fused")[0] == "Clara Moretti"


@semantic
def test_the_model_puts_a_paraphrase_nearer_than_an_unrelated_sentence():
    from quotes.embed import model

    loans, debt, trains = model().embed(["Graduates owe more on their loans", "student debt", "sleeper trains"])
    assert loans @ debt > 0.5 > loans @ trains
    assert abs(float(loans @ loans) - 1) < 1e-5


def test_without_the_extra_ingest_embeds_nothing_and_about_ranks_lexically(engine, nlp, monkeypatch):
    from quotes import embed
    from quotes.ingest import ingest

    monkeypatch.setattr(embed, "installed", lambda: False)
    list(ingest(engine, STORIES, nlp=nlp))
    with Session(engine) as s:
        from quotes.vectors import count

        assert count(s) == 0
        assert [e.name for e in about(s, "desalination")] == ["Amara Okafor"]
        assert about(s, "student debt") == []
        with pytest.raises(QuotesError, match=r"quotes\[semantic\]"):
            about(s, "student debt", how="semantic")
