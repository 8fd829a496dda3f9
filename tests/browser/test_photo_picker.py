"""Picking a lead photo by typing part of its credit, with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from django.core.files.base import ContentFile

from articles.images.renditions import make_renditions
from articles.models import Photo

from ..conftest import make_credit, make_desk_user, make_photo
from ..images.samples import picture
from .test_admin_desk import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

ADD_ARTICLE = "/admin/articles/article/add/"


def test_an_editor_picks_a_photo_by_its_credit(page, screenshot, axe):
    make_desk_user("Editor", username="edna")
    afp = make_credit("OLGA MALTSEVA/AFP via Getty Images")
    wanted = Photo.objects.create(
        image=ContentFile(picture((1600, 1200)), name="cranes.jpg"),
        alt_text="Idle cranes",
        caption="Cranes stand idle at dawn",
        credit=afp,
    )
    make_renditions(wanted)
    make_photo(credit=afp)  # the same agency, no picture yet
    make_photo(caption="Ferry at sunset", credit=make_credit("Jane Doe/Reuters"))
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "edna", ADD_ARTICLE)

    box = page.locator(".field-lead_photo .select2-selection")
    box.focus()
    page.keyboard.press("Enter")
    page.keyboard.type("maltseva")
    options = page.locator(".select2-results__option .photo-option")
    expect(options).to_have_count(2)
    # The newest first: the credit-only photo, then the one with a picture.
    first = options.nth(1)
    expect(first.locator("img.photo-thumbnail")).to_be_visible()
    expect(first.locator(".photo-option-caption")).to_have_text(
        "Cranes stand idle at dawn"
    )
    expect(first.locator(".photo-option-credit")).to_have_text(
        "Olga Maltseva/AFP via Getty Images"
    )
    expect(first.locator(".photo-option-size")).to_have_text("1600×1200 px")
    expect(options.first.locator(".photo-option-size")).to_have_text("no picture yet")
    expect(options.first).to_contain_text("Credit only")
    screenshot(page, "photo-picker")
    violations = axe(page)
    assert violations == [], [(v["id"], v["nodes"]) for v in violations]

    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(box).to_contain_text("Cranes stand idle at dawn")
    assert page.locator("select#id_lead_photo").input_value() == str(wanted.pk)
    assert not [
        error for error in page.console_errors if "Content Security Policy" not in error
    ]
