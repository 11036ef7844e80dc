import ArgumentParser
import Foundation
import RadiographAnnotation

struct Teeth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert tooth numbers between FDI (ISO 3950), Universal and Palmer, or list all 52 teeth.",
        discussion: """
            Examples: `radiograph teeth 36` (FDI), `radiograph teeth --from universal 19 A`, \\
            `radiograph teeth --from palmer LL6 "6┘"`, `radiograph teeth --all`. Quadrants are the patient's.
            """)

    enum System: String, ExpressibleByArgument, CaseIterable {
        case fdi, universal, palmer
    }

    @Argument(help: "Tooth numbers in the --from system.")
    var numbers: [String] = []

    @Option(help: "The numbering of the arguments: fdi, universal or palmer.")
    var from: System = .fdi

    @Flag(help: "List all 52 teeth (permanent, then deciduous).")
    var all = false

    func validate() throws {
        guard all || !numbers.isEmpty else { throw ValidationError("name at least one tooth, or use --all") }
        for n in numbers { _ = try tooth(n) }
    }

    func tooth(_ text: String) throws -> Tooth {
        do throws(ToothNumberError) {
            switch from {
            case .fdi:
                guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
                    throw ToothNumberError(text: text, system: .fdi, reason: "FDI numbers are two digits, 11 to 85")
                }
                return try Tooth(fdi: n)
            case .universal: return try Tooth(universal: text)
            case .palmer: return try Tooth(palmer: text)
            }
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let teeth = all ? Tooth.permanent + Tooth.deciduous : try numbers.map(tooth)
        print("FDI  Universal  Palmer        tooth")
        for t in teeth {
            let palmer = t.palmer + " " + t.palmerSymbol
            print(pad(String(t.fdi), 5) + pad(t.universal, 11) + pad(palmer, 14) + t.name)
        }
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(1, width - s.count))
    }
}
