"""Credits typed on the desk follow the importer's rule: split, matched, previewed."""

import pytest

from django.contrib.auth.models import Permission
from django.test import Client

from articles.models import PhotoCredit

from ..conftest import make_credit, make_desk_user

pytestmark = pytest.mark.django_db

CREDITS = "/admin/articles/photocredit/"
PREVIEW = f"{CREDITS}preview/"
NO_ALIASES = {"aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0}


def add_credit(client: Client, text: str, **parts) -> object:
    return client.post(f"{CREDITS}add/", {"text": text, **parts, **NO_ALIASES})


def change_credit(client: Client, credit: PhotoCredit, **fields) -> object:
    data = {
        "text": credit.text,
        "creator": credit.creator,
        "agency": credit.agency,
        "distributor": credit.distributor,
        **NO_ALIASES,
        **fields,
    }
    page = client.get(f"{CREDITS}{credit.pk}/change/")
    data["opened_state"] = page.context["adminform"].form["opened_state"].value()
    return client.post(f"{CREDITS}{credit.pk}/change/", data)


def text_errors(response) -> list[str]:
    assert response.status_code == 200
    return response.context["adminform"].form.errors["text"]


def known_line_error(known: PhotoCredit) -> str:
    return (
        "This credit line is already known as “<a href="
        f'"/admin/articles/photocredit/{known.pk}/change/">{known.display}</a>”; '
        "use that one."
    )


class TypedCreditTests:
    @pytest.mark.parametrize(
        "line",
        [
            "REUTERS/Tom Smith",
            "OLGA MALTSEVA/AFP via Getty Images",
            "Photo by Jane Doe on Unsplash",
            "AP Photo/John Smith",
            "Screenshot from YouTube",
            "Courtesy of the family",
            "Ministry of Defence",
        ],
    )
    def test_a_typed_line_is_stored_and_split_exactly_as_an_import(
        self, desk_editor_client, line
    ):
        response = add_credit(desk_editor_client, line)
        assert response.status_code == 302
        typed = PhotoCredit.objects.get()
        imported = PhotoCredit.from_text(line)
        assert (typed.text, typed.key, typed.parts, typed.display) == (
            imported.text,
            imported.key,
            imported.parts,
            imported.display,
        )

    def test_the_editor_is_told_how_the_line_was_split(self, desk_editor_client):
        response = add_credit(desk_editor_client, "REUTERS/Tom Smith")
        listing = desk_editor_client.get(response["Location"])
        html = listing.content.decode()
        assert (
            "Split from the line as an import would be: creator “Tom Smith”, agency "
            "“Reuters”; shown as “Tom Smith/Reuters”. Correct the parts on the "
            "credit if they are wrong."
        ) in html
        assert ">Tom Smith/Reuters</td>" in html

    def test_a_line_shown_as_written_says_its_parts_are_for_the_report(
        self, desk_editor_client
    ):
        response = add_credit(desk_editor_client, "Screenshot from YouTube")
        html = desk_editor_client.get(response["Location"]).content.decode()
        assert (
            "“Screenshot from YouTube” is shown as written, every word kept; for "
            "the licence report it was split as an import would be: distributor "
            "“YouTube”."
        ) in html

    def test_a_line_that_fits_no_pattern_is_shown_as_written_and_said_so(
        self, desk_editor_client
    ):
        response = add_credit(desk_editor_client, "Ministry of Defence")
        html = desk_editor_client.get(response["Location"]).content.decode()
        assert "“Ministry of Defence” fits no credit pattern" in html

    def test_parts_the_editor_types_are_kept_as_typed(self, desk_editor_client):
        add_credit(desk_editor_client, "REUTERS/Tom Smith", creator="Tom Smith")
        credit = PhotoCredit.objects.get()
        assert (credit.creator, credit.agency, credit.distributor) == (
            "Tom Smith",
            "",
            "",
        )
        assert credit.display == "Tom Smith"

    @pytest.mark.parametrize(
        ("typed", "kept"),
        [(" SOPA Images /  LightRocket ", "SOPA Images/LightRocket"), ("/", "")],
    )
    def test_a_typed_agency_is_kept_in_the_spelling_a_split_gives(
        self, desk_editor_client, typed, kept
    ):
        add_credit(
            desk_editor_client, "Jane Doe/Acme", creator="Jane Doe", agency=typed
        )
        assert PhotoCredit.objects.get().agency == kept

    def test_a_changed_line_is_split_again_unless_the_parts_changed_too(
        self, desk_editor_client
    ):
        credit = make_credit("Jane Doe/Reuters")
        change_credit(desk_editor_client, credit, text="REUTERS/Tom Smith")
        credit.refresh_from_db()
        assert (credit.creator, credit.agency) == ("Tom Smith", "Reuters")

        change_credit(
            desk_editor_client, credit, text="Tom Smith (Reuters)", creator="T. Smith"
        )
        credit.refresh_from_db()
        assert (credit.text, credit.creator, credit.agency) == (
            "Tom Smith (Reuters)",
            "T. Smith",
            "Reuters",
        )

    def test_clearing_the_parts_of_an_unchanged_line_shows_it_as_written(
        self, desk_editor_client
    ):
        credit = make_credit("Jane Doe/Acme News")
        change_credit(desk_editor_client, credit, creator="", agency="")
        credit.refresh_from_db()
        assert credit.parts.is_empty
        assert credit.display == "Jane Doe/Acme News"

    def test_a_known_line_names_the_credit_and_adds_nothing(self, desk_editor_client):
        known = make_credit("Jane Doe/Reuters")
        response = add_credit(desk_editor_client, "JANE  DOE/REUTERS")
        assert text_errors(response) == [known_line_error(known)]
        assert PhotoCredit.objects.count() == 1

    def test_two_editors_adding_the_same_line_at_once_get_a_message_not_an_error(
        self, desk_editor_client, monkeypatch
    ):
        from articles.admin import photos

        known = make_credit("Jane Doe/Reuters")
        checked = photos.known_credit
        calls = []

        def missed_the_other_save(text, credit):
            # The first check ran before the other editor's credit was saved.
            calls.append(text)
            return None if len(calls) == 1 else checked(text, credit)

        monkeypatch.setattr(photos, "known_credit", missed_the_other_save)
        response = add_credit(desk_editor_client, "JANE DOE/REUTERS")
        assert text_errors(response) == [known_line_error(known)]
        assert PhotoCredit.objects.count() == 1

    def test_a_wording_merged_away_cannot_come_back_as_a_duplicate(
        self, desk_editor_client
    ):
        keep = make_credit("Jane Doe/Reuters")
        keep.absorb([make_credit("REUTERS/Jane Doe")])
        response = add_credit(desk_editor_client, "REUTERS/JANE DOE")
        assert text_errors(response) == [
            "This wording was merged into “<a href="
            f'"/admin/articles/photocredit/{keep.pk}/change/">Jane Doe/Reuters</a>”; '
            "use that credit."
        ]
        assert list(PhotoCredit.objects.all()) == [keep]

    def test_another_credit_cannot_take_a_wording_merged_away(self, desk_editor_client):
        keep = make_credit("Jane Doe/Reuters")
        keep.absorb([make_credit("REUTERS/Jane Doe")])
        other = make_credit("John Roe/AP")
        response = change_credit(desk_editor_client, other, text="REUTERS/Jane Doe")
        assert "This wording was merged into" in text_errors(response)[0]
        other.refresh_from_db()
        assert other.text == "John Roe/AP"

    def test_a_credit_may_take_back_a_wording_merged_into_it(self, desk_editor_client):
        keep = make_credit("Jane Doe/Reuters")
        keep.absorb([make_credit("REUTERS/Jane Doe")])
        response = change_credit(desk_editor_client, keep, text="REUTERS/Jane Doe")
        assert response.status_code == 302
        keep.refresh_from_db()
        assert (keep.text, keep.display) == ("REUTERS/Jane Doe", "Jane Doe/Reuters")

    def test_a_reporter_adds_a_credit_split_the_same_way(self, reporter_client):
        add_credit(reporter_client, "REUTERS/Tom Smith")
        assert PhotoCredit.objects.get().display == "Tom Smith/Reuters"

    def test_the_form_shows_the_house_style_for_the_preview_to_update(
        self, desk_editor_client
    ):
        credit = make_credit("REUTERS/Tom Smith")
        html = desk_editor_client.get(f"{CREDITS}{credit.pk}/change/").content.decode()
        assert (
            'class="credit-preview" data-url="/admin/articles/photocredit/preview/"'
            in (html)
        )
        assert f'data-credit="{credit.pk}"' in html
        assert ">Tom Smith/Reuters</span>" in html
        assert '<script src="/static/js/credit_preview.js"></script>' in html


class PreviewTests:
    def test_a_line_is_split_and_shown_in_house_style(self, desk_editor_client):
        answer = desk_editor_client.get(PREVIEW, {"text": "REUTERS/Tom Smith"}).json()
        assert answer == {
            "problem": "",
            "shown_as": "Tom Smith/Reuters",
            "from_line": True,
            "verbatim": False,
            "parts": {"creator": "Tom Smith", "agency": "Reuters", "distributor": ""},
        }

    def test_parts_typed_by_the_editor_are_shown_as_typed(self, desk_editor_client):
        answer = desk_editor_client.get(
            PREVIEW,
            {"text": "REUTERS/Tom Smith", "parts": "typed", "creator": " T. Smith "},
        ).json()
        assert (answer["shown_as"], answer["from_line"]) == ("T. Smith", False)

    def test_a_line_fitting_no_pattern_is_shown_as_written(self, desk_editor_client):
        answer = desk_editor_client.get(PREVIEW, {"text": "Ministry of Defence"})
        assert answer.json()["shown_as"] == "Ministry of Defence"
        assert answer.json()["verbatim"] is True

    def test_a_screenshot_keeps_its_words_and_its_parts_only_for_the_report(
        self, desk_editor_client
    ):
        answer = desk_editor_client.get(
            PREVIEW, {"text": "Screenshot from YouTube"}
        ).json()
        assert answer["shown_as"] == "Screenshot from YouTube"
        assert answer["verbatim"] is True
        assert answer["parts"]["distributor"] == "YouTube"

    def test_parts_typed_for_a_line_shown_as_written_leave_it_as_written(
        self, desk_editor_client
    ):
        answer = desk_editor_client.get(
            PREVIEW,
            {"text": "Handout via Reuters", "parts": "typed", "agency": "Reuters"},
        ).json()
        assert (answer["shown_as"], answer["verbatim"]) == ("Handout via Reuters", True)

    def test_a_known_line_or_merged_wording_points_to_its_credit(
        self, desk_editor_client
    ):
        keep = make_credit("Jane Doe/Reuters")
        keep.absorb([make_credit("REUTERS/Jane Doe")])
        url = f"/admin/articles/photocredit/{keep.pk}/change/"
        merged = desk_editor_client.get(PREVIEW, {"text": "reuters/jane doe"}).json()
        assert merged["problem"] == (
            "This wording was merged into “Jane Doe/Reuters”; use that credit."
        )
        assert merged["known"] == {"shown_as": "Jane Doe/Reuters", "url": url}
        known = desk_editor_client.get(PREVIEW, {"text": "JANE DOE/REUTERS"}).json()
        assert known["problem"] == (
            "This credit line is already known as “Jane Doe/Reuters”; use that one."
        )
        # The credit being changed may keep its own line.
        own = desk_editor_client.get(
            PREVIEW, {"text": "JANE DOE/REUTERS", "credit": keep.pk}
        ).json()
        assert own["problem"] == ""

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("", "This field cannot be blank."),
            ("x" * 256, "at most 255 characters (it has 256)"),
            ("Jane\x07Doe", "control character U+0007"),
        ],
    )
    def test_a_line_the_form_would_refuse_says_why(
        self, desk_editor_client, text, problem
    ):
        answer = desk_editor_client.get(PREVIEW, {"text": text}).json()
        assert problem in answer["problem"]
        assert "shown_as" not in answer

    @pytest.mark.parametrize("credit", ["²", "9" * 5000, "-1", "1e3"])
    def test_a_preview_for_a_credit_that_is_no_id_still_answers(
        self, desk_editor_client, credit
    ):
        answer = desk_editor_client.get(
            PREVIEW, {"text": "REUTERS/Tom Smith", "credit": credit}
        )
        assert answer.status_code == 200
        assert answer.json()["shown_as"] == "Tom Smith/Reuters"

    def test_a_reporter_may_preview_but_not_a_user_without_credit_rights(
        self, reporter_client, client
    ):
        assert reporter_client.get(PREVIEW, {"text": "AFP"}).status_code == 200
        outsider = make_desk_user("Reporter")
        outsider.groups.clear()
        outsider.user_permissions.add(Permission.objects.get(codename="view_article"))
        other = Client()
        other.force_login(outsider)
        assert other.get(PREVIEW, {"text": "AFP"}).status_code == 403

    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client, db):
        response = client.get(PREVIEW, {"text": "AFP"})
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def test_only_get_is_answered(self, desk_editor_client):
        response = desk_editor_client.post(PREVIEW, {"text": "AFP"})
        assert response.status_code == 405
        assert not PhotoCredit.objects.exists()


class CreditPickerTests:
    """The photo form's credit picker finds a credit as an import of the line would."""

    def choices(self, client: Client, term: str) -> list[str]:
        response = client.get(
            "/admin/autocomplete/",
            {
                "app_label": "articles",
                "model_name": "photo",
                "field_name": "credit",
                "term": term,
            },
        )
        assert response.status_code == 200
        return [result["text"] for result in response.json()["results"]]

    def test_a_wording_merged_away_finds_the_credit_it_was_merged_into(
        self, desk_editor_client
    ):
        keep = make_credit("Jane Doe/Reuters")
        keep.absorb([make_credit("REUTERS / JANE DOE")])
        make_credit("Jane Doe/AFP")
        assert self.choices(desk_editor_client, "reuters / jane doe") == [
            "Jane Doe/Reuters"
        ]

    def test_the_exact_line_comes_first(self, desk_editor_client):
        for line in ["AAP/AFP", "AFP via Getty Images", "AFP", "Jane Doe/AFP"]:
            make_credit(line)
        assert self.choices(desk_editor_client, "afp") == [
            "AFP",
            "AAP/AFP",
            "AFP via Getty Images",
            "Jane Doe/AFP",
        ]


def test_a_credit_added_from_the_photo_form_goes_back_to_it_quietly(
    desk_editor_client,
):
    response = desk_editor_client.post(
        f"{CREDITS}add/?_to_field=id&_popup=1",
        {"text": "REUTERS/Tom Smith", "_popup": "1", **NO_ALIASES},
    )
    credit = PhotoCredit.objects.get()
    assert credit.display == "Tom Smith/Reuters"
    assert "admin/popup_response.html" in [t.name for t in response.templates]
    # The split is not announced later, on whatever page comes next.
    assert list(desk_editor_client.get(CREDITS).context["messages"]) == []
