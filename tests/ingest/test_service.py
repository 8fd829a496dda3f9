import json
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from taggit.models import Tag

from django.db import connection, connections
from django.utils import timezone

from articles.ingest import Outcome, content_hash, import_seeds
from articles.ingest.discovery import SeedPathError
from articles.models import Article, Photo, PhotoCredit, RelatedLink, Section
from articles.text.body import render_body

from ..conftest import make_article

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FIRST_SEED = SEEDS / "000_0068e990f459f926.txt"

FERRY = """Ferry Service Resumes After Storm Damage [UPDATE]
(Photo by Jane Doe on Unsplash)
Ferries between the islands run again after engineers repaired the pier.

The harbour master said crossings would be slower for a week.

Repairs on the Pier

Crews worked through the night to replace the damaged ramp.

Read Also: Storm Closes Island Schools

Related Article: Island Council Approves Harbour Budget
"""

SCHOOLS = """Storm Closes Island Schools
(Photo : REUTERS/John Smith)
Every school on the islands stayed shut on Tuesday as the storm passed.

Related: Ferry service resumes after storm damage!
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def outcomes(result) -> dict[str, str]:
    return {Path(item.path).name: str(item.outcome) for item in result.files}


class FirstSeedTests:
    def test_first_seed_is_imported_whole_and_filed_under_world(self):
        result = import_seeds([FIRST_SEED])
        assert outcomes(result) == {FIRST_SEED.name: "created"}

        article = Article.objects.get(source_id="0068e990f459f926")
        assert article.headline == (
            "Russia Recruiting Prisoners To Fight in Ukraine War in Exchange for "
            "Freedom"
        )
        assert article.label == "REPORT"
        assert article.section.slug == "world"
        assert article.is_published
        # The summary is the lede: no copy of it is stored as a dek.
        assert article.dek == ""
        assert article.summary.startswith("Russia is reportedly recruiting prisoners")
        assert article.slug == (
            "russia-recruiting-prisoners-to-fight-in-ukraine-war-in-exchange-for-freedom"
        )
        credit = article.lead_photo.credit
        assert credit.text == "OLGA MALTSEVA/AFP via Getty Images"
        assert (credit.creator, credit.agency, credit.distributor) == (
            "Olga Maltseva",
            "AFP",
            "Getty Images",
        )
        assert not article.lead_photo.image
        items = article.body_items()
        assert sum(item.block.is_paragraph for item in items) == 12
        assert [i.block.text for i in items if i.block.is_subheading] == [
            "Russia's Recruitment of Prisoners",
            "Fighting in Ukraine",
        ]
        links = {link.placement: link for link in article.related_links.all()}
        assert links["inline"].title.startswith("Russia Launches Iranian Satellite")
        assert links["after"].title.startswith("Russia-Ukraine War: US Claims")
        assert "\u00a0" not in links["after"].title
        assert {"Russia", "Ukraine", "Vladimir Putin", "Paul Whelan"} <= set(
            article.tags.names()
        )
        assert article.source_hash == content_hash(FIRST_SEED.read_bytes())
        assert article.imported_at == article.updated_at


class RenderedBodyTests:
    """Imports write the body's HTML, as a save would render it, and no Markdown."""

    WIRE = (
        "Markets *fall* as _traders_ flee [REPORT]\n\n"
        "*** Urgent *** shares drop [see](javascript:alert(1)) <b>now</b>.\n\n"
        "1. The first of many, said AT&T & co.\n\n"
        "> Quoted by the wire.\n\n"
        "Read Also: Storm Closes Island Schools\n"
    )

    def test_new_and_updated_articles_carry_their_rendered_body(self, tmp_path):
        write(tmp_path, "001_markets.txt", self.WIRE)
        import_seeds([tmp_path])
        article = Article.objects.get(source_id="markets")
        assert article.body_html == render_body(article.body)
        assert article.body_html.startswith(
            "<p>*** Urgent *** shares drop [see](javascript:alert(1)) "
            "&lt;b&gt;now&lt;/b&gt;.</p>\n<p>1. The first of many, said AT&amp;T "
            "&amp; co.</p>\n<p>&gt; Quoted by the wire.</p>\n"
        )
        assert "<em>" not in article.body_html and "<ol>" not in article.body_html

        write(tmp_path, "001_markets.txt", self.WIRE.replace("co.", "_company_."))
        import_seeds([tmp_path])
        article.refresh_from_db()
        assert "said AT&amp;T &amp; _company_.</p>" in article.body_html
        assert article.body_html == render_body(article.body)

    def test_the_first_seed_renders_as_its_body_reads(self):
        import_seeds([FIRST_SEED])
        article = Article.objects.get()
        assert article.body_html == render_body(article.body)
        assert article.body_html.count("<p>") == 12
        assert article.body_html.count("<h2>") == 2


class IdempotencyTests:
    def test_unchanged_files_write_nothing_and_report_unchanged(
        self, tmp_path, django_assert_max_num_queries
    ):
        write(tmp_path, "001_ferry.txt", FERRY)
        write(tmp_path, "002_schools.txt", SCHOOLS)
        import_seeds([tmp_path])
        before = list(Article.objects.values_list("pk", "updated_at", "slug"))

        with django_assert_max_num_queries(4) as queries:
            again = import_seeds([tmp_path])
        statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
        assert not {"INSERT", "UPDATE", "DELETE"} & set(statements)
        assert outcomes(again) == {
            "001_ferry.txt": "unchanged",
            "002_schools.txt": "unchanged",
        }
        assert list(Article.objects.values_list("pk", "updated_at", "slug")) == before
        assert Photo.objects.count() == 2 and RelatedLink.objects.count() == 3

    def test_changed_file_updates_its_article_and_keeps_its_address(self, tmp_path):
        path = write(tmp_path, "001_ferry.txt", FERRY)
        import_seeds([tmp_path])
        article = Article.objects.get()
        url = article.get_absolute_url()

        write(tmp_path, "001_ferry.txt", FERRY.replace("slower", "much slower"))
        result = import_seeds([path])
        assert outcomes(result) == {"001_ferry.txt": "updated"}
        article.refresh_from_db()
        assert "much slower" in article.body
        assert article.get_absolute_url() == url
        assert Article.objects.count() == 1
        assert article.related_links.count() == 2

    def test_imports_and_re_imports_are_recorded_in_the_history(self, tmp_path):
        write(tmp_path, "001_ferry.txt", FERRY)
        import_seeds([tmp_path])
        write(tmp_path, "001_ferry.txt", FERRY.replace("slower", "much slower"))
        import_seeds([tmp_path])
        history = Article.objects.get().history.order_by("history_date")
        assert [h.history_type for h in history] == ["+", "~"]
        reasons = [h.history_change_reason for h in history]
        assert reasons[0].startswith("Imported from ")
        assert reasons[1].startswith("Re-imported from ")
        assert all(reason.endswith("/001_ferry.txt") for reason in reasons)
        assert "much slower" in history.last().body

    def test_an_editors_change_is_kept_unless_overwrite(self, tmp_path):
        write(tmp_path, "001_ferry.txt", FERRY)
        import_seeds([tmp_path])
        article = Article.objects.get()
        article.headline = "Ferries sail again (editor's headline)"
        article.save()

        write(tmp_path, "001_ferry.txt", FERRY.replace("slower", "much slower"))
        kept = import_seeds([tmp_path])
        assert outcomes(kept) == {"001_ferry.txt": "kept-editor-changes"}
        assert "--overwrite" in kept.files[0].reason
        article.refresh_from_db()
        assert article.headline == "Ferries sail again (editor's headline)"

        replaced = import_seeds([tmp_path], overwrite=True)
        assert outcomes(replaced) == {"001_ferry.txt": "updated"}
        article.refresh_from_db()
        assert article.headline == "Ferry Service Resumes After Storm Damage"
        assert "much slower" in article.body

    def test_a_new_version_without_a_body_leaves_the_live_story_as_it_was(
        self, tmp_path
    ):
        write(tmp_path, "001_schools.txt", SCHOOLS)
        import_seeds([tmp_path])
        article = Article.objects.get()
        assert article.is_published
        body = article.body

        write(tmp_path, "001_schools.txt", "Storm Closes Island Schools\n")
        for overwrite in (False, True):
            kept = import_seeds([tmp_path], overwrite=overwrite)
            assert outcomes(kept) == {"001_schools.txt": "rejected"}
            assert "no body for readers" in kept.files[0].reason
            article.refresh_from_db()
            assert article.is_published and article.body == body


class OptionsTests:
    def test_dry_run_reports_what_would_happen_and_writes_nothing(self, tmp_path):
        write(tmp_path, "001_ferry.txt", FERRY)
        write(tmp_path, "002_bad.txt", "")
        result = import_seeds([tmp_path], dry_run=True)
        assert outcomes(result) == {
            "001_ferry.txt": "created",
            "002_bad.txt": "rejected",
        }
        assert not result.written
        assert "Dry run: nothing was written." in result.summary()
        assert not Article.objects.exists()
        assert not PhotoCredit.objects.exists() and not Tag.objects.exists()

    def test_strict_rolls_everything_back_when_one_file_is_rejected(self, tmp_path):
        write(tmp_path, "001_ferry.txt", FERRY)
        write(tmp_path, "002_schools.txt", SCHOOLS)
        write(tmp_path, "003_binary.txt", b"Headline\x00\x01")
        result = import_seeds([tmp_path], strict=True, batch_size=1)
        assert result.rolled_back
        assert outcomes(result)["003_binary.txt"] == "rejected"
        assert not Article.objects.exists()
        assert "nothing was written" in result.summary()

        write(tmp_path, "003_binary.txt", SCHOOLS.replace("Schools", "Libraries"))
        assert not import_seeds([tmp_path], strict=True).rolled_back
        assert Article.objects.count() == 3

    def test_section_and_draft_options(self, tmp_path):
        write(tmp_path, "001_ferry.txt", FERRY)
        sport = Section.objects.get(slug="sport")
        import_seeds([tmp_path], section=sport, draft=True)
        article = Article.objects.get()
        assert article.section == sport
        assert article.status == Article.Status.DRAFT
        assert article.published_at is None
        assert not Article.objects.published().exists()

    def test_articles_without_matching_keywords_go_to_news(self, tmp_path):
        write(tmp_path, "a.txt", "Village fete returns\n\nCakes were sold.\n")
        import_seeds([tmp_path])
        assert Article.objects.get().section.slug == "news"

    def test_folders_are_read_recursively_but_hidden_ones_are_not(self, tmp_path):
        (tmp_path / "2026" / "11").mkdir(parents=True)
        (tmp_path / ".git").mkdir()
        write(tmp_path / "2026" / "11", "001_ferry.txt", FERRY)
        write(tmp_path / ".git", "HEAD.txt", SCHOOLS)
        result = import_seeds([tmp_path])
        assert outcomes(result) == {"001_ferry.txt": "created"}

    def test_report_lists_every_file_with_its_outcome(self, tmp_path):
        write(tmp_path, "001_ferry.txt", FERRY)
        write(tmp_path, "notes.md", "not a seed")
        write(tmp_path, ".002_draft.txt", SCHOOLS)
        report = import_seeds([tmp_path]).as_report()
        json.dumps(report)
        assert report["counts"]["created"] == 1
        assert report["counts"]["skipped"] == 2
        by_name = {Path(f["path"]).name: f for f in report["files"]}
        assert by_name["notes.md"]["outcome"] == "skipped"
        assert by_name["notes.md"]["reason"] == "not a .txt seed file"
        assert by_name[".002_draft.txt"]["reason"] == (
            "hidden file (its name starts with a dot)"
        )
        assert by_name["001_ferry.txt"]["source_id"] == "ferry"


class BadInputTests:
    def test_each_bad_file_is_rejected_with_its_reason_and_the_rest_import(
        self, tmp_path
    ):
        write(tmp_path, "001_empty.txt", "")
        write(tmp_path, "002_blank.txt", "  \n\t\n\u00a0\n")
        write(
            tmp_path, "003_credit_first.txt", "(Photo : AP Photo/John Smith)\nText.\n"
        )
        write(tmp_path, "004_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
        write(tmp_path, "005_long.txt", "x" * 256 + " [REPORT]\n\nBody.\n")
        write(tmp_path, "006_ok.txt", FERRY)
        write(tmp_path, "007_label_only.txt", "[REPORT]\n\nBody.\n")
        result = import_seeds([tmp_path])

        rejected = {Path(item.path).name: item for item in result.rejected}
        assert set(rejected) == {
            "001_empty.txt",
            "002_blank.txt",
            "003_credit_first.txt",
            "004_binary.txt",
            "005_long.txt",
            "007_label_only.txt",
        }
        assert "empty" in rejected["001_empty.txt"].reason
        assert rejected["003_credit_first.txt"].line == 1
        assert "no headline" in rejected["003_credit_first.txt"].reason
        assert "binary" in rejected["004_binary.txt"].reason
        assert "255" in rejected["005_long.txt"].reason
        assert rejected["005_long.txt"].message.startswith(str(tmp_path))
        assert Article.objects.get().source_id == "ok"

    def test_what_the_database_would_cut_is_rejected_naming_its_line(self, tmp_path):
        write(tmp_path, "001_label.txt", f"Harbour Reopens [{'A' * 41}]\n\nBody.\n")
        write(
            tmp_path,
            "002_credit.txt",
            f"\nHarbour Reopens\n(Photo : {'Jane Doe ' * 30}/AFP)\nBody.\n",
        )
        write(
            tmp_path,
            "003_read_also.txt",
            f"Harbour Reopens\n\nBody.\n\nRead Also: {'Boats ' * 90}\n\nMore.\n",
        )
        write(
            tmp_path,
            "004_related.txt",
            f"Harbour Reopens\n\nBody.\n\n\nRelated: {'Boats ' * 90}\n",
        )
        result = import_seeds([tmp_path])

        messages = {Path(item.path).name: item.message for item in result.rejected}
        assert messages == {
            "001_label.txt": f"{tmp_path}/001_label.txt, line 1: "
            "label is over 40 characters",
            "002_credit.txt": f"{tmp_path}/002_credit.txt, line 3: "
            "photo credit is over 255 characters",
            "003_read_also.txt": f"{tmp_path}/003_read_also.txt, line 5: "
            "link title is over 500 characters",
            "004_related.txt": f"{tmp_path}/004_related.txt, line 6: "
            "link title is over 500 characters",
        }
        assert not Article.objects.exists()
        assert not PhotoCredit.objects.exists()

    def test_an_article_without_a_body_waits_as_a_draft(self, tmp_path):
        write(tmp_path, "001_bare.txt", "Harbour Reopens\n(Photo : AFP)\n")
        write(tmp_path, "002_ferry.txt", FERRY)
        result = import_seeds([tmp_path])

        bare = Article.objects.get(source_id="bare")
        assert (bare.status, bare.published_at) == ("draft", None)
        assert Article.objects.get(source_id="ferry").status == "published"
        warnings = next(f for f in result.files if f.source_id == "bare").warnings
        assert warnings == (
            f"{tmp_path}/001_bare.txt: no body text",
            f"{tmp_path}/001_bare.txt: imported as a draft, "
            "since it has no body for readers",
        )

    def test_headline_of_exactly_255_characters_plus_label_is_accepted(self, tmp_path):
        write(tmp_path, "a.txt", "y" * 255 + " [REPORT]\n\nBody.\n")
        import_seeds([tmp_path])
        assert len(Article.objects.get().headline) == 255

    def test_crlf_bom_and_windows_1252_files_import_correctly(self, tmp_path):
        write(tmp_path, "001_crlf.txt", FERRY.replace("\n", "\r\n"))
        write(tmp_path, "002_bom.txt", "\ufeff" + SCHOOLS)
        write(
            tmp_path,
            "003_cp1252.txt",
            b"Caf\xe9 Owners \x93Relieved\x94 as Rents Fall\n\nThe caf\xe9 stays.\n",
        )
        result = import_seeds([tmp_path])
        assert result.count(Outcome.CREATED) == 3
        crlf = Article.objects.get(source_id="crlf")
        assert crlf.headline == "Ferry Service Resumes After Storm Damage"
        assert "\r" not in crlf.body
        assert (
            Article.objects.get(source_id="bom").headline
            == "Storm Closes Island Schools"
        )
        cafe = Article.objects.get(source_id="cp1252")
        assert cafe.headline == "Café Owners “Relieved” as Rents Fall"
        warning = next(f for f in result.files if f.source_id == "cp1252").warnings
        assert "003_cp1252.txt" in warning[0] and "Windows-1252" in warning[0]

    def test_two_files_with_the_same_source_id_in_one_run(self, tmp_path):
        write(tmp_path, "001_ferry.txt", FERRY)
        write(tmp_path, "ferry.txt", SCHOOLS)
        result = import_seeds([tmp_path])
        assert outcomes(result) == {"001_ferry.txt": "created", "ferry.txt": "rejected"}
        assert "001_ferry.txt" in result.rejected[0].reason

    def test_a_path_that_does_not_exist_is_a_clear_error(self, tmp_path):
        with pytest.raises(SeedPathError, match="no such file or folder"):
            import_seeds([tmp_path / "missing"])


class LinkAndCreditTests:
    @pytest.mark.parametrize("order", [("001", "002"), ("002", "001")])
    def test_links_between_files_resolve_in_either_import_order(self, tmp_path, order):
        write(tmp_path, f"{order[0]}_ferry.txt", FERRY)
        first = import_seeds([tmp_path / f"{order[0]}_ferry.txt"])
        assert first.count(Outcome.CREATED) == 1
        write(tmp_path, f"{order[1]}_schools.txt", SCHOOLS)
        import_seeds([tmp_path])

        ferry = Article.objects.get(source_id="ferry")
        schools = Article.objects.get(source_id="schools")
        inline = ferry.related_links.get(placement="inline")
        assert inline.target == schools
        assert schools.related_links.get().target == ferry
        budget = ferry.related_links.get(placement="after")
        assert budget.target is None

    @pytest.mark.parametrize("link_first", [True, False])
    def test_of_two_articles_with_one_headline_the_newest_wins_in_any_order(
        self, tmp_path, link_first
    ):
        ghost = "Ghost Ship Returns To Harbour\n\nIt drifted in at dawn.\n"
        linking = "Harbour Week\n\nBusy.\n\nRelated: Ghost ship returns to harbour\n"
        if link_first:
            write(tmp_path, "001_week.txt", linking)
            import_seeds([tmp_path])
        write(tmp_path, "002_ghost.txt", ghost)
        import_seeds([tmp_path])
        write(tmp_path, "003_ghost_again.txt", ghost.replace("dawn", "noon"))
        import_seeds([tmp_path])
        if not link_first:
            write(tmp_path, "001_week.txt", linking)
            import_seeds([tmp_path])

        link = Article.objects.get(source_id="week").related_links.get()
        assert link.target.source_id == "ghost_again"

    def test_a_link_an_editor_pointed_elsewhere_or_a_revised_headline_stays(
        self, tmp_path
    ):
        write(tmp_path, "001_ferry.txt", FERRY)
        write(tmp_path, "002_schools.txt", SCHOOLS)
        import_seeds([tmp_path])
        ferry = Article.objects.get(source_id="ferry")
        budget_link = ferry.related_links.get(placement="after")
        chosen = make_article(headline="Harbour budget passes after long night")
        budget_link.target = chosen
        budget_link.save()

        # The schools story is revised; links to it follow the story.
        write(tmp_path, "002_schools.txt", SCHOOLS.replace("Storm", "Gale", 1))
        # An article named like the editor's link arrives.
        write(
            tmp_path,
            "003_budget.txt",
            "Island Council Approves Harbour Budget\n\nYes.\n",
        )
        import_seeds([tmp_path])

        schools = Article.objects.get(source_id="schools")
        assert schools.headline == "Gale Closes Island Schools"
        assert ferry.related_links.get(placement="inline").target == schools
        assert ferry.related_links.get(placement="after").target == chosen

    def test_an_article_written_later_by_an_editor_resolves_waiting_links(
        self, tmp_path
    ):
        write(tmp_path, "001_ferry.txt", FERRY)
        import_seeds([tmp_path])
        budget = make_article(headline="Island council approves harbour budget")
        budget.resolve_links_naming_it()
        link = Article.objects.get(source_id="ferry").related_links.get(
            placement="after"
        )
        assert link.target == budget

    def test_identical_credits_across_files_are_one_shared_credit(self, tmp_path):
        write(
            tmp_path, "001_a.txt", "First story\n(Photo : AP Photo/John Smith)\nText.\n"
        )
        write(
            tmp_path, "002_b.txt", "Second story\n(Photo: ap photo/john smith)\nText.\n"
        )
        import_seeds([tmp_path])
        credit = PhotoCredit.objects.get()
        assert credit.photos.count() == 2
        assert (credit.creator, credit.agency) == ("John Smith", "AP")

    def test_a_re_import_does_not_bring_back_a_merged_credit(self, tmp_path):
        write(tmp_path, "001_a.txt", "First story\n(Photo : AP Photo/John Smith)\nA.\n")
        write(tmp_path, "002_b.txt", "Second story\n(Photo : AP/John Smith)\nB.\n")
        import_seeds([tmp_path])
        kept, merged = PhotoCredit.objects.order_by("pk")
        kept.absorb([merged])

        write(
            tmp_path, "002_b.txt", "Second story\n(Photo : AP/John Smith)\nB, again.\n"
        )
        write(tmp_path, "003_c.txt", "Third story\n(Photo : AP/John Smith)\nC.\n")
        import_seeds([tmp_path])
        assert list(PhotoCredit.objects.all()) == [kept]
        assert kept.photos.count() == 3

    def test_existing_tags_are_reused_whatever_their_case(self, tmp_path):
        Tag.objects.create(name="ukraine", slug="ukraine")
        import_seeds([FIRST_SEED])
        article = Article.objects.get()
        assert "ukraine" in article.tags.names()
        assert Tag.objects.filter(name__iexact="ukraine").count() == 1

    def test_file_order_is_kept_in_publication_order(self, tmp_path):
        for number in (3, 1, 2):
            write(tmp_path, f"00{number}_s{number}.txt", f"Story {number}\n\nText.\n")
        import_seeds([tmp_path])
        newest_first = list(
            Article.objects.published().values_list("source_id", flat=True)
        )
        assert newest_first == ["s3", "s2", "s1"]
        assert Article.objects.published().count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_leave_no_duplicates(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so no race occurs")
    for number in range(40):
        write(
            tmp_path, f"{number:03}_race{number}.txt", f"Race story {number}\n\nText.\n"
        )
    results = []

    def run() -> None:
        try:
            results.append(import_seeds([tmp_path], batch_size=10))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Article.objects.count() == 40
    assert len({a.slug for a in Article.objects.all()}) == 40
    created = sum(result.count(Outcome.CREATED) for result in results)
    unchanged = sum(result.count(Outcome.UNCHANGED) for result in results)
    assert (created, unchanged) == (40, 40)
    assert all(not result.rejected for result in results)


def test_scheduled_time_is_never_in_the_future(tmp_path):
    write(tmp_path, "001_ferry.txt", FERRY)
    import_seeds([tmp_path])
    assert Article.objects.get().published_at <= timezone.now() + timedelta(seconds=0)


def test_a_long_path_is_shortened_in_the_history_not_rejected(tmp_path):
    folder = tmp_path / ("wire-desk-archive-" * 8)
    folder.mkdir()
    write(folder, "001_ferry.txt", FERRY)
    result = import_seeds([folder])
    assert outcomes(result) == {"001_ferry.txt": "created"}
    reason = Article.objects.get().history.get().history_change_reason
    assert len(reason) <= 100
    assert reason.startswith("Imported from …") and reason.endswith("/001_ferry.txt")


@pytest.mark.slow
def test_parsing_in_worker_processes_imports_the_same_articles(tmp_path):
    write(tmp_path, "001_ferry.txt", FERRY)
    write(tmp_path, "002_schools.txt", SCHOOLS)
    write(tmp_path, "003_bad.txt", "(Photo : Getty Images)\n")
    write(tmp_path, "004_cafe.txt", b"Caf\xe9 reopens\n\nCoffee again.\n")
    result = import_seeds([tmp_path], workers=1, batch_size=2)

    assert outcomes(result) == {
        "001_ferry.txt": "created",
        "002_schools.txt": "created",
        "003_bad.txt": "rejected",
        "004_cafe.txt": "created",
    }
    assert result.rejected[0].line == 1
    ferry = Article.objects.get(source_id="ferry")
    assert ferry.related_links.get(placement="inline").target.source_id == "schools"
    assert ferry.lead_photo.credit.distributor == "Unsplash"
    assert Article.objects.get(source_id="cafe").headline == "Café reopens"
    assert (
        "Windows-1252"
        in next(f for f in result.files if f.source_id == "cafe").warnings[0]
    )


@pytest.mark.django_db
def test_a_large_import_refreshes_the_planner_statistics(tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's planner is left on its estimates")
    monkeypatch.setattr("articles.ingest.service.ANALYZE_MIN_ARTICLES", 3)

    def rows_the_planner_expects() -> float:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = 'articles_article'"
            )
            return cursor.fetchone()[0]

    for number in range(2):
        write(tmp_path, f"{number:03}_small{number}.txt", f"Small {number}\n\nText.\n")
    import_seeds([tmp_path])
    before = rows_the_planner_expects()
    for number in range(2, 6):
        write(tmp_path, f"{number:03}_large{number}.txt", f"Large {number}\n\nText.\n")
    import_seeds([tmp_path])

    assert before <= 0  # two articles: below the threshold, not analysed
    assert rows_the_planner_expects() == 6
