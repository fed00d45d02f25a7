import json

from django.db import migrations

# The same words as webhooks.services.SUPERSEDED_BY_ERASURE, fixed here as they were.
SUPERSEDED_BY_ERASURE = (
    "Superseded by erasure: the signer erased their signature before this event was sent"
)


def forget_names_of_erased_signers(apps, schema_editor):
    """Signatures erased before deliveries were linked to them (0002) kept their public
    name in the log, and their events still waiting would be sent after the erasure. Do
    now what erasing does: give those events up and remove the name from every body."""
    WebhookDelivery = apps.get_model("webhooks", "WebhookDelivery")
    about_erased = WebhookDelivery.objects.filter(signature__status="erased")
    about_erased.filter(status__in=["pending", "retrying", "sending"]).exclude(
        event="signature.erased"
    ).update(status="failed", next_attempt_at=None, error=SUPERSEDED_BY_ERASURE)
    bodies = about_erased.filter(body_expired_at__isnull=True).values_list("pk", "body")
    for pk, body in bodies.iterator():
        try:
            event = json.loads(body)
            signature = event["data"]["signature"]
        except (ValueError, KeyError, TypeError):
            continue
        if not isinstance(signature, dict) or "public_name" not in signature:
            continue
        del signature["public_name"]
        WebhookDelivery.objects.filter(pk=pk).update(body=json.dumps(event, ensure_ascii=False))


class Migration(migrations.Migration):
    dependencies = [
        ("signatures", "0003_invalidate_permission_and_record"),
        ("webhooks", "0003_attempt_history"),
    ]

    operations = [
        migrations.RunPython(forget_names_of_erased_signers, migrations.RunPython.noop),
    ]
