import DealdeckCore
import Foundation
import Logging
import SalesforceAPI
import SalesforceEmulator
import SalesforceSource
import SyncEngine

#if canImport(Glibc)
    import Glibc
#endif

/// `sync`: an initial sync of 100,000 and 1,000,000 opportunities, Dealdeck beside a Python peer.
///
/// For each size: an emulated org starts in this process; `dealdeck login` (password flow) and
/// then `dealdeck sync --json` run as child processes of the release build, so their wall time
/// and peak memory (the child's `VmHWM`) are measured apart from the emulator's; a second
/// `dealdeck sync` with nothing changed counts the round trips the org saw. The peer,
/// `Tests/Benchmarks/peer_sync.py` (simple-salesforce `query_all` + `sqlite3.executemany` into
/// the same table DDL), runs against the same org the same way, after each of Dealdeck's runs
/// (three of each below 500,000 records, reported by the median run). The emulator's own serving rate
/// comes from `dealdeck-bench serve` for the same size, and the source's rate (HTTP, JSON and
/// mapping to `Opportunity`, no database) from paging `SalesforceSource` in this process.
enum SyncBenchmark {
    static let benchmark = Benchmark(
        name: "sync",
        summary: "initial sync of 100k and 1M opportunities: dealdeck vs a simple-salesforce peer, memory, empty-incremental round trips",
        options: [
            "--opportunities N  one org size (default: 100000 then 1000000)",
            "--skip-peer 1      do not run the Python peer (venv: DEALDECK_VENV, else <repo>/.venv)",
            "--skip-serve 1     do not run `serve` for the emulator's raw rate",
            "--runs N           initial syncs per tool, alternating, median reported (default: 3 below 500000 opportunities, else 1)",
        ],
        run: { try await run($0) }
    )

    struct Measured {
        var records = 0
        var seconds = 0.0
        var peakRSSKilobytes = 0
        var apiCalls = 0
        /// Every run's seconds, in the order they ran (one entry for a single run).
        var runSeconds: [Double] = []
        var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }

        init(records: Int, seconds: Double, peakRSSKilobytes: Int, apiCalls: Int) {
            (self.records, self.seconds, self.peakRSSKilobytes, self.apiCalls) = (records, seconds, peakRSSKilobytes, apiCalls)
            runSeconds = [seconds]
        }

        /// The run of median time (the lower middle one of an even count), with the highest
        /// peak memory of all runs and every run's time.
        init(median runs: [Measured]) {
            let sorted = runs.sorted { $0.seconds < $1.seconds }
            self = sorted[(sorted.count - 1) / 2]
            peakRSSKilobytes = runs.map(\.peakRSSKilobytes).max() ?? 0
            runSeconds = runs.map(\.seconds)
        }
    }

    struct Row {
        var size: Int
        var serveRate: Double?
        var sourceRate: Double
        var dealdeck: Measured
        var peer: Measured?
        var emptyIncrementalRoundTrips: Int
    }

    static func run(_ arguments: BenchmarkArguments) async throws -> Int32 {
        let unknown = arguments.unknown(["opportunities", "skip-peer", "skip-serve", "runs"])
        guard unknown.isEmpty else { throw BenchmarkArguments.Problem(message: "unknown option --\(unknown[0])") }
        // `unknown([])` lists every option given.
        let given = arguments.unknown([])
        let sizes = given.contains("opportunities") ? [try arguments.integer("opportunities", default: 100_000)] : [100_000, 1_000_000]
        let runPeer = !given.contains("skip-peer")
        let runServe = !given.contains("skip-serve")

        let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let dealdeck = binDirectory + "/dealdeck"
        guard FileManager.default.isExecutableFile(atPath: dealdeck) else {
            throw BenchmarkArguments.Problem(message: "no dealdeck binary beside this one (\(dealdeck)); build it: swift build -c release --product dealdeck")
        }
        let repository = repositoryRoot(from: binDirectory)
        let python = (ProcessInfo.processInfo.environment["DEALDECK_VENV"] ?? repository + "/.venv") + "/bin/python"
        let peerScript = repository + "/Tests/Benchmarks/peer_sync.py"
        if runPeer && !FileManager.default.isExecutableFile(atPath: python) {
            throw BenchmarkArguments.Problem(message: "no Python venv at \(python): run `bash .ci/test` once, or set DEALDECK_VENV, or pass --skip-peer 1")
        }

        var rows: [Row] = []
        for size in sizes {
            print("… \(size) opportunities")
            var serveRate: Double?
            if runServe { serveRate = try serve(binDirectory: binDirectory, size: size) }
            // A 100,000-record sync takes about a second and a half, and a burst of the host's
            // load can add a third to one run: the median of alternating runs compares the tools
            // over the same stretch of time. At a million the peer takes minutes.
            let runs = try arguments.integer("runs", default: size < 500_000 ? 3 : 1)
            rows.append(try await measure(size: size, runs: runs, dealdeck: dealdeck, python: runPeer ? python : nil, peerScript: peerScript, serveRate: serveRate))
        }
        report(rows)
        return 0
    }

    /// One org size: `runs` rounds of Dealdeck's initial sync into a fresh home, then the peer's;
    /// after the first, Dealdeck's empty incremental sync.
    private static func measure(size: Int, runs: Int, dealdeck: String, python: String?, peerScript: String, serveRate: Double?) async throws -> Row {
        var configuration = EmulatorConfiguration()
        configuration.opportunities = size
        configuration.dailyAPILimit = 100_000_000
        var logger = Logger(label: "dealdeck-bench")
        logger.logLevel = .critical
        let emulator = try await SalesforceEmulator.start(configuration, logger: logger)
        do {
            let credentials = emulator.credentials
            var environment = ProcessInfo.processInfo.environment
            environment["DEALDECK_CONSUMER_SECRET"] = credentials.consumerSecret
            environment["DEALDECK_PASSWORD"] = credentials.password
            environment["DEALDECK_SECURITY_TOKEN"] = credentials.securityToken

            let sourceRate = try await sourceOnly(emulator)

            var dealdeckRuns: [Measured] = []
            var peerRuns: [Measured] = []
            var roundTrips = 0
            for round in 1...runs {
                let home = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-bench-sync-\(UUID().uuidString)").path
                defer { try? FileManager.default.removeItem(atPath: home) }
                let login = try Child.run(
                    dealdeck,
                    ["login", "--home", home, "--method", "password", "--login-url", emulator.urls.loginURL, "--consumer-key", credentials.consumerKey,
                     "--username", credentials.username], environment: environment)
                guard login.status == 0 else { throw BenchmarkArguments.Problem(message: "dealdeck login failed: \(login.stderr)") }

                let usageBefore = emulator.services.usage.usage.used
                let full = try Child.run(dealdeck, ["sync", "--home", home, "--json"], environment: environment)
                guard full.status == 0, let finished = lastRun(full.stdout) else {
                    throw BenchmarkArguments.Problem(message: "dealdeck sync failed (\(full.status)): \(full.stderr)\(full.stdout.suffix(400))")
                }
                dealdeckRuns.append(Measured(
                    records: finished.records == 0 ? size : finished.records, seconds: full.seconds, peakRSSKilobytes: full.maxRSSKilobytes,
                    apiCalls: emulator.services.usage.usage.used - usageBefore))

                if round == 1 {
                    let usageBeforeIncremental = emulator.services.usage.usage.used
                    let incremental = try Child.run(dealdeck, ["sync", "--home", home, "--json"], environment: environment)
                    guard incremental.status == 0 else { throw BenchmarkArguments.Problem(message: "the incremental sync failed: \(incremental.stderr)") }
                    roundTrips = emulator.services.usage.usage.used - usageBeforeIncremental
                }

                if let python {
                    var peerEnvironment = ProcessInfo.processInfo.environment
                    peerEnvironment["EMULATOR_READY"] = emulator.readyLine
                    let usageBeforePeer = emulator.services.usage.usage.used
                    let result = try Child.run(
                        python, [peerScript, "--db", home + "/peer.sqlite", "--schema-from", home + "/data/cache.sqlite"], environment: peerEnvironment)
                    guard result.status == 0 else { throw BenchmarkArguments.Problem(message: "the peer failed: \(result.stderr.suffix(2000))") }
                    peerRuns.append(Measured(
                        records: peerRecords(result.stdout) ?? 0, seconds: result.seconds, peakRSSKilobytes: result.maxRSSKilobytes,
                        apiCalls: emulator.services.usage.usage.used - usageBeforePeer))
                }
            }
            let dealdeck = Measured(median: dealdeckRuns)
            let peer = peerRuns.isEmpty ? nil : Measured(median: peerRuns)
            await emulator.stop()
            return Row(size: size, serveRate: serveRate, sourceRate: sourceRate, dealdeck: dealdeck, peer: peer, emptyIncrementalRoundTrips: roundTrips)
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// Records per second through the live source alone: HTTP, JSON and mapping to `Opportunity`,
    /// one page prefetched as the engine does, nothing written.
    private static func sourceOnly(_ emulator: RunningEmulator) async throws -> Double {
        let credentials = emulator.credentials
        let oauth = OAuthClient(
            loginHost: try LoginHost(parsing: emulator.urls.loginURL), consumerKey: credentials.consumerKey, consumerSecret: credentials.consumerSecret)
        let session = try await oauth.passwordGrant(username: credentials.username, password: credentials.password, securityToken: credentials.securityToken)
        let source = SalesforceSource(client: SalesforceClient(session: session))
        let query = SyncQueryBuilder(fields: SyncQueryBuilder.wantedFields.filter { $0 != "CurrencyIsoCode" })
        let started = Date()
        var page = try await source.query(query.fullQuery(after: nil), includeDeleted: true, batchSize: 2000)
        var records = 0
        while true {
            var next: Task<SourcePage, any Error>?
            if let link = page.nextPage { next = Task { try await source.queryMore(link, batchSize: 2000) } }
            records += page.records.count
            guard let next else { break }
            page = try await next.value
        }
        return Double(records) / Date().timeIntervalSince(started)
    }

    /// The emulator's raw rate for this size, from `dealdeck-bench serve` (one measured run).
    private static func serve(binDirectory: String, size: Int) throws -> Double? {
        let result = try Child.run(binDirectory + "/dealdeck-bench", ["serve", "--opportunities", String(size), "--runs", "1"], environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else { return nil }
        // "median 312345 records/s, best …"
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("median ") {
            let words = line.split(separator: " ")
            if words.count > 1, let rate = Double(words[1]) { return rate }
        }
        return nil
    }

    /// Records written by the run in the last `finished` JSON line (new + updated + unchanged is
    /// not reported, so new + updated + deleted + undeleted of a first sync is every row).
    private static func lastRun(_ output: String) -> (records: Int, apiCalls: Int)? {
        for line in output.split(separator: "\n").reversed() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                object["event"] as? String == "finished", let run = object["run"] as? [String: Any]
            else { continue }
            let records = ["new", "updated", "deleted", "undeleted"].compactMap { run[$0] as? Int }.reduce(0, +)
            return (records, run["apiCalls"] as? Int ?? 0)
        }
        return nil
    }

    private static func peerRecords(_ output: String) -> Int? {
        for line in output.split(separator: "\n").reversed() {
            if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let records = object["records"] as? Int {
                return records
            }
        }
        return nil
    }

    private static func report(_ rows: [Row]) {
        print("")
        print("dealdeck-bench sync: initial sync from the in-process emulator (release build, \(ProcessInfo.processInfo.activeProcessorCount) cores)")
        print("")
        let header = ["opportunities", "tool", "records", "seconds", "records/s", "peak RSS MB", "API calls", "each run (s)"]
        var table: [[String]] = []
        for row in rows {
            table.append(cells(row.size, "dealdeck", row.dealdeck))
            if let peer = row.peer { table.append(cells(row.size, "peer (simple-salesforce)", peer)) }
        }
        printTable(header, table)
        print("")
        for row in rows {
            var line = "\(row.size): "
            if let peer = row.peer, peer.recordsPerSecond > 0 {
                line += String(format: "dealdeck %.1f× the peer's throughput (target ≥ 5×); ", row.dealdeck.recordsPerSecond / peer.recordsPerSecond)
            }
            if let serve = row.serveRate { line += "emulator serves \(Int(serve)) records/s raw; " }
            line += "REST paging alone maps \(Int(row.sourceRate)) records/s (HTTP + JSON + Opportunity, no cache: the path of loads below the Bulk threshold); "
            line += "incremental with nothing changed: \(row.emptyIncrementalRoundTrips) round trip\(row.emptyIncrementalRoundTrips == 1 ? "" : "s") (target 1)"
            print(line)
        }
        if rows.count > 1, let first = rows.first, let last = rows.last {
            print(String(format: "dealdeck peak memory %d MB at %d → %d MB at %d (%.2f×; flat means it does not grow with the org)",
                first.dealdeck.peakRSSKilobytes / 1024, first.size, last.dealdeck.peakRSSKilobytes / 1024, last.size,
                Double(last.dealdeck.peakRSSKilobytes) / Double(max(1, first.dealdeck.peakRSSKilobytes))))
        }
    }

    private static func cells(_ size: Int, _ tool: String, _ measured: Measured) -> [String] {
        [String(size), tool, String(measured.records), String(format: "%.2f", measured.seconds), String(Int(measured.recordsPerSecond)),
         String(measured.peakRSSKilobytes / 1024), String(measured.apiCalls),
         measured.runSeconds.map { String(format: "%.2f", $0) }.joined(separator: " ")]
    }

    private static func printTable(_ header: [String], _ rows: [[String]]) {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == 1 ? cell + String(repeating: " ", count: widths[index] - cell.count) : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
        print(line(header))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in rows { print(line(row)) }
    }

    private static func repositoryRoot(from binDirectory: String) -> String {
        var url = URL(fileURLWithPath: binDirectory)
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }
}

/// A child process run to completion, with its output, wall time and peak memory.
enum Child {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
        var maxRSSKilobytes: Int
    }

    /// Runs `path` with `arguments`, capturing output in temporary files;
    /// the child's own peak resident set comes from polling `/proc/PID/status` while it runs.
    static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dealdeck-bench-child-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = directory + "/stdout"
        let err = directory + "/stderr"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        let started = Date()
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchmarkArguments.Problem(message: "could not start \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        var peakKilobytes = 0
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { throw BenchmarkArguments.Problem(message: "could not wait for \(path): errno \(errno)") }
            peakKilobytes = max(peakKilobytes, highWaterMarkKilobytes(pid))
            usleep(20_000)
        }
        let seconds = Date().timeIntervalSince(started)
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(
            status: exited, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "", seconds: seconds, maxRSSKilobytes: peakKilobytes)
    }

    /// `VmHWM` from `/proc/PID/status`: the peak resident set of the program the child runs.
    ///
    /// Why not `ru_maxrss`: posix_spawn starts the child sharing this process's memory until
    /// it execs, and Linux folds that memory's high-water mark into the child's `ru_maxrss`, so
    /// every child "peaked" at least at this process's size (here: the emulator's whole org).
    /// `VmHWM` only grows, so polling it every 20 ms misses at most the last 20 ms of growth.
    static func highWaterMarkKilobytes(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
}
