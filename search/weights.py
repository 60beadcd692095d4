"""How much each reason counts when matching a project with a provider: the one place to tune matching.

A match score is a weighted sum of components, each between 0 and 1, shown as 0-100. The same components and
weights rank providers for a project (`providers_for`) and projects for a provider (`projects_for`), on every
engine; the engines only find the candidates and score the text.

- skills (35): the share of the project's needed skills the provider has. Skills come from what the
  association ticked, from what its text says (labels and synonyms of the taxonomy, typos allowed), and, when
  it said nothing precise, from the project type (each counts half). Declared on the profile: full credit;
  only written in the presentation: SKILL_IN_TEXT_CREDIT; another skill of the same domain: SKILL_DOMAIN_CREDIT.
- text (20): how close the provider's presentation, services and portfolio are to the project's title and
  description (BM25 on the engine, relative to the best candidate, so it means "among these, the closest").
- place (15): 1 within PLACE_NEAR_KM, decaying by half every PLACE_HALF_DECAY_KM; serving the project's region
  gives at least PLACE_SAME_REGION; working remotely when the project allows it gives PLACE_REMOTE.
- budget (12): whether the project's budget covers the provider's minimum project size and BUDGET_FULL_DAYS
  days at its lowest day rate. Unknown budget or rates: BUDGET_UNKNOWN.
- rating (8): the mean of reviews pulled towards RATING_PRIOR by RATING_PRIOR_WEIGHT phantom reviews, so one
  5-star review does not beat forty 4.8s.
- discount (5): the solidarity discount, full credit at DISCOUNT_FULL_PERCENT; pro bono counts as full.
- certifications (5): a certification relevant to the project's domain (Qualiopi for trainings, ExpertCyber
  for security...) gives full credit, any other certification half.

Dealbreakers: a provider whose minimum project size is above the budget, or who neither comes to the project's
area nor works remotely, keeps DEALBREAKER_FACTOR of its score for each: its skills alone must not put it
above someone the association can actually hire.

Responsiveness (a multiplier, not a component): an association that invites a provider waits for its answer
(a quote, a decline or a message, within RESPONSE_DEADLINE_WORKING_DAYS working days). A provider that let more
than EXPIRY_TOLERATED_SHARE of its invitations of the last 12 months expire without an answer in time keeps a
smaller share of its score, down to 1 - EXPIRY_PENALTY_MAX when it let all of them expire (linearly between
the two), and its match says so ("Répond souvent après le délai"). With fewer than EXPIRY_MIN_INVITATIONS due
invitations it is neutral: a newcomer is not judged on one missed email. The counts are read from the database
at match time for the candidates (one query), not stored in the search document: the 12-month window slides
every day and every answer changes them, so a document would always be a little stale; any engine gets the
same figures since the final scoring is this module's, in Python. Only `providers_for` applies it: in
`projects_for` the provider is the same for every project, so it would change no order.

Only verified providers are proposed; providers already invited or quoting are flagged, not hidden.
"""

WEIGHTS = {
    "skills": 35.0,
    "text": 20.0,
    "place": 15.0,
    "budget": 12.0,
    "rating": 8.0,
    "discount": 5.0,
    "certifications": 5.0,
}

SKILL_IN_TEXT_CREDIT = 0.6
SKILL_DOMAIN_CREDIT = 0.25
SKILL_FROM_TYPE_WEIGHT = 0.5

PLACE_NEAR_KM = 15.0
PLACE_HALF_DECAY_KM = 60.0
PLACE_SAME_REGION = 0.7
PLACE_REMOTE = 0.6
PLACE_UNKNOWN = 0.4

BUDGET_FULL_DAYS = 3
BUDGET_UNKNOWN = 0.5

RATING_PRIOR = 3.5
RATING_PRIOR_WEIGHT = 3

DISCOUNT_FULL_PERCENT = 25

# Certifications that speak to a project's domain of skills.
RELEVANT_CERTIFICATIONS = {
    "training-inclusion": {"qualiopi", "datadock"},
    "cybersecurity-gdpr": {"expertcyber"},
    "cloud-collaboration": {"microsoft_nonprofit", "google_nonprofit"},
    "networks-hardware": {"numerique_responsable"},
}

DEALBREAKER_FACTOR = 0.6

EXPIRY_MIN_INVITATIONS = 3
EXPIRY_TOLERATED_SHARE = 0.2
EXPIRY_PENALTY_MAX = 0.3
# Below this place value the provider is out of reach (far, and no remote work possible).
PLACE_OUT_OF_REACH = 0.1

# How many candidates an engine hands to the final scoring: enough that re-ranking by place, budget and rating
# can bring up a provider the text alone ranked lower.
CANDIDATES = 120
