"""Access checks, on the server, for every back-office route."""
from functools import wraps

from flask import abort
from flask_login import current_user

from portal.extensions import login_manager


def role_required(*roles):
    """The view is for signed-in accounts with one of ``roles``; others get 403 (or the login page)."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)
        wrapped.roles = roles
        return wrapped
    return decorator


def acts_for(administration_id):
    """Whether the signed-in account may act for this administration."""
    if current_user.administration_id is None:  # reviewers and admins act for all
        return True
    return current_user.administration_id == administration_id


def require_acts_for(administration_id):
    """404, not 403, for another administration's objects: their existence is not disclosed."""
    if not acts_for(administration_id):
        abort(404)
