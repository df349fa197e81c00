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


def test_pages_carry_security_headers(client):
    response = client.get("/login")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_unexpected_errors_show_a_plain_page_not_a_trace(app, client):
    @app.get("/__boom")
    def boom():
        raise RuntimeError("secret internals")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/__boom")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and "服务器出错了" in page
    assert "secret internals" not in page and "Traceback" not in page
