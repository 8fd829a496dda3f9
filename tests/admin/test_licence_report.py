"""The licence report: photos per agency and distributor, for the audit."""

import csv
import io
from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.images.licences import (
    Basis,
    Kind,
    Period,
    licence_groups,
    photos_in_group,
    photos_in_period,
)
from articles.models import Article, Photo

from ..conftest import make_article, make_credit, make_image, make_photo

pytestmark = pytest.mark.django_db

REPORT = "/admin/articles/photocredit/licences/"
PHOTOS = "/admin/articles/photo/"


def counts(groups) -> dict[str, tuple[int, int, int]]:
    return {
        group.key: (group.photos, group.with_picture, group.live) for group in groups
    }


@pytest.fixture
def library(world):
    """Photos under every kind of credit, some leading live articles."""
    wire = make_credit("OLGA MALTSEVA/AFP via Getty Images")
    live = make_photo(credit=wire, image=make_image(), alt_text="Cranes")
    make_article(lead_photo=live)
    make_photo(credit=wire)  # credit only, not used
    make_photo(credit=make_credit("Jane Doe/SOPA Images/LightRocket via Getty Images"))
    make_photo(credit=make_credit("POOL/AFP"))
    screenshot = make_photo(credit=make_credit("Screenshot from YouTube"))
    make_article(lead_photo=screenshot)
    make_photo(credit=make_credit("Photo by Jane Doe"))  # no parts
    make_photo(credit=make_credit("Jane Doe on Unsplash"))
    make_photo(credit=make_credit("Jane Doe via Acme Stock"))
    make_photo(credit=None, image=make_image(), alt_text="Our own", is_own=True)
    make_photo(credit=None, image=make_image(), alt_text="Nobody's")
    # A draft's photo is not live.
    make_article(
        lead_photo=make_photo(credit=make_credit("REUTERS/Jane Doe")),
        status=Article.Status.DRAFT,
        published_at=None,
    )
    return {"live": live, "screenshot": screenshot}


class GroupTests:
    def test_photos_count_under_every_agency_and_distributor_that_licenses_them(
        self, library
    ):
        found = counts(licence_groups(Photo.objects.all()))
        assert found == {
            "agency:AFP": (3, 1, 1),
            "agency:SOPA Images": (1, 0, 0),
            "agency:LightRocket": (1, 0, 0),
            "agency:Reuters": (1, 0, 0),
            "distributor:Getty Images": (3, 1, 1),
            "distributor:YouTube": (1, 0, 1),
            "distributor:Unsplash": (1, 0, 0),
            "distributor:Acme Stock": (1, 0, 0),
            "no-parts": (1, 0, 0),
            "own": (1, 1, 0),
            "no-credit": (1, 1, 0),
        }

    def test_agencies_come_first_the_most_used_at_the_top(self, library):
        keys = [group.key for group in licence_groups(Photo.objects.all())]
        assert keys[0] == "agency:AFP"
        kinds = [key.partition(":")[0] for key in keys]
        assert kinds == sorted(kinds, key=lambda kind: list(Kind).index(Kind(kind)))

    def test_a_creator_only_credit_has_its_own_group(self, world):
        make_photo(credit=make_credit("Jane Doe/Acme News"))  # agency unknown
        make_photo(credit=make_credit("Ann Lee"))  # bare name: no parts
        assert counts(licence_groups(Photo.objects.all())) == {
            "agency:Acme News": (1, 0, 0),
            "no-parts": (1, 0, 0),
        }

    def test_every_group_lists_exactly_the_photos_it_counts(self, library):
        photos = Photo.objects.all()
        for group in licence_groups(photos):
            assert photos_in_group(photos, group.key).count() == group.photos, group

    def test_an_agency_name_inside_another_is_not_mistaken_for_it(self, world):
        make_photo(credit=make_credit("Jane Doe/AP"))
        make_photo(credit=make_credit("Jane Doe/AAP"))
        assert photos_in_group(Photo.objects.all(), "agency:AP").count() == 1

    @pytest.mark.parametrize("key", ["", "agency", "agency:", "nonsense", "own:x:y"])
    def test_a_key_naming_no_group_is_refused(self, key, world):
        if key == "own:x:y":
            # The kinds without a name ignore one.
            assert photos_in_group(Photo.objects.all(), key).count() == 0
            return
        with pytest.raises(ValueError):
            photos_in_group(Photo.objects.all(), key)

    def test_the_report_takes_one_query_whatever_the_library_size(self, library):
        with CaptureQueriesContext(connection) as small:
            licence_groups(Photo.objects.all())
        for number in range(30):
            make_photo(credit=make_credit(f"Jane Doe/Agency {number}"))
        with CaptureQueriesContext(connection) as large:
            licence_groups(Photo.objects.all())
        assert len(small) == len(large) == 1


class PeriodTests:
    def test_by_publication_counts_photos_leading_articles_published_then(self, world):
        old = make_photo(credit=make_credit("AFP"))
        make_article(lead_photo=old, published_at=timezone.now() - timedelta(days=40))
        new = make_photo(credit=make_credit("AFP"))
        make_article(lead_photo=new, published_at=timezone.now() - timedelta(days=2))
        make_photo(credit=make_credit("AFP"))  # never used
        today = timezone.localdate()
        period = Period(today - timedelta(days=7), today, Basis.PUBLISHED)
        assert list(photos_in_period(Photo.objects.all(), period)) == [new]

    def test_by_addition_counts_photos_added_then_both_days_included(self, world):
        first = make_photo()
        second = make_photo()
        Photo.objects.filter(pk=first.pk).update(
            created_at=timezone.now() - timedelta(days=10)
        )
        today = timezone.localdate()
        assert list(
            photos_in_period(Photo.objects.all(), Period(today, today, Basis.ADDED))
        ) == [second]
        week = Period(today - timedelta(days=10), None, Basis.ADDED)
        assert photos_in_period(Photo.objects.all(), week).count() == 2


class ScreenTests:
    def test_an_editor_sees_the_counts_linked_to_the_photo_list(
        self, desk_editor_client, library
    ):
        response = desk_editor_client.get(REPORT)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Photo licence report" in html
        assert "<caption>Per agency</caption>" in html
        assert (
            f'<a href="{PHOTOS}?licence=agency%3AAFP">3<span class="visually-hidden">'
            " photos: AFP</span></a>"
        ) in html
        assert "No credit (not own photos)" in html

    def test_a_link_opens_the_photo_list_narrowed_to_its_group(
        self, desk_editor_client, library
    ):
        response = desk_editor_client.get(PHOTOS, {"licence": "distributor:YouTube"})
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == [library["screenshot"]]

    def test_a_link_with_a_period_narrows_the_photo_list_the_same_way(
        self, desk_editor_client, library
    ):
        today = timezone.localdate().isoformat()
        response = desk_editor_client.get(
            REPORT, {"start": today, "end": today, "basis": "added"}
        )
        html = response.content.decode()
        link = (
            f"{PHOTOS}?licence=agency%3AAFP&amp;licence_from={today}"
            f"&amp;licence_to={today}&amp;licence_by=added"
        )
        assert link in html
        photos = desk_editor_client.get(link.replace("&amp;", "&"))
        assert len(photos.context["cl"].result_list) == 3

    def test_a_hostile_group_in_the_photo_list_is_a_clear_no(
        self, desk_editor_client, library
    ):
        for params in (
            {"licence": "agency:"},
            {"licence": "<script>"},
            {"licence": "own", "licence_from": "yesterday"},
        ):
            response = desk_editor_client.get(PHOTOS, params)
            assert response.status_code == 302
            assert response["Location"].endswith("?e=1")

    def test_a_period_ending_before_it_starts_is_refused_naming_the_field(
        self, desk_editor_client, library
    ):
        response = desk_editor_client.get(
            REPORT, {"start": "2026-03-01", "end": "2026-02-01"}
        )
        form = response.context["form"]
        assert form.errors["end"] == ["The “To” date is before the “From” date."]
        assert "licence-table" not in response.content.decode()

    def test_the_last_day_of_the_calendar_is_a_period_not_an_error(
        self, desk_editor_client, library
    ):
        report = desk_editor_client.get(REPORT, {"end": "9999-12-31"})
        assert report.status_code == 200
        assert "licence-table" in report.content.decode()
        listed = desk_editor_client.get(PHOTOS, {"licence_to": "9999-12-31"})
        assert listed.status_code == 200

    def test_a_date_that_is_no_date_is_refused_naming_the_field(
        self, desk_editor_client, library
    ):
        response = desk_editor_client.get(REPORT, {"start": "2026-13-45"})
        assert response.status_code == 200
        assert "start" in response.context["form"].errors

    def test_the_report_downloads_as_csv_for_the_audit(
        self, desk_editor_client, library
    ):
        response = desk_editor_client.get(REPORT, {"format": "csv"})
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith(
            'attachment; filename="photo-licences-'
        )
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == [
            "group",
            "name",
            "photos",
            "with a picture",
            "on live articles",
            "period",
        ]
        assert ["agency", "AFP", "3", "1", "1", "all photos"] in rows
        assert ["own", "Own photos", "1", "1", "0", "all photos"] in rows

    def test_a_credit_that_looks_like_a_formula_stays_text_in_the_csv(
        self, desk_editor_client, world
    ):
        make_photo(credit=make_credit("Jane Doe/=SUM(A1:A9)"))
        response = desk_editor_client.get(REPORT, {"format": "csv"})
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[1][:2] == ["agency", "'=SUM(A1:A9)"]

    def test_the_report_costs_the_same_queries_for_a_larger_library(
        self, desk_editor_client, library
    ):
        with CaptureQueriesContext(connection) as small:
            desk_editor_client.get(REPORT)
        for number in range(25):
            make_photo(credit=make_credit(f"Jane Doe/Agency {number}"))
        with CaptureQueriesContext(connection) as large:
            desk_editor_client.get(REPORT)
        assert len(large) == len(small)

    def test_the_credit_list_and_the_front_page_link_to_it(
        self, desk_editor_client, library
    ):
        for page in ("/admin/articles/photocredit/", "/admin/"):
            html = desk_editor_client.get(page).content.decode()
            assert f'href="{REPORT}"' in html

    def test_staff_without_the_photo_view_permission_are_refused(self, client, world):
        user = get_user_model().objects.create_user(
            "clerk", password="pw", is_staff=True
        )
        user.user_permissions.add(Permission.objects.get(codename="view_article"))
        client.force_login(user)
        assert client.get(REPORT).status_code == 403
        assert f'href="{REPORT}"' not in client.get("/admin/").content.decode()

    def test_a_reporter_may_read_the_report(self, reporter_client, library):
        assert reporter_client.get(REPORT).status_code == 200
