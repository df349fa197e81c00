"""A fixture corpus of public documents about Fuxin's talent programme.

Written for the relevance tests: realistic Chinese and English text, with
near-misses on purpose (服务 without 服务站, 风力 beside 风机, 工作站 beside
人才工作服务站) so that analysis methods can be told apart.
"""

def _doc(id, kind, title, body, lang="zh", division="", industry="", date="2026-05-01"):
    slug = id.split(":", 1)[1]
    return {"id": f"{kind}:{lang}:{slug}", "kind": kind, "url": f"/{lang}/{kind}/{slug}/",
            "title": title, "body": body, "lang": lang, "division": division,
            "industry": industry, "date": date}


DOCS = [
    # --- stations -----------------------------------------------------------
    _doc("x:xihe-station", "station", "细河区人才工作服务站",
         "细河区人才工作服务站设在区政务服务中心三楼，为来阜人才提供政策咨询、申报辅导、住房和子女入学转介服务。"
         "站长和联络员每周一至周五接待来访，引才大使定期走访高端装备企业。", division="210911"),
    _doc("x:haizhou-station", "station", "海州区人才工作服务站",
         "海州区人才工作服务站面向全区企业和各类人才，开展人才认定申报指导、社保参保证明开具咨询和人才公寓申请受理。"
         "服务站还组织青年人才座谈会。", division="210902"),
    _doc("x:zhangwu-station", "station", "彰武县人才工作服务站",
         "彰武县人才工作服务站重点服务绿色食品和新型能源产业，帮助企业对接辽宁工程技术大学的科研团队。", division="210922",
         industry="green-food"),
    _doc("x:shenzhen-station", "station", "阜新驻深圳招才引智工作站",
         "由在深圳的阜新商会承办的招才引智工作站，负责宣传阜新人才政策、收集企业用人需求、推荐高层次人才来阜创新创业。"),
    _doc("x:lntu-station", "station", "辽宁工程技术大学高校人才工作站",
         "高校人才工作站为毕业生留阜就业提供岗位推荐和见习补贴申请服务，并联系智能无人系统和氢能企业。"),
    _doc("x:taiping-station", "station", "太平区人才工作服务站开放时间调整",
         "自六月起，太平区人才工作服务站开放时间调整为工作日上午八点半至下午五点，周六上午提供预约服务。", division="210904"),
    # --- policies -----------------------------------------------------------
    _doc("x:talent-categories", "policy", "阜新市高层次人才分类认定办法",
         "本办法将人才分为顶尖人才、领军人才、高级人才、青年骨干人才和急需紧缺人才五类。认定有效期为六年，期满后重新申报。"
         "省级认定的人才可以直接认定为相应类别。", date="2026-03-10"),
    _doc("x:housing-subsidy", "policy", "人才住房补贴和安家费发放细则",
         "经认定的高级人才及以上可申请安家费，青年人才可申请租房补贴，补贴按月发放，最长三年。申请需提供劳动合同和社保参保证明。",
         date="2026-03-15"),
    _doc("x:application-materials", "policy", "人才认定申报材料清单",
         "申报人需提交身份证、申请表、劳动合同或营业执照、社保参保证明、最高学历证书和学信网备案表、职称证书、用人单位推荐意见。"
         "材料不全的，一次性告知需要补正的全部内容。", date="2026-03-20"),
    _doc("x:review-process", "policy", "人才认定流程和公示规定",
         "认定流程包括个人申请、单位审核推荐、受理和资格审查、县区初审、市复审、专家评审、人才办审定和公示。公示期为五个工作日，"
         "任何单位和个人可以实名书面提出异议。", date="2026-03-25"),
    _doc("x:double-attraction", "policy", "双招双引百日攻坚行动方案",
         "春季双招双引百日攻坚行动签约项目五十七个，总投资一百五十亿元，引进高层次人才八十四名，并举办首届阜新英才发布仪式。",
         date="2026-04-02"),
    _doc("x:startup-support", "policy", "高校毕业生来阜创业扶持政策",
         "高校毕业生在阜新创办企业的，可申请创业担保贷款和一次性创业补贴，入驻创业孵化基地的免收三年场地租金。", date="2026-04-12"),
    _doc("x:industry-talent", "policy", "四个优势产业人才专项支持计划",
         "围绕高端装备、绿色食品、新型能源、精细化工四个优势产业，对企业引进的急需紧缺人才给予薪酬补贴和项目资助。",
         date="2026-04-20", industry="equipment"),
    _doc("x:title-evaluation", "policy", "专业技术职称评审绿色通道",
         "对引进的高层次人才开辟职称评审绿色通道，业绩突出的可以直接申报高级职称，不受任职年限限制。", date="2026-04-28"),
    # --- news ---------------------------------------------------------------
    _doc("x:wind-turbine", "news", "智能风机制造项目落户高新区",
         "总投资十二亿元的智能风机制造项目在高新技术产业开发区签约，项目达产后年产风机整机三百台，将带动新型能源产业链上下游发展。",
         industry="new-energy", date="2026-05-06"),
    _doc("x:wind-farm", "news", "彰武县风力发电项目并网",
         "彰武县二十万千瓦风力发电项目全部并网，年发电量约六亿千瓦时。风电场运维需要大量电气工程技术人员。", division="210922",
         industry="new-energy", date="2026-05-09"),
    _doc("x:hydrogen", "news", "阜新氢能产业园首批企业投产",
         "氢能产业园首批三家企业投产，涵盖电解水制氢、储氢装备和燃料电池零部件，园区面向全国招聘氢能工程师。",
         industry="hydrogen", date="2026-05-12"),
    _doc("x:drones", "news", "智能无人系统产业基地试飞成功",
         "智能无人系统产业基地的工业无人机完成首次试飞，基地计划三年内引进无人机研发和飞控算法人才一百名。",
         industry="unmanned", date="2026-05-15"),
    _doc("x:green-food", "news", "绿色食品产业招商推介会举行",
         "绿色食品产业推介会上，十二家食品加工企业签约落户，花生、杂粮深加工项目将带动农民增收。", industry="green-food",
         date="2026-05-18"),
    _doc("x:fine-chem", "news", "精细化工园区安全环保人才培训班开班",
         "精细化工园区举办安全环保培训班，八十名企业技术骨干参加，课程涵盖危险化学品管理和清洁生产。", industry="chemicals",
         date="2026-05-20"),
    _doc("x:gangue", "news", "煤矸石综合利用项目获得省级资金支持",
         "阜新煤矸石综合利用项目获得省级专项资金，项目利用煤矸石生产新型建材，解决固废堆存问题。", date="2026-05-22"),
    _doc("x:foundry-sand", "news", "铸造硅砂和智能铸造产业集群加快建设",
         "阜新铸造硅砂资源丰富，智能铸造产业集群引进自动化生产线，急需铸造工艺工程师和设备运维人才。", industry="equipment",
         date="2026-05-25"),
    _doc("x:ceremony", "news", "首届阜新英才发布仪式举行",
         "首届阜新英才发布仪式上，二十名优秀人才获得表彰，市领导为获奖人才颁发证书，并宣布新一轮人才政策。", date="2026-05-28"),
    _doc("x:job-fair", "news", "春季人才招聘会提供岗位三千个",
         "春季人才招聘会在市人力资源市场举行，二百家企业提供岗位三千个，涵盖装备制造、食品加工、化工和电力行业。",
         date="2026-03-08"),
    _doc("x:government-service", "news", "政务服务中心推出人才服务专窗",
         "市政务服务中心开设人才服务专窗，实行一窗受理、一次办结，人才可在窗口办理落户、社保和住房补贴业务。", date="2026-04-15"),
    _doc("x:univ-coop", "news", "辽宁工程技术大学与本地企业共建研发中心",
         "辽宁工程技术大学与十家本地企业共建研发中心，联合攻关矿山安全、智能装备和新能源技术，研究生可到企业实习。",
         date="2026-04-18"),
    _doc("x:trad-news", "news", "阜新人才政策在香港推介",
         "阜新市在香港舉辦人才政策推介會，介紹高端裝備、氫能和綠色食品產業的發展機會，吸引港澳青年來阜創業。",
         date="2026-06-01"),
    _doc("x:fullwidth", "news", "５Ｇ基站建设完成　智慧园区上线",
         "全市新建５Ｇ基站六百个，高新区智慧园区平台上线，为企业提供数字化服务。ＡＩ算法团队入驻。", date="2026-06-03"),
    _doc("x:equipment-expo", "news", "高端装备制造博览会签约项目二十个",
         "高端装备制造博览会上签约项目二十个，涉及液压件、矿山机械和智能风机塔筒，总投资四十亿元。", industry="equipment",
         date="2026-06-05"),
    _doc("x:service-quality", "news", "我市提升营商环境服务质量",
         "市营商环境建设局开展服务质量提升行动，推行帮办代办服务，企业开办时间压缩到一个工作日。", date="2026-06-08"),
    # --- pages, panels, experts, honour, gongshi -----------------------------
    _doc("x:about", "page", "关于阜新英才网",
         "阜新英才网是阜新市人才工作的官方平台，提供政策发布、人才认定网上申报、进度查询和公示信息。"),
    _doc("x:contact", "page", "联系我们",
         "市委人才工作领导小组办公室地址：细河区中华路，办公电话在工作日接听。人才认定业务请联系所在县区人才工作服务站。"),
    _doc("x:panel-equipment", "panel", "高端装备产业专家评审组",
         "评审组由十二名专家组成，负责高端装备产业领军人才和高级人才的专家评审，成员来自高校、科研院所和龙头企业。",
         industry="equipment"),
    _doc("x:panel-xinqiu", "panel", "新邱区产业发展专家顾问团",
         "新邱区聘请三十六名专家组成产业发展顾问团，为精细化工和煤矸石综合利用产业提供咨询。", division="210903",
         industry="chemicals"),
    _doc("x:expert-wang", "expert", "王建国 教授 辽宁工程技术大学",
         "王建国教授长期从事矿山机械和智能装备研究，担任高端装备产业专家评审组组长。", industry="equipment"),
    _doc("x:expert-li", "expert", "李娜 高级工程师 氢能",
         "李娜高级工程师从事电解水制氢和燃料电池系统研发十五年，入选阜新英才领军人才。", industry="hydrogen"),
    _doc("x:honour-2026", "honour", "2026年度阜新英才荣誉榜",
         "荣誉榜收录本年度认定的顶尖人才、领军人才和高级人才，涵盖高端装备、氢能、绿色食品等产业。", date="2026-06-10"),
    _doc("x:gongshi-batch1", "gongshi", "2026年第一批高层次人才认定公示",
         "现将第一批拟认定高层次人才名单予以公示，公示期五个工作日。对公示对象有异议的，请以实名书面形式向市人才办反映。",
         date="2026-06-12"),
    _doc("x:gongshi-young", "gongshi", "2026年青年骨干人才认定结果公示",
         "经个人申请、单位推荐、县区初审和市复审，拟认定青年骨干人才四十名，现予公示。", date="2026-06-15"),
    # --- English --------------------------------------------------------------
    _doc("x:en-about", "page", "About Fuxin Talent",
         "Fuxin Talent is the official portal of the city's talent programme. Apply online for talent recognition, "
         "check the progress of your application and read the latest policies.", lang="en"),
    _doc("x:en-stations", "station", "Talent Work Service Stations",
         "Every county and district runs a talent work service station offering policy advice, help with applications, "
         "housing and schooling referrals, and recruiting for local industries.", lang="en"),
    _doc("x:en-shenzhen", "station", "Shenzhen Recruiting Station",
         "Hosted by the Fuxin chamber of commerce in Shenzhen, the off-site recruiting station promotes Fuxin's talent "
         "policies to engineers and entrepreneurs in the Pearl River Delta.", lang="en"),
    _doc("x:en-categories", "policy", "Talent Categories Explained",
         "Talents are recognised in five tiers: top talent, leading talent, senior talent, young and key talent, and "
         "urgently needed talent. A recognition is valid for six years.", lang="en"),
    _doc("x:en-housing", "policy", "Housing Subsidies for Recognised Talents",
         "Recognised senior talents may claim a settling-in allowance; young talents may claim a monthly rent subsidy "
         "for up to three years.", lang="en"),
    _doc("x:en-wind", "news", "Smart Wind Turbine Plant Signed in High-tech Zone",
         "A 1.2 billion yuan smart wind turbine manufacturing project was signed in the high-tech zone. Production of "
         "turbines will support the new energy industry.", lang="en", industry="new-energy"),
    _doc("x:en-hydrogen", "news", "Hydrogen Industrial Park Starts Production",
         "The first three companies in Fuxin's hydrogen park started producing electrolysers and fuel cell parts, "
         "and are hiring hydrogen engineers nationwide.", lang="en", industry="hydrogen"),
    _doc("x:en-drones", "news", "Unmanned Systems Base Completes First Flight",
         "An industrial drone built at the intelligent unmanned systems base completed its first flight. The base plans "
         "to recruit one hundred drone engineers.", lang="en", industry="unmanned"),
    _doc("x:en-process", "policy", "How Recognition Works: Review and Publicity",
         "Applications pass employer review, qualification checks, county and city reviews and an expert panel. "
         "Results are published for five working days, during which anyone may object in writing.", lang="en"),
    _doc("x:en-university", "news", "Liaoning Technical University Partners with Local Firms",
         "Liaoning Technical University opened joint research centres with ten local manufacturers in mining safety, "
         "smart equipment and renewable energy.", lang="en"),
    _doc("x:en-food", "news", "Green Food Investment Fair",
         "Twelve food processing companies signed contracts at the green food investment fair, processing peanuts and "
         "grains.", lang="en", industry="green-food"),
    _doc("x:en-chemicals", "news", "Fine Chemicals Park Trains Safety Engineers",
         "The fine chemicals park trained eighty technicians in hazardous chemicals management and cleaner production.",
         lang="en", industry="chemicals"),
    _doc("x:en-jobfair", "news", "Spring Job Fair Offers 3,000 Positions",
         "Two hundred employers offered three thousand positions in equipment manufacturing, food processing, "
         "chemicals and power at the spring job fair.", lang="en"),
    # --- mixed ------------------------------------------------------------------
    _doc("x:mixed-ai", "news", "AI算法工程师专场招聘",
         "高新区举办AI算法工程师专场招聘，智能无人系统企业招聘Python和C++开发人员，提供人才公寓。", date="2026-06-18"),
    _doc("x:mixed-plc", "news", "PLC自动化培训助力智能铸造",
         "针对智能铸造企业需求，开展PLC自动化和工业机器人培训，学员可获得职业资格证书。", date="2026-06-20"),
]
