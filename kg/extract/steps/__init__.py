"""The steps of the default extraction pipeline, one module each; importing this package registers them all.

    document → entities → dates → by-role → plural → pronouns → posts → events → mentions → entities-used
"""

from kg.extract.steps import (  # noqa: F401  (imported for their @component registration)
    by_role,
    dates,
    document,
    entities,
    events,
    mentions,
    plural,
    posts,
    pronouns,
    used,
)
