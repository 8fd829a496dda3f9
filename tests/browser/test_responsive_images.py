"""A phone downloads pictures sized for their slots; the desk aims the crops."""

import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from articles.images.renditions import make_renditions
from articles.models import Photo, Rendition

from ..conftest import make_article, make_credit, make_desk_user, make_photo
from .test_admin_desk import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
# Everything the page shows of its pictures, once lazy ones have loaded.
PICTURES = """() => [...document.images].filter(img => img.complete && img.currentSrc)
  .map(img => ({src: img.currentSrc, natural: img.naturalWidth,
                slot: img.getBoundingClientRect().width}))"""


def big_jpeg(size=(2400, 1800), colour=(40, 90, 150)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile("harbour.jpg", buffer.getvalue(), "image/jpeg")


def photo_ready(**fields) -> Photo:
    photo = make_photo(
        image=big_jpeg(),
        alt_text="Idle cranes",
        credit=make_credit("REUTERS/Jane Doe"),
        **fields,
    )
    make_renditions(photo)
    return photo


@pytest.fixture
def phone(browser, live_server, request):
    """A page in a 375 px wide window at the given device scale factor."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        device_scale_factor=request.param,
    )
    page = context.new_page()
    page.scale = request.param
    page.requested = []
    page.on("request", lambda sent: page.requested.append(sent.url))
    yield page
    context.close()


def load_every_picture(page, path: str) -> list[dict]:
    page.goto(path)
    # Scrolled to the end, every lazy picture is fetched.
    for _ in range(6):
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(150)
    page.wait_for_load_state("networkidle")
    return page.evaluate(PICTURES)


@pytest.mark.parametrize("phone", [1, 2], indirect=True, ids=["1x", "2x"])
@pytest.mark.parametrize("where", ["article", "home"])
def test_a_phone_downloads_renditions_sized_for_their_slots(phone, world, where):
    stories = [
        make_article(
            headline=f"Harbour story {number}",
            section=world,
            lead_photo=photo_ready(),
        )
        for number in range(3)
    ]
    path = stories[0].get_absolute_url() if where == "article" else "/"

    pictures = load_every_picture(phone, path)

    assert len(pictures) == (1 if where == "article" else 3)
    for picture in pictures:
        assert "/media/renditions/" in picture["src"]
        # naturalWidth is in CSS pixels (the file's width over its density):
        # the file's own width is in its row.
        name = picture["src"].split("/media/renditions/", 1)[1]
        width = Rendition.objects.filter(file=name).values_list("width", flat=True)[0]
        pixels = picture["slot"] * phone.scale
        # The slot in device pixels is what the screen shows; twice that is
        # the most a sharp picture needs (the 2400 px original is 3-7 times).
        assert pixels * 0.9 <= width <= 2 * pixels, (picture, width)
    images = [url for url in phone.requested if "/media/" in url]
    assert images and not [url for url in images if "/media/photos/" in url]


def test_the_editor_clicks_the_focal_point_and_the_crops_follow(page, screenshot):
    make_desk_user("Editor", username="edna")
    # Red on the left, blue on the right: the square crop shows which side.
    image = Image.new("RGB", (1600, 600), (220, 0, 0))
    image.paste((0, 0, 220), (800, 0, 1600, 600))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    photo = make_photo(
        image=SimpleUploadedFile("sides.jpg", buffer.getvalue()), alt_text="Sides"
    )
    make_renditions(photo)
    change = f"/admin/articles/photo/{photo.pk}/change/"
    sign_in(page, "edna", change)

    square = page.locator(".focal-crop-square img")
    before = square.get_attribute("src")
    picture = page.locator(".focal-point-picture")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.95, "y": box["height"] * 0.5})

    assert page.locator(".focal-point-marker").is_visible()
    assert float(page.get_by_label("Focal point across").input_value()) > 0.9
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(f"**{change}")

    photo.refresh_from_db()
    assert photo.focal_x > 0.9
    after = page.locator(".focal-crop-square img").get_attribute("src")
    assert after != before
    colour = page.evaluate(
        """(img) => { const c = document.createElement('canvas');
           c.width = img.naturalWidth; c.height = img.naturalHeight;
           const g = c.getContext('2d'); g.drawImage(img, 0, 0);
           return Array.from(g.getImageData(5, 5, 1, 1).data); }""",
        page.locator(".focal-crop-square img").element_handle(),
    )
    assert colour[2] > colour[0], "the square crop should now show the blue side"
    assert page.console_errors == []
    screenshot(page, "focal-point")


def test_the_focal_point_can_be_typed_and_the_marker_follows(page):
    make_desk_user("Editor", username="edna")
    photo = make_photo(image=big_jpeg((800, 600)), alt_text="Cranes")
    make_renditions(photo)
    sign_in(page, "edna", f"/admin/articles/photo/{photo.pk}/change/")
    field = page.get_by_label("Focal point across")
    field.fill("0.25")
    marker = page.locator(".focal-point-marker")
    assert marker.evaluate("m => m.style.left") == "25%"
