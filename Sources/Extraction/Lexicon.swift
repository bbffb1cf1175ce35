import Foundation

/// Words the recognisers look for, as scalar arrays. General Chinese news vocabulary only:
/// nothing here names a seed article's people, places or projects.
enum Lexicon {
    static func w(_ list: [String]) -> [[Unicode.Scalar]] { list.map(scalars) }

    /// Measure words after a count, longest first where one is a prefix of another.
    static let measures = w([
        "个百分点", "平方公里", "平方米", "立方米", "公里", "千米", "公顷", "人次", "台次", "场次", "批次", "架次", "户次", "车次",
        "周年", "大类", "个人", "名", "人", "位", "家", "个", "户", "项", "台", "套", "次", "单", "笔", "件", "条",
        "所", "起", "期", "批", "路", "锭", "座", "栋", "间", "张", "支", "辆", "头", "只", "株", "棵", "场", "亩", "吨",
        "米", "篇", "部", "对", "种", "类", "款", "份", "组", "台套",
        "厘米", "毫米", "公斤", "千克", "斤", "级", "千瓦", "兆瓦", "万千瓦",
        // A number right before a place noun counts places: 9省市, 12个县 → 12县.
        "省区市", "省市", "地州", "县市", "乡镇", "团场", "省", "县", "村", "镇", "乡",
    ])
    /// Measure words that are not quantities when what follows makes them a duration or a name.
    static let notAfterGe = w(["月", "小时", "工作日", "百分点"])

    /// Magnitudes written after an Arabic number that has no 万/亿 of its own (`5千万元`, `3千元`).
    static let arabicMagnitudes: [([Unicode.Scalar], Decimal)] = [
        (scalars("千万"), 10_000_000), (scalars("百万"), 1_000_000), (scalars("十万"), 100_000), (scalars("千"), 1000), (scalars("百"), 100),
    ]
    static let geYi = scalars("个亿"), geWan = scalars("个万")
    static let rangeSeparators: Set<Unicode.Scalar> = ["-", "—", "–", "~", "～", "至", "到"]

    /// What may follow an amount whose thousands are marked with the full-width comma (`８，０００万元`).
    static let numberFollowers: Set<Unicode.Scalar> = Set("万萬亿億千百元圆块多余人名个户家项所台次件条吨亩米%".unicodeScalars)
    /// 元 that starts another word: 元旦, 元年, 元素, 元宵, 元月, 元首.
    static let notYuanAfter: Set<Unicode.Scalar> = Set("旦年素宵月首件老帅气".unicodeScalars)

    /// Approximation and bound words before a number, with the label the gold convention uses;
    /// longer words first.
    static let approxBefore: [([Unicode.Scalar], String)] = [
        (scalars("超过"), "超"), (scalars("突破"), "超"), (scalars("将近"), "近"), (scalars("接近"), "近"), (scalars("大约"), "约"),
        (scalars("至少"), "以上"), (scalars("不少于"), "以上"), (scalars("不低于"), "以上"), (scalars("不超过"), "以下"),
        (scalars("不到"), "以下"), (scalars("不足"), "以下"), (scalars("近"), "近"), (scalars("约"), "约"),
        (scalars("超"), "超"), (scalars("逾"), "超"),
    ]
    static let yue = scalars("约")
    /// 约 closing another word (签约, 节约, 合约): no approximation.
    static let yueCompounds: Set<Unicode.Scalar> = Set("签节制契合履公条预邀违解特".unicodeScalars)
    /// Bound words after an amount or a count.
    static let boundAfter: [([Unicode.Scalar], String)] = [
        (scalars("以上"), "以上"), (scalars("以下"), "以下"), (scalars("左右"), "约"), (scalars("上下"), "约"),
    ]

    /// Words of a clause about money, where `110亿` or `150万` without 元 is an amount.
    static let moneyWords = w(["资金", "投资", "金额", "销售", "收入", "产值", "经费", "预算", "资助", "捐", "补助", "补贴", "融资",
                               "营业额", "交易额", "成交额", "贷款", "价值", "利润", "税收", "元", "花费", "支出", "援助", "拨付", "奖励", "工资"])
    static func isMoneyClause(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Bool { moneyWords.contains { t.contains($0, in: r) } }

    /// Verbs of single dated happenings, for the milestone flag.
    static let eventVerbs = w([
        "开园", "上线", "启动", "成立", "设立", "举办", "举行", "召开", "抵达", "到达", "签约", "签订", "签署", "竣工",
        "完工", "建成", "开通", "命名", "成为", "入选", "落地", "投入使用", "开业", "揭牌", "挂牌", "实现", "推介",
        "致信", "纳入", "突破", "完成", "开展", "正式", "首次", "首个", "开幕", "闭幕", "发布", "获批", "授牌", "开工", "复工",
        "运行", "出台", "印发", "引进", "建起", "赴", "来到", "走进", "开班", "结业", "访问", "考察", "慰问",
        "寄往", "寄出", "交接", "颁发", "授予", "当选", "荣获", "获得", "通过验收", "投产",
    ])
    /// Words of plans and intentions: what is still to happen is not yet a milestone.
    /// (Not a bare 计划: it is as often part of a name, 蒲公英计划.)
    static let planWords = w(["即将", "将在", "将于", "将会", "计划于", "计划在", "预计", "确保", "力争", "争取", "陆续"])
    /// Words that make a dated mention a statistic or a period, not a happening.
    static let statisticWords = w(["累计", "截至", "截止", "以来", "全年", "每年", "每月", "同比", "共计", "至今", "销售额", "单月", "增长"])

    static let categories: [(String, [[Unicode.Scalar]])] = [
        ("电商", w(["电商", "电子商务", "网店", "直播", "带货", "销售额", "网上商城", "淘宝", "消费帮扶"])),
        ("平安", w(["天网", "平安", "公安", "警", "案件", "侦", "探头", "监控"])),
        ("医疗", w(["医疗", "医生", "医院", "手术", "患者", "病人", "义诊", "送医", "医护", "卫生"])),
        ("教育", w(["教育", "学校", "教师", "学生", "中学", "小学", "高考", "中考", "送教", "课堂", "教学", "支教"])),
        ("民生", w(["安居", "民生", "大棚", "蔬菜", "住房", "农牧民", "脱贫", "扶贫", "就业"])),
        ("文化", w(["文化", "礼堂", "乐器", "体育", "联赛", "文艺", "演出", "祭孔", "开蒙"])),
        ("产业", w(["纺织", "产业", "企业", "工厂", "袜", "锭", "项目", "投资", "园区", "招商"])),
        ("智力", w(["人才", "培训", "干部", "专家", "挂职", "工作室"])),
        ("交往交流交融", w(["交往", "交流", "交融", "结对", "结亲"])),
    ]

    /// `…类项目` names its category outright: 智力支援类, 产业支援类, 民生类, 交往交流交融类, 文化教育支援类.
    static let namedCategories: [(String, [[Unicode.Scalar]])] = [
        ("文化教育", w(["文化教育"])), ("交往交流交融", w(["交往交流交融"])), ("智力", w(["智力"])), ("产业", w(["产业"])),
        ("民生", w(["民生"])), ("教育", w(["教育"])), ("医疗", w(["医疗", "卫生"])), ("文化", w(["文化"])), ("电商", w(["电商", "电子商务"])),
        ("平安", w(["平安", "维稳"])),
    ]
    static let leiXiangmu = scalars("类项目"), lei = scalars("类")

    /// The topic with the most keyword hits in `r`; 综合 when none. A `…类项目` in `r` names it.
    static func category(_ t: [Unicode.Scalar], _ r: Range<Int>) -> String {
        if let k = (r.lowerBound..<max(r.lowerBound, r.upperBound - 2)).first(where: { t.has(leiXiangmu, at: $0) }) {
            let head = max(r.lowerBound, k - 12)..<k
            for (name, keys) in namedCategories where keys.contains(where: { t.contains($0, in: head) }) { return name }
        }
        var best = ("综合", 0)
        for (name, keys) in categories {
            let hits = keys.reduce(0) { $0 + (t.contains($1, in: r) ? 1 : 0) }
            if hits > best.1 { best = (name, hits) }
        }
        return best.0
    }

    static let sales = w(["销售", "营业额", "交易额", "带货"]), savings = w(["节约", "节省"]), central = w(["中央"])
    static let donation = w(["捐", "募"]), plan = w(["计划"]), arrange = w(["安排"]), aidWord = w(["援"])
    static let invest = w(["投资"]), business = w(["集团", "公司", "企业", "有限", "厂商", "总投资"])

    static let agreement = w(["协议", "签约", "签订", "签署", "合同", "贸易总额"])
    static let price = w(["每公斤", "每斤", "每吨", "每亩", "单价", "/公斤", "/斤", "每件", "每个"])
    static let income = w(["收入", "利润", "工资", "年薪", "月薪"]), output = w(["产值"])

    /// The kind of a money mention, from the words of its clause (and whether its sentence
    /// speaks of aid or of companies).
    static func moneyKind(_ t: [Unicode.Scalar], clause c: Range<Int>, aidInSentence: Bool, businessInSentence: Bool) -> String {
        func any(_ words: [[Unicode.Scalar]], _ r: Range<Int>) -> Bool { words.contains { t.contains($0, in: r) } }
        if any(sales, c) { return "sales" }
        if any(savings, c) { return "savings" }
        if any(central, c) { return "central-funds" }
        if any(donation, c) { return "donation" }
        if any(agreement, c) { return "investment" }
        if any(price, c) { return "price" }
        if any(output, c) { return "output" }
        if any(income, c) { return "income" }
        if any(plan, c) && (any(arrange, c) || aidInSentence) { return "aid-plan" }
        if any(invest, c) && businessInSentence && !any(aidWord, c) { return "investment" }
        if any(invest, c) && !any(aidWord, c) { return "investment" }
        return "aid"
    }
}
