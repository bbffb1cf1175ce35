import Charts
import Testing

@Suite struct NumberFormatTests {
    let money = NumberFormatter(kind: .money)

    @Test func axisUnitIsChosenFromTheData() {
        #expect(Magnitude.forAxis(maxAbs: 80_000_000) == .wan)
        #expect(Magnitude.forAxis(maxAbs: 280_270_000) == .yi)
        #expect(Magnitude.forAxis(maxAbs: 9_999) == .one)
        #expect(money.axisUnit(.wan) == "万元" && money.axisUnit(.yi) == "亿元" && money.axisUnit(.one) == "元")
    }

    @Test func wanValuesReadWithSeparatorsOnAWanAxis() {
        #expect(money.inMagnitude(80_000_000, .wan) == "8,000")
        #expect(money.inMagnitude(76_500_000, .wan) == "7,650")
        #expect(money.tick(20_000_000, magnitude: .wan, step: 20_000_000) == "2,000")
        #expect(money.tick(25_000_000, magnitude: .yi, step: 25_000_000) == "0.25")
    }

    @Test func compactPicksEachValuesOwnUnit() {
        #expect(money.compact(280_270_000) == "2.8027亿", "as precise as the source (2.8027亿元)")
        #expect(money.compact(280_270_000, withUnit: true) == "2.8027亿元")
        #expect(money.compact(25_000_000) == "2,500万")
        #expect(money.compact(395_000) == "39.5万")
        #expect(money.compact(8_100_000) == "810万")
        #expect(money.compact(500) == "500")
        #expect(NumberFormatter(kind: .percent).compact(0.4) == "40%")
        #expect(NumberFormatter(kind: .number, unit: "人次").compact(690_000, withUnit: true) == "69万人次")
    }

    @Test func groupedHandlesSignsAndDecimals() {
        #expect(NumberFormatter.grouped(1_234_567.5, decimals: 1) == "1,234,567.5")
        #expect(NumberFormatter.grouped(-1200, decimals: 0) == "-1,200")
        #expect(NumberFormatter.grouped(-0.001, decimals: 0) == "0")
        #expect(NumberFormatter.grouped(.nan, decimals: 0) == "–")
    }
}
