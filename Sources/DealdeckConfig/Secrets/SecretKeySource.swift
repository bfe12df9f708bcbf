import Crypto
import Foundation

/// Where the 256-bit key that seals the secrets file comes from: a 0600 key file created on
/// first use (the default), or a `key_command` whose stdout is the key (base64 or hex), so the
/// key can live in a password manager instead of next to the data.
public enum SecretKeySource: Sendable, Equatable {
    case keyFile(path: String)
    case command(String)

    /// The profile's key source: `security.key_command` when set, else `DealdeckPaths.keyFile`.
    public static func standard(paths: DealdeckPaths, settings: DealdeckSettings) -> SecretKeySource {
        if let command = settings.security.keyCommand?.trimmingCharacters(in: .whitespaces), !command.isEmpty {
            return .command(command)
        }
        return .keyFile(path: paths.keyFile)
    }

    static let keyByteCount = 32

    /// Reads (or, for a key file seen for the first time, creates) the key.
    func loadKey(createIfMissing: Bool) throws(SecretStoreError) -> SymmetricKey? {
        switch self {
        case .keyFile(let path): return try Self.keyFromFile(path, create: createIfMissing)
        case .command(let command): return try Self.keyFromCommand(command)
        }
    }

    private static func keyFromFile(_ path: String, create: Bool) throws(SecretStoreError) -> SymmetricKey? {
        if FileManager.default.fileExists(atPath: path) {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .unreadableKeyFile(path: path, reason: PrivateFiles.reason(error))
            }
            guard data.count == keyByteCount else { throw .damagedKeyFile(path: path) }
            return SymmetricKey(data: data)
        }
        guard create else { return nil }
        do {
            try PrivateFiles.createDirectory((path as NSString).deletingLastPathComponent)
        } catch {
            throw .cannotWrite(path: path, reason: error.description)
        }
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Data($0) }
        // O_EXCL: when two processes start at once, exactly one creates the key and the other
        // reads it, instead of each sealing with a key the other overwrote.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return try keyFromFile(path, create: false) }
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            unlink(path)
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        return key
    }

    private static func keyFromCommand(_ command: String) throws(SecretStoreError) -> SymmetricKey {
        let output: ShellCommand.Output
        do {
            output = try ShellCommand.run(command)
        } catch {
            throw .keyCommandFailed(command: command, status: -1)
        }
        guard output.status == 0 else { throw .keyCommandFailed(command: command, status: output.status) }
        let text = String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let bytes = hexBytes(text), bytes.count == keyByteCount { return SymmetricKey(data: bytes) }
        if let data = Data(base64Encoded: text), data.count == keyByteCount { return SymmetricKey(data: data) }
        throw .malformedKeyCommandOutput(command: command)
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case 48...57: return digit - 48
            case 65...70: return digit - 55
            case 97...102: return digit - 87
            default: return nil
            }
        }
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
