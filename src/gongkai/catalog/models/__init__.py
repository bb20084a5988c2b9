"""The catalogue's models, one module per concern. Rows change only through `gongkai.catalog.services`."""

from gongkai.catalog.models.column import CatalogColumn, CatalogSettings
from gongkai.catalog.models.entry import (
    Attachment,
    Entry,
    EntryVersion,
    IndexCounter,
    ReviewStep,
    WithheldReview,
)
from gongkai.catalog.models.figures import YearFigures
from gongkai.catalog.models.normative import Cleanup, CleanupItem, NormativeDocument, RegisterEvent
from gongkai.catalog.models.publicstate import PublicGeneration
from gongkai.catalog.models.search import SearchDocument

__all__ = [
    "Attachment",
    "CatalogColumn",
    "CatalogSettings",
    "Cleanup",
    "CleanupItem",
    "Entry",
    "EntryVersion",
    "IndexCounter",
    "NormativeDocument",
    "PublicGeneration",
    "RegisterEvent",
    "ReviewStep",
    "SearchDocument",
    "WithheldReview",
    "YearFigures",
]
