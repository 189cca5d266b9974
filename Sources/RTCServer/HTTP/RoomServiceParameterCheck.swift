/// Checks a room-management call's parameters exactly as the REST endpoint does, without a running
/// server: the public way in to `RoomServiceParameters` for the fuzz harness (Fuzz/Targets/FuzzRESTBody).
public enum RoomServiceParameterCheck {
    /// The Cloud API error code the endpoint would answer for the parameters of `action` (an
    /// `X-TC-Action` name) read from `body` (POST) or from `query` (GET, when not nil); nil when valid.
    public static func errorCode(action: String, body: [UInt8], query: String? = nil) -> String? {
        guard let action = RoomServiceAction(rawValue: action) else { return "InvalidAction" }
        do {
            _ = try RoomServiceParameters(action: action, body: body, query: query)
            return nil
        } catch let failure as RESTFailure {
            return failure.code
        } catch {
            return "InternalError"
        }
    }
}
