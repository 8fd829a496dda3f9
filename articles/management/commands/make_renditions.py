import sys

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError

from articles.images.renditions import photos_missing_renditions, remake_renditions
from articles.models import Photo

# Below this many photos a progress bar only flickers.
PROGRESS_BAR_MIN_PHOTOS = 20


class Command(BaseCommand):
    help = (
        "Make the sized copies readers get of photos that have none yet (imported "
        "photos), or with --all of every photo (after the sizes change)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Remake every photo's renditions, not only the missing ones.",
        )

    def handle(self, *args, **options):
        photos = (
            Photo.objects.exclude(image="")
            if options["all"]
            else photos_missing_renditions()
        )
        total = photos.count()
        show_bar = (
            options["verbosity"] >= 1
            and self.stdout.isatty()
            and total >= PROGRESS_BAR_MIN_PHOTOS
        )
        failed = 0
        with tqdm(
            total=total, unit="photo", disable=not show_bar, file=sys.stdout
        ) as bar:
            for photo, error in remake_renditions(photos):
                bar.update()
                if error is not None:
                    failed += 1
                    self.stderr.write(f"Photo {photo.pk}: {error}")
        self.stdout.write(f"Made the renditions of {total - failed} of {total} photos.")
        if failed:
            raise CommandError(f"{failed} photos could not be read; see above.")
