"""Contains all the data models used in inputs/outputs"""

from .changes_out import ChangesOut
from .conflict_out import ConflictOut
from .contact_changes import ContactChanges
from .contact_created_out import ContactCreatedOut
from .contact_created_out_source import ContactCreatedOutSource
from .contact_fields import ContactFields
from .contact_fields_tier_type_1 import ContactFieldsTierType1
from .contact_fields_tier_type_2_type_1 import ContactFieldsTierType2Type1
from .contact_fields_tier_type_3_type_1 import ContactFieldsTierType3Type1
from .contact_out import ContactOut
from .contact_out_source import ContactOutSource
from .contact_page import ContactPage
from .contact_patch import ContactPatch
from .contact_patch_tier_type_1 import ContactPatchTierType1
from .contact_patch_tier_type_2_type_1 import ContactPatchTierType2Type1
from .contact_patch_tier_type_3_type_1 import ContactPatchTierType3Type1
from .device_list import DeviceList
from .device_out import DeviceOut
from .duplicate_contact import DuplicateContact
from .duplicate_hint import DuplicateHint
from .duplicate_page import DuplicatePage
from .duplicate_pair import DuplicatePair
from .gathering_changes import GatheringChanges
from .gathering_fields import GatheringFields
from .gathering_fields_kind import GatheringFieldsKind
from .gathering_out import GatheringOut
from .gathering_page import GatheringPage
from .gathering_patch import GatheringPatch
from .gathering_patch_kind import GatheringPatchKind
from .get_v1_contacts_tier import GetV1ContactsTier
from .get_v1_exports_contacts_csv_tier import GetV1ExportsContactsCsvTier
from .get_v1_exports_contacts_vcf_tier import GetV1ExportsContactsVcfTier
from .get_v1_gatherings_kind import GetV1GatheringsKind
from .get_v1_interactions_direction import GetV1InteractionsDirection
from .get_v1_interactions_kind import GetV1InteractionsKind
from .import_counts import ImportCounts
from .import_job_out import ImportJobOut
from .import_job_out_status import ImportJobOutStatus
from .import_page import ImportPage
from .import_warning import ImportWarning_
from .interaction_changes import InteractionChanges
from .interaction_fields import InteractionFields
from .interaction_fields_direction_type_1 import InteractionFieldsDirectionType1
from .interaction_fields_direction_type_2_type_1 import InteractionFieldsDirectionType2Type1
from .interaction_fields_direction_type_3_type_1 import InteractionFieldsDirectionType3Type1
from .interaction_fields_kind import InteractionFieldsKind
from .interaction_out import InteractionOut
from .interaction_page import InteractionPage
from .interaction_patch import InteractionPatch
from .interaction_patch_direction_type_1 import InteractionPatchDirectionType1
from .interaction_patch_direction_type_2_type_1 import InteractionPatchDirectionType2Type1
from .interaction_patch_direction_type_3_type_1 import InteractionPatchDirectionType3Type1
from .interaction_patch_kind import InteractionPatchKind
from .line_message import LineMessage
from .merge_in import MergeIn
from .merge_out import MergeOut
from .merged_from_out import MergedFromOut
from .merged_from_out_took import MergedFromOutTook
from .mutation_in import MutationIn
from .mutation_in_collection import MutationInCollection
from .mutation_in_fields import MutationInFields
from .mutation_in_op import MutationInOp
from .pagination_metadata import PaginationMetadata
from .problem import Problem
from .problem_errors import ProblemErrors
from .problem_out import ProblemOut
from .problem_out_errors import ProblemOutErrors
from .pull_out import PullOut
from .push_in import PushIn
from .push_out import PushOut
from .result_out import ResultOut
from .result_out_errors import ResultOutErrors
from .result_out_record import ResultOutRecord
from .result_out_status import ResultOutStatus
from .sync_problem import SyncProblem
from .sync_problem_errors import SyncProblemErrors
from .tombstone_out import TombstoneOut

__all__ = (
    "ChangesOut",
    "ConflictOut",
    "ContactChanges",
    "ContactCreatedOut",
    "ContactCreatedOutSource",
    "ContactFields",
    "ContactFieldsTierType1",
    "ContactFieldsTierType2Type1",
    "ContactFieldsTierType3Type1",
    "ContactOut",
    "ContactOutSource",
    "ContactPage",
    "ContactPatch",
    "ContactPatchTierType1",
    "ContactPatchTierType2Type1",
    "ContactPatchTierType3Type1",
    "DeviceList",
    "DeviceOut",
    "DuplicateContact",
    "DuplicateHint",
    "DuplicatePage",
    "DuplicatePair",
    "GatheringChanges",
    "GatheringFields",
    "GatheringFieldsKind",
    "GatheringOut",
    "GatheringPage",
    "GatheringPatch",
    "GatheringPatchKind",
    "GetV1ContactsTier",
    "GetV1ExportsContactsCsvTier",
    "GetV1ExportsContactsVcfTier",
    "GetV1GatheringsKind",
    "GetV1InteractionsDirection",
    "GetV1InteractionsKind",
    "ImportCounts",
    "ImportJobOut",
    "ImportJobOutStatus",
    "ImportPage",
    "ImportWarning_",
    "InteractionChanges",
    "InteractionFields",
    "InteractionFieldsDirectionType1",
    "InteractionFieldsDirectionType2Type1",
    "InteractionFieldsDirectionType3Type1",
    "InteractionFieldsKind",
    "InteractionOut",
    "InteractionPage",
    "InteractionPatch",
    "InteractionPatchDirectionType1",
    "InteractionPatchDirectionType2Type1",
    "InteractionPatchDirectionType3Type1",
    "InteractionPatchKind",
    "LineMessage",
    "MergedFromOut",
    "MergedFromOutTook",
    "MergeIn",
    "MergeOut",
    "MutationIn",
    "MutationInCollection",
    "MutationInFields",
    "MutationInOp",
    "PaginationMetadata",
    "Problem",
    "ProblemErrors",
    "ProblemOut",
    "ProblemOutErrors",
    "PullOut",
    "PushIn",
    "PushOut",
    "ResultOut",
    "ResultOutErrors",
    "ResultOutRecord",
    "ResultOutStatus",
    "SyncProblem",
    "SyncProblemErrors",
    "TombstoneOut",
)
