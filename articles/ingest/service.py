"""Import seed files into articles: the service behind ``import_seeds``.

Files are streamed in batches. For each batch the importer reads the bytes,
skips files whose content hash matches what was imported before (before
parsing anything), parses the rest with the pure parser, and writes the batch
in one transaction with bulk operations. If the database refuses a batch (for
example another import wrote the same source id a moment earlier), each file
of the batch is retried in its own transaction, so one file is written whole
or not at all and the others still import.
"""

import gc
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from taggit.models import Tag

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from ..models import Article, Photo, PhotoCredit, RelatedLink, Section, TaggedArticle
from ..text.sections import SectionKeywords, SectionMatcher
from ..text.seeds import SeedError
from ..text.stories import Story, StoryReader
from .batches import Batch, Pending, chunks, document_maker, document_texts
from .discovery import SeedFile, SeedReadError, find_seed_files, read_seed_file
from .results import FileResult, ImportResult, Outcome
from .search_documents import DocumentMaker
from .sqlite_wal import LogCopier
from .workers import ParserPool, parser_pool
from .writes import BatchWriter, Plan, check_lengths

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
    with collecting_less():
        return _import(
            paths,
            section=section,
            draft=draft,
            overwrite=overwrite,
            strict=strict,
            dry_run=dry_run,
            batch_size=batch_size,
            workers=workers,
            follow_symlinks=follow_symlinks,
            on_file=on_file,
        )


@contextmanager
def collecting_less() -> Iterator[None]:
    """Let the garbage collector run a tenth as often while this block runs.

    An import keeps a small object or two per file (its listing, its
    result), and every few thousand of them made Python walk the whole heap,
    Django's included: 30 ms each time, a fifth of a re-run of 10,000 files.
    Nothing it keeps forms cycles, so collecting less often frees the same.
    """
    first, *rest = gc.get_threshold()
    gc.set_threshold(first * 10, *rest)
    try:
        yield
    finally:
        gc.set_threshold(first, *rest)


def _import(
    paths: Iterable[Path | str],
    *,
    section: Section | None,
    draft: bool,
    overwrite: bool,
    strict: bool,
    dry_run: bool,
    batch_size: int,
    workers: int | None,
    follow_symlinks: bool,
    on_file: Callable[[FileResult], None] | None,
) -> ImportResult:
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
    digest = hashlib.sha256(IMPORT_RULES_VERSION)
    digest.update(data)
    return digest.hexdigest()


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
        self.reader = StoryReader(
            SectionMatcher(
                [
                    SectionKeywords(s.slug, tuple(s.keyword_list))
                    for s in self.sections.values()
                ]
            )
        )
        self.writer = BatchWriter(
            draft=draft, forced_section=section, published_at=self._published_at
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
            document_maker(workers > 0) as documents,
            parser_pool(workers, self.reader) as pool,
        ):
            waiting: deque[Batch] = deque()
            for number, files in enumerate(chunks(self.files, max(1, batch_size))):
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
        pool: ParserPool | None,
        documents: DocumentMaker | None = None,
    ) -> Batch:
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
            Pending(seed_file, data, digest, existing.get(seed_file.source_id))
            for seed_file, data, digest in changed
        ]
        futures = None
        if pool is not None and pending:
            futures = pool.submit(
                [(item.data, item.seed_file.display) for item in pending]
            )
        batch = Batch(pending, futures, self.reader)
        if futures is not None and documents is not None:
            # Not the batch itself, which holds them: no cycle keeps a
            # written batch in memory.
            batch.documents = documents.submit(
                len(pending), lambda: document_texts(pending, futures)
            )
        return batch

    def _finish(self, batch: Batch) -> None:
        """Write a prepared batch in one transaction, or file by file if refused."""
        if not batch.pending:
            # Every file was unchanged and reported so: nothing to write.
            return
        stories = batch.results()
        documents = None if batch.documents is None else batch.documents.take()
        self.log.start()
        try:
            with transaction.atomic():
                results = self._write_parsed(batch.pending, stories, documents)
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
        pending: list[Pending],
        stories: list[Story | SeedError],
        documents: Sequence[bytes | None] | None = None,
    ) -> list[FileResult]:
        results: list[FileResult] = []
        plans: list[Plan] = []
        if documents is None:
            documents = [None] * len(pending)
        for item, story, document in zip(pending, stories, documents, strict=True):
            seed_file, article = item.seed_file, item.article
            try:
                if isinstance(story, SeedError):
                    raise story
                check_lengths(seed_file, story)
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
            if article is not None and (reason := self._kept_reason(article, story)):
                outcome = Outcome.KEPT if reason == EDITED else Outcome.REJECTED
                results.append(
                    self._result(seed_file, outcome, article.pk, story.warnings, reason)
                )
                continue
            section = self._section_for(story) if article is None else None
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
                Plan(seed_file, story, item.digest, article, section, document)
            )
        if plans:
            self.writer.write(plans)
        for plan in plans:
            outcome = Outcome.CREATED if plan.created else Outcome.UPDATED
            warnings = plan.story.warnings
            if plan.created and not plan.story.body_text and not self.draft:
                warnings += (
                    f"{plan.seed_file.display}: imported as a draft, "
                    "since it has no body for readers",
                )
            results.append(
                self._result(plan.seed_file, outcome, plan.article_id, warnings)
            )
        return results

    def _kept_reason(self, article: Article, story: Story) -> str:
        """Say why the import leaves ``article`` as it is, or return ""."""
        if _edited_since_import(article) and not self.overwrite:
            return EDITED
        # What keeps a new story from readers keeps a live one as it was.
        live = article.status == Article.Status.PUBLISHED
        if live and Article.publishing_problems(
            headline=story.headline, section_id=article.section_id, body=story.body_text
        ):
            return "it has no body for readers, so the published version stays"
        return ""

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

    def _section_for(self, story: Story) -> Section | None:
        if self.forced_section is not None:
            return self.forced_section
        if story.section_slug is None:
            return self.default_section
        return self.sections[story.section_slug]

    def _published_at(self, seed_file: SeedFile) -> datetime:
        # Import time, a microsecond apart per file so NNN order is kept.
        behind = len(self.files) - 1 - self.index[seed_file.path]
        return self.now - timedelta(microseconds=behind)


EDITED = "an editor changed the article after its import; use --overwrite to replace it"


def _edited_since_import(article: Article) -> bool:
    return article.imported_at is None or article.updated_at > article.imported_at
