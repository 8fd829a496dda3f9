"""The ceiling for the serving benchmark: Django rendering an article from memory.

A one-file Django project with no database, no sessions and no middleware: one
view renders an article held in memory through Django's template engine. Run
under gunicorn with the same worker count as the site, it is as fast as a
Django page can be on this machine, so the site's pages are reported as a
fraction of it::

    gunicorn --workers 2 --bind 127.0.0.1:8102 --chdir bench ceiling_app:application
"""

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="ceiling-benchmark-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.template import engines  # noqa: E402
from django.template.response import TemplateResponse  # noqa: E402
from django.urls import path  # noqa: E402

PAGE = engines["django"].from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ article.headline }}</title></head>
<body><main><article>
<p class="label">{{ article.label }}</p><h1>{{ article.headline }}</h1>
<p class="dek">{{ article.dek }}</p><p class="byline">By {{ article.byline }}</p>
{% for block in article.blocks %}{% if block.heading %}<h2>{{ block.text }}</h2>
{% else %}<p>{{ block.text }}</p>
{% endif %}{% endfor %}
</article></main></body></html>"""
)
SENTENCE = (
    "Moscow said harbour council budget storm ferry election minister market "
    "shares river bridge school according to Jane Doe."
)
ARTICLE = {
    "headline": "Russia Harbour Council Budget Storm Ferry Election 42",
    "label": "REPORT",
    "dek": SENTENCE,
    "byline": "Jane Doe",
    "blocks": [
        {
            "heading": index in (3, 7),
            "text": "Kyiv Talks" if index in (3, 7) else " ".join([SENTENCE] * 3),
        }
        for index in range(11)
    ],
}


def article(request):
    return TemplateResponse(request, PAGE, {"article": ARTICLE})


urlpatterns = [path("", article)]
application = get_wsgi_application()
