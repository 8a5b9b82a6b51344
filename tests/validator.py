"""The W3C Nu HTML Checker (vnu-jar, the reference validator) over the pages the tests render.

Every HTML page a test receives is kept, one per route and language (the first one seen), and the
checker runs once, at the end of the session, over the whole batch: one Java start-up, not one per
page. Its errors fail the session, listed with the route they came from. Without Java or vnu.jar the
check is skipped with a message, except in CI (``CI=true``), where it is a failure.
"""
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

VNU = Path(os.environ.get("VNU_JAR", Path(__file__).resolve().parents[1] / "node_modules/vnu-jar/build/dist/vnu.jar"))


class Batch:
    def __init__(self):
        self.pages = {}

    def keep(self, key, html):
        """``key`` names the route and the language (``/ar/procedures/<slug>``): one page each."""
        self.pages.setdefault(key, html)

    def unavailable(self):
        if not shutil.which("java"):
            return "Java is not installed: the Nu HTML Checker cannot run"
        if not VNU.exists():
            return f"vnu.jar is not installed at {VNU} (npm install vnu-jar)"
        return None

    def errors(self):
        """The checker's errors, as ``route: line N: message`` lines."""
        if not self.pages:
            return []
        with tempfile.TemporaryDirectory() as folder:
            names = {}
            for index, (key, html) in enumerate(sorted(self.pages.items())):
                path = Path(folder) / f"page{index}.html"
                path.write_text(html, encoding="utf-8")
                names[path.name] = key
            command = ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always"]
            result = subprocess.run([*command, *sorted(str(Path(folder) / name) for name in os.listdir(folder))],
                                    capture_output=True, text=True, timeout=600)
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
        return [f"{names.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}: "
                f"line {m.get('lastLine', '?')}: {m['message']}" for m in messages if m.get("type") == "error"]


pages = Batch()
