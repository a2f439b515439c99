"""Extraction on several processes, for archives: local workers, or a Dask cluster.

Where the system can fork (Linux), the pipeline is loaded once, before the workers start, and each
worker begins with it already in memory (as spaCy's own `nlp.pipe(n_process=...)` does); elsewhere
each spawned worker loads it. Articles go out in small batches and come back as
extractions in input order; at most a few batches are in flight, so an archive streams through
without being held in memory. Storing stays with the caller: one writer per SQLite file.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING

from .errors import QuotesError
from .extract import Extraction, ExtractionFailed, extract_many
from .kinds import ALL_KINDS
from .read import Article

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

_nlp: "Language | None" = None
_kinds: frozenset[str] = ALL_KINDS
Result = tuple[Article, Extraction | QuotesError]


def _start(model: str | None, kinds: frozenset[str] = ALL_KINDS) -> None:
    global _nlp, _kinds
    from .nlp import load_pipeline

    _nlp, _kinds = load_pipeline(model), kinds


def _extract_batch(articles: list[Article]) -> list[Result]:
    assert _nlp is not None, "the worker was not started"
    return list(extract_many(articles, _nlp, kinds=_kinds))


def _extract_batch_anywhere(articles: list[Article], model: str | None, kinds: frozenset[str] = ALL_KINDS) -> list[Result]:
    """A batch on a Dask worker: the pipeline is loaded on the worker's first batch and kept."""
    from .nlp import load_pipeline

    return list(extract_many(articles, load_pipeline(model), kinds=kinds))


def _in_order(submit: Callable[[list[Article]], Future], articles: Iterable[Article], window: int, batch: int) -> Iterator[Result]:
    """Submit batches, at most `window` in flight, and yield their results in input order.

    A batch whose worker failed as a whole (a process killed, a cluster that gave up on it after
    its retries) costs its own articles, each reported failed; the others go on."""
    source = iter(articles)
    pending: deque[tuple[list[Article], Future]] = deque()
    while True:
        while len(pending) < window:
            chunk = list(islice(source, batch))
            if not chunk:
                break
            pending.append((chunk, submit(chunk)))
        if not pending:
            return
        chunk, future = pending.popleft()
        try:
            results = future.result()
        except Exception as exc:
            results = [(article, ExtractionFailed.of(f"{article.id} (its worker failed)", exc)) for article in chunk]
        yield from results


def connect(address: str) -> "Client":
    """A client of the Dask scheduler at `address`, or one line saying why there is none."""
    try:
        from distributed import Client
    except ImportError:
        raise QuotesError("--cluster needs Dask: pip install 'quotes[cluster]'") from None
    try:
        return Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise QuotesError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def extract_on_cluster(
    articles: Iterable[Article], *, address: str, model: str | None = None, batch: int = 8, retries: int = 2,
    kinds: frozenset[str] = ALL_KINDS,
) -> Iterator[Result]:
    """`extract_many` on a Dask distributed cluster (`tcp://host:8786`), results in input order.

    A batch whose worker dies is run again elsewhere (`retries`); one that still fails is reported
    article by article, and the rest go on.
    """
    with connect(address) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _in_order(
            lambda chunk: client.submit(_extract_batch_anywhere, chunk, model, kinds, retries=retries, pure=False),
            articles, 2 * workers, batch,
        )


def extract_parallel(
    articles: Iterable[Article], *, workers: int, model: str | None = None, batch: int = 8,
    kinds: frozenset[str] = ALL_KINDS,
) -> Iterator[Result]:
    """`extract_many` over `workers` processes, results in input order."""
    if "fork" in multiprocessing.get_all_start_methods():
        # loading takes seconds; a forked worker shares the loaded pipeline's pages instead
        _start(model, kinds)
        context, start = multiprocessing.get_context("fork"), None
    else:
        context, start = multiprocessing.get_context("spawn"), _start
    pool = _Pool(lambda: ProcessPoolExecutor(workers, mp_context=context, initializer=start, initargs=(model, kinds)))
    try:
        yield from _in_order(pool.submit, articles, 2 * workers, batch)
    finally:
        pool.close()


class _Pool:
    """A process pool that starts anew when one of its processes died (killed, out of memory):
    the batches in flight then are lost and reported, the later ones run on the new pool."""

    def __init__(self, make: Callable[[], ProcessPoolExecutor]):
        self.make = make
        self.pool = make()

    def submit(self, chunk: list[Article]) -> Future:
        try:
            return self.pool.submit(_extract_batch, chunk)
        except BrokenProcessPool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self.make()
            return self.pool.submit(_extract_batch, chunk)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
