"""Contains all the data models used in inputs/outputs"""

from .changes import Changes
from .conflict_out import ConflictOut
from .dismiss_in import DismissIn
from .dismiss_in_reason import DismissInReason
from .done_in import DoneIn
from .done_in_interaction_type_1_type_0 import DoneInInteractionType1Type0
from .feed_out import FeedOut
from .get_v1_nudges_kind_type_1 import GetV1NudgesKindType1
from .get_v1_nudges_kind_type_2_type_1 import GetV1NudgesKindType2Type1
from .get_v1_nudges_kind_type_3_type_1 import GetV1NudgesKindType3Type1
from .get_v1_nudges_status_type_0_item import GetV1NudgesStatusType0Item
from .interaction_in import InteractionIn
from .interaction_in_direction_type_1 import InteractionInDirectionType1
from .interaction_in_direction_type_2_type_1 import InteractionInDirectionType2Type1
from .interaction_in_direction_type_3_type_1 import InteractionInDirectionType3Type1
from .interaction_in_kind import InteractionInKind
from .mutation_result import MutationResult
from .mutation_result_errors import MutationResultErrors
from .mutation_result_status import MutationResultStatus
from .nudge_changes import NudgeChanges
from .nudge_out import NudgeOut
from .nudge_out_kind import NudgeOutKind
from .nudge_out_status import NudgeOutStatus
from .nudge_out_why import NudgeOutWhy
from .nudge_page import NudgePage
from .pagination_metadata import PaginationMetadata
from .problem import Problem
from .problem_errors import ProblemErrors
from .pull_out import PullOut
from .push_in import PushIn
from .push_in_mutations_item import PushInMutationsItem
from .push_out import PushOut
from .snooze_in import SnoozeIn
from .sync_problem import SyncProblem
from .sync_problem_errors import SyncProblemErrors
from .tombstone import Tombstone

__all__ = (
    "Changes",
    "ConflictOut",
    "DismissIn",
    "DismissInReason",
    "DoneIn",
    "DoneInInteractionType1Type0",
    "FeedOut",
    "GetV1NudgesKindType1",
    "GetV1NudgesKindType2Type1",
    "GetV1NudgesKindType3Type1",
    "GetV1NudgesStatusType0Item",
    "InteractionIn",
    "InteractionInDirectionType1",
    "InteractionInDirectionType2Type1",
    "InteractionInDirectionType3Type1",
    "InteractionInKind",
    "MutationResult",
    "MutationResultErrors",
    "MutationResultStatus",
    "NudgeChanges",
    "NudgeOut",
    "NudgeOutKind",
    "NudgeOutStatus",
    "NudgeOutWhy",
    "NudgePage",
    "PaginationMetadata",
    "Problem",
    "ProblemErrors",
    "PullOut",
    "PushIn",
    "PushInMutationsItem",
    "PushOut",
    "SnoozeIn",
    "SyncProblem",
    "SyncProblemErrors",
    "Tombstone",
)
