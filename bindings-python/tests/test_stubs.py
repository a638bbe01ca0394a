"""The type stubs shipped in the wheel match the module: every public name of the module is in
the stubs and the other way round, every public method of every class too, and each method's
parameters (names, order, kind, defaults) are the ones the stub declares."""

import ast
import importlib.util
import inspect
import pathlib

import connectnow_queue as cq

OBJECT_NAMES = set(dir(object)) | set(dir(Exception))


def stub_tree() -> ast.Module:
    spec = importlib.util.find_spec("connectnow_queue")
    package = pathlib.Path(spec.origin).parent
    assert (package / "py.typed").exists(), "the wheel must ship py.typed"
    return ast.parse((package / "__init__.pyi").read_text())


def stub_namespace():
    """Top-level stub names, and for each class its members (functions and annotations)."""
    names, classes = set(), {}
    for node in stub_tree().body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
            members = {}
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    members[item.name] = item
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members[item.target.id] = item
            classes[node.name] = members
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.FunctionDef):
            names.add(node.name)
    return names, classes


def public(names):
    return {n for n in names if not n.startswith("_")}


def module_public_names():
    # All but the native module maturin's __init__ imports from, plus the version.
    return public(dir(cq)) - {"connectnow_queue"} | {"__version__"}


def test_every_public_name_of_the_module_is_in_the_stubs_and_back():
    names, _ = stub_namespace()
    assert set(cq.__all__) <= module_public_names()
    assert module_public_names() - names == set(), "missing from the stubs"
    assert {"Engine", "Actor", "ManualClock", "QueueError", "InvalidInput"} <= module_public_names()
    assert (public(names) | {"__version__"}) - module_public_names() == set(), "in the stubs but not in the module"
    assert "__version__" in names and isinstance(cq.__version__, str)


def test_every_public_member_of_every_class_is_in_the_stubs_and_back():
    _, classes = stub_namespace()
    for name, members in classes.items():
        cls = getattr(cq, name)
        # What the class defines itself, or for an exception what any queue error class does.
        inherited = set(classes["QueueError"]) if issubclass(cls, cq.QueueError) else set()
        runtime = public(set(vars(cls)) - OBJECT_NAMES)
        stubbed = public(members)
        assert runtime - stubbed - inherited == set(), f"{name}: missing from the stubs"
        assert stubbed - set(dir(cls)) == set(), f"{name}: in the stubs but not in the class"


def stub_params(fn: ast.FunctionDef):
    a = fn.args
    positional = [p.arg for p in a.posonlyargs + a.args]
    defaults = set(positional[len(positional) - len(a.defaults) :]) if a.defaults else set()
    keyword = {p.arg: d is not None for p, d in zip(a.kwonlyargs, a.kw_defaults)}
    return positional, defaults, keyword


def test_method_signatures_match_the_stubs():
    _, classes = stub_namespace()
    checked = 0
    for cls_name, members in classes.items():
        cls = getattr(cq, cls_name)
        for name, node in members.items():
            if not isinstance(node, ast.FunctionDef) or (name.startswith("__") and name != "__init__"):
                continue
            if any(isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list):
                continue
            target = cls if name == "__init__" else getattr(cls, name)
            sig = inspect.signature(target)
            params = list(sig.parameters.values())
            if name == "__init__":  # the class's signature omits self; methods' include it
                params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)] + params
            positional, defaults, keyword = stub_params(node)
            if isinstance(inspect.getattr_static(cls, name), staticmethod):
                assert positional[:1] != ["self"], f"{cls_name}.{name}"
            kinds = inspect.Parameter
            rt_positional = [p.name for p in params if p.kind in (kinds.POSITIONAL_ONLY, kinds.POSITIONAL_OR_KEYWORD)]
            rt_defaults = {p.name for p in params if p.default is not p.empty and p.kind != kinds.KEYWORD_ONLY}
            rt_keyword = {p.name: p.default is not p.empty for p in params if p.kind == kinds.KEYWORD_ONLY}
            takes_kwargs = any(p.kind == kinds.VAR_KEYWORD for p in params)
            where = f"{cls_name}.{name}"
            assert positional == rt_positional, where
            assert defaults == rt_defaults, where
            for k, has_default in rt_keyword.items():
                assert keyword.get(k) == has_default, f"{where}({k})"
            if not takes_kwargs:
                assert set(keyword) == set(rt_keyword), where
            else:
                # **fields become the core struct's fields, spelled out in the stub.
                assert set(rt_keyword) <= set(keyword), where
            checked += 1
    assert checked > 90
