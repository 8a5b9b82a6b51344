"""Files received with a form that was not accepted yet (another field had an error).

They wait under ``staging/<submission>/`` so that the citizen does not send them again;
the submission token is the form's idempotency key.
"""
import json
import re
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


def stage(storage, submission, document_id, checked):
    staged = Staged(f"{_folder(submission)}/{document_id}", checked.filename, checked.content_type,
                    len(checked.data), checked.sha256)
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
