"""Forms for panels, experts, assignments, conflicts and reviews."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    widgets,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from portal.applications.forms import optional_mobile
from portal.kernel.reference_data import reference
from portal.panels.scoring import rubric


class PanelForm(FlaskForm):
    code = StringField(_l("评审组代码"), validators=[DataRequired(), Length(max=32),
                                                   Regexp(r"^[a-z0-9-]+$", message=_l("只能使用小写字母、数字和连字符。"))])
    name_zh = StringField(_l("中文名称"), validators=[DataRequired(), Length(max=100)])
    name_en = StringField(_l("英文名称"), validators=[DataRequired(), Length(max=100)])
    industry_code = SelectField(_l("对应产业"), validators=[Optional()])
    description = TextAreaField(_l("简介"), validators=[Optional(), Length(max=2000)])
    blind = BooleanField(_l("盲审（专家看不到申报人姓名、身份证号、照片和联系方式）"))
    chair = SelectField(_l("组长"), coerce=int, validators=[Optional()])
    submit = SubmitField(_l("保存"))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.industry_code.choices = [("", "—")] + reference("industries").choices()
        self.chair.choices = [(0, "—")] + [(e.id, f"{e.name}（{e.affiliation}）") for e in members]


class ExpertForm(FlaskForm):
    email = EmailField(_l("电子邮箱（登录账号）"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("姓名"), validators=[DataRequired(), Length(max=100)])
    title = StringField(_l("职称/职务"), validators=[Optional(), Length(max=100)])
    affiliation = StringField(_l("工作单位"), validators=[DataRequired(), Length(max=200)])
    field = StringField(_l("专业领域"), validators=[Optional(), Length(max=200)])
    bio = TextAreaField(_l("简介"), validators=[Optional(), Length(max=2000)])
    photo = FileField(_l("照片"), validators=[FileAllowed(["jpg", "jpeg", "png"], _l("照片只接受 JPG 或 PNG。"))])
    phone = StringField(_l("手机号码"), validators=[Optional(), optional_mobile])
    max_load = IntegerField(_l("评审上限（份）"), validators=[InputRequired(), NumberRange(min=1, max=200)])
    publication_consent = BooleanField(_l("专家同意在门户网站公开其简介"))
    active = BooleanField(_l("在库（停用后不再被建议、不再公开、不再收到提醒）"), default=True)
    submit = SubmitField(_l("保存"))


class OwnProfileForm(FlaskForm):
    title = StringField(_l("职称/职务"), validators=[Optional(), Length(max=100)])
    field = StringField(_l("专业领域"), validators=[Optional(), Length(max=200)])
    bio = TextAreaField(_l("简介"), validators=[Optional(), Length(max=2000)])
    phone = StringField(_l("手机号码"), validators=[Optional(), optional_mobile])
    publication_consent = BooleanField(_l("我同意在门户网站公开我的姓名、职称、单位、领域和简介（不含联系方式）"))
    submit = SubmitField(_l("保存"))


class ImportForm(FlaskForm):
    file = FileField(_l("专家名单（CSV 或 XLSX）"), validators=[
        FileRequired(_l("请选择文件。")), FileAllowed(["csv", "xlsx"], _l("只接受 CSV 或 XLSX 文件。"))])
    submit = SubmitField(_l("导入"))


class MemberForm(FlaskForm):
    expert = SelectField(_l("专家"), coerce=int, validators=[InputRequired()])
    submit = SubmitField(_l("加入评审组"))


class SendForm(FlaskForm):
    panel = SelectField(_l("评审组"), coerce=int, validators=[InputRequired()])
    submit = SubmitField(_l("分配给评审组"))


class CheckboxList(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class AssignForm(FlaskForm):
    experts = CheckboxList(_l("评审专家"), coerce=int)
    deadline = DateField(_l("评审截止日期"), validators=[InputRequired(message=_l("请填写截止日期。"))])
    submit = SubmitField(_l("确认分配"))


class DeadlineForm(FlaskForm):
    deadline = DateField(_l("评审截止日期"), validators=[InputRequired(message=_l("请填写截止日期。"))])
    submit = SubmitField(_l("按建议分配全部待分配申报"))


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("理由"), validators=[DataRequired(message=_l("请填写理由。")), Length(max=1000)])
    submit = SubmitField(_l("提交"))


class RelationshipForm(FlaskForm):
    expert = SelectField(_l("专家"), coerce=int, validators=[InputRequired()])
    kind = StringField(_l("关系（如师生、亲属、合作者）"), validators=[DataRequired(), Length(max=100)])
    submit = SubmitField(_l("登记关系"))


class RecommendationForm(FlaskForm):
    outcome = RadioField(_l("评审组结论"), choices=[("recommend", _l("推荐")), ("not_recommend", _l("不推荐"))],
                         validators=[InputRequired(message=_l("请选择结论。"))])
    text = TextAreaField(_l("评审组意见"), validators=[DataRequired(), Length(max=4000)])
    submit = SubmitField(_l("保存评审组意见"))


def review_form_class():
    """A form with one score field per rubric criterion (the rubric is data, so built per request)."""
    current = rubric()

    class ReviewForm(FlaskForm):
        confidence = RadioField(_l("评审把握程度"), coerce=int, choices=current.confidence_choices(),
                                validators=[Optional()])
        panel_comment = TextAreaField(_l("评审意见（仅评审组可见）"), validators=[Optional(), Length(max=8000)])
        hr_summary = TextAreaField(_l("评审摘要（供人才办参考）"), validators=[Optional(), Length(max=1000)])
        save = SubmitField(_l("保存草稿"))
        submit = SubmitField(_l("提交评审（提交后锁定）"))

    for c in current.criteria:
        setattr(ReviewForm, f"score_{c.code}", IntegerField(
            f"{c.name()}（{c.min}–{c.max}）", validators=[Optional(), NumberRange(min=c.min, max=c.max)]))
    return ReviewForm
