"""The editors' desk: the directory in a browser, over the same library calls as the CLI.

`create_app` builds the Starlette app for an engine; `server.serve` is what `quotes serve` runs.
"""

from .app import create_app

__all__ = ["create_app"]
