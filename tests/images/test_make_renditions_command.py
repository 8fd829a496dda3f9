"""``make_renditions``: the missing ones by default, every photo with --all."""

import io

import pytest

from django.core.management import CommandError, call_command

from articles.images.renditions import make_renditions
from tests.conftest import make_image, make_photo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("make_renditions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_makes_only_the_missing_renditions_and_says_how_many():
    done = make_photo(image=make_image(), alt_text="Done")
    make_renditions(done)
    kept = set(done.renditions.values_list("pk", flat=True))
    imported = make_photo(image=make_image(), alt_text="Imported")
    make_photo()  # a credit only: nothing to make

    out, err = run()

    assert out.strip() == "Made the renditions of 1 of 1 photos."
    assert imported.renditions.exists()
    assert set(done.renditions.values_list("pk", flat=True)) == kept

    out, err = run("--all")
    assert out.strip() == "Made the renditions of 2 of 2 photos."
    assert set(done.renditions.values_list("pk", flat=True)) != kept


def test_an_unreadable_picture_is_named_and_the_rest_are_made():
    broken = make_photo(image=make_image(), alt_text="Broken")
    broken.image.storage.delete(broken.image.name)
    with broken.image.storage.open(broken.image.name, "wb") as file:
        file.write(b"GIF89a truncated")
    good = make_photo(image=make_image(), alt_text="Good")

    with pytest.raises(CommandError, match="1 photos could not be read"):
        call_command(
            "make_renditions", stdout=io.StringIO(), stderr=(err := io.StringIO())
        )

    assert f"Photo {broken.pk}: The picture could not be read" in err.getvalue()
    assert good.renditions.exists()
    assert not broken.renditions.exists()
