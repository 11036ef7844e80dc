import Foundation
import RadiographAnnotation
import Testing

@Suite struct ToothTests {
    /// Every tooth: (FDI, Universal, Palmer) from the notation tables, written out in full so that
    /// the conversions are checked against the table, not against themselves.
    static let table: [(Int, String, String)] = [
        (18, "1", "UR8"), (17, "2", "UR7"), (16, "3", "UR6"), (15, "4", "UR5"), (14, "5", "UR4"), (13, "6", "UR3"),
        (12, "7", "UR2"), (11, "8", "UR1"), (21, "9", "UL1"), (22, "10", "UL2"), (23, "11", "UL3"), (24, "12", "UL4"),
        (25, "13", "UL5"), (26, "14", "UL6"), (27, "15", "UL7"), (28, "16", "UL8"), (38, "17", "LL8"), (37, "18", "LL7"),
        (36, "19", "LL6"), (35, "20", "LL5"), (34, "21", "LL4"), (33, "22", "LL3"), (32, "23", "LL2"), (31, "24", "LL1"),
        (41, "25", "LR1"), (42, "26", "LR2"), (43, "27", "LR3"), (44, "28", "LR4"), (45, "29", "LR5"), (46, "30", "LR6"),
        (47, "31", "LR7"), (48, "32", "LR8"),
        (55, "A", "URE"), (54, "B", "URD"), (53, "C", "URC"), (52, "D", "URB"), (51, "E", "URA"),
        (61, "F", "ULA"), (62, "G", "ULB"), (63, "H", "ULC"), (64, "I", "ULD"), (65, "J", "ULE"),
        (75, "K", "LLE"), (74, "L", "LLD"), (73, "M", "LLC"), (72, "N", "LLB"), (71, "O", "LLA"),
        (81, "P", "LRA"), (82, "Q", "LRB"), (83, "R", "LRC"), (84, "S", "LRD"), (85, "T", "LRE"),
    ]

    @Test func all52TeethConvertBetweenTheThreeSystems() throws {
        #expect(Self.table.count == 52)
        for (fdi, universal, palmer) in Self.table {
            let tooth = try Tooth(fdi: fdi)
            #expect(tooth.universal == universal, "\(fdi)")
            #expect(tooth.palmer == palmer, "\(fdi)")
            #expect(try Tooth(universal: universal) == tooth, "\(universal)")
            #expect(try Tooth(universal: universal.lowercased()) == tooth)
            #expect(try Tooth(palmer: palmer) == tooth, "\(palmer)")
            #expect(try Tooth(palmer: tooth.palmerSymbol) == tooth, "\(tooth.palmerSymbol)")
            #expect(tooth.isDeciduous == (fdi > 50))
        }
        #expect(Set((Tooth.permanent + Tooth.deciduous).map(\.fdi)) == Set(Self.table.map(\.0)))
        #expect(Tooth.permanent.count == 32 && Tooth.deciduous.count == 20)
    }

    @Test func palmerSymbolsAndNames() throws {
        #expect(try Tooth(fdi: 16).palmerSymbol == "6┘")
        #expect(try Tooth(fdi: 24).palmerSymbol == "└4")
        #expect(try Tooth(fdi: 46).palmerSymbol == "6┐")
        #expect(try Tooth(fdi: 33).palmerSymbol == "┌3")
        #expect(try Tooth(fdi: 54).palmerSymbol == "D┘")
        #expect(try Tooth(fdi: 36).name == "lower left first molar")
        #expect(try Tooth(fdi: 18).name == "upper right third molar")
        #expect(try Tooth(fdi: 53).name == "upper right deciduous canine")
        #expect(try Tooth(fdi: 85).name == "lower right deciduous second molar")
    }

    @Test(arguments: ["0", "10", "19", "49", "56", "86", "90", "-11", "100"])
    func impossibleFDINumbersAreRefused(_ text: String) {
        #expect(throws: ToothNumberError.self) { try Tooth(fdi: Int(text)!) }
    }

    @Test func impossibleUniversalAndPalmerAreRefused() {
        for text in ["0", "33", "U", "", "AA", "1A"] {
            #expect(throws: ToothNumberError.self, "\(text)") { try Tooth(universal: text) }
        }
        for text in ["UR9", "ULF", "XX1", "UR", "6", "┘6x", "LR0"] {
            #expect(throws: ToothNumberError.self, "\(text)") { try Tooth(palmer: text) }
        }
        do {
            _ = try Tooth(fdi: 59)
        } catch {
            #expect(error.description == "'59' is not a FDI tooth number: quadrant 5 has teeth 51 to 55")
        }
    }

    @Test func jsonHoldsTheFDINumber() throws {
        let teeth = [try Tooth(fdi: 36), try Tooth(fdi: 85)]
        let data = try JSONEncoder().encode(teeth)
        #expect(String(decoding: data, as: UTF8.self) == "[36,85]")
        #expect(try JSONDecoder().decode([Tooth].self, from: data) == teeth)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Tooth].self, from: Data("[19]".utf8)) }
    }
}

@Suite struct ToothSNOMEDTests {
    /// All 52 teeth have their CID 4018/4019 concept: distinct codes, meanings that name the same
    /// tooth (dentition, jaw, side, type), and the code leads back to the tooth.
    @Test func everyToothHasItsDICOMCode() throws {
        let all = Tooth.permanent + Tooth.deciduous
        #expect(all.count == 52 && Set(all.map(\.snomed.code)).count == 52)
        let kinds = [1: "central incisor", 2: "lateral", 3: "canine"]
        for tooth in all {
            let meaning = tooth.snomed.meaning.lowercased()
            #expect(meaning.contains("deciduous") == tooth.isDeciduous, "\(tooth)")
            let jaw = [1, 2].contains(tooth.quadrant.rawValue) ? "maxillary" : "mandibular"
            let side = [1, 4].contains(tooth.quadrant.rawValue) ? "right" : "left"
            #expect(meaning.contains(jaw) && meaning.contains(side), "\(tooth): \(meaning)")
            if let kind = kinds[tooth.position] { #expect(meaning.contains(kind), "\(tooth): \(meaning)") }
            let molar = tooth.isDeciduous ? tooth.position >= 4 : tooth.position >= 6
            #expect(meaning.contains(" molar") == molar, "\(tooth): \(meaning)")
            #expect(Tooth(snomedCode: tooth.snomed.code) == tooth)
        }
        // Spot checks against PS3.16 CID 4018/4019.
        #expect(try Tooth(fdi: 46).snomed.code == "866005003")
        #expect(try Tooth(fdi: 11).snomed.code == "422653006")
        #expect(try Tooth(fdi: 85).snomed.code == "61868007")
        #expect(Tooth(snomedCode: "91609006") == nil)  // the mandible: a region, not a tooth
    }
}
