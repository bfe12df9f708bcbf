import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// `--state-file`: the org, clock, credentials and sign-in state survive a restart.
@Suite struct StateFileTests {
    static func temporaryPath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-state-\(UUID().uuidString)")
        return directory.appendingPathComponent("org.json").path
    }

    @Test func roundTripKeepsRecordsRecycleBinClockAndSessions() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let configure: (inout EmulatorConfiguration) -> Void = {
            $0.stateFile = path
            $0.opportunities = 400
            $0.seed = 7
        }
        let first = try await RESTHarness.start(configure)
        let created = try await first.call(
            "POST", RESTHarness.api + "/sobjects/Opportunity", json: #"{"Name":"Persisted ✓","StageName":"Closed Won","CloseDate":"2026-05-01","Amount":99.99}"#)
        let createdID = created.object["id"] as? String ?? ""
        let victim = try await first.query("SELECT Id FROM Opportunity ORDER BY Id LIMIT 1").records.first?["Id"] as? String ?? ""
        #expect(try await first.call("DELETE", RESTHarness.api + "/sobjects/Opportunity/\(victim)").status == 204)
        try await first.control("POST", "clock/advance", #"{"seconds":3600}"#)
        let dumpBefore = try await first.control("GET", "opportunities?includeDeleted=true").text
        let credentials = first.emulator.credentials
        let offset = first.services.clock.offset
        await first.emulator.stop()

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let directory = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["org.json"])

        let second = try await RESTHarness.start(configure)
        defer { Task { await second.emulator.stop() } }
        #expect(second.emulator.credentials == credentials)
        #expect(second.services.clock.offset == offset)
        let dumpAfter = try await second.control("GET", "opportunities?includeDeleted=true").text
        #expect(dumpAfter == dumpBefore)
        #expect(try await second.get(RESTHarness.api + "/sobjects/Opportunity/\(createdID)").object["Name"] as? String == "Persisted ✓")
        let recycled = try await second.query("SELECT Id, IsDeleted FROM Opportunity WHERE Id = '\(victim)'", all: true)
        #expect(recycled.records.first?["IsDeleted"] as? Bool == true)
        // The first run's access token still works: sessions are part of the saved auth state.
        #expect(try await second.get(RESTHarness.api + "/limits", token: first.token).status == 200)
        // New records continue the ID sequence rather than reusing IDs.
        let next = try await second.call("POST", RESTHarness.api + "/sobjects/Opportunity", json: #"{"Name":"Next","StageName":"Prospecting","CloseDate":"2026-05-01"}"#)
        #expect((next.object["id"] as? String).map { $0 != createdID } == true)
        await second.emulator.stop()
    }

    @Test func writesAreAutosavedBeforeStop() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try await RESTHarness.with({ $0.stateFile = path; $0.opportunities = 100 }) { harness in
            #expect(!FileManager.default.fileExists(atPath: path))
            try await harness.control("POST", "opportunities/touch", #"{"count":3}"#)
            try await Task.sleep(for: .seconds(2))
            let saved = try #require(try EmulatorStateFile.load(from: path))
            #expect(saved.org.opportunities.count == 100)
            #expect(saved.credentials == harness.emulator.credentials)
            #expect(try await harness.control("POST", "state/save").status == 200)
        }
    }

    @Test func corruptStateFileIsAClearError() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: EmulatorStateFile.Failure.self) { _ = try EmulatorStateFile.load(from: path) }
        #expect(try EmulatorStateFile.load(from: path + ".missing") == nil)
    }
}
