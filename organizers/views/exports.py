"""The signers who agreed to be contacted, as CSV."""

from django.http import StreamingHttpResponse

from lib.csv_export import csv_lines
from organizers.auth import (
    membership_or_404,
    organizer_required,
)
from organizers.services import (
    export_record_create,
)
from signatures.exports import CSV_COLUMNS, consenting_signer_rows, consenting_signers


@organizer_required
def export_signers(request, pledge_id):
    membership = membership_or_404(request, pledge_id)
    pledge = membership.pledge
    row_count = consenting_signers(pledge=pledge).count()
    export_record_create(organizer=request.organizer, pledge=pledge, row_count=row_count)
    response = StreamingHttpResponse(
        csv_lines(consenting_signer_rows(pledge=pledge), header=CSV_COLUMNS),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"{pledge.campaign.slug}-{pledge.slug}-signers.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
