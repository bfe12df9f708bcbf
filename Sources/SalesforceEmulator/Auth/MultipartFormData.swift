/// A minimal `multipart/form-data` (RFC 7578) parser for the token endpoint, which the sf CLI's
/// device flow posts to (sfdx-core `deviceOauthService.ts`, through the `form-data` package).
///
/// Parts are framed by `--boundary` lines with CRLF line ends; each part's
/// `Content-Disposition: form-data; name="…"` names the field. File parts and per-part content
/// types are irrelevant to OAuth and their bodies are read as UTF-8 like any other value.
enum MultipartFormData {
    /// The boundary from a `Content-Type: multipart/form-data; boundary=…` value (quoted or not),
    /// or nil when the content type is not multipart form data.
    static func boundary(fromContentType contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingSpaces() }
        guard let type = parts.first, type.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "boundary" else { continue }
            let value = unquote(pair[1].trimmingSpaces())
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The named fields of `body`, in order. Malformed framing ends parsing with what was read
    /// so far, which then fails the grant's own checks with the usual OAuth error.
    static func fields(of body: [UInt8], boundary: String) -> [(name: String, value: String)] {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        let headerEnd: [UInt8] = [13, 10, 13, 10]
        var result: [(name: String, value: String)] = []
        // The first delimiter may be preceded by a preamble; later ones always follow a CRLF.
        guard var cursor = find(delimiter, in: body, from: 0) else { return result }
        cursor += delimiter.count
        while cursor + 2 <= body.count {
            if body[cursor] == 45, body[cursor + 1] == 45 { break }  // "--": the closing delimiter
            guard body[cursor] == 13, body[cursor + 1] == 10 else { break }
            let headersStart = cursor + 2
            guard let headersEnd = find(headerEnd, in: body, from: headersStart) else { break }
            let contentStart = headersEnd + headerEnd.count
            guard let next = find(crlf + delimiter, in: body, from: contentStart) else { break }
            let headers = String(decoding: body[headersStart..<headersEnd], as: UTF8.self)
            if let name = fieldName(fromHeaders: headers) {
                result.append((name, String(decoding: body[contentStart..<next], as: UTF8.self)))
            }
            cursor = next + crlf.count + delimiter.count
        }
        return result
    }

    /// The `name` parameter of the part's `Content-Disposition` header.
    static func fieldName(fromHeaders headers: String) -> String? {
        for line in headers.split(separator: "\r\n", omittingEmptySubsequences: true) {
            let header = line.split(separator: ":", maxSplits: 1)
            guard header.count == 2, header[0].trimmingSpaces().lowercased() == "content-disposition" else { continue }
            for parameter in splitParameters(String(header[1])).dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2, pair[0].trimmingSpaces().lowercased() == "name" {
                    return unquote(pair[1].trimmingSpaces())
                }
            }
        }
        return nil
    }

    /// Splits `form-data; name="a;b"; filename="x"` on semicolons outside quotes.
    private static func splitParameters(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" && quoted {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                parts.append(current.trimmingSpaces())
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current.trimmingSpaces())
        return parts
    }

    /// Removes surrounding quotes and backslash escapes from a quoted-string.
    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (header whitespace).
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
