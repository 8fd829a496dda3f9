"""A batch of seed files on its way in: read, parsed (maybe elsewhere), written.

While one batch is written, the next ones are read and parsed by worker
processes and, on PostgreSQL, their search documents computed on a second
connection; a ``Batch`` holds what is known of one until it is written.
"""

from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection

from ..models import Article
from ..text.seeds import SeedError
from ..text.stories import Story, StoryReader
from .discovery import SeedFile
from .search_documents import DocumentMaker, Documents, Texts
from .workers import parsed


@dataclass
class Pending:
    """A read file whose content changed, waiting for its parse."""

    seed_file: SeedFile
    data: bytes
    digest: str
    article: Article | None


@dataclass
class Batch:
    """Files to write, parsed by workers (``futures``) or else when needed.

    ``documents`` computes the search documents of its new articles once
    parsed, on PostgreSQL when workers parse.
    """

    pending: list[Pending]
    futures: list[Future] | None
    reader: StoryReader
    documents: Documents | None = None

    def results(self) -> list[Story | SeedError]:
        if self.futures is not None:
            return parsed(self.futures)
        return self.reader.read_many(
            [(item.data, item.seed_file.display) for item in self.pending]
        )


def document_texts(pending: list[Pending], futures: list[Future]) -> list[Texts | None]:
    """The text of each new article that parsed, once parsed; None for the rest.

    The dek is empty, as the importer writes it (the lede is the summary).
    """
    return [
        (story.headline, story.label, "", story.body_text)
        if item.article is None and isinstance(story, Story)
        else None
        for item, story in zip(pending, parsed(futures), strict=True)
    ]


@contextmanager
def document_maker(parallel: bool) -> Iterator[DocumentMaker | None]:
    if not parallel or connection.vendor != "postgresql":
        yield None
        return
    maker = DocumentMaker(connection.alias)
    try:
        yield maker
    finally:
        maker.close()


def chunks(items: Sequence[SeedFile], size: int) -> Iterator[Sequence[SeedFile]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
