"""Reader search: PostgreSQL full-text search with ranking, or a plain fallback.

The database decides the method. PostgreSQL matches stemmed words (a search
for "strikes" finds "strike") and ranks headline matches above dek matches
above body matches. SQLite has no such search built in, so there every word
must appear somewhere in the article, case-insensitively, and articles with
the words in their headline come first.

Whatever a reader types is cleaned first: control characters go, runs of
spaces shrink to one, and a query that is empty, too long or has no letters
or digits is refused with a message for the reader instead of being run.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce
from operator import add, and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from .models import Article

MAX_QUERY_LENGTH = 200
# The fallback adds a condition per word; more words than this only slow it down.
MAX_FALLBACK_WORDS = 8
# The text configuration of the stored search document: migration 0012's
# articles_search_document() names it too.
SEARCH_CONFIG = "english"
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class CleanQuery:
    """A reader's query made safe to run, or the reason it cannot be."""

    text: str
    problem: str = ""

    @property
    def is_runnable(self) -> bool:
        return bool(self.text) and not self.problem


def clean_query(raw: str) -> CleanQuery:
    """Tidy what a reader typed and say what is wrong with it, if anything."""
    text = "".join(
        " " if unicodedata.category(ch).startswith("C") else ch for ch in raw
    )
    text = " ".join(text.split())
    if not text:
        return CleanQuery("")
    if len(text) > MAX_QUERY_LENGTH:
        return CleanQuery(
            text[:MAX_QUERY_LENGTH],
            f"That search is longer than {MAX_QUERY_LENGTH} characters. "
            "Try a few distinctive words instead.",
        )
    if not _WORD_RE.search(text.replace("_", "")):
        return CleanQuery(
            text, "Searches need at least one letter or number. Try a word."
        )
    return CleanQuery(text)


def search_articles(articles: QuerySet[Article], text: str) -> QuerySet[Article]:
    """Return ``articles`` matching ``text``, best matches first."""
    if connections[articles.db].vendor == "postgresql":
        return _full_text_search(articles, text)
    return _word_search(articles, text)


def _full_text_search(articles: QuerySet[Article], text: str) -> QuerySet[Article]:
    # The stored document (Article.search_document) weighs headline over
    # label and dek over body; a GIN index over it finds the matches.
    # "websearch" reads quotes, "or" and "-word" as people expect and never
    # fails on stray punctuation.
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    return (
        articles.filter(search_document=query)
        .annotate(rank=SearchRank(F("search_document"), query))
        .order_by("-rank", "-published_at", "-pk")
    )


def _word_search(articles: QuerySet[Article], text: str) -> QuerySet[Article]:
    words = _WORD_RE.findall(text)[:MAX_FALLBACK_WORDS]
    if not words:
        return articles.none()
    fields = ("headline", "label", "dek", "body")
    matches = [
        reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))
        for word in words
    ]
    in_headline = [
        Case(
            When(headline__icontains=word, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for word in words
    ]
    return (
        articles.filter(reduce(and_, matches))
        .annotate(rank=reduce(add, in_headline))
        .order_by("-rank", "-published_at", "-pk")
    )
