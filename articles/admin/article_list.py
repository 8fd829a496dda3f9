"""The article list's columns: what an editor scans, on a 1280 px screen.

Beside the admin's menu and the filters, a 1280 px screen leaves the table
about 630 px. So facts that belong together share a column, as a reader
sees them on the site: the label over the headline, the byline under the
section; and the status carries the publication time and any unresolved
links. A long byline or tag list is cut to two lines on screen (desk.css)
and kept whole in the page, for screen readers and as the hover text.
"""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from ..models import Article
from ..templatetags.desk import desk_time, state_word
from .common import photo_thumbnail, plural


class ArticleListMixin:
    """The display columns of ``ArticleAdmin.list_display``."""

    @admin.display(description="headline", ordering="headline")
    def story(self, obj: Article) -> str:
        if not obj.label:
            return obj.headline
        return format_html(
            '<span class="list-label">{}</span> {}', obj.label, obj.headline
        )

    @admin.display(description="section, byline", ordering="section__name")
    def filed(self, obj: Article) -> str:
        if not obj.byline:
            return obj.section.name
        return format_html(
            '{}<span class="list-byline list-clamp" title="{}">{}</span>',
            obj.section.name,
            obj.byline,
            obj.byline,
        )

    @admin.display(description="status", ordering="published_at")
    def state(self, obj: Article) -> str:
        parts = [format_html('<span class="list-state">{}</span>', state_word(obj))]
        if obj.is_scheduled or obj.is_published:
            parts.append(desk_time(obj.published_at, short=True))
        if obj.unresolved_count:
            # A to-do on the story; the links filter lists every such article.
            parts.append(
                format_html(
                    '<span class="list-unresolved">{}</span>',
                    plural(obj.unresolved_count, "unresolved link"),
                )
            )
        return format_html_join(" ", "{}", ((part,) for part in parts))

    @admin.display(description="live", boolean=True)
    def is_published(self, obj: Article) -> bool:
        return obj.is_published

    @admin.display(description="photo")
    def lead_photo_thumbnail(self, obj: Article) -> str:
        photo = obj.lead_photo
        if photo is not None and not photo.image:
            # The whole credit would need a column of its own.
            credit = photo.credit.display if photo.credit_id else "no credit"
            return format_html(
                '<span class="credit-only" title="Credit: {}">Credit only'
                '<span class="visually-hidden">: {}</span></span>',
                credit,
                credit,
            )
        return photo_thumbnail(photo)

    @admin.display(description="tags")
    def tag_list(self, obj: Article) -> str:
        names = ", ".join(sorted(tag.name for tag in obj.tags.all()))
        if not names:
            return ""
        return format_html(
            '<span class="list-tags list-clamp" title="{}">{}</span>', names, names
        )
