"""Every model module is imported here so Base.metadata knows all tables."""
from portal.models.users import LoginAttempt, Role, User
from portal.models.audit import AuditEntry
from portal.models.publishing import PublishRun
from portal.models.stations import Station, StationHours, StationStaff
from portal.models.applications import (
    Application,
    ApplicationEvent,
    ApplicationSnapshot,
    Material,
)
from portal.models.panels import (
    Assignment,
    ConflictOfInterest,
    ExpertDeclaration,
    ExpertProfile,
    ExpertRelationship,
    Panel,
    PanelCase,
    PanelMembership,
    PanelRecommendation,
    Review,
    ReviewDigest,
)
from portal.models.review import CorrectionItem, InternalNote
from portal.models.publicity import Objection, PublicityBatch, PublicityEntry
from portal.models.notifications import Notification
from portal.models.calendar import HolidayYear
from portal.privacy_rights.models import CorrectionRequest

__all__ = [
    "Application",
    "Assignment",
    "AuditEntry",
    "ConflictOfInterest",
    "ExpertDeclaration",
    "ExpertProfile",
    "ExpertRelationship",
    "Panel",
    "PanelCase",
    "PanelMembership",
    "PanelRecommendation",
    "Review",
    "ReviewDigest",
    "ApplicationEvent",
    "ApplicationSnapshot",
    "CorrectionItem",
    "CorrectionRequest",
    "HolidayYear",
    "InternalNote",
    "Notification",
    "Objection",
    "PublicityBatch",
    "PublicityEntry",
    "LoginAttempt",
    "Material",
    "PublishRun",
    "Role",
    "Station",
    "StationHours",
    "StationStaff",
    "User",
]
