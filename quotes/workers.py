"""Extraction on several local processes, for archives: each worker loads the pipeline once.

Articles go out in small batches and come back as extractions in input order; at most a few
batches are in flight, so an archive streams through without being held in memory.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from .errors import QuotesError
from .extract import Extraction, extract_many
from .read import Article

if TYPE_CHECKING:
    from spacy.language import Language

_nlp: "Language | None" = None
Result = tuple[Article, Extraction | QuotesError]


def _start(model: str | None) -> None:
    global _nlp
    from .nlp import load_pipeline

    _nlp = load_pipeline(model)


def _extract_batch(articles: list[Article]) -> list[Result]:
    assert _nlp is not None, "the worker was not started"
    return list(extract_many(articles, _nlp))


def extract_parallel(
    articles: Iterable[Article], *, workers: int, model: str | None = None, batch: int = 8
) -> Iterator[Result]:
    """`extract_many` over `workers` processes, results in input order."""
    context = multiprocessing.get_context("spawn")  # no fork of a parent holding threads or handles
    source = iter(articles)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(model,)) as pool:
        pending: deque[Future[list[Result]]] = deque()
        while True:
            while len(pending) < 2 * workers:
                chunk = list(islice(source, batch))
                if not chunk:
                    break
                pending.append(pool.submit(_extract_batch, chunk))
            if not pending:
                return
            yield from pending.popleft().result()
