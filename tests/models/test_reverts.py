"""What restoring a version's state does to readers, said in words before it is done."""

from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, OldSlug
from articles.models.reverts import STATE_FIELDS, Revert, when

from ..conftest import make_article, make_desk_user

pytestmark = pytest.mark.django_db

NOW = timezone.now()
PAST, EARLIER = NOW - timedelta(hours=1), NOW - timedelta(days=2)
LATER, MUCH_LATER = NOW + timedelta(hours=3), NOW + timedelta(days=2)
LIVE = ("published", PAST)
DRAFT = ("draft", None)


def revert_between(world, version: tuple, now: tuple, **changes) -> Revert:
    """A Revert from an article in state ``now`` to its version in ``version``."""
    status, published_at = version
    article = make_article(
        headline="Ferry fares rise", status=status, published_at=published_at
    )
    first = article.history.get()
    article.status, article.published_at = now
    for name, value in changes.items():
        setattr(article, name, value)
    article.save()
    return Revert(article, first)


@pytest.mark.parametrize(
    ("version", "now", "said"),
    [
        (DRAFT, LIVE, "This takes the live story offline: readers will get 404"),
        (("review", None), LIVE, "This takes the live story offline"),
        (("published", LATER), LIVE, "This takes the live story offline until "),
        (
            ("published", EARLIER),
            LIVE,
            "This changes when the live story was published",
        ),
        (DRAFT, ("published", LATER), "This cancels the publication scheduled for"),
        (LIVE, ("published", LATER), "This publishes the scheduled story now."),
        (("published", MUCH_LATER), ("published", LATER), "This reschedules the story"),
        (LIVE, DRAFT, "This publishes the story: readers see it at once."),
        (("published", LATER), DRAFT, "This schedules the story for "),
    ],
)
def test_restoring_a_state_says_what_readers_will_notice(world, version, now, said):
    revert = revert_between(world, version, now)

    [note] = revert.consequences(STATE_FIELDS)

    assert note.startswith(said)
    assert revert.consequences([]) == []


def test_restoring_the_same_state_or_a_drafts_status_says_nothing(world):
    assert revert_between(world, LIVE, LIVE).consequences(STATE_FIELDS) == []
    assert (
        revert_between(world, ("review", None), DRAFT).consequences(STATE_FIELDS) == []
    )


def test_times_are_named_as_the_desk_reads_them(world):
    revert = revert_between(world, ("published", LATER), LIVE)

    assert revert.consequences(STATE_FIELDS) == [
        f"This takes the live story offline until {when(LATER)}: readers will "
        "get 404 until then."
    ]


def test_moving_a_live_story_names_both_addresses(world):
    revert = revert_between(world, LIVE, LIVE, slug="ferry-fares-up")

    assert revert.consequences(["slug"]) == [
        "This moves the story to a new address, /world/ferry-fares-rise/; the "
        "current one, /world/ferry-fares-up/, will redirect there."
    ]
    assert revert.consequences([]) == []


def test_the_version_keeps_only_the_words_unless_the_state_is_named(world):
    revert = revert_between(world, DRAFT, LIVE, headline="Ferry fares rise again")

    revert.apply()

    article = Article.objects.get()
    assert (article.headline, article.status) == ("Ferry fares rise", "published")


def test_a_published_story_moved_back_by_its_state_keeps_its_address(world):
    revert = revert_between(world, LIVE, LIVE, slug="ferry-fares-up")

    revert.apply(["slug"])

    assert Article.objects.get().slug == "ferry-fares-rise"
    assert list(OldSlug.objects.values_list("slug", flat=True)) == ["ferry-fares-up"]


def test_a_draft_moved_back_leaves_no_redirect_for_its_own_address(world):
    revert = revert_between(world, DRAFT, DRAFT, slug="ferry-fares-up")
    OldSlug.objects.create(slug="ferry-fares-rise", article=revert.article)

    revert.apply(["slug"])

    assert Article.objects.get().slug == "ferry-fares-rise"
    assert not OldSlug.objects.exists()


def test_a_draft_moved_back_leaves_another_articles_redirect_alone(world):
    revert = revert_between(world, DRAFT, DRAFT, slug="ferry-fares-up")
    other = make_article(headline="Ferry fares fall")
    OldSlug.objects.create(slug="ferry-fares-rise", article=other)

    revert.apply(["slug"])

    assert list(OldSlug.objects.values_list("slug", "article")) == [
        ("ferry-fares-rise", other.pk)
    ]


def test_restoring_what_readers_could_not_read_raises(world):
    article = make_article(
        headline="Dock fire", body="", status="draft", published_at=None
    )
    empty = article.history.get()
    article.body = "Firefighters were called at noon."
    article.save()
    article.publish()

    with pytest.raises(ValidationError, match="A published article needs a body"):
        Revert(article, empty).apply()

    assert Article.objects.get().body == "Firefighters were called at noon."


def test_the_reason_names_the_version_and_its_author_within_the_column(world):
    revert = revert_between(world, LIVE, LIVE, headline="Ferry fares rise again")
    version = revert.version
    assert revert.version_author == "a script"
    version.history_change_reason = "Imported from seeds/001_ferry.txt"

    assert revert.reason([]) == (
        f"Reverted to the version of {when(version.history_date)} by the importer"
    )
    version.history_user = make_desk_user("Editor", first_name="A" * 150)
    assert revert.reason(["status"]).endswith("…, with its state")
    assert len(revert.reason(["status"])) == 100
