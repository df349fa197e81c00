"""The development outbox reads messages back in the order they were sent, whatever the clock says."""
from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage

from portal.kernel.mail import read_outbox, send_mail, write_to_outbox


def test_the_outbox_keeps_the_sending_order_when_the_clock_goes_back(app, frozen_clock, outbox):
    frozen_clock(datetime(2027, 6, 1, 12, 0))
    send_mail("a@example.com", "first", "one")
    frozen_clock(datetime(2026, 1, 1, 0, 0))  # an earlier clock must not put the later message first
    send_mail("b@example.com", "second", "two")
    frozen_clock(datetime(2026, 1, 1, 0, 0))
    send_mail("c@example.com", "third", "three")
    assert [m["Subject"] for m in outbox()] == ["first", "second", "third"]


def test_two_writers_that_pick_the_same_number_do_not_overwrite_each_other(tmp_path, monkeypatch):
    def message(subject: str) -> EmailMessage:
        m = EmailMessage()
        m["Subject"], m["Message-ID"] = subject, "<same-id@test>"
        m.set_content(subject)
        return m

    first = write_to_outbox(tmp_path, message("one"))
    # The second writer counted the folder before the first file was there: it picks number 1 too.
    monkeypatch.setattr("portal.kernel.mail._sequence_of", lambda path: 0)
    second = write_to_outbox(tmp_path, message("two"))
    monkeypatch.undo()
    assert first.name.startswith("000000001-") and second.name.startswith("000000002-")
    assert [m["Subject"] for m in read_outbox(tmp_path)] == ["one", "two"]
