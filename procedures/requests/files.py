"""Agents open the files of the requests they handle (issue 12 §4).

Served from the storage (local or S3) only to an agent who may see the request; to anyone else,
signed in or not, the file does not exist (404). A file is untrusted content: it is sent with the
type stored at filing (checked from its bytes then), never sniffed, in a sandbox when shown inline,
never cached; every opening is written to the audit log.
"""
from urllib.parse import quote

from flask import Blueprint, Response, abort, request
from flask_login import current_user

from portal import audit, transaction
from portal.auth.models import AGENT

from .agent_views import own_request
from .operations import storage

blueprint = Blueprint("agent_files", __name__, url_prefix="/<lang_code>/office/requests")
# Shown in the browser, sandboxed: pictures. A PDF is downloaded (Chromium refuses to run its PDF
# viewer in a sandboxed document, and the agent's own reader is a safer place for it).
INLINE_TYPES = ("image/jpeg", "image/png")


@blueprint.get("/<number>/files/<int:upload_id>")
def open_file(number, upload_id):
    if not current_user.is_authenticated or not current_user.has_role(AGENT):
        abort(404)  # not even a login page: that a request has files is not disclosed
    found = own_request(number)
    upload = next((u for u in found.uploads if u.id == upload_id), None) or abort(404)
    inline = request.args.get("view") == "inline" and upload.content_type in INLINE_TYPES
    data = storage().get(upload.key)
    audit.record("request_file_opened", f"request:{found.number}", upload=upload.id, filename=upload.filename,
                 sha256=upload.sha256, inline=inline)
    transaction.commit()
    disposition = "inline" if inline else "attachment"
    ascii_name = upload.filename.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return Response(data, mimetype=upload.content_type, headers={
        "Content-Disposition": f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(upload.filename)}",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; frame-ancestors 'none'",
        "Cache-Control": "no-store, private",
        "Pragma": "no-cache",
    })
