from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.answers import Answers


T = TypeVar("T", bound="QuestionnaireIn")


@_attrs_define
class QuestionnaireIn:
    """
    Attributes:
        answers (Answers):
    """

    answers: Answers

    def to_dict(self) -> dict[str, Any]:
        answers = self.answers.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answers": answers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.answers import Answers  # noqa: PLC0415

        d = dict(src_dict)
        answers = Answers.from_dict(d.pop("answers"))

        questionnaire_in = cls(
            answers=answers,
        )

        return questionnaire_in
