import DealdeckCore
import Foundation

/// `POST /services/oauth2/token`: every grant, plus the device flow's code request.
extension OAuthEndpoint {
    /// How the client asked for the answer: `format=json|urlencoded|xml`, else `Accept`. JSON
    /// is the default; XML is answered as JSON because no client this emulator serves asks for it.
    enum TokenFormat { case json, urlencoded }

    func token(_ request: EmulatorRequest) -> EmulatorResponse {
        let parameters = OAuthRequestParameters(request: request)
        let format = Self.tokenFormat(parameters, request)
        guard request.method == "POST" else { return Self.render(.mustUsePost, format) }
        let client = parameters.clientAuthentication(authorization: request.header("authorization"))
        do throws(OAuthError) {
            if parameters["grant_type"] == nil, parameters["response_type"] == "device_code" {
                let device = try auth.requestDeviceCode(clientId: client.id, scope: parameters["scope"])
                return deviceCodeResponse(device)
            }
            let issued: IssuedToken
            switch parameters["grant_type"] {
            case "password":
                issued = try auth.passwordGrant(client: client, username: parameters["username"], password: parameters["password"])
            case "refresh_token":
                issued = try auth.refreshGrant(client: client, refreshToken: parameters["refresh_token"])
            case "authorization_code":
                issued = try auth.authorizationCodeGrant(
                    client: client, code: parameters["code"], redirectURI: parameters["redirect_uri"],
                    codeVerifier: parameters["code_verifier"]
                )
            case "device":
                // Salesforce's grant is `device` with `code=`, not RFC 8628's URN with `device_code=`.
                issued = try auth.deviceGrant(client: client, deviceCode: parameters["code"])
            case "client_credentials":
                issued = try auth.clientCredentialsGrant(client: client, hostRole: request.hostRole)
            default:
                throw .unsupportedGrant
            }
            return Self.render(issued, format)
        } catch {
            return Self.render(error, format)
        }
    }

    private func deviceCodeResponse(_ device: DeviceAuthorization) -> EmulatorResponse {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("device_code", device.deviceCode)
        writer.field("user_code", device.userCode)
        writer.field("verification_uri", auth.urls.myDomainURL + Self.connectPath)
        writer.field("interval", DeviceAuthorization.intervalSeconds)
        writer.endObject()
        return Self.noStore(.json(200, writer.bytes))
    }

    static func tokenFormat(_ parameters: OAuthRequestParameters, _ request: EmulatorRequest) -> TokenFormat {
        if let format = parameters["format"]?.lowercased() { return format == "urlencoded" ? .urlencoded : .json }
        let accept = request.header("accept")?.lowercased() ?? ""
        if accept.hasPrefix("application/x-www-form-urlencoded") { return .urlencoded }
        return .json
    }

    static func render(_ issued: IssuedToken, _ format: TokenFormat) -> EmulatorResponse {
        switch format {
        case .urlencoded:
            return urlencoded(200, issued.fields)
        case .json:
            var writer = JSONWriter()
            writer.beginObject()
            for field in issued.fields { writer.field(field.name, field.value) }
            writer.endObject()
            return noStore(.json(200, writer.bytes))
        }
    }

    static func render(_ error: OAuthError, _ format: TokenFormat) -> EmulatorResponse {
        switch format {
        case .urlencoded: return urlencoded(error.status, [("error", error.error), ("error_description", error.errorDescription)])
        case .json: return errorJSON(error)
        }
    }

    private static func urlencoded(_ status: Int, _ fields: [(name: String, value: String)]) -> EmulatorResponse {
        let body = fields.map { AuthAuthority.formComponent($0.name) + "=" + AuthAuthority.formComponent($0.value) }
            .joined(separator: "&")
        return noStore(
            EmulatorResponse(
                status: status, headers: [("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")],
                body: Array(body.utf8)
            )
        )
    }
}
