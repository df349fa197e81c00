"""The build's tests share the public site's content fixture (tests/site/conftest.py)."""
from tests.site.conftest import demo_content  # noqa: F401  (a fixture)
