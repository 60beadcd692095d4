"""Training sessions and refunds were written side by side; this joins the two branches."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0002_training_sessions"),
        ("billing", "0003_refunds_credit_notes"),
    ]

    operations = []
