"""The contacts service: contacts, interactions, gatherings, duplicates, imports and exports."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .._generated.contacts import models as m
from .._generated.contacts.api.contacts import (
    delete_v1_contacts_record_id, get_v1_contacts, get_v1_contacts_record_id, patch_v1_contacts_record_id,
    post_v1_contacts)
from .._generated.contacts.api.duplicates import get_v1_duplicates, post_v1_duplicates_merge
from .._generated.contacts.api.exports import get_v1_exports_contacts_csv, get_v1_exports_contacts_vcf
from .._generated.contacts.api.gatherings import (
    delete_v1_gatherings_record_id, get_v1_gatherings, get_v1_gatherings_record_id, patch_v1_gatherings_record_id,
    post_v1_gatherings)
from .._generated.contacts.api.imports import get_v1_imports, get_v1_imports_job_id
from .._generated.contacts.api.interactions import (
    delete_v1_interactions_record_id, get_v1_interactions, get_v1_interactions_record_id,
    patch_v1_interactions_record_id, post_v1_interactions)
from ._base import Body, Group, body, enum, given

IMPORT_TYPES = ("text/csv", "text/vcard")
FINISHED = ("done", "failed")


class Contacts(Group):
    """`/v1/contacts`"""

    def list(self, *, tag: str | None = None, tier: str | None = None, gathering_id: str | None = None,
             q: str | None = None, page_size: int | None = None) -> Iterator[m.ContactOut]:
        return self._caller.pages(get_v1_contacts, m.ContactOut, page_size=page_size, **given(
            tag=tag, tier=enum(m.GetV1ContactsTier, tier), gathering_id=gathering_id, q=q))

    def get(self, record_id: str) -> m.ContactOut:
        return self._caller.call(get_v1_contacts_record_id, record_id)

    def create(self, fields: m.ContactFields | Body) -> m.ContactCreatedOut:
        return self._caller.call(post_v1_contacts, body=body(fields))

    def patch(self, record_id: str, changes: m.ContactPatch | Body, *, if_match: str | None = None) -> m.ContactOut:
        return self._caller.call(patch_v1_contacts_record_id, record_id, body=body(changes), **given(if_match=if_match))

    def delete(self, record_id: str) -> None:
        self._caller.call(delete_v1_contacts_record_id, record_id)


class Interactions(Group):
    """`/v1/interactions`"""

    def list(self, *, contact_id: str | None = None, kind: str | None = None, direction: str | None = None,
             gathering_id: str | None = None, q: str | None = None,
             page_size: int | None = None) -> Iterator[m.InteractionOut]:
        return self._caller.pages(get_v1_interactions, m.InteractionOut, page_size=page_size, **given(
            contact_id=contact_id, kind=enum(m.GetV1InteractionsKind, kind),
            direction=enum(m.GetV1InteractionsDirection, direction), gathering_id=gathering_id, q=q))

    def get(self, record_id: str) -> m.InteractionOut:
        return self._caller.call(get_v1_interactions_record_id, record_id)

    def create(self, fields: m.InteractionFields | Body) -> m.InteractionOut:
        return self._caller.call(post_v1_interactions, body=body(fields))

    def patch(self, record_id: str, changes: m.InteractionPatch | Body, *,
              if_match: str | None = None) -> m.InteractionOut:
        return self._caller.call(patch_v1_interactions_record_id, record_id, body=body(changes),
                                 **given(if_match=if_match))

    def delete(self, record_id: str) -> None:
        self._caller.call(delete_v1_interactions_record_id, record_id)


class Gatherings(Group):
    """`/v1/gatherings`"""

    def list(self, *, kind: str | None = None, q: str | None = None,
             page_size: int | None = None) -> Iterator[m.GatheringOut]:
        return self._caller.pages(get_v1_gatherings, m.GatheringOut, page_size=page_size,
                                  **given(kind=enum(m.GetV1GatheringsKind, kind), q=q))

    def get(self, record_id: str) -> m.GatheringOut:
        return self._caller.call(get_v1_gatherings_record_id, record_id)

    def create(self, fields: m.GatheringFields | Body) -> m.GatheringOut:
        return self._caller.call(post_v1_gatherings, body=body(fields))

    def patch(self, record_id: str, changes: m.GatheringPatch | Body, *,
              if_match: str | None = None) -> m.GatheringOut:
        return self._caller.call(patch_v1_gatherings_record_id, record_id, body=body(changes),
                                 **given(if_match=if_match))

    def delete(self, record_id: str) -> None:
        self._caller.call(delete_v1_gatherings_record_id, record_id)


class Duplicates(Group):
    """`/v1/duplicates`: likely duplicate pairs, and merging two contacts."""

    def list(self, *, page_size: int | None = None) -> Iterator[m.DuplicatePair]:
        return self._caller.pages(get_v1_duplicates, m.DuplicatePair, page_size=page_size)

    def merge(self, merge: m.MergeIn | Body) -> m.MergeOut:
        return self._caller.call(post_v1_duplicates_merge, body=body(merge))


class Imports(Group):
    """`/v1/imports`: a file queued for import (202), then followed until it is done or failed."""

    def create(self, text: str | bytes, content_type: str = "text/csv", filename: str | None = None) -> m.ImportJobOut:
        """Queue an import of a LinkedIn or Rapport CSV (`text/csv`) or of vCards (`text/vcard`).

        Written by hand: the generator has no text/csv or text/vcard request bodies."""
        media = content_type.split(";", 1)[0].strip().lower()
        if media not in IMPORT_TYPES:
            raise ValueError(f"content_type: one of {', '.join(IMPORT_TYPES)}, not {content_type!r}")
        content = text.encode("utf-8") if isinstance(text, str) else text
        response = self._http.request("POST", "/v1/imports", params=given(filename=filename), content=content,
                                      headers={"Content-Type": f"{media}; charset=utf-8"})
        return m.ImportJobOut.from_dict(response.json())

    def get(self, job_id: str) -> m.ImportJobOut:
        return self._caller.call(get_v1_imports_job_id, job_id)

    def list(self, *, page_size: int | None = None) -> Iterator[m.ImportJobOut]:
        return self._caller.pages(get_v1_imports, m.ImportJobOut, page_size=page_size)

    def wait(self, job_id: str, on_progress: Callable[[m.ImportJobOut], Any] | None = None, *,
             interval: float = 1.0, max_wait: float | None = None) -> m.ImportJobOut:
        """Poll the job every `interval` seconds until it is done or failed (`on_progress` sees every
        state read); TimeoutError after `max_wait` seconds of waiting."""
        waited = 0.0
        while True:
            job = self.get(job_id)
            if on_progress is not None:
                on_progress(job)
            if str(job.status) in FINISHED:
                return job
            if max_wait is not None and waited >= max_wait:
                raise TimeoutError(f"import {job_id} is still {job.status} after {waited:g} s")
            self._http.sleep(interval)
            waited += interval


class Exports(Group):
    """`/v1/exports`: every contact (or those a filter selects) as one file."""

    def vcard(self, *, tag: str | None = None, tier: str | None = None, gathering_id: str | None = None,
              q: str | None = None) -> str:
        return self._caller.request(get_v1_exports_contacts_vcf, **given(
            tag=tag, tier=enum(m.GetV1ExportsContactsVcfTier, tier), gathering_id=gathering_id, q=q)).text

    def csv(self, *, tag: str | None = None, tier: str | None = None, gathering_id: str | None = None,
            q: str | None = None) -> str:
        return self._caller.request(get_v1_exports_contacts_csv, **given(
            tag=tag, tier=enum(m.GetV1ExportsContactsCsvTier, tier), gathering_id=gathering_id, q=q)).text
