"""The statuses a sync push answers for each mutation, for every scope (docs/sync-protocol.md).

Pure data, so a service's domain may name them; `shared.syncing` (the toolkit) uses them too.
"""
APPLIED = "applied"      # written as asked
MERGED = "merged"        # written; the record had changed on the server, but not what the mutation changed
DUPLICATE = "duplicate"  # a resend: its first result (`first_status`, `version`)
CONFLICT = "conflict"    # not written: the server changed the same thing since `base_version`
REJECTED = "rejected"    # not written: invalid, unknown, deleted… (`reason`)
RESULT_STATUSES = (APPLIED, MERGED, DUPLICATE, CONFLICT, REJECTED)
