"""Forms for staff actions; the return-for-correction items are read by portal.review.correction_form."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.kernel.reference_data import reference


class CommentForm(FlaskForm):
    """A workflow step with an optional comment for the history."""

    comment = TextAreaField(_l("意见（选填）"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("确定"))


class ReturnForm(FlaskForm):
    """The covering comment of a return; the items come from the per-field/material boxes."""

    comment = TextAreaField(_l("总体说明（选填）"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("退回补正"))


class RejectForm(FlaskForm):
    reason = SelectField(_l("不予认定原因"), validators=[DataRequired(_l("请选择原因。"))])
    detail = TextAreaField(_l("补充说明"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("不予认定"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = [("", _l("请选择"))] + reference("rejection_reasons").choices()


class NoteForm(FlaskForm):
    body = TextAreaField(_l("内部备注（申请人不可见）"),
                         validators=[DataRequired(_l("备注不能为空。")), Length(max=4000)])
    submit = SubmitField(_l("添加备注"))
