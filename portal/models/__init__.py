"""Every model module is imported here so Base.metadata knows all tables."""
from portal.models.users import LoginAttempt, Role, User
from portal.models.audit import AuditEntry
from portal.models.stations import Station, StationHours, StationStaff
from portal.models.applications import (
    Application,
    ApplicationEvent,
    ApplicationSnapshot,
    Material,
)

__all__ = [
    "Application",
    "AuditEntry",
    "ApplicationEvent",
    "ApplicationSnapshot",
    "LoginAttempt",
    "Material",
    "Role",
    "Station",
    "StationHours",
    "StationStaff",
    "User",
]
