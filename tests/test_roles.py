import pytest

from quotes.roles import role_at


def role(text: str, name: str):
    start = text.index(name)
    r = role_at(text, start, start + len(name))
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
    ],
)
def test_roles_from_the_first_full_mention(text, name, title, institution):
    assert role(text, name) == (title, institution)


def test_a_verb_phrase_after_the_name_is_no_title():
    assert role("Peter Lindqvist, defended the timing of the decision.", "Peter Lindqvist") == (None, None)


def test_a_lone_adjective_is_no_institution():
    assert role("Democratic presidential candidate Martin Roe said", "Martin Roe")[1] is None
