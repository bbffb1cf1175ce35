import Foundation

// One place for trigonometry, so output stays reproducible across platforms:
// right angles are exact rather than 6.1e-17.
@inline(__always) func sine(_ r: Double) -> Double {
    let q = r / (.pi / 2)
    if q == q.rounded() {
        switch ((Int(q) % 4) + 4) % 4 { case 0: return 0; case 1: return 1; case 2: return 0; default: return -1 }
    }
    return Foundation.sin(r)
}
@inline(__always) func cosine(_ r: Double) -> Double { sine(r + .pi / 2) }
