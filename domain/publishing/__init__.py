"""Publishing the procedure catalog: versions as events, each judged before it is recorded.

``CatalogRegistry`` records every version of every procedure (:mod:`.registry`); a
``Draft`` is what an admin publishes, judged whole by ``problems_in`` (:mod:`.check`).
"""

from domain.publishing.check import problems_in
from domain.publishing.draft import Draft, InvalidVersion, VersionProblem
from domain.publishing.registry import CatalogRegistry

__all__ = ["CatalogRegistry", "Draft", "InvalidVersion", "VersionProblem", "problems_in"]
