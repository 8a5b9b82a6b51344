"""A request, a command or a job commits once, through ``portal.transaction.commit()``: the one place
where what a write queued (reindex, cache, notice) runs after the commit, and never after a rollback.

Operations flush and never commit; a commit anywhere else would skip those actions or split a unit of
work. The few other ``commit()`` calls are listed here, each with why.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    ("portal/transaction.py", "db.session"): "the one commit, followed by the actions it queued",
    ("procedures/notices/outbox.py", "session"): "a notice's delivery claims and outcome, in a session of its"
                                                  " own, committed apart from any request so that two workers"
                                                  " never send the same notice",
    ("procedures/search/whoosh_backend.py", "writer"): "a Whoosh index writer, not the database",
}


def commits():
    for path in sorted([*ROOT.joinpath("portal").rglob("*.py"), *ROOT.joinpath("procedures").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit":
                yield path.relative_to(ROOT).as_posix(), ast.unparse(node.func.value), node.lineno


def test_only_the_transaction_module_commits():
    stray = [f"{path}:{line}: {receiver}.commit()" for path, receiver, line in commits()
             if receiver != "transaction" and (path, receiver) not in ALLOWED]
    assert stray == [], "commit through portal.transaction.commit() (operations only flush)"


def test_the_exceptions_still_exist():
    """An exception that is no longer needed is taken off the list."""
    found = {(path, receiver) for path, receiver, _line in commits()}
    assert set(ALLOWED) <= found
