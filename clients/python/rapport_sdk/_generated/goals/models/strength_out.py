from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StrengthOut")


@_attrs_define
class StrengthOut:
    """
    Attributes:
        given (int | Unset): favours given in the last 365 days
        leaning (str | Unset): even, giving, receiving or none
        level (str | Unset): strong (a close tier, or 2 touches in 180 days) or weak
        reason (str | Unset):
        received (int | Unset):
        recent_touches (int | Unset):
        tier (None | str | Unset):
        window_days (int | Unset):
    """

    given: int | Unset = UNSET
    leaning: str | Unset = UNSET
    level: str | Unset = UNSET
    reason: str | Unset = UNSET
    received: int | Unset = UNSET
    recent_touches: int | Unset = UNSET
    tier: None | str | Unset = UNSET
    window_days: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        given = self.given

        leaning = self.leaning

        level = self.level

        reason = self.reason

        received = self.received

        recent_touches = self.recent_touches

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier

        window_days = self.window_days

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if given is not UNSET:
            field_dict["given"] = given
        if leaning is not UNSET:
            field_dict["leaning"] = leaning
        if level is not UNSET:
            field_dict["level"] = level
        if reason is not UNSET:
            field_dict["reason"] = reason
        if received is not UNSET:
            field_dict["received"] = received
        if recent_touches is not UNSET:
            field_dict["recent_touches"] = recent_touches
        if tier is not UNSET:
            field_dict["tier"] = tier
        if window_days is not UNSET:
            field_dict["window_days"] = window_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        given = d.pop("given", UNSET)

        leaning = d.pop("leaning", UNSET)

        level = d.pop("level", UNSET)

        reason = d.pop("reason", UNSET)

        received = d.pop("received", UNSET)

        recent_touches = d.pop("recent_touches", UNSET)

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        window_days = d.pop("window_days", UNSET)

        strength_out = cls(
            given=given,
            leaning=leaning,
            level=level,
            reason=reason,
            received=received,
            recent_touches=recent_touches,
            tier=tier,
            window_days=window_days,
        )

        return strength_out
