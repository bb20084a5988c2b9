import factory

from gongkai.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    """A staff account without a usable password (tests sign in with `force_login`); pass
    `password="…"` for one that signs in through the form."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_active = True

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        if extracted:
            self.set_password(extracted)
        else:
            self.set_unusable_password()
        if create:
            self.save(update_fields=["password"])
