"""The casework's models: the case and its applicant, its immutable events, documents, appeals, settings."""

from gongkai.applications.models.appeal import Appeal
from gongkai.applications.models.case import Applicant, Application, Attachment
from gongkai.applications.models.document import Document, DocumentTemplate
from gongkai.applications.models.event import ApplicationEvent, EventImmutableError
from gongkai.applications.models.settings import CaseSettings, Counter, IntakeAttempt

__all__ = [
    "Appeal",
    "Applicant",
    "Application",
    "ApplicationEvent",
    "Attachment",
    "CaseSettings",
    "Counter",
    "Document",
    "DocumentTemplate",
    "EventImmutableError",
    "IntakeAttempt",
]
