from django.shortcuts import redirect, render

from campaigns.selectors import campaign_for_page, public_campaigns
from pledges.selectors import campaign_totals, live_pledges


def home(request):
    campaigns = public_campaigns()
    if len(campaigns) == 1:
        return redirect(campaigns[0])
    return render(request, "campaigns/home.html", {"campaigns": campaigns})


def hub(request, campaign_slug):
    campaign = campaign_for_page(slug=campaign_slug)
    context = {
        "campaign": campaign,
        "pledges": live_pledges(campaign=campaign),
        "totals": campaign_totals(campaign=campaign),
        "timeline": list(campaign.timeline.all()),
        "page_url": request.build_absolute_uri(campaign.get_absolute_url()),
    }
    return render(request, "campaigns/hub.html", context)
