"""A seed file read and filed: the plain values the importer writes for it."""

from collections.abc import Sequence
from typing import NamedTuple

from .body import render_blocks
from .headlines import title_key
from .sections import SectionMatcher
from .seeds import RelatedTitle, SeedError, load_seed
from .tags import TagChooser


class Story(NamedTuple):
    """What the importer writes for one seed file, as plain values.

    Large imports build these in worker processes and send them back; a flat
    tuple of strings costs a few microseconds to pickle, where the parsed
    ``SeedArticle`` with its blocks cost as much as writing the article.
    """

    headline: str
    headline_key: str
    label: str
    credit: str
    lede: str
    body_text: str
    # The HTML readers get, rendered here (in the workers, for a large import).
    body_html: str
    read_also_titles: tuple[str, ...]
    related: tuple[RelatedTitle, ...]
    # The title keys of the Read Also links, then of the related ones.
    link_keys: tuple[str, ...]
    warnings: tuple[str, ...]
    section_slug: str | None
    tags: tuple[str, ...]
    # Line numbers, for messages about the headline (and label), the credit
    # and each Read Also link; related titles carry their own.
    headline_line: int
    credit_line: int | None
    read_also_lines: tuple[int, ...]


class StoryReader:
    """Read the seed files of one import into stories, filed by its sections' keywords.

    It is plain data, so a large import sends it once to each worker process.
    """

    def __init__(self, matcher: SectionMatcher) -> None:
        self.matcher = matcher
        self.tags = TagChooser()

    def read(self, data: bytes, filename: str) -> Story:
        """Parse a seed file's bytes and decide its section and tags.

        Raise ``SeedError`` for a file that is no article.
        """
        seed = load_seed(data, filename)
        read_also_titles = seed.read_also_titles
        return Story(
            headline=seed.headline,
            headline_key=title_key(seed.headline),
            label=seed.label,
            credit=seed.credit,
            lede=seed.lede,
            body_text=seed.body_text,
            body_html=render_blocks(seed.blocks),
            read_also_titles=read_also_titles,
            related=seed.related,
            link_keys=tuple(
                title_key(title)
                for title in (*read_also_titles, *(link.title for link in seed.related))
            ),
            warnings=seed.warnings,
            section_slug=self.matcher.choose(seed.headline, seed.lede),
            tags=tuple(self.tags.choose(seed.headline, seed.paragraphs)),
            headline_line=seed.headline_line,
            credit_line=seed.credit_line,
            read_also_lines=seed.read_also_lines,
        )

    def read_many(self, items: Sequence[tuple[bytes, str]]) -> list[Story | SeedError]:
        """Read many files; a file that is no article gives its error, not raised."""
        results: list[Story | SeedError] = []
        for data, filename in items:
            try:
                results.append(self.read(data, filename))
            except SeedError as error:
                results.append(error)
        return results
