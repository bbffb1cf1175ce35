import Extraction
import Foundation
import Testing
import TestSupport

@Suite struct NormalizationTests {
    @Test func pdfBreaksInsideNumbersAndUnitsAreBridged() {
        let pdf = "2015 年，指挥部继续投入援疆资金 300 万元，在\n\n阿克苏建设文化礼堂，确保到\n\n年底完成。补助 500 万\n\n元用于大棚\n\n蔬菜，双十\n\n二当天销售 82\n\n人参与。\n\n5\n\n去年11月，培训在杭州举行，共有\n\n49 名教师报名参加培训，学员来自\n\n各个乡镇和县城的学校。\n"
        let f = facts(pdf)
        #expect(f.moneyValues == [3e6, 5e6])
        #expect(f.money[1].source.text == "500 万\n\n元", "the span covers the break")
        #expect(f.dateValues.contains("2015-12-12") && f.dateValues.contains("2015-11"))
        #expect(f.dates.first { $0.precision == "year-late" }?.resolved == "2015", "年底 anchored across the line break")
        #expect(f.countPairs == ["82人", "49名"], "the stray page number 5 is not glued to 49")
    }

    @Test func webAndPDFTextOfOneArticleGiveTheSameFacts() {
        let web = "2015年，投入援疆资金300万元，建设10个文化礼堂。\n去年11月，49名教师参加培训。\n"
        let pdf = "2015 年，投入援疆资金 300 万元，建设 10 个文化\n\n礼堂。去年 11 月，49 名教师参加\n\n培训。这一段文字来自扫描的报纸版面，\n\n行末没有句号，正是 PDF 的特点\n\n"
        let a = facts(web), b = facts(pdf)
        #expect(a.moneyValues == b.moneyValues)
        #expect(a.dateValues == b.dateValues)
        #expect(a.countPairs == b.countPairs)
    }

    @Test func fullWidthDigitsAreRead() {
        let f = facts("投入资金３００万元，培训１２０人。")
        #expect(f.moneyValues == [3e6] && f.countPairs == ["120人"])
        #expect(f.money[0].source.text == "３００万元")
    }

    @Test func spansPointIntoTheOriginalTextInUnicodeScalars() {
        let text = "𠀀标题😀\n2015年，投入资金300万元。\n"
        let f = facts(text)
        let scalars = Array(text.unicodeScalars)
        for p in f.money.map(\.source) + f.dates.map(\.source) {
            let s = String(String.UnicodeScalarView(scalars[p.start..<p.end]))
            #expect(s == p.text)
            #expect(p.sentence.contains("投入资金"))
        }
        #expect(f.money.first?.source.start == 15, "4 scalars of title, a newline, 2015年， and 投入资金 come before it")
    }
}

@Suite struct DecodingTests {
    func write(_ bytes: [UInt8]) -> String {
        let p = Tools.temporaryFolder() + "/a.txt"
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }

    @Test func gb18030IsDecoded() throws {
        let gbk: [UInt8] = [212, 174, 189, 174, 215, 202, 189, 240, 56, 48, 48, 48, 205, 242, 212, 170, 163, 172, 50, 48, 49, 53, 196, 234, 49, 212, 194, 161, 163]
        let f = try Extractor(referenceDate: ReferenceDate(year: 2016)).extract(file: write(gbk))
        #expect(f.encoding == "GB18030")
        #expect(f.moneyValues == [8e7] && f.dateValues == ["2015-01"])
    }

    @Test func aBOMIsKeptAsTheFirstScalar() throws {
        let f = try Extractor(referenceDate: ReferenceDate(year: 2016)).extract(file: write([0xEF, 0xBB, 0xBF] + Array("资金300万元。".utf8)))
        #expect(f.money.first?.source.start == 3)
    }

    /// What Windows Notepad saves as "Unicode": UTF-16 with a BOM, either byte order. The facts
    /// equal those of the same text in UTF-8 (the BOM is no scalar of the text).
    @Test func utf16WithABOMIsDecoded() throws {
        let text = "2015年，投入资金8000万元，实施项目12个。𠀀"
        let utf8 = try Extractor(referenceDate: ReferenceDate(year: 2016)).extract(file: write(Array(text.utf8)))
        let units = Array(text.utf16)
        let le: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let f = try Extractor(referenceDate: ReferenceDate(year: 2016)).extract(file: write(bytes))
            #expect(f.encoding == name)
            #expect(f.moneyValues == [8e7] && f.countPairs == ["12个"] && f.dateValues == ["2015"])
            #expect(f.money.map(\.source.start) == utf8.money.map(\.source.start))
        }
        #expect { try Extractor().extract(file: write(le.dropLast())) } throws: { e in "\(e)".contains("UTF-16") }
        #expect { try Extractor().extract(file: write([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])) } throws: { e in "\(e)".contains("byte 2") }
    }

    @Test func anEmptyOrNonChineseFileIsReportedNotSilentlyEmpty() throws {
        let empty = try Extractor().extract(file: write([]))
        #expect(empty.warnings.contains { $0.contains("empty") }, "\(empty.warnings)")
        let english = try Extractor().extract(file: write(Array("Aid of 3 million yuan in 2015.".utf8)))
        #expect(english.warnings.contains { $0.contains("no Chinese text") }, "\(english.warnings)")
        let chinese = try Extractor(referenceDate: ReferenceDate(year: 2016)).extract(file: write(Array("资金300万元。".utf8)))
        #expect(!chinese.warnings.contains { $0.contains("Chinese") || $0.contains("empty") })
    }

    @Test func undecodableBytesNameFileAndOffset() {
        let p = write(Array("资金".utf8) + [0xFF, 0xFE, 0x41])
        #expect { try Extractor().extract(file: p) } throws: { e in "\(e)".contains(p) && "\(e)".contains("byte 6") }
        let bin = write([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])
        #expect { try Extractor().extract(file: bin) } throws: { e in "\(e)".contains("byte 4") }
        #expect { try Extractor().extract(file: "/nonexistent/x.txt") } throws: { e in "\(e)".contains("/nonexistent/x.txt") }
    }
}

@Suite struct PhraseSpaceTests {
    /// In web text a space between Chinese characters separates phrases (titles), so an
    /// amount without 元 before it ends there; in PDF text such spaces mean nothing.
    @Test func aTitleSpaceEndsAnAmount() {
        let f = facts("全省项目计划投资860亿 第一批已开工\n正文：县里安排资金20万元。")
        #expect(f.moneyValues == [8.6e10, 2e5], "\(f.moneyValues)")
    }
}
