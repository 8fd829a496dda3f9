"""Public pages. Visibility rules live on ArticleQuerySet, not here."""

from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from .models import Article, Section


class ArticleQuerysetMixin:
    """Start article queries from what the visitor may see: staff preview drafts."""

    def get_article_queryset(self) -> QuerySet[Article]:
        if self.request.user.has_perm("articles.change_article"):
            return Article.objects.all()
        return Article.objects.published()


class HomeView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().for_listing()


class SectionDetailView(ListView):
    template_name = "articles/section_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(
            Section.objects.select_related("parent"), slug=self.kwargs["slug"]
        )
        return Article.objects.published().in_section(self.section).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section,
            child_sections=self.section.children.all(),
            **kwargs,
        )


class ArticleDetailView(ArticleQuerysetMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return self.get_article_queryset().for_page()

    def get(self, request, *args, **kwargs) -> HttpResponse:
        try:
            self.object = self.get_object()
        except Http404:
            # A published article whose slug changed keeps its old address.
            moved = (
                self.get_article_queryset()
                .filter(old_slugs__slug=kwargs["slug"])
                .select_related("section")
                .first()
            )
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.get_absolute_url())
        if self.object.section.slug != kwargs["section"]:
            # The article moved desks; its old address keeps working.
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_published:
            add_never_cache_headers(response)
        return response
