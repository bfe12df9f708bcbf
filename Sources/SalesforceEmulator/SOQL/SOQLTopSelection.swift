/// Picks the first `k` of `n` indices in a strict order without sorting all `n`: a bounded
/// max-heap keeps the best `k` seen so far, so a 2,000-row page of a million records costs
/// about n·log k comparisons instead of n·log n.
enum SOQLTopSelection {
    static func smallest(_ k: Int, of n: Int, by precedes: (Int, Int) -> Bool) -> [Int] {
        guard k > 0 else { return [] }
        // heap[0] is the worst index kept so far.
        var heap: [Int] = []
        heap.reserveCapacity(k)
        for index in 0..<n {
            if heap.count < k {
                heap.append(index)
                siftUp(&heap, from: heap.count - 1, by: precedes)
            } else if precedes(index, heap[0]) {
                heap[0] = index
                siftDown(&heap, from: 0, by: precedes)
            }
        }
        heap.sort(by: precedes)
        return heap
    }

    private static func siftUp(_ heap: inout [Int], from start: Int, by precedes: (Int, Int) -> Bool) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private static func siftDown(_ heap: inout [Int], from start: Int, by precedes: (Int, Int) -> Bool) {
        var parent = start
        while true {
            let left = parent * 2 + 1
            let right = left + 1
            var worst = parent
            if left < heap.count, precedes(heap[worst], heap[left]) { worst = left }
            if right < heap.count, precedes(heap[worst], heap[right]) { worst = right }
            if worst == parent { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
