"""Public JSON shapes. Each function is the only place a field becomes public.

Signers appear only by `public_name` (as the signer chose) with their affiliation and
the day they signed: never an email, never the name they typed unless they chose "full name".
"""

from django.urls import reverse
from django.utils import timezone

from api.selectors import pledge_milestones
from lib.links import absolute
from pledges.selectors import campaign_totals, pledge_updates
from signatures.selectors import recent_signers


def campaign_totals_data(campaign) -> dict:
    totals = campaign_totals(campaign=campaign)
    return {
        "signatures": totals["signatures"],
        "campuses": totals["campuses"],
        "binding_campuses": totals["binding"],
        "countries": totals["countries"],
        "verified_students": totals["verified"],
        "paper_signatures": totals["paper"],
    }


def campaign_data(campaign, *, detail: bool = False) -> dict:
    data = {
        "slug": campaign.slug,
        "title": campaign.title,
        "hashtag": campaign.hashtag,
        "summary": campaign.summary,
        "status": campaign.status,
        "totals": campaign_totals_data(campaign),
        "url": absolute(campaign.get_absolute_url()),
        "api_url": absolute(reverse("api:campaign", args=[campaign.slug])),
        "links": {
            "pledges": absolute(reverse("api:pledges")) + f"?campaign={campaign.slug}",
            "count": absolute(reverse("api:campaign_count", args=[campaign.slug])),
            "timeline": absolute(reverse("api:timeline", args=[campaign.slug])),
            "targets": absolute(reverse("api:targets", args=[campaign.slug])),
            "embed": absolute(reverse("embeds:campaign", args=[campaign.slug])),
        },
    }
    if detail:
        data["pledge_text"] = campaign.pledge_text
        data["why_it_matters"] = campaign.why_it_matters
    return data


def institution_data(institution) -> dict:
    return {
        "slug": institution.slug,
        "name": institution.name,
        "short_name": institution.short_name,
        "country": institution.country,
        "city": institution.city,
        "latitude": institution.latitude,
        "longitude": institution.longitude,
    }


def pledge_api_url(pledge) -> str:
    return absolute(reverse("api:pledge", args=[pledge.campaign.slug, pledge.slug]))


def binding_data(pledge) -> dict:
    """Whether a campus's pledge binds yet: "unconditional" (from the first signature),
    "not_yet" (with the signers still needed) or "bound" (since bound_at)."""
    conditional = pledge.is_conditional
    return {
        "status": pledge.binding,
        "threshold": pledge.binding_threshold if conditional else None,
        "signers_needed": pledge.signers_needed_to_bind if conditional else None,
        "bound_at": pledge.bound_at,
    }


def pledge_data(pledge, *, detail: bool = False) -> dict:
    data = {
        "campaign": pledge.campaign.slug,
        "slug": pledge.slug,
        "institution": institution_data(pledge.institution),
        "target_line": pledge.target_line,
        "status": pledge.status,
        "signature_count": pledge.signature_count,
        "verified_students": pledge.verified_count,
        "binding": binding_data(pledge),
        "paper_signatures": pledge.paper_count,
        "published_at": pledge.published_at,
        "url": absolute(pledge.get_absolute_url()),
        "api_url": pledge_api_url(pledge),
        "count_url": absolute(
            reverse("api:pledge_count", args=[pledge.campaign.slug, pledge.slug])
        ),
    }
    if detail:
        updates = pledge_updates(pledge=pledge, limit=50)
        data.update(
            {
                "why_it_matters": pledge.why,
                "pledge_text": pledge.campaign.pledge_text,
                "next_milestone": pledge.next_milestone,
                "milestones": [
                    {"threshold": update.milestone, "reached_at": update.created_at}
                    for update in pledge_milestones(pledge=pledge)
                ],
                "updates": [update_data(update) for update in updates],
                "recent_signers": [
                    {
                        "name": signer.public_name,
                        "affiliation": signer.affiliation,
                        # The day only: to the millisecond, a signing time could be
                        # matched to a person seen signing, even one shown as "Anonymous".
                        "signed_at": timezone.localdate(signer.confirmed_at),
                    }
                    for signer in recent_signers(pledge=pledge)
                ],
                "embed_url": absolute(
                    reverse("embeds:pledge", args=[pledge.campaign.slug, pledge.slug])
                ),
            }
        )
    return data


def update_data(update) -> dict:
    return {
        "kind": update.kind,
        "title": update.title,
        "body": update.body,
        "link": update.link,
        "milestone": update.milestone,
        "created_at": update.created_at,
    }


def timeline_entry_data(entry) -> dict:
    return {"date": entry.date, "title": entry.title, "body": entry.body, "link": entry.link}


def target_data(target) -> dict:
    return {
        "name": target.name,
        "url": target.url,
        "contracts": [contract_data(contract) for contract in target.contracts.all()],
    }


def contract_data(contract) -> dict:
    return {
        "agency": contract.agency,
        "programme": contract.programme,
        # A string keeps the exact decimal; JSON numbers would round large values.
        "value": None if contract.value is None else str(contract.value),
        "currency": contract.currency,
        "start": contract.start,
        "renewal": contract.renewal,
        "source_url": contract.source_url,
        "notes": contract.notes,
    }
