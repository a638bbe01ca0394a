"""Every public method of the package, called from a table generated from its type stubs with
a value of the wrong type for each parameter in turn: each call raises `TypeError`, stores
nothing and leaves the engine usable. Then the same for integers and instants out of range,
which raise `ValueError` (`InvalidInput` for numbers, naming the parameter)."""

import ast
import datetime as dt
import importlib.util
import pathlib
import uuid

import pytest

import connectnow_queue as cq
from conftest import MONDAY_9AM, UTC

SYS = cq.Actor.system()
# An aware datetime whose UTC form is past 9999-12-31: Python cannot hold it.
PAST_THE_END = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
TOO_BIG = 2**70


def stub() -> ast.Module:
    spec = importlib.util.find_spec("connectnow_queue")
    return ast.parse((pathlib.Path(spec.origin).parent / "__init__.pyi").read_text())


def aliases(tree):
    """`_Show = Literal[...]` and the like, as annotation text."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            out[node.targets[0].id] = ast.unparse(node.value)
    return out


def literal_values(text):
    node = ast.parse(text, mode="eval").body
    return [ast.literal_eval(e) for e in (node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice])]


# Annotation → (a valid value, wrong-typed values, out-of-range values). Union members are
# looked up one by one; `| None` adds None as a valid value.
def kinds(text, alias):
    text = alias.get(text, text)
    if text.startswith("Literal[") and len(split_union(text)) == 1:
        return (literal_values(text)[0], [5, MONDAY_9AM], [])
    table = {
        "Actor": (SYS, ["system", None, 5], []),
        "uuid.UUID | str": (str(uuid.uuid4()), [3.5, MONDAY_9AM, b"id"], []),
        "str": ("x", [7, MONDAY_9AM, dt.time(9), uuid.uuid4(), b"x"], []),
        "int": (1, ["1", 1.5, True], [TOO_BIG, -TOO_BIG]),
        "bool": (True, ["yes", 1], []),
        "datetime.datetime": (MONDAY_9AM, ["2026-01-05T09:00:00Z", dt.date(2026, 1, 5), 0], [PAST_THE_END]),
        "datetime.timedelta | float": (1, ["1m", None], []),
        "float": (1, ["1m"], []),
        "datetime.timedelta": (dt.timedelta(seconds=1), ["1m"], []),
        "ManualClock": (cq.ManualClock(MONDAY_9AM), ["now", 5], []),
        "os.PathLike[str]": (":memory:", [123], []),
    }
    if text in table:
        return table[text]
    if text.startswith("Sequence[") or text.startswith("Mapping["):
        return ([], [5, "x" if "Mapping" in text else 5.5], [])
    parts = [p.strip() for p in split_union(text)]
    if len(parts) > 1:
        valid, wrong, out = None, [], []
        for p in parts:
            if p == "None":
                continue
            v, w, o = kinds(p, alias)
            valid = v if valid is None else valid
            wrong.extend(w)
            out.extend(o)
        if "None" in parts:
            valid = None  # always acceptable, and never opens a file by accident
        # A value wrong for one member may be right for another (`str` in `_Id | Sequence`).
        return (valid, [w for w in wrong if not fits(w, parts, alias)], out)
    raise AssertionError(f"no table entry for the annotation {text!r}: add one")


def split_union(text):
    depth, cur, out = 0, "", []
    for ch in text:
        depth += ch == "["
        depth -= ch == "]"
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def fits(value, parts, alias):
    for p in parts:
        p = alias.get(p, p)
        if p == "None" and value is None:
            return True
        if p == "str" and isinstance(value, str):
            return True
        if p.startswith("Sequence") and isinstance(value, (list, tuple)):
            return True
        if p.startswith("Literal[") and value in literal_values(p):
            return True
    return False


def methods():
    """(class, method, [(parameter, kind, annotation)]) for every public method in the stubs."""
    tree = stub()
    alias = aliases(tree)
    out = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or node.name not in ("Engine", "ManualClock", "Actor"):
            continue
        for fn in node.body:
            if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_") and fn.name != "__init__":
                continue
            if any(isinstance(d, ast.Name) and d.id == "property" for d in fn.decorator_list):
                continue
            a = fn.args
            params = [(p.arg, "pos", p.annotation) for p in a.args if p.arg != "self"]
            params += [(p.arg, "kw", p.annotation) for p in a.kwonlyargs]
            out.append((node.name, fn.name, [(n, k, ast.unparse(t)) for n, k, t in params], alias))
    return out


def call(engine, cls, name, args, kwargs):
    if cls == "Engine":
        if name == "__init__":
            return cq.Engine(*args, **kwargs)
        return getattr(engine, name)(*args, **kwargs)
    if cls == "ManualClock":
        target = cq.ManualClock if name == "__init__" else getattr(cq.ManualClock(MONDAY_9AM), name)
        return target(*args, **kwargs)
    return getattr(cq.Actor, name)(*args, **kwargs)


def valid_args(params, alias, skip):
    args, kwargs = [], {}
    for n, kind, ann in params:
        if n == skip:
            continue
        v = kinds(ann, alias)[0]
        if kind == "pos":
            args.append(v)
        else:
            kwargs[n] = v
    return args, kwargs


def with_value(params, alias, target, value):
    args, kwargs = [], {}
    for n, kind, ann in params:
        v = value if n == target else kinds(ann, alias)[0]
        if kind == "pos":
            args.append(v)
        else:
            kwargs[n] = v
    return args, kwargs


def stored(engine):
    return len(engine.events(SYS)), len(engine.list_companies(SYS))


@pytest.fixture
def engine():
    e = cq.Engine(clock=cq.ManualClock(MONDAY_9AM), seed=3)
    e.create_company(SYS, name="Acme")
    return e


def test_the_table_covers_every_method():
    names = {(c, m) for c, m, _, _ in methods()}
    assert len(names) > 100
    assert ("Engine", "create_queue") in names and ("ManualClock", "advance") in names
    engine_methods = {n for n in dir(cq.Engine) if not n.startswith("_")}
    assert engine_methods <= {m for c, m, _, _ in methods() if c == "Engine"}


def test_every_parameter_refuses_a_value_of_the_wrong_type(engine):
    before = stored(engine)
    checked = 0
    for cls, name, params, alias in methods():
        for n, _, ann in params:
            for wrong in kinds(ann, alias)[1]:
                args, kwargs = with_value(params, alias, n, wrong)
                with pytest.raises(TypeError) as info:
                    call(engine, cls, name, args, kwargs)
                assert not isinstance(info.value, cq.QueueError), (cls, name, n, wrong)
                checked += 1
    assert checked > 600, checked
    assert stored(engine) == before, "a refused call stored something"
    assert engine.list_companies(SYS)[0]["name"] == "Acme"


def test_every_number_and_instant_out_of_range_is_refused(engine):
    before = stored(engine)
    checked = 0
    for cls, name, params, alias in methods():
        for n, _, ann in params:
            for bad in kinds(ann, alias)[2]:
                args, kwargs = with_value(params, alias, n, bad)
                with pytest.raises(ValueError) as info:
                    call(engine, cls, name, args, kwargs)
                if isinstance(bad, int) and isinstance(info.value, cq.InvalidInput):
                    assert info.value.field == n, (cls, name, n)
                checked += 1
    assert checked > 40, checked
    assert stored(engine) == before
