"""Every public page is valid HTML by the W3C Nu HTML Checker.

The pages are rendered through the test client, written to a folder and
checked by one run of vnu.jar (from the npm registry, see package.json), so
Java starts once. Errors and warnings fail the test; info messages do not.
Without Java or the jar the test skips with the reason, except in CI
(NEWSROOM_REQUIRE_BROWSER=1), where it fails.
"""

import json
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from django.test import Client, RequestFactory
from django.utils import timezone
from django.views.defaults import server_error

from articles.models import Article, Photo, Section
from articles.preview import preview_url

from .conftest import make_article, make_credit, make_image, make_link, make_section

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parents[1] / "node_modules/vnu-jar/build/dist/vnu.jar"
# One more page of articles than fits (ARTICLES_PER_PAGE is 20) in a section,
# a tag and a search, so each list has a page 2.
LIST_LENGTH = 23
# What the body's grammar makes: one article's page shows them all.
BODY_ELEMENTS = [
    "<em>",
    "<strong>",
    '<a href="https://example.org/a?b=1&amp;c=2">',
    '<a href="/world/">',
    '<a href="mailto:desk@example.org">',
    "<code>",
    "<h2>",
    "<ul>",
    "<ol>",
    "<blockquote>\n<p>Quoted in the quote.</p>",
    '<figure class="pull-quote">',
    "<figcaption>",
    "<hr>",
    "<br>",
    '<p class="read-also">',
    '<span class="unresolved-link">A story nobody wrote</span>',
    "&lt;b&gt;not bold&lt;/b&gt;",
]


@pytest.fixture
def vnu() -> list[str]:
    """The command that runs the checker; skip without it, or fail in CI."""
    java = shutil.which("java")
    if java is None:
        reason = (
            "Java is not installed (apt-get install -y default-jre-headless); "
            "the HTML validity check runs vnu.jar with it"
        )
    elif not VNU.exists():
        reason = f"vnu-jar is not installed at {VNU} (run `make test` or `npm ci`)"
    else:
        return [java, "-jar", str(VNU)]
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


def make_newsroom() -> dict[str, str]:
    """Fill the site as readers find it; return the address of each page."""
    now = timezone.now()
    world = Section.objects.get(slug="world")
    europe = make_section(
        name="Europe", slug="europe", parent=world, description="News from Europe."
    )
    make_section(name="Obituaries", slug="obituaries")
    target = make_article(
        headline="Russia Launches Iranian Satellite Into Space",
        published_at=now - timedelta(hours=5),
        tags=["Space", "Zürich"],
    )
    draft = make_article(headline="Merger talks collapse", status="draft")
    scheduled = make_article(
        headline="Budget to be unveiled", published_at=now + timedelta(days=1)
    )
    article = make_article(
        headline="Russia Recruiting Prisoners To Fight in Ukraine War",
        label="REPORT",
        byline="By Staff Reporter & Jane Doe",
        dek="Inmates are promised a pardon <and> a wage.",
        body="Russia is reportedly recruiting prisoners to fight its war in Ukraine."
        "\n\n## Russia's Recruitment of Prisoners\n\n"
        "Convicts in cramped jail cells were offered promises of freedom & riches."
        "\n\nRead Also: Russia Launches Iranian Satellite Into Space\n\n"
        "## Fighting in Ukraine\n\n"
        "The latest assessments by the West suggest heavy losses."
        "\n\nRead Also: US Claims Russian Officials Now Training on Iranian Drones",
        lead_photo=Photo.objects.create(credit=make_credit()),
        published_at=now - timedelta(days=2),
        tags=["Ukraine", "Prisons"],
    )
    article.sync_inline_links()
    make_link(article, target.headline, target=target)
    make_link(article, draft.headline, target=draft)
    make_link(article, scheduled.headline, target=scheduled)
    make_link(article, "The war in numbers", url="https://example.com/war?a=1&b=2")
    make_link(article, "Earlier coverage of the prisons")
    # Edited a day after publication, so the page shows "Updated".
    Article.objects.filter(pk=article.pk).update(updated_at=now - timedelta(days=1))
    markdown = make_article(
        headline="Ferry service resumes after the storm",
        body="The *ferry* service **resumed** on [Monday](https://example.org/a?b=1&c=2)"
        ", said the [harbour office](/world/) and <desk@example.org>; `code` too."
        "\n\n## What changed\n\n- Two boats an hour\n- A new pier, with\n"
        "  1. a ramp\n  2. a shelter\n\n"
        "1. Book online\n2. Board at the north pier\n\n"
        "> The sea was calm by noon.\n>\n> > Quoted in the quote.\n\n"
        "Pull Quote: We never stopped *working*.\n— The harbour master\n\n"
        "Pull Quote: A pull quote without a speaker.\n\n"
        "* * *\n\nA line\\\nbroken by hand, <b>not bold</b> & ![no](picture).\n\n"
        f"Read Also: {target.headline}\n\nRead Also: Merger talks collapse\n\n"
        "Read Also: A story nobody wrote",
        published_at=now - timedelta(hours=2),
    )
    markdown.sync_inline_links()
    lead = make_article(
        headline="Harbour cranes idle as dock workers strike",
        label="LIVE",
        section=europe,
        lead_photo=Photo.objects.create(
            image=make_image(size=(800, 600)),
            alt_text="Cranes over an empty quay",
            caption="The port stood still on Tuesday.",
            credit=make_credit("John Smith/Bloomberg via Getty Images"),
        ),
        published_at=now - timedelta(minutes=5),
    )
    for number in range(LIST_LENGTH):
        make_article(
            headline=f"Ceasefire talks resume in Geneva, day {number + 1}",
            section=europe,
            published_at=now - timedelta(days=3, hours=number),
            tags=["Ukraine"],
        )
    make_article(
        headline="Parliament passes the budget",
        section=Section.objects.get(slug="politics"),
    )
    return {
        "home": "/",
        "section": "/world/",
        "section page 2": "/world/?page=2",
        "nested section": "/europe/",
        "nested section page 2": "/europe/?page=2",
        "empty section": "/obituaries/",
        "article": article.get_absolute_url(),
        "article using every construct of the body": markdown.get_absolute_url(),
        "article with a photo": lead.get_absolute_url(),
        "tag": "/tags/ukraine/",
        "tag page 2": "/tags/ukraine/?page=2",
        "tag beyond ASCII": "/tags/z%C3%BCrich/",
        "search": "/search/",
        "search results": "/search/?q=ceasefire",
        "search results page 2": "/search/?q=ceasefire&page=2",
        "search without results": "/search/?q=zanzibar",
        "search that cannot run": "/search/?q=%21%21%21",
        "preview of a scheduled article": preview_url(scheduled),
        "preview of a draft": preview_url(draft),
    }


def render_pages(client: Client, admin_client: Client) -> dict[str, str]:
    """Return the HTML of every page, keyed by its name and address."""
    responses = {"home before anything is published (/)": client.get("/")}
    for name, address in make_newsroom().items():
        reader = admin_client if address.startswith("/preview/") else client
        responses[f"{name} ({address})"] = reader.get(address)
    for name, response in responses.items():
        assert response.status_code == 200, name
    make_article(
        headline="Storm closes the Channel ports",
        lead_photo=Photo.objects.create(
            caption="Waves over the harbour wall.", credit=make_credit()
        ),
        published_at=timezone.now() - timedelta(minutes=1),
    )
    later = {
        "home whose lead photo is not uploaded yet (/)": (client, "/", 200),
        "not found (/world/no-such-article/)": (client, "/world/no-such-article/", 404),
        "preview link not valid (/preview/not-a-token/)": (
            admin_client,
            "/preview/not-a-token/",
            404,
        ),
    }
    for name, (reader, address, status) in later.items():
        responses[name] = reader.get(address)
        assert responses[name].status_code == status, name
    responses["server error"] = server_error(RequestFactory().get("/"))
    lead = responses["home whose lead photo is not uploaded yet (/)"]
    assert b"Storm closes the Channel ports" in lead.content
    return {name: response.content.decode() for name, response in responses.items()}


def check_html(vnu: list[str], pages: dict[str, str], folder: Path) -> list[str]:
    """Run vnu once over ``pages``; return its errors and warnings, one a line."""
    files = {}
    for number, (page, html) in enumerate(pages.items()):
        path = folder / f"page-{number:02}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = page
    result = subprocess.run(
        [*vnu, "--format", "json", "--stdout", "--exit-zero-always", "--verbose"]
        + ["--skip-info-messages", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # --verbose names each file as it is checked; a file vnu never read would
    # otherwise pass in silence.
    checked = set(result.stderr.splitlines())
    assert [path for path in files if path not in checked] == [], result.stderr
    problems = []
    for message in json.loads(result.stdout)["messages"]:
        kind = message.get("subType") or message["type"]
        if kind == "info":
            continue
        path = message.get("url", "").removeprefix("file:")
        problems.append(
            f"{files.get(path, path)}, {path} line {message.get('lastLine', '?')}: "
            f"{kind}: {message['message']}\n    {message.get('extract', '').strip()}"
        )
    return problems


@pytest.mark.slow
def test_every_public_page_is_valid_html(vnu, client, admin_client, tmp_path):
    pages = render_pages(client, admin_client)
    [body] = [html for name, html in pages.items() if "every construct" in name]
    for element in BODY_ELEMENTS:
        assert element in body, element
    problems = check_html(vnu, pages, tmp_path)
    assert problems == [], "\n".join(problems)
