from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.question_out import QuestionOut


T = TypeVar("T", bound="QuestionnaireOut")


@_attrs_define
class QuestionnaireOut:
    """
    Attributes:
        questions (list[QuestionOut] | Unset):
    """

    questions: list[QuestionOut] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        questions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.questions, Unset):
            questions = []
            for questions_item_data in self.questions:
                questions_item = questions_item_data.to_dict()
                questions.append(questions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if questions is not UNSET:
            field_dict["questions"] = questions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.question_out import QuestionOut  # noqa: PLC0415

        d = dict(src_dict)
        _questions = d.pop("questions", UNSET)
        questions: list[QuestionOut] | Unset = UNSET
        if _questions is not UNSET:
            questions = []
            for questions_item_data in _questions:
                questions_item = QuestionOut.from_dict(questions_item_data)

                questions.append(questions_item)

        questionnaire_out = cls(
            questions=questions,
        )

        return questionnaire_out
