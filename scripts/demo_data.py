"""Tables for scripts/generate_demo.py: the invented county, its people and the wording of cases.

Every name here is fictional. Titles and summaries are templates; generate_demo.py fills
the {placeholders} from the pools at the bottom.
"""

# fmt: off
TOWNS = {
    "qingshi-town": ("青石镇", ["王家庄村", "石门村", "上河村"]),
    "liuhe-town": ("柳河镇", ["柳营村", "河西村", "杨树沟村"]),
    "baita-township": ("白塔乡", ["白塔村", "前进村", "马家洼村"]),
    "dongling-town": ("东岭镇", ["东岭村", "李家湾村", "红旗村"]),
    "nanhu-town": ("南湖镇", ["南湖村", "荷花村", "周家堡村"]),
    "shiqiao-township": ("石桥乡", ["石桥村", "新庄村", "北坡村"]),
    "longquan-town": ("龙泉镇", ["龙泉村", "泉水湾村", "高台村"]),
}
DEPARTMENTS = {
    "housing-bureau": ("县住房和城乡建设局", "县住建局"),
    "natural-resources-bureau": ("县自然资源局", None),
    "hrss-bureau": ("县人力资源和社会保障局", "县人社局"),
    "public-security-bureau": ("县公安局", None),
    "education-bureau": ("县教育局", None),
    "urban-management-bureau": ("县城市管理局", "县城管局"),
    "ecology-environment-bureau": ("县生态环境分局", "县环境分局"),
    "discipline-commission": ("县纪委监委", None),
}
# 单位别名：群众和干部口头常用的叫法、旧称（--unit、台账导入和网站搜索都认）
UNIT_ALIASES = {
    "housing-bureau": ["住建委", "住建局"],
    "natural-resources-bureau": ["国土局"],
    "hrss-bureau": ["人社局", "劳动局"],
    "public-security-bureau": ["公安局"],
    "urban-management-bureau": ["城管局", "城管执法局"],
    "ecology-environment-bureau": ["环保局"],
    "discipline-commission": ["纪委"],
}
# key: name, post, rank, unit, linked towns, lines of work, categories they own at county level
LEADERS = {
    "zhang-jianguo": ("张建国", "县委书记", "county_party_secretary", None, ["longquan-town"], ["全面工作"], []),
    "chen-hong": ("陈红", "县委副书记、县长", "county_head", None, ["baita-township"], ["政府全面工作"], []),
    "li-wei": ("李伟", "县委常委、副县长", "deputy_county_head", None, ["qingshi-town", "liuhe-town"],
               ["城乡建设", "城市管理", "住房保障"], ["urban-management", "urban-demolition", "housing-quality"]),
    "zhao-min": ("赵敏", "副县长", "deputy_county_head", None, ["baita-township", "dongling-town"],
                 ["自然资源", "农业农村", "生态环境"], ["land-acquisition", "rural-affairs", "environment"]),
    "sun-lijun": ("孙立军", "副县长", "deputy_county_head", None, ["nanhu-town"],
                  ["人力资源和社会保障", "教育"], ["wage-arrears", "labour-social-security", "education"]),
    "zhou-yang": ("周洋", "副县长、县公安局局长", "deputy_county_head", "public-security-bureau",
                  ["shiqiao-township"], ["公安"], ["law-litigation"]),
    "wu-xiaodong": ("吴晓东", "县委常委、县纪委书记、县监委主任", "county_leader", "discipline-commission",
                    ["longquan-town"], ["纪检监察"], ["cadre-discipline"]),
    "zheng-guohua": ("郑国华", "县委常委、政法委书记", "county_leader", None, ["dongling-town"],
                     ["政法", "信访"], ["law-litigation"]),
    "feng-li": ("冯莉", "县人大常委会副主任", "county_leader", None, ["nanhu-town", "shiqiao-township"],
                ["联系信访工作"], ["wage-arrears"]),
    "he-jun": ("何军", "县住房和城乡建设局局长", "department_head", "housing-bureau", [], ["住房和城乡建设"], []),
    "lu-chunyan": ("卢春燕", "县自然资源局局长", "department_head", "natural-resources-bureau", [], ["自然资源"], []),
    "gao-peng": ("高鹏", "县人力资源和社会保障局局长", "department_head", "hrss-bureau", [], ["人力资源和社会保障"], []),
    "tang-zhiqiang": ("唐志强", "县城市管理局局长", "department_head", "urban-management-bureau", [], ["城市管理"], []),
    "xie-fang": ("谢芳", "县教育局局长", "department_head", "education-bureau", [], ["教育"], []),
    "ma-liang": ("马亮", "青石镇党委书记", "town_head", "qingshi-town", [], ["全镇工作"], []),
    "hu-jing": ("胡静", "柳河镇镇长", "town_head", "liuhe-town", [], ["镇政府工作"], []),
    "luo-bin": ("罗斌", "白塔乡党委书记", "town_head", "baita-township", [], ["全乡工作"], []),
    "liang-chao": ("梁超", "东岭镇镇长", "town_head", "dongling-town", [], ["镇政府工作"], []),
    "song-xiaoli": ("宋晓丽", "南湖镇党委副书记", "town_cadre", "nanhu-town", [], ["信访维稳"], []),
    "han-lei": ("韩磊", "石桥乡副乡长", "town_cadre", "shiqiao-township", [], ["信访维稳", "农业农村"], []),
}
# The town's or department's side of 包案 (policy/ownership.yaml: second owners): a second head
# where the unit had none among LEADERS, and a deputy (分管负责人) for each unit with key cases.
# Kept apart from LEADERS so that choosing the county-side owner draws exactly as before.
UNIT_LEADERS = {
    "qian-jun": ("钱军", "县公安局党委副书记、政委", "department_head", "public-security-bureau", [], ["公安"], []),
    "deng-yuan": ("邓远", "龙泉镇党委书记", "town_head", "longquan-town", [], ["全镇工作"], []),
    "xu-wen": ("许文", "县住房和城乡建设局副局长", "unit_deputy", "housing-bureau", [], ["房屋质量", "物业管理"], []),
    "pan-xiaohong": ("潘晓红", "县人力资源和社会保障局副局长", "unit_deputy", "hrss-bureau", [], ["劳动保障监察"], []),
    "tian-gang": ("田刚", "县公安局副局长", "unit_deputy", "public-security-bureau", [], ["执法监督"], []),
    "peng-cheng": ("彭程", "县城市管理局副局长", "unit_deputy", "urban-management-bureau", [], ["市容执法"], []),
    "yao-li": ("姚丽", "县自然资源局副局长", "unit_deputy", "natural-resources-bureau", [], ["耕地保护", "征地"], []),
    "cao-yu": ("曹宇", "南湖镇副镇长", "unit_deputy", "nanhu-town", [], ["信访维稳"], []),
    "yuan-ming": ("袁明", "柳河镇副镇长", "unit_deputy", "liuhe-town", [], ["信访维稳"], []),
    "jiang-tao": ("蒋涛", "青石镇副镇长", "unit_deputy", "qingshi-town", [], ["信访维稳"], []),
    "fan-dan": ("范丹", "龙泉镇副镇长", "unit_deputy", "longquan-town", [], ["信访维稳"], []),
    "fang-xin": ("方鑫", "石桥乡副乡长", "unit_deputy", "shiqiao-township", [], ["综治维稳"], []),
    "du-juan": ("杜鹃", "白塔乡副乡长", "unit_deputy", "baita-township", [], ["信访维稳"], []),
    "ren-jie": ("任杰", "东岭镇副镇长", "unit_deputy", "dongling-town", [], ["信访维稳"], []),
}
# key: name, weight among requests, handling units ("town" = any town)
CATEGORIES = {
    "land-acquisition": ("土地征占", 14, ["town", "town", "natural-resources-bureau"]),
    "urban-demolition": ("城镇拆迁", 10, ["housing-bureau", "housing-bureau", "town"]),
    "wage-arrears": ("拖欠工资", 12, ["hrss-bureau", "hrss-bureau", "housing-bureau", "town"]),
    "labour-social-security": ("劳动社保", 10, ["hrss-bureau"]),
    "law-litigation": ("涉法涉诉", 9, ["public-security-bureau"]),
    "cadre-discipline": ("干部违纪", 2, ["town"]),
    "urban-management": ("城市管理", 12, ["urban-management-bureau", "urban-management-bureau", "housing-bureau"]),
    "education": ("教育", 6, ["education-bureau"]),
    "environment": ("生态环境", 6, ["ecology-environment-bureau", "town"]),
    "housing-quality": ("房屋质量", 8, ["housing-bureau"]),
    "rural-affairs": ("农村事务", 10, ["town"]),
}
REQUESTS = {
    "land-acquisition": [
        ("反映{village}修路占地补偿款未到位", "{road}拓宽工程占用{village}承包地已近两年，青苗和附着物补偿仍未兑付，请求核实发放。"),
        ("对{village}征地补偿标准有异议", "信访人认为本轮征地补偿标准低于周边同类地块，请求说明依据并重新核定。"),
        ("反映{village}集体土地被企业占用", "{company}在{village}集体土地上建设厂房，信访人未见用地批准文件，请求依法查处。"),
        ("要求落实{village}被征地农民社会保障", "信访人的承包地被征收后，至今未纳入被征地农民社会保障，请求按政策办理。"),
        ("反映{village}土地流转费被拖欠", "{company}在{village}流转土地种植苗木，已两年未付流转费，村民请求协调追讨。"),
    ],
    "urban-demolition": [
        ("反映{estate}棚改安置房逾期未交付", "信访人的旧房在棚户区改造中拆除，约定的安置房超期一年仍未交付，过渡费也已停发。"),
        ("对{road}沿线房屋拆迁评估结果有异议", "信访人认为评估机构对其临街门面房的估价明显偏低，请求另行委托评估。"),
        ("反映拆迁过渡安置费停发", "信访人自今年初起未再领到过渡安置费，请求查明原因并补发。"),
        ("反映未签协议房屋被拆除", "信访人尚未签订补偿协议，其在{road}的附属房屋即被拆除，请求依法处理并赔偿。"),
    ],
    "wage-arrears": [
        ("反映{company}拖欠农民工工资", "信访人代表{n}名农民工反映，{company}承建的{estate}项目已完工，仍欠工资约{money}万元。"),
        ("反映{company}拖欠装修工人劳务费", "信访人为{company}做室内装修，{money}万元劳务费至今未结清，多次讨要无果。"),
        ("请求协调解决{company}欠薪问题", "{company}停产后拖欠职工三个月工资，信访人请求劳动保障部门介入。"),
    ],
    "labour-social-security": [
        ("要求补缴在{company}工作期间的养老保险", "信访人在{company}工作八年，单位一直未为其缴纳养老保险，请求责令补缴。"),
        ("对工伤认定结论有异议", "信访人在{company}上班时受伤，认为工伤认定结论与事实不符，请求重新认定。"),
        ("反映退休待遇核定有误", "信访人认为办理退休时视同缴费年限少算，养老金因此偏低，请求复核。"),
        ("反映灵活就业社保补贴未到账", "信访人已按规定申请灵活就业人员社保补贴，半年多仍未到账。"),
    ],
    "law-litigation": [
        ("反映被骗案件立案后长期无进展", "信访人遭遇网络诈骗损失{money}万元，报案立案一年多未见进展，请求加快侦办。"),
        ("对交通事故责任认定不服", "信访人认为其家属在{road}发生的交通事故责任划分不公，请求重新调查。"),
        ("反映邻里纠纷报警后处理不公", "信访人与邻居因宅基地界线发生冲突，认为出警后的处理偏袒对方，请求重新处理。"),
        ("反映养殖场被盗案件未侦破", "信访人在{village}的养殖场被盗，报案至今未破案，请求督促侦办。"),
    ],
    "cadre-discipline": [
        ("反映{town}工作人员办事推诿", "信访人到{town}便民服务中心办理手续，工作人员多次推诿，请求整改作风。"),
    ],
    "urban-management": [
        ("反映{road}占道经营影响通行", "{road}早晚有摊贩占道经营，车辆和行人通行困难，居民请求整治。"),
        ("反映{estate}违章搭建阻挡采光", "{estate}一楼住户私自搭建阳光房，影响楼上采光并占用消防通道。"),
        ("反映{road}夜市油烟噪音扰民", "{road}夜市烧烤摊油烟重、营业到凌晨，附近居民无法正常休息。"),
        ("反映{estate}周边建筑垃圾长期未清运", "{estate}东侧空地堆放建筑垃圾数月无人清运，雨天污水横流。"),
        ("反映{estate}雨污管道堵塞", "{estate}雨污管网堵塞，每逢下雨地下车库进水，居民请求疏通改造。"),
    ],
    "education": [
        ("反映子女入学划片不合理", "信访人居住的{estate}被划入较远的学校片区，孩子上学不便，请求调整。"),
        ("反映{school}统一征订教辅资料", "家长反映{school}要求学生统一购买教辅资料，请求核查是否违规。"),
        ("反映校车停运后{village}学生上学难", "{village}到{school}的校车停运后，学生每天需步行较远山路上学。"),
    ],
    "environment": [
        ("反映{company}夜间排放刺激性气体", "{village}村民反映{company}夜间排放异味气体，影响休息和身体健康。"),
        ("反映{village}养殖场粪污直排河沟", "{village}一处养殖场粪污未经处理直接排入河沟，河水发黑发臭。"),
        ("反映{road}沿线搅拌站粉尘污染", "{road}沿线混凝土搅拌站粉尘大，周边居民家中窗台积满灰尘。"),
    ],
    "housing-quality": [
        ("反映{estate}新房墙体开裂渗水", "{estate}交房不到一年，多户出现墙体开裂、窗边渗水，开发商拒不维修。"),
        ("反映{estate}不动产权证迟迟未办", "业主入住{estate}已三年，仍未办理不动产权证，请求督促开发商办理。"),
        ("反映{estate}电梯频繁故障", "{estate}电梯多次困人，物业维修不及时，居民请求督促整改。"),
    ],
    "rural-affairs": [
        ("反映{village}村道硬化质量差", "{village}去年新修的村道已出现多处开裂和坑槽，村民请求查验工程质量。"),
        ("反映{village}饮水工程经常停水", "{village}自来水经常停水，夏季用水十分困难。"),
        ("请求调处{village}宅基地纠纷", "信访人与邻居因宅基地界线发生争议，村里多次调解未果。"),
        ("反映{village}低保评定不公", "信访人家庭困难却未评上低保，认为部分条件较好的家庭反而享受低保。"),
    ],
}
# (category, unit or "town", title, summary)
SUGGESTIONS = [
    ("urban-management", "urban-management-bureau", "建议在{road}增设便民停车位", "{road}沿街商户集中，停车难，建议利用闲置空地增设停车位。"),
    ("education", "education-bureau", "建议{school}延长课后服务时间", "双职工家庭接孩子困难，建议课后服务延长到下午六点。"),
    ("rural-affairs", "town", "建议为{village}主干道安装路灯", "{village}主干道夜间没有照明，村民出行不安全，建议安装太阳能路灯。"),
    ("environment", "ecology-environment-bureau", "建议加强{river}河道垃圾清理", "{river}部分河段漂浮垃圾较多，建议增加保洁频次。"),
    ("labour-social-security", "hrss-bureau", "建议简化灵活就业人员参保手续", "建议将灵活就业人员参保登记全部放到网上办理，减少跑腿。"),
    ("urban-management", "urban-management-bureau", "建议规范{road}早市经营时段", "建议为{road}早市划定经营区域和时段，兼顾便民和通行。"),
    ("housing-quality", "housing-bureau", "建议对老旧小区加装电梯给予补贴", "{estate}等老旧小区老人多，建议出台加装电梯补贴办法。"),
]
ACCUSATIONS = [
    ("cadre-discipline", "discipline-commission", "检举{village}村干部优亲厚友评定低保", "检举人称{village}村干部将低保名额分给亲属，真正困难的家庭未能纳入。"),
    ("cadre-discipline", "discipline-commission", "检举{town}某站所负责人公车私用", "检举人多次看到{town}某站所公务用车在周末接送家属。"),
    ("cadre-discipline", "discipline-commission", "检举{village}村委会虚报项目资金", "检举人称{village}村委会在道路修缮项目中虚报工程量，套取补助资金。"),
    ("cadre-discipline", "discipline-commission", "检举某部门工作人员违规收受礼金", "检举人称某部门工作人员在办理审批时收受礼金。"),
    ("cadre-discipline", "discipline-commission", "检举{village}村干部侵占集体土地收益", "检举人称{village}集体土地出租收入未入账，去向不明。"),
    ("environment", "ecology-environment-bureau", "检举{company}偷排生产废水", "检举人称{company}夜间通过暗管向{river}排放生产废水。"),
    ("land-acquisition", "natural-resources-bureau", "检举{village}有人非法占用耕地建房", "检举人称{village}有人在基本农田上建房，已封顶。"),
]
ROADS = ["人民路", "建设大道", "滨河路", "新华街", "工业园一路", "文昌路"]
ESTATES = ["阳光花园", "滨河佳苑", "金桂苑", "锦绣家园", "翠湖小区", "东城名邸"]
COMPANIES = ["示例县宏泰建筑工程有限公司", "示例县鑫源新型建材有限公司", "示例县绿野苗木专业合作社",
             "示例县华达食品有限公司", "示例县恒安物流有限公司", "示例县远景装饰工程有限公司"]
SCHOOLS = ["县第二实验小学", "县城关初级中学", "青石镇中心小学", "柳河镇中学"]
RIVERS = ["柳河", "青石河", "白塔沟"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许沈曾彭吕苏卢蒋蔡丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟段雷钱汤尹易常武乔贺龚"
GIVEN_NAMES = ["秀兰", "建华", "桂英", "志强", "玉兰", "海燕", "国庆", "丽娟", "红梅", "德明", "春生", "永红",
               "淑芬", "建军", "金凤", "长林", "小军", "文静", "新民", "凤英", "保国", "桂芳", "明亮", "俊峰",
               "立新", "翠花", "振华", "秋菊", "大勇", "学文", "美玲", "天福"]
PROGRESS_NOTES = ["召集专班会商，梳理诉求和政策依据", "约见信访人当面沟通，听取意见", "专班赴现场核实情况",
                  "协调相关部门研究化解方案", "化解方案已报县联席办审核", "落实化解措施，信访人情绪稳定",
                  "再次与信访人沟通，解释相关政策", "督促承办单位按方案推进"]
REJECT_REASONS = ["该事项已进入诉讼程序，应依法通过法定途径解决", "同一事项已出具复核意见，依规不再受理",
                  "诉求不属于本机关职权范围，已告知信访人向有权机关提出"]
EXTEND_NOTES = ["需等待工程质量鉴定结果", "涉及多个部门，需联合调查", "需调取历史档案核实"]
# fmt: on

# key: name, short name, type
UNITS = {k: (name, None, "town") for k, (name, _) in TOWNS.items()} | {
    k: (name, short, "department") for k, (name, short) in DEPARTMENTS.items()
}
