"""Files received with a form that was not accepted yet (another field had an error).

They wait under ``staging/<submission>/`` so that the citizen does not send them again;
the submission token is the form's idempotency key. A form never sent again would leave them
there for good, and an address that posts refused forms in a loop would fill the disk. So:
- they expire: ``expire`` (the command ``flask requests expire-staging``, to schedule hourly)
  clears every folder untouched for ``STAGING_HOURS`` (24 by default);
- they are capped: at most ``STAGING_BYTES_PER_ADDRESS`` from one address and
  ``STAGING_BYTES_TOTAL`` in all. A file over the cap is not kept (the form says so on its
  field); what was staged before stays. The address is kept as a keyed hash, in an empty marker
  file's name (``owner-<hash>``), so that a listing of the store, local or S3, gives the use per
  address without reading any file.
"""
import hashlib
import hmac
import json
import re
import time
from dataclasses import asdict, dataclass

from .storage import Missing

SUBMISSION = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class Staged:
    key: str
    filename: str
    content_type: str
    size: int
    sha256: str


def _folder(submission):
    if not SUBMISSION.match(submission or ""):
        raise ValueError("not a submission token")
    return f"staging/{submission}"


class OverCap(Exception):
    """Keeping this file would pass the staging cap of the address, or the total one."""


def owner(secret_key, address):
    return hmac.new(secret_key.encode(), (address or "-").encode(), hashlib.sha256).hexdigest()[:24]


def usage(storage, owner_hash):
    """``(bytes staged from this owner, bytes staged in all)``."""
    listed = storage.listing("staging")
    owned = {key.split("/")[1] for key, _size, _at in listed if key.rsplit("/", 1)[-1] == f"owner-{owner_hash}"}
    mine = sum(size for key, size, _at in listed if key.split("/")[1] in owned)
    return mine, sum(size for _key, size, _at in listed)


def check_cap(storage, owner_hash, size, per_address, total):
    mine, everyone = usage(storage, owner_hash)
    if mine + size > per_address or everyone + size > total:
        raise OverCap()


def stage(storage, submission, document_id, checked, owner_hash=None):
    staged = Staged(f"{_folder(submission)}/{document_id}", checked.filename, checked.content_type,
                    len(checked.data), checked.sha256)
    if owner_hash:
        storage.put(f"{_folder(submission)}/owner-{owner_hash}", b"")
    storage.put(staged.key, checked.data)
    storage.put(f"{staged.key}.json", json.dumps(asdict(staged)).encode())
    return staged


def staged_files(storage, submission, document_ids):
    found = {}
    for document_id in document_ids:
        meta = f"{_folder(submission)}/{document_id}.json"
        try:
            found[document_id] = Staged(**json.loads(storage.get(meta)))
        except Missing:  # never staged, or cleared by an identical post that was filed meanwhile
            continue
    return found


def expire(storage, max_age_seconds, now=None):
    """Clear the staging folders untouched for ``max_age_seconds``; the number cleared. Safe to run
    twice, or at the same time as a filing (a folder in use was touched recently)."""
    now = time.time() if now is None else now
    newest = {}
    for key, _size, modified in storage.listing("staging"):
        folder = key.split("/")[1]
        newest[folder] = max(newest.get(folder, 0), modified)
    old = [folder for folder, modified in newest.items() if now - modified > max_age_seconds]
    for folder in old:
        storage.delete_tree(f"staging/{folder}")
    return len(old)
