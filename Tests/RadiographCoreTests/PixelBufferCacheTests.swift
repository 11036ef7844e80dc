import Dispatch
@testable import RadiographCore
import Testing

/// Image-sized buffers are kept for the next image of the same size (no fresh pages to fault
/// in), within a limit, oldest out first; small ones are left to malloc.
@Suite struct PixelBufferCacheTests {
    /// A byte count no other test allocates (the cache is process-wide and tests run in parallel).
    static func uniqueSize(_ k: Int) -> Int { PixelBufferCache.minimumBytes + 4096 * (1000 + k) + 8 }

    @Test func aReleasedBufferIsHandedOutAgainForTheSameSize() {
        let bytes = Self.uniqueSize(1)
        let first = PixelBufferCache.allocate(bytes: bytes)
        #expect(Int(bitPattern: first) % PixelBufferCache.alignment == 0)
        PixelBufferCache.release(first, bytes: bytes)
        let second = PixelBufferCache.allocate(bytes: bytes)
        #expect(second == first)
        // Another size never gets it.
        let other = PixelBufferCache.allocate(bytes: bytes + 64)
        #expect(other != first)
        PixelBufferCache.release(second, bytes: bytes)
        PixelBufferCache.release(other, bytes: bytes + 64)
    }

    @Test func theOldestGoFirstWhenTheLimitIsPassed() {
        var state = PixelBufferCache.State()
        state.limit = 10
        for (i, bytes) in [4, 4, 4].enumerated() {
            state.free.append((bytes, PixelBufferCache.Buffer(pointer: .allocate(byteCount: bytes + i, alignment: 64))))
            state.bytes += bytes
        }
        let first = state.free[0].buffer.pointer
        let evicted = state.evict()
        #expect(evicted.map(\.pointer) == [first])
        #expect(state.bytes == 8 && state.free.count == 2)
        state.limit = 0
        let rest = state.evict()
        #expect(rest.count == 2 && state.bytes == 0 && state.free.isEmpty)
        for b in evicted + rest { b.deallocate() }
    }

    @Test func imagesReuseTheirBuffersAndStayCorrect() {
        // Same-size images one after the other: every pixel the kernel wrote, nothing of the last one.
        for round in 0..<4 {
            let image = GrayImage<UInt16>(width: 517, height: 509, repeating: UInt16(round))
            let copy = GrayImage<UInt16>(width: 517, height: 509) { out in
                image.withUnsafeBufferPointer { src in for i in 0..<src.count { out[i] = src[i] &+ 1 } }
            }
            #expect(copy.withUnsafeBufferPointer { $0.allSatisfy { $0 == UInt16(round) + 1 } })
        }
        #expect(PixelBufferCache.retainedBytes <= PixelBufferCache.limit)
    }

    @Test func manyThreadsTakeAndGiveBack() {
        let bytes = Self.uniqueSize(2)
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<200 {
                let p = PixelBufferCache.allocate(bytes: bytes)
                p.storeBytes(of: t * 1000 + i, as: Int.self)
                #expect(p.load(as: Int.self) == t * 1000 + i)
                PixelBufferCache.release(p, bytes: bytes)
            }
        }
        #expect(PixelBufferCache.retainedBytes <= PixelBufferCache.limit)
    }
}
