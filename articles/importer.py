"""Import seed files into articles: the service behind ``import_seeds``.

Files are streamed in batches. For each batch the importer reads the bytes,
skips files whose content hash matches what was imported before (before
parsing anything), parses the rest with the pure parser, and writes the batch
in one transaction with bulk operations. If the database refuses a batch (for
example another import wrote the same source id a moment earlier), each file
of the batch is retried in its own transaction, so one file is written whole
or not at all and the others still import.
"""

import enum
import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from taggit.models import Tag

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction
from django.db.models import Model
from django.db.models.functions import Lower
from django.utils import timezone

from .credits import normalize_credit
from .filing import (
    FiledSeed,
    SectionKeywords,
    SectionMatcher,
    file_seed,
    file_seeds,
    start_worker,
)
from .models import (
    Article,
    Photo,
    PhotoCredit,
    RelatedLink,
    Section,
    TaggedArticle,
    free_slug,
    slug_base,
)
from .postgres_copy import allocate_ids, copy_rows
from .search_documents import DocumentMaker, Documents, Texts
from .seed_files import (
    SeedFile,
    SeedReadError,
    find_seed_files,
    read_seed_file,
)
from .seeds import SeedError
from .sqlite_wal import LogCopier

# Part of every content hash: bump it when parsing or filing rules change, so
# the next import re-reads files whose bytes did not change.
IMPORT_RULES_VERSION = b"newsroom-import-3\n"
DEFAULT_SECTION_SLUG = "news"
DEFAULT_BATCH_SIZE = 500
# Starting worker processes costs a fraction of a second; below this many
# files parsing in this process is faster.
PARALLEL_MIN_FILES = 1000
# Statistics are refreshed after an import that wrote at least this many
# articles: enough to change the plans of the readers' pages.
ANALYZE_MIN_ARTICLES = 200
# Batches read and sent to the workers ahead of the one being written. With
# one, the writer often waited for the next batch's parsing and, on
# PostgreSQL, for its search documents, which start once it is parsed.
BATCHES_AHEAD = 2
# Parsing workers run at a lower priority than this process, which writes
# every batch and so sets the pace of the whole import.
WORKER_NICENESS = 5
_INLINE = RelatedLink.Placement.INLINE
_AFTER = RelatedLink.Placement.AFTER

_LIMITS = {
    "label": Article._meta.get_field("label").max_length,
    "credit": PhotoCredit._meta.get_field("text").max_length,
    "link": RelatedLink._meta.get_field("title").max_length,
    "source_id": Article._meta.get_field("source_id").max_length,
    "source_file": Article._meta.get_field("source_file").max_length,
}


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept-editor-changes"
    SKIPPED = "skipped"
    REJECTED = "rejected"


@dataclass
class FileResult:
    path: str
    outcome: Outcome
    source_id: str = ""
    reason: str = ""
    warnings: tuple[str, ...] = ()
    article_id: int | None = None
    line: int | None = None

    @property
    def message(self) -> str:
        """Where and why, e.g. "seeds/a.txt, line 3: headline is too long"."""
        where = self.path if self.line is None else f"{self.path}, line {self.line}"
        return f"{where}: {self.reason}" if self.reason else where

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "outcome": str(self.outcome),
            "source_id": self.source_id,
            "line": self.line,
            "reason": self.reason,
            "warnings": list(self.warnings),
            "article_id": self.article_id,
        }


@dataclass
class ImportResult:
    files: list[FileResult] = field(default_factory=list)
    dry_run: bool = False
    rolled_back: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for result in self.files if result.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {str(outcome): self.count(outcome) for outcome in Outcome}

    @property
    def rejected(self) -> list[FileResult]:
        return [result for result in self.files if result.outcome == Outcome.REJECTED]

    @property
    def written(self) -> bool:
        """Whether anything this run reported was actually saved."""
        return not (self.dry_run or self.rolled_back)

    def summary(self) -> str:
        counts = self.counts
        parts = ", ".join(
            f"{counts[str(outcome)]} {label}"
            for outcome, label in [
                (Outcome.CREATED, "created"),
                (Outcome.UPDATED, "updated"),
                (Outcome.UNCHANGED, "unchanged"),
                (Outcome.KEPT, "kept editor changes"),
                (Outcome.SKIPPED, "skipped"),
                (Outcome.REJECTED, "rejected"),
            ]
        )
        files = len(self.files)
        line = f"{files} file{'s' if files != 1 else ''}: {parts}."
        if self.dry_run:
            line += " Dry run: nothing was written."
        elif self.rolled_back:
            line += " Strict: nothing was written because a file was rejected."
        return line

    def as_report(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "rolled_back": self.rolled_back,
            "counts": self.counts,
            "files": [result.as_dict() for result in self.files],
        }


def import_seeds(
    paths: Iterable[Path | str],
    *,
    section: Section | None = None,
    draft: bool = False,
    overwrite: bool = False,
    strict: bool = False,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int | None = None,
    follow_symlinks: bool = False,
    on_file: Callable[[FileResult], None] | None = None,
) -> ImportResult:
    """Import the seed files under ``paths``; return what happened to each file.

    ``section`` files every new article there instead of by keywords;
    ``draft`` imports new articles as drafts; ``overwrite`` replaces articles
    an editor changed since their import; ``strict`` writes all files or none;
    ``dry_run`` reports what would happen and writes nothing. ``workers`` is
    how many processes parse while this one writes (default: one per core
    for large imports, none for small ones). Only regular files are read:
    links are passed over and reported unless ``follow_symlinks``, and even
    then never followed out of the folders given (see ``find_seed_files``).
    """
    files, passed_over = find_seed_files(paths, follow_symlinks=follow_symlinks)
    if workers is None:
        workers = (os.cpu_count() or 1) if len(files) >= PARALLEL_MIN_FILES else 0
    importer = _Importer(
        files=files,
        section=section,
        draft=draft,
        overwrite=overwrite,
        on_file=on_file,
    )
    result = ImportResult(dry_run=dry_run)
    for passed in passed_over:
        importer.report(
            FileResult(
                passed.display,
                Outcome.REJECTED if passed.rejected else Outcome.SKIPPED,
                reason=passed.reason,
                warnings=(passed.message,) if passed.notice else (),
            )
        )
    try:
        if strict or dry_run:
            with transaction.atomic():
                importer.run(batch_size, workers)
                if dry_run or (strict and importer.any_rejected):
                    result.rolled_back = (
                        strict and importer.any_rejected and not dry_run
                    )
                    transaction.set_rollback(True)
        else:
            importer.run(batch_size, workers)
    finally:
        importer.log.finish()
    result.files = importer.results
    written = result.count(Outcome.CREATED) + result.count(Outcome.UPDATED)
    if not (dry_run or result.rolled_back) and written >= ANALYZE_MIN_ARTICLES:
        refresh_statistics()
    return result


def refresh_statistics() -> None:
    """Update the planner's statistics for the tables an import fills.

    Autovacuum gets to them minutes later; until then PostgreSQL plans the
    first pages after a large import for the tables as they were, and picked
    nested loops over the whole archive for them.
    """
    if connection.vendor != "postgresql":
        # SQLite keeps no statistics until ANALYZE first runs, and then keeps
        # them stale forever; its default estimates are what queries suit.
        return
    models = (Article, Article.history.model, RelatedLink, TaggedArticle, Tag)
    models += (Photo, PhotoCredit)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


def content_hash(data: bytes) -> str:
    """Return the hash that tells whether a seed file changed since its import."""
    return hashlib.sha256(IMPORT_RULES_VERSION + data).hexdigest()


@dataclass
class _Plan:
    """One file to write: ``article`` is the one it updates, None for a new one.

    ``article_id`` is known once the article is written.
    """

    seed_file: SeedFile
    filed: FiledSeed
    digest: str
    article: Article | None
    section: Section | None
    # The search document computed beside the import (PostgreSQL's binary
    # format), or None for the database to compute.
    document: bytes | None = None
    created: bool = field(init=False)
    article_id: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.created = self.article is None
        self.article_id = None if self.article is None else self.article.pk


@dataclass
class _Pending:
    """A read file whose content changed, waiting for its parse."""

    seed_file: SeedFile
    data: bytes
    digest: str
    article: Article | None


@dataclass
class _Batch:
    """Files to write, parsed by workers (``futures``) or else when needed.

    ``documents`` computes the search documents of its new articles once
    parsed, on PostgreSQL when workers parse.
    """

    pending: list[_Pending]
    futures: list[Future] | None
    matcher: SectionMatcher
    documents: Documents | None = None

    def results(self) -> list[FiledSeed | SeedError]:
        if self.futures is not None:
            return _parsed(self.futures)
        return [
            _file_here(item.data, item.seed_file.display, self.matcher)
            for item in self.pending
        ]


class _Importer:
    def __init__(
        self,
        *,
        files: Sequence[SeedFile],
        section: Section | None,
        draft: bool,
        overwrite: bool,
        on_file: Callable[[FileResult], None] | None,
    ) -> None:
        self.files = files
        self.forced_section = section
        self.draft = draft
        self.overwrite = overwrite
        self.on_file = on_file
        self.results: list[FileResult] = []
        self.any_rejected = False
        self.now = timezone.now()
        self.sections = {
            s.slug: s for s in Section.objects.order_by("position", "name", "pk")
        }
        self.matcher = SectionMatcher(
            [
                SectionKeywords(s.slug, tuple(s.keyword_list))
                for s in self.sections.values()
            ]
        )
        self.default_section = self.sections.get(DEFAULT_SECTION_SLUG) or next(
            (s for s in self.sections.values() if s.parent_id is None), None
        )
        self.index = {seed_file.path: i for i, seed_file in enumerate(files)}
        self.log = LogCopier(connection.alias)
        self.seen_ids: dict[str, str] = {}

    def report(self, result: FileResult) -> None:
        if result.outcome == Outcome.REJECTED:
            self.any_rejected = True
        self.results.append(result)
        if self.on_file is not None:
            self.on_file(result)

    def run(self, batch_size: int, workers: int) -> None:
        """Import every file, batch by batch.

        With workers, the next batch is parsed in other processes while this
        one is written, so parsing and writing overlap on separate cores; on
        PostgreSQL its search documents are then computed on a second
        connection, also while this one writes.
        """
        # The pool closes first: it cancels any parsing a document waits for.
        with (
            _document_maker(workers > 0) as documents,
            _parser_pool(workers, self.matcher) as pool,
        ):
            waiting: deque[_Batch] = deque()
            for number, files in enumerate(_chunks(self.files, max(1, batch_size))):
                # The first batch is parsed here while the workers start up,
                # which takes about as long as writing a batch.
                waiting.append(
                    self._prepare(files, pool if number else None, documents)
                )
                if len(waiting) > BATCHES_AHEAD:
                    self._finish(waiting.popleft())
            while waiting:
                self._finish(waiting.popleft())

    def _prepare(
        self,
        files: Sequence[SeedFile],
        pool: "_ParserPool | None",
        documents: DocumentMaker | None = None,
    ) -> _Batch:
        """Read a batch, report unchanged files, and start parsing the rest."""
        loaded = [item for item in map(self._read, files) if item is not None]
        # Hashes first: most files of a re-run are unchanged, and for those
        # nothing more is read from the database.
        known = {
            source_id: (pk, digest)
            for source_id, pk, digest in Article.objects.imported_as(
                [seed_file.source_id for seed_file, _ in loaded]
            )
            .order_by()
            .values_list("source_id", "pk", "source_hash")
        }
        changed = []
        for seed_file, data in loaded:
            digest = content_hash(data)
            pk, stored = known.get(seed_file.source_id, (None, None))
            if stored == digest:
                self.report(
                    FileResult(
                        seed_file.display,
                        Outcome.UNCHANGED,
                        seed_file.source_id,
                        article_id=pk,
                    )
                )
            else:
                changed.append((seed_file, data, digest))
        existing = {
            article.source_id: article
            for article in Article.objects.select_related("lead_photo").filter(
                pk__in=[
                    known[f.source_id][0] for f, _, _ in changed if f.source_id in known
                ]
            )
        }
        pending = [
            _Pending(seed_file, data, digest, existing.get(seed_file.source_id))
            for seed_file, data, digest in changed
        ]
        futures = None
        if pool is not None and pending:
            futures = pool.submit(
                [(item.data, item.seed_file.display) for item in pending]
            )
        batch = _Batch(pending, futures, self.matcher)
        if futures is not None and documents is not None:
            # Not the batch itself, which holds them: no cycle keeps a
            # written batch in memory.
            batch.documents = documents.submit(
                len(pending), lambda: _document_texts(pending, futures)
            )
        return batch

    def _finish(self, batch: _Batch) -> None:
        """Write a prepared batch in one transaction, or file by file if refused."""
        parsed = batch.results()
        documents = None if batch.documents is None else batch.documents.take()
        if batch.pending:
            self.log.start()
        try:
            with transaction.atomic():
                results = self._write_parsed(batch.pending, parsed, documents)
        except DatabaseError:
            # Another import wrote one of these files meanwhile, or one file
            # breaks a constraint: retry one by one so the rest still import.
            results = []
            for item in batch.pending:
                results.extend(self._retry(item.seed_file))
        self.log.committed()
        for result in results:
            self.report(result)

    def _retry(self, seed_file: SeedFile) -> list[FileResult]:
        try:
            with transaction.atomic():
                # Look again: the other import may have written this very file.
                batch = self._prepare([seed_file], pool=None)
                return self._write_parsed(batch.pending, batch.results())
        except DatabaseError as error:
            return [
                FileResult(
                    seed_file.display,
                    Outcome.REJECTED,
                    seed_file.source_id,
                    reason=f"the database refused it: {error}",
                )
            ]

    def _read(self, seed_file: SeedFile) -> tuple[SeedFile, bytes] | None:
        earlier = self.seen_ids.setdefault(seed_file.source_id, seed_file.display)
        if earlier != seed_file.display:
            self.report(
                FileResult(
                    seed_file.display,
                    Outcome.REJECTED,
                    seed_file.source_id,
                    reason=f"source id {seed_file.source_id!r} is also used by "
                    f"{earlier}, imported in this run",
                )
            )
            return None
        try:
            return seed_file, read_seed_file(seed_file)
        except SeedReadError as error:
            self.report(
                FileResult(
                    seed_file.display,
                    Outcome.REJECTED,
                    seed_file.source_id,
                    reason=str(error),
                )
            )
            return None

    def _write_parsed(
        self,
        pending: list[_Pending],
        parsed: list[FiledSeed | SeedError],
        documents: Sequence[bytes | None] | None = None,
    ) -> list[FileResult]:
        results: list[FileResult] = []
        plans: list[_Plan] = []
        if documents is None:
            documents = [None] * len(pending)
        for item, filed, document in zip(pending, parsed, documents, strict=True):
            seed_file, article = item.seed_file, item.article
            try:
                if isinstance(filed, SeedError):
                    raise filed
                self._check_lengths(seed_file, filed)
            except SeedError as error:
                results.append(
                    FileResult(
                        seed_file.display,
                        Outcome.REJECTED,
                        seed_file.source_id,
                        reason=error.reason,
                        line=error.line,
                    )
                )
                continue
            if (
                article is not None
                and _edited_since_import(article)
                and not self.overwrite
            ):
                results.append(
                    self._result(
                        seed_file,
                        Outcome.KEPT,
                        article.pk,
                        filed.warnings,
                        reason="an editor changed the article after its import; "
                        "use --overwrite to replace it",
                    )
                )
                continue
            section = self._section_for(filed) if article is None else None
            if article is None and section is None:
                results.append(
                    FileResult(
                        seed_file.display,
                        Outcome.REJECTED,
                        seed_file.source_id,
                        reason="there is no section to file it under; create one",
                    )
                )
                continue
            plans.append(
                _Plan(seed_file, filed, item.digest, article, section, document)
            )
        if plans:
            self._write(plans)
        for plan in plans:
            outcome = Outcome.CREATED if plan.created else Outcome.UPDATED
            warnings = plan.filed.warnings
            if plan.created and not plan.filed.body_text and not self.draft:
                warnings += (
                    f"{plan.seed_file.display}: imported as a draft, "
                    "since it has no body for readers",
                )
            results.append(
                self._result(plan.seed_file, outcome, plan.article_id, warnings)
            )
        return results

    def _result(
        self,
        seed_file: SeedFile,
        outcome: Outcome,
        article_id: int | None,
        warnings: tuple[str, ...] = (),
        reason: str = "",
    ) -> FileResult:
        return FileResult(
            seed_file.display,
            outcome,
            seed_file.source_id,
            reason=reason,
            warnings=seed_file.warnings + warnings,
            article_id=article_id,
        )

    def _check_lengths(self, seed_file: SeedFile, seed: FiledSeed) -> None:
        """Refuse what the database would cut, naming the line it stands on."""
        name = seed_file.display
        if len(seed_file.source_id) > _LIMITS["source_id"]:
            raise SeedError(
                name, None, f"source id is over {_LIMITS['source_id']} characters"
            )
        if len(seed.label) > _LIMITS["label"]:
            raise SeedError(
                name,
                seed.headline_line,
                f"label is over {_LIMITS['label']} characters",
            )
        if len(seed.credit) > _LIMITS["credit"]:
            raise SeedError(
                name,
                seed.credit_line,
                f"photo credit is over {_LIMITS['credit']} characters",
            )
        titles = list(zip(seed.read_also_titles, seed.read_also_lines, strict=True))
        titles += [(related.title, related.line) for related in seed.related]
        for title, line in titles:
            if len(title) > _LIMITS["link"]:
                raise SeedError(
                    name, line, f"link title is over {_LIMITS['link']} characters"
                )

    def _section_for(self, filed: FiledSeed) -> Section | None:
        if self.forced_section is not None:
            return self.forced_section
        if filed.section_slug is None:
            return self.default_section
        return self.sections[filed.section_slug]

    def _published_at(self, seed_file: SeedFile) -> datetime:
        # Import time, a microsecond apart per file so NNN order is kept.
        behind = len(self.files) - 1 - self.index[seed_file.path]
        return self.now - timedelta(microseconds=behind)

    def _write(self, plans: list[_Plan]) -> None:
        now = timezone.now()
        credits = self._credits([plan.filed.credit for plan in plans])
        self._create([plan for plan in plans if plan.created], credits, now)
        self._update([plan for plan in plans if not plan.created], credits, now)
        self._replace_links(plans)
        self._replace_tags(plans)

    def _create(
        self, plans: list[_Plan], credits: dict[str, int], now: datetime
    ) -> None:
        """Insert new articles, each credited one with a lead photo for its credit."""
        if not plans:
            return
        credited = [plan for plan in plans if plan.filed.credit]
        photo_ids = _insert_returning_pks(
            Photo,
            ["credit"],
            [(credits[normalize_credit(plan.filed.credit)],) for plan in credited],
        )
        lead_photo = dict(zip(map(id, credited), photo_ids, strict=True))
        adapt = connection.ops.adapt_datetimefield_value
        # Import time is also the last change: an editor's save makes it newer.
        stamp = adapt(now)
        slugs = self._slugs([plan.filed.headline for plan in plans])
        rows = []
        for plan, slug in zip(plans, slugs, strict=True):
            filed = plan.filed
            # Readers never get an empty page: an article without a body
            # waits as a draft for an editor to write one.
            draft = self.draft or not filed.body_text
            rows.append(
                (
                    filed.headline,
                    plan.filed.headline_key,
                    slug,
                    filed.label,
                    filed.lede,
                    filed.body_text,
                    plan.section.pk,
                    (Article.Status.DRAFT if draft else Article.Status.PUBLISHED).value,
                    None if draft else adapt(self._published_at(plan.seed_file)),
                    lead_photo.get(id(plan)),
                    plan.seed_file.source_id,
                    _source_file(plan.seed_file.display),
                    plan.digest,
                    stamp,
                    stamp,
                    plan.document,
                )
            )
        pks = _insert_returning_pks(
            Article,
            [
                "headline",
                "headline_key",
                "slug",
                "label",
                "dek",
                "body",
                "section",
                "status",
                "published_at",
                "lead_photo",
                "source_id",
                "source_file",
                "source_hash",
                "imported_at",
                "updated_at",
                "search_document",
            ],
            rows,
        )
        for plan, pk in zip(plans, pks, strict=True):
            plan.article_id = pk
        _record_history(pks, "+", "Imported from ")

    def _update(
        self, plans: list[_Plan], credits: dict[str, int], now: datetime
    ) -> None:
        if not plans:
            return
        new_photos, changed_photos, dropped_photos = [], [], []
        for plan in plans:
            article, seed = plan.article, plan.filed
            article.headline = seed.headline
            article.headline_key = plan.filed.headline_key
            article.label = seed.label
            article.dek = seed.lede
            article.body = plan.filed.body_text
            if self.forced_section is not None:
                article.section = self.forced_section
            article.source_file = _source_file(plan.seed_file.display)
            article.source_hash = plan.digest
            article.imported_at = article.updated_at = now
            photo = article.lead_photo
            if seed.credit:
                credit_id = credits[normalize_credit(seed.credit)]
                if photo is None:
                    photo = Photo(credit_id=credit_id)
                    new_photos.append((article, photo))
                elif photo.credit_id != credit_id:
                    photo.credit_id = credit_id
                    changed_photos.append(photo)
            elif photo is not None and not photo.image:
                dropped_photos.append(photo.pk)
                article.lead_photo = None
        Photo.objects.bulk_create([photo for _, photo in new_photos])
        for article, photo in new_photos:
            article.lead_photo = photo
        Photo.objects.bulk_update(changed_photos, ["credit"])
        Article.objects.bulk_update(
            [plan.article for plan in plans],
            [
                "headline",
                "headline_key",
                "label",
                "dek",
                "body",
                "section",
                "lead_photo",
                "source_file",
                "source_hash",
                "imported_at",
                "updated_at",
            ],
        )
        _record_history([plan.article.pk for plan in plans], "~", "Re-imported from ")
        Photo.objects.filter(pk__in=dropped_photos, lead_articles__isnull=True).delete()

    def _credits(self, texts: list[str]) -> dict[str, int]:
        """Return credit ids by key, creating the credits not seen before.

        A new credit keeps the wording of the first file, in import order,
        that carries it.
        """
        by_key: dict[str, str] = {}
        for text in filter(None, texts):
            by_key.setdefault(normalize_credit(text), text)
        found = PhotoCredit.objects.ids_for_keys(by_key)
        missing = [
            PhotoCredit.from_text(text)
            for key, text in by_key.items()
            if key not in found
        ]
        PhotoCredit.objects.bulk_create(missing)
        found.update((credit.key, credit.pk) for credit in missing)
        return found

    def _slugs(self, headlines: list[str]) -> list[str]:
        bases = [slug_base(headline) for headline in headlines]
        taken = set(
            Article.objects.filter(slug__in=set(bases)).values_list("slug", flat=True)
        )
        for base in {base for base in bases if base in taken}:
            taken.update(
                Article.objects.filter(slug__startswith=f"{base}-").values_list(
                    "slug", flat=True
                )
            )
        slugs = []
        for base in bases:
            slug = free_slug(base, taken)
            taken.add(slug)
            slugs.append(slug)
        return slugs

    def _replace_links(self, plans: list[_Plan]) -> None:
        """Write the files' links, and point links at the articles they name.

        Links are written already pointing at their articles, and earlier
        links that follow their titles (``following_titles``) and name an
        article of this batch are pointed at the best match, by the rule of
        ``RelatedLinkQuerySet.resolve``. The candidates come from one query:
        resolving with a correlated UPDATE cost more than writing the
        articles.
        """
        RelatedLink.objects.filter(
            article__in=[plan.article for plan in plans if not plan.created]
        ).delete()
        headline_keys = {plan.filed.headline_key for plan in plans}
        earlier = list(
            RelatedLink.objects.following_titles()
            .filter(title_key__in=headline_keys)
            .values_list("pk", "article", "title_key", "target")
        )
        rows = []
        for plan in plans:
            filed = plan.filed
            titles = [(_INLINE, title) for title in filed.read_also_titles]
            positions = len(titles)
            titles += [(_AFTER, related.title) for related in filed.related]
            for number, ((placement, title), key) in enumerate(
                zip(titles, filed.link_keys, strict=True)
            ):
                position = number if placement == _INLINE else number - positions
                rows.append((plan.article_id, placement, position, title, key))
        candidates = _link_candidates(
            {row[4] for row in rows} | {key for _, _, key, _ in earlier}
        )
        _insert_rows(
            RelatedLink,
            ["article", "placement", "position", "title", "title_key", "target", "url"],
            [(*row, _link_target(candidates.get(row[4]), row[0]), "") for row in rows],
        )
        _update_rows(
            RelatedLink,
            "target",
            [
                (target, pk)
                for pk, article_id, key, current in earlier
                if (target := _link_target(candidates.get(key), article_id))
                and target != current
            ],
        )

    def _replace_tags(self, plans: list[_Plan]) -> None:
        names = {name for plan in plans for name in plan.filed.tags}
        tags = {
            folded: tag
            for folded, tag in (
                Tag.objects.annotate(folded=Lower("name"))
                .filter(folded__in=[name.lower() for name in names])
                .values_list("folded", "pk")
            )
        }
        for name in sorted(names):
            if name.lower() not in tags:
                tag = Tag(name=name)
                tag.save()  # taggit picks a free slug
                tags[name.lower()] = tag.pk
        TaggedArticle.objects.filter(
            content_object__in=[plan.article for plan in plans if not plan.created]
        ).delete()
        _insert_rows(
            TaggedArticle,
            ["content_object", "tag"],
            [
                (plan.article_id, tags[name.lower()])
                for plan in plans
                for name in plan.filed.tags
            ],
        )


def _insert_returning_pks(
    model: type[Model], fields: list[str], rows: list[tuple]
) -> list[int]:
    """Insert rows of ``model`` and return their primary keys, in row order.

    What ``bulk_create`` does for new articles and photos, without a model
    instance per row: building and preparing those was most of a fresh
    import's time. ``rows`` hold values ready for the database, in the order
    of ``fields``; every other column gets its field's default, worked out
    once. PostgreSQL gets the rows by COPY, with ids taken from the table's
    sequence first; elsewhere, like ``bulk_create``, this relies on the
    database returning ids in the order the rows were inserted.
    """
    if not rows:
        return []
    opts = model._meta
    given = [opts.get_field(name) for name in fields]
    template = model()
    rest = [f for f in opts.concrete_fields if not f.primary_key and f not in given]
    defaults = tuple(
        f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in rest
    )
    if connection.vendor == "postgresql":
        pks = allocate_ids(model, len(rows))
        copy_rows(
            opts.db_table,
            [f.column for f in [opts.pk, *given, *rest]],
            ((pk, *row, *defaults) for pk, row in zip(pks, rows, strict=True)),
        )
        return pks
    quote = connection.ops.quote_name
    table = quote(opts.db_table)
    columns = ", ".join(quote(f.column) for f in [*given, *rest])
    row_sql = f"({', '.join(['%s'] * (len(given) + len(rest)))})"
    pk = quote(opts.pk.column)
    pks: list[int] = []
    with connection.cursor() as cursor:
        if not connection.features.can_return_rows_from_bulk_insert:
            # SQLite before 3.35 has no RETURNING: one row at a time.
            sql = f"INSERT INTO {table} ({columns}) VALUES {row_sql}"
            for row in rows:
                cursor.execute(sql, (*row, *defaults))
                pks.append(cursor.lastrowid)
            return pks
        size = max(1, connection.ops.bulk_batch_size([*given, *rest], rows))
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) "
                f"VALUES {', '.join([row_sql] * len(chunk))} RETURNING {pk}",
                [value for row in chunk for value in (*row, *defaults)],
            )
            pks.extend(row[0] for row in cursor.fetchall())
    return pks


def _insert_rows(model: type[Model], fields: list[str], rows: list[tuple]) -> None:
    """Insert plain rows of ``model`` with one executemany, or COPY on PostgreSQL.

    Tag and link rows are most of what an import writes (about eight per
    article); building a model instance for each one costs several times
    more than the insert, and these rows need no defaults, signals or ids.
    """
    if not rows:
        return
    if connection.vendor == "postgresql":
        columns = [model._meta.get_field(name).column for name in fields]
        copy_rows(model._meta.db_table, columns, rows)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    values = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _update_rows(model: type[Model], field_name: str, rows: list[tuple]) -> None:
    """Set one column of many rows: ``rows`` are ``(value, primary key)`` pairs."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    field, pk = model._meta.get_field(field_name), model._meta.pk
    if connection.vendor == "postgresql":
        # One statement: row by row, PostgreSQL parses and plans each one.
        values, pks = zip(*rows, strict=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {quote(field.column)} = new.value "
                f"FROM unnest(%s::{field.db_type(connection)}[], "
                f"%s::{pk.db_type(connection)}[]) AS new (value, pk) "
                f"WHERE {table}.{quote(pk.column)} = new.pk",
                [list(values), list(pks)],
            )
        return
    sql = f"UPDATE {table} SET {quote(field.column)} = %s WHERE {quote(pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _link_candidates(keys: set[str]) -> dict[str, list[int]]:
    """Return, per title key, the first two articles a link with it points at.

    Two, because a link never points at its own article.
    """
    found: dict[str, list[int]] = {}
    articles = Article.objects.filter(headline_key__in=keys).preferred_first()
    for key, pk in articles.values_list("headline_key", "pk"):
        pks = found.setdefault(key, [])
        if len(pks) < 2:
            pks.append(pk)
    return found


def _link_target(candidates: list[int] | None, article_id: int) -> int | None:
    return next((pk for pk in candidates or () if pk != article_id), None)


def _record_history(pks: list[int], history_type: str, reason: str) -> None:
    """Copy these articles' rows into their history in one statement.

    What simple-history's save signal records for one article, done by the
    database for a whole batch: building a historical instance per article in
    Python costs as much as writing the article. The reason names the seed
    file, keeping its tail (the file name) within the column.
    """
    if not pks:
        return
    history = Article.history.model
    tracked = {field.name for field in history.tracked_fields}
    quote = connection.ops.quote_name
    limit = history._meta.get_field("history_change_reason").max_length
    reason_sql = (
        "CASE WHEN LENGTH(%s || {file}) <= {limit} THEN %s || {file} "
        "ELSE %s || '…' || SUBSTR({file}, LENGTH({file}) - {tail}) END"
    ).format(
        file=quote(Article._meta.get_field("source_file").column),
        limit=limit,
        tail=limit - len(reason) - 2,
    )
    names, values, params = [], [], []
    for column in history._meta.concrete_fields:
        if column.primary_key:
            continue
        names.append(quote(column.column))
        if column.name in tracked:
            values.append(quote(column.column))
        elif column.name == "history_date":
            values.append("%s")
            params.append(connection.ops.adapt_datetimefield_value(timezone.now()))
        elif column.name == "history_change_reason":
            values.append(reason_sql)
            params += [reason, reason, reason]
        elif column.name == "history_type":
            values.append("%s")
            params.append(history_type)
        elif column.name == "history_user":
            values.append("NULL")
        else:
            raise ImproperlyConfigured(
                f"The importer cannot fill history field {column.name!r}."
            )
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(names)}) "
        f"SELECT {', '.join(values)} FROM {quote(Article._meta.db_table)} "
        f"WHERE {quote(Article._meta.pk.column)} IN ({', '.join(['%s'] * len(pks))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *pks])


def _parsed(futures: list[Future]) -> list[FiledSeed | SeedError]:
    return [item for future in futures for item in future.result()]


def _document_texts(
    pending: list[_Pending], futures: list[Future]
) -> list[Texts | None]:
    """The text of each new article that parsed, once parsed; None for the rest."""
    return [
        (filed.headline, filed.label, filed.lede, filed.body_text)
        if item.article is None and isinstance(filed, FiledSeed)
        else None
        for item, filed in zip(pending, _parsed(futures), strict=True)
    ]


def _file_here(
    data: bytes, filename: str, matcher: SectionMatcher
) -> FiledSeed | SeedError:
    try:
        return file_seed(data, filename, matcher)
    except SeedError as error:
        return error


def _source_file(display: str) -> str:
    """Shorten a path to fit its column, keeping its tail (the file name).

    A path is no reason to reject a file, and cutting it here keeps SQLite,
    which would store it whole, and PostgreSQL, which would refuse it, alike.
    """
    limit = _LIMITS["source_file"]
    return display if len(display) <= limit else "…" + display[1 - limit :]


def _edited_since_import(article: Article) -> bool:
    return article.imported_at is None or article.updated_at > article.imported_at


class _ParserPool:
    """Worker processes for parsing, started only once there is work for them."""

    def __init__(self, workers: int, matcher: SectionMatcher) -> None:
        self.workers = workers
        self.matcher = matcher
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, work: list[tuple[bytes, str]]) -> list[Future]:
        if self.executor is None:
            # "spawn" starts clean interpreters that import only the pure
            # parser, never this process's database connections.
            self.executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=start_worker,
                # Workers end with this process, however it ends; see
                # start_worker. They are started from the thread that runs
                # the import, which outlives them.
                initargs=(self.matcher, WORKER_NICENESS, os.getpid()),
            )
        share = -(-len(work) // self.workers)
        return [
            self.executor.submit(file_seeds, work[start : start + share])
            for start in range(0, len(work), share)
        ]

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)


@contextmanager
def _parser_pool(workers: int, matcher: SectionMatcher) -> Iterator[_ParserPool | None]:
    if workers < 1:
        yield None
        return
    pool = _ParserPool(workers, matcher)
    try:
        yield pool
    finally:
        pool.close()


@contextmanager
def _document_maker(parallel: bool) -> Iterator[DocumentMaker | None]:
    if not parallel or connection.vendor != "postgresql":
        yield None
        return
    maker = DocumentMaker(connection.alias)
    try:
        yield maker
    finally:
        maker.close()


def _chunks(items: Sequence[SeedFile], size: int) -> Iterator[Sequence[SeedFile]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
