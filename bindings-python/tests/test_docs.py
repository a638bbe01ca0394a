"""The README's Python section runs as written, and so does the quick-start example."""

import os
import pathlib
import re
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]


def readme_python_blocks() -> list[str]:
    readme = (REPO / "README.md").read_text()
    section = re.search(
        r"<!-- python-section:start -->(.*?)<!-- python-section:end -->", readme, flags=re.S
    )
    assert section, "README has no Python section"
    return re.findall(r"```python\n(.*?)```", section.group(1), flags=re.S)


def test_the_readme_python_section_runs_as_written(tmp_path, monkeypatch):
    blocks = readme_python_blocks()
    assert blocks, "the Python section has no python code block"
    monkeypatch.chdir(tmp_path)  # anything it writes lands here
    for block in blocks:
        exec(compile(block, "README.md (python section)", "exec"), {"__name__": "__readme__"})


def test_the_quickstart_example_runs(tmp_path):
    db = tmp_path / "quickstart.db"
    out = subprocess.run(
        [sys.executable, str(REPO / "examples" / "python" / "quickstart.py"), str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert out.returncode == 0, out.stderr
    assert "chat 1 escalated to tier 2: offered Bob" in out.stdout
    assert "offered 2, answered 2" in out.stdout
    assert db.exists()
