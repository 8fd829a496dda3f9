from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string


class Command(BaseCommand):
    help = (
        "On a local checkout (DEBUG on) with no users yet, create the superuser "
        "'editor' with a random password and print it once."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if not settings.DEBUG or User.objects.exists():
            return
        password = get_random_string(16)
        User.objects.create_superuser("editor", "editor@localhost", password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the local superuser 'editor' with password {password} "
                "(shown only this once). Sign in at http://127.0.0.1:8000/admin/"
            )
        )
