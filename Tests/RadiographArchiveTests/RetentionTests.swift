import Foundation
import RadiographArchive
import RadiographDICOM
import Testing
import _RadiographTestSupport

@Suite struct RetentionRuleTests {
    static func d(_ s: String) -> DayDate { DayDate(s)! }

    @Test func datesParseOnlyRealDays() {
        #expect(DayDate("20240229") != nil && DayDate("20230229") == nil && DayDate("19000229") == nil && DayDate("20000229") != nil)
        #expect(DayDate("2024-02-01") == nil && DayDate("20241301") == nil && DayDate("20240431") == nil && DayDate("") == nil)
    }

    /// Property checks over many dates: adding years keeps the month, never makes an invalid
    /// day, moves 29 February to 28 February only in common years, and keeps order.
    @Test func addingYearsIsAnAnniversary() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let y = Int.random(in: 1900...2100, using: &rng), m = Int.random(in: 1...12, using: &rng)
            guard let a = DayDate(year: y, month: m, day: Int.random(in: 1...31, using: &rng)) else { continue }
            let n = Int.random(in: 0...40, using: &rng)
            let b = a.adding(years: n)
            #expect(b.year == y + n && b.month == m)
            #expect(b.day == a.day || (a.month == 2 && a.day == 29 && b.day == 28))
            #expect(n == 0 ? b == a : b > a)
        }
        #expect(Self.d("20240229").adding(years: 1) == Self.d("20250228"))
        #expect(Self.d("20240229").adding(years: 4) == Self.d("20280229"))
    }

    /// The French dental rule on its cases.
    @Test func theFrenchRule() {
        let rule = RetentionRule.frenchDental
        // An adult: 20 years after the last visit.
        #expect(rule.expiry(lastContact: Self.d("20100315"), birth: Self.d("19700101"), death: nil) == Self.d("20300315"))
        // Treated as a child (last visit at 5): until the 28th birthday, later than 20 years on.
        #expect(rule.expiry(lastContact: Self.d("20100315"), birth: Self.d("20050610"), death: nil) == Self.d("20330610"))
        // 29 February + 20 or 28 years is a leap day again, except across 2100 (not a leap year):
        // then the anniversary is 28 February.
        #expect(rule.expiry(lastContact: Self.d("20100101"), birth: Self.d("20080229"), death: nil) == Self.d("20360229"))
        #expect(rule.expiry(lastContact: Self.d("20800229"), birth: nil, death: nil) == Self.d("21000228"))
        // Died 3 years after the last visit: 10 years after the death.
        #expect(rule.expiry(lastContact: Self.d("20100315"), birth: Self.d("19400101"), death: Self.d("20130920")) == Self.d("20230920"))
        // Died 12 years after the last visit: the 20-year rule.
        #expect(rule.expiry(lastContact: Self.d("20100315"), birth: Self.d("19400101"), death: Self.d("20220101")) == Self.d("20300315"))
        // A child who died soon after: the death rule prevails.
        #expect(rule.expiry(lastContact: Self.d("20100315"), birth: Self.d("20050610"), death: Self.d("20110101")) == Self.d("20210101"))
        // Never earlier than the rule's floor when alive; never later than death + 10 when the death rule applies.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let contact = DayDate(year: Int.random(in: 1980...2030, using: &rng), month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!
            let birth = DayDate(year: contact.year - Int.random(in: 0...90, using: &rng), month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!
            let alive = rule.expiry(lastContact: contact, birth: birth, death: nil)
            #expect(alive >= contact.adding(years: 20) && alive >= birth.adding(years: 28))
            let death = contact.adding(years: Int.random(in: 0...9, using: &rng))
            #expect(rule.expiry(lastContact: contact, birth: birth, death: death) == death.adding(years: 10))
        }
    }
}

@Suite struct RetentionArchiveTests {
    @Test func expiredPatientsArePurgedWithTheirKeysAndHeldOnesKept() throws {
        let f = try Fixture()
        for path in Fixture.samples { try f.archive.ingest(file: path, actor: Fixture.dentist) }
        // Sample study dates are 2026; birth dates vary. As of 2060 all adults' 20 years are over.
        try f.archive.setLastContact(patientID: "SYN-0001", date: DayDate("20000101")!, actor: Fixture.dentist)
        try f.archive.setDeathDate(patientID: "SYN-0002", date: DayDate("20260601")!, actor: Fixture.dentist)
        try f.archive.setLegalHold(patientID: "SYN-0003", held: true, reason: "litigation 2026-114", actor: Fixture.admin)
        #expect(throws: ArchiveError.self) { try f.archive.setLegalHold(patientID: "SYN-0003", held: false, reason: "x", actor: Fixture.dentist) }
        let today = DayDate("20260801")!
        let report = try f.archive.retentionReport(asOf: today, actor: Fixture.auditor)
        #expect(report.count == 4 && report.filter(\.expired).count == 1)  // SYN-0001: 2000 + 20 years
        // An erasure request under retention is refused and recorded with the reason.
        let answer = try f.archive.recordErasureRequest(patientID: "SYN-0004", asOf: today, actor: Fixture.dentist)
        #expect(answer.hasPrefix("refused: medical records kept by law until"))
        let objectsBefore = try f.allBytes().filter { $0.0.hasPrefix("objects/") }.count
        let purged = try f.archive.purgeExpired(asOf: today, actor: Fixture.admin)
        #expect(purged.count == 1 && purged[0].instances == 1)
        #expect(try f.archive.query(ArchiveQuery(patientID: "SYN-0001"), actor: Fixture.dentist).isEmpty)
        #expect(try f.allBytes().filter { $0.0.hasPrefix("objects/") }.count == objectsBefore - 1)
        // Ten years after SYN-0002's death; SYN-0003 is held, so stays whatever the date.
        let later = try f.archive.purgeExpired(asOf: DayDate("20600101")!, actor: Fixture.admin)
        #expect(later.count == 2)  // SYN-0002 (death + 10) and SYN-0004 (20 years), not SYN-0003
        #expect(try f.archive.query(ArchiveQuery(), actor: Fixture.admin).map(\.patient.patientID) == ["SYN-0003"])
        // The destruction records name the rule and the pseudonymous reference, no patient data.
        let trail = try f.archive.auditTrail(actor: Fixture.auditor)
        let destroyed = trail.filter { $0.action == "retention-purge" }
        #expect(destroyed.count == 3 && destroyed.allSatisfy { $0.detail.contains("FR-CSP-R1112-7-dental v1") && !$0.objects.isEmpty })
        #expect(try f.archive.verify(actor: Fixture.auditor).isIntact)
        // Deleting early: administrators only, with a reason.
        #expect(throws: ArchiveError.self) { try f.archive.deletePatient(patientID: "SYN-0003", reason: "", actor: Fixture.admin) }
        #expect(throws: ArchiveError.self) { try f.archive.deletePatient(patientID: "SYN-0003", reason: "duplicate", actor: Fixture.dentist) }
        try f.archive.deletePatient(patientID: "SYN-0003", reason: "duplicate record merged", actor: Fixture.admin)
        #expect(try f.archive.query(ArchiveQuery(), actor: Fixture.admin).isEmpty)
        #expect(try f.archive.verify(actor: Fixture.auditor).isIntact)
    }
}
