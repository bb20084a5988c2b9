"""API tokens (hashed at rest)."""

import django.contrib.auth.models
import django.contrib.auth.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                (
                    "id",
                    models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                ),
                ("name", models.CharField(max_length=100, verbose_name="用途")),
                (
                    "prefix",
                    models.CharField(
                        help_text="令牌的前几位，便于识别", max_length=12, verbose_name="令牌前缀"
                    ),
                ),
                ("digest", models.CharField(max_length=64, unique=True, verbose_name="摘要")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="签发时间")),
                ("last_used_at", models.DateTimeField(blank=True, null=True, verbose_name="最近使用")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="吊销时间")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="api_tokens",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="用户",
                    ),
                ),
            ],
            options={
                "verbose_name": "接口令牌",
                "verbose_name_plural": "接口令牌",
                "ordering": ["-created_at", "-id"],
            },
        ),
    ]
