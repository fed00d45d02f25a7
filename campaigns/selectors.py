import datetime
from dataclasses import dataclass

from django.db.models import F
from django.shortcuts import get_object_or_404

from campaigns.models import Campaign, Contract


def campaign_for_page(*, slug: str) -> Campaign:
    return get_object_or_404(
        Campaign.objects.public(),
        slug=slug,
    )


def public_campaigns() -> list[Campaign]:
    return list(Campaign.objects.filter(status=Campaign.Status.LIVE))


@dataclass
class ContractDeadline:
    contract: Contract
    days_left: int  # negative once the date has passed


def contract_deadlines(*, campaign: Campaign, today: datetime.date) -> dict:
    """The campaign's contracts by renewal date, and the next one still to come.

    {"contracts": [...], "next": ContractDeadline | None, "all_past": bool}
    """
    contracts = list(
        Contract.objects.filter(target__campaign=campaign)
        .select_related("target")
        .order_by(F("renewal").asc(nulls_last=True), "programme")
    )
    dated = [
        ContractDeadline(contract=c, days_left=(c.renewal - today).days)
        for c in contracts
        if c.renewal
    ]
    upcoming = [deadline for deadline in dated if deadline.days_left >= 0]
    return {
        "contracts": contracts,
        "next": upcoming[0] if upcoming else None,
        "past": [deadline for deadline in dated if deadline.days_left < 0],
        "all_past": bool(dated) and not upcoming,
    }
