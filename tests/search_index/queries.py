"""Labelled queries over ``corpus.DOCS``: query -> {doc slug: grade}.

Grade 2 means the document is what the user wants; grade 1 means it is a
useful but secondary answer. Labels were set by reading each document,
not by looking at any engine's output.
"""
from corpus import DOCS

_BY_SLUG = {d["id"].split(":", 2)[2]: d["id"] for d in DOCS}

_LABELS = {
    "服务站": {"xihe-station": 2, "haizhou-station": 2, "zhangwu-station": 2, "taiping-station": 2, "contact": 1},
    "人才工作服务站": {"xihe-station": 2, "haizhou-station": 2, "zhangwu-station": 2, "taiping-station": 2, "contact": 1},
    "风机": {"wind-turbine": 2, "equipment-expo": 1},
    "工作站": {"shenzhen-station": 2, "lntu-station": 2},
    "氢能": {"hydrogen": 2, "expert-li": 2, "lntu-station": 1, "honour-2026": 1, "trad-news": 1},
    "氢能工程师": {"hydrogen": 2, "expert-li": 1},
    "智能无人系统": {"drones": 2, "lntu-station": 1, "mixed-ai": 1},
    "无人机": {"drones": 2},
    "绿色食品": {"green-food": 2, "zhangwu-station": 1, "industry-talent": 1, "honour-2026": 1, "trad-news": 1},
    "精细化工": {"fine-chem": 2, "panel-xinqiu": 1, "industry-talent": 1},
    "煤矸石": {"gangue": 2, "panel-xinqiu": 1},
    "铸造": {"foundry-sand": 2, "mixed-plc": 1},
    "智能铸造": {"foundry-sand": 2, "mixed-plc": 2},
    "住房补贴": {"housing-subsidy": 2, "government-service": 1},
    "安家费": {"housing-subsidy": 2},
    "申报材料": {"application-materials": 2},
    "社保参保证明": {"application-materials": 2, "haizhou-station": 1, "housing-subsidy": 1},
    "公示": {"gongshi-batch1": 2, "gongshi-young": 2, "review-process": 1, "about": 1},
    "公示期": {"gongshi-batch1": 2, "review-process": 2},
    "专家评审": {"panel-equipment": 2, "review-process": 1, "expert-wang": 1},
    "领军人才": {"talent-categories": 2, "expert-li": 1, "honour-2026": 1, "panel-equipment": 1},
    "青年人才": {"housing-subsidy": 2, "haizhou-station": 1, "gongshi-young": 1, "talent-categories": 1},
    "双招双引": {"double-attraction": 2},
    "阜新英才": {"ceremony": 2, "about": 2, "honour-2026": 2, "double-attraction": 1, "expert-li": 1},
    "辽宁工程技术大学": {"univ-coop": 2, "lntu-station": 2, "expert-wang": 1, "zhangwu-station": 1},
    "高新区": {"wind-turbine": 1, "fullwidth": 1, "mixed-ai": 1},
    "5G基站": {"fullwidth": 2},
    "ＡＩ算法": {"mixed-ai": 2, "fullwidth": 1},
    "AI工程师": {"mixed-ai": 2},
    "PLC": {"mixed-plc": 2},
    "風機": {"wind-turbine": 2, "equipment-expo": 1},
    "氫能產業": {"hydrogen": 2},
    "创业补贴": {"startup-support": 2},
    "职称评审": {"title-evaluation": 2},
    "招聘会": {"job-fair": 2},
    "风电": {"wind-farm": 2},
    "人才公寓": {"haizhou-station": 1, "mixed-ai": 1},
    "政务服务中心": {"government-service": 2, "xihe-station": 1},
    "一次性告知": {"application-materials": 2},
    "引才大使": {"xihe-station": 2},
    "深圳": {"shenzhen-station": 2},
    "Python开发": {"mixed-ai": 2},
    "talent service station": {"en-stations": 2},
    "wind turbine": {"en-wind": 2},
    "turbines": {"en-wind": 2},
    "Hydrogen engineers": {"en-hydrogen": 2},
    "drone": {"en-drones": 2},
    "housing subsidy": {"en-housing": 2},
    "talent categories": {"en-categories": 2},
    "recognition": {"en-process": 2, "en-categories": 1, "en-about": 1},
    "Shenzhen": {"en-shenzhen": 2},
    "publicity review": {"en-process": 2},
    "fine chemicals": {"en-chemicals": 2, "en-jobfair": 1},
    "manufacturing": {"en-wind": 1, "en-jobfair": 1, "en-university": 1},
    "Liaoning Technical University": {"en-university": 2},
    "food processing": {"en-food": 2, "en-jobfair": 1},
}

LABELS: dict[str, dict[str, int]] = {
    q: {_BY_SLUG[slug]: grade for slug, grade in judged.items()} for q, judged in _LABELS.items()
}
