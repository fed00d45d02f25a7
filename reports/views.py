"""The campaign report: staff's page of a campaign's numbers, and a CSV of each table."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from campaigns.models import Campaign
from lib.csv_export import csv_lines
from lib.staff import staff_permission_required
from reports.charts import bar_chart
from reports.selectors import (
    report_by_campus,
    report_by_country,
    report_by_day,
    report_by_source,
    report_totals,
)

# Counts of signatures, never who signed; but a campus's figures are not public before
# its pledge is, so this is for staff who may see signatures.
PERMISSION = "signatures.view_signature"
ROW_COLUMNS = ("key", "label", "signed", "confirmed_now", "ever_confirmed", "conversion_percent")


@require_safe
@staff_permission_required(PERMISSION)
def campaign_report(request, campaign_slug):
    campaign = get_object_or_404(Campaign, slug=campaign_slug)
    days = report_by_day(campaign=campaign)
    context = {
        "campaign": campaign,
        "totals": report_totals(campaign=campaign),
        "days": days,
        "chart": bar_chart(days, label=lambda day: day.isoformat()),
        "campuses": report_by_campus(campaign=campaign),
        "countries": report_by_country(campaign=campaign),
        "sources": report_by_source(campaign=campaign),
    }
    return render(request, "reports/campaign.html", context)


def _row_cells(row):
    percent = row.conversion_percent
    return (
        row.key,
        row.label,
        row.signed,
        row.confirmed,
        row.ever_confirmed,
        "" if percent is None else percent,
    )


@require_safe
@staff_permission_required(PERMISSION)
def campaign_report_csv(request, campaign_slug, table):
    campaign = get_object_or_404(Campaign, slug=campaign_slug)
    if table == "days":
        header = ("day", "confirmed")
        rows = [(day.isoformat(), n) for day, n in report_by_day(campaign=campaign)]
    elif table == "campuses":
        header, rows = ROW_COLUMNS, map(_row_cells, report_by_campus(campaign=campaign))
    elif table == "countries":
        header, rows = ROW_COLUMNS, map(_row_cells, report_by_country(campaign=campaign))
    elif table == "sources":
        header, rows = ROW_COLUMNS, map(_row_cells, report_by_source(campaign=campaign))
    else:
        raise Http404(table)
    response = HttpResponse(
        "".join(csv_lines(rows, header=header)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-{table}.csv"'
    response["Cache-Control"] = "no-store"
    return response
