"""Helpers for posting the admin's article form as a browser would."""

import html
import re

from django.utils import timezone

from articles.models import Article, RelatedLink

ARTICLES = "/admin/articles/article/"


def change_url(article: Article) -> str:
    return f"{ARTICLES}{article.pk}/change/"


def article_form_data(article: Article | None = None, **overrides) -> dict:
    """Return the POST data of the article form, filled from ``article``.

    ``links`` may list the after-body links as dicts (order, title, target, url,
    and id for an existing one); by default the existing links are sent back.
    """
    links = overrides.pop("links", None)
    data = {
        "label": "",
        "headline": "",
        "slug": "",
        "dek": "",
        "body": "",
        "byline": "",
        "tags": "",
        "lead_photo": "",
        "section": "",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
    }
    existing = []
    if article is not None:
        data.update(
            label=article.label,
            headline=article.headline,
            slug=article.slug,
            dek=article.dek,
            body=article.body,
            byline=article.byline,
            tags=", ".join(tag.name for tag in article.tags.all()),
            lead_photo=article.lead_photo_id or "",
            section=article.section_id,
            status=article.status,
        )
        if article.published_at:
            local = timezone.localtime(article.published_at)
            data["published_at_0"] = local.strftime("%Y-%m-%d")
            data["published_at_1"] = local.strftime("%H:%M:%S")
        existing = list(
            article.related_links.filter(
                placement=RelatedLink.Placement.AFTER
            ).order_by("position")
        )
    if links is None:
        links = [
            {
                "id": link.pk,
                "order": link.position + 1,
                "title": link.title,
                "target": link.target_id or "",
                "url": link.url,
            }
            for link in existing
        ]
    data["related_links-TOTAL_FORMS"] = str(len(links))
    data["related_links-INITIAL_FORMS"] = str(sum(1 for link in links if "id" in link))
    for index, link in enumerate(links):
        prefix = f"related_links-{index}-"
        for name in ("id", "order", "title", "target", "url", "DELETE"):
            if name in link:
                data[prefix + name] = link[name]
        if article is not None:
            data[prefix + "article"] = article.pk
    data.update({key: value for key, value in overrides.items()})
    return {key: "" if value is None else value for key, value in data.items()}


def action_data(action: str, *articles, **extra) -> dict:
    return {
        "action": action,
        "_selected_action": [str(article.pk) for article in articles],
        **extra,
    }


def opened_state(response) -> str:
    """The snapshot a change form carries of what it showed when it was opened."""
    match = re.search(
        r'<input type="hidden" name="opened_state" value="([^"]*)"',
        response.content.decode(),
    )
    assert match, "the change form carries no opened_state"
    return html.unescape(match.group(1))
