import json
import sys
from pathlib import Path

from tqdm import tqdm

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.importer import (
    FileResult,
    Outcome,
    SeedPathError,
    find_seed_files,
    import_seeds,
)
from articles.models import Section

# Below this many files a progress bar only flickers.
PROGRESS_BAR_MIN_FILES = 50


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
        try:
            files, _skipped = find_seed_files(paths)
        except SeedPathError as error:
            raise CommandError(str(error)) from error

        verbosity = options["verbosity"]
        show_bar = (
            verbosity >= 1
            and self.stdout.isatty()
            and len(files) >= PROGRESS_BAR_MIN_FILES
        )
        bar = tqdm(total=len(files), unit="file", disable=not show_bar, file=sys.stdout)

        def on_file(result: FileResult) -> None:
            if result.outcome != Outcome.SKIPPED:
                bar.update()
            write = bar.write if show_bar else self.stdout.write
            if result.outcome == Outcome.REJECTED:
                self.stderr.write(f"Rejected {result.message}")
            elif verbosity >= 1:
                for warning in result.warnings:
                    self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
            if verbosity >= 2 and result.outcome != Outcome.REJECTED:
                write(f"{result.outcome}: {result.message}")

        try:
            result = import_seeds(
                paths,
                section=section,
                draft=options["draft"],
                overwrite=options["overwrite"],
                strict=options["strict"],
                dry_run=options["dry_run"],
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
                    f"{options['report']}: cannot write the report ({error.strerror})"
                ) from error

        style = self.style.ERROR if result.rejected else self.style.SUCCESS
        if verbosity >= 1 or result.rejected:
            self.stdout.write(style(result.summary()))
        if result.rejected:
            raise CommandError(
                f"{len(result.rejected)} file(s) rejected; see the messages above."
            )
