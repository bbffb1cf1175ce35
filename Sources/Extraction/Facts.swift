/// Where a fact was read: the file, the span (Unicode scalar offsets into the file's text, end
/// exclusive) and the sentence around it.
public struct Provenance: Sendable, Codable, Hashable {
    public var file: String
    public var start: Int
    public var end: Int
    public var text: String
    public var sentence: String
}

public struct MoneyFact: Sendable, Codable, Hashable {
    /// Every kind the extractor gives an amount, in the order reports list them, with the name a
    /// reader sees. One list: fact queries check `kind:` against it and the draft names its
    /// tables from it, so a kind the extractor starts giving cannot be one a query rejects.
    public static let kinds: [(key: String, name: String)] = [
        ("aid", "援助资金"), ("aid-plan", "计划援助资金"), ("central-funds", "中央财政资金"), ("investment", "投资"),
        ("sales", "销售额"), ("donation", "捐赠"), ("savings", "节约资金"), ("output", "产值"), ("income", "收入"),
        ("price", "价格"),
    ]

    public var valueYuan: Double
    public var lowYuan: Double?
    public var highYuan: Double?
    /// 多, 余, 近, 约 or 超 (超 also stands for 突破, 超过, 逾).
    public var approx: String?
    /// One of `MoneyFact.kinds`.
    public var kind: String
    public var category: String
    public var subject: String
    public var source: Provenance
}

public struct DateFact: Sendable, Codable, Hashable {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the calendar unit; `precision` says which part of it.
    public var resolved: String
    public var resolvedEnd: String?
    /// year, year-early, year-late, year-h1, year-h2, month, month-early, month-mid, month-late, day, day-range.
    public var precision: String
    /// 截至, 至, 到 or 以来 when the date bounds a period rather than naming a moment.
    public var modifier: String?
    /// A single dated happening (opened, launched, completed, held, arrived, signed …).
    public var milestone: Bool
    public var event: String
    public var category: String
    public var source: Provenance
}

public struct CountFact: Sendable, Codable, Hashable {
    public var value: Double
    public var unit: String
    /// 余, 多, 近, 超 or 以上.
    public var approx: String?
    public var category: String
    public var subject: String
    public var source: Provenance
    /// A range of counts (`10-20人`): its bounds; `value` is the midpoint.
    public var lowValue: Double? = nil
    public var highValue: Double? = nil
}

/// Everything read from one document.
public struct DocumentFacts: Sendable, Codable {
    public var doc: String
    public var path: String
    public var referenceDate: String?
    /// How the reference date was found: a date line, metadata, an override, or an inference.
    public var referenceDateNote: String
    public var encoding: String
    public var money: [MoneyFact]
    public var dates: [DateFact]
    public var counts: [CountFact]
    public var warnings: [String]
}
