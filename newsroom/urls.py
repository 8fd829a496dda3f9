"""URL configuration: the admin first, then the readers' site at the root."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from newsroom.media import serve_media

admin.site.site_header = "Newsroom desk"
admin.site.site_title = "Newsroom desk"
admin.site.index_title = "Today's desk"

urlpatterns = [
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media)
    )

urlpatterns.append(path("", include("articles.urls")))
