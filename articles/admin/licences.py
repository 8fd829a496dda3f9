"""The licence report screen: photos per agency and distributor, for audits.

Reached from the photo credit list and the desk's front page; staff who may
see photos may see it. Each count links to the photo list narrowed to the
same group and period (``LicenceGroupFilter``), and the same table downloads
as CSV for the audit. The groups and their counting belong to
``articles.images.licences``.
"""

import csv
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from ..images.licences import (
    Basis,
    Kind,
    LicenceGroup,
    Period,
    licence_groups,
    photos_in_group,
    photos_in_period,
)
from ..models import Photo

# The photo list's parameters for a group and a period.
GROUP_PARAMETER = "licence"
PERIOD_PARAMETERS = {
    "start": "licence_from",
    "end": "licence_to",
    "basis": "licence_by",
}
# What a spreadsheet would run as a formula at the start of a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class LicencePeriodForm(forms.Form):
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    basis = forms.ChoiceField(
        label="Dates of",
        required=False,
        choices=[
            (Basis.PUBLISHED, "the articles the photos lead (published)"),
            (Basis.ADDED, "the photos (added to the library)"),
        ],
        help_text="Both days count. Articles: photos leading an article "
        "published in the period. Photos: photos added to the library in it.",
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The “To” date is before the “From” date.")
        return cleaned

    @property
    def period(self) -> Period:
        cleaned = self.cleaned_data
        basis = cleaned.get("basis") or Basis.PUBLISHED
        return Period(cleaned.get("start"), cleaned.get("end"), Basis(basis))


class LicenceReportMixin:
    """Add the licence report to the photo credit admin."""

    def get_urls(self):
        return [
            path(
                "licences/",
                self.admin_site.admin_view(self.licence_report_view),
                name="articles_photocredit_licences",
            ),
            *super().get_urls(),
        ]

    def licence_report_view(self, request: HttpRequest) -> HttpResponse:
        """Count photos per licence group in a period; as a page or as CSV."""
        if not self.admin_site.get_model_admin(Photo).has_view_permission(request):
            raise PermissionDenied
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        form = LicencePeriodForm(request.GET if _asks_period(request) else None)
        period = form.period if form.is_valid() else Period()
        groups = None
        if not form.is_bound or form.is_valid():
            photos = photos_in_period(Photo.objects.all(), period)
            groups = licence_groups(photos)
            if request.GET.get("format") == "csv":
                return licence_csv(groups, period)
        query = urlencode(
            {name: value for name, value in request.GET.items() if name != "format"}
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Photo licence report",
            "opts": self.model._meta,
            "form": form,
            "period": period,
            "sections": [] if groups is None else _sections(groups, period),
            "has_groups": bool(groups),
            "csv_url": f"?{query}&format=csv" if query else "?format=csv",
        }
        return TemplateResponse(
            request, "admin/articles/photocredit/licence_report.html", context
        )


def _asks_period(request: HttpRequest) -> bool:
    return any(name in request.GET for name in ("start", "end", "basis"))


def _sections(groups: list[LicenceGroup], period: Period) -> list[dict]:
    """The report's three tables, each group with the link to its photos."""
    changelist = reverse("admin:articles_photo_changelist")
    titles = {
        Kind.AGENCY: "Per agency",
        Kind.DISTRIBUTOR: "Per distributor",
    }
    sections = {title: [] for title in [*titles.values(), "Other photos"]}
    for group in groups:
        params = {GROUP_PARAMETER: group.key, **period_parameters(period)}
        row = {"group": group, "url": f"{changelist}?{urlencode(params)}"}
        sections[titles.get(group.kind, "Other photos")].append(row)
    return [{"title": title, "rows": rows} for title, rows in sections.items()]


def period_parameters(period: Period) -> dict[str, str]:
    """The photo list's parameters for ``period``; none for an open one."""
    if period.is_open:
        return {}
    values = {"start": period.start, "end": period.end, "basis": period.basis}
    return {
        PERIOD_PARAMETERS[name]: str(value.isoformat() if name != "basis" else value)
        for name, value in values.items()
        if value is not None
    }


def licence_csv(groups: list[LicenceGroup], period: Period) -> HttpResponse:
    """The report as a CSV file, one row per group, for the licence audit."""
    today = timezone.localdate().isoformat()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="photo-licences-{today}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        ["group", "name", "photos", "with a picture", "on live articles", "period"]
    )
    described = describe_period(period)
    for group in groups:
        writer.writerow(
            [
                group.kind,
                _cell(group.label),
                group.photos,
                group.with_picture,
                group.live,
                described,
            ]
        )
    return response


def describe_period(period: Period) -> str:
    if period.is_open:
        return "all photos"
    what = (
        "leading articles published"
        if period.basis == Basis.PUBLISHED
        else "added to the library"
    )
    start = period.start.isoformat() if period.start else "the start"
    end = period.end.isoformat() if period.end else "today"
    return f"photos {what} from {start} to {end}"


def _cell(text: str) -> str:
    """Keep a credit from running as a formula when the CSV is opened."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class LicenceGroupFilter(admin.SimpleListFilter):
    """The photo list narrowed to a group and period of the licence report."""

    title = "licence group"
    parameter_name = GROUP_PARAMETER

    def __init__(self, request, params, model, model_admin):
        # The period travels beside the group; taken here, the list does
        # not mistake it for a lookup on a field.
        self.period_values = {
            name: params.pop(parameter)[-1]
            for name, parameter in PERIOD_PARAMETERS.items()
            if parameter in params
        }
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        choices = [(kind.value, label) for kind, label in _OTHER_LABELS.items()]
        value = self.value() or ""
        if value.partition(":")[0] in (Kind.AGENCY, Kind.DISTRIBUTOR):
            choices.insert(0, (value, value.replace(":", ": ", 1).capitalize()))
        return choices

    def expected_parameters(self):
        return [self.parameter_name, *PERIOD_PARAMETERS.values()]

    def queryset(self, request, queryset):
        if self.value() is None and not self.period_values:
            return queryset
        try:
            period = Period(
                _day(self.period_values.get("start")),
                _day(self.period_values.get("end")),
                Basis(self.period_values.get("basis", Basis.PUBLISHED)),
            )
            if self.value() is not None:
                queryset = photos_in_group(queryset, self.value())
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error
        return photos_in_period(queryset, period)


_OTHER_LABELS = {
    Kind.CREATOR_ONLY: "Creator only",
    Kind.NO_PARTS: "Credit with no parts",
    Kind.OWN: "Own photos",
    Kind.NO_CREDIT: "No credit",
}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
