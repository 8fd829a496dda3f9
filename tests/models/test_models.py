from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from articles.models import (
    Article,
    Photo,
    PhotoCredit,
    RelatedLink,
    Section,
    TaggedArticle,
)

from ..conftest import make_article, make_credit, make_image, make_link, make_section

pytestmark = pytest.mark.django_db


class PublishedTests:
    def test_only_published_articles_whose_time_has_come_are_visible(self, world):
        live = make_article()
        make_article(status=Article.Status.DRAFT, published_at=None)
        make_article(status=Article.Status.REVIEW)
        scheduled = make_article(published_at=timezone.now() + timedelta(hours=2))

        assert list(Article.objects.published()) == [live]
        assert list(Article.objects.scheduled()) == [scheduled]
        assert live.is_published and not scheduled.is_published
        assert scheduled.is_scheduled

    def test_scheduled_article_appears_once_its_time_passes(self, world):
        soon = make_article(published_at=timezone.now() + timedelta(minutes=5))
        later = timezone.now() + timedelta(minutes=6)
        assert soon not in Article.objects.published()
        assert soon in Article.objects.published(now=later)

    def test_newest_publication_comes_first(self, world):
        old = make_article(published_at=timezone.now() - timedelta(days=2))
        new = make_article(published_at=timezone.now() - timedelta(minutes=1))
        assert list(Article.objects.published()) == [new, old]


class SectionTests:
    def test_section_lists_articles_of_nested_sections(self, world):
        europe = make_section(name="Europe", slug="europe", parent=world)
        balkans = make_section(name="Balkans", slug="balkans", parent=europe)
        politics = Section.objects.get(slug="politics")
        in_world = make_article(section=world)
        in_balkans = make_article(section=balkans)
        make_article(section=politics)

        assert set(Article.objects.in_section(world)) == {in_world, in_balkans}
        assert list(Article.objects.in_section(europe)) == [in_balkans]

    @pytest.mark.parametrize(
        "slug", ["admin", "search", "tags", "feed", "static", "media", "Admin"]
    )
    def test_words_the_site_uses_are_refused_as_section_slugs(self, slug):
        section = Section(name="Clash", slug=slug)
        with pytest.raises(ValidationError) as error:
            section.full_clean()
        assert "slug" in error.value.message_dict

    def test_a_section_cannot_be_nested_inside_its_own_child(self, world):
        europe = make_section(name="Europe", slug="europe", parent=world)
        world.parent = europe
        with pytest.raises(ValidationError) as error:
            world.full_clean()
        assert "parent" in error.value.message_dict

    def test_desks_exist_after_migrating(self):
        assert list(Section.objects.values_list("slug", flat=True)) == [
            "news",
            "world",
            "politics",
            "business",
            "technology",
            "science",
            "sport",
            "culture",
            "opinion",
        ]

    def test_a_section_with_articles_cannot_be_deleted(self, world):
        make_article(section=world)
        with pytest.raises(ProtectedError):
            world.delete()


class PhotoCreditTests:
    def test_identical_credits_are_one_credit_shared_by_every_photo(self):
        first = make_credit("OLGA MALTSEVA/AFP via Getty Images")
        second = make_credit("  olga maltseva/AFP   via Getty\u00a0Images ")
        Photo.objects.create(credit=first)
        Photo.objects.create(credit=second)

        assert first.pk == second.pk
        assert PhotoCredit.objects.count() == 1
        assert first.photos.count() == 2

    def test_credit_is_kept_verbatim_and_split_into_parts(self):
        credit = make_credit("OLGA MALTSEVA/AFP via Getty Images")
        assert credit.text == "OLGA MALTSEVA/AFP via Getty Images"
        assert (credit.creator, credit.agency, credit.distributor) == (
            "Olga Maltseva",
            "AFP",
            "Getty Images",
        )
        assert credit.display == "Olga Maltseva/AFP via Getty Images"

    def test_a_merged_wording_keeps_leading_to_the_credit_it_was_merged_into(self):
        kept = make_credit("REUTERS/Jane Doe")
        typo = make_credit("REUTERS/Jane Doe.")
        other = make_credit("Reuters / Jane Doe")
        Photo.objects.create(credit=typo)
        typo.absorb([other])
        kept.absorb([typo])

        assert make_credit("reuters/jane doe.") == kept
        assert make_credit("Reuters / Jane Doe") == kept
        assert PhotoCredit.objects.count() == 1
        assert kept.photos.count() == 1

    def test_a_credit_in_use_cannot_be_deleted(self):
        credit = make_credit()
        Photo.objects.create(credit=credit)
        with pytest.raises(ProtectedError):
            credit.delete()

    def test_an_uploaded_image_without_alt_text_is_refused(self):
        with pytest.raises(ValidationError) as error:
            Photo(image=make_image()).full_clean()
        assert "alt_text" in error.value.message_dict
        with pytest.raises(IntegrityError), transaction.atomic():
            Photo.objects.create(image=make_image(), alt_text="")

    def test_uploaded_image_records_its_size(self):
        photo = Photo.objects.create(image=make_image(size=(64, 48)), alt_text="Cranes")
        assert (photo.width, photo.height) == (64, 48)


class ArticleConstraintTests:
    def test_two_articles_cannot_share_a_source_id(self, world):
        make_article(source_id="wire-1")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_article(source_id="wire-1")
        make_article(source_id="")
        make_article(source_id="")

    def test_a_published_article_needs_a_publication_time(self, world):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_article(published_at=None)

    def test_slugs_stay_unique_when_headlines_repeat(self, world):
        first = make_article(headline="Port strike ends")
        second = make_article(headline="Port strike ends")
        assert first.slug == "port-strike-ends"
        assert second.slug == "port-strike-ends-2"

    def test_article_address_is_section_then_slug(self, world):
        article = make_article(headline="Port strike ends")
        assert article.get_absolute_url() == "/world/port-strike-ends/"
        assert world.get_absolute_url() == "/world/"


class TagTests:
    def test_an_article_carries_a_tag_once(self, world):
        article = make_article(tags=["Harbour"])
        article.tags.add("harbour", "Harbour")
        assert list(article.tags.names()) == ["Harbour"]
        tag = article.tags.get()
        with pytest.raises(IntegrityError), transaction.atomic():
            TaggedArticle.objects.create(content_object=article, tag=tag)


class RelatedLinkTests:
    def test_link_named_before_its_article_exists_resolves_when_it_arrives(self, world):
        source = make_article()
        link = make_link(source, "Port strike ends after 12 days!")
        assert link.target is None

        target = make_article(headline="Port-strike ends after 12 days")
        assert target.resolve_links_naming_it() == 1
        link.refresh_from_db()
        assert link.target == target

    def test_most_recently_published_article_wins_when_two_share_a_headline(
        self, world
    ):
        older = make_article(
            headline="Port strike ends", published_at=timezone.now() - timedelta(2)
        )
        newer = make_article(headline="Port strike ends [UPDATE]")
        source = make_article()
        link = make_link(source, "port strike ends")
        RelatedLink.objects.resolve()
        link.refresh_from_db()
        assert link.target == newer != older

    def test_a_newer_article_of_the_same_headline_takes_over_its_links(self, world):
        older = make_article(
            headline="Port strike ends", published_at=timezone.now() - timedelta(2)
        )
        link = make_link(make_article(), "port strike ends")
        chosen = make_link(make_article(), "port strike ends", target=make_article())
        older.resolve_links_naming_it()
        link.refresh_from_db()
        assert link.target == older

        newer = make_article(headline="Port Strike Ends")
        assert newer.resolve_links_naming_it() == 1
        link.refresh_from_db()
        chosen.refresh_from_db()
        assert link.target == newer
        assert chosen.target != newer  # an editor's own choice stays

    def test_deleting_the_target_falls_back_to_the_title(self, world):
        target = make_article(headline="Port strike ends")
        link = make_link(make_article(), "Port strike ends", target=target)
        target.delete()
        link.refresh_from_db()
        assert link.target is None
        assert link.title == "Port strike ends"
        assert RelatedLink.objects.unresolved().filter(pk=link.pk).exists()

    def test_an_article_never_links_to_itself(self, world):
        article = make_article(headline="Port strike ends")
        link = make_link(article, "Port strike ends")
        RelatedLink.objects.resolve()
        link.refresh_from_db()
        assert link.target is None
        with pytest.raises(IntegrityError), transaction.atomic():
            RelatedLink.objects.filter(pk=link.pk).update(target=article)

    def test_two_links_cannot_take_the_same_place(self, world):
        article = make_article()
        make_link(article, "First", position=0)
        with pytest.raises(IntegrityError), transaction.atomic():
            make_link(article, "Second", position=0)

    def test_only_web_addresses_are_stored_as_external_links(self, world):
        article = make_article()
        with pytest.raises(IntegrityError), transaction.atomic():
            make_link(article, "Trick", url="javascript:alert(1)")
        make_link(article, "Agency report", url="https://example.com/report")

    def test_inline_links_follow_the_read_also_points_of_the_body(self, world):
        target = make_article(headline="Port strike ends")
        article = make_article(
            body="Lede.\n\nRead Also: Port strike ends\n\nMore.\n\n"
            "Read Also: Not written yet"
        )
        article.sync_inline_links()
        inline = list(article.related_links.filter(placement="inline"))
        assert [(link.position, link.title) for link in inline] == [
            (0, "Port strike ends"),
            (1, "Not written yet"),
        ]
        assert inline[0].target == target and inline[1].target is None

        article.body = "Lede.\n\nRead Also: port strike ends!"
        article.save()
        article.sync_inline_links()
        inline = list(article.related_links.filter(placement="inline"))
        assert [(link.title, link.target) for link in inline] == [
            ("port strike ends!", target)
        ]


def test_article_page_data_takes_a_fixed_number_of_queries(
    world, django_assert_num_queries
):
    article = make_article(tags=["Russia", "Ukraine", "Vladimir Putin"])
    for number in range(5):
        target = make_article(headline=f"Background story {number}")
        make_link(article, target.headline, target=target)
    make_link(article, "Not yet written")

    with django_assert_num_queries(3):
        page = Article.objects.for_page().get(pk=article.pk)
        hrefs = [link.href for link in page.links_after_body()]
        names = [tag.name for tag in page.tags.all()]
        page.body_items()
        page.section.parent  # noqa: B018
    assert len(hrefs) == 6 and hrefs[-1] == ""
    assert sorted(names) == ["Russia", "Ukraine", "Vladimir Putin"]


def test_looking_up_imported_articles_uses_the_source_id_index(world):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL picks its plan by table size; the rule is SQLite's")
    make_article(source_id="wire-1")
    plan = Article.objects.imported_as(["wire-1", "wire-2"]).order_by().explain()
    assert "article_unique_source_id" in plan
    assert [a.source_id for a in Article.objects.imported_as(["wire-1", ""])] == [
        "wire-1"
    ]


class ControlCharacterTests:
    @pytest.mark.parametrize(
        ("make", "field"),
        [
            (lambda: make_article(), "headline"),
            (lambda: make_article(), "label"),
            (lambda: make_article(), "dek"),
            (lambda: make_article(), "body"),
            (lambda: make_article(), "byline"),
            (lambda: make_credit(), "text"),
            (lambda: make_credit(), "creator"),
            (lambda: Photo(), "caption"),
            (lambda: Photo(), "alt_text"),
            (lambda: RelatedLink(title="x", article=make_article()), "title"),
            (lambda: make_section(name="Europe", slug="europe"), "name"),
            (lambda: make_section(name="Europe", slug="europe"), "description"),
        ],
    )
    def test_text_readers_see_refuses_control_characters(self, world, make, field):
        obj = make()
        setattr(obj, field, "Port strike\x1b[31m ends")
        with pytest.raises(ValidationError) as raised:
            obj.full_clean()
        assert raised.value.message_dict[field] == [
            "This text holds the control character U+001B at position 12; remove it."
        ]

    def test_tabs_and_line_breaks_pass_where_text_has_several_lines(self, world):
        article = make_article(body="One.\r\n\r\nTwo\tthree.", dek="A\nB")
        article.full_clean()
        article.headline = "Port strike\nends"
        with pytest.raises(ValidationError) as raised:
            article.full_clean()
        assert "U+000A at position 12" in raised.value.message_dict["headline"][0]
