/// Why the sealed secrets could not be read or written. Messages never include a secret.
public enum SecretStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key file exists but does not hold 32 bytes.
    case damagedKeyFile(path: String)
    case unreadableKeyFile(path: String, reason: String)
    case keyCommandFailed(command: String, status: Int32)
    /// The key command's output was not 32 bytes as base64 or hex.
    case malformedKeyCommandOutput(command: String)
    /// The secrets file is not a Dealdeck sealed file.
    case damagedSecretsFile(path: String)
    /// Authentication failed: the file was sealed with another key, or it was altered.
    case wrongKey(path: String)
    case unreadableSecretsFile(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .damagedKeyFile(let path):
            return "The secrets key file \(path) is damaged (it must hold 32 bytes). Remove it and the secrets file, then run `dealdeck login` again."
        case .unreadableKeyFile(let path, let reason):
            return "Dealdeck cannot read its secrets key file \(path) (\(reason)). Check that the file belongs to you."
        case .keyCommandFailed(let command, let status):
            return
                "The key_command `\(command)` failed with exit status \(status). Run it by hand to see why, or remove key_command from the "
                + "[security] settings."
        case .malformedKeyCommandOutput(let command):
            return
                "The key_command `\(command)` must print a 32-byte key as base64 (44 characters) or hex (64 characters). Generate one with "
                + "`openssl rand -base64 32`."
        case .damagedSecretsFile(let path):
            return "The sealed secrets file \(path) is damaged. Run `dealdeck logout --all` to remove it, then `dealdeck login` again."
        case .wrongKey(let path):
            return "The sealed secrets file \(path) cannot be opened with the current key (was the key file replaced or key_command changed?). "
                + "Restore the old key, or run `dealdeck logout --all` and `dealdeck login` again."
        case .unreadableSecretsFile(let path, let reason):
            return "Dealdeck cannot read its sealed secrets file \(path) (\(reason)). Check that the file belongs to you."
        case .cannotWrite(let path, let reason):
            return "Dealdeck cannot write \(path) (\(reason)). Check that the folder belongs to you and the disk is not full."
        }
    }
}
