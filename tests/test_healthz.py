"""/healthz reports whether the database answers."""
from sqlalchemy import create_engine


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok", "database": True}


def test_healthz_unavailable_when_the_database_is_unreachable(client, app):
    # A real engine pointed at a port where no database listens.
    app.extensions["db_engine"] = create_engine("postgresql+psycopg://nobody@127.0.0.1:9/none",
                                                connect_args={"connect_timeout": 2})
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["database"] is False
