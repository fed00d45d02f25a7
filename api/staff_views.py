"""Campaign staff's download of every consenting signer of a campaign (audited)."""

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from api.services import staff_export_record_create
from campaigns.models import Campaign
from lib.csv_export import csv_lines
from lib.staff import staff_permission_required
from pledges.models import Pledge
from signatures.exports import CSV_COLUMNS, consenting_signer_rows, consenting_signers


def _campaign_rows(pledges):
    for pledge in pledges:
        for row in consenting_signer_rows(pledge=pledge):
            yield (pledge.slug, pledge.institution.name, *row)


@require_safe
# Staff with a TOTP-verified session, as in the admin, who may see signatures.
@staff_permission_required("signatures.view_signature")
def campaign_signers_csv(request, campaign_slug):
    campaign = get_object_or_404(Campaign, slug=campaign_slug)
    pledges = list(
        Pledge.objects.filter(campaign=campaign).select_related("institution").order_by("id")
    )
    row_count = sum(consenting_signers(pledge=pledge).count() for pledge in pledges)
    staff_export_record_create(user=request.user, campaign=campaign, row_count=row_count)
    response = StreamingHttpResponse(
        csv_lines(_campaign_rows(pledges), header=("pledge", "institution", *CSV_COLUMNS)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-signers.csv"'
    response["Cache-Control"] = "no-store"
    return response
