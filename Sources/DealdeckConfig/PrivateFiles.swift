import Foundation

/// File helpers that keep Dealdeck's files private: directories 0700, files 0600, and
/// atomic replacement so a crash never leaves a half-written config or secret.
public enum PrivateFiles {
    public static func createDirectory(_ path: String) throws(ConfigError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        } catch {
            throw .cannotCreateDirectory(path: path, reason: Self.reason(error))
        }
    }

    /// Writes `data` to `path` through a temporary file in the same directory and a rename.
    public static func writeAtomically(_ data: Data, to path: String) throws(ConfigError) {
        let directory = (path as NSString).deletingLastPathComponent
        try createDirectory(directory)
        let temporary = directory + "/.\((path as NSString).lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw .cannotWrite(path: path, reason: "the folder is not writable")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if rename(temporary, path) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .cannotWrite(path: path, reason: Self.reason(error))
        }
    }

    /// The mode bits of a file, or nil when it does not exist.
    public static func permissions(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
