"""The body's live preview: the article form's textarea, as readers will see it.

The browser (``js/body_preview.js``) posts the body as the editor types,
and the server renders it with the one renderer every page uses, so the
preview cannot differ from the page. Read Also points are filled as a page
fills them, with the articles their titles name as things stand.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse

from ..models import Article, LinkTargets, RelatedLink
from ..templatetags.reader import body_with_links
from ..text.body import render_body
from ..text.markdown import read_also_keys
from ..text.plain_text import MAX_SEARCH_TEXT


class BodyEditor(forms.Textarea):
    """The body's textarea, with the address its preview is rendered at."""

    class Media:
        css = {"all": ["css/body_preview.css"]}
        js = ["js/body_preview.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-preview-url"] = reverse(
            "admin:articles_article_preview_body"
        )
        return context


class BodyPreviewMixin:
    """Serve the article form's body preview, to those who may write articles."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        body = form.base_fields.get("body")
        if obj is not None and body is not None:
            # A Read Also point never links to its own article.
            body.widget.attrs["data-article"] = obj.pk
        return form

    def get_urls(self):
        return [
            # Before the catch-all object addresses of the default ones.
            path(
                "preview-body/",
                self.admin_site.admin_view(self.body_preview_view),
                name="articles_article_preview_body",
            ),
            *super().get_urls(),
        ]

    def body_preview_view(self, request: HttpRequest) -> JsonResponse:
        """Return the HTML of the posted body, and what is wrong with it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        body = request.POST.get("body", "")
        if len(body) > MAX_SEARCH_TEXT:
            return JsonResponse(
                {
                    "error": f"The body is {len(body):,} characters, over the "
                    f"{MAX_SEARCH_TEXT:,} an article may have; it is not previewed."
                },
                status=413,
            )
        try:
            Article._meta.get_field("body").run_validators(body)
        except ValidationError as error:
            problems = error.messages
        else:
            problems = []
        html = render_body(body)
        link_for = _preview_links(read_also_keys(html), request.POST.get("article"))
        return JsonResponse(
            {"html": str(body_with_links(html, link_for)), "problems": problems}
        )


def _preview_links(keys: list[str], article: str | None):
    """Return a page's ``link_for`` for Read Also points not yet saved as links."""
    article_id = int(article) if article and article.isdigit() else None
    targets = LinkTargets(keys)
    chosen = {key: targets.target(key, article_id) for key in keys}
    found = Article.objects.select_related("section").in_bulk(
        [pk for pk in chosen.values() if pk is not None]
    )

    def link_for(position: int, key: str) -> RelatedLink | None:
        target = found.get(chosen.get(key))
        return (
            None
            if target is None
            else RelatedLink(title=target.headline, target=target)
        )

    return link_for
