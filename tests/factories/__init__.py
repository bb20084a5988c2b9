"""factory-boy factories for the platform's models (one module per app). Import them from here:

from tests.factories import OrganFactory, RoleGrantFactory, UserFactory
"""

from tests.factories.accounts import UserFactory
from tests.factories.organs import OrganFactory, RoleGrantFactory

__all__ = ["OrganFactory", "RoleGrantFactory", "UserFactory"]
