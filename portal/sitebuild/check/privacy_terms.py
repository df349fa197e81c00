"""What the privacy guard must never find in the public site, read from the database."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select

from portal.accounts.models import User
from portal.applications.models import Application
from portal.kernel import db
from portal.privacy_rights.models import PLACEHOLDER_NAME
from portal.sitebuild.check.privacy import ForbiddenTerm
from portal.stations.models import Station


def _people_terms() -> Iterable[ForbiddenTerm]:
    rows = db.session.execute(select(Application.id, Application.id_number, Application.phone,
                                     Application.email, Application.full_name, Application.publication_consent,
                                     Application.applicant_id))
    consented_names, unconsented = set(), {}
    consenting_users = set()
    for app_id, id_number, phone, email, name, consent, user_id in rows:
        label = f"application {app_id}"
        for kind, value in (("id_number", id_number), ("phone", phone), ("email", email)):
            if value:
                yield ForbiddenTerm(kind, value, label)
        if consent:
            consented_names.add(name)
            consenting_users.add(user_id)
        elif name:
            unconsented.setdefault(name, label)
    for user_id, email, phone, name in db.session.execute(
            select(User.id, User.email, User.phone, User.full_name).where(User.role == "applicant")):
        label = f"user {user_id}"
        yield ForbiddenTerm("email", email, label)
        if phone:
            yield ForbiddenTerm("phone", phone, label)
        if name and user_id not in consenting_users:
            unconsented.setdefault(name, label)
    # A consenting person may share a name with someone who did not consent; publishing the
    # consenting person's name must stay possible, so such a name is not forbidden.
    for name, label in sorted(unconsented.items()):
        # The placeholder of anonymised records names nobody (and the privacy page quotes it).
        if name not in consented_names and name != PLACEHOLDER_NAME:
            yield ForbiddenTerm("name", name, label)


def forbidden_terms() -> list[ForbiddenTerm]:
    """Every applicant's ID number, phone and email, and the names of applicants who did
    not consent to publication (sorted, so the list hashes the same for the same rows)."""
    return sorted(set(_people_terms()), key=lambda t: (t.kind, t.value, t.label))


def published_mobiles() -> list[str]:
    """The mobile numbers the public site may show: the service stations' office numbers and
    the short list in PRIVACY_PUBLISHED_MOBILES. Any other mobile number stops a publish."""
    stations = db.session.scalars(select(Station.office_phone)).all()
    return sorted({*filter(None, stations), *current_app.config.get("PRIVACY_PUBLISHED_MOBILES", ())})


def terms_hash(terms: Iterable[ForbiddenTerm], published: Iterable[str] = ()) -> str:
    """A hash of ``terms`` and the published mobiles (and of the guard's pattern rules): when it
    changes, the whole site must be scanned again."""
    digest = hashlib.sha256(b"patterns: id-number checksum, mainland mobile\n")
    for number in published:
        digest.update(f"published\0{number}\n".encode())
    for term in terms:
        digest.update(f"{term.kind}\0{term.value}\n".encode())
    return digest.hexdigest()
