import ArgumentParser
import DealdeckCache
import DealdeckConfig
import DealdeckCore
import Foundation

/// A failure to report: one sentence on what went wrong and what to do, and an exit code.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32

    init(_ message: String, exitCode: Int32 = ExitCodes.failure) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}

/// Documented exit codes (also in `dealdeck --help` and the README).
enum ExitCodes {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
    static let signInNeeded: Int32 = 3
    static let rateLimited: Int32 = 4
    static let network: Int32 = 5
    static let syncRunning: Int32 = 6
}

/// Runs a command body, turning every error into one line on stderr and its exit code.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        Terminal.printError(error.message)
        throw ExitCode(error.exitCode)
    } catch let error as CacheError {
        Terminal.printError(error.description)
        throw ExitCode(ExitCodes.failure)
    } catch let error as ConfigError {
        Terminal.printError(error.description)
        throw ExitCode(ExitCodes.failure)
    } catch let error as OpportunityQueryError {
        Terminal.printError(error.description)
        throw ExitCode(ExitCodes.usage)
    } catch let error as SalesforceIDError {
        Terminal.printError(error.description)
        throw ExitCode(ExitCodes.usage)
    } catch let error as AppUserError {
        Terminal.printError(error.description)
        throw ExitCode(ExitCodes.usage)
    }
}
