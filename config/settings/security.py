"""Content-Security-Policy (django-csp) and the second factor (django-otp).

The policy is the same for every page of the site; `marketplace.content_security` adds what depends on
the request (this host's WebSockets, a page's payment provider) and the admin's own policy.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .env import env_int, env_list, env_str

# Browsers post the violations they block here (report-uri and the Reporting API's report-to).
CSP_REPORT_URL = "/csp/rapport/"
# At most this many reports are logged per minute and per address; the rest are dropped (429).
CSP_REPORT_RATE_LIMIT = env_int("CSP_REPORT_RATE_LIMIT", 30)
# Editors embed videos in articles (Wagtail embeds): the players' origins a page may frame.
CSP_EMBED_ORIGINS = env_list(
    "CSP_EMBED_ORIGINS",
    ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Our own modules, and inline scripts only with this response's nonce.
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        # 'self', plus ws(s):// of the request's host (added per request).
        "connect-src": [SELF],
        "frame-src": CSP_EMBED_ORIGINS or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": CSP_REPORT_URL,
        "report-to": "csp",
    }
}

# The Wagtail admin (/admin/) keeps its own, looser policy. What it replaces, and why:
# - script-src 'unsafe-inline': Wagtail 8's form widgets (date pickers, page/image/snippet choosers,
#   inline panels) render their set-up as inline <script> elements from Python code that never sees the
#   request, so they cannot carry its nonce, and their content varies, so no hash list can name them;
# - style-src 'unsafe-inline': the page editor (Draftail, StreamField, comments) writes style attributes
#   from its own scripts;
# - frame-ancestors 'self': the page editor shows its live preview in an iframe of the admin itself.
# Still refused there: 'unsafe-eval', other origins' scripts, plugins, other sites framing the admin.
# The admin login page (CSP_ADMIN_STRICT_PATHS) keeps the site's strict policy: the password is typed there.
CSP_ADMIN_PREFIX = "/admin/"
CSP_ADMIN_STRICT_PATHS = ["/admin/login/"]
CSP_ADMIN_POLICY_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
}
# No request from the admin to other sites: no Gravatar avatars (the initials are shown instead),
# no check for a newer Wagtail release (upgrades go through requirements/ like every dependency).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Second factor: the name authenticator apps show next to the account.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Passerelle")
# After n wrong codes in a row, the next is refused for FACTOR * 2^(n-1) seconds (1, 2, 4... up to an hour).
OTP_TOTP_THROTTLE_FACTOR = env_int("OTP_THROTTLE_FACTOR", 1)
OTP_STATIC_THROTTLE_FACTOR = OTP_TOTP_THROTTLE_FACTOR
# A password accepted for an account with a second factor waits this long for its code.
SECOND_FACTOR_LOGIN_SECONDS = env_int("SECOND_FACTOR_LOGIN_SECONDS", 5 * 60)
