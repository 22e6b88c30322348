"""Contains all the data models used in inputs/outputs"""

from .accepted_out import AcceptedOut
from .answers import Answers
from .answers_channels_item import AnswersChannelsItem
from .answers_energy import AnswersEnergy
from .answers_follow_up import AnswersFollowUp
from .answers_preferred_time_type_1 import AnswersPreferredTimeType1
from .answers_preferred_time_type_2_type_1 import AnswersPreferredTimeType2Type1
from .answers_preferred_time_type_3_type_1 import AnswersPreferredTimeType3Type1
from .channel_row import ChannelRow
from .commitment_in import CommitmentIn
from .commitment_in_per import CommitmentInPer
from .commitment_in_what import CommitmentInWhat
from .conflict_out import ConflictOut
from .coverage_counts import CoverageCounts
from .coverage_out import CoverageOut
from .covering_contact import CoveringContact
from .criteria_in import CriteriaIn
from .criteria_in_channel_type_1 import CriteriaInChannelType1
from .criteria_in_channel_type_2_type_1 import CriteriaInChannelType2Type1
from .criteria_in_channel_type_3_type_1 import CriteriaInChannelType3Type1
from .criteria_in_tier_type_1 import CriteriaInTierType1
from .criteria_in_tier_type_2_type_1 import CriteriaInTierType2Type1
from .criteria_in_tier_type_3_type_1 import CriteriaInTierType3Type1
from .direction_in import DirectionIn
from .direction_out import DirectionOut
from .follow_ups_out import FollowUpsOut
from .get_v1_plan_suggestions_status import GetV1PlanSuggestionsStatus
from .giving_out import GivingOut
from .goal_changes import GoalChanges
from .goal_in import GoalIn
from .goal_in_horizon import GoalInHorizon
from .goal_out import GoalOut
from .goal_page import GoalPage
from .goal_patch import GoalPatch
from .goal_patch_status import GoalPatchStatus
from .listed import Listed
from .listed_items_item import ListedItemsItem
from .milestone_coverage import MilestoneCoverage
from .milestone_in import MilestoneIn
from .milestone_in_kind import MilestoneInKind
from .milestone_in_status import MilestoneInStatus
from .milestone_out import MilestoneOut
from .need_coverage import NeedCoverage
from .need_coverage_connector_type_1_type_0 import NeedCoverageConnectorType1Type0
from .new_relationships_out import NewRelationshipsOut
from .objective_changes import ObjectiveChanges
from .objective_in import ObjectiveIn
from .objective_in_kind import ObjectiveInKind
from .objective_in_per_type_1 import ObjectiveInPerType1
from .objective_in_per_type_2_type_1 import ObjectiveInPerType2Type1
from .objective_in_per_type_3_type_1 import ObjectiveInPerType3Type1
from .objective_out import ObjectiveOut
from .objective_out_criteria import ObjectiveOutCriteria
from .objective_out_status import ObjectiveOutStatus
from .objective_page import ObjectivePage
from .objective_patch import ObjectivePatch
from .objective_patch_kind import ObjectivePatchKind
from .objective_patch_per_type_1 import ObjectivePatchPerType1
from .objective_patch_per_type_2_type_1 import ObjectivePatchPerType2Type1
from .objective_patch_per_type_3_type_1 import ObjectivePatchPerType3Type1
from .objective_patch_status import ObjectivePatchStatus
from .pagination_metadata import PaginationMetadata
from .plan_changes import PlanChanges
from .plan_in import PlanIn
from .plan_in_channels import PlanInChannels
from .plan_in_style import PlanInStyle
from .plan_out import PlanOut
from .plan_out_answers_type_0 import PlanOutAnswersType0
from .plan_out_channels import PlanOutChannels
from .plan_out_commitments_item import PlanOutCommitmentsItem
from .plan_out_working_hours import PlanOutWorkingHours
from .point import Point
from .problem import Problem
from .problem_errors import ProblemErrors
from .progress_out import ProgressOut
from .proposal_list import ProposalList
from .proposal_out import ProposalOut
from .proposal_out_matches_item import ProposalOutMatchesItem
from .proposal_out_objective_type_0 import ProposalOutObjectiveType0
from .quarterly_review_out import QuarterlyReviewOut
from .question_out import QuestionOut
from .questionnaire_in import QuestionnaireIn
from .questionnaire_out import QuestionnaireOut
from .review_out import ReviewOut
from .strength_out import StrengthOut
from .suggestion_list import SuggestionList
from .suggestion_out import SuggestionOut
from .suggestion_out_changes import SuggestionOutChanges
from .suggestion_out_evidence import SuggestionOutEvidence
from .sync_changes import SyncChanges
from .sync_plan_out import SyncPlanOut
from .sync_plan_out_answers_type_0 import SyncPlanOutAnswersType0
from .sync_plan_out_channels import SyncPlanOutChannels
from .sync_plan_out_commitments_item import SyncPlanOutCommitmentsItem
from .sync_plan_out_working_hours import SyncPlanOutWorkingHours
from .sync_problem import SyncProblem
from .sync_problem_errors import SyncProblemErrors
from .sync_pull_out import SyncPullOut
from .sync_push_in import SyncPushIn
from .sync_push_out import SyncPushOut
from .sync_result import SyncResult
from .sync_result_errors import SyncResultErrors
from .sync_result_record import SyncResultRecord
from .sync_result_status import SyncResultStatus
from .sync_tombstone import SyncTombstone
from .target_in import TargetIn
from .target_out import TargetOut
from .touches_out import TouchesOut
from .week_row import WeekRow
from .working_hours import WorkingHours

__all__ = (
    "AcceptedOut",
    "Answers",
    "AnswersChannelsItem",
    "AnswersEnergy",
    "AnswersFollowUp",
    "AnswersPreferredTimeType1",
    "AnswersPreferredTimeType2Type1",
    "AnswersPreferredTimeType3Type1",
    "ChannelRow",
    "CommitmentIn",
    "CommitmentInPer",
    "CommitmentInWhat",
    "ConflictOut",
    "CoverageCounts",
    "CoverageOut",
    "CoveringContact",
    "CriteriaIn",
    "CriteriaInChannelType1",
    "CriteriaInChannelType2Type1",
    "CriteriaInChannelType3Type1",
    "CriteriaInTierType1",
    "CriteriaInTierType2Type1",
    "CriteriaInTierType3Type1",
    "DirectionIn",
    "DirectionOut",
    "FollowUpsOut",
    "GetV1PlanSuggestionsStatus",
    "GivingOut",
    "GoalChanges",
    "GoalIn",
    "GoalInHorizon",
    "GoalOut",
    "GoalPage",
    "GoalPatch",
    "GoalPatchStatus",
    "Listed",
    "ListedItemsItem",
    "MilestoneCoverage",
    "MilestoneIn",
    "MilestoneInKind",
    "MilestoneInStatus",
    "MilestoneOut",
    "NeedCoverage",
    "NeedCoverageConnectorType1Type0",
    "NewRelationshipsOut",
    "ObjectiveChanges",
    "ObjectiveIn",
    "ObjectiveInKind",
    "ObjectiveInPerType1",
    "ObjectiveInPerType2Type1",
    "ObjectiveInPerType3Type1",
    "ObjectiveOut",
    "ObjectiveOutCriteria",
    "ObjectiveOutStatus",
    "ObjectivePage",
    "ObjectivePatch",
    "ObjectivePatchKind",
    "ObjectivePatchPerType1",
    "ObjectivePatchPerType2Type1",
    "ObjectivePatchPerType3Type1",
    "ObjectivePatchStatus",
    "PaginationMetadata",
    "PlanChanges",
    "PlanIn",
    "PlanInChannels",
    "PlanInStyle",
    "PlanOut",
    "PlanOutAnswersType0",
    "PlanOutChannels",
    "PlanOutCommitmentsItem",
    "PlanOutWorkingHours",
    "Point",
    "Problem",
    "ProblemErrors",
    "ProgressOut",
    "ProposalList",
    "ProposalOut",
    "ProposalOutMatchesItem",
    "ProposalOutObjectiveType0",
    "QuarterlyReviewOut",
    "QuestionnaireIn",
    "QuestionnaireOut",
    "QuestionOut",
    "ReviewOut",
    "StrengthOut",
    "SuggestionList",
    "SuggestionOut",
    "SuggestionOutChanges",
    "SuggestionOutEvidence",
    "SyncChanges",
    "SyncPlanOut",
    "SyncPlanOutAnswersType0",
    "SyncPlanOutChannels",
    "SyncPlanOutCommitmentsItem",
    "SyncPlanOutWorkingHours",
    "SyncProblem",
    "SyncProblemErrors",
    "SyncPullOut",
    "SyncPushIn",
    "SyncPushOut",
    "SyncResult",
    "SyncResultErrors",
    "SyncResultRecord",
    "SyncResultStatus",
    "SyncTombstone",
    "TargetIn",
    "TargetOut",
    "TouchesOut",
    "WeekRow",
    "WorkingHours",
)
