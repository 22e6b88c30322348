"""Use cases of the contacts service: REST records, sync, imports; each runs in one `Batch`."""
