import factory
from tests.factories.accounts import UserFactory

from gongkai.organs.creditcode import make_code
from gongkai.organs.models import Organ, OrganKind, RoleGrant


class OrganFactory(factory.django.DjangoModelFactory):
    """An organ with a valid 统一社会信用代码 (GB 32100-2015) generated from 高安市's division code; the
    sequence starts high so that codes never collide with `credit_number=` given explicitly."""

    class Meta:
        model = Organ
        django_get_or_create = ("slug",)

    class Params:
        credit_number = factory.Sequence(lambda n: 50_000_000 + n)

    slug = factory.Sequence(lambda n: f"organ-{n}")
    name = factory.Sequence(lambda n: f"第{n}局")
    kind = OrganKind.DEPARTMENT
    parent = None
    credit_code = factory.LazyAttribute(lambda o: make_code("1", "1", "360983", f"{o.credit_number:08d}"))


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    organ = factory.SubFactory(OrganFactory)
    role = "clerk"
