"""``PlainTextFormRenderer``: the ``FormRenderer`` port without fonts or PDF, for tests of
the use cases that issue forms: a form's facts as sorted UTF-8 JSON under its title."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from application.forms.data import FormData


class PlainTextFormRenderer:
    fingerprint = hashlib.sha256(b"motcua plain-text forms 1").hexdigest()

    def render(self, form: FormData) -> bytes:
        facts = json.dumps(asdict(form), ensure_ascii=False, sort_keys=True, default=str)
        return f"Mẫu số {form.number}: {form.title}\n{facts}\n".encode()
