import DealdeckCache
import DealdeckCore
import Foundation
import Logging

extension SyncOperation {
    /// Emits a progress snapshot: phase, pages, records done and expected, rate, ETA, API calls.
    func report(_ phase: SyncPhase) async {
        let now = clock.now()
        if phase != progress.phase {
            rateOrigin = (now, checkpoint.recordsDone)
        }
        progress.phase = phase
        progress.recordsDone = checkpoint.recordsDone
        progress.recordsTotal = checkpoint.recordsTotal.map { max($0, checkpoint.recordsDone) }
        let elapsed = now.timeIntervalSince(rateOrigin.time)
        let records = checkpoint.recordsDone - rateOrigin.records
        progress.recordsPerSecond = elapsed > 0 && records > 0 ? Double(records) / elapsed : 0
        if let total = progress.recordsTotal, progress.recordsPerSecond > 0 {
            progress.etaSeconds = Double(max(0, total - checkpoint.recordsDone)) / progress.recordsPerSecond
        } else {
            progress.etaSeconds = nil
        }
        progress.apiCallsUsed = await source.callsMade() - callsAtStart
        emit(.progress(progress))
    }
}
