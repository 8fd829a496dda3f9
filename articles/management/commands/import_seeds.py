import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.ingest import FileResult, Outcome, import_seeds
from articles.ingest.discovery import (
    SeedPathError,
    find_seed_files,
    printable,
    safe_display,
)
from articles.models import Section

# Below this many files a progress bar only flickers.
PROGRESS_BAR_MIN_FILES = 50
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived during the import.

    A KeyboardInterrupt, so that the database driver cancels a query in
    progress as it does for Ctrl-C, and nothing catching Exception stops it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Command(BaseCommand):
    help = (
        "Import plain-text seed articles (see SEED_FORMAT.md). Re-running on "
        "unchanged files writes nothing; articles an editor changed are kept "
        "unless --overwrite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            type=Path,
            help="Seed files or folders (default: the project's seeds/ folder).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse and report what would happen; write nothing.",
        )
        parser.add_argument(
            "--section",
            metavar="SLUG",
            help="File new articles under this section instead of by keywords.",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Import new articles as drafts (by default they are published).",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace articles an editor changed after their import.",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Import every file or none: any rejected file rolls back all.",
        )
        parser.add_argument(
            "--follow-symlinks",
            action="store_true",
            help="Follow symbolic links that stay inside the folders given "
            "(by default links are skipped and reported).",
        )
        parser.add_argument(
            "--report",
            metavar="FILE",
            type=Path,
            help="Write a JSON summary of what happened to each file.",
        )

    def handle(self, *args, **options):
        paths = options["paths"] or [Path(settings.BASE_DIR) / "seeds"]
        section = None
        if options["section"]:
            section = Section.objects.filter(slug=options["section"]).first()
            if section is None:
                known = ", ".join(Section.objects.values_list("slug", flat=True))
                raise CommandError(
                    f"No section with the slug {options['section']!r}. "
                    f"Sections: {known or 'none yet'}."
                )
        follow_symlinks = options["follow_symlinks"]
        nothing_written = options["strict"] or options["dry_run"]
        with stop_on_signals(nothing_written):
            try:
                files, passed_over = find_seed_files(
                    paths, follow_symlinks=follow_symlinks
                )
            except SeedPathError as error:
                raise CommandError(str(error)) from error

            verbosity = options["verbosity"]
            show_bar = (
                verbosity >= 1
                and self.stdout.isatty()
                and len(files) >= PROGRESS_BAR_MIN_FILES
            )
            bar = tqdm(
                total=len(files) + sum(passed.rejected for passed in passed_over),
                unit="file",
                disable=not show_bar,
                file=sys.stdout,
            )

            def on_file(result: FileResult) -> None:
                if result.outcome != Outcome.SKIPPED:
                    bar.update()
                write = bar.write if show_bar else self.stdout.write
                # Names are escaped where they are read; this also covers what
                # a message quotes, since a terminal obeys any escape it gets.
                if result.outcome == Outcome.REJECTED:
                    self.stderr.write(printable(f"Rejected {result.message}"))
                elif verbosity >= 1:
                    for warning in result.warnings:
                        self.stderr.write(
                            self.style.WARNING(printable(f"Warning: {warning}"))
                        )
                if verbosity >= 2 and result.outcome != Outcome.REJECTED:
                    write(printable(f"{result.outcome}: {result.message}"))

            try:
                result = import_seeds(
                    paths,
                    section=section,
                    draft=options["draft"],
                    overwrite=options["overwrite"],
                    strict=options["strict"],
                    dry_run=options["dry_run"],
                    follow_symlinks=follow_symlinks,
                    on_file=on_file,
                )
            except SeedPathError as error:
                raise CommandError(str(error)) from error
            finally:
                bar.close()

        if options["report"]:
            try:
                options["report"].write_text(
                    json.dumps(result.as_report(), indent=2) + "\n", encoding="utf-8"
                )
            except OSError as error:
                raise CommandError(
                    f"{safe_display(options['report'])}: cannot write the report "
                    f"({error.strerror})"
                ) from error

        style = self.style.ERROR if result.rejected else self.style.SUCCESS
        if verbosity >= 1 or result.rejected:
            self.stdout.write(style(result.summary()))
        if result.rejected:
            raise CommandError(
                f"{len(result.rejected)} file(s) rejected; see the messages above."
            )


@contextmanager
def stop_on_signals(nothing_written: bool) -> Iterator[None]:
    """Stop the import cleanly on SIGINT or SIGTERM, with a message saying so.

    The signal is raised as ``Stopped`` where the import is: unwinding rolls
    back the batch being written and ends the parsing workers. A second
    signal is ignored meanwhile, so that it cannot cut the clean-up short.
    Signal handlers belong to the main thread: elsewhere (``call_command``
    from a thread) the signals keep their handlers.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        raise Stopped(signum)

    previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    except Stopped as stopped:
        kept = (
            "Nothing was written."
            if nothing_written
            else "Files imported before it are kept; run the command again to "
            "import the rest (unchanged files are skipped)."
        )
        raise CommandError(
            f"Stopped by {signal.Signals(stopped.signum).name}: the batch being "
            f"written was rolled back. {kept}",
            returncode=128 + stopped.signum,
        ) from None
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
