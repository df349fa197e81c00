"""Expert panels: experts and their profiles, panels, cases sent to a panel, assignments,
conflicts of interest, reviews, the chair's recommendation and the reminder-digest log."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.applications.models import Application
from portal.kernel.clock import utcnow
from portal.kernel.db import Base


class ExpertProfile(Base):
    """An expert (a user with the `expert` role). Public part: name, title, affiliation, field, bio,
    photo; shown publicly only with `publication_consent`. Private part: phone, email."""

    __tablename__ = "expert_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(100))
    affiliation: Mapped[str] = mapped_column(String(200))
    # normalised affiliation, compared with applicants' employers for automatic conflicts
    affiliation_key: Mapped[str] = mapped_column(String(200), index=True)
    field: Mapped[str | None] = mapped_column(String(200))
    bio: Mapped[str | None] = mapped_column(Text)
    photo_name: Mapped[str | None] = mapped_column(String(64))  # in the upload folder
    photo_type: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    publication_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    publication_consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    max_load: Mapped[int] = mapped_column(Integer, default=10)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")
    memberships: Mapped[list[PanelMembership]] = relationship(back_populates="expert", cascade="all, delete-orphan")


class Panel(Base):
    """A panel of experts for one industry or field, with a chair; `blind` hides applicant identity."""

    __tablename__ = "panels"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    industry_code: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    blind: Mapped[bool] = mapped_column(Boolean, default=True)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("expert_profiles.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    chair: Mapped[ExpertProfile | None] = relationship()
    memberships: Mapped[list[PanelMembership]] = relationship(
        back_populates="panel", cascade="all, delete-orphan", order_by="PanelMembership.id")

    @property
    def members(self) -> list[ExpertProfile]:
        """The panel's experts, in the order they joined."""
        return [m.expert for m in self.memberships]


class PanelMembership(Base):
    """An expert sits on a panel."""

    __tablename__ = "panel_memberships"
    __table_args__ = (UniqueConstraint("panel_id", "expert_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    expert_id: Mapped[int] = mapped_column(ForeignKey("expert_profiles.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    panel: Mapped[Panel] = relationship(back_populates="memberships")
    expert: Mapped[ExpertProfile] = relationship(back_populates="memberships", lazy="joined")


class PanelCase(Base):
    """An application in expert review, sent by staff to one panel."""

    __tablename__ = "panel_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panels.id"), index=True)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    application: Mapped[Application] = relationship()
    panel: Mapped[Panel] = relationship()


class Assignment(Base):
    """An expert asked to review an application by a deadline. State: assigned | submitted."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("application_id", "expert_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("expert_profiles.id"), index=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panels.id"))
    deadline: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default="assigned")
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    application: Mapped[Application] = relationship()
    expert: Mapped[ExpertProfile] = relationship(lazy="joined")
    panel: Mapped[Panel] = relationship()
    review: Mapped[Review | None] = relationship(back_populates="assignment", uselist=False,
                                                 cascade="all, delete-orphan")


class ExpertRelationship(Base):
    """A relationship staff recorded between an expert and an applicant (e.g. supervisor, relative,
    co-author); it makes every application of that applicant a conflict for the expert."""

    __tablename__ = "expert_relationships"
    __table_args__ = (UniqueConstraint("expert_id", "applicant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("expert_profiles.id", ondelete="CASCADE"))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(100))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ConflictOfInterest(Base):
    """A conflict between an expert and an application. `source`: affiliation | relationship (found
    automatically) or declared (by the expert). Active until staff override it (audited)."""

    __tablename__ = "conflicts_of_interest"
    __table_args__ = (UniqueConstraint("application_id", "expert_id", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("expert_profiles.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    overridden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    overridden_at: Mapped[datetime | None] = mapped_column(DateTime)
    override_reason: Mapped[str | None] = mapped_column(Text)

    expert: Mapped[ExpertProfile] = relationship(lazy="joined")
    overridden_by: Mapped[User | None] = relationship()

    @property
    def active(self) -> bool:
        return self.overridden_at is None


class ExpertDeclaration(Base):
    """An expert's answer to the conflict check made before the file opens (they see only the
    applicant's name, employer and category). `outcome`: none (no conflict: the file opens) |
    conflict (a declared ConflictOfInterest too) | declined (the assignment handed back, with a reason)."""

    __tablename__ = "expert_declarations"
    __table_args__ = (UniqueConstraint("application_id", "expert_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("expert_profiles.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    declared_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    expert: Mapped[ExpertProfile] = relationship(lazy="joined")


class Review(Base):
    """An expert's scores for one assignment. Locked once submitted, until the chair reopens it."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), unique=True)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    confidence: Mapped[int | None] = mapped_column(Integer)
    weighted_score: Mapped[float | None] = mapped_column(Float)
    panel_comment: Mapped[str | None] = mapped_column(Text)  # for the panel only
    hr_summary: Mapped[str | None] = mapped_column(Text)  # the short summary staff see
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    reopened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    assignment: Mapped[Assignment] = relationship(back_populates="review")

    @property
    def locked(self) -> bool:
        return self.submitted_at is not None


class PanelRecommendation(Base):
    """The chair's recommendation for an application, shown to staff when deciding."""

    __tablename__ = "panel_recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panels.id"))
    chair_id: Mapped[int] = mapped_column(ForeignKey("expert_profiles.id"))
    outcome: Mapped[str] = mapped_column(String(16))  # recommend | not_recommend
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    chair: Mapped[ExpertProfile] = relationship()


class ReviewDigest(Base):
    """One reminder digest sent to an expert on a (China-time) day; at most one per day."""

    __tablename__ = "review_digests"
    __table_args__ = (UniqueConstraint("expert_id", "digest_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("expert_profiles.id", ondelete="CASCADE"))
    digest_date: Mapped[date] = mapped_column(Date)
    assignment_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
