"""Where a pledge's signers came from, for its organizers: a chart by day and source (SVG
drawn on the server) and the same numbers as CSV. Totals only: never who came from where."""

from django.http import HttpResponse
from django.shortcuts import render

from lib.csv_export import csv_lines
from lib.sources import source_label
from organizers.auth import membership_or_404, organizer_required
from sources.charts import chart_by_source_and_day
from sources.selectors import pledge_signatures_by_source_and_day


@organizer_required
def pledge_sources(request, pledge_id):
    pledge = membership_or_404(request, pledge_id).pledge
    rows = pledge_signatures_by_source_and_day(pledge=pledge)
    totals: dict[str, list[int]] = {}
    for row in rows:
        total = totals.setdefault(row["source"], [0, 0])
        total[0] += row["signed"]
        total[1] += row["confirmed"]
    return render(
        request,
        "sources/pledge_sources.html",
        {
            "pledge": pledge,
            "campaign": pledge.campaign,
            "chart": chart_by_source_and_day(rows),
            "totals": sorted(
                ((source_label(s), signed, confirmed) for s, (signed, confirmed) in totals.items()),
                key=lambda total: -total[1],
            ),
        },
    )


@organizer_required
def pledge_sources_csv(request, pledge_id):
    pledge = membership_or_404(request, pledge_id).pledge
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sources-{pledge.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    rows = (
        (row["day"].isoformat(), row["source"] or "direct", row["signed"], row["confirmed"])
        for row in pledge_signatures_by_source_and_day(pledge=pledge)
    )
    response.write("".join(csv_lines(rows, header=["day", "source", "signed", "confirmed"])))
    return response
