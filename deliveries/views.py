"""The delivery pack (PDF letter and CSV) and the record of a delivery."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from campaigns.models import Campaign
from deliveries.forms import DeliveryForm
from deliveries.models import DeliveryPackRecord
from deliveries.pdf import delivery_pack_pdf
from deliveries.selectors import PACK_CSV_COLUMNS, delivery_pack, delivery_pack_rows
from deliveries.services import delivery_pack_record_create, delivery_record
from lib.csv_export import csv_lines
from lib.staff import staff_permission_required
from organizers.auth import membership_or_404, organizer_required

PACK_PERMISSION = "deliveries.generate_delivery_pack"


def _pack_response(pack, *, format: str, filename: str) -> HttpResponse:
    if format == DeliveryPackRecord.Format.PDF:
        response = HttpResponse(delivery_pack_pdf(pack), content_type="application/pdf")
    else:
        response = HttpResponse(
            "".join(csv_lines(delivery_pack_rows(pack), header=PACK_CSV_COLUMNS)),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{format}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@staff_permission_required(PACK_PERMISSION)
def staff_pack(request, campaign_slug, format):
    campaign = get_object_or_404(Campaign, slug=campaign_slug)
    pack = delivery_pack(campaign=campaign)
    delivery_pack_record_create(pack=pack, format=format, user=request.user)
    return _pack_response(pack, format=format, filename=f"{campaign.slug}-delivery-pack")


@require_safe
@organizer_required
def organizer_pack(request, pledge_id, format):
    # Only the organizer's own campus: someone else's pledge is a 404.
    pledge = membership_or_404(request, pledge_id).pledge
    pack = delivery_pack(campaign=pledge.campaign, pledge=pledge)
    delivery_pack_record_create(
        pack=pack, format=format, organizer=request.organizer, pledge=pledge
    )
    filename = f"{pledge.campaign.slug}-{pledge.slug}-delivery-pack"
    return _pack_response(pack, format=format, filename=filename)


@staff_permission_required("deliveries.add_delivery")
def staff_deliveries(request, campaign_slug):
    """The campaign's deliveries, the form to record one, and the pack's downloads."""
    campaign = get_object_or_404(Campaign, slug=campaign_slug)
    form = DeliveryForm()
    status = 200
    if request.method == "POST":
        form = DeliveryForm(request.POST, request.FILES)
        if form.is_valid():
            delivery_record(campaign=campaign, user=request.user, **form.cleaned_data)
            messages.success(
                request,
                gettext(
                    "Delivery recorded: it is on the campaign timeline, and signers "
                    "who asked for news will be told."
                ),
            )
            return redirect("deliveries:staff_deliveries", campaign.slug)
        status = 400
    context = {
        "campaign": campaign,
        "form": form,
        "deliveries": list(campaign.deliveries.all()),
        "packs": DeliveryPackRecord.objects.filter(campaign=campaign).select_related(
            "user", "organizer", "pledge__institution"
        )[:20],
    }
    return render(request, "deliveries/staff_deliveries.html", context, status=status)
