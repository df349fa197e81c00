"""CSRF sweep generated from app.url_map: every POST route refuses a request without a token."""
import pytest
from flask import url_for

from tests.conftest import PASSWORD, csrf_token_from
from tests.test_authz_sweep import ACCESS, world  # noqa: F401  (world is a fixture)

POST_ROUTES = sorted(key for key in ACCESS if key[1] == "POST")


@pytest.mark.csrf
def test_every_post_route_is_in_the_sweep(app):
    posts = {(rule.endpoint, "POST") for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert posts == set(POST_ROUTES)


@pytest.mark.csrf
def test_no_post_route_accepts_a_request_without_a_csrf_token(app, world):
    client = app.test_client()
    admin = world["users"]["admin"]
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    assert client.post("/login", data={"email": admin.email, "password": PASSWORD,
                                       "csrf_token": token}).status_code == 302
    accepted = []
    for endpoint, _method in POST_ROUTES:
        with app.test_request_context():
            url = url_for(endpoint, **ACCESS[(endpoint, "POST")].args(world))
        response = client.post(url, data={})
        response.close()
        if response.status_code != 400:
            accepted.append((url, response.status_code))
    assert accepted == []
