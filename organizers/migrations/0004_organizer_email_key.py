"""Key organizers by the inbox their address reaches (lib.addresses.email_key), as sign-in
and sign-up now look them up. An organizer whose key another account already holds keeps
its old value (nothing is merged): the command prints them for staff."""

from django.db import migrations

from lib.addresses import email_key


def rekey(apps, schema_editor):
    Organizer = apps.get_model("organizers", "Organizer")
    taken = set(Organizer.objects.values_list("email_normalized", flat=True))
    clashes = []
    for pk, email, normalized in Organizer.objects.order_by("pk").values_list(
        "pk", "email", "email_normalized"
    ):
        if normalized.endswith("@erased.invalid"):
            continue
        key = email_key(email or normalized)
        if key == normalized:
            continue
        if key in taken:
            clashes.append(pk)
            continue
        Organizer.objects.filter(pk=pk).update(email_normalized=key)
        taken.discard(normalized)
        taken.add(key)
    if clashes:
        print(
            f"\n  Organizers {clashes} reach the same inbox as another organizer account: "
            "left as they were, for staff to review."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organizers", "0003_language"),
    ]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop, elidable=True)]
