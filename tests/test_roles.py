import pytest

from quotes.roles import role_at


def role(text: str, name: str, *, full: bool = True):
    start = text.index(name)
    r = role_at(text, start, start + len(name), full=full)
    return r.title, r.institution


@pytest.mark.parametrize(
    "text, name, title, institution",
    [
        ("Richard Weitz, senior fellow at the NATO Defense College, said", "Richard Weitz", "senior fellow", "NATO Defense College"),
        ("said Jane Roe, a researcher at the Centre for International Governance Innovation.", "Jane Roe", "researcher", "Centre for International Governance Innovation"),
        ("Andrey Kortunov, former director general of the Russian International Affairs Council, concludes", "Andrey Kortunov", "former director general", "Russian International Affairs Council"),
        ("Brookings Institution senior fellow Daniel Okonkwo said", "Daniel Okonkwo", "senior fellow", "Brookings Institution"),
        ("Jane Roe of the Brookings Institution said", "Jane Roe", None, "Brookings Institution"),
        ("Jane Roe (CIGI) said", "Jane Roe", None, "CIGI"),
        ("Jane Roe, who heads the Electoral Integrity Project, said", "Jane Roe", "head", "Electoral Integrity Project"),
        ("said Jane Roe, a former CIA director.", "Jane Roe", "former director", "CIA"),
        ("Jane Roe, president of the Thomas B. Fordham Institute, said", "Jane Roe", "president", "Thomas B. Fordham Institute"),
    ],
)
def test_roles_from_the_first_full_mention(text, name, title, institution):
    assert role(text, name) == (title, institution)


def test_a_verb_phrase_after_the_name_is_no_title():
    assert role("Peter Lindqvist, defended the timing of the decision.", "Peter Lindqvist") == (None, None)


def test_a_lone_adjective_is_no_institution():
    assert role("Democratic presidential candidate Martin Roe said", "Martin Roe")[1] is None


@pytest.mark.parametrize(
    "text, title, institution",
    [
        ("Farrow, the town's chief planner, said", "town's chief planner", None),
        ("Farrow, a senior fellow at the Harbour Institute, said", "senior fellow", "Harbour Institute"),
        ("Farrow, however, said", None, None),  # an aside
        ("Farrow, speaking in Leeds, said", None, None),  # a participle
        ("Harbour Institute fellow Farrow said", None, None),  # a premodifier is read only before a full name
        ("The mayor met with Farrow, the planner said", None, None),  # a clause, not a title
    ],
)
def test_a_surname_alone_is_read_only_in_apposition_with_an_article(text, title, institution):
    assert role(text, "Farrow", full=False) == (title, institution)


def test_a_clause_after_the_name_is_no_title():
    assert role("Jane Roe, a top aide said, would not run.", "Jane Roe") == (None, None)


@pytest.mark.parametrize("text", ["Tobias Quellmore (D-Ore.) said", "Tobias Quellmore (R) said",
                                  "Tobias Quellmore (D-W-Va) said"])
def test_a_party_and_seat_is_no_institution(text):
    assert role(text, "Tobias Quellmore") == (None, None)


@pytest.mark.parametrize(
    "text, title",
    [("Jane Roe, a campaign aide who is unpaid, said", None),
     ("Jane Roe (Thursday) said", None)],
)
def test_a_clause_is_no_title_and_a_day_no_institution(text, title):
    assert role(text, "Jane Roe") == (title, None)


@pytest.mark.parametrize(
    "text",
    ["Turnout fell in the South Dakota primary while Jane Roe won the caucus.",  # a conjunction ends it
     "Her deputy, Jane Roe, served as governor of Arkansas before the war."],  # "as": a verb's complement
)
def test_a_title_ends_in_no_conjunction_and_holds_no_as(text):
    assert role(text, "Jane Roe")[0] is None


@pytest.mark.parametrize(
    "text, institution",
    [("As Harbour Institute fellow Jane Roe put it, the rule failed.", "Harbour Institute"),
     ("But UNH pollster Jane Roe said", "UNH"),
     ("As the Harbour Gazette columnist Jane Roe put it", "Harbour Gazette")],
)
def test_a_word_opening_the_sentence_is_no_part_of_the_institution(text, institution):
    assert role(text, "Jane Roe")[1] == institution


def test_a_title_before_a_name_is_no_institution():
    assert role("said Jane Roe, a senior aide with Sen. Dale Moss's campaign.", "Jane Roe")[1] is None


@pytest.mark.parametrize(
    "text, name, institution",
    [("Jane Roe (George W.) said", "Jane Roe", None),
     ("Mrs. Clinton's spokesman Jane Roe said", "Jane Roe", None),
     ("Jane Roe of the Brookings Institution's said", "Jane Roe", "Brookings Institution"),
     ("Jane Roe, an aide at Congress’ said", "Jane Roe", "Congress")],
)
def test_a_piece_of_a_name_is_no_institution(text, name, institution):
    assert role(text, name)[1] == institution


@pytest.mark.parametrize("clause", ["in a green jumpsuit", "famously said that", "a busy weekend", "for what"])
def test_what_a_title_never_is(clause):
    assert role(f"Jane Roe, {clause}, said", "Jane Roe") == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Daniel Okafor, her husband, said",
        "Esther Okonjo, his daughter, took over the ovens.",
        "Jane Roe, then in college, did not approve.",
        "Jane Roe, meanwhile, is supported by few.",
        "Jane Roe, or her office, will answer.",
    ],
)
def test_kin_asides_and_circumstances_are_no_title(text):
    assert role(text, text[: text.index(",")]) == (None, None)


def test_the_words_before_an_aside_are_no_title():
    """A name in apposition to a title closes with a comma; one followed by its speech verb is
    the aside's subject, and the words before it the subject of the sentence."""
    assert role("The council, Marta Lindqvist said, called the audit a formality.", "Marta Lindqvist") == (None, None)
    assert role("The board's chairman, Peter Lindqvist, said", "Peter Lindqvist") == ("chairman", None)


def test_who_leads_something_unnamed_is_head_of_it():
    assert role("said Ophelia Nakamura, who leads the regional health board.", "Ophelia Nakamura") == (
        "head of the regional health board", None)
    assert role("Jane Roe, who heads the Electoral Integrity Project, said", "Jane Roe") == (
        "head", "Electoral Integrity Project")


def test_where_someone_is_based_is_no_institution():
    assert role("Bergen-based attorney Edda Marklund said", "Edda Marklund") == ("attorney", None)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("JPMorgan Chase CEO Jamie Dimon said", "Jamie Dimon", ("CEO", "JPMorgan Chase")),
        ('"We are here," said State Sen. Michael Doherty on Monday.', "Michael Doherty", ("State Sen.", None)),
        ("Labour MP Chi Onwurah said it was wrong.", "Chi Onwurah", ("Labour MP", None)),
        ("said former Secretary of State Hillary Clinton.", "Hillary Clinton", ("former Secretary of State", None)),
        ("said Senate Majority Leader Mitch McConnell.", "Mitch McConnell", ("Senate Majority Leader", None)),
        # a sentence's end, an opening word, a weekday, a courtesy title and kin are no part of a title
        ("in many states. Spokeswoman Haley Morris said", "Haley Morris", ("Spokeswoman", None)),
        ("So Labor Secretary Thomas Perez said", "Thomas Perez", ("Labor Secretary", None)),
        ("On Saturday Justice Antonin Scalia said", "Antonin Scalia", ("Justice", None)),
        ("Then Mr. Roe said", "Roe", (None, None)),
        ("his brother Fred Trump said", "Fred Trump", (None, None)),
    ],
)
def test_a_title_set_before_the_name(text, name, expected):
    assert role(text, name) == expected
