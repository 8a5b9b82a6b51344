"""Where the domain plugs into the shell, so that the shell never imports the domain.

The shell names a few kinds of hook and asks for what was registered; each area of the
domain registers its own in its ``init_app`` (``procedures.init_app`` calls them all):

- ``readiness``: ``(name, check)`` pairs run by ``/readyz``; a check raises when not ready
  (a ``LookupError``'s message is shown as is);
- ``api_paths``: functions ``add_paths(spec)`` that add their paths to the OpenAPI description;
- ``administrations``: one function returning the rows accounts may be attached to (objects with
  ``id``, ``code`` and a translated ``name``), for the accounts' form and ``flask accounts create``;
- ``offices``: one object with ``codes_of(account)``, ``check(codes, role, administration_id)`` and
  ``assign(account, offices)``, for the offices an agent works in (the accounts' form).
"""
from flask import current_app

KINDS = ("readiness", "api_paths", "administrations", "offices")


def _hooks(app):
    return app.extensions.setdefault("masatir.hooks", {kind: [] for kind in KINDS})


def register(app, kind, item):
    if kind not in KINDS:
        raise ValueError(f"unknown hook {kind!r}; known: {', '.join(KINDS)}")
    _hooks(app)[kind].append(item)


def registered(kind, app=None):
    """What was registered for ``kind``, in the order of registration."""
    return list(_hooks(app or current_app)[kind])


def administrations():
    """The administrations accounts may belong to, or none when no area provides them."""
    providers = registered("administrations")
    return providers[0]() if providers else []


def offices():
    """What assigns agents to offices (``codes_of``, ``check``, ``assign``)."""
    return registered("offices")[0]
