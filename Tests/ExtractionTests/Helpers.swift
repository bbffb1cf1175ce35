import Extraction

/// Extracts from a snippet with a fixed reference date, as a test article would be read.
func facts(_ text: String, ref: String? = "2016-02-01") -> DocumentFacts {
    Extractor(referenceDate: ref.flatMap(ReferenceDate.init(parsing:))).extract(text: text, path: "test.txt")
}

extension DocumentFacts {
    var moneyValues: [Double] { money.map(\.valueYuan) }
    var dateValues: [String] { dates.map(\.resolved) }
    var countPairs: [String] { counts.map { "\(fmtNumber($0.value))\($0.unit)" } }
}

func fmtNumber(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
