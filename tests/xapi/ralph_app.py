"""Ralph's LRS app, with two fixes for its filesystem backend (run inside ralph's environment).

Ralph 5.1.0's filesystem backend is meant for development, and two things stop it from acting as
an LRS over more than one request:

- the API writes statements without naming an operation, and the backend's default (CREATE)
  refuses to write to a file that exists, so every POST after the first that holds a new
  statement fails with HTTP 500 ("Statements bulk indexation failed"). Here it appends;
- the API turns the ``verb`` and ``activity`` query parameters into ``IRI`` objects, which the
  backend compares with the statements' plain strings, so a GET filtered by verb or activity
  finds nothing. Here the backend gets the string.

Everything else (validation, basic auth, duplicate detection, queries) is ralph as released.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

_write = FSLRSBackend.write


def _append(self, data, target=None, chunk_size=None, ignore_errors=False,  # noqa: ANN001, ANN202
            operation_type=None):
    return _write(self, data, target, chunk_size, ignore_errors,
                  operation_type or BaseOperationType.APPEND)


FSLRSBackend.write = _append

_by_verb = FSLRSBackend._add_filter_by_verb
_by_activity = FSLRSBackend._add_filter_by_activity


def _verb(filters, verb_id):  # noqa: ANN001, ANN202 - ralph's own signature
    return _by_verb(filters, str(verb_id) if verb_id else verb_id)


def _activity(filters, object_id, related):  # noqa: ANN001, ANN202
    return _by_activity(filters, str(object_id) if object_id else object_id, related)


FSLRSBackend._add_filter_by_verb = staticmethod(_verb)
FSLRSBackend._add_filter_by_activity = staticmethod(_activity)

from ralph.api import app  # noqa: E402  (after the fix, so the app uses it)

__all__ = ["app"]
