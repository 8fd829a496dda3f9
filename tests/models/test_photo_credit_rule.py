"""No picture goes live without a credit, unless the newsroom made it."""

from datetime import timedelta
from pathlib import Path

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.ingest import import_seeds
from articles.models import Article, Photo
from articles.models.articles import NO_CREDIT
from articles.models.reverts import Revert

from ..conftest import make_article, make_image, make_photo
from ..desk import ARTICLES, action_data, article_form_data, change_url, opened_state

pytestmark = pytest.mark.django_db

MESSAGE = (
    "The lead photo has no credit: add its credit, or tick “own photo” on the "
    "photo if the newsroom made it."
)


def uncredited_picture(**overrides) -> Photo:
    fields = {"image": make_image(), "alt_text": "Cranes at dawn", "credit": None}
    fields.update(overrides)
    return make_photo(**fields)


def draft_with(photo: Photo | None) -> Article:
    return make_article(
        status=Article.Status.DRAFT, published_at=None, lead_photo=photo
    )


class ModelRuleTests:
    def test_the_message_names_both_ways_out(self):
        assert NO_CREDIT == MESSAGE

    def test_publish_refuses_a_picture_with_no_credit(self, world):
        article = draft_with(uncredited_picture())
        with pytest.raises(ValidationError) as error:
            article.publish()
        assert error.value.message_dict == {"lead_photo": [MESSAGE]}
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT

    def test_scheduling_is_refused_the_same_way(self, world):
        article = draft_with(uncredited_picture())
        with pytest.raises(ValidationError):
            article.publish(at=timezone.now() + timedelta(hours=2))
        article.refresh_from_db()
        assert not article.is_scheduled

    @pytest.mark.parametrize(
        "photo",
        [
            lambda: uncredited_picture(is_own=True),
            lambda: make_photo(image=make_image(), alt_text="Cranes"),
            # Imported: the credit is known, the picture not yet.
            lambda: make_photo(),
            # Neither picture nor credit: readers see nothing to credit.
            lambda: Photo.objects.create(caption="A wire caption"),
            lambda: None,
        ],
    )
    def test_an_own_credited_or_pictureless_photo_may_go_live(self, world, photo):
        article = draft_with(photo())
        article.publish()
        assert article.is_published

    def test_clean_names_the_lead_photo_field(self, world):
        article = draft_with(uncredited_picture())
        article.status = Article.Status.PUBLISHED
        with pytest.raises(ValidationError) as error:
            article.full_clean()
        assert error.value.message_dict["lead_photo"] == [MESSAGE]

    def test_a_live_articles_photo_cannot_lose_its_credit(self, world):
        photo = make_photo(image=make_image(), alt_text="Cranes")
        make_article(lead_photo=photo)
        photo.credit = None
        with pytest.raises(ValidationError) as error:
            photo.full_clean()
        assert "credit" in error.value.message_dict
        photo.is_own = True
        photo.full_clean()


class DeskTests:
    def test_the_article_form_says_so_beside_the_lead_photo(
        self, desk_editor_client, world
    ):
        photo = uncredited_picture()
        data = article_form_data(
            headline="Cranes idle",
            body="Text.",
            section=world.pk,
            status="published",
            lead_photo=photo.pk,
        )
        response = desk_editor_client.post(f"{ARTICLES}add/", data)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["lead_photo"] == [MESSAGE]
        assert not Article.objects.filter(headline="Cranes idle").exists()

    def test_scheduling_in_the_form_is_refused_too(self, desk_editor_client, world):
        article = draft_with(uncredited_picture())
        later = timezone.localtime(timezone.now() + timedelta(days=1))
        data = article_form_data(
            article,
            status="published",
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
        )
        data["opened_state"] = opened_state(desk_editor_client.get(change_url(article)))
        response = desk_editor_client.post(change_url(article), data)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["lead_photo"] == [MESSAGE]
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT

    def test_publish_now_reports_the_uncredited_photo(self, desk_editor_client, world):
        blocked = draft_with(uncredited_picture())
        own = draft_with(uncredited_picture(is_own=True))
        response = desk_editor_client.post(
            ARTICLES, action_data("publish_now", blocked, own), follow=True
        )
        html = response.content.decode()
        assert "Published 1 article." in html
        assert f"Not published: “{blocked.headline}” ({MESSAGE})" in html
        blocked.refresh_from_db()
        own.refresh_from_db()
        assert (blocked.status, own.is_published) == (Article.Status.DRAFT, True)

    def test_the_photo_form_offers_own_photo(self, desk_editor_client, world):
        photo = uncredited_picture()
        html = desk_editor_client.get(
            f"/admin/articles/photo/{photo.pk}/change/"
        ).content.decode()
        assert 'name="is_own"' in html
        assert "Own photo" in html

    def test_clearing_the_credit_of_a_live_photo_is_refused_in_the_form(
        self, desk_editor_client, world
    ):
        photo = make_photo(image=make_image(), alt_text="Cranes")
        make_article(lead_photo=photo)
        url = f"/admin/articles/photo/{photo.pk}/change/"
        data = {
            "alt_text": "Cranes",
            "caption": "",
            "credit": "",
            "opened_state": opened_state(desk_editor_client.get(url)),
        }
        response = desk_editor_client.post(url, data)
        assert response.status_code == 200
        assert "credit" in response.context["adminform"].form.errors
        photo.refresh_from_db()
        assert photo.credit_id is not None

        data["is_own"] = "on"
        data["opened_state"] = opened_state(desk_editor_client.get(url))
        assert desk_editor_client.post(url, data).status_code == 302
        photo.refresh_from_db()
        assert (photo.credit_id, photo.is_own) == (None, True)


class ImporterTests:
    def test_imported_credit_only_photos_do_not_hold_an_article_back(
        self, tmp_path: Path, world
    ):
        (tmp_path / "001_ferry.txt").write_text(
            "Ferry service resumes\n(Photo : REUTERS/John Smith)\nFerries run again.\n"
        )
        (tmp_path / "002_no_credit.txt").write_text(
            "Schools reopen\nEvery school opened on Tuesday.\n"
        )
        import_seeds([tmp_path])
        ferry = Article.objects.get(headline="Ferry service resumes")
        assert ferry.status == Article.Status.PUBLISHED
        assert not ferry.lead_photo.image
        assert ferry.lead_photo.credit.display == "John Smith/Reuters"
        schools = Article.objects.get(headline="Schools reopen")
        assert schools.status == Article.Status.PUBLISHED

    def test_publishing_problems_take_the_lead_photo_as_the_importer_may(self, world):
        problems = Article.publishing_problems(
            headline="Cranes", section_id=1, body="Text.", lead_photo=None
        )
        assert problems == {}
        photo = uncredited_picture()
        problems = Article.publishing_problems(
            headline="Cranes", section_id=1, body="Text.", lead_photo=photo
        )
        assert problems == {"lead_photo": MESSAGE}


class RevertTests:
    def test_restoring_an_uncredited_lead_picture_onto_a_live_story_is_refused(
        self, world
    ):
        credited = make_photo(image=make_image(), alt_text="Cranes")
        article = make_article(lead_photo=uncredited_picture(is_own=True))
        old = article.history.get()
        article.lead_photo = credited
        article.save()
        # The desk learns the old picture was not its own after all.
        Photo.objects.filter(pk=old.lead_photo_id).update(is_own=False)

        with pytest.raises(ValidationError, match="The lead photo has no credit"):
            Revert(article, old).apply()
        article.refresh_from_db()
        assert article.lead_photo == credited
