import CCairo
import Foundation
import Synchronization

/// Small copies of the big CJK faces, made once per machine and put in front of them.
///
/// Noto Sans CJK is one 17 MB CFF table shared by every language in the collection. Cairo 1.16
/// copies and parses the whole table every time it embeds a face in a PDF: about 5.5 ms and
/// 17 MB per face per document, most of a chart's PDF time and of a build's memory. A copy
/// holding only the characters of GB 2312 (all of everyday simplified Chinese) plus Latin,
/// punctuation and symbols, with subroutines inlined, is 2.1 MB and draws the same glyphs from
/// the same outlines.
///
/// A second copy holds every character of the face, still without subroutines: cairo 1.16's
/// CFF subsetter can leave out a subroutine a glyph calls, and the glyph then comes out blank or
/// broken in the PDF (如 did, in a small document drawn from the system face). Characters outside
/// GB 2312 are drawn from this copy; it is 11.7 MB, so only documents that need it pay for it.
///
/// Each copy gets its own family name at scan time (a fontconfig rule, so the file itself is
/// HarfBuzz's output, not renamed) and goes in front of the face it came from; a character the
/// copy lacks falls through to the next face, so text never loses a glyph. Copies live in
/// `$REPORTGEN_FONT_CACHE`, else `$XDG_CACHE_HOME/reportgen/fonts`, else `~/.cache/reportgen/fonts`,
/// else a private folder in the temporary directory, keyed by the source file's path, size and
/// date and HarfBuzz's version. `REPORTGEN_FONT_SUBSETS=off` turns the whole thing off; any
/// failure (no folder, a face HarfBuzz cannot subset) quietly leaves the system faces in use.
///
/// The copy keeps only the layout features HarfBuzz applies to horizontal text, and `locl`
/// only for the languages text is laid out in (`LanguageForms`): Noto's Japanese, Korean and
/// traditional forms and its vertical and width variants would otherwise almost double it
/// (3.6 MB instead of ~2 MB of CFF, which cairo copies twice per face per PDF).
public enum FontSubsets {
    /// What was set up, for `reportgen fonts` and tests.
    public struct Status: Sendable {
        /// Requested family -> the family names of its copies, everyday copy first.
        public var aliases: [String: [String]] = [:]
        /// Subset files in use, with the face each came from.
        public var faces: [(subset: String, source: String)] = []
        /// Why subsets are not in use (or only partly), if they are not.
        public var notes: [String] = []
        /// Milliseconds spent making subsets that were not cached yet (0 when all were cached).
        public var creationMilliseconds = 0.0
    }

    /// Families that get subsets: the default CJK family (the others are Latin faces, already small).
    static let candidates = [defaultFontFamilies[0]]
    /// Bump when the character set or the way subsets are made changes.
    static let version = 4
    /// Faces smaller than this are cheap to embed whole.
    static let minimumSourceBytes = 4 << 20

    /// Set up once per process, before the first Pango font map reads fontconfig's font list.
    public static let status: Status = prepare()

    /// `families` with each subset family placed right before the family it was made from.
    static func expand(_ families: [String]) -> [String] {
        let aliases = status.aliases
        guard !aliases.isEmpty else { return families }
        var out: [String] = []
        out.reserveCapacity(families.count + 1)
        for f in families {
            if let a = aliases[f] { out += a }
            out.append(f)
        }
        return out
    }

    static func prepare() -> Status {
        var status = Status()
        let env = ProcessInfo.processInfo.environment
        if let flag = env["REPORTGEN_FONT_SUBSETS"]?.lowercased(), ["0", "off", "no", "false"].contains(flag) {
            status.notes.append("font subsets are off (REPORTGEN_FONT_SUBSETS=\(flag))")
            return status
        }
        guard let folder = cacheFolder(env, notes: &status.notes) else {
            status.notes.append("no folder for font subsets (set HOME, XDG_CACHE_HOME or REPORTGEN_FONT_CACHE); using the system faces")
            return status
        }
        guard let config = FcConfigGetCurrent() else {
            status.notes.append("fontconfig has no configuration; using the system faces")
            return status
        }
        // Every face of a family gets a subset or none does: fontconfig picks the nearest weight
        // within the subset family, so a missing weight would be drawn in another one.
        var jobs: [(family: String, source: Face, tier: Tier, target: String)] = []
        for family in candidates {
            let all = faces(of: family, config: config)
            guard all.contains(where: { $0.bytes >= minimumSourceBytes }) else { continue }
            for tier in Tier.allCases {
                for face in all {
                    let name = face.cacheName(family: family, tier: tier)
                    jobs.append((family, face, tier, (folder as NSString).appendingPathComponent(name)))
                }
            }
        }
        // A copy whose bytes no longer match the checksum recorded when it was made (a disk
        // error, a sync tool, a person) would crash cairo's CFF subsetter in every build: it is
        // made again, and if that fails the system faces are used.
        // (The damaged file is replaced by rename, never removed first: another process may be
        // drawing with these copies right now.)
        var damaged = Set<String>()
        for job in jobs where FileManager.default.fileExists(atPath: job.target) {
            if let problem = damage(job.target) {
                damaged.insert(job.target)
                status.notes.append("font copy \(job.target) \(problem); made it again")
            }
        }
        let missing = jobs.indices.filter { !FileManager.default.fileExists(atPath: jobs[$0].target) || damaged.contains(jobs[$0].target) }
        if !missing.isEmpty {
            let start = DispatchTime.now().uptimeNanoseconds
            let problems = Mutex<[String]>([])
            // Each source file is read once for all its copies; the files are done side by side
            // (0.1 s for an everyday copy, 0.25 s for a complete one).
            let bySource = Dictionary(grouping: missing.map { jobs[$0] }) { "\($0.source.path)|\($0.source.index)" }
                .sorted { $0.key < $1.key }.map(\.value)
            DispatchQueue.concurrentPerform(iterations: bySource.count) { i in
                let found = makeCopies(of: bySource[i][0].source, bySource[i].map { ($0.tier, $0.target) })
                if !found.isEmpty { problems.withLock { $0 += found } }
            }
            removeSuperseded(in: folder, stems: Set(jobs.map { $0.source.cacheStem(family: $0.family) }),
                             keeping: Set(jobs.map { ($0.target as NSString).lastPathComponent }))
            status.notes += problems.withLock { $0 }
            // A damaged copy that could not be made again must not be used.
            for target in damaged where damage(target) != nil { unlink(target) }
            status.creationMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
        let ready = jobs.filter { FileManager.default.fileExists(atPath: $0.target) }
        guard !ready.isEmpty else { return status }
        let rules = ready.map { job in
            "<match target=\"scan\"><test name=\"file\"><string>\(TextBlock.escape(job.target))</string></test>"
                + "<edit name=\"family\" mode=\"assign_replace\"><string>\(TextBlock.escape(subsetFamily(job.family, job.tier)))</string></edit></match>"
        }.joined()
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\"><fontconfig>\(rules)</fontconfig>"
        guard FcConfigParseAndLoadFromMemory(config, xml, 0) != 0 else {
            status.notes.append("fontconfig refused the rule naming the font subsets; using the system faces")
            return status
        }
        var added: [String: Int] = [:]  // "family|tier" -> faces fontconfig took
        for job in ready {
            if FcConfigAppFontAddFile(config, job.target) != 0 {
                added["\(job.family)|\(job.tier)", default: 0] += 1
                status.faces.append((job.target, job.source.path))
            } else {
                status.notes.append("fontconfig could not read the font subset \(job.target); using \(job.source.path)")
            }
        }
        for family in candidates {
            for tier in Tier.allCases {
                let expected = jobs.filter { $0.family == family && $0.tier == tier }.count
                guard expected > 0 else { continue }
                if added["\(family)|\(tier)"] == expected {
                    status.aliases[family, default: []].append(subsetFamily(family, tier))
                } else {
                    status.faces.removeAll { face in
                        jobs.contains { $0.family == family && $0.tier == tier && $0.target == face.subset }
                    }
                    status.notes.append("not every weight of \(family) has a usable \(tier.rawValue) copy; using the next face")
                }
            }
        }
        return status
    }

    /// Copies of the same faces made for an older font file, HarfBuzz or subset version.
    static func removeSuperseded(in folder: String, stems: Set<String>, keeping: Set<String>) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where (name.hasSuffix(".otf") || name.hasSuffix(".otf.check")) && !keeping.contains(name)
            && !keeping.contains((name as NSString).deletingPathExtension) && stems.contains(where: { name.hasPrefix($0) }) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    static func subsetFamily(_ family: String, _ tier: Tier) -> String { "\(family) \(tier.familySuffix)" }

    /// The copies made of each face, in the order they stand in front of it.
    enum Tier: String, CaseIterable, Sendable {
        /// GB 2312, Latin, punctuation and symbols (2.1 MB): what nearly every document needs,
        /// small enough for cairo to embed in a few milliseconds.
        case everyday
        /// Every character of the face (11.7 MB), for what the everyday copy lacks.
        case complete

        var familySuffix: String { self == .everyday ? "reportgen-subset" : "reportgen-complete" }
    }

    /// The first usable of: `$REPORTGEN_FONT_CACHE`, `$XDG_CACHE_HOME/reportgen/fonts`,
    /// `~/.cache/reportgen/fonts`, then a private folder in the temporary directory (a cron job
    /// with no writable home still gets the copies; without them the system faces go into PDFs,
    /// where cairo 1.16 can lose a glyph). Notes say why a preferred folder was passed over.
    static func cacheFolder(_ env: [String: String], notes: inout [String]) -> String? {
        var preferred: String?
        if let dir = env["REPORTGEN_FONT_CACHE"], !dir.isEmpty {
            preferred = dir
        } else if let xdg = env["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            preferred = (xdg as NSString).appendingPathComponent("reportgen/fonts")
        } else if let home = env["HOME"], home.hasPrefix("/") {
            preferred = (home as NSString).appendingPathComponent(".cache/reportgen/fonts")
        }
        if let preferred {
            if (try? FileManager.default.createDirectory(atPath: preferred, withIntermediateDirectories: true)) != nil,
               access(preferred, W_OK) == 0 {
                return preferred
            }
            notes.append("cannot write font subsets to \(preferred); using the temporary directory")
        }
        let temporary = (NSTemporaryDirectory() as NSString).appendingPathComponent("reportgen-fonts-\(getuid())")
        _ = mkdir(temporary, 0o700)
        // Only a folder of our own that nobody else can write: fonts in it are loaded as-is.
        var st = stat()
        guard lstat(temporary, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == getuid(),
              st.st_mode & 0o022 == 0, access(temporary, W_OK) == 0 else { return nil }
        return temporary
    }

    /// One face of an installed font file, as fontconfig lists it.
    struct Face: Sendable {
        var path: String
        var index: Int32
        var weight: Int32
        var slant: Int32
        var bytes: Int
        var modified: Int

        /// The start of every cache name for this face, whatever the tier and version.
        func cacheStem(family: String) -> String {
            let slug = family.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }.joined()
            return "\(slug)-w\(weight)-s\(slant)-"
        }

        func cacheName(family: String, tier: Tier) -> String {
            let key = "v\(FontSubsets.version)|\(path)|\(index)|\(bytes)|\(modified)|\(String(cString: hb_version_string()))"
            return "\(cacheStem(family: family))\(tier.rawValue)-\(fnv1a(key)).otf"
        }
    }

    /// Every face fontconfig knows under exactly `family` (not faces that merely list it as an alias).
    static func faces(of family: String, config: OpaquePointer) -> [Face] {
        guard let pattern = FcPatternCreate() else { return [] }
        defer { FcPatternDestroy(pattern) }
        FcPatternAddString(pattern, FC_FAMILY, family)
        guard let objects = FcObjectSetCreate() else { return [] }
        defer { FcObjectSetDestroy(objects) }
        for o in [FC_FAMILY, FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT] { FcObjectSetAdd(objects, o) }
        guard let set = FcFontList(config, pattern, objects) else { return [] }
        defer { FcFontSetDestroy(set) }
        var out: [Face] = []
        for i in 0..<Int(set.pointee.nfont) {
            guard let font = set.pointee.fonts[i] else { continue }
            var name: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(font, FC_FAMILY, 0, &name) == FcResultMatch, let name,
                  String(cString: name).lowercased() == family.lowercased() else { continue }
            var file: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch, let file else { continue }
            var index: Int32 = 0, weight: Int32 = 0, slant: Int32 = 0
            FcPatternGetInteger(font, FC_INDEX, 0, &index)
            FcPatternGetInteger(font, FC_WEIGHT, 0, &weight)
            FcPatternGetInteger(font, FC_SLANT, 0, &slant)
            let path = String(cString: file)
            var st = stat()
            guard stat(path, &st) == 0 else { continue }
            out.append(Face(path: path, index: index, weight: weight, slant: slant,
                            bytes: Int(st.st_size), modified: Int(st.st_mtim.tv_sec)))
        }
        return out.sorted { ($0.weight, $0.slant, $0.path) < ($1.weight, $1.slant, $1.path) }
    }

    /// Writes the copies of `face` named in `targets`; returns a note for each it could not make.
    static func makeCopies(of face: Face, _ targets: [(tier: Tier, path: String)]) -> [String] {
        // Our own copy of the file, read once for all its copies, so the GSUB table can be edited
        // before HarfBuzz reads it. (Read, not mapped: a font replaced while we work must not
        // take the process down with SIGBUS.)
        guard var file = FileManager.default.contents(atPath: face.path), !file.isEmpty, file.count < Int(UInt32.max) else {
            return ["could not read \(face.path); using the next face"]
        }
        return file.withUnsafeMutableBytes { buffer -> [String] in
            guard let base = buffer.baseAddress,
                  let blob = hb_blob_create(base.assumingMemoryBound(to: CChar.self), UInt32(buffer.count),
                                            HB_MEMORY_MODE_READONLY, nil, nil)
            else { return ["HarfBuzz is out of memory"] }
            defer { hb_blob_destroy(blob) }
            guard let source = hb_face_create(blob, UInt32(face.index)) else { return ["HarfBuzz could not open \(face.path)"] }
            defer { hb_face_destroy(source) }
            if let gsub = hb_face_reference_table(source, hb_tag_from_string("GSUB", 4)) {
                defer { hb_blob_destroy(gsub) }
                var length: UInt32 = 0
                if let start = hb_blob_get_data(gsub, &length), length > 0 {
                    let offset = UnsafeRawPointer(start) - UnsafeRawPointer(base)
                    if offset >= 0, offset + Int(length) <= buffer.count {
                        LanguageForms.dropLocalizedForms(inGSUB: UnsafeMutableRawBufferPointer(
                            rebasing: buffer[offset..<offset + Int(length)]))
                    }
                }
            }
            return targets.compactMap { makeCopy(of: source, path: face.path, tier: $0.tier, to: $0.path) }
        }
    }

    /// One copy of the opened `source`; a note when it could not be made.
    static func makeCopy(of source: OpaquePointer, path: String, tier: Tier, to target: String) -> String? {
        guard let input = hb_subset_input_create_or_fail() else { return "HarfBuzz is out of memory" }
        defer { hb_subset_input_destroy(input) }
        // Without subroutines: the font barely grows (+7%), cairo embeds only the charstrings a
        // document uses instead of every subroutine (PDFs ~4x smaller, 1.5 ms faster), and its
        // subsetter cannot drop a subroutine a glyph needs.
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue)
        // BASE (baselines per script) names no glyphs; HarfBuzz 6 drops it unless told to copy it.
        let baseTable = hb_tag_from_string("BASE", 4)
        if let drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG) { hb_set_del(drop, baseTable) }
        if let keep = hb_subset_input_set(input, HB_SUBSET_SETS_NO_SUBSET_TABLE_TAG) { hb_set_add(keep, baseTable) }
        if let features = hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG) {
            hb_set_clear(features)
            for tag in appliedFeatures { hb_set_add(features, hb_tag_from_string(tag, -1)) }
        }
        let unicodes = hb_subset_input_unicode_set(input)
        switch tier {
        case .everyday: for scalar in subsetCharacters { hb_set_add(unicodes, scalar) }
        case .complete: hb_face_collect_unicodes(source, unicodes)
        }
        guard let subset = hb_subset_or_fail(source, input) else {
            return "HarfBuzz could not subset \(path); using the next face"
        }
        defer { hb_face_destroy(subset) }
        guard let out = hb_face_reference_blob(subset) else { return "HarfBuzz is out of memory" }
        defer { hb_blob_destroy(out) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(out, &length), length > 0 else {
            return "HarfBuzz gave an empty subset of \(path); using the next face"
        }
        let bytes = UnsafeRawBufferPointer(start: data, count: Int(length))
        do {
            // The checksum first: a copy is never there without one.
            try AtomicFile.write(Array(checkLine(bytes).utf8), to: checkPath(target))
            try AtomicFile.write(bytes, to: target)
        } catch {
            return "\(error); using the next face"
        }
        return nil
    }

    // MARK: Checksums

    /// `<copy>.check`: the size and CRC-32 of the copy, written when it was made.
    static func checkPath(_ target: String) -> String { target + ".check" }

    static func checkLine(_ bytes: UnsafeRawBufferPointer) -> String {
        "reportgen-font-copy \(bytes.count) \(String(crc(bytes), radix: 16))\n"
    }

    static func crc(_ bytes: UnsafeRawBufferPointer) -> UInt {
        guard let base = bytes.baseAddress else { return 0 }
        var c = crc32(0, nil, 0)
        var off = 0
        while off < bytes.count {
            let n = min(1 << 30, bytes.count - off)
            c = crc32(c, base.advanced(by: off).assumingMemoryBound(to: Bytef.self), uInt(n))
            off += n
        }
        return c
    }

    /// Why the copy at `target` cannot be trusted, or nil when it matches its checksum.
    ///
    /// Summing the four copies (27 MB) takes ~50 ms, too much for every build. So once a copy
    /// has been summed, its inode and change time (`st_ctim`, which only the kernel sets, on any
    /// write, truncation or replacement) are recorded beside the checksum, and later uses only
    /// `stat` it: a copy anything has written to since is summed again. A copy without a
    /// checksum (made by a reportgen before checksums) is made again too, once: nothing says it
    /// is whole. (Making it again replaces it by rename with the same bytes, so a process of an
    /// older version drawing with it at that moment is not disturbed.)
    static func damage(_ target: String) -> String? {
        var st = stat()
        guard stat(target, &st) == 0 else { return "cannot be read" }
        let stamp = "verified \(st.st_ino) \(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec) \(st.st_size)"
        guard let recorded = (try? String(contentsOfFile: checkPath(target), encoding: .utf8))?.split(separator: "\n").map(String.init),
              let sum = recorded.first else {
            return "has no checksum (made by an earlier reportgen)"
        }
        if recorded.count == 2, recorded[1] == stamp { return nil }
        guard let bytes = FileManager.default.contents(atPath: target) else { return "cannot be read" }
        let actual = bytes.withUnsafeBytes { checkLine($0) }
        guard sum + "\n" == actual else { return "was damaged (its size or checksum differs from the one recorded when it was made)" }
        try? AtomicFile.write(Array((actual + stamp + "\n").utf8), to: checkPath(target))
        return nil
    }

    /// The features HarfBuzz applies to horizontal text on its own: every script's defaults,
    /// the horizontal ones, left-to-right forms, and fractions around U+2044.
    static let appliedFeatures = ["abvm", "blwm", "ccmp", "locl", "mark", "mkmk", "rlig", "rvrn",
                                  "calt", "clig", "curs", "dist", "kern", "liga", "rclt",
                                  "ltra", "ltrm", "frac", "numr", "dnom"]

    /// Latin, punctuation, symbols, units, full-width forms and every character of GB 2312.
    static let subsetCharacters: [UInt32] = {
        var set = Set<UInt32>()
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x24F,     // Latin, Latin-1, Latin Extended-A/B
            0x2000...0x22FF,  // punctuation, super/subscripts, currency, letterlike, number forms, arrows, maths
            0x2460...0x25FF,  // circled numbers, box drawing, geometric shapes
            0x3000...0x303F,  // CJK symbols and punctuation
            0x3200...0x33FF,  // enclosed CJK, CJK compatibility units (㎡, ㎞)
            0xFF00...0xFFEF,  // full-width forms
        ]
        for r in ranges { set.formUnion(r) }
        set.formUnion(gb2312())
        return set.sorted()
    }()

    /// The characters of GB 2312, decoded from all its two-byte codes by iconv.
    static func gb2312() -> [UInt32] {
        guard let cd = iconv_open("UTF-32LE", "GB2312"), cd != iconv_t(bitPattern: -1) else { return [] }
        defer { iconv_close(cd) }
        var out: [UInt32] = []
        for row in UInt8(0xA1)...0xF7 {
            for cell in UInt8(0xA1)...0xFE {
                var input: [CChar] = [CChar(bitPattern: row), CChar(bitPattern: cell)]
                var scalar: UInt32 = 0
                let ok = input.withUnsafeMutableBufferPointer { inBuf in
                    withUnsafeMutableBytes(of: &scalar) { outBuf in
                        var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                        var inLeft = 2
                        var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
                        var outLeft = 4
                        return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && outLeft == 0
                    }
                }
                if ok { out.append(UInt32(littleEndian: scalar)) }
            }
        }
        return out
    }

    static func fnv1a(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return String(h, radix: 16)
    }
}
