import AsyncHTTPClient
import DealdeckCore
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SalesforceEmulator

/// `serve`: how fast the emulator serves a full Dealdeck sync query.
///
/// Starts the emulator in-process, signs in with the password grant, then pages through
/// `SELECT <Dealdeck's default fields> FROM Opportunity ORDER BY SystemModstamp, Id` with the
/// default batch of 2,000 over one keep-alive loopback connection. Bodies are drained, never
/// decoded; the next page's URL is read from the first bytes, where Salesforce's key order
/// puts `nextRecordsUrl`. Target: ≥ 250,000 records/s in a release build.
enum ServeBenchmark {
    static let benchmark = Benchmark(
        name: "serve",
        summary: "records/second the emulator serves for a full paged Opportunity query",
        options: [
            "--opportunities N  org size (default 200000)",
            "--runs N           measured runs after one warm-up (default 3)",
        ],
        run: { try await run($0) }
    )

    /// The fields a Dealdeck sync selects by default.
    static let fields = [
        "Id", "Name", "AccountId", "Account.Name", "StageName", "Amount", "CloseDate", "Probability", "Type", "LeadSource",
        "NextStep", "Description", "ForecastCategoryName", "IsClosed", "IsWon", "OwnerId", "Owner.Name", "Owner.Email",
        "CreatedDate", "LastModifiedDate", "SystemModstamp", "IsDeleted",
    ]
    static var soql: String { "SELECT \(fields.joined(separator: ", ")) FROM Opportunity ORDER BY SystemModstamp, Id" }

    struct Run {
        var pages = 0
        var records = 0
        var bytes = 0
        var firstPageSeconds = 0.0
        var seconds = 0.0
        /// Process CPU time (user + system) during the run: steadier than wall time on a busy machine.
        var cpuSeconds = 0.0
        var recordsPerSecond: Double { Double(records) / seconds }
    }

    static func run(_ arguments: BenchmarkArguments) async throws -> Int32 {
        let unknown = arguments.unknown(["opportunities", "runs"])
        guard unknown.isEmpty else { throw BenchmarkArguments.Problem(message: "unknown option --\(unknown[0])") }
        let opportunities = try arguments.integer("opportunities", default: 200_000)
        let runs = try arguments.integer("runs", default: 3)

        var configuration = EmulatorConfiguration()
        configuration.opportunities = opportunities
        configuration.dailyAPILimit = 10_000_000
        var logger = Logger(label: "dealdeck-bench")
        logger.logLevel = .critical
        let clock = ContinuousClock()
        let startedAt = clock.now
        let emulator = try await SalesforceEmulator.start(configuration, logger: logger)
        let startSeconds = seconds(clock.now - startedAt)
        let live = emulator.services.org.statistics().liveOpportunities

        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(60))))
        var results: [Run] = []
        do {
            let token = try await signIn(emulator, client: client)
            _ = try await page(through: emulator.urls.url, token: token, client: client)
            for _ in 0..<runs {
                results.append(try await page(through: emulator.urls.url, token: token, client: client))
            }
        } catch {
            try? await client.shutdown()
            await emulator.stop()
            throw error
        }
        try await client.shutdown()
        await emulator.stop()

        print("dealdeck-bench serve: \(live) live opportunities (org of \(opportunities) generated and served in \(format(startSeconds, 2)) s)")
        print("query: \(soql)")
        print("")
        let header = ["run", "pages", "records", "MB", "first page ms", "seconds", "cpu s", "records/s", "MB/s"]
        var rows: [[String]] = []
        for (index, run) in results.enumerated() {
            rows.append([
                String(index + 1), String(run.pages), String(run.records), format(Double(run.bytes) / 1_048_576, 1),
                format(run.firstPageSeconds * 1000, 1), format(run.seconds, 3), format(run.cpuSeconds, 3), String(Int(run.recordsPerSecond)),
                format(Double(run.bytes) / 1_048_576 / run.seconds, 1),
            ])
        }
        let best = results.map(\.recordsPerSecond).max() ?? 0
        let median = results.map(\.recordsPerSecond).sorted()[results.count / 2]
        printTable(header, rows)
        print("")
        print("median \(Int(median)) records/s, best \(Int(best)) records/s (target ≥ 250000)")
        return 0
    }

    private static func signIn(_ emulator: RunningEmulator, client: HTTPClient) async throws -> String {
        let credentials = emulator.credentials
        let form = FormURLEncoding.encode([
            ("grant_type", "password"), ("client_id", credentials.consumerKey), ("client_secret", credentials.consumerSecret),
            ("username", credentials.username), ("password", credentials.password + credentials.securityToken),
        ])
        var request = HTTPClientRequest(url: emulator.urls.url + "/services/oauth2/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok,
            let json = try JSONSerialization.jsonObject(with: Data(Array(buffer: body))) as? [String: Any],
            let token = json["access_token"] as? String
        else { throw BenchmarkArguments.Problem(message: "sign-in failed: HTTP \(response.status.code)") }
        return token
    }

    /// Pages through the whole query once, draining bodies.
    private static func page(through base: String, token: String, client: HTTPClient) async throws -> Run {
        var run = Run()
        let clock = ContinuousClock()
        let cpuStarted = processCPUSeconds()
        let started = clock.now
        var next: String? = "/services/data/v62.0/query?q=" + FormURLEncoding.percentEncode(soql)
        while let path = next {
            var request = HTTPClientRequest(url: base + path)
            request.headers.add(name: "Authorization", value: "Bearer " + token)
            let response = try await client.execute(request, timeout: .seconds(120))
            guard response.status == .ok else { throw BenchmarkArguments.Problem(message: "HTTP \(response.status.code) on \(path)") }
            next = nil
            var head: [UInt8] = []
            var sawHead = false
            for try await chunk in response.body {
                run.bytes += chunk.readableBytes
                if !sawHead {
                    head += chunk.getBytes(at: chunk.readerIndex, length: min(chunk.readableBytes, 512 - head.count)) ?? []
                    if head.count >= 512 || chunk.readableBytes == 0 { sawHead = true }
                    next = nextRecordsURL(in: head)
                    if next != nil { sawHead = true }
                }
            }
            if !sawHead { next = nextRecordsURL(in: head) }
            run.pages += 1
            if run.pages == 1 { run.firstPageSeconds = seconds(clock.now - started) }
        }
        run.seconds = seconds(clock.now - started)
        run.cpuSeconds = processCPUSeconds() - cpuStarted
        run.records = try await count(base: base, token: token, client: client)
        return run
    }

    /// `nextRecordsUrl` from the start of a page body, without parsing the JSON.
    private static func nextRecordsURL(in head: [UInt8]) -> String? {
        let marker = Array(#""nextRecordsUrl":""#.utf8)
        guard head.count > marker.count else { return nil }
        for start in 0...(head.count - marker.count) where head[start..<(start + marker.count)].elementsEqual(marker) {
            let valueStart = start + marker.count
            guard let end = head[valueStart...].firstIndex(of: 34) else { return nil }
            return String(decoding: head[valueStart..<end], as: UTF8.self)
        }
        return nil
    }

    /// The row count, from a COUNT() query (kept out of the timed loop).
    private static func count(base: String, token: String, client: HTTPClient) async throws -> Int {
        var request = HTTPClientRequest(url: base + "/services/data/v62.0/query?q=" + FormURLEncoding.percentEncode("SELECT COUNT() FROM Opportunity"))
        request.headers.add(name: "Authorization", value: "Bearer " + token)
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(Array(buffer: body))) as? [String: Any]
        return json?["totalSize"] as? Int ?? 0
    }

    /// User plus system CPU time of this process so far.
    private static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    private static func printTable(_ header: [String], _ rows: [[String]]) {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in String(repeating: " ", count: widths[index] - cell.count) + cell }.joined(separator: "  ")
        }
        print(line(header))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in rows { print(line(row)) }
    }
}
