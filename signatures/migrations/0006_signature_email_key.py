"""Re-key every kept address by the inbox it reaches (lib.addresses.email_key).

Nobody is deleted or merged. Where two signatures of one pledge turn out to reach the same
inbox (carol@gmail.com and carol@ｇｍａｉｌ.com, bob+a@ and bob@), the first keeps the key
and the others keep their old value, marked `duplicate_of` it: staff see them in the admin
and on the pledge's fraud page, and decide.
"""

import django.db.models.deletion
from django.db import migrations, models

from lib.addresses import email_key
from lib.privacy import email_digest, email_domain


def rekey(apps, schema_editor):
    Signature = apps.get_model("signatures", "Signature")
    pledge_ids = (
        Signature.objects.exclude(email_normalized="")
        .values_list("pledge_id", flat=True)
        .distinct()
        .order_by("pledge_id")
    )
    duplicates = 0
    for pledge_id in list(pledge_ids):
        rows = list(
            Signature.objects.filter(pledge_id=pledge_id)
            .order_by("pk")
            .values("pk", "email", "email_normalized", "email_digest", "status", "abuse_data")
        )
        # Only a digest is left of these: they hold their place, keyed as they were.
        digest_only = {
            row["email_digest"]: row["pk"]
            for row in rows
            if not row["email_normalized"] and row["email_digest"]
        }
        groups: dict[str, list[dict]] = {}
        for row in rows:
            if row["email_normalized"]:
                key = email_key(row["email"] or row["email_normalized"])
                groups.setdefault(key, []).append(row)
        for key, members in groups.items():
            digest = email_digest(key)
            holder = digest_only.get(digest)
            if holder is None:
                # The row already written this way keeps it (nothing moves), else the
                # first confirmed one, else the oldest.
                keeper = min(
                    members,
                    key=lambda row: (
                        row["email_normalized"] != key,
                        row["status"] != "confirmed",
                        row["pk"],
                    ),
                )
                holder = keeper["pk"]
                fields = {"email_normalized": key, "email_digest": digest}
                if keeper["abuse_data"] == "kept":
                    fields["email_domain"] = email_domain(key)
                Signature.objects.filter(pk=holder).update(**fields)
            for row in members:
                if row["pk"] != holder:
                    Signature.objects.filter(pk=row["pk"]).update(duplicate_of_id=holder)
                    duplicates += 1
    if duplicates:
        print(
            f"\n  {duplicates} signature(s) reach the same inbox as an earlier one of their "
            "pledge: marked 'duplicate of' for staff to review (nothing deleted)."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("signatures", "0005_signature_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="signature",
            name="duplicate_of",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="Another signature of this pledge that reaches the same inbox.",
                verbose_name="same inbox as",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="signatures.signature",
            ),
        ),
        migrations.RunPython(rekey, migrations.RunPython.noop, elidable=True),
    ]
