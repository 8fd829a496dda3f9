"""The licence report as the desk uses it: counts, a period, the photo list."""

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from ..conftest import make_article, make_credit, make_desk_user, make_photo
from .test_admin_desk import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REPORT = "/admin/articles/photocredit/licences/"


def test_an_editor_audits_agency_photos_and_opens_their_list(page, screenshot):
    make_desk_user("Editor", username="edna")
    wire = make_credit("OLGA MALTSEVA/AFP via Getty Images")
    make_article(lead_photo=make_photo(credit=wire, caption="Cranes at dawn"))
    make_photo(credit=make_credit("POOL/AFP"), caption="Summit handshake")
    make_photo(credit=make_credit("Screenshot from YouTube"), caption="Flood video")

    sign_in(page, "edna", "/admin/articles/photocredit/")
    page.get_by_role("link", name="Licence report").click()
    expect(page.get_by_role("heading", name="Photo licence report")).to_be_visible()
    agencies = page.get_by_role("table", name="Per agency")
    expect(agencies.get_by_role("row", name="AFP 2 photos: AFP 0 1")).to_be_visible()
    distributors = page.get_by_role("table", name="Per distributor")
    expect(distributors.get_by_role("row", name="YouTube")).to_be_visible()

    today = timezone.localdate().isoformat()
    page.get_by_label("From:", exact=True).fill(today)
    page.get_by_label("To:", exact=True).fill(today)
    page.get_by_label("Dates of").select_option("added")
    page.get_by_role("button", name="Show the report").click()
    expect(agencies.get_by_role("row", name="AFP 2 photos: AFP 0 1")).to_be_visible()
    screenshot(page, "licence-report")

    agencies.get_by_role("link", name="2 photos: AFP").click()
    expect(page.locator("#result_list")).to_contain_text("Cranes at dawn")
    expect(page.locator("#result_list")).to_contain_text("Summit handshake")
    expect(page.locator("#result_list")).not_to_contain_text("Flood video")
    assert page.console_errors == []


def test_the_licence_report_is_accessible_in_both_colour_schemes(
    page,
    screenshot,
    axe,
):
    make_desk_user("Editor", username="edna")
    make_photo(credit=make_credit("REUTERS/Jane Doe"))
    make_photo(credit=make_credit("Courtesy of the family"))
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "edna", REPORT)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        # A refused period too: the error beside its field is checked as well.
        page.goto(f"{REPORT}?start=2026-03-01&end=2026-02-01")
        expect(page.locator(".errorlist")).to_be_visible()
        refused = axe(page)
        page.goto(REPORT)
        expect(page.get_by_role("table", name="Per agency")).to_be_visible()
        shown = axe(page)
        assert refused == shown == [], f"the licence report, {scheme}"
        screenshot(page, f"licence-report-{scheme}")
