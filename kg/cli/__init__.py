"""The command line: one module per command, each a thin wrapper over a library call."""
from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build knowledge graphs from Chinese government documents, query them with SPARQL,
    view them in a browser and load them into a triplestore.

    Start with `kg build examples/` and look in output/.
    """
    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)  # its dictionary-loading chatter is not for users


def _register() -> None:
    from . import build, validate  # noqa: F401  (each module adds its command to `main`)

    for optional in ("query", "viz", "load", "export", "eval", "bench"):
        try:
            __import__(f"{__name__}.{optional}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{optional}":
                raise


_register()
