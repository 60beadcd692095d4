"""Wait for localstripe, then ask it to deliver signed webhooks to the app (used by `make run`).

localstripe keeps webhook endpoints in its own `/_config/webhooks/<name>` API; the
secret is the one the app checks signatures with (STRIPE_WEBHOOK_SECRET).
Exits non-zero with a sentence when localstripe does not answer.
"""

import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def main() -> int:
    base = os.environ["STRIPE_API_BASE"].rstrip("/")
    target = os.environ["SITE_URL"].rstrip("/") + "/billing/stripe/webhook/"
    data = urllib.parse.urlencode({"url": target, "secret": os.environ["STRIPE_WEBHOOK_SECRET"]}).encode()
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{base}/_config/webhooks/passerelle", data=data, timeout=2).close()  # noqa: S310
        except (urllib.error.URLError, ConnectionError) as error:
            if time.monotonic() > deadline:
                print(f"localstripe did not answer at {base}: {error}", file=sys.stderr)  # noqa: T201 - a CLI
                return 1
            time.sleep(0.3)
            continue
        print(f"localstripe delivers webhooks to {target}")  # noqa: T201 - a CLI
        return 0


if __name__ == "__main__":
    sys.exit(main())
