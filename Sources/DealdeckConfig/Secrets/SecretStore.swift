import Crypto
import Foundation
import Synchronization

/// The sealed secrets file: a `SecretBundle` encrypted and authenticated with AES-GCM.
///
/// The file is `DealdeckPaths.secretsFile` (0600, replaced atomically); its key comes from a
/// `SecretKeySource`. Nothing in the file is readable without the key, and any change to it
/// (or the wrong key) is detected when it is opened. `update` serialises read-modify-write
/// cycles across processes with an advisory lock, so a sync that stores a rotated refresh
/// token and a `dealdeck logout` in another terminal cannot undo each other.
public struct SecretStore: Sendable {
    public let path: String
    public let keySource: SecretKeySource
    private let cachedKey = KeyCache()

    public init(path: String, keySource: SecretKeySource) {
        self.path = path
        self.keySource = keySource
    }

    /// The profile's store: `DealdeckPaths.secretsFile` sealed with the standard key source.
    public static func standard(paths: DealdeckPaths, settings: DealdeckSettings) -> SecretStore {
        SecretStore(path: paths.secretsFile, keySource: .standard(paths: paths, settings: settings))
    }

    /// Header of a sealed file; also the AES-GCM associated data, so a file sealed by another
    /// format version fails to open instead of being misread.
    static let magic = Array("DEALDECK-SEALED-1\n".utf8)

    /// Whether a sealed file exists.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The stored secrets; an empty bundle when nothing was stored yet.
    public func load() throws(SecretStoreError) -> SecretBundle {
        guard exists else { return SecretBundle() }
        let sealed: Data
        do {
            sealed = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableSecretsFile(path: path, reason: PrivateFiles.reason(error))
        }
        guard sealed.count > Self.magic.count + 28, Array(sealed.prefix(Self.magic.count)) == Self.magic else {
            throw .damagedSecretsFile(path: path)
        }
        guard let key = try key(create: false) else { throw .wrongKey(path: path) }
        let plain: Data
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.dropFirst(Self.magic.count))
            plain = try AES.GCM.open(box, using: key, authenticating: Self.magic)
        } catch {
            throw .wrongKey(path: path)
        }
        do {
            return try JSONDecoder().decode(SecretBundle.self, from: plain)
        } catch {
            throw .damagedSecretsFile(path: path)
        }
    }

    /// Seals and writes `bundle` atomically; an empty bundle removes the file.
    public func save(_ bundle: SecretBundle) throws(SecretStoreError) {
        if bundle == SecretBundle() {
            try remove()
            return
        }
        guard let key = try key(create: true) else { throw .cannotWrite(path: path, reason: "no key") }
        let sealed: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let plain = try encoder.encode(bundle)
            guard let combined = try AES.GCM.seal(plain, using: key, authenticating: Self.magic).combined else {
                throw SecretStoreError.cannotWrite(path: path, reason: "sealing failed")
            }
            sealed = Data(Self.magic) + combined
        } catch {
            throw .cannotWrite(path: path, reason: String(describing: error))
        }
        do {
            try PrivateFiles.writeAtomically(sealed, to: path)
        } catch {
            throw .cannotWrite(path: path, reason: error.description)
        }
    }

    /// Reads, changes and writes the bundle under an exclusive lock; returns the new bundle.
    @discardableResult
    public func update(_ change: (inout SecretBundle) throws -> Void) throws -> SecretBundle {
        try withLock {
            var bundle = try load()
            try change(&bundle)
            try save(bundle)
            return bundle
        }
    }

    /// Deletes the sealed file (the key stays, so a later sign-in reuses it).
    public func remove() throws(SecretStoreError) {
        guard exists else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw .cannotWrite(path: path, reason: PrivateFiles.reason(error))
        }
    }

    private func key(create: Bool) throws(SecretStoreError) -> SymmetricKey? {
        if let bytes = cachedKey.value { return SymmetricKey(data: bytes) }
        let key = try keySource.loadKey(createIfMissing: create)
        if let key { cachedKey.value = key.withUnsafeBytes { Data($0) } }
        return key
    }

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let lockPath = path + ".lock"
        do {
            try PrivateFiles.createDirectory((path as NSString).deletingLastPathComponent)
        } catch {
            throw SecretStoreError.cannotWrite(path: path, reason: error.description)
        }
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o600)
        guard descriptor >= 0 else { throw SecretStoreError.cannotWrite(path: lockPath, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw SecretStoreError.cannotWrite(path: lockPath, reason: String(cString: strerror(errno))) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}

/// The key once read, shared by copies of a store, so a `key_command` (which may ask for a
/// passphrase) runs at most once per process.
private final class KeyCache: Sendable {
    // The raw bytes rather than a `SymmetricKey`, which is not `Sendable`.
    private let slot = Mutex<Data?>(nil)

    var value: Data? {
        get { slot.withLock { $0 } }
        set { slot.withLock { $0 = newValue } }
    }
}
