import Canvas
import Testing

@Suite struct ColorTests {
    @Test func parsesSixAndEightDigitHex() throws {
        let c = try Color(hex: "#4C72B0")
        #expect(abs(c.red - 0x4C / 255.0) < 1e-9 && abs(c.blue - 0xB0 / 255.0) < 1e-9 && c.alpha == 1)
        let t = try Color(hex: "ff000080")
        #expect(t.red == 1 && abs(t.alpha - 128 / 255.0) < 1e-9)
        #expect(t.hexString == "#FF000080")
        #expect(c.hexString == "#4C72B0")
    }

    @Test(arguments: ["", "#12345", "#GGGGGG", "red", "#1234567", "#12 456"])
    func rejectsMalformedColoursWithAClearMessage(_ s: String) {
        #expect(throws: ColorError.invalid(s)) { try Color(hex: s) }
        let msg = ColorError.invalid(s).description
        #expect(msg.contains("#RRGGBB") && msg.contains("\"\(s)\""))
    }
}
