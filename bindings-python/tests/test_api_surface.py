"""Every public method of the Rust `queue_core::Engine` is reachable from Python: read the core's
sources for `pub fn` inside `impl Engine` and look each one up on `connectnow_queue.Engine`.
A method added to the core without a binding fails here."""

import pathlib
import re

import connectnow_queue as cq

CORE_SRC = pathlib.Path(__file__).resolve().parents[2] / "queue-core" / "src"

# Rust methods with no Python method of the same name, and where Python has them instead.
COVERED_ELSEWHERE = {
    "open": "Engine(path)",
    "open_seeded": "Engine(path, seed=...)",
    "in_memory": "Engine(clock=...)",
    "in_memory_default": "Engine()",
    "in_memory_manual": "Engine(clock=ManualClock(start))",
    # A raw `&mut dyn Store` is host tooling for Rust; Python reaches the store through the engine.
    "store_mut": None,
    # Every Python call runs through it: a panic (a bug) reloads the engine instead of killing it.
    "guarded": None,
    "enqueue_preferring": "enqueue(..., preferred_agent_id=..., preferred_for_seconds=...)",
    "enqueue_new_preferring": "enqueue_new(..., preferred_agent_id=..., preferred_for_seconds=...)",
}


def core_engine_methods() -> set[str]:
    names = set()
    for path in CORE_SRC.rglob("*.rs"):
        source = path.read_text().split("#[cfg(test)]")[0]
        for block in re.split(r"\n(?=impl\b|pub struct|struct|pub enum|enum|pub fn|fn|pub trait)", source):
            if block.startswith("impl Engine"):
                names.update(re.findall(r"^    pub fn (\w+)", block, flags=re.M))
    return names


def test_every_public_engine_method_has_a_python_counterpart():
    methods = core_engine_methods()
    assert len(methods) > 90, "the core's sources were not found or not parsed"
    missing = sorted(m for m in methods if m not in COVERED_ELSEWHERE and not hasattr(cq.Engine, m))
    assert missing == []
    assert set(COVERED_ELSEWHERE) <= methods, "a method listed as covered elsewhere left the core"


def test_the_module_under_test_is_the_installed_wheel():
    # .ci/python.sh installs the wheel into a venv and runs pytest from outside the source tree.
    assert "site-packages" in pathlib.Path(cq.__file__).parts
