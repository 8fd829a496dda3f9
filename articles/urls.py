from django.urls import path

from . import preview, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Before the section pattern: "preview" is a reserved section slug.
    path(
        "preview/<str:token>/",
        preview.ArticlePreviewView.as_view(),
        name="article-preview",
    ),
    path("<slug:slug>/", views.SectionDetailView.as_view(), name="section-detail"),
    path(
        "<slug:section>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
]
