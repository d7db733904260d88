"""The composition root, the one place that knows every adapter: :func:`bootstrap`
wires the use cases over real adapters (or the ones a test hands in), and
:func:`create_app` puts the HTTP API and the pages on top of them."""

from interfaces.bootstrap.app import App, bootstrap
from interfaces.bootstrap.asgi import create_app

__all__ = ["App", "bootstrap", "create_app"]
