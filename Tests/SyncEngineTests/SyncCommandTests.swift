import DealdeckCache
import DealdeckCore
import DealdeckTestSupport
import Foundation
import SalesforceEmulator
import Testing

/// `dealdeck sync` as a subprocess: killed with SIGKILL at several points and run again, its
/// exit codes, its JSON lines and its log. The org runs in this test process; the binary talks
/// to it over loopback with a temporary home.
@Suite("dealdeck sync (subprocess)", .serialized)
struct SyncCommandTests {
    /// A signed-in temporary home for the real binary.
    struct Home {
        let path: String
        let org: SyncTestOrg
        let binary = ProcessRunner.executable(named: "dealdeck")

        static func signedIn(_ org: SyncTestOrg, settings: String = "") async throws -> Home {
            let home = Home(path: org.directory + "/home", org: org)
            if !settings.isEmpty {
                try FileManager.default.createDirectory(atPath: home.path + "/config", withIntermediateDirectories: true)
                try settings.write(toFile: home.path + "/config/config.toml", atomically: true, encoding: .utf8)
            }
            let credentials = org.emulator.credentials
            let login = try await home.run([
                "login", "--method", "password", "--login-url", org.emulator.urls.loginURL, "--consumer-key", credentials.consumerKey,
                "--username", credentials.username,
            ])
            #expect(login.status == 0, "login: \(login.stderr)")
            return home
        }

        var environment: [String: String] {
            let credentials = org.emulator.credentials
            return ProcessRunner.environment([
                "DEALDECK_HOME": path, "DEALDECK_CONSUMER_SECRET": credentials.consumerSecret, "DEALDECK_PASSWORD": credentials.password,
                "DEALDECK_SECURITY_TOKEN": credentials.securityToken,
            ])
        }

        func run(_ arguments: [String]) async throws -> ProcessResult {
            try await ProcessRunner.run(binary, arguments, environment: environment, timeout: .seconds(120))
        }

        func start(_ arguments: [String]) throws -> RunningProcess {
            try ProcessRunner.start(binary, arguments, environment: environment)
        }

        /// The home's cache, opened beside the binary (WAL lets both read and write).
        func database() throws -> AppDatabase {
            try AppDatabase.open(cachePath: path + "/data/cache.sqlite", appPath: path + "/data/app.sqlite")
        }

        /// Asserts the home's cache equals the org, field for field.
        func expectCacheMatchesOrg(sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let database = try database()
            let records = try await org.liveRecords()
            #expect(try database.opportunityCounts().live == records.count, sourceLocation: sourceLocation)
            var differences: [String] = []
            for record in records {
                guard let id = record["Id"]?.stringValue.flatMap(SalesforceID.init), let cached = try database.opportunity(id: id),
                    cached.deletedAt == nil
                else {
                    differences.append("\(record["Id"]?.stringValue ?? "?") is not live in the cache")
                    continue
                }
                differences += SyncTestOrg.differences(cached.opportunity, record)
                if differences.count > 10 { break }
            }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }

    /// Kills a `dealdeck sync --json` once `marker` appears in its output (the fault keeps it
    /// there), clears the faults, runs it again, and checks the result.
    private func killAndResume(
        _ home: Home, arguments: [String] = ["sync", "--json"], marker: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ProcessResult {
        let child = try home.start(arguments)
        _ = try await child.waitForOutput(timeout: .seconds(60)) { stdout, _ in stdout.contains(marker) ? marker : nil }
        child.kill()
        let killed = try await child.wait(timeout: .seconds(10))
        #expect(killed.status != 0, sourceLocation: sourceLocation)
        try await home.org.call("DELETE", "faults")
        let resumed = try await home.run(["sync", "--json"])
        #expect(resumed.status == 0, "resumed sync: \(resumed.stderr)", sourceLocation: sourceLocation)
        try await home.expectCacheMatchesOrg(sourceLocation: sourceLocation)
        let log = try home.database().syncRuns()
        #expect(log.contains { $0.errorCause == "interrupted" }, "the killed run is closed in the log", sourceLocation: sourceLocation)
        return resumed
    }

    @Test("kill -9 during a full download, then again: nothing lost, nothing doubled")
    func killDuringFullDownload() async throws {
        let org = try await SyncTestOrg.start(opportunities: 5000)
        defer { Task { await org.stop() } }
        let home = try await Home.signedIn(org)
        // The second page hangs: the first one (2,000 rows) is written with its checkpoint.
        try await org.fault("slow", count: 1, pathContains: "/query/", delaySeconds: 60)
        let resumed = try await killAndResume(home, marker: #""pages":1,"phase":"downloading""#)
        #expect(resumed.stdout.contains(#""kind":"full""#), "the interrupted full sync is finished")
        #expect(try home.database().syncState().checkpoint == nil)
    }

    @Test("kill -9 while a full sync verifies, then again")
    func killDuringVerification() async throws {
        let org = try await SyncTestOrg.start(opportunities: 2500)
        defer { Task { await org.stop() } }
        let home = try await Home.signedIn(org)
        // The catch-up pass (the second queryAll) hangs after the download and the tombstones.
        try await org.fault("slow", count: 1, after: 1, pathContains: "/queryAll", delaySeconds: 60)
        _ = try await killAndResume(home, marker: #""phase":"verifying""#)
    }

    @Test("kill -9 while a Bulk API load waits for its results: the resumed run reuses the job")
    func killDuringBulkLoad() async throws {
        let org = try await SyncTestOrg.start(opportunities: 3000)
        defer { Task { await org.stop() } }
        let home = try await Home.signedIn(org, settings: "[sync]\nbulk_threshold = 1000\n")
        try await org.fault("slow", count: 1, after: 0, pathContains: "/results", delaySeconds: 60)
        // Default chunks hold 10,000 rows, so the org comes in one chunk: hang on it, kill, resume.
        // (Resuming from a locator in the middle of a job is tested in process, with small chunks.)
        _ = try await killAndResume(home, marker: #""phase":"downloading""#)
        #expect(org.emulator.services.usage.bulkJobsUsed == 1, "the resumed run reuses the job")
    }

    @Test("kill -9 during an ID sweep, then again")
    func killDuringSweep() async throws {
        let org = try await SyncTestOrg.start(opportunities: 4500)
        defer { Task { await org.stop() } }
        let home = try await Home.signedIn(org)
        #expect(try await home.run(["sync", "--quiet"]).status == 0)
        let ids = try await org.liveIDs(3)
        for id in ids { try await org.delete(id) }
        try await org.call("POST", "recycle-bin/purge")
        // The sweep's second page of IDs hangs.
        try await org.fault("slow", count: 1, pathContains: "/query/", delaySeconds: 60)
        // Killed once the sweep's first page of IDs is stored (page 1 was the delta).
        _ = try await killAndResume(home, marker: #""pages":2,"phase":"sweeping""#)
        for id in ids { #expect(try home.database().opportunity(id: id)?.deletedAt != nil) }
    }

    @Test("Exit codes: 0 synced, 3 not signed in, 6 already running; the summary and the log")
    func exitCodesAndOutput() async throws {
        let org = try await SyncTestOrg.start(opportunities: 800)
        defer { Task { await org.stop() } }
        let anonymous = Home(path: org.directory + "/nobody", org: org)
        let notSignedIn = try await anonymous.run(["sync"])
        #expect(notSignedIn.status == 3, "\(notSignedIn.stderr)")
        #expect(notSignedIn.stderr.contains("dealdeck login"))

        let home = try await Home.signedIn(org)
        let first = try await home.run(["sync"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Synced (full):"))
        #expect(first.stdout.contains("verified"))

        try await org.fault("slow", count: 1, pathContains: "/composite/", delaySeconds: 3)
        let running = try home.start(["sync", "--quiet"])
        try await Task.sleep(for: .milliseconds(800))
        let second = try await home.run(["sync"])
        #expect(second.status == 6, "\(second.stderr)")
        #expect(second.stderr.contains("A sync is already running (pid \(running.processIdentifier))"))
        let quiet = try await running.wait()
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty, "--quiet prints nothing on success")

        let log = try await home.run(["sync", "log", "--json"])
        #expect(log.status == 0)
        let runs = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]]
        #expect(runs?.count == 2)
        #expect(runs?.first?["kind"] as? String == "incremental")
        #expect(runs?.first?["apiCalls"] as? Int == 1)
        #expect(runs?.last?["verified"] as? Bool == true)
        let table = try await home.run(["sync", "log"])
        #expect(table.stdout.contains("incremental"))
        try await home.expectCacheMatchesOrg()
    }

    @Test("A reader that goes away (`dealdeck sync --json | head -n 1`) neither crashes nor stops the sync")
    func closedStandardOutput() async throws {
        let org = try await SyncTestOrg.start(opportunities: 800)
        defer { Task { await org.stop() } }
        let home = try await Home.signedIn(org)
        // bash reports the first command's status of the pipeline; head exits after one line,
        // so every later progress line meets a closed pipe.
        let piped = try await ProcessRunner.run(
            "/bin/bash", ["-c", #""$0" sync --json | head -n 1 > /dev/null; exit "${PIPESTATUS[0]}""#, home.binary],
            environment: home.environment, timeout: .seconds(120))
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(!piped.stderr.contains("Fatal error"), "\(piped.stderr)")
        let log = try await home.run(["sync", "log", "--json"])
        let runs = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]]
        #expect(runs?.count == 1)
        #expect(runs?.first?["verified"] as? Bool == true)
        try await home.expectCacheMatchesOrg()
    }
}
