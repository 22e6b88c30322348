from enum import StrEnum


class GetV1NudgesKindType2Type1(StrEnum):
    CHECK_IN = "check_in"
    FIND_MENTOR = "find_mentor"
    FOLLOW_UP = "follow_up"
    GIVE_HELP = "give_help"
    GOAL_GAP = "goal_gap"
    INTRODUCE = "introduce"
    KEEP_IN_TOUCH = "keep_in_touch"
    RECIPROCITY = "reciprocity"

    def __str__(self) -> str:
        return str(self.value)
