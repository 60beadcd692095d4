"""Collects what the Content-Security-Policy blocks in a Chromium page, so a browser test can fail on it.

Chromium logs each blocked script, style, frame or connection on the console; the page also fires a
`securitypolicyviolation` event, which a script added through the DevTools protocol (not subject to the
policy) writes to the console too, so neither way of noticing is missed.
"""

VIOLATION_PREFIX = "securitypolicyviolation:"
LISTENER = (
    'document.addEventListener("securitypolicyviolation", (event) => console.error('
    f'"{VIOLATION_PREFIX} " + event.effectiveDirective + " blocked " + (event.blockedURI || "inline")'
    ' + " at " + event.sourceFile + ":" + event.lineNumber));'
)


def watch_content_security(page, into: list[str] | None = None) -> list[str]:
    """The list (`into`, or a new one) that fills with `url: message` for every violation the page reports."""
    violations = [] if into is None else into

    def on_console(message):
        text = message.text
        if text.startswith(VIOLATION_PREFIX) or "Content Security Policy" in text:
            violations.append(f"{page.url}: {text}")

    page.add_init_script(LISTENER)
    page.on("console", on_console)
    page.csp_violations = violations
    return violations
