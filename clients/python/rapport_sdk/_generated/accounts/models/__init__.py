"""Contains all the data models used in inputs/outputs"""

from .audit_actor_out import AuditActorOut
from .audit_entry_out import AuditEntryOut
from .audit_entry_out_details import AuditEntryOutDetails
from .audit_page import AuditPage
from .device_out import DeviceOut
from .device_page import DevicePage
from .invitation_in import InvitationIn
from .invitation_in_roles_item import InvitationInRolesItem
from .invitation_out import InvitationOut
from .invited_member_out import InvitedMemberOut
from .member_in import MemberIn
from .member_in_roles_item import MemberInRolesItem
from .member_out import MemberOut
from .member_page import MemberPage
from .o_auth_error import OAuthError
from .pagination_metadata import PaginationMetadata
from .problem import Problem
from .problem_errors import ProblemErrors
from .roles_in import RolesIn
from .roles_in_roles_item import RolesInRolesItem
from .sso_config_in import SsoConfigIn
from .sso_config_out import SsoConfigOut
from .sync_problem import SyncProblem
from .sync_problem_errors import SyncProblemErrors
from .token_out import TokenOut

__all__ = (
    "AuditActorOut",
    "AuditEntryOut",
    "AuditEntryOutDetails",
    "AuditPage",
    "DeviceOut",
    "DevicePage",
    "InvitationIn",
    "InvitationInRolesItem",
    "InvitationOut",
    "InvitedMemberOut",
    "MemberIn",
    "MemberInRolesItem",
    "MemberOut",
    "MemberPage",
    "OAuthError",
    "PaginationMetadata",
    "Problem",
    "ProblemErrors",
    "RolesIn",
    "RolesInRolesItem",
    "SsoConfigIn",
    "SsoConfigOut",
    "SyncProblem",
    "SyncProblemErrors",
    "TokenOut",
)
