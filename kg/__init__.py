"""kg: knowledge graphs from Chinese government documents.

The library is the product; every CLI command calls one of these functions::

    import kg
    report = kg.build(["examples/"], "output")
    rows = kg.query("queries/people-and-posts.rq", store="output")

They are imported on first use, so `import kg` stays cheap.
"""
__version__ = "0.1.0"

_API = {
    "build": ("builder", "build"),
    "query": ("sparql", "query"),
    "validate": ("shacl", "validate"),
    "viz": ("views", "viz"),
    "load": ("loader", "load"),
    "evaluate": ("scoring", "evaluate"),
    "export": ("exports", "write_exports"),
}
__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        import importlib

        module, attr = _API[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
